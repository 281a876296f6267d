#!/usr/bin/env python3
"""bench_driver.py: the same Python client code (snowflake-connector-python 4.x) against two
servers of Snowflake's driver protocol started by bench/driver/run.sh: Snowlite's (`snowlite serve`)
and fakesnow's (`python -m fakesnow -s`). Three measures, servers alternating run by run:

1. `select 1` round trips on one connection per server (--pings each run, --runs runs);
2. the workload `snowlite-workload` writes (bench/README.md), sent statement by statement with
   cursor.execute + fetchall on a fresh connection and a fresh database per run; every statement is
   timed, failures are counted with their messages, and the comparison is made on the statements
   both servers ran;
3. a table of --rows deterministic rows fetched with fetchall as JSON and as Arrow, with
   fetch_arrow_all and with fetch_pandas_all.

Prints a markdown report and writes it to --output. Progress goes to standard error. Exits 1 when a
measure could not be taken on Snowlite (fakesnow's failures are reported, not fatal).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

os.environ.setdefault("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")

import snowflake.connector  # noqa: E402
from snowflake.connector.errors import Error as SnowflakeError  # noqa: E402

# The statement added to the workload, after its CREATE OR REPLACE DATABASE, for both servers:
# Snowflake (and Snowlite) create PUBLIC with every database, fakesnow does not, and without it
# fakesnow fails `USE SCHEMA BENCH_DB.PUBLIC` and so every statement after it.
SCHEMA_STATEMENT = "CREATE SCHEMA IF NOT EXISTS BENCH_DB.PUBLIC"
WORKLOAD_CHECK = [5400, 5400, 14582700]  # --check


def progress(message: str) -> None:
    print(f"bench_driver: {message}", file=sys.stderr, flush=True)


# MARK: - The two servers


@dataclass
class Target:
    name: str  # "Snowlite" or "fakesnow"
    port: int
    pid: int | None
    account_prefix: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def connect(self, purpose: str, session_parameters: dict[str, Any] | None = None):
        """A new connection; for Snowlite `purpose` names a fresh account file, for fakesnow each
        connection gets a fresh in-memory database (FAKESNOW_DB_PATH = ':isolated:')."""
        if self.name == "Snowlite":
            credentials = dict(account=purpose, user="snowlite", password="snowlite")
            parameters = dict(session_parameters or {})
        else:
            credentials = dict(account="fakesnow", user="fake", password="snow")
            # fakesnow reads this login parameter; other session parameters it does not know are
            # ignored at login (it refuses them in ALTER SESSION).
            parameters = {"FAKESNOW_DB_PATH": ":isolated:"}
        return snowflake.connector.connect(
            **credentials,
            host="127.0.0.1",
            port=self.port,
            protocol="http",
            warehouse="COMPUTE_WH",
            session_parameters=parameters,
        )

    def server_cpu(self) -> float | None:
        """User + system CPU seconds of the server process so far (all its threads)."""
        if not self.pid:
            return None
        try:
            with open(f"/proc/{self.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None


@dataclass
class Sample:
    """One timed run: wall seconds, the client's CPU, the server's CPU (None if unknown)."""

    wall: float
    client_cpu: float
    server_cpu: float | None


def measure(target: Target, work: Callable[[], Any]) -> tuple[Sample, Any]:
    cpu0, server0, t0 = time.process_time(), target.server_cpu(), time.perf_counter()
    value = work()
    t1, cpu1, server1 = time.perf_counter(), time.process_time(), target.server_cpu()
    server = None if server0 is None or server1 is None else server1 - server0
    return Sample(t1 - t0, cpu1 - cpu0, server), value


def error_text(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 240 else text[:237] + "…"


# MARK: - Formatting


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.0f} ms" if value >= 0.1 else f"{value * 1000:.1f} ms"


def fmt_ms(value: float) -> str:
    ms = value * 1000
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.1f} ms"


def spread(values: list[float], fmt: Callable[[float], str]) -> str:
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def ratio(fakesnow: float | None, snowlite: float | None) -> str:
    if not fakesnow or not snowlite:
        return "—"
    return f"{fakesnow / snowlite:.2f}"


def cpu_text(samples: list[Sample], per: int = 1) -> str:
    values = [s.server_cpu for s in samples if s.server_cpu is not None]
    if not values:
        return "—"
    return fmt_ms(median(values) / per) if per > 1 else fmt_seconds(median(values))


# MARK: - 1. select 1


def bench_pings(targets: list[Target], args) -> dict:
    connections = {}
    for target in targets:
        # Snowlite would answer a repeated `select 1` from its result cache (Snowflake's default):
        # off, so that every round trip runs the statement. fakesnow has no result cache.
        parameters = {"USE_CACHED_RESULT": False} if target.name == "Snowlite" else None
        connections[target.name] = target.connect("pings", parameters)
        cursor = connections[target.name].cursor()
        for _ in range(args.warmup):
            cursor.execute("select 1").fetchall()
    samples: dict[str, list[Sample]] = {t.name: [] for t in targets}
    for run in range(args.runs):
        order = targets if run % 2 == 0 else list(reversed(targets))
        for target in order:
            cursor = connections[target.name].cursor()

            def work(cursor=cursor):
                for _ in range(args.pings):
                    rows = cursor.execute("select 1").fetchall()
                    if rows != [(1,)]:
                        raise RuntimeError(f"select 1 answered {rows!r}")

            sample, _ = measure(target, work)
            samples[target.name].append(sample)
            progress(f"select 1 × {args.pings}, {target.name}, run {run + 1}: {fmt_seconds(sample.wall)}")
    for connection in connections.values():
        connection.close()
    return samples


def report_pings(samples: dict[str, list[Sample]], args) -> tuple[list[str], float, float]:
    n = args.pings
    s, f = samples["Snowlite"], samples["fakesnow"]
    s_wall, f_wall = [x.wall for x in s], [x.wall for x in f]
    lines = [
        "## 1. `select 1` round trips",
        "",
        f"{n:,} × `cursor.execute(\"select 1\").fetchall()` on one connection per server (after {args.warmup} "
        f"unmeasured ones), {args.runs} runs, the servers alternating. Snowlite's session has "
        "`USE_CACHED_RESULT = FALSE` (it would otherwise answer the repeats from its result cache); fakesnow has "
        "no result cache. The server's CPU is its process's user + system time over the run (/proc/PID/stat).",
        "",
        f"| Measure ({args.runs} runs) | Snowlite | fakesnow | fakesnow / Snowlite |",
        "|---|---|---|---|",
        f"| {n:,} statements, wall time | {spread(s_wall, fmt_seconds)} | {spread(f_wall, fmt_seconds)} | "
        f"{ratio(median(f_wall), median(s_wall))} |",
        f"| per statement, wall time | {spread([w / n for w in s_wall], fmt_ms)} | "
        f"{spread([w / n for w in f_wall], fmt_ms)} | {ratio(median(f_wall), median(s_wall))} |",
        f"| per statement, server CPU | {cpu_text(s, n)} | {cpu_text(f, n)} | "
        f"{ratio(*[median([x.server_cpu for x in v]) if all(x.server_cpu is not None for x in v) else None for v in (f, s)])} |",
        f"| per statement, client CPU (the connector) | {fmt_ms(median([x.client_cpu for x in s]) / n)} | "
        f"{fmt_ms(median([x.client_cpu for x in f]) / n)} | — |",
        "",
        f"- the connector's own CPU per statement is a floor no server gets below: 5× fakesnow's "
        f"{fmt_ms(median(f_wall) / n)} is {fmt_ms(median(f_wall) / n / 5)}, against "
        f"{fmt_ms(min(median([x.client_cpu for x in v]) for v in (s, f)) / n)} of client CPU here",
        "",
    ]
    return lines, median(s_wall) / n, median(f_wall) / n


# MARK: - 2. The workload


def classify(statement: str) -> str:
    head = statement.lstrip()[:6].upper()
    if head == "INSERT":
        return "inserts"
    if head == "MERGE ":
        return "merges"
    if head == "SELECT" and "GROUP BY" in statement.upper():
        return "dashboards"
    if head == "SELECT":
        return "check"
    return "setup"


CATEGORIES = [
    ("setup", "setup (USE, CREATE …)"),
    ("inserts", "`INSERT … PARSE_JSON`"),
    ("merges", "`MERGE` of 5 rows"),
    ("dashboards", "`GROUP BY` dashboards"),
    ("check", "final `COUNT`/`SUM` check"),
]


def load_workload(path: str) -> tuple[list[str], list[str]]:
    """The script's statements (one a line, the trailing `;` dropped), unchanged and as sent."""
    with open(path, encoding="utf-8") as script:
        original = [line.rstrip("\n").rstrip().removesuffix(";") for line in script if line.strip()]
    sent = list(original)
    for index, statement in enumerate(sent):
        if statement.upper().startswith("CREATE OR REPLACE DATABASE BENCH_DB"):
            sent.insert(index + 1, SCHEMA_STATEMENT)
            break
    else:
        raise SystemExit("bench_driver: the workload has no CREATE OR REPLACE DATABASE BENCH_DB")
    return original, sent


@dataclass
class WorkloadRun:
    durations: list[float]
    errors: dict[int, str]
    sample: Sample
    check: Any


def run_workload(target: Target, statements: list[str], account: str, use_cached_result: bool) -> WorkloadRun:
    parameters = None if use_cached_result or target.name != "Snowlite" else {"USE_CACHED_RESULT": False}
    connection = target.connect(account, parameters)
    cursor = connection.cursor()
    durations: list[float] = []
    errors: dict[int, str] = {}
    last: list[Any] = []

    def work():
        nonlocal last
        for index, statement in enumerate(statements):
            t0 = time.perf_counter()
            try:
                cursor.execute(statement)
                rows = cursor.fetchall()
            except SnowflakeError as error:
                rows = None
                errors[index] = error_text(error)
            durations.append(time.perf_counter() - t0)
            if rows is not None and index == len(statements) - 1:
                last = rows

    sample, _ = measure(target, work)
    connection.close()
    check = tuple(last[0]) if last else None
    return WorkloadRun(durations, errors, sample, check)


def probe_unchanged(target: Target, original: list[str]) -> list[str]:
    """The unchanged script's setup statements on a fresh connection: what fails, and why."""
    notes = []
    connection = target.connect("probe")
    cursor = connection.cursor()
    for statement in original[:4]:
        try:
            cursor.execute(statement)
            cursor.fetchall()
        except SnowflakeError as error:
            notes.append(f"`{statement}`: {error_text(error)}")
    connection.close()
    return notes


def as_numbers(check: Any) -> tuple | None:
    try:
        return None if check is None else tuple(float(v) for v in check)
    except (TypeError, ValueError):
        return None


def check_ok(check: Any) -> bool:
    """The final statement's row is --check (as numbers of any type); with `--check none`, any answer."""
    if not WORKLOAD_CHECK:
        return as_numbers(check) is not None
    return as_numbers(check) == tuple(float(v) for v in WORKLOAD_CHECK)


def bench_workload(targets: list[Target], args) -> dict:
    original, sent = load_workload(args.workload)
    progress(f"workload: {len(original):,} statements (+1 added: {SCHEMA_STATEMENT})")
    probes = {t.name: probe_unchanged(t, original) for t in targets}
    runs: dict[str, list[WorkloadRun]] = {t.name: [] for t in targets}
    for run in range(args.workload_runs):
        order = targets if run % 2 == 0 else list(reversed(targets))
        for target in order:
            result = run_workload(target, sent, f"workload{run + 1}", args.result_cache == "on")
            runs[target.name].append(result)
            progress(f"workload, {target.name}, run {run + 1}: {fmt_seconds(result.sample.wall)}, "
                     f"{len(result.errors)} failed, check {result.check}")
    return {"original": original, "sent": sent, "probes": probes, "runs": runs}


def report_workload(data: dict, args) -> tuple[list[str], float | None, float | None, bool]:
    sent: list[str] = data["sent"]
    runs: dict[str, list[WorkloadRun]] = data["runs"]
    n = len(sent)
    kinds = [classify(s) for s in sent]
    counts = collections.Counter(kinds)
    # Statements that succeeded on both servers in every run: the comparison's ground.
    failed_anywhere = set()
    for name in runs:
        for run in runs[name]:
            failed_anywhere |= set(run.errors)
    common = [i for i in range(n) if i not in failed_anywhere]

    def totals(name: str, indices: list[int]) -> list[float]:
        return [sum(run.durations[i] for i in indices) for run in runs[name]]

    s_all, f_all = [r.sample.wall for r in runs["Snowlite"]], [r.sample.wall for r in runs["fakesnow"]]
    s_common, f_common = totals("Snowlite", common), totals("fakesnow", common)
    cache = "on (Snowflake's default)" if args.result_cache == "on" else "off"
    lines = [
        "## 2. The workload, statement by statement",
        "",
        f"The {len(data['original']):,}-statement workload `snowlite-workload` writes (bench/README.md: 4 setup "
        "statements, 5,000 single-row `INSERT … PARSE_JSON`, 200 five-row `MERGE`s, 200 `GROUP BY` dashboards, "
        "1 check), each line sent with `cursor.execute` and its answer read with `fetchall`, on a fresh "
        "connection per run: for Snowlite a new account file, for fakesnow a new in-memory database "
        f"(`FAKESNOW_DB_PATH = ':isolated:'`). {args.workload_runs} run(s), the servers alternating. Every "
        f"statement is timed on its own (the client's wall time around `execute` + `fetchall`). Snowlite's result "
        f"cache: {cache}; with it on, the 198 repeated dashboards (two query texts on unchanged data) are answered "
        "from it, as Snowflake answers them. fakesnow has no result cache.",
        "",
        f"One statement is added to the script for both servers, after `CREATE OR REPLACE DATABASE BENCH_DB`: "
        f"`{SCHEMA_STATEMENT}` ({n:,} statements sent). Snowflake creates PUBLIC with every database, and so "
        "does Snowlite (for it the statement changes nothing); fakesnow does not.",
    ]
    for name, notes in data["probes"].items():
        if notes:
            lines.append(f"The unchanged script's first four statements on a fresh {name} connection: "
                         + "; ".join(notes) + " — after which every statement of the workload fails.")
        else:
            lines.append(f"The unchanged script's first four statements run on {name}.")
    lines += [
        "",
        f"| Measure ({args.workload_runs} run(s)) | Snowlite | fakesnow | fakesnow / Snowlite |",
        "|---|---|---|---|",
        f"| all {n:,} statements sent, wall time | {spread(s_all, fmt_seconds)} | {spread(f_all, fmt_seconds)} | "
        f"{ratio(median(f_all), median(s_all))} |",
        f"| the {len(common):,} statements both ran, wall time | {spread(s_common, fmt_seconds)} | "
        f"{spread(f_common, fmt_seconds)} | {ratio(median(f_common), median(s_common))} |",
        f"| per statement both ran | {fmt_ms(median(s_common) / max(len(common), 1))} | "
        f"{fmt_ms(median(f_common) / max(len(common), 1))} | {ratio(median(f_common), median(s_common))} |",
    ]
    for kind, label in CATEGORIES:
        indices = [i for i in common if kinds[i] == kind]
        if not indices:
            continue
        s_k, f_k = median(totals("Snowlite", indices)), median(totals("fakesnow", indices))
        lines.append(f"| {label}: {len(indices):,} of {counts[kind]:,}, total (per statement) | {fmt_seconds(s_k)} "
                     f"({fmt_ms(s_k / len(indices))}) | {fmt_seconds(f_k)} ({fmt_ms(f_k / len(indices))}) | "
                     f"{ratio(f_k, s_k)} |")
    s_runs, f_runs = runs["Snowlite"], runs["fakesnow"]
    lines += [
        f"| server CPU, whole run | {cpu_text([r.sample for r in s_runs])} | {cpu_text([r.sample for r in f_runs])} | — |",
        f"| client CPU (the connector), whole run | {fmt_seconds(median([r.sample.client_cpu for r in s_runs]))} | "
        f"{fmt_seconds(median([r.sample.client_cpu for r in f_runs]))} | — |",
        "",
    ]
    all_ok = True
    for name, name_runs in runs.items():
        checks = [r.check for r in name_runs]
        ok = all(check_ok(c) for c in checks)
        all_ok &= ok or name != "Snowlite"
        shown = ", ".join("—" if c is None else "/".join(str(v) for v in c) for c in checks)
        expected = "/".join(map(str, WORKLOAD_CHECK)) if WORKLOAD_CHECK else "not checked: a --scale'd workload"
        lines.append(f"- check ({name}): the last statement answered {shown} — {'OK' if ok else 'WRONG'} "
                     f"(expected {expected})")
    answers = {as_numbers(r.check) for name_runs in runs.values() for r in name_runs}
    if len(answers) > 1:
        lines.append("- the two servers' answers to the last statement differ")
        all_ok = False
    for name, name_runs in runs.items():
        failed = [len(r.errors) for r in name_runs]
        lines.append(f"- failed statements ({name}): {', '.join(map(str, failed))} per run")
        messages = collections.Counter()
        examples: dict[str, str] = {}
        for r in name_runs[:1]:
            for index, message in r.errors.items():
                messages[message] += 1
                examples.setdefault(message, sent[index])
        for message, count in messages.most_common(8):
            example = examples[message]
            example = example if len(example) <= 100 else example[:97] + "…"
            lines.append(f"  - {count} × {message} (e.g. `{example}`)")
        if name == "Snowlite" and any(failed):
            all_ok = False
    if failed_anywhere:
        lines.append(f"- compared: only the {len(common):,} statements that succeeded on both servers in every run; "
                     f"the {len(failed_anywhere):,} others are counted above and left out of the per-category rows")
    lines.append("")
    per_s = median(s_common) / len(common) if common else None
    per_f = median(f_common) / len(common) if common else None
    return lines, per_s, per_f, all_ok


# MARK: - 3. Fetching rows


def fetch_load_sql(rows: int) -> str:
    """One INSERT … SELECT of `rows` rows, numbered by a cross join of ten-row VALUES lists (no
    GENERATOR, which Snowlite does not have yet); every value is a function of ID."""
    digits = max(1, math.ceil(math.log10(rows)))
    ten = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"
    number = " + ".join(f"D{k}.X * {10 ** k}" for k in range(digits)) + " + 1"
    sources = ", ".join(f"{ten} D{k}(X)" for k in range(digits))
    return ("INSERT INTO ROWS_TABLE (ID, NAME, AMOUNT, FLAG, DAY) SELECT ID, 'name-' || LPAD(ID::VARCHAR, 6, '0'), "
            "CASE WHEN ID % 17 = 0 THEN NULL ELSE (ID * 7919 % 1000000) / 100 END, ID % 3 = 0, "
            "DATEADD(DAY, ID % 1500, '2020-01-01'::DATE) "
            f"FROM (SELECT {number} AS ID FROM {sources}) WHERE ID <= {rows}")


# What the table holds, to compare the two servers' loads.
FINGERPRINT = ("SELECT COUNT(*), SUM(ID), SUM(AMOUNT), SUM(CASE WHEN FLAG THEN 1 ELSE 0 END), MIN(DAY), MAX(DAY), "
               "MIN(NAME), MAX(NAME) FROM ROWS_TABLE")


def normalised(row: tuple) -> tuple:
    """Numbers as rounded decimals text (fakesnow's SUMs are floats), the rest as text."""
    return tuple(f"{float(v):.2f}" if isinstance(v, (int, float)) or type(v).__name__ == "Decimal" else str(v)
                 for v in row)


FETCH_QUERY = "SELECT ID, NAME, AMOUNT, FLAG, DAY FROM ROWS_TABLE ORDER BY ID"
FETCH_KINDS = [
    ("json", "`fetchall()`, JSON result format"),
    ("arrow_rows", "`fetchall()`, Arrow result format"),
    ("arrow", "`fetch_arrow_all()` (Arrow)"),
    ("pandas", "`fetch_pandas_all()` (Arrow)"),
]


def bench_fetch(targets: list[Target], args) -> dict:
    setup = [
        "CREATE OR REPLACE DATABASE FETCH_DB",
        "CREATE SCHEMA IF NOT EXISTS FETCH_DB.PUBLIC",
        "USE SCHEMA FETCH_DB.PUBLIC",
        "CREATE OR REPLACE TABLE ROWS_TABLE (ID INT, NAME VARCHAR, AMOUNT NUMBER(12, 2), FLAG BOOLEAN, DAY DATE)",
    ]
    expected_sum = args.rows * (args.rows + 1) // 2
    connections, loads, checks, fingerprints, unavailable, formats = {}, {}, {}, {}, {}, {}
    for target in targets:
        parameters = {"USE_CACHED_RESULT": False} if target.name == "Snowlite" else None
        connection = connections[target.name] = target.connect("fetch", parameters)
        cursor = connection.cursor()
        for statement in setup:
            cursor.execute(statement).fetchall()

        loads[target.name], _ = measure(target, lambda cursor=cursor: cursor.execute(fetch_load_sql(args.rows)).fetchall())
        fingerprint = cursor.execute(FINGERPRINT).fetchone()
        count, total = fingerprint[:2]
        checks[target.name] = (int(count), int(total))
        fingerprints[target.name] = normalised(fingerprint)
        progress(f"fetch, {target.name}: loaded {count:,} rows in {fmt_seconds(loads[target.name].wall)}")
        # Can the session switch to JSON results? (fakesnow always answers Arrow.)
        try:
            cursor.execute("ALTER SESSION SET PYTHON_CONNECTOR_QUERY_RESULT_FORMAT = 'JSON'").fetchall()
            cursor.execute("ALTER SESSION SET PYTHON_CONNECTOR_QUERY_RESULT_FORMAT = 'ARROW'").fetchall()
        except SnowflakeError as error:
            unavailable[(target.name, "json")] = error_text(error)

    def fetch(cursor, kind: str):
        cursor.execute(FETCH_QUERY)
        executed = time.perf_counter()
        if kind == "arrow":
            table = cursor.fetch_arrow_all()
            import pyarrow.compute as pc

            return executed, table.num_rows, int(pc.sum(table.column("ID")).as_py())
        if kind == "pandas":
            frame = cursor.fetch_pandas_all()
            return executed, len(frame), int(frame["ID"].sum())
        rows = cursor.fetchall()
        return executed, len(rows), sum(int(r[0]) for r in rows)

    samples: dict[tuple[str, str], list[tuple[Sample, float]]] = collections.defaultdict(list)
    fetched: dict[tuple[str, str], set] = collections.defaultdict(set)
    for run in range(args.runs):
        order = targets if run % 2 == 0 else list(reversed(targets))
        for target in order:
            cursor = connections[target.name].cursor()
            for kind, _ in FETCH_KINDS:
                if (target.name, kind) in unavailable:
                    continue
                if (target.name, "json") not in unavailable:  # else the server answers Arrow only
                    wanted = "JSON" if kind == "json" else "ARROW"
                    cursor.execute(f"ALTER SESSION SET PYTHON_CONNECTOR_QUERY_RESULT_FORMAT = '{wanted}'").fetchall()
                start = time.perf_counter()
                try:
                    sample, (executed, count, total) = measure(target, lambda: fetch(cursor, kind))
                except SnowflakeError as error:
                    unavailable[(target.name, kind)] = error_text(error)
                    continue
                formats[(target.name, kind)] = getattr(cursor, "_query_result_format", "?")
                samples[(target.name, kind)].append((sample, executed - start))
                fetched[(target.name, kind)].add((count, total))
                progress(f"fetch {args.rows:,} rows, {target.name}, {kind}, run {run + 1}: {fmt_seconds(sample.wall)}")
    for connection in connections.values():
        connection.close()
    return dict(loads=loads, checks=checks, fingerprints=fingerprints, unavailable=unavailable, samples=samples,
                fetched=fetched, formats=formats, expected=(args.rows, expected_sum))


def report_fetch(data: dict, args) -> tuple[list[str], float | None, bool]:
    rows = args.rows
    lines = [
        f"## 3. Fetching {rows:,} rows",
        "",
        f"A table `ROWS_TABLE (ID INT, NAME VARCHAR, AMOUNT NUMBER(12, 2), FLAG BOOLEAN, DAY DATE)` of {rows:,} "
        f"deterministic rows (every 17th AMOUNT NULL) made by one `INSERT … SELECT` from a cross join of ten-row "
        f"`VALUES` lists (Snowlite has no `GENERATOR` yet), then `{FETCH_QUERY}`: the time is `execute` plus the fetch, "
        f"as a program sees it, then the part `execute` took and the server's CPU. The format is switched with `ALTER SESSION "
        f"SET PYTHON_CONNECTOR_QUERY_RESULT_FORMAT`. {args.runs} runs, the servers alternating; Snowlite's session "
        "has `USE_CACHED_RESULT = FALSE`.",
        "",
        f"| Measure ({args.runs} runs) | Snowlite | fakesnow | fakesnow / Snowlite |",
        "|---|---|---|---|",
    ]
    loads = data["loads"]
    lines.append(f"| load: the `INSERT … SELECT` of {rows:,} rows, wall time (1 run) | "
                 f"{fmt_seconds(loads['Snowlite'].wall)} | {fmt_seconds(loads['fakesnow'].wall)} | "
                 f"{ratio(loads['fakesnow'].wall, loads['Snowlite'].wall)} |")
    arrow_figure = None
    for kind, label in FETCH_KINDS:
        cells, medians = [], {}
        for name in ("Snowlite", "fakesnow"):
            got = data["samples"].get((name, kind))
            if not got:
                cells.append("not available")
                continue
            walls = [s.wall for s, _ in got]
            medians[name] = median(walls)
            server = [s.server_cpu for s, _ in got if s.server_cpu is not None]
            cells.append(f"{spread(walls, fmt_seconds)}; execute {fmt_seconds(median([e for _, e in got]))}"
                         + (f", server CPU {fmt_seconds(median(server))}" if server else ""))
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {ratio(medians.get('fakesnow'), medians.get('Snowlite'))} |")
        if kind == "arrow":
            arrow_figure = medians.get("Snowlite")
    lines.append("")
    ok = True
    expected = data["expected"]
    for name, check in data["checks"].items():
        good = check == expected
        ok &= good or name != "Snowlite"
        lines.append(f"- loaded ({name}): COUNT(*) = {check[0]:,}, SUM(ID) = {check[1]:,} — {'OK' if good else 'WRONG'}")
    prints = data["fingerprints"]
    if len(set(prints.values())) > 1:
        ok = False
        for name, values in prints.items():
            lines.append(f"- the tables differ: {name} has COUNT, SUM(ID), SUM(AMOUNT), TRUE FLAGs, MIN/MAX(DAY), "
                         f"MIN/MAX(NAME) = {', '.join(values)}")
    else:
        lines.append("- both tables hold the same data: COUNT, SUM(ID), SUM(AMOUNT), TRUE FLAGs, MIN/MAX(DAY), "
                     f"MIN/MAX(NAME) = {', '.join(next(iter(prints.values())))}")
    for (name, kind), answers in sorted(data["fetched"].items()):
        if answers != {expected}:
            lines.append(f"- {name}, {kind}: fetched (rows, SUM(ID)) {sorted(answers)}, expected {expected} — WRONG")
            ok &= name != "Snowlite"
    for (name, kind), fmt in sorted(data["formats"].items()):
        wanted = "json" if kind == "json" else "arrow"
        if fmt != wanted:
            lines.append(f"- {name}, {kind}: the answer came as `{fmt}`, not `{wanted}`")
    lines.append(f"- every fetch returned {expected[0]:,} rows and SUM(ID) = {expected[1]:,}, except where said")
    for (name, kind), message in sorted(data["unavailable"].items()):
        label = dict(FETCH_KINDS)[kind]
        lines.append(f"- {name} cannot: {label} — {message}")
        ok &= name != "Snowlite"
    lines.append("")
    return lines, arrow_figure, ok


# MARK: - The report


def git_commit(root: str) -> str:
    try:
        commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=True).stdout.strip()
        status = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, check=True).stdout.splitlines()
        dirty = [line for line in status if not line.endswith("bench/driver-results.md")]
        return commit + (" dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as info:
            memory = int(info.readline().split()[1]) / 1024 / 1024
        with open("/etc/os-release") as release:
            fields = dict(line.rstrip().split("=", 1) for line in release if "=" in line)
        system = fields.get("PRETTY_NAME", "").strip('"')
    except OSError:
        memory, system = math.nan, platform.system()
    return f"{cpu}, {os.cpu_count()} cores, {memory:.1f} GiB memory, {system}, {platform.system()} {platform.release()}"


def versions() -> str:
    from importlib.metadata import version

    names = ["snowflake-connector-python", "fakesnow", "duckdb", "sqlglot", "pyarrow", "pandas"]
    return ", ".join(f"{name} {version(name)}" for name in names)


def load_average() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snowlite-port", type=int, required=True)
    parser.add_argument("--fakesnow-port", type=int, required=True)
    parser.add_argument("--snowlite-pid", type=int)
    parser.add_argument("--fakesnow-pid", type=int)
    parser.add_argument("--snowlite-bin", default="snowlite", help="for the report")
    parser.add_argument("--build", default="release", help="how the snowlite binary was built, for the report")
    parser.add_argument("--serve-options", default="", help="options `snowlite serve` was started with, for the report")
    parser.add_argument("--workload", help="the workload script (snowlite-workload's output)")
    parser.add_argument("--output", help="write the report here too")
    parser.add_argument("--root", default=".", help="the repository, for the commit")
    parser.add_argument("--only", default="pings,workload,fetch")
    parser.add_argument("--runs", type=int, default=3, help="runs of the select 1 and fetch measures")
    parser.add_argument("--workload-runs", type=int, default=3)
    parser.add_argument("--pings", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--check", default="5400,5400,14582700",
                        help="what the workload's last statement must answer; `none`: only that both servers agree")
    parser.add_argument("--result-cache", choices=["on", "off"], default="on",
                        help="Snowlite's USE_CACHED_RESULT during the workload (default on, Snowflake's default)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    WORKLOAD_CHECK[:] = [] if args.check == "none" else [int(v) for v in args.check.split(",")]
    if "workload" in only and not args.workload:
        parser.error("--workload is needed for the workload")

    targets = [Target("Snowlite", args.snowlite_port, args.snowlite_pid),
               Target("fakesnow", args.fakesnow_port, args.fakesnow_pid)]
    started = time.perf_counter()
    load_before = load_average()
    sections: list[list[str]] = []
    goals: list[tuple[str, str, str]] = []
    status = 0

    if "pings" in only:
        lines, per_s, per_f = report_pings(bench_pings(targets, args), args)
        sections.append(lines)
        goals.append(("per statement (`select 1`) ≥ 5× faster than fakesnow",
                      f"{fmt_ms(per_s)} vs {fmt_ms(per_f)}: {per_f / per_s:.2f}×",
                      "met" if per_f / per_s >= 5 else "missed"))
    if "workload" in only:
        lines, per_s, per_f, ok = report_workload(bench_workload(targets, args), args)
        sections.append(lines)
        status |= 0 if ok else 1
        if per_s and per_f:
            goals.append(("per statement (the workload, statements both ran) ≥ 5× faster than fakesnow",
                          f"{fmt_ms(per_s)} vs {fmt_ms(per_f)}: {per_f / per_s:.2f}×",
                          "met" if per_f / per_s >= 5 else "missed"))
    if "fetch" in only:
        lines, arrow, ok = report_fetch(bench_fetch(targets, args), args)
        sections.append(lines)
        status |= 0 if ok else 1
        goals.append((f"`fetch_arrow_all` of {args.rows:,} rows < 0.5 s",
                      fmt_seconds(arrow) if arrow else "not measured",
                      ("met" if arrow < 0.5 else "missed") if arrow else "not measured"))

    debug = args.build != "release"
    report = [
        "# Snowlite's driver protocol against fakesnow's",
        "",
        "Written by `make bench-driver` (bench/driver/run.sh, bench/driver/bench_driver.py; see bench/README.md). "
        "The same Python client code, snowflake-connector-python 4.x, against `snowlite serve` and fakesnow's "
        "server (`python -m fakesnow -s`: Starlette and uvicorn over DuckDB, sqlglot translating the SQL), both "
        "started for the run on free loopback ports with fresh state; the servers alternate run by run. Figures "
        "are `median (min–max)`; a ratio is fakesnow's median over Snowlite's (above 1: Snowlite is faster).",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Commit: {git_commit(args.root)}",
        f"- Machine: {machine()}; load average {load_before} at the start, {load_average()} at the end",
        f"- Snowlite: `{args.snowlite_bin}` ({args.build} build), `snowlite serve --port 0"
        + (f" {args.serve_options.strip()}`" if args.serve_options.strip() else "`"),
        f"- Python {platform.python_version()}: {versions()}",
        f"- Whole run: {time.perf_counter() - started:.0f} s",
    ]
    if debug:
        report.append(f"- **A {args.build} build**: Snowlite's figures here are not a release build's (a debug "
                      "build is many times slower); the targets' status only says where this build stands.")
    report += ["", "## Goals", "", "| Goal | Figure (median) | Status |", "|---|---|---|"]
    report += [f"| {goal} | {figure} | {state} |" for goal, figure, state in goals]
    report.append("")
    for lines in sections:
        report += lines
    text = "\n".join(report).rstrip() + "\n"
    print(text, end="")
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
