#!/usr/bin/env bash
# bench/driver/run.sh — Snowlite's driver protocol against fakesnow's server (bench/README.md).
#
# Builds .build/bench-driver-venv from bench/driver/requirements.txt when the requirements (or the
# Python building it) changed — its stamp, <venv>/requirements.sha256, is written last, so an
# interrupted build is redone —, writes the workload with snowlite-workload, starts `snowlite serve`
# (a fresh SNOWLITE_HOME, an empty --config) and `python -m fakesnow -s` (in-memory, in a scratch
# folder), each on a free loopback port, runs bench_driver.py against both, stops both, and writes
# bench/driver-results.md (DRIVER_RESULTS=FILE writes elsewhere). Arguments go to bench_driver.py
# (e.g. --runs 1 --workload-runs 1, --only pings,fetch; --help lists them); WORKLOAD_SCALE=K sends
# the workload divided by K (a quick try).
#
# The Snowlite binary: SNOWLITE_BIN (the snowlite executable, or a folder holding it), else the
# release build `make bench-driver` makes in .build-bench. snowlite-workload is taken from the same
# folder (SNOWLITE_WORKLOAD overrides). SNOWLITE_SERVE_OPTIONS adds options to `snowlite serve` (e.g.
# "--allow-remote", whose token rule skips the per-request look-up of the client's user in
# /proc/net/tcp: to measure what that costs). PYTHON picks the interpreter for the environment (default python3).
# Exits 1 when the environment, a server or a measure on Snowlite failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PYTHON=${PYTHON:-python3}
requirements=bench/driver/requirements.txt
venv=.build/bench-driver-venv
output=${DRIVER_RESULTS:-bench/driver-results.md}

fail() {
    echo "run.sh: $*" >&2
    exit 1
}

# MARK: the Python environment (scripts/pinned-venv.sh: rebuilt when the requirements change)

PYTHON="$PYTHON" scripts/pinned-venv.sh "$requirements" "$venv"

# MARK: the binaries and the workload

bin=${SNOWLITE_BIN:-}
if [[ -z $bin ]]; then
    bin=$(swift build -c release --static-swift-stdlib --scratch-path .build-bench --show-bin-path)/snowlite
fi
[[ -d $bin ]] && bin=$bin/snowlite
[[ -x $bin ]] || fail "no snowlite executable at $bin (make bench-driver builds it; SNOWLITE_BIN=… names another)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
workload_bin=${SNOWLITE_WORKLOAD:-$(dirname "$bin")/snowlite-workload}
[[ -x $workload_bin ]] || fail "no snowlite-workload beside $bin (SNOWLITE_WORKLOAD=… names one)"
case $bin in
    */debug/*) build=debug ;;
    */release/*) build=release ;;
    *) build=unknown ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-bench-driver.XXXXXX")
snowlite_pid= fakesnow_pid=
stop() {
    # Each server by its own process id: SIGINT lets both shut down cleanly; then wait for them.
    for pid in $snowlite_pid $fakesnow_pid; do
        kill -INT "$pid" 2> /dev/null || true
    done
    for pid in $snowlite_pid $fakesnow_pid; do
        for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    rm -rf "$work"
}
trap stop EXIT

# WORKLOAD_SCALE=K: the workload divided by K (snowlite-workload --scale), for a quick try; its last
# answer is then only compared between the servers.
scale_options=() check_options=()
if [[ -n ${WORKLOAD_SCALE:-} ]]; then
    scale_options=(--scale "$WORKLOAD_SCALE")
    check_options=(--check none)
fi
"$workload_bin" "${scale_options[@]}" --output "$work/workload.sql"
echo "run.sh: workload: $(wc -l < "$work/workload.sql") statements; Snowlite: $bin ($build build)" >&2

# MARK: the servers

# Waits for a line matching $2 in log $1 (the server $3 still alive) and prints its port.
wait_port() {
    local log=$1 pattern=$2 pid=$3 port
    for _ in $(seq 600); do
        port=$(sed -n -E "s#.*$pattern.*#\\1#p" "$log" | head -n 1)
        if [[ -n $port ]]; then
            echo "$port"
            return 0
        fi
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    echo "run.sh: the server did not say which port it listens on; its log:" >&2
    cat "$log" >&2
    return 1
}

mkdir -p "$work/snowlite-home" "$work/fakesnow"
: > "$work/empty.config"
env -u SNOWLITE_DB -u SNOWLITE_EGRESS_MAP SNOWLITE_HOME="$work/snowlite-home" \
    "$bin" serve --config "$work/empty.config" --port 0 ${SNOWLITE_SERVE_OPTIONS:-} > "$work/snowlite.log" 2>&1 &
snowlite_pid=$!
(cd "$work/fakesnow" && exec env HOME="$work/fakesnow" "$root/$venv/bin/python" -m fakesnow -s) > "$work/fakesnow.log" 2>&1 &
fakesnow_pid=$!
snowlite_port=$(wait_port "$work/snowlite.log" 'Driver: http://127\.0\.0\.1:([0-9]+)/' "$snowlite_pid") || fail "snowlite serve did not start"
fakesnow_port=$(wait_port "$work/fakesnow.log" 'Uvicorn running on http://127\.0\.0\.1:([0-9]+)' "$fakesnow_pid") || fail "fakesnow did not start"
echo "run.sh: snowlite serve on port $snowlite_port (pid $snowlite_pid), fakesnow on port $fakesnow_port (pid $fakesnow_pid)" >&2

# MARK: the measure

status=0
SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true PYTHONDONTWRITEBYTECODE=1 HOME="$work" \
    "$venv/bin/python" bench/driver/bench_driver.py \
    --snowlite-port "$snowlite_port" --snowlite-pid "$snowlite_pid" \
    --fakesnow-port "$fakesnow_port" --fakesnow-pid "$fakesnow_pid" \
    --snowlite-bin "${bin#"$root"/}" --build "$build" --workload "$work/workload.sql" \
    --serve-options "${SNOWLITE_SERVE_OPTIONS:-}" --root "$root" --output "$output" "${check_options[@]}" "$@" || status=1
for name in snowlite fakesnow; do
    pid_var=${name}_pid
    if ! kill -0 "${!pid_var}" 2> /dev/null; then
        echo "run.sh: $name exited during the run; the end of its log:" >&2
        tail -n 30 "$work/$name.log" >&2
        status=1
    fi
done
[[ $status -eq 0 ]] && echo "run.sh: wrote $output" >&2
exit $status
