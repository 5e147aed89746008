"""The watch (store/watch.py): a commit by another connection reaches each follower once, in
the watch's own thread; the store tells its own edits from anyone else's."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from cpchair.store import Store, edits, file_news, watch
from cpchair.store.meeting import Meeting
from cpchair.store.watch import OwnEdits

from ..ui.meeting_helpers import REF, load_demo


def _wait(until: Callable[[], bool], seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not until():
        assert time.monotonic() < end, "not seen in time"
        time.sleep(0.005)


def test_each_commit_elsewhere_reaches_the_follower_from_the_watch_thread(store: Store) -> None:
    load_demo(store)
    heard: list[tuple[Any, str]] = []

    def changed(answer: Any) -> None:
        heard.append((answer, threading.current_thread().name))

    stop = store.watch.follow(lambda: store.case_version(REF), changed)
    try:
        _wait(lambda: len(heard) == 1)  # the first answer, at the start
        first = heard[0][0]
        other = Store(store.path)  # another window: its own edits are not this store's
        other.update_case(REF, family_name="Example")
        _wait(lambda: len(heard) == 2)
        assert heard[1][0] != first
        assert heard[1][0] == store.case_version(REF)
        assert {name for _, name in heard} == {"cpchair-watch"}
        time.sleep(0.1)  # nothing committed since: nothing more is said
        assert len(heard) == 2
    finally:
        stop()


def test_a_commit_that_leaves_the_answer_alone_is_not_passed_on(store: Store) -> None:
    load_demo(store)
    asked: list[int] = []
    heard: list[Any] = []

    def probe() -> Any:
        asked.append(1)
        return store.case_version(REF)

    stop = store.watch.follow(probe, heard.append)
    try:
        _wait(lambda: len(heard) == 1)
        # A draft is working state: it commits, but the case's version stays as it was.
        Meeting(Store(store.path), REF, "rcpc1").keep(
            edits.working.save_draft, "mapping.capture", "typed"
        )
        _wait(lambda: len(asked) >= 2)
        time.sleep(0.05)
        assert len(heard) == 1
    finally:
        stop()


def test_the_thread_stops_with_its_last_follower(store: Store) -> None:
    stops = [store.watch.follow(lambda: 1, lambda _a: None) for _ in range(2)]
    thread = store.watch._thread
    assert thread is not None and thread.is_alive()
    stops[0]()
    assert thread.is_alive()
    stops[1]()
    thread.join(2)
    assert not thread.is_alive()


def test_a_failing_probe_is_asked_again_and_never_stops_the_watch(store: Store) -> None:
    answers: list[Any] = [RuntimeError("busy"), 7]
    heard: list[Any] = []

    def probe() -> Any:
        answer = answers.pop(0) if answers else 7
        if isinstance(answer, Exception):
            raise answer
        return answer

    stop = store.watch.follow(probe, heard.append)
    try:
        _wait(lambda: heard == [7])
    finally:
        stop()


def test_own_edits_explain_a_new_version_and_someone_else_s_do_not(tmp_path: Path) -> None:
    store = load_demo(Store(tmp_path / "cases.db"))
    seen = store.case_version(REF)
    store.update_case(REF, family_name="One")
    store.update_case(REF, family_name="Two")
    now = store.case_version(REF)
    assert store.explains(REF, seen, now)
    assert store.explains(REF.lower(), seen, now)  # the same case, however it is spelled
    Store(store.path).update_case(REF, family_name="Three")
    assert not store.explains(REF, seen, store.case_version(REF))
    # An edit of our own after someone else's does not hide theirs.
    later = store.case_version(REF)
    store.update_case(REF, family_name="Four")
    assert not store.explains(REF, now, store.case_version(REF))
    assert store.explains(REF, later, store.case_version(REF))


def test_own_edits_keep_a_bounded_history() -> None:
    own = OwnEdits()
    for i in range(OwnEdits.KEEP + 50):
        own.record("R", i, i + 1)
    assert own.explains("R", 100, OwnEdits.KEEP + 50)
    assert not own.explains("R", 0, 5)  # the oldest steps are forgotten: read again
    own.record("R", 5, 5)  # no move, nothing kept
    assert not own.explains("R", 1000, 1001)


# --- no commit missed, and nothing asked while nothing is written --------------------------


def _versions_heard(store: Store) -> tuple[list[Any], Callable[[], None]]:
    heard: list[Any] = []
    stop = store.watch.follow(lambda: store.case_version(REF), heard.append)
    _wait(lambda: len(heard) == 1)
    return heard, stop


def test_every_commit_elsewhere_is_heard_however_close_or_far_apart(
    store: Store, monkeypatch: Any
) -> None:
    monkeypatch.setattr(watch, "SETTLE", 0.3)  # idle again soon: the long gaps test that
    load_demo(store)
    heard, stop = _versions_heard(store)
    other = Store(store.path)  # another window: a connection of its own
    try:
        for gap in (0.0, 0.001, 0.003, 0.02, 0.15, 0.5, 1.0, 0.0, 0.002):
            time.sleep(gap)
            other.update_case(REF, family_name=f"Gap {gap}")
            now = store.case_version(REF)
            _wait(lambda now=now: heard[-1] == now, 2.0)  # type: ignore[misc]
        # Three at once, closer together than any look: the last is what is told.
        for n in range(3):
            other.update_case(REF, family_name=f"Burst {n}")
        final = store.case_version(REF)
        _wait(lambda: heard[-1] == final, 2.0)
        assert len(heard) == len(set(heard))  # each answer told once
    finally:
        stop()


def test_an_idle_watch_asks_the_database_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(watch, "SETTLE", 0.2)
    statements: list[str] = []

    def trace(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.set_trace_callback(statements.append)

    event.listen(Engine, "connect", trace)  # every connection of the store's new engine
    try:
        store = load_demo(Store(tmp_path / "idle.db"))
        heard, stop = _versions_heard(store)
        try:
            time.sleep(watch.SETTLE + 0.2)  # the first look has settled
            before = len(statements)
            time.sleep(1.0)
            assert statements[before:] == []
            Store(store.path).update_case(REF, family_name="After the quiet")
            _wait(lambda: heard[-1] == store.case_version(REF), 2.0)
        finally:
            stop()
    finally:
        event.remove(Engine, "connect", trace)


class _WrittenOnce:
    """Files that report one write, then nothing: as when a commit's last write comes before
    its sync, and the commit is published in shared memory, which no file event reports."""

    def __init__(self) -> None:
        self.calls = 0

    def wait(self, timeout: float | None) -> tuple[bool, bool]:
        self.calls += 1
        if self.calls == 1:
            return True, False
        assert timeout is not None, "gone to sleep with a commit still to be published"
        time.sleep(timeout)
        return False, False

    def wake(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_commit_published_after_its_last_write_is_still_seen(store: Store) -> None:
    load_demo(store)
    news = watch.DataVersion(store.engine, _WrittenOnce())
    try:
        assert news.wait()  # the first look
        timer = threading.Timer(0.05, lambda: Store(store.path).update_case(REF, family_name="X"))
        timer.start()
        started = time.monotonic()
        assert news.wait()  # seen by asking again after the write, not by another event
        assert time.monotonic() - started < watch.SETTLE
        timer.join()
    finally:
        news.close()


def test_the_files_tell_of_a_write_to_the_database_and_of_nothing_else(
    tmp_path: Path, monkeypatch: Any
) -> None:
    for inotify in (True, False):
        if not inotify:  # as where there is no inotify: a stat of the files
            monkeypatch.setattr(file_news, "_inotify", lambda _folder: None)
        store = load_demo(Store(tmp_path / f"files-{inotify}.db"))
        files = file_news.FileNews(store.path)
        try:
            assert files.wait(0.05) == (False, False)
            (tmp_path / "notes.txt").write_text("another file in the folder")
            assert files.wait(0.05) == (False, False)
            Store(store.path).update_case(REF, family_name="Written")
            assert files.wait(1.0)[0]
            files.wake()
            assert files.wait(1.0) == (False, True)
        finally:
            files.close()


def test_a_watch_that_cannot_open_the_database_yet_tries_again(tmp_path: Path) -> None:
    """A file being replaced (a restore) cannot be opened for a moment: the watch keeps
    trying rather than dying, and its follower hears the first answer once it can."""
    import threading

    from cpchair.store import open_store, watch

    store = open_store(tmp_path / "w.db")
    real = store.engine.raw_connection
    tries: list[int] = []

    def flaky() -> Any:
        tries.append(1)
        if len(tries) < 3:
            raise OSError("being replaced")
        return real()

    heard = threading.Event()
    store.engine.raw_connection = flaky  # type: ignore[method-assign]
    old, watch.RETRY_OPEN = watch.RETRY_OPEN, 0.01
    try:
        stop = store.watch.follow(lambda: 1, lambda _answer: heard.set())
        assert heard.wait(5)
        stop()
    finally:
        watch.RETRY_OPEN = old
    assert len(tries) >= 3
