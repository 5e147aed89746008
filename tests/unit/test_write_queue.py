"""The meeting's write queue: writes in order in a thread of their own, outcomes told, rows
named by a provisional id once their write has settled it."""

from __future__ import annotations

import threading

import pytest

from cpchair.store.errors import EditError
from cpchair.store.queue import NOT_WRITTEN, NotWrittenError, Outcome, WriteQueue


def test_writes_run_in_order_off_the_callers_thread_and_tell_their_outcome() -> None:
    queue = WriteQueue()
    ran: list[tuple[int, bool]] = []
    told: list[Outcome[int]] = []
    main = threading.get_ident()
    for n in range(20):
        queue.submit(lambda n=n: ran.append((n, threading.get_ident() != main)) or n, told.append)
    assert queue.flush(5)
    assert ran == [(n, True) for n in range(20)]
    assert [o.value for o in told] == list(range(20))
    assert not queue.pending


def test_a_refusal_or_failure_is_told_and_the_queue_goes_on() -> None:
    queue = WriteQueue()
    told: list[Outcome[object]] = []

    def refused() -> None:
        raise EditError("The conference is concluded.")

    def failed() -> None:
        raise OSError("disk")

    for write in (refused, failed, lambda: "after"):
        queue.submit(write, told.append)
    assert queue.flush(5)
    assert [o.refused for o in told] == ["The conference is concluded.", None, None]
    assert [o.ok for o in told] == [False, False, True]
    assert told[2].value == "after"


def test_a_write_behind_a_provisional_row_names_it_by_its_real_id() -> None:
    queue = WriteQueue()
    go = threading.Event()
    seen: list[int] = []
    queue.submit(lambda: go.wait(5))
    queue.submit(lambda: queue.settle(-1, 41))
    queue.submit(lambda: queue.settle(-2, None))  # refused: never written
    queue.submit(lambda: seen.append(queue.real(-1)))
    told: list[Outcome[object]] = []
    queue.submit(lambda: queue.real(-2), told.append)
    assert queue.pending
    go.set()
    assert queue.flush(5)
    assert seen == [41] and queue.settled(-1) == 41 and queue.real(7) == 7
    assert isinstance(told[0].error, NotWrittenError) and told[0].refused == NOT_WRITTEN
    with pytest.raises(NotWrittenError):
        queue.real(-3)
