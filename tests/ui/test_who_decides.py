"""Who votes and who scales, as the screens offer it: the "Votes on the decision" box only for
a professional agency (000: a parent "will not be part of the decision-making"), no score row
for an observer, interpreter or supporter (004: an observer "must not take part"), and the
child's own score shown apart from the family's median."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select, Static

from cpchair.app import CpchairApp
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.conference_setup import ConferenceSetupScreen
from cpchair.store import Store
from cpchair.widgets.attendee_table import AttendeeTable
from cpchair.widgets.fields import FlagField
from cpchair.widgets.score_table import ScoreTable

from .helpers import DAY
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app


async def edit(app: CpchairApp, pilot: Pilot[Any], key: str) -> RecordEditor:
    if not isinstance(app.screen, ConferenceSetupScreen):
        await app.push_screen(ConferenceSetupScreen(REF, "rcpc1"))
        await pilot.pause()
    table = app.screen.query_one("#attendees", AttendeeTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("enter")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, RecordEditor)
    return editor


def votes_box(editor: RecordEditor) -> FlagField:
    return editor.query_one("#votes", FlagField)


async def test_the_votes_box_is_absent_for_a_parent(store: Store) -> None:
    load_demo(store)
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await edit(app, pilot, "jodie")  # the mother
        assert not votes_box(editor).display
        await pilot.press("escape")
        await pilot.pause()
        editor = await edit(app, pilot, "sw")  # the social worker votes
        assert votes_box(editor).display and votes_box(editor).value


async def test_choosing_an_agency_that_does_not_vote_hides_the_box_and_clears_the_vote(
    store: Store,
) -> None:
    load_demo(store)
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await edit(app, pilot, "gp")  # the GP, sending a report, votes
        assert votes_box(editor).display
        editor.query(Select).first().value = "observer"
        await pilot.pause()
        assert not votes_box(editor).display
        assert not next(a for a in conference(store).attendees if a.key == "gp").votes
        editor.query(Select).first().value = "health"  # a professional again: votes again
        await pilot.pause()
        await pilot.pause()
        assert votes_box(editor).display and votes_box(editor).value
        assert next(a for a in conference(store).attendees if a.key == "gp").votes


async def test_the_score_table_offers_no_observer_and_the_childs_score_stands_apart(
    store: Store,
) -> None:
    load_demo(store)
    observer = store.add_attendee(REF, "rcpc1", name="Oli Student", role="Student",
                                  agency="observer", attendance="present")  # fmt: skip
    kid = store.add_attendee(REF, "rcpc1", name="Tyler Carver", role="Tyler", agency="child",
                             attendance="present")  # fmt: skip
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        keys = table.keys()
        assert observer not in keys and "sarah" not in keys  # the observer, the supporter
        assert kid in keys and "jodie" in keys
        # Tyler and his mother scale; his score is shown apart from the family's median.
        for key, score in (("jodie", 7), (kid, 4), ("sw", 3)):
            table.move_cursor(row=table.keys().index(key))
            await pilot.press(str(score), "escape")
            await pilot.pause()
        summary = str(screen.query_one("#summary", Static).content)
        assert "The family see the children as safer, by 4 points (medians)." in summary
        assert "The child's own score: 4 (not in the family's median)." in summary
