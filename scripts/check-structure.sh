#!/usr/bin/env bash
# Checks the rules about where code lives that the compiler cannot enforce (the "Rules for folders
# inside Engine" of shared/design/RESTRUCTURE.md §5). Each rule is one self-contained block that
# prints the offending lines and sets `status`; the script fails when any rule found something.
# .ci/run calls it before the tests.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# --- Rule: system-table SQL only in Catalog files ---------------------------------------------
# SQL naming an sl_* table of the catalog appears only in Sources/Engine/Catalog/*.swift and in
# files named Catalog+<Feature>.swift, which may live in a feature folder. A comment line (its
# first non-space characters are //) may mention an sl_ table anywhere.
catalog_sql=$(grep -rnE --include='*.swift' '\bsl_[a-z_]*' Sources \
    | grep -v '^Sources/Engine/Catalog/' \
    | grep -vE '^[^:]*/Catalog\+[^/:]*\.swift:' \
    | grep -vE '^[^:]*:[0-9]+:[[:space:]]*//')
if [[ -n "$catalog_sql" ]]; then
    echo "check-structure: sl_ SQL outside Sources/Engine/Catalog/ and Catalog+<Feature>.swift files:"
    echo "$catalog_sql"
    status=1
fi
# --- end of rule: system-table SQL only in Catalog files --------------------------------------

exit "$status"
