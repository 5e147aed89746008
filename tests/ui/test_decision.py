"""The decision stage: a view per keystroke, reasons, one view per agency (a divided agency
shown for the chair to settle), each child's decision recorded whole, minority views shown and
a formal dissent recorded only when the chair asks."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, Static

from cpchair.dialogs.decision import DecisionEditor
from cpchair.rules.decisions import tally
from cpchair.screens.stages.decision import VoteGrid
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput

from .helpers import burst
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status

VOTERS = ["sw", "pol", "hv", "sch", "mw", "ida"]  # present and voting at the demo review
SUBJECTS = ["c1", "c2", "c3"]


def give(meeting: Meeting, views: dict[str, str]) -> None:
    for attendee in VOTERS:
        for child in SUBJECTS:
            meeting.edit(
                edits.decisions.set_vote,
                attendee,
                child,
                views.get(attendee, "plan"),
                "Worried still",
            )


async def test_a_round_of_views_is_a_key_and_enter_each(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one(VoteGrid)
        assert screen.focused is grid
        assert grid.children_keys == SUBJECTS  # the other child of the household is hidden
        # Social care and the police give their views, no reasons yet: the view, then Enter
        # passes over its reason box.
        await burst(pilot, *["p", "enter"] * 6)
        assert screen.focused is grid
        missing = str(screen.query_one("#missing").content)
        assert missing == "⚠ Agencies still to give a view (· in the grid): Ruby 3, Mia 3, Baby 3"
        await burst(pilot, *["p", "enter"] * 9, *["c", "enter"] * 3)  # the last: child in need
        assert str(screen.query_one("#missing").content) == ""
    conf = conference(store)
    assert len(conf.votes) == 18
    # Six people, but health's two are one view: five agencies.
    assert tally(conf, "c1").explain() == (
        "Majority: child protection plan (agencies: plan 4, child in need 1, no further action 0)"
    )
    assert {v.vote for v in conf.votes if v.attendee == "ida"} == {"child_in_need"}


async def test_a_titled_voter_is_named_by_title_and_surname_never_by_the_title(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await pilot.press("down")  # DC Owen Pritchard's view of Ruby
        label = str(screen.query_one("#reason-label", Static).content)
        assert label == "Reason, DC Pritchard for Ruby:"


async def test_a_view_puts_the_keyboard_in_its_reason_and_the_reason_carries_over(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        box = screen.query_one("#reason", DraftInput)
        # The reason typed straight after the view, in the same burst, is that view's; the
        # same view for the next two children carries it; "pc" typed in the box is text.
        await burst(pilot, "p", *"Dad drinks pc", "enter", "p", "enter", "p")
        assert screen.focused is box
        assert "Priya for Baby" in str(screen.query_one("#reason-label", Static).content)
        assert box.value == "Dad drinks pc"  # carried over, shown with the cursor at its end
        await burst(pilot, *" daily", "escape")  # Escape files what was typed, back to the grid
        assert screen.focused is screen.query_one(VoteGrid)
    reasons = {(v.attendee, v.child): v.reason for v in conference(store).votes}
    assert reasons == {
        ("sw", "c1"): "Dad drinks pc", ("sw", "c2"): "Dad drinks pc",
        ("sw", "c3"): "Dad drinks pc daily",
    }  # fmt: skip


async def test_a_reason_before_any_view_is_refused_and_kept(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await pilot.press("r")
        box = screen.query_one("#reason", DraftInput)
        box.value = "A reason with no view"
        await pilot.press("enter")
        await pilot.pause()
        assert "Give the view first" in status(pilot)
        assert box.value == "A reason with no view"


async def test_a_majority_decision_is_recorded_with_its_category(store: Store) -> None:
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {"sch": "child_in_need"})
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        assert editor.query_one("#outcome", Select).value == "plan"
        assert "A plan needs at least one category" in str(editor.query_one("#problems").content)
        await pilot.press("ctrl+s")  # refused: no category yet
        await pilot.pause()
        assert pilot.app.screen is editor
        editor.query_one("#primary", Select).value = "emotional_abuse"
        await pilot.pause()
        # Education's view is a minority view: shown, offered as a formal dissent, not ticked.
        notes = [str(x.content) for x in editor.query("#dissents Label")]
        assert notes == ["Minority view from Education: child in need plan."]
        assert not editor.query_one("#dissent-on-education", Checkbox).value
        assert not editor.query_one("#dissent-education", Input).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        shown = str(screen.query_one("#decisions").content)
        assert "Minority view from Education: child in need plan" in shown
        assert "Formal dissent" not in shown
    [decision] = conference(store).decisions
    assert (decision.child, decision.outcome, decision.categories, decision.method) == (
        "c1", "plan", ["emotional_abuse"], "majority",
    )  # fmt: skip
    assert decision.dissents == []  # a minority view is not a dissent


async def test_overruling_the_conference_shows_no_minority(store: Store) -> None:
    """Every agency sees a child in need plan as enough and the chair keeps the child
    protection plan: the agencies are the conference, not a minority. Each may still have a
    formal dissent recorded (004)."""
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), dict.fromkeys(VOTERS, "child_in_need"))
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        editor.query_one("#outcome", Select).value = "plan"
        editor.query_one("#primary", Select).value = "emotional_abuse"
        editor.query_one("#rationale", Input).value = "Dad's bail ends next week"
        await pilot.pause()
        agencies = ["Children's social care", "Police", "Health", "Education",
                    "Voluntary sector"]  # fmt: skip
        notes = [str(x.content) for x in editor.query("#dissents Label")]
        assert notes == [
            f"{a}'s view, which the chair decided against: child in need plan." for a in agencies
        ]
        assert len(editor.query("#dissents Checkbox")) == 5  # each can still dissent
        editor.query_one("#dissent-on-police", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        shown = str(screen.query_one("#decisions").content)
        assert "Minority" not in shown
        assert "Police's view, which the chair decided against: child in need plan" in shown
        assert "Formal dissent, Police (DC Owen Pritchard): Worried still" in shown
    [decision] = conference(store).decisions
    assert (decision.outcome, decision.method) == ("plan", "chair_overrule")
    assert [d.attendee for d in decision.dissents] == ["pol"]


async def test_a_formal_dissent_is_recorded_only_when_the_chair_says_so(store: Store) -> None:
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {"sch": "child_in_need"})
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        editor.query_one("#primary", Select).value = "neglect"
        editor.query_one("#dissent-on-education", Checkbox).value = True  # the chair ticks it
        await pilot.pause()
        reason = editor.query_one("#dissent-education", Input)
        assert reason.display and reason.value == "Worried still"  # the agency's own reason
        reason.value = ""  # a formal dissent needs its reason: refused, the window stays
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is editor
        assert "1 formal dissent has no reason" in str(editor.query_one("#problems").content)
        reason.value = "School will take the plan to the dissent process"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        shown = str(screen.query_one("#decisions").content)
        assert "Formal dissent, Education (Rachel Doyle): School will take the plan" in shown
    [decision] = conference(store).decisions
    assert [(d.attendee, d.reason) for d in decision.dissents] == [
        ("sch", "School will take the plan to the dissent process")
    ]


async def test_the_decision_window_shows_a_divided_agency(store: Store) -> None:
    load_demo(store)
    # The health visitor and the midwife differ for Ruby: health is divided, not counted.
    give(Meeting(store, REF, "rcpc1"), {"mw": "child_in_need"})
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "decision")
        shown = str(screen.query_one("#decisions").content)
        assert (
            "Ruby (9): Unanimous: child protection plan (4 agencies); divided, not counted: Health"
        ) in shown
        assert "≠ Health is divided (Kerry Walsh CP plan; Grace Adeyemi CiN)" in shown
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        assert str(editor.query_one("#tally").content) == (
            "Unanimous: child protection plan (4 agencies); divided, not counted: Health"
        )
        divided = editor.query_one("#divided", Static)
        assert divided.display
        assert str(divided.content) == (
            "Health is divided (Kerry Walsh: child protection plan; Grace Adeyemi: child in "
            "need plan), so it is not counted: ask the agency to settle its view in the grid."
        )
        assert editor.query_one("#outcome", Select).value == "plan"
        assert list(editor.query("#dissents Checkbox")) == []  # a divided agency: no minority


async def test_a_split_needs_the_chairs_reasons(store: Store) -> None:
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {"sch": "child_in_need", "mw": "child_in_need",
                                        "ida": "no_further_action"})  # fmt: skip
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        assert editor.query_one("#outcome", Select).value is Select.NULL  # the views do not say
        editor.query_one("#outcome", Select).value = "plan"
        editor.query_one("#primary", Select).value = "neglect"
        await pilot.pause()
        assert "split" in str(editor.query_one("#method").content)
        # Two agencies for a plan to two against; health's two staff differ and do not count.
        assert str(editor.query_one("#tally").content).startswith("Split, 2 agencies to 2")
        assert "Health is divided" in str(editor.query_one("#divided").content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "reasons on a split are not recorded" in str(editor.query_one("#problems").content)
        editor.query_one("#rationale", Input).value = "The risk when bail ends is too high"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [decision] = conference(store).decisions
    assert decision.method == "chair_on_split"
    assert decision.rationale == "The risk when bail ends is too high"


async def test_ending_a_plan_with_key_actions_open_is_refused_and_says_which(store: Store) -> None:
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {k: "child_in_need" for k in VOTERS})
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        problems = str(editor.query_one("#problems").content)
        assert "The plan cannot end: 2 key safeguarding actions are not done" in problems
        assert "open: Keep meeting the IDVA weekly" in problems
        assert "first review needs one of the criteria" in problems
        assert editor.query_one("#ending-part").display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is editor
        assert str(editor.query_one("#refused").content) == (
            "Not recorded: The plan cannot end: 2 key safeguarding actions are not done. "
            "More at the end of the window."
        )
    assert conference(store).decisions == []


async def test_a_refused_decision_keeps_what_was_typed_in_the_window_and_after(
    store: Store,
) -> None:
    """Issue 10: refused for an open key action, the window keeps the criterion and the
    dissent typed there, with the reason in sight at 80x24; left to put the plan right, it
    gives them back when it is opened again, even after a restart."""
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {**{k: "child_in_need" for k in VOTERS}, "sch": "plan"})
    typed = "Worried still, and the school will take it to the dissent process"
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        await burst(pilot, "d")
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        editor.query_one("#criterion", Select).value = "moved_area"
        editor.query_one("#dissent-on-education", Checkbox).focus()
        await burst(pilot, "space", *", and the school")  # ticks it, then on into its reason
        reason = editor.query_one("#dissent-education", Input)
        assert editor.focused is reason
        assert reason.value == "Worried still, and the school"  # added to, not replaced
        reason.value = typed
        await burst(pilot, "ctrl+s")
        assert pilot.app.screen is editor  # refused: the window stays, everything in it
        assert editor.query_one("#criterion", Select).value == "moved_area"
        assert editor.query_one("#dissent-on-education", Checkbox).value
        assert reason.value == typed
        refused, keys = editor.query_one("#refused", Static), editor.query_one("#hint", Static)
        assert "Not recorded: The plan cannot end: 2 key safeguarding" in str(refused.content)
        for line in (refused, keys, reason):  # the reason, the keys and the field: all in sight
            assert editor.get_widget_at(line.region.x + 1, line.region.y)[0] is line
            assert line.region.bottom <= 24
        await burst(pilot, "escape")  # to the plan stage, to put the actions right
        assert pilot.app.screen is screen
        assert "Ruby's decision is kept as it was left: d opens it" in status(pilot)
        await burst(pilot, "d")
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        assert editor.query_one("#criterion", Select).value == "moved_area"
        assert editor.query_one("#dissent-education", Input).value == typed
    assert conference(store).decisions == []
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:  # the laptop restarted
        await in_meeting(pilot, "decision")
        await burst(pilot, "d")
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        assert editor.query_one("#criterion", Select).value == "moved_area"
        assert editor.query_one("#dissent-on-education", Checkbox).value
        assert editor.query_one("#dissent-education", Input).value == typed


async def test_a_refusal_by_the_store_keeps_the_window_open(store: Store) -> None:
    """Recorded through the window: if the store refuses (here the conference was concluded
    meanwhile, on another device), the window stays with what was typed and says why."""
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {"sch": "child_in_need"})
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot, "decision")
        await burst(pilot, "d")
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        editor.query_one("#primary", Select).value = "neglect"
        editor.query_one("#rationale", Input).value = "Dad's bail ends next week"
        Meeting(store, REF, "rcpc1").edit(edits.decisions.conclude)
        await burst(pilot, "ctrl+s")
        assert pilot.app.screen is editor
        assert editor.query_one("#rationale", Input).value == "Dad's bail ends next week"
        assert str(editor.query_one("#refused").content).startswith("Not recorded: ")
        assert "concluded" in str(editor.query_one("#refused").content)
    assert conference(store).decisions == []


async def test_the_decision_window_shows_every_part_at_80x24(store: Store) -> None:
    load_demo(store)
    give(Meeting(store, REF, "rcpc1"), {"sch": "child_in_need"})
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await in_meeting(pilot, "decision")
        await pilot.press("d")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, DecisionEditor)
        plan_part = editor.query_one("#plan-part").virtual_region
        for part in ("#primary", "#others"):  # not cut off by the part that holds them
            inner = editor.query_one(part).virtual_region.translate(plan_part.offset)
            assert plan_part.contains_region(inner), part
