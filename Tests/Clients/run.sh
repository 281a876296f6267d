#!/usr/bin/env bash
# run.sh: the client suite (Tests/Clients, pytest) with real Snowflake clients against a
# `snowlite serve` it starts on a free port: first with .build/clients-venv4 (connector 4.x,
# Snowpark, the snow CLI, SQLAlchemy: every test), then with .build/clients-venv5 (connector 5.x:
# the tests not marked stack4). venvs.sh builds the environments when their requirements changed.
# The server binary is SNOWLITE_BIN, else .build/debug/snowlite (make test builds it first).
# Arguments go to pytest in both runs (e.g. -k types -x); CLIENTS="4" or "5" runs one environment.
# Each test has a time limit (pytest-timeout, Tests/Clients/pytest.ini) and each run CLIENT_SUITE_TIMEOUT
# seconds (default 1800). Exits 1 when a run failed, collected nothing, or could not start.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

VENVS="${CLIENTS:-4 5}" Tests/Clients/venvs.sh || exit 1

export SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true  # no probes of cloud metadata services at login
export PYTHONDONTWRITEBYTECODE=1
export SNOWLITE_BIN=${SNOWLITE_BIN:-$root/.build/debug/snowlite}
suite_timeout=${CLIENT_SUITE_TIMEOUT:-1800}

status=0
for version in ${CLIENTS:-4 5}; do
    python=$root/.build/clients-venv$version/bin/python
    selection=()
    [[ $version == 5 ]] && selection=(-m "not stack4")  # Snowpark, snow and SQLAlchemy need connector 4.x
    echo "== client suite: $("$python" -c 'import snowflake.connector as c; print("snowflake-connector-python", c.__version__)')"
    (cd Tests/Clients && timeout --kill-after=30 "$suite_timeout" "$python" -m pytest "${selection[@]}" "$@")
    code=$?
    if [[ $code -ne 0 ]]; then
        echo "== client suite with connector $version.x failed (pytest exit $code)" >&2
        status=1
    fi
done
exit $status
