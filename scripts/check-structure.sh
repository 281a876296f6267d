#!/usr/bin/env bash
# check-structure: the rules about where code lives that the compiler cannot enforce (the folder
# rules of docs/ARCHITECTURE.md), checked with grep and find over Sources. Run from anywhere;
# `.ci/run` runs it before the tests, and with --binaries after them. Each rule is one block that
# prints the offending lines and sets `failed`; the script exits 1 if any rule failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0

# --- Rule: `SnowflakeError(code:` appears only in Sources/Engine/Errors/ --------------------------
# Error text is an interface: every error is built by a named factory in Engine/Errors/
# (SnowflakeError.swift and SnowflakeError+<Family>.swift), and call sites use the factory.
violations=$(grep -rn --include='*.swift' 'SnowflakeError(code:' Sources | grep -v '^Sources/Engine/Errors/' || true)
if [ -n "$violations" ]; then
    echo "check-structure: SnowflakeError(code: …) outside Sources/Engine/Errors/;" \
         "add a named factory in Sources/Engine/Errors/SnowflakeError+<Family>.swift and use it:" >&2
    echo "$violations" >&2
    failed=1
fi

# --- Rule: system-table SQL only in Catalog files -------------------------------------------------
# SQL naming an sl_* table of the catalog appears only in Sources/Engine/Catalog/*.swift and in
# files named Catalog+<Feature>.swift, which may live in a feature folder. A comment line (its
# first non-space characters are //) may mention an sl_ table anywhere.
catalog_sql=$(grep -rnE --include='*.swift' '\bsl_[a-z_]*' Sources \
    | grep -v '^Sources/Engine/Catalog/' \
    | grep -vE '^[^:]*/Catalog\+[^/:]*\.swift:' \
    | grep -vE '^[^:]*:[0-9]+:[[:space:]]*//' || true)
if [ -n "$catalog_sql" ]; then
    echo "check-structure: sl_ SQL outside Sources/Engine/Catalog/ and Catalog+<Feature>.swift files:" >&2
    echo "$catalog_sql" >&2
    failed=1
fi

# --- Rule: the Engine is folders, not a flat list -------------------------------------------------
# Sources/Engine holds one folder per concept (docs/ARCHITECTURE.md); at most a handful of files
# stay at its top, and no folder under Sources holds more than 20 Swift files directly.
top=$(find Sources/Engine -maxdepth 1 -name '*.swift' | wc -l)
if [ "$top" -gt 5 ]; then
    echo "check-structure: Sources/Engine has $top Swift files at its top; put them in its concept folders:" >&2
    find Sources/Engine -maxdepth 1 -name '*.swift' >&2
    failed=1
fi
while IFS= read -r folder; do
    count=$(find "$folder" -maxdepth 1 -name '*.swift' | wc -l)
    if [ "$count" -gt 20 ]; then
        echo "check-structure: $folder holds $count Swift files directly (at most 20); split it by concept" >&2
        failed=1
    fi
done < <(find Sources -type d)

# --- Rule: the snowsql executable links no web server ---------------------------------------------
# Only with --binaries, after a build: `snowsql` is SnowSQLClient alone; Hummingbird and NIO belong
# to `snowlite serve` (SnowliteCommands, Dashboard).
if [ "${1:-}" = "--binaries" ]; then
    snowsql=.build/debug/snowsql
    if [ ! -x "$snowsql" ]; then
        echo "check-structure: $snowsql is not built" >&2
        failed=1
    elif linked=$(nm "$snowsql" | grep -c -E 'Hummingbird|NIOCore|NIOPosix|Mustache'); [ "$linked" -gt 0 ]; then
        echo "check-structure: $snowsql carries $linked Hummingbird/NIO/Mustache symbols; it must not link the dashboard" >&2
        failed=1
    fi
fi

exit "$failed"
