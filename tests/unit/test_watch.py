"""The watch (store/watch.py): a commit by another connection reaches each follower once, in
the watch's own thread; the store tells its own edits from anyone else's."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cpchair.store import Store, edits
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
