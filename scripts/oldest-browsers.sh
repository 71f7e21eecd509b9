#!/usr/bin/env bash
# Unpacks the oldest chromium and firefox-esr that Debian's package lists offer, when older
# than the installed ones, into .cache/browsers/ (never installed, never a browser from
# anywhere but Debian), and prints `NAME=PATH` lines for the suites to run them:
#   CORS_LENS_CHROMIUM=…/usr/lib/chromium/chromium
#   CORS_LENS_FIREFOX=…/usr/lib/firefox-esr/firefox-esr
# A fresh machine without `apt-get update` gets Debian's point release (bookworm main), an
# updated one gets the security update: both must work. When Debian offers nothing older than
# what is installed, the line says so and names the installed binary.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/browsers
mkdir -p "$cache"

# package binary-inside-the-package env-var installed-binary
oldest() {
  local package=$1 inside=$2 variable=$3 installed=$4
  local versions oldest_version current
  versions=$(apt-cache madison "$package" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -u)
  current=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || true)
  oldest_version=$(printf '%s\n' $versions | while read -r v; do [ -n "$v" ] && echo "$v"; done |
    sort -V | head -n 1 || true)
  if [ -z "$oldest_version" ] || [ "$oldest_version" = "$current" ]; then
    echo "oldest-browsers: Debian offers no $package older than the installed ${current:-(none)}" >&2
    echo "$variable=$installed"
    return
  fi
  local dir="$cache/$package-$oldest_version"
  if [ ! -x "$dir/$inside" ]; then
    local download
    download=$(mktemp -d)
    local packages=("$package=$oldest_version")
    # Chromium's resources (locales, .pak files) live in chromium-common.
    [ "$package" = chromium ] && packages+=("chromium-common=$oldest_version")
    (cd "$download" && apt-get download -q "${packages[@]}" >/dev/null 2>&1) || {
      echo "oldest-browsers: apt-get download ${packages[*]} failed" >&2
      exit 1
    }
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    for deb in "$download"/*.deb; do dpkg -x "$deb" "$dir.partial"; done
    rm -rf "$download" "$dir" && mv "$dir.partial" "$dir"
  fi
  echo "oldest-browsers: $package $oldest_version (installed: ${current:-none}) in $dir" >&2
  echo "$variable=$PWD/$dir/$inside"
}

oldest chromium usr/lib/chromium/chromium CORS_LENS_CHROMIUM /usr/bin/chromium
oldest firefox-esr usr/lib/firefox-esr/firefox-esr CORS_LENS_FIREFOX /usr/bin/firefox-esr
