#!/usr/bin/env bash
# Writes scripts/start-up-order.txt: the functions a client's start runs (`snowsql -q 'select 1'` on an
# existing account), one symbol a line. A release link places them first and together
# (Package.swift: lld's --symbol-ordering-file over code compiled with -function-sections), so the
# code a start touches lies in a few dozen 64 KB windows of the 27 MB text instead of two hundred,
# each a page fault of ~4.5 µs on this machine (bench/results.md, start-up).
#
# Run it after changing what a start runs, on a release build (make build, or BIN=…):
#   scripts/start-up-order.sh [path/to/snowsql]
# Needs valgrind, nm, objcopy and python3; nothing here runs in `make test`. A symbol the list names
# that a later build lacks is skipped by the linker (--no-warn-symbol-ordering): a stale list only
# orders less well.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/.build/release/snowsql}
work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-order.XXXXXX")
trap 'rm -rf "$work"' EXIT

# valgrind reads a 130 MB binary's debug information for minutes; the symbols are all it needs.
objcopy --strip-debug "$binary" "$work/snowsql"
: > "$work/empty.config"
export SNOWLITE_HOME="$work/home"
"$work/snowsql" --config "$work/empty.config" -q 'select 1' > /dev/null # creates the account
valgrind --tool=callgrind --dump-instr=yes --demangle=no --callgrind-out-file="$work/callgrind.out" \
    "$work/snowsql" --config "$work/empty.config" -q 'select 1' > /dev/null 2> "$work/valgrind.log"
nm -S --defined-only "$work/snowsql" > "$work/symbols"

python3 - "$work/callgrind.out" "$work/symbols" > "$root/scripts/start-up-order.txt" <<'PYTHON'
import bisect, re, sys

profile, symbol_file = sys.argv[1:3]
# Every instruction address callgrind saw run in the program (not in libc or the dynamic loader).
# Its file names each object once, "ob=(id) path" (or cob=), then "ob=(id)"; a cost line starts with an
# address, absolute (0x…) or relative to the last one (+n, -n, *); the line after "calls=" is a call site.
names, current, address, executed, call_site = {}, None, 0, set(), False
for line in open(profile):
    named = re.match(r'c?ob=\((\d+)\) (.+)', line)
    if named:
        names[named.group(1)] = named.group(2).strip()
    if line.startswith('ob='):
        current = names.get(re.match(r'ob=\((\d+)\)', line).group(1))
        continue
    if line.startswith('calls='):
        call_site = True
        continue
    if line[:1] and line[0] in '0123456789+-*':
        field = line.split()[0]
        if field.startswith('0x'):
            address = int(field, 16)
        elif field[0] in '+-':
            address += int(field)
        if call_site:
            call_site = False
        elif current and current.endswith('/snowsql'):
            executed.add(address)

# The function symbols (with their aliases at the same address) those addresses fall in, by address.
symbols = []
for line in open(symbol_file):
    fields = line.split()
    if len(fields) == 4 and fields[2] in 'tTwW':
        symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
symbols.sort()
starts = [start for start, _, _ in symbols]
hot = set()
for address in executed:
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0 and address < symbols[i][0] + max(symbols[i][1], 1):
        hot.add(symbols[i][0])
for start, _, name in symbols:
    if start in hot:
        print(name)
PYTHON
echo "scripts/start-up-order.txt: $(wc -l < "$root/scripts/start-up-order.txt") symbols" >&2
