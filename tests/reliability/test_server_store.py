"""A store on a team's PostgreSQL server (db_server.py, store/server_news.py): commits by other
processes are heard without polling, a lost listening connection is made again, writers at
once all land in order, and a database that is not cpchair's, or a server that does not answer,
is refused in plain words with nothing changed and no password shown.

Every wait here is for something to happen, with a generous limit; nothing asserts how long
anything took.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import event

from cpchair.db import DatabaseError
from cpchair.demo import demo_case
from cpchair.store import Store, edits, open_store
from cpchair.store.meeting import Meeting
from tests import pg_server
from tests.raw import raw

REF = "DEMO-0001"
CONF = "rcpc1"
PATIENCE = 10.0  # seconds: for something that should happen at once, on a busy machine

# Another process (another seat) adding one mapping entry to the demo case.
ONE_EDIT = """
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
Meeting(open_store(), "DEMO-0001", "rcpc1").edit(
    edits.mapping.add_entry, column="strengths", text="from another seat")
"""


@pytest.fixture
def demo(pg_store: Store) -> Store:
    pg_store.import_case(demo_case(dt.date(2026, 11, 26)))
    return pg_store


class Heard:
    """A follower of the watch: each answer it is given, and an event for the next one."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self._count = threading.Condition()

    def __call__(self, answer: Any) -> None:
        with self._count:
            self.answers.append(answer)
            self._count.notify_all()

    def wait_for(self, n: int) -> None:
        with self._count:
            assert self._count.wait_for(lambda: len(self.answers) >= n, PATIENCE), (
                f"the follower heard {len(self.answers)} answers, not {n}"
            )


@contextmanager
def following(store: Store) -> Iterator[Heard]:
    heard = Heard()
    stop = store.watch.follow(lambda: store.case_version(REF), heard)
    try:
        heard.wait_for(1)  # the first answer, at the start
        yield heard
    finally:
        stop()


def _wait_until(found: Callable[[], Any]) -> Any:
    end = time.monotonic() + PATIENCE
    while not (answer := found()):
        assert time.monotonic() < end, "not seen within the patience allowed"
        time.sleep(0.02)
    return answer


def _activity(store: Store) -> dict[int, tuple[str, Any]]:
    """This database's cpchair connections on the server: pid -> (last query, state change)."""
    with raw(store) as db:
        rows = db.execute(
            "SELECT pid, query, state_change FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'cpchair'"
        ).fetchall()
    return {pid: (query, changed) for pid, query, changed in rows}


def _listeners(store: Store) -> set[int]:
    return {pid for pid, (query, _) in _activity(store).items() if query.startswith("LISTEN")}


def test_a_commit_by_another_process_is_heard_and_an_idle_watch_asks_nothing(
    demo: Store,
) -> None:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(demo.engine, "before_cursor_execute", count)
    try:
        with following(demo) as heard:
            _wait_until(lambda: _listeners(demo))
            before = _activity(demo)
            statements.clear()
            time.sleep(0.5)  # idle: nobody commits
            assert statements == []  # no probe, no poll through the engine
            assert _activity(demo) == before  # and no statement reached the server at all
            assert len(heard.answers) == 1

            subprocess.run([sys.executable, "-c", ONE_EDIT], check=True, timeout=60)
            heard.wait_for(2)
            assert heard.answers[1] != heard.answers[0]
            assert heard.answers[1] == demo.case_version(REF)
    finally:
        event.remove(demo.engine, "before_cursor_execute", count)


def test_a_lost_listening_connection_is_made_again(demo: Store) -> None:
    meeting = Meeting(demo, REF, CONF)
    with following(demo) as heard:
        [lost] = _wait_until(lambda: _listeners(demo))
        with raw(demo) as db:
            assert db.execute("SELECT pg_terminate_backend(?)", (lost,)).fetchone() == (True,)
        again = _wait_until(lambda: _listeners(demo) - {lost})
        assert len(again) == 1
        meeting.edit(edits.mapping.add_entry, column="strengths", text="after the loss")
        _wait_until(lambda: heard.answers[-1] == demo.case_version(REF))
        assert heard.answers[-1] != heard.answers[0]


WRITERS = 3
ENTRIES = 12
ATTENDEES = 6
WRITER = """
import sys
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
who, entries, attendees = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = open_store()  # CPCHAIR_DB: the server's URL
meeting = Meeting(store, "DEMO-0001", "rcpc1")
print("ready", flush=True)
sys.stdin.readline()  # all start together
errors = 0
for n in range(max(entries, attendees)):
    try:
        if n < entries:
            meeting.edit(edits.mapping.add_entry, column="grey_areas", text=f"{who} {n}")
        if n < attendees:
            store.add_attendee("DEMO-0001", "rcpc1", name=f"{who} {n}", role="Health visitor",
                               agency="health")
    except Exception as exc:
        errors += 1
        print(type(exc).__name__, exc, file=sys.stderr)
print(errors)
"""


def test_writers_at_once_all_land_in_order(demo: Store) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, who, str(ENTRIES), str(ATTENDEES)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in "abc"[:WRITERS]
    ]
    try:
        for p in procs:  # each has opened the store: none is still starting when they write
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert [out.strip() for out, _ in results] == ["0"] * WRITERS, [e for _, e in results]

    conf = Meeting(demo, REF, CONF).load().conf
    entries = [e.text for e in conf.mapping]
    names = [a.name for a in conf.attendees]
    for who in "abc"[:WRITERS]:  # every row there, each writer's in the order it wrote them
        assert [t for t in entries if t.startswith(f"{who} ")] == [
            f"{who} {n}" for n in range(ENTRIES)
        ]
        assert [t for t in names if t.startswith(f"{who} ")] == [
            f"{who} {n}" for n in range(ATTENDEES)
        ]
    with raw(demo) as db:
        for table in ("mappingentry", "attendee"):
            twice = db.execute(
                f"SELECT conference_id, position FROM {table} "
                "GROUP BY conference_id, position HAVING count(*) > 1"
            ).fetchall()
            assert twice == [], f"{table}: {len(twice)} positions held twice"


def test_another_programs_database_is_refused_and_left_alone(pg_url: str) -> None:
    with psycopg.connect(pg_server.libpq_url(pg_url), autocommit=True) as db:
        db.execute("CREATE TABLE invoice (id int PRIMARY KEY, total numeric)")
        db.execute("INSERT INTO invoice VALUES (1, 12.50)")
    with pytest.raises(DatabaseError, match="another program's tables"):
        open_store(pg_url)
    with psycopg.connect(pg_server.libpq_url(pg_url)) as db:
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        assert tables == [("invoice",)]
        assert db.execute("SELECT id, total::text FROM invoice").fetchall() == [(1, "12.50")]


def test_a_server_that_does_not_answer_is_named_without_its_password() -> None:
    url = "postgresql://chair:kettle-on-the-hob@127.0.0.1:1/cases"  # nothing listens on port 1
    with pytest.raises(DatabaseError) as refused:
        open_store(url)
    message = str(refused.value)
    assert message.startswith(
        "cannot reach the database server at postgresql://chair:***@127.0.0.1:1/cases: "
    )
    assert "kettle" not in message and "\n" not in message
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
