"""The caseload: listing, filtering, sorting, new / open / delete / import / export."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from cpchair.app import CpchairApp
from cpchair.caseio import dump_case
from cpchair.demo import demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.new_case import NewCaseModal
from cpchair.dialogs.prompt import PromptModal
from cpchair.screens.case_file import CaseFileScreen
from cpchair.screens.caseload import PAGE, CaseloadScreen
from cpchair.store import Store
from tests.ui.helpers import DAY, burst, enter_text, rows, send_keys, settle, toasts


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
        assert row == ["DEMO-0001", "Hadley", "RCPC 26 Nov (today)", "reports late"]
        assert str(app.screen.query_one("#detail").render()) == (
            "DEMO-0001 Hadley · children: Ruby 9, Mia 2, Baby (unborn), Tyler 13"
        )


def overdue(store: Store, reference: str = "OVR-0001", days: int = 40) -> None:
    """The demo household as it would be had its review, `days` ago, never been held."""
    doc = demo_case(DAY - dt.timedelta(days=days))
    store.import_case(doc.model_copy(update={"reference": reference, "family_name": "Ashworth"}))


async def test_every_flag_reads_whole_at_80_columns(store: Store) -> None:
    app = app_with(store)
    overdue(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        flags = str(table.get_cell("OVR-0001", "needs attention"))
        assert flags.splitlines() == ["review overdue", "reports late"]  # a line each
        # Every column ends inside the screen: nothing is cut at the right edge.
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        table.move_cursor(row=table.get_row_index("OVR-0001"))
        await pilot.pause()
        assert "OVR-0001 Ashworth · children: Ruby" in str(app.screen.query_one("#detail").render())


async def test_an_overdue_review_sorts_first_by_next_conference(store: Store) -> None:
    app = app_with(store, "Booked")
    store.add_conference("T-001", kind="initial", date=DAY + dt.timedelta(days=2), chair="C")
    overdue(store)
    store.remove_conference("OVR-0001", "rcpc1")  # nothing booked: it used to sort last
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["OVR-0001", "DEMO-0001", "T-001"]


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


async def test_a_name_typed_at_the_list_goes_to_the_filter(store: Store) -> None:
    """Its letters are commands (d deletes, s sorts, n starts a new case): a name typed at
    speed runs none of them and filters instead."""
    app = app_with(store, "Ashworth", "Brennan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert app.focused is table
        await burst(pilot, *"Brennan")
        box = app.screen.query_one("#filter", Input)
        assert app.focused is box and box.value == "Brennan"
        assert isinstance(app.screen, CaseloadScreen)
        assert [r[0] for r in rows(app, "#cases")] == ["T-002"]


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
        assert "already held" in str(modal.query_one("#reference-error").render())
        assert modal.query_one("#family", Input).value == "Okafor"  # nothing typed is lost
        modal.query_one("#reference", Input).value = "NEW-7"
        await pilot.pause()
        assert not modal.query_one("#reference-error").display  # changed: the error went
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
        # The prompt comes back with the path kept and the reason under it.
        prompt = app.screen
        assert isinstance(prompt, PromptModal)
        assert prompt.query_one(Input).value == str(bad)
        message = str(prompt.query_one("#error").render())
        assert "bad.json was refused; nothing changed." in message
        assert "conferences[0].scaling.scores[0].score: 12 is not between 0 and 10" in message
        assert not store.has_case("OTHER-1")
        # A path that is not there is refused before the prompt closes, and kept to correct.
        missing = str(tmp_path / "missing.json")
        await enter_text(pilot, prompt.query_one(Input), missing)
        assert app.screen is prompt and prompt.query_one(Input).value == missing
        assert "There is no file at that path." in str(prompt.query_one("#error").render())
        await enter_text(pilot, prompt.query_one(Input), str(tmp_path))
        assert "That is a folder" in str(prompt.query_one("#error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_export_asks_before_replacing_a_file_and_keeps_a_bad_path(
    store: Store, tmp_path: Path
) -> None:
    app = app_with(store)
    out = tmp_path / "case.json"
    out.write_text("the chair's other file", "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        prompt = app.screen
        nowhere = str(tmp_path / "no such folder" / "case.json")
        await enter_text(pilot, prompt.query_one(Input), nowhere)
        assert app.screen is prompt and prompt.query_one(Input).value == nowhere
        assert f"There is no folder {tmp_path}/no such folder." in str(
            prompt.query_one("#error").render()
        )

        await enter_text(pilot, prompt.query_one(Input), str(out))
        ask = app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Replace case.json?"
        await pilot.press("n")  # back to the path, to change it
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        assert app.screen.query_one(Input).value == str(out)
        assert out.read_text("utf-8") == "the chair's other file"

        await enter_text(pilot, app.screen.query_one(Input), str(out))
        await pilot.press("y")
        await settle(pilot)
        assert json.loads(out.read_text("utf-8"))["reference"] == "DEMO-0001"
        assert f"Case DEMO-0001 written to {out}." in toasts(app)


async def test_export_refuses_what_is_not_an_ordinary_file_and_asks_before_a_link(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The prompt checks the path as `export -o` does; a link is asked about, then replaced
    itself, never written through."""
    import os

    app = app_with(store)
    os.mkfifo(tmp_path / "pipe")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(  # (as root, a folder without write permission is still writable)
        os, "access", lambda p, mode, **kw: Path(p) != locked and real_access(p, mode, **kw)
    )
    victim = tmp_path / "theirs.json"
    victim.write_text("theirs", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        prompt = app.screen
        assert isinstance(prompt, PromptModal)
        for typed, said in [
            (str(tmp_path), f"{tmp_path} is a folder: add a file name, such as case.json."),
            (str(tmp_path / "pipe"), "is a named pipe (FIFO), not an ordinary file;"),
            ("/dev/null", "/dev/null is a device, not an ordinary file;"),
            (str(locked / "case.json"), f"You are not allowed to write in the folder {locked}."),
            (str(tmp_path / "new") + "/", "names a folder: add a file name"),
        ]:
            await enter_text(pilot, prompt.query_one(Input), typed)
            assert app.screen is prompt and prompt.query_one(Input).value == typed
            assert said in str(prompt.query_one("#error").render())
        await enter_text(pilot, prompt.query_one(Input), str(link))
        ask = app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Replace link.json?"
        assert ask.detail.startswith(f"There is a link at {link}. The link itself is replaced")
        await pilot.press("y")
        await settle(pilot)
    assert not link.is_symlink() and json.loads(link.read_text("utf-8"))["reference"] == (
        "DEMO-0001"
    )
    assert victim.read_text("utf-8") == "theirs" and (tmp_path / "pipe").is_fifo()
    assert os.listdir(locked) == []


async def test_a_failed_write_brings_the_prompt_back_with_the_path(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cpchair.fileio

    def full_disk(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cpchair.fileio, "write_private", full_disk)
    app = app_with(store)
    out = str(tmp_path / "case.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await enter_text(pilot, app.screen.query_one(Input), out)
        prompt = app.screen
        assert isinstance(prompt, PromptModal) and prompt.query_one(Input).value == out
        assert "Cannot write case.json: No space left on device." in str(
            prompt.query_one("#error").render()
        )


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
        await enter_text(pilot, app.screen.query_one(Input), "demo-0001")  # any capitals
        assert isinstance(app.screen, CaseFileScreen) and app.screen.reference == "DEMO-0001"


async def test_the_palette_has_no_screenshot_command(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles  # it would save a picture of case data to disk
        assert "Quit" in titles and "case: Open" in titles  # the rest are still there


async def test_help_lists_the_keys_of_the_screen(store: Store) -> None:
    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = str(app.screen.query_one("#keys").render())
        for words in ("New", "Open", "Delete", "Import", "Export", "Sort", "Filter"):
            assert words in text
        # The screen's own keys first, the table's cursor keys after them.
        assert text.index("This screen") < text.index("Sort") < text.index("Cursor down")
        shown = str(app.screen.query_one("#database").render())
        assert shown == f"Database: {store.path}"  # a stray CPCHAIR_DB never goes unseen
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_help_works_in_the_schedule_and_new_case_windows(store: Store) -> None:
    from cpchair.dialogs.schedule import ScheduleModal

    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "f1")
        await settle(pilot)
        text = str(app.screen.query_one("#keys").render())
        assert "^s" in text and "Create" in text and "Cancel" in text
        await pilot.press("escape", "escape")
        await settle(pilot)
        app.push_screen(ScheduleModal("DEMO-0001", store, DAY))
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = str(app.screen.query_one("#keys").render())
        assert text.index("This window") < text.index("Create") < text.index("Anywhere")
        await pilot.press("escape")
        assert isinstance(app.screen, ScheduleModal)


async def test_palette_schedule_opens_the_schedule_for_the_highlighted_case(store: Store) -> None:
    from cpchair.dialogs.schedule import ScheduleModal

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


async def test_a_name_longer_than_a_screen_is_cut_in_the_list(store: Store) -> None:
    from sqlalchemy import text

    app = app_with(store)
    with store.writing() as s:  # held from before the importer's limits: 1 MB in one name
        s.execute(text('UPDATE "case" SET family_name = :n'), {"n": "N" * 1_000_000})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [row] = rows(app, "#cases")
        assert row[1] == "N" * 199 + "…"
        assert len(str(app.screen.query_one("#detail").render())) < 700


async def test_a_filter_and_enter_typed_at_speed_open_the_case_it_found(store: Store) -> None:
    """Enter waits for the page the filter asked for: the case opened is the one found, not
    the one highlighted before the filter's rows came."""
    app = app_with(store, "Ashworth", "Brennan")
    read = store.caseload_page

    def slow_read(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)  # a big caseload on a busy machine
        return read(*args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        store.caseload_page = slow_read  # type: ignore[method-assign]
        await burst(pilot, "slash", *"Brennan", "enter", "enter")
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.reference == "T-002"


async def test_a_slow_page_for_an_older_filter_never_replaces_a_newer_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key reads its page in a thread of its own; one that finishes late is dropped."""
    import asyncio
    import time

    app = app_with(store, "Ashworth", "Brennan")
    read = store.caseload_page

    def slow_for_ruby(text: str, *args: object) -> object:
        page = read(text, *args)  # type: ignore[arg-type]
        if text == "ruby":
            time.sleep(0.3)  # a busy machine, a slow disk: it comes back after the next key's
        return page

    monkeypatch.setattr(store, "caseload_page", slow_for_ruby)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#filter", Input)
        box.value = "ruby"
        await pilot.pause()
        box.value = "bren"
        await settle(pilot)
        await asyncio.sleep(0.5)  # the page for "ruby" is back by now
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["T-002"]
        assert str(app.screen.query_one("#count").render()).startswith("1 · by")


async def test_the_end_of_the_list_reached_while_a_new_filter_reads_waits_for_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A further page is of the filter shown; one typed since has its own first page coming."""
    import asyncio
    import time

    app = app_with(store, *[f"Family{i:03d}" for i in range(120)])
    read = store.caseload_page

    def slow_for_new(text: str, *args: object) -> object:
        page = read(text, *args)  # type: ignore[arg-type]
        if text == "family1":
            time.sleep(0.3)
        return page

    monkeypatch.setattr(store, "caseload_page", slow_for_new)
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.screen.query_one("#filter", Input)
        box.value = "family0"
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert table.row_count == PAGE
        box.value = "family1"
        await pilot.pause()
        table.move_cursor(row=PAGE - 1)  # the last row of "family0"'s first page
        await asyncio.sleep(0.5)
        await settle(pilot)
        assert [r[1] for r in rows(app, "#cases")] == [f"Family{i}" for i in range(100, 120)]


async def test_a_row_is_as_tall_as_its_flags_and_shows_each_whole(store: Store) -> None:
    app = app_with(store, "Ashworth")  # T-001: nothing booked, nothing flagged
    overdue(store, days=90)  # the review never held, and the baby since born: three flags
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        heights = {key.value: row.height for key, row in table.rows.items()}
        assert heights == {"OVR-0001": 3, "DEMO-0001": 1, "T-001": 1}
        lines = [table.render_line(y).text for y in range(table.size.height)]
        at = next(n for n, line in enumerate(lines) if "OVR-0001" in line)
        assert [line.rstrip().split("  ")[-1].strip() for line in lines[at : at + 3]] == [
            "review overdue", "reports late", "record the birth",
        ]  # fmt: skip
        assert "DEMO-0001" in lines[at + 3] and "reports late" in lines[at + 3]
        assert "T-001" in lines[at + 4]


async def test_the_same_page_again_leaves_the_table_as_it_was(store: Store) -> None:
    """A space typed after a word finds the same cases: the cursor stays where it was."""
    app = app_with(store, "Ashworth", "Brennan")
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.screen.query_one("#filter", Input)
        box.value = "t-00"
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        table.move_cursor(row=1)
        await settle(pilot)
        box.value = "t-00 "
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["T-001", "T-002"]
        assert table.cursor_row == 1
        assert "T-002 Brennan" in str(app.screen.query_one("#detail").render())


async def test_letters_typed_into_the_filter_never_wait_for_a_page(store: Store) -> None:
    """Each letter asks for a page; the next letter goes into the box at once, not after it."""
    app = app_with(store, "Ashworth", "Brennan")
    read = store.caseload_page

    def slow_read(text: str, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return read(text, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        store.caseload_page = slow_read  # type: ignore[method-assign]
        await pilot.press("slash")
        send_keys(pilot, *"bren")
        box = app.screen.query_one("#filter", Input)
        for _ in range(20):
            await pilot.pause(0.01)
            if box.value == "bren":
                break
        assert box.value == "bren"  # within 0.2 s: the letters outran the reads of 0.3 s
        await settle(pilot)
        assert [r[0] for r in rows(app, "#cases")] == ["T-002"]


def month_line(app: CpchairApp) -> str:
    from cpchair.widgets.month_line import MonthLine

    line = app.screen.query_one(MonthLine)
    return str(line.render()) if line.display else ""


async def test_the_month_shows_at_the_top_and_follows_a_change(store: Store) -> None:
    """Counts across the whole caseload, never a name; a case changed elsewhere moves them."""
    from tests.ui.test_outside_changes import until

    app = app_with(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert month_line(app) == (
            "This week: 1 conference · This month: 1 conference\n"
            "Overdue: late reports for 1 conference"
        )
        assert "Hadley" not in month_line(app)
        overdue(Store(store.path))  # another window: a household whose review was never held
        await until(pilot, lambda: "Overdue: 1 review" in month_line(app))
        assert month_line(app) == (
            "This week: 1 conference · This month: 1 conference\n"
            "Overdue: 1 review, late reports for 2 conferences"
        )
        assert "Ashworth" not in month_line(app)
