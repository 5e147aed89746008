"""Shared fixtures: every test gets its own throwaway database, never a real chair's."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cpchair import paths, settings
from cpchair.resources import data_file

from . import pg_server


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every default location at a private temporary folder: the data, and the
    settings (none there, so every test starts from the defaults)."""
    home = tmp_path_factory.mktemp("cpchair-home")
    monkeypatch.setenv("CPCHAIR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("CPCHAIR_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("CPCHAIR_DB", raising=False)
    paths.set_cli_db(None)
    settings.forget_settings()
    yield
    paths.set_cli_db(None)
    settings.forget_settings()


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cases.db"
    monkeypatch.setenv("CPCHAIR_DB", str(path))
    return path


@pytest.fixture(scope="session")
def _empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database at the schema's head, made once per test process: running every
    migration for each test's store took a seventh of a second, a sixth of the suite."""
    from cpchair.db import forget_engines
    from cpchair.store import open_store

    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_store(path)
    forget_engines(path)  # the last connection closed: the log is folded into the file
    return path


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database `store` is on: SQLite, or, in a module marked `engines`, each in turn."""
    return getattr(request, "param", "sqlite")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module marked `engines` runs each of its store tests on SQLite and on PostgreSQL."""
    if "store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("engines"):
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def store(engine: str, request: pytest.FixtureRequest):
    from cpchair.store import open_store

    if engine == "postgresql":
        return request.getfixturevalue("pg_store")
    db_file: Path = request.getfixturevalue("db_file")
    shutil.copyfile(request.getfixturevalue("_empty_database"), db_file)
    return open_store(db_file)


_DEMO: dict[str, Any] = json.loads(data_file("demo", "household.json").read_text("utf-8"))


@pytest.fixture
def demo_data() -> dict[str, Any]:
    """The demo case as plain JSON data, a fresh copy to change freely."""
    return copy.deepcopy(_DEMO)


@pytest.fixture
def demo_text() -> str:
    return json.dumps(_DEMO)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the processor has cores. Many tests spend part of
    their time waiting (on a pseudo-terminal's process, a Pilot pause, a second process), and
    the spare worker fills that time: on 2 cores, 3:47 against 4:35 for the whole suite."""
    import os

    return (os.cpu_count() or 1) + 1


# --- bytecode ---------------------------------------------------------------------------------
#
# This machine's environment sets PYTHONDONTWRITEBYTECODE, and uv installs no bytecode, so every
# process would compile every module it imports (Textual, SQLAlchemy, cpchair, each test module's
# rewritten asserts) from source: about a second of processor per `python -m cpchair` the tests
# start, and the same again in each worker. The run keeps its bytecode in a folder of its own
# instead (nothing is written into the tree), made before the workers start, which inherit it
# through the environment as every process they start does; it goes at the end of the run.

_BYTECODE: dict[str, Any] = {}


def _keep_bytecode() -> None:
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return  # bytecode is written as usual, or already kept somewhere of someone's choosing
    folder = Path(tempfile.mkdtemp(prefix="cpchair-test-pycache-"))
    _BYTECODE.update(
        folder=folder,
        env=os.environ.pop("PYTHONDONTWRITEBYTECODE"),
        sys=(sys.dont_write_bytecode, sys.pycache_prefix),
    )
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    sys.pycache_prefix, sys.dont_write_bytecode = str(folder), False  # this process, too


def _forget_bytecode() -> None:
    if not _BYTECODE:
        return
    os.environ.pop("PYTHONPYCACHEPREFIX", None)
    os.environ["PYTHONDONTWRITEBYTECODE"] = _BYTECODE["env"]
    sys.dont_write_bytecode, sys.pycache_prefix = _BYTECODE["sys"]
    shutil.rmtree(_BYTECODE["folder"], ignore_errors=True)
    _BYTECODE.clear()


# --- PostgreSQL -------------------------------------------------------------------------------
#
# One throwaway server per pytest run, started by the xdist controller (or the only process,
# with -n 0) before the workers are spawned: `tests/pg_server.py --serve STATE` starts it in
# the background (under a second, while the workers import and collect) and writes its URL to
# STATE, which the workers find through the environment they inherit. The server lives as long
# as that child's standard input stays open: the controller closes it at the end of the run,
# and if the controller dies (Ctrl+C, a crash, SIGKILL) the pipe closes all the same.
#
#   CPCHAIR_TEST_PG_URL=postgresql://user@host:port/postgres  use that server instead (its
#       superuser's URL); every database made on it is dropped again
#   CI=true  no PostgreSQL binaries is a failure of the tests that need it, not a skip
#
# Fixtures: `pg_url` (a new empty database of its own for each test, SQLAlchemy URL), and
# `pg_databases` (the session's `PgDatabases`, to make more, or a migrated template once per
# run). A store on PostgreSQL, once `open_store` takes a URL, could be:
#
#     @pytest.fixture(scope="session")
#     def _pg_migrated(pg_databases):            # migrated once per run, for every worker
#         def migrate(url):
#             from cpchair.db import forget_engines
#             from cpchair.store import open_store
#             open_store(url)
#             forget_engines(url)                # the template must be left with no connection
#         return pg_databases.template("store", migrate)
#
#     @pytest.fixture
#     def pg_store(pg_databases, _pg_migrated):
#         with pg_databases.database(template=_pg_migrated) as url:
#             yield open_store(url)

_PG_STATE = "CPCHAIR_TEST_PG_STATE"  # the controller's state file, for the workers
_PG_RUN = "CPCHAIR_TEST_PG_RUN"  # this run's id: every database it makes is named cpt_<id>_…
_PG_URL = "CPCHAIR_TEST_PG_URL"
_PG_CONTROLLER: dict[str, Any] = {}


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if not _is_controller(config) or _PG_CONTROLLER:
        return
    _keep_bytecode()
    run = uuid.uuid4().hex[:8]
    _PG_CONTROLLER["saved_env"] = {k: os.environ.get(k) for k in (_PG_STATE, _PG_RUN)}
    os.environ[_PG_RUN] = run
    os.environ.pop(_PG_STATE, None)
    if os.environ.get(_PG_URL):
        _PG_CONTROLLER["header"] = f"postgresql: {_PG_URL} (databases cpt_{run}_*)"
        return
    folder = Path(tempfile.mkdtemp(prefix="cpchair-pg-run-"))
    state = folder / "state.json"
    _PG_CONTROLLER["folder"] = folder
    os.environ[_PG_STATE] = str(state)
    bin_dir = pg_server.find_bin_dir()
    if bin_dir is None:
        pg_server.write_state(state, {"unavailable": _NO_BINARIES})
        _PG_CONTROLLER["header"] = f"postgresql: none ({_NO_BINARIES})"
        return
    with (folder / "serve.log").open("wb") as log:
        _PG_CONTROLLER["serve"] = subprocess.Popen(
            [sys.executable, pg_server.__file__, "--serve", str(state)],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the terminal's Ctrl+C is for pytest; it stops the server
        )
    _PG_CONTROLLER["header"] = f"postgresql: a throwaway server from {bin_dir}"


_NO_BINARIES = (
    "no PostgreSQL server in /usr/lib/postgresql/*/bin (as root: "
    "python3 tests/pg_server.py --install-if-missing)"
)


def pytest_report_header(config: pytest.Config) -> str | None:
    return _PG_CONTROLLER.get("header")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _is_controller(config):
        return
    _forget_bytecode()  # the workers, and every process they started, have ended
    if not _PG_CONTROLLER:
        return
    try:
        serve: subprocess.Popen[bytes] | None = _PG_CONTROLLER.get("serve")
        if serve is not None:
            assert serve.stdin is not None
            serve.stdin.close()  # the server stops and its folder goes
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                serve.terminate()
                serve.wait(timeout=30)
        elif os.environ.get(_PG_URL):  # someone else's server: leave it as we found it
            try:
                with pg_server.connect_admin(os.environ[_PG_URL]) as admin:
                    pg_server.drop_databases(admin, f"cpt_{os.environ[_PG_RUN]}_")
            except Exception as exc:
                print(f"\npostgresql: could not drop this run's databases: {exc}", file=sys.stderr)
        if "folder" in _PG_CONTROLLER:
            shutil.rmtree(_PG_CONTROLLER["folder"], ignore_errors=True)
    finally:
        for key, value in _PG_CONTROLLER["saved_env"].items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _PG_CONTROLLER.clear()


def pg_unavailable(reason: str) -> None:
    """Skip the test for want of a server, or fail it when CI=true: CI must not pass without
    having run them."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL needed, and CI=true: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL: {reason}")


@pytest.fixture(scope="session")
def _pg_admin_url() -> str:
    """The superuser URL of this run's server (skip or fail, once per process, without one)."""
    if url := os.environ.get(_PG_URL):
        try:
            pg_server.connect_admin(url).close()
        except Exception as exc:
            pytest.fail(f"{_PG_URL} cannot be reached: {exc}", pytrace=False)
        return pg_server.sqlalchemy_url(url)
    if not (state_file := os.environ.get(_PG_STATE)):
        pg_unavailable("no server was started for this run")
    state = pg_server.read_state(Path(state_file))
    if "unavailable" in state:
        pg_unavailable(state["unavailable"])
    if "error" in state:
        log = Path(state_file).with_name("serve.log")
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"the PostgreSQL test server did not start: {state['error']}\n{tail}")
    return state["admin_url"]


class PgDatabases:
    """This process's databases on the run's server, named cpt_<run>_<worker>_<n>."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.admin = pg_server.connect_admin(admin_url)
        self.prefix = f"cpt_{os.environ.get(_PG_RUN, 'norun')}_"
        self._worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._count = 0

    def url(self, name: str) -> str:
        return pg_server.database_url(self.admin_url, name)

    def create(self, template: str = "template0") -> str:
        """A new database, a copy of `template`: its name. The caller drops it."""
        self._count += 1
        name = f"{self.prefix}{self._worker}_{self._count}"
        pg_server.create_database(self.admin, name, template)
        return name

    def drop(self, name: str) -> None:
        pg_server.drop_database(self.admin, name)

    @contextlib.contextmanager
    def database(self, template: str = "template0") -> Iterator[str]:
        """The URL of a new database, a copy of `template`, dropped on leaving."""
        name = self.create(template)
        try:
            yield self.url(name)
        finally:
            self.drop(name)

    def template(self, key: str, migrate: Callable[[str], object]) -> str:
        """The run's template database `key`, made by `migrate(url)` once for the whole run
        (the first worker to ask makes it; the others wait for it)."""
        return pg_server.ensure_template(self.admin, f"{self.prefix}tpl_{key}", migrate)

    def close(self) -> None:
        self.admin.close()


@pytest.fixture(scope="session")
def pg_databases(_pg_admin_url: str) -> Iterator[PgDatabases]:
    databases = PgDatabases(_pg_admin_url)
    yield databases
    databases.close()


@pytest.fixture
def pg_url(pg_databases: PgDatabases) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test alone (postgresql+psycopg://…),
    dropped afterwards, connections still open to it cut."""
    with pg_databases.database() as url:
        yield url


@pytest.fixture(scope="session")
def _pg_migrated(pg_databases: PgDatabases) -> str:
    """A database at the schema's head, made once per run: every test's store is a copy."""

    def migrate(url: str) -> None:
        from cpchair.db import forget_engines
        from cpchair.server import parse_target
        from cpchair.store import open_store

        open_store(url)
        forget_engines(parse_target(url))  # a template must be left with no connection

    return pg_databases.template("store", migrate)


@pytest.fixture
def pg_store(
    pg_databases: PgDatabases, _pg_migrated: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """A store on a PostgreSQL database of this test's own, at the schema's head; the
    database cpchair opens by default, as `db_file` is for SQLite."""
    from cpchair.db import forget_engines
    from cpchair.server import parse_target
    from cpchair.store import open_store

    with pg_databases.database(template=_pg_migrated) as url:
        monkeypatch.setenv("CPCHAIR_DB", url)
        store = open_store(url)
        yield store
        if store._watch is not None:
            store._watch.close()  # its thread listens on the database about to be dropped
        forget_engines(parse_target(url))
