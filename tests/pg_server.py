"""A throwaway PostgreSQL server for the tests: found, started, emptied into databases, stopped.

Plain Python: the standard library at import, psycopg only where a database is touched, so
`python3 tests/pg_server.py --install-if-missing` runs before any virtual environment exists.

The server binaries are looked for in /usr/lib/postgresql/*/bin (the highest version), never on
PATH. The cluster lives in a new temporary folder, listens on 127.0.0.1 alone (a free port,
trust for 127.0.0.1 only, its unix socket inside the folder), and trades durability for speed
(fsync, synchronous_commit and full_page_writes off). Postgres refuses to run as root, so as
root the cluster belongs to an unprivileged user (`cpchair-pg`, made if need be, else
`nobody`).

    python3 tests/pg_server.py --install-if-missing   # root with apt-get: install PostgreSQL
    python3 tests/pg_server.py --run                  # a server by hand; prints its URL, Ctrl+C
    python3 tests/pg_server.py --serve STATE          # what the tests' controller runs
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

USER = "cpchair-pg"  # the system user that owns the cluster when we run as root
ROLE = "cpchair"  # the cluster's superuser role
HOST = "127.0.0.1"
_LOG_TAIL = 2000


# --- finding and installing ------------------------------------------------------------------


def find_bin_dir(root: Path = Path("/usr/lib/postgresql")) -> Path | None:
    """The bin folder of the highest PostgreSQL version installed there, or None."""
    found: list[tuple[tuple[int, ...], Path]] = []
    for bin_dir in root.glob("*/bin"):
        version = tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name))
        if version and all((bin_dir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            found.append((version, bin_dir))
    return max(found)[1] if found else None


def install_if_missing() -> int:
    """Install Debian's `postgresql` when no server binaries are found: only as root with
    apt-get, quietly (apt's output shown only if it fails). Returns a process exit status."""
    if find_bin_dir():
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            "pg_server: no PostgreSQL server binaries, and not root with apt-get", file=sys.stderr
        )
        return 0  # not ours to install; the tests that need it say so (and fail when CI=true)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"]
    started = time.monotonic()
    out = subprocess.run(install, env=env, capture_output=True, text=True)
    if out.returncode != 0:  # a fresh machine may have no package lists yet
        update = subprocess.run(
            ["apt-get", "update", "-qq"], env=env, capture_output=True, text=True
        )
        out = subprocess.run(install, env=env, capture_output=True, text=True)
        out.stdout = update.stdout + out.stdout
        out.stderr = update.stderr + out.stderr
    if out.returncode != 0 or not find_bin_dir():
        print(out.stdout[-_LOG_TAIL:], out.stderr[-_LOG_TAIL:], sep="\n", file=sys.stderr)
        print("pg_server: installing postgresql failed", file=sys.stderr)
        return 1
    print(
        f"pg_server: installed PostgreSQL in {time.monotonic() - started:.0f}s ({find_bin_dir()})"
    )
    return 0


# --- URLs ------------------------------------------------------------------------------------


def database_url(admin_url: str, dbname: str) -> str:
    """The SQLAlchemy URL of database `dbname` on the server of `admin_url` (either form)."""
    base = sqlalchemy_url(admin_url).split("?", 1)[0].rsplit("/", 1)[0]
    return f"{base}/{dbname}"


def sqlalchemy_url(url: str) -> str:
    """postgresql+psycopg://… (the form SQLAlchemy and cpchair take)."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def libpq_url(url: str) -> str:
    """postgresql://… (the form psycopg.connect takes)."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


# --- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _owner() -> pwd.struct_passwd | None:
    """The unprivileged user to run postgres as, or None when we are not root."""
    if os.geteuid() != 0:
        return None
    for attempt in range(2):
        try:
            return pwd.getpwnam(USER)
        except KeyError:
            if attempt == 0 and shutil.which("useradd"):
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                     "--shell", "/usr/sbin/nologin", USER],
                    capture_output=True,
                )  # fmt: skip
    return pwd.getpwnam("nobody")


class PgServer:
    """A running throwaway cluster. `stop()` ends it and removes its folder."""

    def __init__(self, bin_dir: Path, folder: Path, port: int, owner: pwd.struct_passwd | None):
        self.bin_dir = bin_dir
        self.folder = folder
        self.data_dir = folder / "data"
        self.port = port
        self._owner = owner
        self.admin_url = self.url("postgres")

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{ROLE}@{HOST}:{self.port}/{dbname}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, Any] = {}
        if self._owner is not None:
            kwargs = {"user": self._owner.pw_uid, "group": self._owner.pw_gid, "extra_groups": []}
        env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "HOME": str(self.folder), "TZ": "UTC"}
        out = subprocess.run(
            args, cwd=self.folder, env=env, capture_output=True, text=True, **kwargs
        )
        if check and out.returncode != 0:
            raise RuntimeError(
                f"{Path(args[0]).name} failed ({out.returncode}): {out.stderr[-_LOG_TAIL:]}"
            )
        return out

    def _start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", ROLE, "-E", "UTF8",
            "--locale=C", "--no-sync", "--no-instructions", "--auth=trust",
        )  # fmt: skip
        (self.data_dir / "pg_hba.conf").write_text(f"host all all {HOST}/32 trust\n")
        settings = {
            "listen_addresses": f"'{HOST}'",
            "unix_socket_directories": f"'{self.folder}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "32MB",
            "log_min_messages": "warning",
            "timezone": "'UTC'",
        }
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("\n# cpchair tests: a throwaway server\n")
            conf.writelines(f"{k} = {v}\n" for k, v in settings.items())
        for attempt in range(5):  # the port may be taken between choosing and binding it
            conf = self.data_dir / "postgresql.auto.conf"
            conf.write_text(f"port = {self.port}\n")
            out = self._run(
                str(self.bin_dir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data_dir),
                "-l", str(self.folder / "server.log"), check=False,
            )  # fmt: skip
            if out.returncode == 0:
                return
            log = (self.folder / "server.log").read_text(errors="replace")
            if "could not bind" not in log or attempt == 4:
                raise RuntimeError(f"postgres did not start: {log[-_LOG_TAIL:]}")
            self.port = _free_port()
            self.admin_url = self.url("postgres")

    def stop(self) -> None:
        """Stop at once (nothing in it is kept) and remove the folder. Safe to call twice."""
        if not self.folder.exists():
            return
        pid_file = self.data_dir / "postmaster.pid"
        if pid_file.exists():
            out = self._run(
                str(self.bin_dir / "pg_ctl"), "stop", "-w", "-t", "30", "-m", "immediate",
                "-D", str(self.data_dir), check=False,
            )  # fmt: skip
            if out.returncode != 0 and pid_file.exists():  # ours: the pid our data dir names
                try:
                    pid = int(pid_file.read_text().split()[0])
                    os.kill(pid, signal.SIGKILL)
                except (OSError, ValueError, IndexError):
                    pass
        shutil.rmtree(self.folder, ignore_errors=True)


def _scratch_root(min_free: int = 2 << 30) -> str | None:
    """/dev/shm when it is a memory file system with room (2 GiB) to spare, else the usual
    temporary folder: on a busy disk, CREATE DATABASE took 100-250 ms instead of 10-20 ms."""
    try:
        shm = os.statvfs("/dev/shm")
    except OSError:
        return None
    if shm.f_bavail * shm.f_frsize < min_free or not os.access("/dev/shm", os.W_OK | os.X_OK):
        return None
    return "/dev/shm"


def start_server(bin_dir: Path | None = None) -> PgServer:
    """Make and start a throwaway cluster (0.4 s in /dev/shm, about 1 s on disk), or raise."""
    bin_dir = bin_dir or find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    owner = _owner()
    folder = Path(tempfile.mkdtemp(prefix="cpchair-pg-", dir=_scratch_root()))
    if owner is not None:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    server = PgServer(bin_dir, folder, _free_port(), owner)
    try:
        server._start()
    except BaseException:
        server.stop()
        raise
    return server


# --- databases -------------------------------------------------------------------------------


def connect_admin(admin_url: str) -> Any:
    """An autocommit psycopg connection to the server (CREATE/DROP DATABASE need one)."""
    import psycopg

    return psycopg.connect(libpq_url(admin_url), autocommit=True, connect_timeout=10)


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain database name: {name!r}")
    return name


def create_database(admin: Any, name: str, template: str = "template0") -> None:
    """A new database `name`, a copy of `template` (by default an empty one).

    FILE_COPY, not 15's default WAL_LOG: a little quicker for a small template (10 ms
    against 11 in /dev/shm, 48 against 56 on a busy disk), and nothing here need be durable."""
    strategy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
    admin.execute(f"CREATE DATABASE {_ident(name)} TEMPLATE {_ident(template)}{strategy}")


def drop_database(admin: Any, name: str) -> None:
    """Drop `name` if it is there, its open connections cut (a template is unmarked first)."""
    row = admin.execute(
        "SELECT datistemplate FROM pg_database WHERE datname = %s", (_ident(name),)
    ).fetchone()
    if row is None:
        return
    if row[0]:
        admin.execute(f"ALTER DATABASE {name} IS_TEMPLATE false")
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def drop_databases(admin: Any, prefix: str) -> None:
    """Drop every database whose name begins with `prefix`."""
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (prefix,)
    ).fetchall()
    for (name,) in rows:
        drop_database(admin, name)


def ensure_template(admin: Any, name: str, migrate: Callable[[str], object]) -> str:
    """Make template database `name` once: `migrate(url)` is called with its URL by the first
    caller on the server, while every other caller (another worker) waits on an advisory lock
    and then finds it made. It is marked a template that takes no connections, so each copy
    (`create_database(admin, new, template=name)`) is quick. Returns `name`.

    `migrate` must close its connections before it returns (e.g. dispose its engine); any it
    leaves open are cut."""
    _ident(name)
    admin.execute("SELECT pg_advisory_lock(hashtext(%s))", (name,))
    try:
        done = admin.execute(
            "SELECT datistemplate FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if done and done[0]:
            return name
        if done:  # a half-made one, from a migration that failed
            drop_database(admin, name)
        create_database(admin, name)
        try:
            migrate(database_url(admin_url_of(admin), name))
        except BaseException:
            drop_database(admin, name)
            raise
        admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        admin.execute(f"ALTER DATABASE {name} WITH IS_TEMPLATE true")
        return name
    finally:
        admin.execute("SELECT pg_advisory_unlock(hashtext(%s))", (name,))


def admin_url_of(admin: Any) -> str:
    """The SQLAlchemy URL of the server a psycopg connection is on (user, host, port, db)."""
    info = admin.info
    return f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{info.dbname}"


# --- the controller's server -----------------------------------------------------------------


def serve(state: Path) -> int:
    """Start a server, write {"admin_url": …} (or {"error": …}) to `state`, then keep the server
    until standard input closes (the parent ended, however it ended) or a signal comes; then
    stop it. The server's life is tied to the parent's without the parent having to live long
    enough to stop it."""

    def _stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    _on_signals(_stop)
    _adopt_orphans()
    server: PgServer | None = None
    try:
        try:
            started = time.monotonic()
            server = start_server()
            result: dict[str, Any] = {
                "admin_url": server.admin_url,
                "folder": str(server.folder),
                "start_seconds": round(time.monotonic() - started, 3),
            }
        except Exception as exc:
            result = {"error": f"{type(exc).__name__}: {exc}"}
        write_state(state, result)
        if server is not None:
            sys.stdin.buffer.read()  # until the parent closes it or dies
        return 0 if server is not None else 1
    finally:
        _on_signals(signal.SIG_IGN)  # a second signal must not cut the stopping short
        if server is not None:
            server.stop()
            _reap_children()


def _adopt_orphans() -> None:
    """Become the parent of the postmaster pg_ctl leaves behind (Linux's child subreaper), so
    it is reaped here when it ends rather than left a zombie under an init that may not reap."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _reap_children(timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # none left
        if pid == 0:
            time.sleep(0.01)


def _on_signals(handler: Any) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, handler)


def write_state(state: Path, result: dict[str, Any]) -> None:
    """Write atomically, so a reader sees the whole of it or nothing."""
    tmp = state.with_name(state.name + ".tmp")
    tmp.write_text(json.dumps(result))
    tmp.replace(state)


def read_state(state: Path, timeout: float = 60.0) -> dict[str, Any]:
    """Wait for `serve` (or the controller) to write `state`."""
    deadline = time.monotonic() + timeout
    while not state.exists():
        if time.monotonic() > deadline:
            return {"error": f"no PostgreSQL server reported within {timeout:.0f}s ({state})"}
        time.sleep(0.02)
    return json.loads(state.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--install-if-missing", action="store_true")
    group.add_argument("--serve", type=Path, metavar="STATE")
    group.add_argument("--run", action="store_true")
    args = parser.parse_args(argv)
    if args.install_if_missing:
        return install_if_missing()
    if args.serve:
        return serve(args.serve)

    def _stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    _on_signals(_stop)
    _adopt_orphans()
    server = start_server()
    try:
        print(server.admin_url, flush=True)
        while True:
            signal.pause()
    finally:
        _on_signals(signal.SIG_IGN)
        server.stop()
        _reap_children()


if __name__ == "__main__":
    sys.exit(main())
