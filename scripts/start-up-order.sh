#!/usr/bin/env bash
# Writes scripts/start-up-order.txt: the functions a client's start runs (`snowsql -q 'select 1'` on an
# existing account), then the data it reads or writes, one symbol a line. A release link places the
# sections holding them first and together (Package.swift: lld's --symbol-ordering-file; the code is
# compiled with -function-sections, a Swift file's data is a section per file), so the code a start
# runs lies in a few dozen 64 KB windows of the 27 MB text instead of two hundred, and its data in
# fewer pages: each a page fault, ~4.5 µs for a page of the file, ~1.5 µs for a zeroed one, here.
#
# Run it after changing what a start runs, on a release build's snowsql (make build's by default):
#   scripts/start-up-order.sh [path/to/snowsql]      (KEEP_WORK=1 keeps the profiles it reads)
# Needs valgrind, nm, objcopy and python3; nothing here runs in `make test`. A symbol the list names
# that a later build lacks is skipped by the linker (--no-warn-symbol-ordering): a stale list only
# orders less well.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/.build/release/snowsql}
work=$(mktemp -d "${TMPDIR:-/tmp}/snowlite-order.XXXXXX")
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT

# valgrind reads a 130 MB binary's debug information for minutes; the symbols are all it needs.
objcopy --strip-debug "$binary" "$work/snowsql"
: > "$work/empty.config"
export SNOWLITE_HOME="$work/home"
"$work/snowsql" --config "$work/empty.config" -q 'select 1' > /dev/null # creates the account
valgrind --tool=callgrind --dump-instr=yes --demangle=no --callgrind-out-file="$work/callgrind.out" \
    "$work/snowsql" --config "$work/empty.config" -q 'select 1' > /dev/null 2> "$work/valgrind.log"
# Every load and store (lackey, ~150 MB of text).
valgrind --tool=lackey --trace-mem=yes --log-file="$work/lackey.log" \
    "$work/snowsql" --config "$work/empty.config" -q 'select 1' > /dev/null 2>&1
nm -S --defined-only "$work/snowsql" > "$work/symbols"
readelf -SW "$work/snowsql" > "$work/sections"

python3 - "$work/callgrind.out" "$work/lackey.log" "$work/symbols" "$work/sections" \
    > "$work/start-up-order.txt" <<'PYTHON'
import bisect, re, sys

profile, accesses, symbol_file, section_file = sys.argv[1:5]
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

# The symbols (with their aliases at the same address) of one kind the addresses fall in, by address.
def touched(kinds, addresses):
    symbols = []
    for line in open(symbol_file):
        fields = line.split()
        if len(fields) == 4 and fields[2] in kinds:
            symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    symbols.sort()
    starts = [start for start, _, _ in symbols]
    hot = set()
    for address in addresses:
        i = bisect.bisect_right(starts, address) - 1
        if i >= 0 and address < symbols[i][0] + max(symbols[i][1], 1):
            hot.add(symbols[i][0])
    return [name for start, _, name in symbols if start in hot]

# The data a start touches: loads and stores ("[LSM] address,size" lines) in the program's allocated,
# not executable sections (readelf's "[nr] name type address offset size es flags …").
data = []
for line in open(section_file):
    section = re.match(r'\s*\[\s*\d+\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+(\S+)', line)
    if section and int(section.group(1), 16) and 'A' in section.group(3) and 'X' not in section.group(3):
        data.append((int(section.group(1), 16), int(section.group(1), 16) + int(section.group(2), 16)))
low, high = min(start for start, _ in data), max(end for _, end in data)
loaded = set()
for line in open(accesses):
    if line[:3] in (' L ', ' S ', ' M '):
        address = int(line[3:].split(',')[0], 16)
        if low <= address < high:
            loaded.add(address)

for name in touched('tTwW', executed) + touched('dDbBrRvV', loaded):
    print(name)
PYTHON
# Replaced only once the list is whole: a failed run leaves the previous one.
mv "$work/start-up-order.txt" "$root/scripts/start-up-order.txt"
echo "scripts/start-up-order.txt: $(wc -l < "$root/scripts/start-up-order.txt") symbols" >&2
