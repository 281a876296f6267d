#!/usr/bin/env bash
# bench/merge-scaling.sh — how MERGE's cost grows with the target table (bench/README.md).
#
# Measures MERGE INTO t USING (<100 × SELECT n AS id, PARSE_JSON('…') AS raw, UNION ALL>) s
# ON t.raw:id = s.raw:id WHEN MATCHED THEN UPDATE … WHEN NOT MATCHED THEN INSERT …, the
# workload's merge shape with a 100-row page (60 ids matched, 40 new), into a table of 1,000 rows
# and into one of 100,000 rows (loaded 1,000 rows per INSERT … SELECT column1,
# PARSE_JSON(column2) FROM VALUES …, one row per line; Snowlite has no WITH RECURSIVE). Each table gets 20 merges
# (so it grows by 800 rows), on a fresh in-memory account and on a fresh WAL file account.
#
# Only the MERGE statements are timed: snowsql runs with -o timing=true and the script sums the
# `Time Elapsed` footers that follow a MERGE's `number of rows inserted,number of rows updated`
# result (1 ms resolution each). Output: per-merge milliseconds for each table size (the mean of
# all merges, the first merge alone — it may build an index on the target's key expression — and
# the mean of the others), the ratio 100k/1k of the means (≈1: the join is indexed; ≈100: every
# merge scans the table), the load time (sum of the loading INSERTs' footers), failed statements. The final COUNT(*) and
# COUNT(DISTINCT raw:id) are checked; the script exits non-zero if a merge failed or a count is wrong.
#
# Environment: SIZES (default "1000 100000"), MERGES (20), PAGE (100), MODES ("memory wal"),
# SOURCE (union: the page as a UNION ALL of one-row SELECTs, the workload's shape; values: the page
# as one SELECT column1 AS id, PARSE_JSON(column2) AS raw FROM VALUES …),
# SCRATCH (.build-bench), SNOWLITE_BIN (directory with snowsql and snowlite-workload: no build).
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 100000"}
MERGES=${MERGES:-20}
PAGE=${PAGE:-100}
MODES=${MODES:-"memory wal"}
SOURCE=${SOURCE:-union}
SCRATCH=${SCRATCH:-.build-bench}
SWIFT=${SWIFT:-swift}

if [[ -n ${SNOWLITE_BIN:-} ]]; then
    BIN=$SNOWLITE_BIN
else
    echo "building release (scratch path $SCRATCH)…" >&2
    # Linked as the Makefile links a release build (Package.swift, SNOWLITE_STATIC_LIBS).
    SNOWLITE_STATIC_LIBS=$("$(dirname "$0")/../scripts/static-libs.sh")
    export SNOWLITE_STATIC_LIBS
    # The Makefile's RELEASE_FLAGS.
    release=(-c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors -Xswiftc -Xfrontend -Xswiftc -function-sections)
    # By product, as the Makefile's BENCH_BUILD: a plain build also links GRDB's dynamic library,
    # which --static-swift-stdlib cannot link.
    for product in snowsql snowlite-workload; do
        "$SWIFT" build "${release[@]}" --scratch-path "$SCRATCH" --product "$product" >&2
    done
    BIN=$("$SWIFT" build "${release[@]}" --scratch-path "$SCRATCH" --show-bin-path)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-merge.XXXXXX")
trap 'rm -rf "$work"' EXIT
: > "$work/empty.config"
for size in $SIZES; do
    "$BIN/snowlite-workload" merge-scaling-setup --rows "$size" --output "$work/setup-$size.sql"
    "$BIN/snowlite-workload" merge-scaling-merges --rows "$size" --merges "$MERGES" --page "$PAGE" \
        --source "$SOURCE" --output "$work/merges-$size.sql"
done

status=0
declare -A per_merge
results=()
for mode in $MODES; do
    for size in $SIZES; do
        home=$(mktemp -d "$work/home.XXXXXX")
        case $mode in
            memory) db=(--db :memory:) ;;
            wal) db=(--db "$home/merge.sqlite") ;; # created in WAL mode
            *) echo "unknown mode $mode" >&2; exit 2 ;;
        esac
        out="$work/$mode-$size.out"
        echo "$mode, $size rows: loading and merging…" >&2
        rc=0
        SNOWLITE_HOME=$home "$BIN/snowsql" --config "$work/empty.config" "${db[@]}" \
            -o friendly=false -o timing=true -o output_format=csv \
            -f "$work/setup-$size.sql" -f "$work/merges-$size.sql" > "$out" || rc=$?
        if (( rc != 0 )); then echo "snowsql exited with status $rc" >&2; status=1; fi
        # kind: what the last result header says the statement was; its footer is added to it.
        read -r merges merge_s first_s load_s failed < <(awk '
            /^[0-9][0-9][0-9][0-9][0-9][0-9] \([0-9A-Z]+\): / { failed++; kind = ""; next }
            /^"?number of rows inserted"?,"?number of rows updated/ { kind = "merge"; next }
            /^"?number of rows inserted"?$/ { kind = "load"; next }
            /Time Elapsed: / {
                seconds = $0; sub(/.*Time Elapsed: /, "", seconds); sub(/s$/, "", seconds)
                if (kind == "merge") { merges++; merge_s += seconds; if (merges == 1) first_s = seconds }
                if (kind == "load") load_s += seconds
                kind = ""
            }
            END { printf "%d %.3f %.3f %.3f %d\n", merges, merge_s, first_s, load_s, failed }' "$out")
        # The last result is COUNT(*), COUNT(DISTINCT raw:id), SUM(id), then its footer.
        final=$(grep -v 'Time Elapsed' "$out" | tail -n 1 | tr -d '"')
        IFS=, read -r rows distinct _ <<< "$final" || true
        expected=$(( size + MERGES * (PAGE - PAGE * 3 / 5) ))
        if (( merges != MERGES )) || [[ $rows != "$expected" || $distinct != "$expected" ]]; then
            echo "WRONG: $mode $size: $merges of $MERGES merges succeeded, final '$final', expected $expected rows" >&2
            status=1
        fi
        ms=n/a first_ms=n/a rest_ms=n/a
        if (( merges > 0 )); then
            ms=$(awk -v s="$merge_s" -v n="$merges" 'BEGIN { printf "%.1f", s * 1000 / n }')
            first_ms=$(awk -v s="$first_s" 'BEGIN { printf "%.0f", s * 1000 }')
        fi
        if (( merges > 1 )); then
            rest_ms=$(awk -v s="$merge_s" -v f="$first_s" -v n="$merges" 'BEGIN { printf "%.1f", (s - f) * 1000 / (n - 1) }')
        fi
        per_merge[$mode-$size]=$ms
        results+=("$(printf '%-8s %10s %10s %10s %12s %14s %8s %10s %7s' "$mode" "$size" "$ms" "$first_ms" "$rest_ms" \
            "$merge_s" "$load_s" "$rows" "$failed")")
        if (( failed > 0 )); then
            echo "$mode $size: first failure:" >&2
            grep -m1 -A1 -E '^[0-9]{6} \([0-9A-Z]+\): ' "$out" >&2 || true
        fi
        rm -rf "$home"
    done
done

echo
echo "MERGE of a $PAGE-row page ($SOURCE source) by raw:id ($((PAGE * 3 / 5)) matched, $((PAGE - PAGE * 3 / 5)) new), $MERGES merges per table, MERGE statements only"
printf '%-8s %10s %10s %10s %12s %14s %8s %10s %7s\n' account "table rows" "ms/merge" "1st ms" "ms/merge 2+" \
    "merges total s" "load s" "final rows" errors
printf '%s\n' "${results[@]}"
read -r -a sizes <<< "$SIZES"
if (( ${#sizes[@]} >= 2 )); then
    first=${sizes[0]} last=${sizes[${#sizes[@]} - 1]}
    for mode in $MODES; do
        a=${per_merge[$mode-$first]} b=${per_merge[$mode-$last]}
        if [[ $a != n/a && $b != n/a ]]; then
            echo "$mode: $last rows vs $first rows: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')× per merge"
        fi
    done
fi
exit "$status"
