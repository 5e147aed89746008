"""The close stage: the checklist, concluding (and the lock), reopening, the outline plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Static

from cpchair.app import CpchairApp
from cpchair.caseio.schema import CaseDoc, DecisionDoc, ViewDoc, VoteDoc
from cpchair.demo import demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.copies import CopiesModal
from cpchair.dialogs.prompt import PromptModal
from cpchair.screens.stages.close import ClosePanel, CloseTable
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput
from tests.documents.readers import docx_text

from .helpers import rows, settle, toasts
from .meeting_helpers import REF, TODAY, conference, in_meeting, load_demo, meeting_app, status


def ready_to_conclude() -> CaseDoc:
    """The demo review with the views, the decisions and the plan's dates in place."""
    case = demo_case(TODAY)
    conf = case.conferences[1]
    for a in ("sw", "pol", "hv", "sch", "mw", "ida"):
        for child in ("c1", "c2", "c3"):
            conf.votes.append(VoteDoc(attendee=a, child=child, vote="plan", reason="Worried"))
    for child, category in (("c1", "emotional_abuse"), ("c2", "neglect"),
                            ("c3", "physical_abuse")):  # fmt: skip
        conf.decisions.append(
            DecisionDoc(child=child, outcome="plan", categories=[category], method="unanimous")
        )
    for parent in ("mum", "dad"):  # 004: no conference without the parents' views
        conf.views.append(ViewDoc(whose=parent, how="in_person", summary="Wants help"))
    assert conf.plan is not None and conf.scaling is not None
    conf.plan.first_core_group = dt.date(2026, 12, 17)
    conf.plan.review_conference = dt.date(2027, 5, 20)
    conf.scaling.overall = 4
    return case


@pytest.fixture(autouse=True)
def _no_desktop(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Documents are written, but no program is started to open them."""
    opened: list[Path] = []
    monkeypatch.setattr("cpchair.widgets.open_file.open_file", lambda p: opened.append(p) or True)
    return opened


async def test_the_checklist_says_what_stops_the_conference_concluding(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "close")
        checklist = rows(pilot.app, "#checklist")
        assert any("No decision is recorded" in r[2] and "Ruby" in r[2] for r in checklist)
        await pilot.press("c")
        await pilot.pause()
        assert "Not concluded" in status(pilot)
        assert conference(store).status == "in_progress"
        await pilot.press("enter")  # the first item takes the chair to its stage
        await pilot.pause()
        assert screen.stage != "close"


async def test_concluding_locks_and_reopening_needs_a_reason(store: Store) -> None:
    """Concluding also stops the meeting's clock: looking back adds no time; reopening
    starts it again."""
    store.import_case(ready_to_conclude())
    start = dt.datetime.combine(TODAY, dt.time(10, 0))
    now = [start]
    app = CpchairApp(store, today=TODAY, meeting=(REF, "rcpc1"), clock=lambda: now[0])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "close")
        clock = screen.query_one("#clock", Static)
        assert "Ready to conclude" in str(screen.query_one("#close-state").content)
        now[0] = start + dt.timedelta(minutes=25)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert conference(store).status == "concluded"
        assert "locked" in str(screen.query_one("#close-state").content)
        assert str(clock.content) == "concluded · meeting 25:00"
        now[0] = start + dt.timedelta(minutes=90)
        await screen.go("mapping")
        screen.refresh_marks()
        assert str(clock.content) == "concluded · meeting 25:00"  # stopped, and stays stopped
        box = screen.query_one("#capture", DraftInput)
        box.value = "s: too late"
        await pilot.press("enter")
        await pilot.pause()
        assert "concluded" in status(pilot)
        await screen.go("close")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, PromptModal)
        await pilot.press("enter")  # no reason: refused, the prompt stays
        await pilot.pause()
        assert pilot.app.screen is prompt
        prompt.query_one(Input).value = "The review date was typed wrongly"
        await pilot.press("enter")
        await pilot.pause()
        now[0] = start + dt.timedelta(minutes=95)
        screen.refresh_marks()
        assert str(clock.content) == "stage 5:00 · meeting 30:00"  # running again
    conf = conference(store)
    assert conf.status == "in_progress"
    assert [r.reason for r in conf.reopened] == ["The review date was typed wrongly"]
    visits = Meeting(store, REF, "rcpc1").read(
        edits.working.stage_visits
    )  # no visit while concluded
    assert [(v[0], v[2] - v[1]) for v in visits] == [
        ("opening", dt.timedelta()),
        ("close", dt.timedelta(minutes=25)),
        ("close", dt.timedelta(minutes=5)),
    ]  # fmt: skip


async def test_the_outline_plan_is_written_and_opened(
    store: Store, _no_desktop: list[Path]
) -> None:
    store.import_case(ready_to_conclude())
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        await in_meeting(pilot, "close")
        await pilot.press("o")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        [path] = _no_desktop
        assert path.name == "DEMO-0001-2026-11-26-outline.docx"
        assert path.stat().st_mode & 0o777 == 0o600
        notes = [n.message for n in pilot.app._notifications]
        assert any("DRAFT" in n and str(path) in n for n in notes)


async def test_the_document_window_writes_any_kind_and_format(
    store: Store, _no_desktop: list[Path], tmp_path: Path
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        await in_meeting(pilot, "close")
        await pilot.press("w")
        await pilot.pause()
        modal = pilot.app.screen
        modal.query_one("#kind").value = "record"
        modal.query_one("#fmt").value = "html"
        await pilot.pause()
        box = modal.query_one("#path", Input)
        assert box.value.endswith("DEMO-0001-2026-11-26-record.html")
        box.value = str(tmp_path / "no-such-folder" / "x.html")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"There is no folder {tmp_path}/no-such-folder." in str(
            modal.query_one("#error").content
        )
        box.value = str(tmp_path / "record.html")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    text = (tmp_path / "record.html").read_text()
    assert "DRAFT" in text and "<html" in text


# --- copies person by person -------------------------------------------------------------------


async def open_copies(pilot) -> CopiesModal:
    await in_meeting(pilot, "close")
    await pilot.press("f")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, CopiesModal)
    return modal


def lines(modal: CopiesModal) -> list[str]:
    options = modal.query_one("#copies", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def choose(pilot, modal: CopiesModal, key: str | None, press: str = "enter") -> None:
    modal.query_one("#copies", OptionList).highlighted = next(
        i for i, o in enumerate(modal.offers) if o.key == key
    )
    await pilot.press(press)
    await settle(pilot)


async def test_the_copies_are_offered_person_by_person(store: Store) -> None:
    """004: a parent present throughout gets everything but what is confidential; the father,
    asked to step out for the mapping and the danger statements, the part he attended (the
    danger statements and safety goals are never withheld)."""
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(100, 30)) as pilot:
        modal = await open_copies(pilot)
        assert lines(modal) == [
            "Full copy\nFor the professionals: everything, confidential entries included",
            "Sam Kirby (Independent advocate for Ruby)\nEverything but what is confidential",
            "Jodie Hadley (Mother)\nEverything but what is confidential; names no one's "
            "contact details: their own contact details are confidential",
            "Liam Carver (Father)\nLeaves out the mapping, said while Liam was out (the "
            "chair chose the part attended), and what is confidential; names no one's contact "
            "details: the chair has recorded a no-contact condition",
            "Carol Hadley (Maternal grandmother)\nEverything but what is confidential",
            "Sarah Carver (Paternal aunt, supporting Liam)\nEverything but what is "
            "confidential; outline plan only: no copy of the record (004)",
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CopiesModal)


async def test_writing_one_persons_copy_opens_it(store: Store, _no_desktop: list[Path]) -> None:
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(100, 30)) as pilot:
        modal = await open_copies(pilot)
        await choose(pilot, modal, "carol")  # nothing to ask: written at once
        assert pilot.app.screen is modal  # open still, for the next person
        await choose(pilot, modal, "carol", press="r")
        await choose(pilot, modal, None)  # the full copy
        outline, record, full = _no_desktop
        assert outline.name == "DEMO-0001-2026-09-03-outline-family-carol.docx"
        assert record.name == "DEMO-0001-2026-09-03-record-family-carol.docx"
        assert full.name == "DEMO-0001-2026-09-03-outline.docx"
        text = docx_text(record.read_bytes())
        assert "This is the copy for Carol Hadley (Maternal grandmother)." in text
        assert "Police have attended six domestic incidents" in text  # she was there
        assert "Liam received a police caution" not in text  # confidential
        assert any("copy of the record for Carol Hadley" in t for t in toasts(pilot.app))
        await choose(pilot, modal, "sarah", press="r")  # a supporter: no record
        assert len(_no_desktop) == 3
        assert any("outline plan only" in t for t in toasts(pilot.app))


async def test_the_chair_s_letter_to_each_person(store: Store, _no_desktop: list[Path]) -> None:
    """l writes the highlighted person's letter; the full copy has no letter; a reader whose
    contact details are confidential is asked about first, as for their copy."""
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(100, 30)) as pilot:
        modal = await open_copies(pilot)
        await choose(pilot, modal, "carol", press="l")
        [path] = _no_desktop
        assert path.name == "DEMO-0001-2026-09-03-letter-carol.docx"
        text = docx_text(path.read_bytes())
        assert "Dear Carol," in text and "Ruby will have a child protection plan." in text
        assert any("letter to Carol Hadley" in t for t in toasts(pilot.app))
        await choose(pilot, modal, None, press="l")  # the professionals' copy: no letter
        assert len(_no_desktop) == 1
        assert any("letter is to one family member" in t for t in toasts(pilot.app))
        await choose(pilot, modal, "jodie", press="l")
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Write the letter to Jodie Hadley?"
        await pilot.press("y")
        await settle(pilot)
        assert _no_desktop[-1].name == "DEMO-0001-2026-09-03-letter-jodie.docx"
        assert "07700" not in docx_text(_no_desktop[-1].read_bytes())


async def test_a_restricted_copy_is_asked_about_first(
    store: Store, _no_desktop: list[Path]
) -> None:
    """Jodie's contact details are confidential: her copy names no one's, and the chair is
    asked before it is written."""
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(100, 30)) as pilot:
        modal = await open_copies(pilot)
        await choose(pilot, modal, "jodie")
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmModal) and ask.id == "copy-caution"
        assert ask.question == "Write Jodie Hadley's copy of the outline plan?"
        assert "Jodie Hadley's contact details are confidential" in ask.detail
        await pilot.press("n")
        await settle(pilot)
        assert _no_desktop == [] and pilot.app.screen is modal
        await choose(pilot, modal, "jodie")
        await pilot.press("y")
        await settle(pilot)
        [path] = _no_desktop
        assert path.name == "DEMO-0001-2026-09-03-outline-family-jodie.docx"
        text = docx_text(path.read_bytes())
        assert "names no one's address or contact details" in text
        assert "07700" not in text and "01632 960417" not in text
        assert "01632 960400" in text  # the chair's contact: the council's route


async def test_a_copy_repeating_a_confidential_entry_is_warned_about(
    store: Store, _no_desktop: list[Path]
) -> None:
    """The demo's police scaling reason repeated the confidential caution until it was marked
    confidential too: with the mark taken off, the chair sees the words before writing."""
    case = demo_case(TODAY)
    scaling = case.conferences[0].scaling
    assert scaling is not None
    scaling.scores[1].confidential = False
    store.import_case(case)
    async with meeting_app(store, "icpc").run_test(size=(100, 30)) as pilot:
        modal = await open_copies(pilot)
        await choose(pilot, modal, "carol")  # the outline plan has no score reasons
        assert len(_no_desktop) == 1
        await choose(pilot, modal, "carol", press="r")
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmModal)
        assert ask.detail == (
            "Its text repeats words of something given in confidence:\n"
            '· a scaling reason: "a former partner" (a confidential mapping entry)'
        )
        await pilot.press("y")
        await settle(pilot)
        assert _no_desktop[-1].name == "DEMO-0001-2026-09-03-record-family-carol.docx"


async def test_the_document_window_offers_each_persons_copy(
    store: Store, _no_desktop: list[Path], tmp_path: Path
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        await in_meeting(pilot, "close")
        await pilot.press("w")
        await pilot.pause()
        modal = pilot.app.screen
        copy = modal.query_one("#copy", Select)
        copy.value = modal.keys.index("liam")  # by place, never by key
        modal.query_one("#fmt").value = "md"
        await pilot.pause()
        box = modal.query_one("#path", Input)
        assert box.value.endswith("DEMO-0001-2026-11-26-outline-family-liam.md")
        box.value = str(tmp_path / "liam.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmModal)  # a no-contact condition is recorded for Liam
        assert "no-contact condition" in ask.detail
        await pilot.press("y")
        await settle(pilot)
    assert "This is the copy for Liam Carver (Father)." in (tmp_path / "liam.md").read_text()


async def test_the_detail_line_names_the_child_and_the_family_member(store: Store) -> None:
    """At 80 columns the table's What is cut before the name; the line under it says it."""
    load_demo(store)
    store.update_child(REF, "c1", first_name="Ruby [b]Rose[/b] [/]")  # case text, not markup
    store.update_person(REF, "dad", name="Liam [/] Carver")
    store.remove_attendee(REF, "rcpc1", "liam")  # not on the register: named as family
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "close")
        items = screen.query_one(ClosePanel).items
        checklist = screen.query_one("#checklist", CloseTable)

        async def detail_of(code: str, **where: str) -> str:
            at = next(i for i, item in enumerate(items) if item.code == code
                      and all(getattr(item, k) == v for k, v in where.items()))  # fmt: skip
            checklist.move_cursor(row=at)
            await settle(pilot)
            return str(screen.query_one("#close-detail", Static).render())

        said = await detail_of("no_decision", child="c1")
        assert said == (
            "Must be settled: No decision is recorded for this child. Child: Ruby [b]Rose[/b] [/]."
        )
        said = await detail_of("view_missing", person="dad")
        assert said.endswith("Family member: Liam [/] Carver.")
        said = await detail_of("view_missing", person="mum")  # on the register: named once
        assert said.endswith("Who: Jodie Hadley.") and "Family member" not in said
