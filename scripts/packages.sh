#!/usr/bin/env bash
# Installs the Debian packages Snowlite builds against when any is missing: SQLite, libcurl and
# readline headers. Uses apt-get as root, sudo otherwise; prints what to run when neither works.
set -euo pipefail
missing=()
for package in libsqlite3-dev libcurl4-openssl-dev libreadline-dev; do
    dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "Installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
elif command -v sudo > /dev/null; then
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
    echo "Please install: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
fi
