"""Two seats, one case: the case file's details and a stage panel's own fields are not
overwritten silently when the other seat changed them while this one was typing. The save is
refused with their words, the typed text stays, and saving again puts it in place of theirs
(store/stale.py)."""

from __future__ import annotations

from textual.widgets import Static, TabbedContent

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import TextField

from .helpers import DAY, case_file, settle
from .meeting_helpers import in_meeting, load_demo, meeting_app, status

REF = "DEMO-0001"
THEIRS = "Hadley-Carver, known to the school as the Carver family since the spring term"
MINE = "Hadley-Okafor"


def said(widget: Static) -> str:
    return str(widget.render())


async def test_a_case_detail_changed_meanwhile_is_refused_then_saved_again(
    store: Store,
) -> None:
    store.import_case(demo_case(DAY))
    async with CpchairApp(store, today=DAY).run_test(size=(80, 24)) as pilot:
        screen = await case_file(pilot, REF)
        family = screen.query_one("#field-family", TextField)
        family.input.focus()
        family.input.value = MINE  # typing, when the other seat saves theirs
        store.update_case(REF, family_name=THEIRS)
        screen.reload()  # their change arrives: the field being typed in keeps its text
        await settle(pilot)
        assert family.input.value == MINE
        await pilot.press("tab")  # left: refused, as it was typed over "Hadley"
        await settle(pilot)
        shown = said(family.query_one(".field-error", Static))
        assert "Changed meanwhile by someone else" in shown
        assert '"Hadley-Carver, known to the school as the Carver family sin…"' in shown
        assert family.input.value == MINE  # what was typed is still there
        assert store.load_case(REF).family_name == THEIRS  # type: ignore[union-attr]
        family.input.focus()
        await pilot.press("enter")  # saved again, knowing theirs: it goes through
        await settle(pilot)
        assert not family.has_class("-refused")
        assert store.load_case(REF).family_name == MINE  # type: ignore[union-attr]
        # A field not being typed in shows the other's change, and saves from it.
        store.update_case(REF, lead_social_worker_team="Family Safeguarding Team (South)")
        screen.reload()
        await settle(pilot)
        team = screen.query_one("#field-team", TextField)
        assert team.input.value == "Family Safeguarding Team (South)"
        team.input.focus()
        team.input.value = "Family Safeguarding Team (East)"
        await pilot.press("enter")
        await settle(pilot)
        assert not team.has_class("-refused")
        worker = store.load_case(REF).lead_social_worker  # type: ignore[union-attr]
        assert worker.team == "Family Safeguarding Team (East)"


async def test_a_stage_panels_field_changed_meanwhile_is_refused_then_saved_again(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")  # the minute-taker's seat
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "plan")
        screen.query_one("#plan-tabs", TabbedContent).active = "part-people"
        await settle(pilot)
        lead = screen.query_one("#lead", TextField)
        lead.input.focus()
        lead.input.value = "Sam Patel"  # typing, when the other seat saves theirs
        other.edit(edits.plan.set_lead_social_worker, name="Jo Reed (covering for Priya)")
        await pilot.press("tab")  # left: refused, as it was typed over Priya Nandra
        await settle(pilot)
        for shown in (said(lead.query_one(".field-error", Static)), status(pilot)):
            assert 'Changed meanwhile by someone else: it now reads "Jo Reed (covering' in shown
        assert lead.input.value == "Sam Patel"  # what was typed is still there
        worker = store.load_case(REF).lead_social_worker  # type: ignore[union-attr]
        assert worker.name == "Jo Reed (covering for Priya)"
        lead.input.focus()
        await pilot.press("enter")  # saved again, knowing theirs: it goes through
        await settle(pilot)
        assert not lead.has_class("-refused")
        assert store.load_case(REF).lead_social_worker.name == "Sam Patel"  # type: ignore[union-attr]
        # Saved, it is what the next save is made from: no refusal of its own change.
        lead.input.value = "Sam Patel (lead)"
        await pilot.press("enter")
        await settle(pilot)
        assert store.load_case(REF).lead_social_worker.name == "Sam Patel (lead)"  # type: ignore[union-attr]
