#!/usr/bin/env bash
# venvs.sh: the client suite's two Python environments, built from PyPI with the repository's
# pinned requirements: .build/clients-venv4 from Tests/Clients/requirements-connector4.txt
# (connector 4.x, Snowpark, snow CLI, SQLAlchemy) and .build/clients-venv5 from
# requirements-connector5.txt (connector 5.x). An environment is rebuilt from nothing only when its
# requirements file or the Python building it changed: its stamp, <venv>/requirements.sha256, holds
# the hash of both and is written last, so an interrupted build is redone. After installing, the
# environment must hold exactly the pinned packages, nothing more or less. Silent when nothing
# changed; on a failure prints the end of pip's log (.build/clients-venvN.log) and exits 1.
# PYTHON picks the interpreter (default python3); VENVS picks which to build (default "4 5").
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}

fail() {
    echo "venvs.sh: $*" >&2
    exit 1
}

# The installed distributions, exactly as pinned? Names compared as PyPI normalises them, extras ignored.
check_pins() {
    "$1/bin/python" - "$2" <<'PY'
import re, subprocess, sys
def key(line):
    name, version = line.split("==", 1)
    return re.sub(r"[-_.]+", "-", re.sub(r"\[.*\]", "", name)).lower(), version.strip()
pinned = {key(line) for line in open(sys.argv[1]) if line.strip() and not line.startswith("#")}
frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all"], check=True, capture_output=True, text=True)
installed = {key(line) for line in frozen.stdout.splitlines() if "==" in line}
if pinned != installed:
    for name, version in sorted(pinned - installed):
        print(f"  pinned but not installed: {name}=={version}", file=sys.stderr)
    for name, version in sorted(installed - pinned):
        print(f"  installed but not pinned: {name}=={version}", file=sys.stderr)
    sys.exit(1)
PY
}

build() {
    local version=$1
    local requirements=Tests/Clients/requirements-connector$version.txt venv=.build/clients-venv$version
    local log=.build/clients-venv$version.log stamp hash
    stamp=$venv/requirements.sha256
    hash=$({ cat "$requirements"; "$PYTHON" -c 'import sys; print(sys.executable, sys.version)'; } | sha256sum | cut -d' ' -f1)
    if [[ -x $venv/bin/python && -f $stamp && $(< "$stamp") == "$hash" ]]; then
        return 0
    fi
    echo "venvs.sh: building $venv from $requirements (log: $log)"
    "$PYTHON" -c 'import ensurepip, venv' 2> /dev/null \
        || fail "$PYTHON cannot create virtual environments (on Debian: apt-get install python3-venv)"
    rm -rf "$venv"
    mkdir -p .build
    if ! { "$PYTHON" -m venv "$venv" \
           && "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet -r "$requirements"
         } > "$log" 2>&1; then
        echo "venvs.sh: building $venv failed; the end of $log:" >&2
        tail -n 40 "$log" >&2
        rm -rf "$venv"
        exit 1
    fi
    if ! check_pins "$venv" "$requirements" 2>> "$log"; then
        tail -n 20 "$log" >&2
        rm -rf "$venv"
        fail "$venv does not hold exactly the packages $requirements pins (pin the full pip freeze)"
    fi
    echo "$hash" > "$stamp"
}

for version in ${VENVS:-4 5}; do
    build "$version"
done
