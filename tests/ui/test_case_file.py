"""The case file: details, children and family members edited in place, saved as they go."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, TabbedContent

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.screens.case_file import CaseFileScreen
from cpchair.store import Store
from cpchair.widgets.confirm import ConfirmModal
from cpchair.widgets.fields import TextField
from cpchair.widgets.record_editor import RecordEditor
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
        assert "Another case already has reference OTHER-1." in str(
            reference.query_one(".field-error").render()
        )
        assert reference.input.value == "OTHER-1"  # kept, to correct
        assert store.has_case("DEMO-0001")
        await enter_text(pilot, reference.input, "DEMO-0002")
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
        await enter_text(pilot, field(editor, "Date of birth").input, "20/2/2027")
        baby = store.load_case("DEMO-0001").children[2]  # type: ignore[union-attr]
        assert baby.date_of_birth is not None and baby.expected_birth_date is None


async def test_remove_a_child_says_what_goes_with_them(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "children")
        screen.query_one("#children-table", DataTable).focus()
        await pilot.press("x")
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert "votes" in modal.detail and "decision" in modal.detail
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
        editor.query(Checkbox).last().value = True  # contact details confidential
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
