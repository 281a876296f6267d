"""The native-app workflow of the Snowflake CLI (`snow app …`, snowflake-cli 3.30 on connector 4.7.5)
against `snowlite serve`: the acceptance scenario of ../shared/spec/snow-app-workflow.md §6, command by
command, from Snowlite's own offline template (templates/native-app). Each step checks the command's
exit code, what it prints and, where it matters, what it sent (its `--debug` log): the first `run`
creates the package, the stage, uploads three files, validates and installs; the second uploads
nothing and upgrades; a changed file is the one upload of `deploy`; `validate` reports a broken
setup script as Snowflake does; versions and patches; `run --version` drops the dev-mode app on
093044 and installs the version; `events` reads the app's log; `teardown` leaves nothing.

The steps share one project and run in order (a failed step fails the ones after it). SYSADMIN, the
connection's role, is granted CREATE APPLICATION PACKAGE and CREATE APPLICATION first, as on Snowflake.
Then: an application whose `meta.role` is not the package's, and the quickstart itself deployed and
installed by `snow app run` from the repository's snowflake.yml, ingesting from the GitHub fixture.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import support

pytestmark = pytest.mark.stack4

SNOW = Path(sys.executable).with_name("snow")
TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "native-app"
PACKAGE, APP = "hello_app_pkg_tester", "hello_app_tester"
TIMINGS: dict[str, float] = {}  # step → seconds, printed at the end of the module
CALLS: dict[str, int] = {}  # step → `snow` calls timed under it (bench/snow-app reads both)


@pytest.fixture(scope="module")
def home(tmp_path_factory, server, account, db):
    """SNOWFLAKE_HOME with connection `local` (role SYSADMIN) and `[cli] air_gapped = true`."""
    conn = server.connect(account, role="ACCOUNTADMIN")
    try:
        for statement in ["grant create application package on account to role sysadmin",
                          "grant create application on account to role sysadmin",
                          "use role sysadmin", f"create event table {db}.public.events",
                          "use role accountadmin", f"alter account set event_table = {db}.public.events"]:
            conn.cursor().execute(statement)
    finally:
        conn.close()
    folder = tmp_path_factory.mktemp("snow-app-home")
    support.write_snow_config(folder, account=account, port=server.port, database=db, role="SYSADMIN", air_gapped=True)
    return folder


@pytest.fixture(scope="module")
def project(home):
    return home / "hello_app"


def snow(home: Path, *arguments: str, cwd: Path | None = None, step: str | None = None) -> subprocess.CompletedProcess:
    """Runs `snow` with USER=tester (the template's name suffix) and no SNOWFLAKE_* from outside."""
    started = time.monotonic()
    result = subprocess.run([str(SNOW), *arguments], env=support.snow_environment(home, USER="tester"), cwd=cwd or home, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=110)
    if step:
        TIMINGS[step] = TIMINGS.get(step, 0) + time.monotonic() - started
        CALLS[step] = CALLS.get(step, 0) + 1
    return result


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def sent(result: subprocess.CompletedProcess) -> list[str]:
    """The statements a `--debug` run sent, in order, as the connector logs them: whitespace runs
    made one space, and cut after 80 characters (with `...`)."""
    return re.findall(r"cursor\] query: \[(.*)\]$", result.stderr, flags=re.MULTILINE)


def logged(statement: str) -> str:
    """A statement as `sent` reports it: cut after 80 characters."""
    return statement if len(statement) <= 80 else statement[:80] + "..."


def puts(result: subprocess.CompletedProcess) -> list[str]:
    """The PUT statements, whole (the CLI logs each twice: once per log handler)."""
    logged = re.findall(r"sql_execution\] Executing (put .*)$", result.stderr, flags=re.MULTILINE)
    return logged[::2]


def sql_json(home: Path, query: str, step: str | None = None):
    return json.loads(ok(snow(home, "sql", "-c", "local", "--format", "json", "-q", query, step=step)))


def url(account: str) -> str:
    return f"https://app.snowflake.com/SNOWLITE/{account.lower()}/#/apps/application/HELLO_APP_TESTER"


def test_01_init_from_the_offline_template(home, project):
    out = ok(snow(home, "init", "hello_app", "--template-source", str(TEMPLATE), "--no-interactive",
                  "-D", "project_name=hello_app", step="init"))
    assert out == "Initialized the new project in hello_app\n"
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == [
        "app", "app/README.md", "app/manifest.yml", "app/setup_script.sql", "snowflake.yml"]
    assert "identifier: <% fn.concat_ids('hello_app_pkg', ctx.env.suffix) %>" in (project / "snowflake.yml").read_text()
    assert (project / "app" / "README.md").read_text().startswith("# hello_app\n")


def test_02_bundle(home, project):
    out = ok(snow(home, "app", "bundle", cwd=project, step="bundle"))
    assert out == f"Bundle generated at {project}/output/deploy\n"
    deploy = project / "output" / "deploy"
    assert sorted(p.name for p in deploy.iterdir()) == ["README.md", "manifest.yml", "setup_script.sql"]
    assert all(p.is_symlink() for p in deploy.iterdir())


def test_03_first_run_creates_package_stage_files_and_app(home, project, account):
    result = snow(home, "app", "run", "-c", "local", "--debug", cwd=project, step="run (first)")
    out = ok(result)
    assert out.splitlines() == [
        f"Creating new application package {PACKAGE} in account.",
        f"Checking if stage {PACKAGE}.app_src.stage exists, or creating a new one if none exists.",
        f"Performing a diff between the Snowflake stage: stage and your local deploy_root: {project}/output/deploy.",
        "Local changes to be deployed:",
        "  added:    app/README.md -> README.md",
        "  added:    app/manifest.yml -> manifest.yml",
        "  added:    app/setup_script.sql -> setup_script.sql",
        "Uploading files from local " f"{project}/output/deploy directory to stage.",
        "Validating Snowflake Native App setup script.",
        f"Creating new application object {APP} in account.",
        "Application 'HELLO_APP_TESTER' created successfully.",
        "",
        f"Your application object ({APP}) is now available:",
        url(account),
    ]
    statements = sent(result)
    assert "call system$bootstrap_data_request('CLIENT_PARAMS_INFO')" in statements
    assert puts(result) == [f"put file://{project}/output/deploy/{name} @{PACKAGE}.app_src.stage auto_compress=false "
                            "parallel=4 overwrite=False" for name in ["README.md", "manifest.yml", "setup_script.sql"]]
    assert f"call system$validate_native_app_setup('@{PACKAGE}.app_src.stage')" in statements
    assert statements.index(f"call system$validate_native_app_setup('@{PACKAGE}.app_src.stage')") \
        < next(i for i, s in enumerate(statements) if s.startswith(f"create application {APP} from application package"))
    packages = sql_json(home, "show application packages like 'HELLO\\\\_APP\\\\_PKG%'")
    assert [(p["name"], p["comment"], p["distribution"]) for p in packages] == [
        ("HELLO_APP_PKG_TESTER", "GENERATED_BY_SNOWFLAKECLI", "INTERNAL")]


def test_04_sql_calls_the_app(home):
    assert sql_json(home, f"call {APP}.core.hello()", step="sql call") == [{"HELLO": "Hello Snowflake!"}]


def test_05_list_md5_is_the_files_md5(home, project):
    listed = {row["name"]: row["md5"] for row in sql_json(home, f"ls @{PACKAGE}.app_src.stage")}
    assert listed == {f"stage/{name}": hashlib.md5((project / "app" / name).read_bytes()).hexdigest()
                      for name in ["README.md", "manifest.yml", "setup_script.sql"]}


def test_06_second_run_uploads_nothing_and_upgrades(home, project, account):
    result = snow(home, "app", "run", "-c", "local", "--debug", cwd=project, step="run (again)")
    assert ok(result).splitlines() == [
        f"Checking if stage {PACKAGE}.app_src.stage exists, or creating a new one if none exists.",
        f"Performing a diff between the Snowflake stage: stage and your local deploy_root: {project}/output/deploy.",
        "Your stage is up-to-date with your local deploy root.",
        "Validating Snowflake Native App setup script.",
        f"Upgrading existing application object {APP}.",
        "Application 'HELLO_APP_TESTER' upgraded successfully.",
        "",
        f"Your application object ({APP}) is now available:",
        url(account),
    ]
    assert puts(result) == []
    assert any(s.startswith(f"alter application {APP} upgrade using @{PACKAGE}.app_src.s") for s in sent(result))


def test_07_deploy_uploads_exactly_the_changed_file(home, project):
    with open(project / "app" / "setup_script.sql", "a") as script:
        script.write("-- touch\n")
    result = snow(home, "app", "deploy", "-c", "local", "--debug", cwd=project, step="deploy (one file)")
    out = ok(result)
    assert "  modified: app/setup_script.sql -> setup_script.sql" in out.splitlines()
    assert out.endswith("Deployed successfully. Application package and stage are up-to-date.\n")
    assert puts(result) == [f"put file://{project}/output/deploy/setup_script.sql @{PACKAGE}.app_src.stage "
                            "auto_compress=false parallel=4 overwrite=True"]


def test_08_validate_succeeds_and_drops_its_scratch_stage(home, project):
    result = snow(home, "app", "validate", "-c", "local", "--debug", cwd=project, step="validate")
    assert ok(result).endswith("Setup script is valid\nSnowflake Native App validation succeeded.\n")
    assert f"drop stage if exists {PACKAGE}.app_src.stage_snowflake_cli_scratch" in sent(result)
    assert [s["name"] for s in sql_json(home, f"show stages in schema {PACKAGE}.app_src")] == ["STAGE"]


def test_09_validate_reports_a_broken_setup_script(home, project):
    script = project / "app" / "setup_script.sql"
    good = script.read_text()
    try:
        script.write_text(good + "insert into core.missing values (1);\n")
        line = len(good.splitlines()) + 1
        result = snow(home, "app", "validate", "-c", "local", cwd=project, step="validate (broken)")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Snowflake Native App setup script failed validation." in result.stderr
        assert "Table 'CORE.MISSING' does not exist or not authorized. (error code 002003)" in result.stdout
        report = json.loads(ok(snow(home, "app", "validate", "-c", "local", "--format", "json", cwd=project)))
        assert report == {"status": "FAIL", "warnings": [], "errors": [{
            "message": "SQL compilation error:\nTable 'CORE.MISSING' does not exist or not authorized.",
            "cause": f"Uncaught exception of type 'STATEMENT_ERROR' on line {line} at position 0 : SQL compilation error:\n"
                     "Table 'CORE.MISSING' does not exist or not authorized.",
            "errorCode": "002003", "fileName": "@STAGE/setup_script.sql", "line": line, "column": 0}]}
        # The app installed before is untouched by the failed validation.
        assert sql_json(home, f"call {APP}.core.hello()") == [{"HELLO": "Hello Snowflake!"}]
    finally:
        script.write_text(good)


def test_10_version_create_then_a_patch(home, project):
    out = ok(snow(home, "app", "version", "create", "v1", "-c", "local", "--skip-git-check", cwd=project,
                  step="version create"))
    assert f"Version v1 created for application package {PACKAGE}." in out.splitlines()
    out = ok(snow(home, "app", "version", "create", "v1", "-c", "local", "--skip-git-check", "--force", cwd=project,
                  step="version create (patch)"))
    assert f"Patch 1 created for version v1 defined in application package {PACKAGE}." in out.splitlines()


def test_11_version_list(home, project):
    rows = json.loads(ok(snow(home, "app", "version", "list", "-c", "local", "--format", "json", cwd=project,
                              step="version list")))
    assert [(r["version"], r["patch"], r["state"]) for r in rows] == [("V1", 0, "READY"), ("V1", 1, "READY")]


def test_12_run_version_drops_the_dev_app_and_installs_the_version(home, project, account):
    result = snow(home, "app", "run", "--version", "v1", "-c", "local", "--force", cwd=project, step="run --version")
    out = ok(result)
    assert f"Creating new application object {APP} in account." in out.splitlines()
    assert out.endswith(f"Your application object ({APP}) is now available:\n{url(account)}\n")
    assert "093044" in result.stdout + result.stderr  # the upgrade refused, then drop and create
    apps = sql_json(home, "show applications")
    assert [(a["name"], a["version"], a["patch"], a["comment"]) for a in apps] == [
        ("HELLO_APP_TESTER", "V1", 1, "GENERATED_BY_SNOWFLAKECLI")]
    assert sql_json(home, f"call {APP}.core.hello()", step="sql call") == [{"HELLO": "Hello Snowflake!"}]


def test_13_version_drop(home, project):
    ok(snow(home, "app", "version", "create", "v2", "-c", "local", "--skip-git-check", cwd=project))
    out = ok(snow(home, "app", "version", "drop", "v2", "-c", "local", "--force", cwd=project, step="version drop"))
    assert f"Version v2 in application package {PACKAGE} dropped successfully." in out.splitlines()
    rows = json.loads(ok(snow(home, "app", "version", "list", "-c", "local", "--format", "json", cwd=project)))
    assert [(r["version"], r["patch"]) for r in rows] == [("V1", 0), ("V1", 1)]


def test_14_events_show_what_the_app_logged(home, project):
    # hello() logs at INFO each time it is called: by steps 4, 9 and 12.
    out = ok(snow(home, "app", "events", "-c", "local", "--last", "10", cwd=project, step="events"))
    lines = out.splitlines()
    assert len(lines) == 3 and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ hello\(\) was called", l) for l in lines), out
    out = ok(snow(home, "app", "events", "-c", "local", "--since", "1 hour", "--type", "log", "--first", "1",
                  "--format", "json", cwd=project))
    assert json.loads(out)["VALUE"] == "hello() was called"
    assert ok(snow(home, "app", "events", "-c", "local", "--until", "1 hour", cwd=project)) == ""


def test_14_1_events_follow_prints_new_events_as_they_come(home, project):
    """`snow app events --follow` prints the last events, then each new one at its next poll."""
    follower = subprocess.Popen([str(SNOW), "app", "events", "-c", "local", "--follow", "--follow-interval", "1"],
                                env=support.snow_environment(home, USER="tester"), cwd=project, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(follower.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        def wait_for(count: int):
            deadline = time.monotonic() + 60
            while len([l for l in lines if "hello() was called" in l]) < count and time.monotonic() < deadline:
                assert follower.poll() is None, "".join(lines)
                time.sleep(0.2)
            return len([l for l in lines if "hello() was called" in l])
        assert wait_for(3) == 3, "".join(lines)  # the three calls so far (steps 4, 9 and 12)
        assert sql_json(home, f"call {APP}.core.hello()") == [{"HELLO": "Hello Snowflake!"}]
        assert wait_for(4) == 4, "".join(lines)
    finally:
        follower.terminate()
        follower.wait(timeout=30)


def test_15_teardown_leaves_nothing(home, project):
    out = ok(snow(home, "app", "teardown", "-c", "local", "--force", cwd=project, step="teardown"))
    assert f"Dropped application {APP} successfully." in out.splitlines()
    assert f"Dropped application package {PACKAGE} successfully." in out.splitlines()
    assert sql_json(home, "show application packages like 'HELLO_APP%'") == []
    assert sql_json(home, "show applications") == []
    total = sum(TIMINGS.values())
    print("\nsnow app acceptance scenario, wall time per step (s): "
          + ", ".join(f"{step} {seconds:.2f} ({CALLS[step]})" for step, seconds in TIMINGS.items()) + f"; total {total:.1f}")


def test_an_application_role_other_than_the_packages(home, server, account):
    """`meta.role` on the application: `snow app run` grants INSTALL, DEVELOP, USAGE on the stage's
    schema and READ on the stage to that role, which then installs from the package's stage."""
    conn = server.connect(account, role="ACCOUNTADMIN")
    try:
        for statement in ["create role app_dev", "grant role app_dev to role sysadmin",
                          "grant create application on account to role app_dev",
                          "grant usage on warehouse compute_wh to role app_dev"]:
            conn.cursor().execute(statement)
    finally:
        conn.close()
    ok(snow(home, "init", "role_app", "--template-source", str(TEMPLATE), "--no-interactive", "-D", "project_name=role_app"))
    project = home / "role_app"
    definition = (project / "snowflake.yml").read_text()
    (project / "snowflake.yml").write_text(definition.replace(
        "    identifier: <% fn.concat_ids('role_app', ctx.env.suffix) %>\n",
        "    identifier: <% fn.concat_ids('role_app', ctx.env.suffix) %>\n    meta:\n      role: app_dev\n"))
    result = snow(home, "app", "run", "-c", "local", "--debug", cwd=project)
    assert "Application 'ROLE_APP_TESTER' created successfully." in ok(result).splitlines()
    assert [s for s in sent(result) if s.startswith("grant ")] == [logged(s) for s in [
        "grant install, develop on application package role_app_pkg_tester to role app_dev",
        "grant usage on schema role_app_pkg_tester.app_src to role app_dev",
        "grant read on stage role_app_pkg_tester.app_src.stage to role app_dev"]]
    assert [(a["name"], a["owner"]) for a in sql_json(home, "show applications like 'ROLE_APP%'")] == [("ROLE_APP_TESTER", "APP_DEV")]
    assert "Application 'ROLE_APP_TESTER' upgraded successfully." in ok(snow(home, "app", "run", "-c", "local", cwd=project)).splitlines()
    assert json.loads(ok(snow(home, "sql", "-c", "local", "--format", "json", "-q",
                              "use role app_dev; call role_app_tester.core.hello()")))[1] == [{"HELLO": "Hello Snowflake!"}]
    out = ok(snow(home, "app", "teardown", "-c", "local", "--force", cwd=project))
    assert "Dropped application package role_app_pkg_tester successfully." in out.splitlines()


# --- The quickstart as a `snow` project (the repository's snowflake.yml) -------------------------

from test_quickstart import APP as QUICKSTART, REPOSITORY, SINK, make_sf_build, quickstart_server  # noqa: E402,F401
from support import REPO  # noqa: E402


@pytest.mark.timeout(420)
def test_quickstart_through_snow_app_run(quickstart_server, tmp_path):
    """`snow app run` deploys and installs the GitHub connector from the repository's snowflake.yml
    (sf_build/ as `make sf_build` makes it); `snow sql -f` gives it access and configures it; its
    task ingests the fixture's 250 issues."""
    server, github = quickstart_server
    project = tmp_path / "quickstart"
    project.mkdir()
    (project / "snowflake.yml").write_text((REPO / "snowflake.yml").read_text())
    for name in ("access.sql", "configure.sql", "show.sql"):
        (project / name).write_text((REPO / "sql" / name).read_text())
    make_sf_build(project)
    folder = tmp_path / "home"
    folder.mkdir()
    support.write_snow_config(folder, account="quickstart_snow", port=server.port, warehouse="XS", role="ACCOUNTADMIN",
                              air_gapped=True)
    # The connection's warehouse must exist: `snow app run` needs one (a missing one logs in as none).
    ok(snow(folder, "sql", "-c", "local", "-q", "create warehouse if not exists xs"))
    out = ok(snow(folder, "app", "run", "-c", "local", cwd=project))
    assert f"Application '{QUICKSTART}_INSTANCE' created successfully." in out.splitlines()
    assert out.endswith(f"/#/apps/application/{QUICKSTART}_INSTANCE\n")
    ok(snow(folder, "sql", "-c", "local", "-f", "access.sql", "-D", f"APP_NAME={QUICKSTART}", "-D", f"token={github.token}",
            cwd=project))
    out = ok(snow(folder, "sql", "-c", "local", "-f", "configure.sql", "-D", f"APP_NAME={QUICKSTART}", "-D", "WAREHOUSE=XS",
                  "-D", "DESTINATION_DB=GITHUB_ISSUES", "-D", f"REPOSITORY={REPOSITORY}", cwd=project))
    assert "Connector provisioned" in out and f"{REPOSITORY} enabled" in out
    deadline = time.monotonic() + 180
    count = None
    while time.monotonic() < deadline:
        count = sql_json(folder, f"select count(*) as n from {SINK}")[0]["N"]
        if count == 250:
            break
        time.sleep(2)
    assert count == 250
    state = sql_json(folder, f"select value:state::string as state from {QUICKSTART}_INSTANCE.STATE.APP_STATE "
                             "qualify row_number() over (partition by key order by timestamp desc) = 1")
    assert state == [{"STATE": "DONE"}]
    # A second run finds nothing to upload and upgrades the connector in place (setup.sql reruns:
    # every statement in it may run again); the ingested issues and the state stay.
    out = ok(snow(folder, "app", "run", "-c", "local", cwd=project))
    assert "Your stage is up-to-date with your local deploy root." in out.splitlines()
    assert f"Application '{QUICKSTART}_INSTANCE' upgraded successfully." in out.splitlines()
    assert sql_json(folder, f"select count(*) as n from {SINK}") == [{"N": 250}]
