"""Two seats, one meeting: a key in the register, on the mapping board or a box of the family
history acts on what this screen showed. If the other seat changed it meanwhile the key is
refused, nothing is written, and the screen shows theirs; pressed again, it is made. The same
change made by both is no conflict. A time of leaving the other seat recorded is kept when a
stage sends the excluded out (store/stale.py).

The screen's following of outside changes is stopped first: their change has not reached this
screen yet, as it may not have when the key is pressed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import Static

from cpchair.app import CpchairApp
from cpchair.caseio.schema import AttendeeDoc
from cpchair.screens.conference import ConferenceScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import TextField
from cpchair.widgets.mapping_board import MappingBoard

from .helpers import rows, settle
from .meeting_helpers import REF, TODAY, conference, in_meeting, load_demo, meeting_app, status

NOW = dt.datetime(2026, 11, 26, 10, 30)
KEPT = "Nothing was changed: press again to change it."


def app(store: Store) -> CpchairApp:
    return CpchairApp(store, today=TODAY, meeting=(REF, "rcpc1"), clock=lambda: NOW)


async def opened(pilot: Any, stage: str | None = None) -> ConferenceScreen:
    screen = await in_meeting(pilot, stage)
    screen.following.stop()  # what the other seat does is not seen here until a key's refusal
    return screen


def attendee(store: Store, key: str) -> AttendeeDoc:
    return next(a for a in conference(store).attendees if a.key == key)


async def test_a_register_key_on_a_changed_attendee_is_refused_then_made(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")  # the minute-taker's seat
    async with app(store).run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        other.edit(edits.register.update_attendee, "pol", attendance="absent")
        await pilot.press("down", "a")  # DC Owen Pritchard: apologies, over "Present"
        await pilot.pause()
        assert f'Changed meanwhile by someone else: it now reads "Absent". {KEPT}' in status(pilot)
        assert attendee(store, "pol").attendance == "absent"  # theirs stands
        assert rows(pilot.app, "#register")[1][2] == "Absent"  # and is shown
        await pilot.press("a")  # again, from theirs: made
        await pilot.pause()
        assert attendee(store, "pol").attendance == "apologies"
        # The same change made by both seats is no conflict.
        other.edit(edits.register.update_attendee, "pol", attendance="report_only")
        await pilot.press("r")
        await pilot.pause()
        assert "report only" in status(pilot)
        assert attendee(store, "pol").attendance == "report_only"
        # A time: Kerry Walsh's leaving, stamped by the other seat at 10:05.
        other.edit(edits.register.update_attendee, "hv", left=dt.time(10, 5))
        await pilot.press("down", "o")
        await pilot.pause()
        assert f'it now reads "10:05". {KEPT}' in status(pilot)
        assert attendee(store, "hv").left == dt.time(10, 5)
        assert rows(pilot.app, "#register")[2][4] == "10:05"
        await pilot.press("o")
        await pilot.pause()
        assert attendee(store, "hv").left == dt.time(10, 30)


async def test_x_on_someone_marked_otherwise_meanwhile_is_refused(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    other.edit(edits.history.add_exclusion, attendee="liam", scope="part",
               reason="Police information")  # fmt: skip
    other.edit(edits.register.update_attendee, "liam", attendance="present")
    async with app(store).run_test(size=(100, 40)) as pilot:
        screen = await opened(pilot)
        other.edit(edits.register.update_attendee, "liam", attendance="absent")
        await pilot.press(*["down"] * 10, "x")  # Liam Carver: excluded, over "Present"
        await pilot.pause()
        assert pilot.app.screen is screen  # no exclusion opened over the refusal
        assert f'it now reads "Absent". {KEPT}' in status(pilot)
        assert attendee(store, "liam").attendance == "absent"
        assert rows(pilot.app, "#register")[10][2] == "Absent"


async def test_a_stage_sending_the_excluded_out_keeps_the_other_seats_time(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    other.edit(edits.history.add_exclusion, attendee="liam", scope="part",
               reason="Police information", from_stage="mapping",
               to_stage="scaling")  # fmt: skip
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "history")
        other.edit(edits.register.update_attendee, "liam", left=dt.time(10, 20))
        await screen.go("mapping")  # this screen still shows him in the room
        await pilot.pause()
        assert attendee(store, "liam").left == dt.time(10, 20)  # the earlier time stands
        assert "Liam Carver left at" not in status(pilot)


async def test_a_cards_key_on_a_changed_card_is_refused_then_made(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    entry = other.edit(edits.mapping.add_entry, column="strengths", text="Nan helps").value
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "mapping")
        board = screen.query_one(MappingBoard)
        board.focus()
        await pilot.press("s")  # the strengths column: its one card
        other.edit(edits.mapping.update_entry, entry, nature="opinion")
        await pilot.press("n")  # a fact, over no mark at all
        await settle(pilot)
        assert f'it now reads "Opinion". {KEPT}' in status(pilot)
        assert conference(store).mapping[0].nature == "opinion"
        assert [e.nature for _, e in board.entries()] == ["opinion"]  # theirs, shown
        await pilot.press("n")  # again, from theirs: on to the next
        await settle(pilot)
        assert conference(store).mapping[0].nature is None
        # Moved by the other seat to grey areas while this one moves it to existing safety.
        other.edit(edits.mapping.update_entry, entry, column="grey_areas")
        await pilot.press("m", "e")
        await settle(pilot)
        assert f'it now reads "Grey areas". {KEPT}' in status(pilot)
        assert conference(store).mapping[0].column == "grey_areas"
        assert [e.column for _, e in board.entries()] == ["grey_areas"]
        await pilot.press("m", "e")
        await settle(pilot)
        assert conference(store).mapping[0].column == "existing_safety"


async def test_an_incidents_words_changed_meanwhile_are_refused_then_saved(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    other.edit(edits.history.set_incident, which="worst", text="Ruby hurt")
    theirs = "Ruby hurt, taken to A&E by Nan on the Saturday night; police informed"
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "history")
        words = screen.query_one("#worst-text", TextField)
        words.input.focus()
        words.input.value = "Ruby bruised"  # typing, when the other seat saves theirs
        other.edit(edits.history.set_incident, which="worst", text=theirs)
        await pilot.press("tab")  # left: refused
        await pilot.pause()
        error = str(words.query_one(".field-error", Static).render())
        assert 'Changed meanwhile by someone else: it now reads "Ruby hurt, taken' in error
        assert "What you typed is still here" in error
        assert words.input.value == "Ruby bruised"
        assert conference(store).incidents[0].text == theirs
        words.input.focus()
        await pilot.press("enter")  # again, knowing theirs: saved
        await pilot.pause()
        assert not words.has_class("-refused")
        assert conference(store).incidents[0].text == "Ruby bruised"
        # A box refused as changed meanwhile is not saved again by itself when another box
        # of the incident is saved: theirs stands until it is saved again here.
        date = screen.query_one("#worst-date", TextField)
        other.edit(edits.history.set_incident, which="worst", text="Ruby bruised",
                   date=dt.date(2026, 6, 14))  # fmt: skip
        date.input.focus()
        date.input.value = "20/6/2026"
        await pilot.press("tab")  # refused, on to the words
        await pilot.pause()
        assert 'it now reads "14 June 2026"' in str(date.query_one(".field-error", Static).render())
        words.input.value = "Ruby bruised on the arm"
        await pilot.press("tab")
        await settle(pilot)
        worst = conference(store).incidents[0]
        assert (worst.text, worst.date) == ("Ruby bruised on the arm", dt.date(2026, 6, 14))
        assert date.has_class("-refused") and date.input.value == "20/6/2026"


async def test_a_refusal_is_read_whole_at_80_columns(store: Store) -> None:
    """The status line grows to take a refusal's reason, however long, at 80x24."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "opening")
        screen.say(
            'Changed meanwhile by someone else: it now reads "Report only". Nothing was '
            "changed: press again to change it.",
            "refused",
        )
        await pilot.pause()
        status = screen.query_one("#status")
        assert status.size.height == 2
        shown = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "press again to change it." in shown
        screen.say("Saved: Kerry Walsh: apologies.")
        await pilot.pause()
        assert status.size.height == 1
