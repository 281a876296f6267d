#!/usr/bin/env bash
# bench/run.sh — the connector workload benchmark (bench/README.md).
#
# Measures the wall-clock time of one whole `snowsql -f workload.sql` process running the
# 5,405-statement workload (4 setup, 5,000 single-row INSERT … PARSE_JSON, 200 five-row MERGEs,
# 200 GROUP BY dashboards, 1 final check) written by `snowlite-workload`, on a fresh account each
# run: once in memory (`--db :memory:`) and once on a WAL file account under a fresh SNOWLITE_HOME.
#
# Output: one row per account kind with the seconds of each run, their median (the figure to
# quote), the peak RSS of the process (max over the runs) and the number of failed statements
# (with the distinct error messages listed underneath: failures are reported, never hidden).
# Then the final `SELECT COUNT(*), COUNT(DISTINCT raw:id), SUM(id)` of every run is checked:
# 5400, 5400, 14582700. The script exits non-zero if any run is wrong.
#
# Environment: RUNS (default 3), MODES (default "memory wal"), SCRATCH (SwiftPM scratch path,
# default .build-bench so it never races a developer's .build), SNOWLITE_BIN (a directory holding
# snowsql and snowlite-workload: skips the build, e.g. to compare two builds).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
MODES=${MODES:-"memory wal"}
SCRATCH=${SCRATCH:-.build-bench}
SWIFT=${SWIFT:-swift}
EXPECTED_ROWS=5400
EXPECTED_SUM=14582700 # 1 + 2 + … + 5400: ids 1–5000 inserted, 5001–5400 added by the merges

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

work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$BIN/snowlite-workload" --output "$work/workload.sql"
: > "$work/empty.config" # no ~/.snowsql/config options leak into the measurement
echo "workload: $(wc -l < "$work/workload.sql") statements, $(wc -c < "$work/workload.sql") bytes," \
     "sha256 $(sha256sum "$work/workload.sql" | cut -c1-16)…" >&2

# measure OUT CMD…: runs CMD with stdout to OUT; sets ELAPSED (seconds) and PEAK_KB (peak RSS).
# GNU time gives the peak RSS when present; otherwise /proc/PID/status VmHWM is polled.
measure() {
    local out=$1 start end rc=0
    shift
    if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
        start=$EPOCHREALTIME
        /usr/bin/time -f '%M' -o "$work/time.out" "$@" > "$out" || rc=$?
        end=$EPOCHREALTIME
        PEAK_KB=$(tail -n 1 "$work/time.out")
    else
        start=$EPOCHREALTIME
        "$@" > "$out" &
        local pid=$! hwm
        PEAK_KB=0
        while kill -0 "$pid" 2>/dev/null; do
            hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
            if [[ -n $hwm ]] && (( hwm > PEAK_KB )); then PEAK_KB=$hwm; fi
            sleep 0.05
        done
        wait "$pid" || rc=$?
        end=$EPOCHREALTIME
    fi
    ELAPSED=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    if (( rc != 0 )); then echo "snowsql exited with status $rc (output: $out)" >&2; fi
    return 0
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

status=0
declare -A times peak errors
for mode in $MODES; do
    for run in $(seq 1 "$RUNS"); do
        home=$(mktemp -d "$work/home.XXXXXX")
        case $mode in
            memory) db=(--db :memory:) ;;
            wal) db=() ;; # $SNOWLITE_HOME/snowlite.sqlite, created in WAL mode
            *) echo "unknown mode $mode" >&2; exit 2 ;;
        esac
        out="$work/$mode-$run.out"
        echo "run $run/$RUNS ($mode)…" >&2
        measure "$out" env SNOWLITE_HOME="$home" "$BIN/snowsql" --config "$work/empty.config" "${db[@]}" \
            -o friendly=false -o timing=false -o output_format=csv -f "$work/workload.sql"
        times[$mode]+="$ELAPSED "
        if (( PEAK_KB > ${peak[$mode]:-0} )); then peak[$mode]=$PEAK_KB; fi
        # Every failed statement prints `NNNNNN (SSSSS): message` (more lines may follow).
        count=$(grep -cE '^[0-9]{6} \([0-9A-Z]{5}\): ' "$out" || true)
        errors[$mode]=$count
        if [[ $run == 1 ]] && (( count > 0 )); then
            # A message ending in ':' continues on the next line (`SQL compilation error:` + detail).
            awk '/^[0-9][0-9][0-9][0-9][0-9][0-9] \([0-9A-Z]+\): / {
                    message = $0
                    if ($0 ~ /:$/ && (getline detail) > 0) message = message " " detail
                    print message
                }' "$out" | sort | uniq -c | sort -rn | head -n 5 > "$work/$mode.errors"
        fi
        # The final statement's result is the last line: COUNT(*), COUNT(DISTINCT raw:id), SUM(id).
        final=$(tail -n 1 "$out" | tr -d '"')
        IFS=, read -r rows distinct sum <<< "$final" || true
        if [[ $rows != "$EXPECTED_ROWS" || $distinct != "$EXPECTED_ROWS" || $sum != "$EXPECTED_SUM" ]]; then
            echo "WRONG: $mode run $run ends with '$final'; expected $EXPECTED_ROWS,$EXPECTED_ROWS,$EXPECTED_SUM" >&2
            status=1
        fi
        rm -rf "$home"
    done
done

echo
echo "Snowlite workload: 5,405 statements, whole snowsql process, seconds (median of $RUNS)"
printf '%-8s %-24s %8s %14s %8s\n' account runs median "peak RSS (MB)" errors
for mode in $MODES; do
    read -r -a list <<< "${times[$mode]}"
    printf '%-8s %-24s %8s %14s %8s\n' "$mode" "${times[$mode]}" "$(median "${list[@]}")" \
        "$(awk -v k="${peak[$mode]}" 'BEGIN { printf "%.0f", k / 1024 }')" "${errors[$mode]}"
done
for mode in $MODES; do
    if [[ -s $work/$mode.errors ]]; then
        echo
        echo "failed statements ($mode, run 1), most frequent messages:"
        cat "$work/$mode.errors"
    fi
done
echo
if (( status == 0 )); then
    echo "check: every run ends with $EXPECTED_ROWS rows, $EXPECTED_ROWS distinct raw:id, SUM(id) = $EXPECTED_SUM — OK"
else
    echo "check: FAILED (see WRONG lines above)"
fi
exit "$status"
