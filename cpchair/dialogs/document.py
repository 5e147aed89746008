"""Choose a document to write: the outline plan, the record or the chair's letter, the full
copy or one family member's own (a letter is always one person's), as Word, PDF, HTML or
Markdown, and where. Ctrl+S writes; Escape leaves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

KINDS = [("The outline plan (handed out now)", "outline"), ("The record (minutes)", "record"),
         ("The chair's letter (to one family member)", "letter")]  # fmt: skip
LETTER_NEEDS_ONE = "A letter is to one person: choose a family member under For."
# The Select's values are positions, never keys: a key is any text a file gave, "full" too.
FULL = -1  # the full copy; family copies are their place in `copies`
FORMATS = [("Word (.docx)", "docx"), ("PDF, to post or email (.pdf)", "pdf"),
           ("Web page for printing (.html)", "html"), ("Markdown (.md)", "md")]  # fmt: skip


@dataclass(frozen=True)
class DocumentChoice:
    kind: str
    recipient: str | None  # whose family copy; None: the full copy
    fmt: str
    path: Path


class DocumentModal(ModalScreen[DocumentChoice | None]):
    DEFAULT_CSS = """
    DocumentModal { align: center middle; }
    DocumentModal > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    DocumentModal #title { text-style: bold; }
    DocumentModal .label { color: $text-muted; padding-top: 1; }
    /* Why it was not written, and the keys, in sight at 80x24. */
    DocumentModal #foot { dock: bottom; height: auto; background: $panel; }
    DocumentModal #error { color: $text-error; height: auto; }
    DocumentModal #hint { color: $text-muted; }
    """
    AUTO_FOCUS = ""  # on_mount: Textual's own pick would scroll the title out of sight
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "write", "Write it", id="document.write"),
        Binding("escape", "cancel", "Leave", id="document.cancel"),
    ]

    def __init__(
        self,
        folder: Path,
        name_for: object,
        *,
        copies: list[tuple[str, str | None]],
        draft: bool,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.name_for = name_for  # (kind, recipient key or None, fmt) -> file name
        # (who, key) of each family member's copy; names are case text: never markup
        self.copies = [(Text(f"{who}'s own copy"), key) for who, key in copies if key]
        self.keys = [key for _, key in self.copies]
        self.draft = draft
        self._offered = ""  # the last path offered; anything else was typed by the chair

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the frame
            yield Static("Write a document", id="title")
            if self.draft:
                yield Static("The conference is not concluded: every page will say DRAFT.")
            yield Label("Which", classes="label")
            yield Select(KINDS, value="outline", allow_blank=False, id="kind")
            yield Label("For", classes="label")
            options = [
                (Text("The full copy (professionals)"), FULL),
                *((label, i) for i, (label, _) in enumerate(self.copies)),
            ]
            yield Select(options, value=FULL, allow_blank=False, id="copy")
            yield Label("As", classes="label")
            yield Select(FORMATS, value="docx", allow_blank=False, id="fmt")
            yield Label("Save as", classes="label")
            self._offered = str(self._default())
            yield Input(self._offered, id="path")
            with Vertical(id="foot"):
                yield Static("", id="error", markup=False)
                yield Static("Ctrl+S writes it and opens it · Escape leaves", id="hint")

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus(scroll_visible=False)  # in sight at the top

    def _choice(self) -> tuple[str, str | None, str]:
        kind = str(self.query_one("#kind", Select).value)
        copy = self.query_one("#copy", Select).value
        fmt = str(self.query_one("#fmt", Select).value)
        return kind, None if copy == FULL else self.keys[int(copy)], fmt  # type: ignore[arg-type]

    def _default(self) -> Path:
        try:
            kind, recipient, fmt = self._choice()
        except Exception:  # not composed yet
            kind, recipient, fmt = "outline", None, "docx"
        return self.folder / self.name_for(kind, recipient, fmt)  # type: ignore[operator]

    @on(Select.Changed)
    def _changed(self) -> None:
        box = self.query_one("#path", Input)
        if box.value == self._offered:  # keep a path the chair typed; else follow the choice
            self._offered = str(self._default())
            box.value = self._offered

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        """Checked as the export's path is (fileio.target_problem); a file or link already
        there is replaced only after a yes."""
        from cpchair.dialogs.confirm import ConfirmModal
        from cpchair.fileio import as_sentence, target_path, target_problem, what_is_replaced

        text = self.query_one("#path", Input).value.strip()
        error = self.query_one("#error", Static)
        if not text:
            error.update("Say where to save it.")
            return
        if (problem := target_problem(text)) is not None:
            error.update(as_sentence(problem))
            return
        path = target_path(text)
        kind, recipient, fmt = self._choice()
        if kind == "letter" and recipient is None:
            error.update(LETTER_NEEDS_ONE)
            return
        choice = DocumentChoice(kind, recipient, fmt, path)
        if not os.path.lexists(path):
            self.dismiss(choice)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(choice)

        self.app.push_screen(
            ConfirmModal(
                f"Replace {path.name}?",
                what_is_replaced(path),
                yes="Replace",
                id="replace-document",
            ),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
