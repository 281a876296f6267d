"""The `snow app` acceptance scenario's wall time against Snowlite (bench/snow-app/run.sh).

Runs the scenario's tests (Tests/Clients/test_snow_app.py, test_01 … test_15) with pytest against
`snowlite serve` (the suite's own fixtures start it, here under measured_serve.py, which records the
server's CPU time), reads the per-step wall times and `snow` call counts the module prints at its
end, and measures the CLI's start-up alone: `snow app bundle` in a project from the offline
template, which contacts no server. Snowlite's share is its server's CPU time over the whole run
(fixtures and checks included, so an upper bound on what the commands cost it).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Clients"))
import support  # noqa: E402  (the client suite's: how `snow` is configured and run)

SNOW = Path(sys.executable).with_name("snow")
LINE = re.compile(r"snow app acceptance scenario, wall time per step \(s\): (.*); total ([0-9.]+)")
STEP = re.compile(r"^(.+) ([0-9.]+) \((\d+)\)$")


def cli_start_up(runs: int) -> list[float]:
    """`snow app bundle` in a fresh project from the template: the CLI's start-up and its own work."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        support.write_snow_config(home, air_gapped=True)
        environment = support.snow_environment(home, USER="tester")
        subprocess.run([str(SNOW), "init", "hello_app", "--template-source", str(ROOT / "templates" / "native-app"),
                        "--no-interactive", "-D", "project_name=hello_app"], cwd=home, env=environment,
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
        times = []
        for _ in range(runs):
            started = time.monotonic()
            subprocess.run([str(SNOW), "app", "bundle"], cwd=home / "hello_app", env=environment, check=True,
                           capture_output=True, stdin=subprocess.DEVNULL)
            times.append(time.monotonic() - started)
        return times


def scenario(binary: str) -> tuple[list[tuple[str, float, int]], float, float, float]:
    """The steps (name, seconds, calls), the scenario's total, pytest's whole wall time and the
    server's CPU seconds."""
    with tempfile.TemporaryDirectory() as folder:
        times = Path(folder) / "server-times"
        env = dict(os.environ, SNOWLITE_BIN=str(Path(__file__).with_name("measured_serve.py")),
                   SNOW_APP_REAL_SNOWLITE=binary, SNOW_APP_SERVER_TIMES=str(times))
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                              str(ROOT / "Tests" / "Clients" / "test_snow_app.py"), "-k", "test_0 or test_1"],
                             cwd=ROOT / "Tests" / "Clients", capture_output=True, text=True, env=env)
        whole = time.monotonic() - started
        match = LINE.search(run.stdout)
        if run.returncode != 0 or not match or not times.exists():
            sys.exit(f"bench_snow_app: the scenario failed (exit {run.returncode})\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}")
        server = sum(float(part) for part in times.read_text().split())
    steps = []
    for item in match.group(1).split(", "):
        step = STEP.match(item)
        if step:
            steps.append((step.group(1), float(step.group(2)), int(step.group(3))))
    return steps, float(match.group(2)), whole, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--start-up-runs", type=int, default=5)
    options = parser.parse_args()

    start_up = cli_start_up(options.start_up_runs)
    steps, total, whole, server = scenario(options.bin)
    calls = sum(c for _, _, c in steps)
    baseline = statistics.median(start_up)
    commit = subprocess.run(["git", "log", "-1", "--format=%h"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    version = subprocess.run([str(SNOW), "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# The `snow app` workflow against Snowlite",
        "",
        "Written by `make bench-snow-app` (bench/snow-app/run.sh, bench_snow_app.py; see bench/README.md). The acceptance",
        "scenario of issue 21 as Tests/Clients/test_snow_app.py runs it (test_01 … test_15: init from templates/native-app,",
        "bundle, run, run again, deploy, validate, version create and a patch, version list, run --version, version drop,",
        "events, teardown) against `snowlite serve`, each `snow` command timed. Most of each command's time is the CLI's own",
        "start-up, measured alone as `snow app bundle` (no server). Snowlite's share is its server's CPU time (user + system)",
        "over the whole pytest run, fixtures and checks included: an upper bound on what the commands cost it.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Commit: {commit}{' dirty' if dirty else ''}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}",
        f"- Snowlite: `{options.bin}`; {version} on Python {platform.python_version()}",
        "",
        "| figure | value |",
        "|---|---|",
        f"| the scenario, `snow` commands timed | {calls} |",
        f"| the scenario's wall time (those commands) | {total:.1f} s |",
        f"| per command | {total / calls:.2f} s |",
        f"| the CLI alone, `snow app bundle` (median of {len(start_up)}: {', '.join(f'{t:.2f}' for t in start_up)} s) | {baseline:.2f} s |",
        f"| Snowlite's share: `snowlite serve`'s CPU time over the whole run | {server:.2f} s ({server / calls:.2f} s a command at most) |",
        f"| pytest's whole run (fixtures, checks, server start) | {whole:.1f} s |",
        "",
        "| step | `snow` calls | wall time |",
        "|---|---|---|",
    ] + [f"| {name} | {c} | {seconds:.2f} s |" for name, seconds, c in steps] + [""]
    Path(options.output).write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
