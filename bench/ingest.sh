#!/usr/bin/env bash
# bench/ingest.sh — the connector's ingestion (bench/README.md): INGEST_DATA from the GitHub fixture
# server on 127.0.0.1 for SIZES issues (default "10000 100000") of about 1 KB at 100 per page.
#
# Each size gets a fresh account: `make deploy` and `make install`'s scripts, the grants and the
# warehouse reference, PROVISION_CONNECTOR (incremental off), then the measured step: one snowsql
# process calling ENABLE_RESOURCE, whose EXECUTE TASK run (every page fetched, merged and its state
# recorded) the process finishes before it exits. Reported: seconds, issues per second, the CPU
# the snowsql process used (the rest of the wall time is the fixture server's, on the same
# machine), its peak RSS, rows ingested (checked against the size), and the ratio of the largest size's
# time to the smallest's (linear scaling gives the ratio of the sizes).
#
# Environment: SIZES, SCRATCH (default .build-bench), SNOWLITE_BIN (skip the build).
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
SCRATCH=${SCRATCH:-.build-bench}
SWIFT=${SWIFT:-swift}
if [[ -n ${SNOWLITE_BIN:-} ]]; then
    BIN=$SNOWLITE_BIN
else
    echo "building release (scratch path $SCRATCH)…" >&2
    "$SWIFT" build -c release --static-swift-stdlib --scratch-path "$SCRATCH" >&2
    BIN=$("$SWIFT" build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --show-bin-path)
fi
make --no-print-directory sf_build > /dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-ingest.XXXXXX")
fixture=
trap '[[ -n $fixture ]] && kill $fixture 2>/dev/null; rm -rf "$work"' EXIT
app=EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE
declare -A seconds
printf '%-8s %9s %12s %16s %14s %10s\n' issues seconds issues/s "snowsql CPU (s)" "peak RSS (MB)" rows
for size in $SIZES; do
    home="$work/$size"
    mkdir -p "$home"
    "$BIN/snowlite" fixtures github --port 0 --port-file "$home/port" --repository "Bench/issues=$size" > "$home/fixture.log" 2>&1 &
    fixture=$!
    for _ in $(seq 1 100); do [[ -s "$home/port" ]] && break; sleep 0.1; done
    cat > "$home/config" <<CONFIG
[connections.bench]
accountname = snowlite
[options]
variable_substitution = True
exit_on_error = True
friendly = False
timing = False
egress_map = https://api.github.com=http://127.0.0.1:$(cat "$home/port")
CONFIG
    snowsql=("$BIN/snowsql" --config "$home/config" -c bench)
    export SNOWLITE_HOME=$home
    make --no-print-directory deploy SNOWSQL="$BIN/snowsql" SNOWSQL_OPTIONS="--config $home/config" CONNECTION=bench > /dev/null
    make --no-print-directory install SNOWSQL="$BIN/snowsql" SNOWSQL_OPTIONS="--config $home/config" CONNECTION=bench \
        GITHUB_TOKEN=$("$BIN/snowlite" fixtures github --print-token) > /dev/null
    "${snowsql[@]}" -q "
        grant create database on account to application $app;
        grant execute task on account to application $app;
        call $app.public.register_reference('warehouse_reference', 'ADD', system\$reference('warehouse', 'compute_wh', 'persistent', 'usage'));
        call $app.public.provision_connector(parse_json('{\"destination_database\": \"BENCH_DB\", \"incremental\": false,
          \"secret_name\": \"EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN\", \"external_access_integration_name\": \"GITHUB_INTEGRATION\"}'))" > /dev/null
    start=$EPOCHREALTIME
    /usr/bin/time -f '%U %S %M' -o "$home/time.out" "${snowsql[@]}" -q "call $app.public.enable_resource('Bench/issues')" > "$home/enable.out"
    end=$EPOCHREALTIME
    rows=$("${snowsql[@]}" -o output_format=csv -o header=false -q "select count(*) from bench_db.public.bench_issues")
    kill $fixture; wait $fixture 2>/dev/null || true; fixture=
    elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    seconds[$size]=$elapsed
    read -r user system peak < <(tail -n 1 "$home/time.out")
    printf '%-8s %9s %12s %16s %14s %10s\n' "$size" "$elapsed" "$(awk -v n="$size" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')" \
        "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')" "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')" "$rows"
    if [[ $rows != "$size" ]]; then echo "expected $size rows, got $rows" >&2; exit 1; fi
done
read -r -a sizes <<< "$SIZES"
if (( ${#sizes[@]} > 1 )); then
    small=${sizes[0]} large=${sizes[${#sizes[@]} - 1]}
    echo "time ratio ${large}/${small}: $(awk -v a="${seconds[$small]}" -v b="${seconds[$large]}" 'BEGIN { printf "%.1f", b / a }')" \
         "(sizes ratio $((large / small)))"
fi
