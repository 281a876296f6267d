#!/usr/bin/env bash
# make demo: the quickstart, start to finish, on a fresh embedded account. A GitHub fixture server
# that ships with Snowlite stands in for api.github.com (LIVE=1 with GITHUB_TOKEN asks for the real
# one); the connector still believes it talks to https://api.github.com, and the network rule
# still says api.github.com:443 — SNOWLITE_EGRESS_MAP only moves where allowed requests go.
# Then the same `make deploy` and `make install` a Snowflake user runs, what the Streamlit page's
# pop-ups and forms do (sql/configure.sql), and what its dashboard shows (sql/show.sql).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.build/release}
DEMO_HOME=${DEMO_HOME:-$PWD/.build/demo-home}
REPOSITORY=${REPOSITORY:-Snowflake-Labs/sfquickstarts}
APP_NAME=${APP_NAME:-EXAMPLE_GITHUB_PYTHON_CONNECTOR}
DESTINATION_DB=${DESTINATION_DB:-GITHUB_ISSUES}
step() { printf '\n==> %s\n' "$*"; }

rm -rf "$DEMO_HOME"
mkdir -p "$DEMO_HOME"
export SNOWLITE_HOME="$DEMO_HOME"
# The demo's own snowsql connection, with the options the quickstart asks users to set.
cat > "$DEMO_HOME/config" <<CONFIG
[connections.snowlite_demo]
accountname = snowlite
username = snowlite

[options]
variable_substitution = True
exit_on_error = True
friendly = False
timing = False
CONFIG

if [[ "${LIVE:-0}" == "1" ]]; then
    : "${GITHUB_TOKEN:?LIVE=1 needs GITHUB_TOKEN}"
    step "Using the real api.github.com"
else
    step "Starting the GitHub fixture server (stands in for api.github.com)"
    "$BIN/snowlite" fixtures github --port 0 --port-file "$DEMO_HOME/github.port" > "$DEMO_HOME/github.log" 2>&1 &
    fixture=$!
    trap 'kill $fixture 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do [[ -s "$DEMO_HOME/github.port" ]] && break; sleep 0.1; done
    port=$(cat "$DEMO_HOME/github.port")
    export SNOWLITE_EGRESS_MAP="https://api.github.com=http://127.0.0.1:$port"
    GITHUB_TOKEN=$("$BIN/snowlite" fixtures github --print-token)
    echo "    listening on 127.0.0.1:$port; SNOWLITE_EGRESS_MAP=$SNOWLITE_EGRESS_MAP"
fi

started=$(date +%s.%N)
make_flags=(--no-print-directory SNOWSQL="$BIN/snowsql" SNOWSQL_OPTIONS="--config $DEMO_HOME/config"
            CONNECTION=snowlite_demo APP_NAME="$APP_NAME" GITHUB_TOKEN="$GITHUB_TOKEN")
step "make deploy: stage sf_build/ and add version V_1_0_0 to the application package"
make "${make_flags[@]}" deploy
step "make install: network rule, secret, external access integration, the application, its grants"
make "${make_flags[@]}" install
step "Configure the connector as its Streamlit page does: grants, warehouse reference, provision, enable $REPOSITORY"
"$BIN/snowsql" --config "$DEMO_HOME/config" -c snowlite_demo -f sql/configure.sql \
    -D APP_NAME="$APP_NAME" -D WAREHOUSE=XS -D DESTINATION_DB="$DESTINATION_DB" -D REPOSITORY="$REPOSITORY"
step "Wait for the ingestion task's run"
"$BIN/snowlite" tasks wait --timeout 120
step "The connector's state and the first ingested issues"
sink_view="$(echo "$REPOSITORY" | tr 'a-z/.-' 'A-Z___')_FLATTENED"
"$BIN/snowsql" --config "$DEMO_HOME/config" -c snowlite_demo -f sql/show.sql \
    -D APP_NAME="$APP_NAME" -D DESTINATION_DB="$DESTINATION_DB" -D SINK_VIEW="$sink_view"
finished=$(date +%s.%N)

step "Done in $(awk "BEGIN { printf \"%.2f\", $finished - $started }") s (deploy to rows printed). To continue:"
cat <<NEXT
    SNOWLITE_HOME=$DEMO_HOME $BIN/snowlite        # a snowsql prompt on the same account
    SNOWLITE_HOME=$DEMO_HOME $BIN/snowlite serve  # its scheduler, and the dashboard on http://127.0.0.1:8080
NEXT
