"""The case file: details, children and family members edited in place, saved as they go."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, TabbedContent, Tabs

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.case_file import CaseFileScreen
from cpchair.store import Store
from cpchair.widgets.fields import TextField
from tests.ui.helpers import DAY, enter_text, rows, settle


def field(screen, label: str) -> TextField:  # type: ignore[no-untyped-def]
    return next(f for f in screen.query(TextField) if f.label == label)


async def open_case(pilot, tab: str = "details") -> CaseFileScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.push_screen(CaseFileScreen("DEMO-0001"))
    await settle(pilot)
    app.screen.query_one("#tabs", TabbedContent).active = tab
    await settle(pilot)
    return app.screen


def app_for(store: Store) -> CpchairApp:
    store.import_case(demo_case(DAY))
    return CpchairApp(store, today=DAY)


async def test_details_save_when_left_and_refusals_keep_the_text(store: Store) -> None:
    store.create_case("OTHER-1", "Other")
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        family = field(screen, "Family name")
        family.input.focus()
        family.input.value = "Hadley-Carver"
        field(screen, "Team").input.focus()  # leaving the field saves it
        await settle(pilot)
        assert store.load_case("DEMO-0001").family_name == "Hadley-Carver"  # type: ignore[union-attr]
        assert "Saved: family name." in str(screen.query_one("#status").render())

        reference = field(screen, "Reference")
        await enter_text(pilot, reference.input, "OTHER-1")
        assert isinstance(app.screen, ConfirmModal)  # the council's number: asked first
        await pilot.press("y")
        await settle(pilot)
        assert "Another case already has reference OTHER-1." in str(
            reference.query_one(".field-error").render()
        )
        assert reference.input.value == "OTHER-1"  # kept, to correct
        assert store.has_case("DEMO-0001")
        await enter_text(pilot, reference.input, "DEMO-0002")
        await pilot.press("y")
        await settle(pilot)
        assert store.has_case("DEMO-0002") and screen.reference == "DEMO-0002"

        await enter_text(pilot, family.input, "   ")
        assert "cannot be empty" in str(family.query_one(".field-error").render())
        assert store.load_case("DEMO-0002").family_name == "Hadley-Carver"  # type: ignore[union-attr]


async def test_add_a_child_from_a_draft_then_edit_it(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "children")
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, RecordEditor) and editor.key is None
        await enter_text(pilot, field(editor, "First name").input, "Noah")
        assert editor.key is None  # not enough yet: still a draft, nothing written
        assert len(store.load_case("DEMO-0001").children) == 4  # type: ignore[union-attr]
        await enter_text(pilot, field(editor, "Date of birth").input, "31/2/2022")
        assert "no such date" in str(
            field(editor, "Date of birth").query_one(".field-error").render()
        )
        await enter_text(pilot, field(editor, "Date of birth").input, "3/3/2022")
        assert editor.key == "c5"
        await enter_text(pilot, field(editor, "Last name").input, "Carver")
        await pilot.press("escape")
        await settle(pilot)
        child = store.load_case("DEMO-0001").children[-1]  # type: ignore[union-attr]
        born = child.date_of_birth.isoformat()  # type: ignore[union-attr]
        assert (child.first_name, child.last_name, born, child.subject) == (
            "Noah", "Carver", "2022-03-03", True,
        )  # fmt: skip
        assert rows(app, "#children-table")[-1][0] == "Noah Carver"


async def test_the_unborn_child_is_born(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "children")
        table = screen.query_one("#children-table", DataTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("enter")
        editor = app.screen
        born = field(editor, "Date of birth")
        await enter_text(pilot, born.input, "20/2/2099")  # not yet: refused, and kept to fix
        assert (
            "A date of birth cannot be in the future; for an unborn child give the "
            "expected birth date." in str(born.query_one(".field-error").render())
        )
        assert born.input.value == "20/2/2099"
        assert store.load_case("DEMO-0001").children[2].date_of_birth is None  # type: ignore[union-attr]
        await enter_text(pilot, born.input, "20/11/2026")
        baby = store.load_case("DEMO-0001").children[2]  # type: ignore[union-attr]
        assert baby.date_of_birth is not None and baby.expected_birth_date is None


async def test_an_unborn_child_is_added_without_a_first_name(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "children")
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, RecordEditor)
        await enter_text(pilot, field(editor, "Expected birth date").input, "1/5/2027")
        assert editor.key == "c5"  # no name needed before the birth
        born = field(editor, "Date of birth")
        await enter_text(pilot, born.input, "20/11/2026")  # born, still without a name
        assert "needs a first name" in str(born.query_one(".field-error").render())
        await pilot.press("escape")  # the refused birth date: asked first, then let go
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        child = store.load_case("DEMO-0001").children[-1]  # type: ignore[union-attr]
        assert (child.first_name, child.date_of_birth) == ("", None)
        assert rows(app, "#children-table")[-1][0] == "Unborn baby Hadley"


async def test_remove_a_child_says_what_goes_with_them(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "children")
        screen.query_one("#children-table", DataTable).focus()
        await pilot.press("x")
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert modal.detail == "Also removed: 1 view, 7 votes, 1 decision."
        await pilot.press("n")
        await settle(pilot)
        assert len(store.load_case("DEMO-0001").children) == 4  # type: ignore[union-attr]
        await pilot.press("x", "y")
        await settle(pilot)
        assert [c.first_name for c in store.load_case("DEMO-0001").children] == [  # type: ignore[union-attr]
            "Mia", "Baby", "Tyler",
        ]  # fmt: skip


async def test_family_and_network(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "people")
        await pilot.press("a")
        editor = app.screen
        await enter_text(pilot, field(editor, "Name").input, "Dee Hadley")
        await enter_text(pilot, field(editor, "Relationship").input, "maternal aunt")
        box = next(c for c in editor.query(Checkbox) if "confidential" in str(c.label))
        box.value = True  # contact details confidential
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        person = store.load_case("DEMO-0001").people[-1]  # type: ignore[union-attr]
        assert (person.name, person.relationship, person.contact_confidential) == (
            "Dee Hadley", "maternal aunt", True,
        )  # fmt: skip
        assert rows(app, "#people-table")[-1] == ["Dee Hadley", "maternal aunt", "no", "yes"]
        assert screen is app.screen


async def test_conferences_are_listed_oldest_first(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "conferences")
        assert [r[1:3] for r in rows(app, "#conferences-table")] == [
            ["Initial", "Concluded"], ["Review", "Prepared"],
        ]  # fmt: skip


async def test_changing_the_reference_asks_first_and_no_puts_it_back(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        reference = field(screen, "Reference")
        reference.input.focus()
        await pilot.press("end", "9")  # a stray key in the reference
        await pilot.press("tab")  # leaving the field would save it: it asks instead
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert modal.question == "Change this case's reference from DEMO-0001 to DEMO-00019?"
        await pilot.press("n")
        await settle(pilot)
        assert reference.input.value == "DEMO-0001"  # put back as it was
        assert store.has_case("DEMO-0001") and not store.has_case("DEMO-00019")
        assert screen.reference == "DEMO-0001"


async def test_tab_into_a_field_does_not_select_its_text(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        field(screen, "Lead social worker").input.focus()
        await pilot.press("tab", "x")  # into Team, then a key: added, not a replacement
        assert field(screen, "Team").input.value == "Family Safeguarding Team (North)x"


async def test_ctrl_q_saves_the_field_being_typed_in(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        team = field(screen, "Team").input
        team.focus()
        team.value = ""
        await pilot.press(*"North Team")  # typed, not yet left
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert store.load_case("DEMO-0001").lead_social_worker.team == "North Team"  # type: ignore[union-attr]


async def test_ctrl_q_asks_when_what_is_typed_cannot_be_saved(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        family = field(screen, "Family name").input
        family.focus()
        family.value = "  "  # cannot be saved: the family name is needed
        await pilot.press("ctrl+q")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert "Family name: The family name cannot be empty." in modal.detail
        await pilot.press("n")  # back to put it right, with the text as it was
        await pilot.pause()
        assert app.screen is screen and family.value == "  "
        await pilot.press("ctrl+q", "ctrl+q")  # asked again; Ctrl+Q again quits
        await pilot.pause()
    assert app.return_code == 0
    assert store.load_case("DEMO-0001").family_name == "Hadley"  # type: ignore[union-attr]


async def test_escape_on_an_unfinished_child_asks_before_discarding(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "children")
        await pilot.press("a", "escape")  # nothing typed: closes at once
        await settle(pilot)
        assert isinstance(app.screen, CaseFileScreen)

        await pilot.press("a")
        editor = app.screen
        await enter_text(pilot, field(editor, "First name").input, "Noah")
        born = field(editor, "Date of birth").input
        born.focus()
        born.value = "31/2/2022"  # no such date, and still being typed
        await pilot.press("escape")
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Discard this unfinished child?"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor  # back, with everything as it was typed
        assert field(editor, "First name").input.value == "Noah" and born.value == "31/2/2022"
        await pilot.press("escape", "escape")  # Escape answers no: still not discarded
        await settle(pilot)
        assert app.screen is editor

        await pilot.press("ctrl+q")  # quitting asks too, even from inside the editor
        await settle(pilot)
        assert "The unfinished child (not added yet)." in app.screen.detail  # type: ignore[attr-defined]
        await pilot.press("n")
        await settle(pilot)

        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert len(store.load_case("DEMO-0001").children) == 4  # type: ignore[union-attr]


async def test_down_or_enter_on_the_tab_bar_goes_into_the_tab(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        screen.query_one(Tabs).focus()
        await pilot.press("right")  # the Children tab: the tab bar keeps the focus...
        await settle(pilot)
        assert screen.query_one("#tabs", TabbedContent).active == "children"
        await pilot.press("down")  # ...and Down goes into its table
        assert app.focused is screen.query_one("#children-table", DataTable)
        await pilot.press("enter")  # where Enter edits, as the hint says
        await settle(pilot)
        assert isinstance(app.screen, RecordEditor) and app.screen.key == "c1"
        await pilot.press("escape")
        await settle(pilot)
        screen.query_one(Tabs).focus()
        await pilot.press("left", "enter")  # Details: Enter goes to its first field
        assert app.focused is field(screen, "Reference").input


async def test_f1_lists_the_keys_of_the_window_in_front(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "children")
        await pilot.press("a", "f1")  # in the child editor, a modal
        await settle(pilot)
        help_text = str(app.screen.query_one("#keys").render())
        assert "This window" in help_text and "Close" in help_text
        assert app.screen.title_text == "Add a child"  # type: ignore[attr-defined]
        await pilot.press("f1")  # F1 again closes the help
        await settle(pilot)
        assert isinstance(app.screen, RecordEditor)


async def test_escape_with_a_new_reference_typed_asks_before_leaving(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        reference = field(screen, "Reference").input
        reference.focus()
        await pilot.press("end", "backspace", "2")  # a correction: DEMO-0002
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CaseFileScreen)  # asked, saved, and left
        assert store.has_case("DEMO-0002") and not store.has_case("DEMO-0001")


async def test_the_scaling_tab_keeps_a_round_still_written_down_hidden(store: Store) -> None:
    """Another seat opening the case file mid-round sees the chair's grading alone for that
    conference, as the scaling stage shows it, until the scores are revealed."""
    from textual.widgets import Static

    from cpchair.store import edits
    from cpchair.store.meeting import Meeting

    store.import_case(demo_case(DAY))
    review = Meeting(store, "DEMO-0001", "rcpc1")
    review.edit(edits.scaling.set_independent, True)
    review.edit(edits.scaling.set_score, "sw", 2)
    review.edit(edits.scaling.set_score, "hv", 9)
    assert store.unrevealed("DEMO-0001") == "rcpc1"
    async with CpchairApp(store, today=DAY).run_test(size=(100, 30)) as pilot:
        pilot.app.push_screen(CaseFileScreen("DEMO-0001"))
        await settle(pilot)
        pilot.app.screen.query_one("#tabs", TabbedContent).active = "trend"
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        chart = str(pilot.app.screen.query_one("#trend-chart", Static).content)
        today = next(line for line in chart.splitlines() if "26 Nov 2026" in line)
        assert today.rstrip().endswith("hidden") and "H" not in today.split("review")[1]
    review.edit(edits.scaling.reveal_scores)
    assert store.unrevealed("DEMO-0001") is None
