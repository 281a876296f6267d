#!/usr/bin/env bash
# check-structure: the folder rules that the compiler cannot enforce, checked with grep over
# Sources. Run from anywhere; `.ci/run` runs it before the tests. Each rule is one block below that
# lists the offending lines and sets `failed`; the script exits 1 if any rule failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0

# --- Rule: `SnowflakeError(code:` appears only in Sources/Engine/Errors/ --------------------------
# Error text is an interface: every error is built by a named factory in Engine/Errors/
# (SnowflakeError.swift and SnowflakeError+<Family>.swift), and call sites use the factory.
violations=$(grep -rn --include='*.swift' 'SnowflakeError(code:' Sources | grep -v '^Sources/Engine/Errors/' || true)
if [ -n "$violations" ]; then
    echo "check-structure: SnowflakeError(code: …) outside Sources/Engine/Errors/;" \
         "add a named factory in Sources/Engine/Errors/SnowflakeError+<Family>.swift and use it:" >&2
    echo "$violations" >&2
    failed=1
fi

exit "$failed"
