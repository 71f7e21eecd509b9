#!/usr/bin/env bash
# `npm run test:oldest`: the Chromium and Firefox suites again, on the oldest browsers Debian
# offers (scripts/oldest-browsers.sh), so the minimum versions the manifests name stay true.
set -euo pipefail
cd "$(dirname "$0")/.."
while IFS='=' read -r name value; do
  [ -n "$name" ] && export "$name=$value"
done < <(bash scripts/oldest-browsers.sh)
npx vitest run --project e2e --project firefox
