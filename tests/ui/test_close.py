"""The close stage: the checklist, concluding (and the lock), reopening, the outline plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from cpchair.caseio.schema import CaseDoc, DecisionDoc, ViewDoc, VoteDoc
from cpchair.demo import demo_case
from cpchair.store import Store
from cpchair.widgets.confirm import ConfirmModal
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.prompt import PromptModal

from .helpers import rows
from .meeting_helpers import TODAY, conference, in_meeting, load_demo, meeting_app, status


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
    store.import_case(ready_to_conclude())
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await in_meeting(pilot, "close")
        assert "Ready to conclude" in str(screen.query_one("#close-state").content)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert conference(store).status == "concluded"
        assert "locked" in str(screen.query_one("#close-state").content)
        await screen.go("mapping")
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
    conf = conference(store)
    assert conf.status == "in_progress"
    assert [r.reason for r in conf.reopened] == ["The review date was typed wrongly"]


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
        await pilot.press("f")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        assert _no_desktop[-1].name == "DEMO-0001-2026-11-26-outline-family.docx"


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
        assert "does not exist" in str(modal.query_one("#error").content)
        box.value = str(tmp_path / "record.html")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    text = (tmp_path / "record.html").read_text()
    assert "DRAFT" in text and "<html" in text
