"""The quickstart through Snowpark: the repository's own sql/deploy.sql, sql/install.sql and
sql/configure.sql, statement by statement through one Snowpark session (the PUT of sf_build/ too),
against a `snowlite serve` of its own whose egress goes to the GitHub fixture (`snowlite fixtures
github`); then the ingestion the connector's task runs, and what sql/show.sql shows."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

import support
from support import REPO, STACK4

pytestmark = [pytest.mark.stack4, pytest.mark.timeout(420)]

if STACK4:  # Snowpark exists only beside connector 4.x; the 5.x run deselects this module
    from snowflake.connector.util_text import split_statements
    from snowflake.snowpark import Session

APP = "EXAMPLE_GITHUB_PYTHON_CONNECTOR"
REPOSITORY = "Snowflake-Labs/sfquickstarts"
SINK = "GITHUB_ISSUES.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS"
INGESTION_TIMEOUT = 180


@pytest.fixture(scope="module")
def quickstart_server(tmp_path_factory):
    """A server of its own: it needs SNOWLITE_EGRESS_MAP pointing api.github.com at the fixture."""
    folder = tmp_path_factory.mktemp("quickstart")
    github = support.start_github_fixture(folder)
    home = folder / "home"
    home.mkdir()
    try:
        server = support.start_server(home, {"SNOWLITE_EGRESS_MAP": github.egress_map})
    except RuntimeError:
        github.process.stop(10)
        raise
    yield server, github
    problems = [problem for problem in (server.process.stop(support.STOP_TIMEOUT), github.process.stop(10)) if problem]
    if problems:
        pytest.fail("\n".join(problems) + "\n" + server.process.log_tail(), pytrace=False)


def make_sf_build(folder: Path) -> Path:
    """What `make sf_build` makes: the package's files and the connector's sources zipped."""
    build = folder / "sf_build"
    build.mkdir()
    for name in ("manifest.yml", "setup.sql", "streamlit_app.py"):
        shutil.copy(REPO / name, build / name)
    with zipfile.ZipFile(build / "snowflake_github_connector.zip", "w") as archive:
        for source in sorted((REPO / "Sources" / "GitHubConnector").glob("*.swift")):
            archive.write(source, source.name)
    return build


def script(name: str, variables: dict[str, str]) -> list[str]:
    """sql/<name> with snowsql's &VAR / &{VAR} substituted, split as the connector splits scripts."""
    text = (REPO / "sql" / name).read_text()
    text = re.sub(r"&\{(\w+)\}|&(\w+)", lambda m: variables[m.group(1) or m.group(2)], text)
    return [statement.strip().rstrip(";").strip()
            for statement, _ in split_statements(io.StringIO(text), remove_comments=True) if statement.strip()]


def test_quickstart_through_snowpark(quickstart_server, tmp_path, monkeypatch):
    server, github = quickstart_server
    build = make_sf_build(tmp_path)
    monkeypatch.chdir(tmp_path)  # deploy.sql's PUT names 'file://sf_build/*'
    variables = dict(APP_NAME=APP, STAGE_DB=f"{APP}_STAGE", STAGE_NAME=f"{APP}_STAGE.PUBLIC.ARTIFACTS",
                     APP_VERSION="V_1_0_0", WAREHOUSE="XS", token=github.token,
                     DESTINATION_DB="GITHUB_ISSUES", REPOSITORY=REPOSITORY,
                     SINK_VIEW="SNOWFLAKE_LABS_SFQUICKSTARTS_FLATTENED")
    session = Session.builder.configs(server.params("quickstart")).create()
    try:
        answers = {}
        for name in ("deploy.sql", "install.sql", "configure.sql"):
            for statement in script(name, variables):
                answers[statement] = session.sql(statement).collect()

        (put,) = [rows for statement, rows in answers.items() if statement.upper().startswith("PUT ")]
        assert sorted((row[1], row[6]) for row in put) == sorted((path.name, "UPLOADED") for path in build.iterdir())
        (provisioned,) = [rows for statement, rows in answers.items() if "PROVISION_CONNECTOR" in statement]
        assert [tuple(row) for row in provisioned] == [("Connector provisioned",)]
        (enabled,) = [rows for statement, rows in answers.items() if "ENABLE_RESOURCE" in statement]
        assert [tuple(row) for row in enabled] == [(f"{REPOSITORY} enabled",)]

        # The ingestion task runs in the background: wait for its 250 rows.
        deadline = time.monotonic() + INGESTION_TIMEOUT
        count = None
        while time.monotonic() < deadline:
            count = session.table(SINK).count()
            if count == 250:
                break
            time.sleep(1)
        assert count == 250, f"{count} rows after {INGESTION_TIMEOUT} s"

        show = script("show.sql", variables)
        session.sql(show[0]).collect()  # SET APP_INSTANCE_NAME
        session.sql(show[1]).collect()  # ALTER APPLICATION … SET DEBUG_MODE = TRUE
        state = session.sql(show[2]).collect()
        assert [(row["REPOSITORY"], row["STATE"], row["ROWS_COUNT"]) for row in state] == [(REPOSITORY, "DONE", "250")]
        issues = session.sql(show[3]).collect()
        assert [row["NUMBER"] for row in issues] == list(range(250, 240, -1))
        assert all(row["STATE"] in ("open", "closed") and row["TITLE"] for row in issues)
    finally:
        session.close()
