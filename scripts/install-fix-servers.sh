#!/usr/bin/env bash
# Installs the real servers `npm run test:fixes` proves the fixes against, from Debian's
# packages, when they are missing. Needs root (CI runs as root); prints what to install
# otherwise.
set -euo pipefail

packages=(python3-fastapi python3-uvicorn python3-flask-cors python3-django-cors-headers
  nginx-light apache2 caddy golang-go golang-github-rs-cors-dev ruby-rack-cors ruby-webrick ruby-rack)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "test:fixes needs these Debian packages: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
