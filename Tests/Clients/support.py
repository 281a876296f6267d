"""What the client suite shares: the connector under test, the `snowlite serve` process, accounts.

`snowlite serve --port 0` runs with `SNOWLITE_HOME` set to a fresh folder, so every account it
opens is new; it prints `Driver: http://127.0.0.1:<port>/` once it listens. The binary is
`$SNOWLITE_BIN`, else `<repo>/.build/debug/snowlite`.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import snowflake.connector

REPO = Path(__file__).resolve().parents[2]
SNOWLITE_BIN = Path(os.environ.get("SNOWLITE_BIN") or REPO / ".build" / "debug" / "snowlite")

CONNECTOR_VERSION: str = snowflake.connector.__version__
CONNECTOR_MAJOR = int(CONNECTOR_VERSION.split(".")[0])
# Snowpark, the snow CLI and snowflake-sqlalchemy pin connector < 5: they exist only in the 4.x
# environment, and the 5.x run deselects their tests (marker `stack4`, `-m "not stack4"`).
STACK4 = CONNECTOR_MAJOR == 4

USER = "snowlite"
PASSWORD = "snowlite"
WAREHOUSE = "COMPUTE_WH"

START_TIMEOUT = 60  # seconds for serve to print its Driver line
STOP_TIMEOUT = 45  # seconds for serve to exit after SIGTERM (a task run in progress has a grace period)

DRIVER_LINE = re.compile(r"^Driver: http://127\.0\.0\.1:(\d+)/$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: SIGTERM it when pytest dies, even by SIGKILL."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def account_name(text: str) -> str:
    """An account name Snowlite accepts (letters, digits, `_`, `-`) made from any text."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


@dataclass
class Process:
    """A child process whose output goes, line by line, to a log file."""

    name: str
    popen: subprocess.Popen
    log_path: Path
    lines: list[str] = field(default_factory=list)

    def log_tail(self, count: int = 40) -> str:
        tail = self.lines[-count:]
        return f"--- last {len(tail)} lines of {self.name} ({self.log_path}) ---\n" + "\n".join(tail)

    def stop(self, timeout: float) -> str | None:
        """SIGTERM, then wait; answers what went wrong, or None when it exited 0 in time."""
        if self.popen.poll() is not None:
            return f"{self.name} had already exited with {self.popen.returncode} before the end of the session"
        self.popen.send_signal(signal.SIGTERM)
        try:
            code = self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            return f"{self.name} did not exit within {timeout} s of SIGTERM (killed)"
        if code != 0:
            return f"{self.name} exited with {code} after SIGTERM"
        return None


def spawn(name: str, arguments: list[str], env: dict[str, str], log_path: Path,
          ready: re.Pattern | None = None, timeout: float = START_TIMEOUT) -> tuple[Process, re.Match | None]:
    """Starts a process, copying its stdout and stderr to `log_path`; with `ready`, waits until a
    line matches it (failing if the process exits first or `timeout` passes) and answers the match."""
    popen = subprocess.Popen(arguments, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    process = Process(name, popen, log_path)
    found: list[re.Match] = []
    seen = threading.Event()

    def pump() -> None:
        with open(log_path, "w", encoding="utf-8") as log:
            for raw in popen.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                process.lines.append(line)
                log.write(line + "\n")
                log.flush()
                if ready is not None and not found:
                    match = ready.match(line)
                    if match:
                        found.append(match)
                        seen.set()
        seen.set()  # end of output: the process has closed it (exited)

    threading.Thread(target=pump, name=f"{name} output", daemon=True).start()
    if ready is None:
        return process, None
    deadline = time.monotonic() + timeout
    while not found and time.monotonic() < deadline:
        seen.wait(0.2)
        if popen.poll() is not None and not found:
            seen.wait(1)  # let the pump read what is left
            break
    if not found:
        state = f"exited with {popen.returncode}" if popen.poll() is not None else f"printed no line matching {ready.pattern!r} in {timeout} s"
        if popen.poll() is None:
            popen.kill()
            popen.wait()
        raise RuntimeError(f"{name} {state}\n{process.log_tail()}")
    return process, found[0]


@dataclass
class Server:
    """A running `snowlite serve`."""

    process: Process
    port: int
    home: Path

    def params(self, account: str, **overrides) -> dict:
        """The connect() arguments for `account` as the default user; an override of None drops the key."""
        params = dict(account=account, user=USER, password=PASSWORD, host="127.0.0.1", port=self.port,
                      protocol="http", warehouse=WAREHOUSE, login_timeout=30)
        params.update(overrides)
        return {key: value for key, value in params.items() if value is not None}

    def connect(self, account: str, **overrides):
        return snowflake.connector.connect(**self.params(account, **overrides))


def start_server(home: Path, extra_env: dict[str, str] | None = None, extra_args: list[str] | None = None) -> Server:
    if not (SNOWLITE_BIN.is_file() and os.access(SNOWLITE_BIN, os.X_OK)):
        raise RuntimeError(f"{SNOWLITE_BIN} is not an executable: build it (swift build --product snowlite) "
                           "or point SNOWLITE_BIN at one")
    env = {**os.environ, "SNOWLITE_HOME": str(home), **(extra_env or {})}
    process, match = spawn("snowlite serve", [str(SNOWLITE_BIN), "serve", "--port", "0", *(extra_args or [])], env,
                           home / "serve.log", ready=DRIVER_LINE)
    return Server(process, int(match.group(1)), home)


@dataclass
class GitHubFixture:
    """`snowlite fixtures github`: the mock api.github.com the quickstart's connector ingests from."""

    process: Process
    port: int
    token: str

    @property
    def egress_map(self) -> str:
        return f"https://api.github.com=http://127.0.0.1:{self.port}"


def start_github_fixture(folder: Path) -> GitHubFixture:
    port_file = folder / "github.port"
    process, _ = spawn("snowlite fixtures github",
                       [str(SNOWLITE_BIN), "fixtures", "github", "--port", "0", "--port-file", str(port_file)],
                       dict(os.environ), folder / "github.log")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = port_file.read_text().strip() if port_file.exists() else ""
        if text:
            break
        if process.popen.poll() is not None:
            raise RuntimeError(f"the GitHub fixture exited with {process.popen.returncode}\n{process.log_tail()}")
        time.sleep(0.1)
    else:
        process.stop(5)
        raise RuntimeError(f"the GitHub fixture wrote no port in {START_TIMEOUT} s\n{process.log_tail()}")
    token = subprocess.run([str(SNOWLITE_BIN), "fixtures", "github", "--print-token"], check=True,
                           capture_output=True, text=True, timeout=30).stdout.strip()
    return GitHubFixture(process, int(text), token)


def rows(cursor, sql: str, params=None) -> list[tuple]:
    """Executes and fetches every row as plain tuples."""
    cursor.execute(sql, params) if params is not None else cursor.execute(sql)
    return [tuple(row) for row in cursor.fetchall()]


def scalar(cursor, sql: str, params=None):
    result = rows(cursor, sql, params)
    assert len(result) == 1 and len(result[0]) == 1, f"{sql!r} answered {result!r}, not one value"
    return result[0][0]


def write_snow_config(home: Path, *, account: str | None = None, port: int = 0, role: str = "ACCOUNTADMIN",
                      warehouse: str = WAREHOUSE, database: str | None = None, air_gapped: bool = False) -> None:
    """`home`/config.toml for the Snowflake CLI, mode 0600 (snow refuses a config file others can
    read): its [cli] section (`air_gapped` keeps it from fetching templates) and, given an account,
    connection `local` to the server on `port`."""
    lines = ["[cli]", "ignore_new_version_warning = true", *(["air_gapped = true"] if air_gapped else [])]
    if account is not None:
        lines += ["", "[connections.local]", f'account = "{account}"', f'user = "{USER}"', f'password = "{PASSWORD}"',
                  'host = "127.0.0.1"', f"port = {port}", 'protocol = "http"']
        if database:
            lines += [f'database = "{database}"', 'schema = "PUBLIC"']
        lines += [f'warehouse = "{warehouse}"', f'role = "{role}"']
    config = home / "config.toml"
    config.write_text("\n".join(lines) + "\n")
    config.chmod(0o600)


def snow_environment(home: Path, **extra: str) -> dict[str, str]:
    """What `snow` runs with: SNOWFLAKE_HOME and HOME at `home`, wide output, no platform probing,
    and no SNOWFLAKE_* variable from outside the test."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SNOWFLAKE_")}
    environment.update(SNOWFLAKE_HOME=str(home), HOME=str(home), COLUMNS="300",
                       SNOWFLAKE_DISABLE_PLATFORM_DETECTION="true", **extra)
    return environment
