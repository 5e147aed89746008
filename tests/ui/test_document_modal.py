"""The document window names each copy by its place, never by its key: a family member whose
key happens to be "full" gets their own copy, never the professionals' full one."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Select, Static

from cpchair.dialogs.document import FULL, LETTER_NEEDS_ONE, DocumentChoice, DocumentModal


class Harness(App[None]):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.chosen: list[DocumentChoice | None] = []

    def on_mount(self) -> None:
        modal = DocumentModal(
            self.folder,
            lambda kind, who, fmt: f"{kind}-{who or 'all'}.{fmt}",
            copies=[("Fay Full", "full"), ("Sam Other", "sam")],
            draft=False,
        )
        self.push_screen(modal, self.chosen.append)


async def test_a_family_member_keyed_full_gets_their_own_copy(tmp_path: Path) -> None:
    app = Harness(tmp_path)
    async with app.run_test() as pilot:
        modal = app.screen
        assert isinstance(modal, DocumentModal)
        copy = modal.query_one("#copy", Select)
        assert copy.value == FULL  # the full copy comes first
        copy.value = modal.keys.index("full")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [choice] = app.chosen
    assert choice is not None
    assert (choice.recipient, choice.path.name) == ("full", "outline-full.docx")


async def test_the_full_copy_has_no_recipient(tmp_path: Path) -> None:
    app = Harness(tmp_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    [choice] = app.chosen
    assert choice is not None
    assert (choice.recipient, choice.path.name) == (None, "outline-all.docx")


async def test_a_path_is_checked_and_a_file_there_replaced_only_after_a_yes(
    tmp_path: Path,
) -> None:
    """As the export's prompt: nothing but an ordinary file is written to, and a file or a
    link already there is asked about first."""
    import os

    from textual.widgets import Input, Static

    from cpchair.dialogs.confirm import ConfirmModal

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "outline.docx").write_text("last week's")
    app = Harness(tmp_path)
    async with app.run_test() as pilot:
        modal = app.screen
        assert isinstance(modal, DocumentModal)
        box = modal.query_one("#path", Input)
        box.value = str(tmp_path / "pipe")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal and app.chosen == []
        assert "named pipe (FIFO), not an ordinary file" in str(
            modal.query_one("#error", Static).content
        )
        box.value = str(tmp_path / "outline.docx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        ask = app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Replace outline.docx?"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is modal and app.chosen == []  # still choosing
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    [choice] = app.chosen
    assert choice is not None and choice.path == tmp_path / "outline.docx"


async def test_a_letter_is_for_one_person(tmp_path: Path) -> None:
    app = Harness(tmp_path)
    async with app.run_test() as pilot:
        modal = app.screen
        assert isinstance(modal, DocumentModal)
        modal.query_one("#kind", Select).value = "letter"
        await pilot.pause()
        await pilot.press("ctrl+s")  # the full copy: refused, the window stays
        await pilot.pause()
        assert app.screen is modal and app.chosen == []
        assert str(modal.query_one("#error", Static).content) == LETTER_NEEDS_ONE
        modal.query_one("#copy", Select).value = modal.keys.index("sam")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [choice] = app.chosen
    assert choice is not None
    assert (choice.kind, choice.recipient, choice.path.name) == ("letter", "sam", "letter-sam.docx")
