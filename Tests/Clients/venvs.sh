#!/usr/bin/env bash
# venvs.sh: the client suite's two Python environments, built from PyPI with the repository's
# pinned requirements (scripts/pinned-venv.sh: rebuilt only when the requirements or the Python
# change, and checked to hold exactly the pins): .build/clients-venv4 from
# Tests/Clients/requirements-connector4.txt (connector 4.x, Snowpark, snow CLI, SQLAlchemy) and
# .build/clients-venv5 from requirements-connector5.txt (connector 5.x). PYTHON picks the
# interpreter (default python3); VENVS picks which to build (default "4 5").
set -euo pipefail
cd "$(dirname "$0")/../.."

for version in ${VENVS:-4 5}; do
    scripts/pinned-venv.sh "Tests/Clients/requirements-connector$version.txt" ".build/clients-venv$version"
done
