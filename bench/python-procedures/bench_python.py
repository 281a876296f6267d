"""Python procedures against Swift handlers (bench/python-procedures/run.sh): the latency of a trivial
Python procedure's CALL, the first in a server (cold: nothing of the worker's is in the page cache yet)
and the next ones (warm), next to a SQL procedure's; and the quickstart's INGEST_DATA of 250 issues
from the GitHub fixture, as its Python source (SNOWLITE_PROCEDURE_RUNTIME = PYTHON) and as the Swift
handlers (SWIFT), in one run, each on an account of its own installed the client suite's way.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Clients"))
import support  # noqa: E402
import test_python_procedures as quickstart  # noqa: E402  (the package build and its install statements)

TRIVIAL = ("CREATE OR REPLACE PROCEDURE TRIVIAL() RETURNS NUMBER LANGUAGE PYTHON RUNTIME_VERSION = '3.11' "
           "PACKAGES = ('snowflake-snowpark-python') HANDLER = 'run' AS $$\ndef run(session):\n    return 1\n$$")
SQL_TRIVIAL = "CREATE OR REPLACE PROCEDURE SQL_TRIVIAL() RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN 1; END; $$"


def timed(cur, statement: str) -> float:
    started = time.perf_counter()
    cur.execute(statement)
    cur.fetchall()
    return time.perf_counter() - started


def call_latency(server, runs: int) -> dict:
    with server.connect("latency") as connection:
        cur = connection.cursor()
        for statement in ("CREATE DATABASE L", TRIVIAL, SQL_TRIVIAL):
            cur.execute(statement)
        cold = timed(cur, "CALL TRIVIAL()")
        warm = [timed(cur, "CALL TRIVIAL()") for _ in range(runs)]
        sql = [timed(cur, "CALL SQL_TRIVIAL()") for _ in range(runs)]
    return {"cold": cold, "warm": warm, "sql": sql}


def ingest(server, github, mode: str, build: Path, runs: int) -> list[float]:
    """CALL INGEST_DATA of the 250 issues again (the task's first run has ingested them), `runs` times."""
    with server.connect("ingest_" + mode.lower()) as connection:
        cur = connection.cursor()
        quickstart.install(cur, build, github.token)
        cur.execute(f"ALTER ACCOUNT SET SNOWLITE_PROCEDURE_RUNTIME = {mode}")
        cur.execute("CALL PUBLIC.PROVISION_CONNECTOR(PARSE_JSON('{\"destination_database\": \"GITHUB_ISSUES\", "
                    "\"secret_name\": \"PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN\", "
                    "\"external_access_integration_name\": \"PYCONN_INTEGRATION\"}'))")
        cur.execute(f"CALL PUBLIC.ENABLE_RESOURCE('{quickstart.REPOSITORY}')")
        deadline = time.monotonic() + 120
        while support.scalar(cur, f"SELECT COUNT(*) FROM {quickstart.SINK}") < 250:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{mode}: the task did not ingest 250 issues in 120 s")
            time.sleep(0.2)
        time.sleep(1)  # the task's CALL ends after its last row
        times = [timed(cur, f"CALL PUBLIC.INGEST_DATA('{quickstart.REPOSITORY}')") for _ in range(runs)]
        assert support.scalar(cur, f"SELECT COUNT(*) FROM {quickstart.SINK}") == 250
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--ingest-runs", type=int, default=3)
    options = parser.parse_args()
    os.environ["SNOWLITE_BIN"] = options.bin
    support.SNOWLITE_BIN = Path(options.bin)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        github = support.start_github_fixture(folder)
        home = folder / "home"
        home.mkdir()
        server = support.start_server(home, {"SNOWLITE_EGRESS_MAP": github.egress_map, "SNOWLITE_PYTHON": str(quickstart.PYTHON)})
        try:
            latency = call_latency(server, options.runs)
            build = quickstart.build_folder(folder)
            python = ingest(server, github, "PYTHON", build, options.ingest_runs)
            swift = ingest(server, github, "SWIFT", build, options.ingest_runs)
        finally:
            server.process.stop(support.STOP_TIMEOUT)
            github.process.stop(10)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    python_version = subprocess.run([str(quickstart.PYTHON), "-c", "import sys, snowflake.snowpark as s; "
                                     "print(sys.version.split()[0], s.__version__)"], capture_output=True, text=True).stdout.split()

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    def spread(values: list[float]) -> str:
        return ", ".join(ms(v) for v in values)

    lines = [
        "# Python procedures against Swift handlers",
        "",
        "Written by `make bench-python` (bench/python-procedures/run.sh, bench_python.py). Each Python CALL starts a",
        "worker process (Python, Snowpark imported, a Snowpark session logged in through its channel) that ends with",
        "the CALL; there is no pool, so a warm CALL differs from the cold one only by what the page cache holds.",
        "The ingestion is the quickstart's INGEST_DATA of 250 issues (9 pages of the GitHub fixture, each merged),",
        "called again after the task's first run, on one account per mode, in one run.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Commit: {commit}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}",
        f"- Snowlite: `{options.bin}`; worker Python {python_version[0]}, Snowpark {python_version[1]}",
        "",
        "| figure | median | runs |",
        "|---|---|---|",
        f"| CALL of a trivial Python procedure, cold (the server's first) | {ms(latency['cold'])} | 1 |",
        f"| CALL of a trivial Python procedure, warm | {ms(statistics.median(latency['warm']))} | {spread(latency['warm'])} |",
        f"| CALL of a trivial SQL procedure | {ms(statistics.median(latency['sql']))} | {spread(latency['sql'])} |",
        f"| INGEST_DATA of 250 issues, PYTHON (the connector's Python source) | {ms(statistics.median(python))} | {spread(python)} |",
        f"| INGEST_DATA of 250 issues, SWIFT (the Swift handlers) | {ms(statistics.median(swift))} | {spread(swift)} |",
        "",
    ]
    Path(options.output).write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
