"""Enter in the capture line writes in the meeting's queue, off the screen's thread: lines
typed at once land in order, a refusal or a failure takes the card back and gives the line
back, a card changed before its write is done is changed after it, and quitting writes
everything still queued."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from cpchair.store import Store, edits, open_store
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.mapping_board import MappingBoard

from .helpers import burst, settle
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status


def held(screen: Any) -> threading.Event:
    """Hold the meeting's queue: nothing queued after this is written until it is set."""
    go = threading.Event()
    screen.meeting.writes.submit(lambda: go.wait(10))
    return go


async def test_a_burst_of_lines_lands_in_order_with_real_ids(store: Store) -> None:
    load_demo(store)
    lines = [f"s: Nan helps, said the {n}th time" for n in range(8)]
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        keys = [k for line in lines for k in (*line, "enter")]
        await burst(pilot, *keys, *"h: still typing")
        box = screen.query_one("#capture", DraftInput)
        assert box.value == "h: still typing"
        await settle(pilot)
        shown = screen.query_one(MappingBoard).entries()
        assert all(entry_id > 0 for entry_id, _ in shown)  # every card has its real id
        held_ids = screen.meeting.load().ids["mapping"]
        assert sorted(i for i, _ in shown) == sorted(held_ids)
    texts = [e.text for e in conference(store).mapping]
    assert texts == [line[3:] for line in lines]


async def test_a_write_refused_takes_its_card_back_and_keeps_the_line(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        go = held(screen)
        box = screen.query_one("#capture", DraftInput)
        box.value = "h: Dad shouted"
        await pilot.press("enter")
        board = screen.query_one(MappingBoard)
        assert [e.text for _, e in board.entries()] == ["Dad shouted"]  # shown at once
        # Concluded elsewhere before the write's turn: the store refuses it.
        with sqlite3.connect(store.path) as other:
            other.execute("UPDATE conference SET status = 'concluded'")
        await pilot.press(*"s: next")
        go.set()
        await settle(pilot)
        assert board.entries() == []
        assert box.value == "h: Dad shouted  s: next"  # given back, before what is typed
        assert box.cursor_position == len(box.value)  # the next key lands after "next"
        assert "Not saved." in status(pilot) and "back in the capture line" in status(pilot)
    assert conference(store).mapping == []


async def test_a_card_deleted_before_its_write_is_deleted_after_it(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        go = held(screen)
        box = screen.query_one("#capture", DraftInput)
        for line in ("h: Dad shouted", "h: Mum cried"):
            box.value = line
            await pilot.press("enter")
        board = screen.query_one(MappingBoard)
        board.focus()
        board.move_to(board.entries()[0][0])  # the first card, still being written
        await pilot.press("x", "n")  # delete it; the next card's nature changes
        assert [e.text for _, e in board.entries()] == ["Mum cried"]  # gone at once
        go.set()
        await settle(pilot)
        assert [(e.text, e.nature) for _, e in board.entries()] == [("Mum cried", "fact")]
        await pilot.press("u")  # and the delete can be undone
        await settle(pilot)
    assert [(e.text, e.nature) for e in conference(store).mapping] == [
        ("Dad shouted", None),
        ("Mum cried", "fact"),
    ]


async def test_quitting_with_writes_queued_writes_them_all(store: Store) -> None:
    load_demo(store)
    app = meeting_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        go = held(screen)
        box = screen.query_one("#capture", DraftInput)
        for n in range(5):
            box.value = f"s: Gran visits {n}"
            await pilot.press("enter")
        box.value = "h: half a line"
        threading.Timer(0.2, go.set).start()
        app.exit()
    assert [e.text for e in conference(store).mapping] == [f"Gran visits {n}" for n in range(5)]
    assert _drafts(store) == {"mapping.capture": "h: half a line"}


def _drafts(store: Store) -> dict[str, str]:
    from cpchair.store.meeting import Meeting

    return Meeting(store, REF, "rcpc1").read(edits.working.drafts)


async def test_a_write_that_fails_leaves_the_line_to_try_again(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the database longer than a write will wait: the card is taken
    back, the line is given back and kept as a draft, and the status says so plainly."""
    monkeypatch.setattr("cpchair.db.BUSY_SECONDS", 0.05)
    store = load_demo(open_store(db_file))
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        box.value = "h: Dad shouted"
        await settle(pilot)  # kept as a draft
        other = sqlite3.connect(db_file, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # holds the write lock
        try:
            await pilot.press("enter")
            assert box.value == ""
            screen.meeting.writes.flush()  # tried, and given up
        finally:
            other.execute("ROLLBACK")
            other.close()
        await settle(pilot)
        assert box.value == "h: Dad shouted"
        assert screen.query_one(MappingBoard).entries() == []
        said = status(pilot)
        assert "could not be written" in said and "press Enter there to try again" in said
        assert _drafts(store) == {"mapping.capture": "h: Dad shouted"}
        await pilot.press("enter")  # the database is free again
        await settle(pilot)
        assert box.value == ""
    assert [e.text for e in conference(store).mapping] == ["Dad shouted"]


async def test_quitting_just_after_enter_keeps_a_first_page_with_the_last_entry_in(
    store: Store,
) -> None:
    """The queued writes go in before the caseload's page is kept, so the next start draws
    it at once (a page kept before them would be out of date, and not drawn)."""
    import datetime as dt

    from cpchair import first_page

    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        go = held(screen)
        box = screen.query_one("#capture", DraftInput)
        box.value = "s: Nan helps"
        await pilot.press("enter")
        threading.Timer(0.2, go.set).start()  # the write waits a moment, as on a busy disk
        await pilot.press("ctrl+q")
    assert [e.text for e in conference(store).mapping] == ["Nan helps"]
    assert first_page.read(store.path, None, dt.date.today()) is not None


async def entry_to_be_refused(pilot: Any, store: Store) -> tuple[Any, DraftInput]:
    """An entry filed while its write waits in the queue, then the conference concluded
    elsewhere, so the write is refused when the queue goes on (in 0.2 s)."""
    screen = await in_meeting(pilot, "mapping")
    go = held(screen)
    box = screen.query_one("#capture", DraftInput)
    box.value = "h: Dad shouted"
    await pilot.press("enter")
    with sqlite3.connect(store.path) as other:
        other.execute("UPDATE conference SET status = 'concluded'")
    threading.Timer(0.2, go.set).start()
    return screen, box


async def test_a_write_refused_as_the_app_quits_stops_the_quit_and_says_so(
    store: Store,
) -> None:
    from .helpers import toasts

    load_demo(store)
    app = meeting_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, box = await entry_to_be_refused(pilot, store)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        assert any("1 change could not be saved" in t for t in toasts(app))
        assert box.value == "h: Dad shouted"  # given back, to keep or copy
        await pilot.press("ctrl+q")  # asked again: quits without it
        await settle(pilot)
        assert not app.is_running


async def test_a_write_refused_as_the_meeting_is_left_is_said_by_the_app(store: Store) -> None:
    from .helpers import toasts

    load_demo(store)
    app = meeting_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _box = await entry_to_be_refused(pilot, store)
        screen.action_leave()
        await settle(pilot)
        assert any("could not be saved as the meeting was left" in t for t in toasts(app))
