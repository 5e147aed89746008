"""The caseload: listing, filtering, sorting, new / open / delete / import / export."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable, Input

from cpchair.app import CpchairApp
from cpchair.caseio import dump_case
from cpchair.demo import demo_case
from cpchair.screens.case_file import CaseFileScreen
from cpchair.screens.caseload import PAGE, CaseloadScreen
from cpchair.store import Store
from cpchair.widgets.confirm import ConfirmModal
from cpchair.widgets.new_case import NewCaseModal
from cpchair.widgets.prompt import PromptModal
from tests.ui.helpers import DAY, enter_text, rows, settle, toasts


def app_with(store: Store, *families: str) -> CpchairApp:
    store.import_case(demo_case(DAY))
    for i, family in enumerate(families, start=1):
        store.create_case(f"T-{i:03d}", family)
        store.add_child(f"T-{i:03d}", first_name=f"Kid{i}", last_name=family,
                        date_of_birth=DAY.replace(year=2019), subject=True)  # fmt: skip
    return CpchairApp(store, today=DAY)


async def test_rows_show_the_next_conference_and_what_needs_attention(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [row] = rows(app, "#cases")
        assert row[:4] == ["DEMO-0001", "Hadley", "RCPC 26 Nov (today)", "reports late"]
        assert row[4].startswith("Ruby 9, Mia 2, Baby (unborn)")


async def test_filter_narrows_as_you_type_and_escape_clears(store: Store) -> None:
    app = app_with(store, "Ashworth", "Brennan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#filter", Input)
        for text, expected in [("ruby", ["DEMO-0001"]), ("BREN", ["T-002"]), ("kid1", ["T-001"]),
                               ("t-00", ["T-001", "T-002"])]:  # fmt: skip
            box.value = text
            await settle(pilot)
            assert [r[0] for r in rows(app, "#cases")] == expected, text
        box.value = "nobody at all"
        await settle(pilot)
        assert rows(app, "#cases") == []
        assert "No case matches" in str(app.screen.query_one("#empty").render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(rows(app, "#cases")) == 3


async def test_sort_cycles_through_next_reference_family(store: Store) -> None:
    app = app_with(store, "Zeal", "Abbot")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app, "#cases")[0][0] == "DEMO-0001"  # the only one booked
        await pilot.press("s")
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["DEMO-0001", "T-001", "T-002"]
        await pilot.press("s")
        await settle(pilot)
        assert [r[1] for r in rows(app, "#cases")] == ["Abbot", "Hadley", "Zeal"]
        assert "family name" in str(app.screen.query_one("#count").render())


async def test_new_case_is_created_and_opened(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        modal = app.screen
        assert isinstance(modal, NewCaseModal)
        modal.query_one("#reference", Input).value = "DEMO-0001"  # already held
        await enter_text(pilot, modal.query_one("#family", Input), "Okafor")
        assert app.screen is modal
        assert "already held" in str(modal.query_one("#error").render())
        assert modal.query_one("#family", Input).value == "Okafor"  # nothing typed is lost
        modal.query_one("#reference", Input).value = "NEW-7"
        await enter_text(pilot, modal.query_one("#family", Input), "Okafor")
        assert isinstance(app.screen, CaseFileScreen) and app.screen.reference == "NEW-7"
        assert "Case NEW-7 created." in toasts(app)
        assert store.load_case("NEW-7").family_name == "Okafor"  # type: ignore[union-attr]


async def test_delete_asks_first(store: Store) -> None:
    app = app_with(store, "Ashworth")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert store.has_case("DEMO-0001")
        await pilot.press("d", "escape")
        await settle(pilot)
        assert store.has_case("DEMO-0001")
        await pilot.press("d", "y")
        await settle(pilot)
        assert not store.has_case("DEMO-0001")
        assert [r[0] for r in rows(app, "#cases")] == ["T-001"]
        assert "Case DEMO-0001 deleted." in toasts(app)


async def test_export_then_import_from_the_screen(store: Store, tmp_path: Path) -> None:
    app = app_with(store)
    out = tmp_path / "case.json"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, PromptModal)
        await enter_text(pilot, app.screen.query_one(Input), str(out))
        assert f"Case DEMO-0001 written to {out}." in toasts(app)
        assert json.loads(out.read_text("utf-8"))["reference"] == "DEMO-0001"

        # the same file again: it is already held, so the chair is asked before replacing
        await pilot.press("i")
        await enter_text(pilot, app.screen.query_one(Input), str(out))
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert "Case DEMO-0001 replaced." in toasts(app)


async def test_a_refused_file_changes_nothing_and_says_where(store: Store, tmp_path: Path) -> None:
    app = app_with(store)
    doc = json.loads(dump_case(demo_case(DAY)))
    doc["reference"] = "OTHER-1"
    doc["conferences"][0]["scaling"]["scores"][0]["score"] = 12
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await enter_text(pilot, app.screen.query_one(Input), str(bad))
        [message] = [t for t in toasts(app) if "refused" in t]
        assert "conferences[0].scaling.scores[0].score: 12 is not between 0 and 10" in message
        assert not store.has_case("OTHER-1")
        await pilot.press("i")
        await enter_text(pilot, app.screen.query_one(Input), str(tmp_path / "missing.json"))
        assert any(t.startswith("Cannot read missing.json") for t in toasts(app))


async def test_open_with_enter_and_back_with_escape(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_long_caseloads_load_a_page_at_a_time(store: Store) -> None:
    app = app_with(store, *[f"Family{i:03d}" for i in range(120)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert table.row_count == PAGE
        assert f"{PAGE} of 121" in str(app.screen.query_one("#count").render())
        while table.row_count < 121:
            loaded = table.row_count
            table.move_cursor(row=loaded - 1)
            await settle(pilot)
            assert table.row_count == min(loaded + PAGE, 121)
        assert "121 · by" in str(app.screen.query_one("#count").render())


async def test_palette_offers_the_case_commands(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("case: New", "case: Open", "case: Import", "case: Export",
                      "conference: Schedule"):  # fmt: skip
            assert title in titles
        open_command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "case: Open"
        )
        open_command.callback()
        await settle(pilot)
        await enter_text(pilot, app.screen.query_one(Input), "NOPE")
        assert "No case has that reference." in str(app.screen.query_one("#error").render())
        await enter_text(pilot, app.screen.query_one(Input), "DEMO-0001")
        assert isinstance(app.screen, CaseFileScreen)


async def test_help_lists_the_keys_of_the_screen(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = str(app.screen.query_one("#keys").render())
        for words in ("New", "Delete", "Import", "Export", "Sort", "Filter"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_palette_schedule_opens_the_schedule_for_the_highlighted_case(store: Store) -> None:
    from cpchair.widgets.schedule import ScheduleModal

    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        schedule = next(
            c for c in app.get_system_commands(app.screen) if c.title == "conference: Schedule"
        )
        schedule.callback()
        await settle(pilot)
        assert isinstance(app.screen, ScheduleModal)
        assert isinstance(app.screen_stack[-2], CaseFileScreen)
