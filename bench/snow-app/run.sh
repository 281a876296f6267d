#!/usr/bin/env bash
# bench/snow-app/run.sh — the Snowflake CLI's native-app workflow against Snowlite (issue 21): the
# acceptance scenario of Tests/Clients/test_snow_app.py (init from templates/native-app, bundle, run,
# run again, deploy, validate, versions, run --version, events, teardown), timed step by step, next to
# the CLI's own start-up (`snow app bundle`, which talks to no server), so that what is Snowlite's can
# be told from what is the CLI's. Writes bench/snow-app-results.md (SNOW_APP_RESULTS=FILE elsewhere).
#
# The Snowlite binary: SNOWLITE_BIN, else the release build `make bench` makes in .build-bench. The
# Python environment is the client suite's connector 4.x one (.build/clients-venv4, built from
# Tests/Clients/requirements-connector4.txt when it changed). Timing lives only here, never in `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
output=${SNOW_APP_RESULTS:-bench/snow-app-results.md}
source bench/client-python.sh
SNOWLITE_BIN=$bin "$venv/bin/python" bench/snow-app/bench_snow_app.py --bin "$bin" --output "$output" "$@"
