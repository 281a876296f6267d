#!/usr/bin/env bash
# The folder of static archives a release build links (Package.swift reads it from SNOWLITE_STATIC_LIBS):
# fills .build-static-libs/ with links to the archives of SQLite, readline (with terminfo), zlib and
# libstdc++ that this machine has, and prints the folder's path. The linker searches it before the
# system's folders, so each library found here is linked in; one missing stays a shared library the
# dynamic loader binds at every start (bench/results.md, start-up: 4,000 symbol lookups and 1 ms).
# Debian's libsqlite3.a is built with the shared library's options (PRAGMA compile_options is the same).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
folder="$root/.build-static-libs"
mkdir -p "$folder"

# Where the C compiler would find an archive, or nothing.
archive() {
    local compiler found
    for compiler in clang gcc cc; do
        command -v "$compiler" >/dev/null 2>&1 || continue
        found=$("$compiler" -print-file-name="$1" 2>/dev/null || true)
        if [[ "$found" == /* && -f "$found" ]]; then
            echo "$found"
            return
        fi
    done
}

# Links lib<name>.a for each name given into the folder, or none of them unless every one is found
# (readline's archive needs terminfo's).
link() {
    local name found
    local archives=()
    for name in "$@"; do
        found=$(archive "lib$name.a")
        if [[ -z "$found" ]]; then
            for name in "$@"; do rm -f "$folder/lib$name.a"; done
            return
        fi
        archives+=("$found")
    done
    for found in "${archives[@]}"; do ln -sfn "$found" "$folder/$(basename "$found")"; done
}

link sqlite3
link readline tinfo
link z
link stdc++
echo "$folder"
