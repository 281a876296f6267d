#!/usr/bin/env bash
# bench/python-procedures/run.sh — Python procedures against Swift handlers (issue 22): the CALL
# latency of a trivial Python procedure (cold and warm, beside a SQL one) and the quickstart's
# INGEST_DATA of 250 issues with SNOWLITE_PROCEDURE_RUNTIME = PYTHON and = SWIFT, in one run.
# Writes bench/python-procedures-results.md (PYTHON_RESULTS=FILE elsewhere).
#
# The Snowlite binary: SNOWLITE_BIN, else the release build `make bench` makes in .build-bench. The
# Python environment (the client suite's and the workers') is .build/clients-venv4, built from
# Tests/Clients/requirements-connector4.txt when it changed. Timing lives only here, never in `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
output=${PYTHON_RESULTS:-bench/python-procedures-results.md}
source bench/client-python.sh
export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true
SNOWLITE_BIN=$bin "$venv/bin/python" bench/python-procedures/bench_python.py --bin "$bin" --output "$output" "$@"
