#!/usr/bin/env bash
# pinned-venv.sh REQUIREMENTS VENV: a Python environment built from PyPI with exactly the packages a
# requirements file pins (the client suite's two, Tests/Clients/venvs.sh; the driver benchmark's,
# bench/driver/run.sh). It is rebuilt from nothing only when the requirements file or the Python
# building it changed: its stamp, VENV/requirements.sha256, holds the hash of both and is written
# last, so an interrupted build is redone. After installing, the environment must hold exactly the
# pinned packages, nothing more or less. Silent when nothing changed; on a failure prints the end
# of pip's log (VENV.log) and exits 1. PYTHON picks the interpreter (default python3).
set -euo pipefail
PYTHON=${PYTHON:-python3}
requirements=$1
venv=$2
log=$venv.log

fail() {
    echo "pinned-venv.sh: $*" >&2
    exit 1
}

# The installed distributions, exactly as pinned? Names compared as PyPI normalises them, extras ignored.
check_pins() {
    "$venv/bin/python" - "$requirements" <<'PY'
import re, subprocess, sys
def key(line):
    name, version = line.split("==", 1)
    return re.sub(r"[-_.]+", "-", re.sub(r"\[.*\]", "", name)).lower(), version.strip()
pinned = {key(line) for line in open(sys.argv[1]) if line.strip() and not line.startswith("#")}
frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all"], check=True, capture_output=True, text=True)
installed = {key(line) for line in frozen.stdout.splitlines() if "==" in line}
for name, version in sorted(pinned - installed):
    print(f"  pinned but not installed: {name}=={version}", file=sys.stderr)
for name, version in sorted(installed - pinned):
    print(f"  installed but not pinned: {name}=={version}", file=sys.stderr)
sys.exit(pinned != installed)
PY
}

stamp=$venv/requirements.sha256
hash=$({ cat "$requirements"; "$PYTHON" -c 'import sys; print(sys.executable, sys.version)'; } | sha256sum | cut -d' ' -f1)
if [[ -x $venv/bin/python && -f $stamp && $(< "$stamp") == "$hash" ]]; then
    exit 0
fi
echo "pinned-venv.sh: building $venv from $requirements (log: $log)" >&2
"$PYTHON" -c 'import ensurepip, venv' 2> /dev/null \
    || fail "$PYTHON cannot create virtual environments (on Debian: apt-get install python3-venv)"
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
if ! { "$PYTHON" -m venv "$venv" \
       && "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet -r "$requirements"
     } > "$log" 2>&1; then
    echo "pinned-venv.sh: building $venv failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    rm -rf "$venv"
    exit 1
fi
if ! check_pins 2>> "$log"; then
    tail -n 20 "$log" >&2
    rm -rf "$venv"
    fail "$venv does not hold exactly the packages $requirements pins (pin the full pip freeze)"
fi
echo "$hash" > "$stamp"
