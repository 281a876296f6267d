# bench/client-python.sh — sourced by the benchmarks that drive real Snowflake clients (snow-app,
# python-procedures): makes sure the client suite's connector 4.x environment (.build/clients-venv4,
# from Tests/Clients/requirements-connector4.txt) is built, and finds the Snowlite binary: SNOWLITE_BIN,
# else the release build `make bench` makes in .build-bench. Sets $venv and $bin.
PYTHON=${PYTHON:-python3}
venv=.build/clients-venv4
PYTHON="$PYTHON" scripts/pinned-venv.sh Tests/Clients/requirements-connector4.txt "$venv"
bin=${SNOWLITE_BIN:-}
if [[ -z $bin ]]; then
    bin=$(swift build -c release --static-swift-stdlib --scratch-path .build-bench --show-bin-path)/snowlite
fi
[[ -x $bin ]] || { echo "$0: no snowlite binary at $bin (make bench builds it)" >&2; exit 1; }
