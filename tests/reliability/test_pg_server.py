"""The PostgreSQL test server itself: a database of its own for each test, reachable from
127.0.0.1 alone, templates made once, and a server that goes when its parent does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests import pg_server
from tests.conftest import PgDatabases, pg_unavailable

_MARK = "pg_isolation_marker"


def _tables(url: str) -> set[str]:
    with psycopg.connect(pg_server.libpq_url(url)) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {name for (name,) in rows}


# Two tests with the same body: whichever runs second (on any worker) must not see the
# table the first made.
@pytest.mark.parametrize("which", ["first", "second"])
def test_each_test_gets_its_own_empty_database(pg_url: str, which: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    assert _tables(pg_url) == set()
    with psycopg.connect(pg_server.libpq_url(pg_url)) as conn:
        conn.execute(f"CREATE TABLE {_MARK} (id int PRIMARY KEY, note text)")
        conn.execute(f"INSERT INTO {_MARK} VALUES (1, %s)", (which,))
    assert _tables(pg_url) == {_MARK}


def test_a_database_is_dropped_and_unseen_by_another(pg_databases: PgDatabases) -> None:
    with pg_databases.database() as one, pg_databases.database() as two:
        assert one != two
        with psycopg.connect(pg_server.libpq_url(one)) as conn:
            conn.execute(f"CREATE TABLE {_MARK} (id int)")
            held_open = psycopg.connect(pg_server.libpq_url(one))  # the drop cuts it
        assert _tables(one) == {_MARK}
        assert _tables(two) == set()
    name = one.rsplit("/", 1)[1]
    gone = pg_databases.admin.execute(
        "SELECT count(*) FROM pg_database WHERE datname = %s", (name,)
    ).fetchone()
    assert gone == (0,)
    held_open.close()


def test_a_template_is_migrated_once_and_copied_whole(pg_databases: PgDatabases) -> None:
    calls: list[str] = []

    def migrate(url: str) -> None:
        calls.append(url)
        with psycopg.connect(pg_server.libpq_url(url)) as conn:
            conn.execute("CREATE TABLE migrated (id int)")
            conn.execute("INSERT INTO migrated VALUES (7)")

    key = f"infra_{os.getpid()}"  # this process's alone, so the count is its own
    template = pg_databases.template(key, migrate)
    assert pg_databases.template(key, migrate) == template
    assert len(calls) == 1
    with pg_databases.database(template) as a, pg_databases.database(template) as b:
        with psycopg.connect(pg_server.libpq_url(a)) as conn:
            assert conn.execute("SELECT id FROM migrated").fetchall() == [(7,)]
            conn.execute("DROP TABLE migrated")
        assert _tables(b) == {"migrated"}
    pg_databases.drop(template)


def test_a_failed_migration_leaves_no_template(pg_databases: PgDatabases) -> None:
    def broken(url: str) -> None:
        raise RuntimeError("half done")

    key = f"broken_{os.getpid()}"
    with pytest.raises(RuntimeError, match="half done"):
        pg_databases.template(key, broken)
    name = f"{pg_databases.prefix}tpl_{key}"
    row = pg_databases.admin.execute(
        "SELECT count(*) FROM pg_database WHERE datname = %s", (name,)
    ).fetchone()
    assert row == (0,)


def _other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: it only picks a route
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_the_server_listens_on_127_0_0_1_alone(pg_databases: PgDatabases) -> None:
    if os.environ.get("CPCHAIR_TEST_PG_URL"):
        pytest.skip("CPCHAIR_TEST_PG_URL: someone else's server, set up their way")
    admin = pg_databases.admin
    assert admin.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
    assert admin.execute("SELECT host(inet_server_addr())").fetchone() == ("127.0.0.1",)
    rules = admin.execute("SELECT type, address, auth_method FROM pg_hba_file_rules").fetchall()
    assert rules == [("host", "127.0.0.1", "trust")]
    assert admin.execute("SHOW fsync").fetchone() == ("off",)
    port = admin.info.port
    if (other := _other_address()) is not None:
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(2)
            s.connect((other, port))


def _serve(tmp_path: Path) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    """`pg_server.py --serve` as the controller starts it, and its state once started."""
    if pg_server.find_bin_dir() is None:
        pg_unavailable("no PostgreSQL server binaries")
    state = tmp_path / "state.json"
    serve = subprocess.Popen(
        [sys.executable, pg_server.__file__, "--serve", str(state)],
        stdin=subprocess.PIPE,
        start_new_session=True,
    )
    started = pg_server.read_state(state, timeout=30)
    assert "admin_url" in started, started
    return serve, started


def test_the_server_goes_when_its_parent_closes_the_pipe(tmp_path: Path) -> None:
    serve, started = _serve(tmp_path)
    try:
        folder = Path(started["folder"])
        pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
        pg_server.connect_admin(started["admin_url"]).close()
    finally:
        assert serve.stdin is not None
        serve.stdin.close()  # as when pytest ends, or dies
        assert serve.wait(timeout=30) == 0
    assert not folder.exists()
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def test_the_server_goes_on_sigterm_too(tmp_path: Path) -> None:
    serve, started = _serve(tmp_path)
    try:
        folder = Path(started["folder"])
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
        assert serve.stdin is not None
        serve.stdin.close()
    deadline = time.monotonic() + 5
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()


def test_the_highest_version_is_found_and_an_incomplete_one_ignored(tmp_path: Path) -> None:
    for version, tools in [("9.6", 3), ("15", 3), ("16", 3), ("17", 2)]:
        bin_dir = tmp_path / version / "bin"
        bin_dir.mkdir(parents=True)
        for tool in ["initdb", "pg_ctl", "postgres"][:tools]:
            (bin_dir / tool).touch()
    assert pg_server.find_bin_dir(tmp_path) == tmp_path / "16" / "bin"
    assert pg_server.find_bin_dir(tmp_path / "none") is None


def test_no_server_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no binaries"):
        pg_unavailable("no binaries")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: no binaries"):
        pg_unavailable("no binaries")


def test_urls_in_either_form() -> None:
    admin = "postgresql://cpchair@127.0.0.1:5999/postgres"
    assert pg_server.database_url(admin, "x") == "postgresql+psycopg://cpchair@127.0.0.1:5999/x"
    assert pg_server.libpq_url("postgresql+psycopg://u@h:1/d") == "postgresql://u@h:1/d"


def test_install_updates_the_package_lists_when_the_first_try_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh Debian machine has no package lists: install, update, install again."""
    root = tmp_path / "lib"
    log = tmp_path / "apt.log"
    fake = tmp_path / "bin" / "apt-get"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {log}\n'
        f'case "$*" in *install*) [ -e {tmp_path}/updated ] || exit 100\n'
        f"  mkdir -p {root}/15/bin && touch {root}/15/bin/initdb {root}/15/bin/pg_ctl"
        f" {root}/15/bin/postgres;;\n"
        f"  update*) touch {tmp_path}/updated;; esac\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    real_find = pg_server.find_bin_dir
    monkeypatch.setattr(pg_server, "find_bin_dir", lambda: real_find(root))
    monkeypatch.setattr(pg_server.os, "geteuid", lambda: 0)
    assert pg_server.install_if_missing() == 0
    assert log.read_text().splitlines() == [
        "install -y -qq --no-install-recommends postgresql",
        "update -qq",
        "install -y -qq --no-install-recommends postgresql",
    ]
