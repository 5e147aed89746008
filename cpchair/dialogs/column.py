"""Which column should this entry move to? One letter answers (h d c s e g); Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cpchair.capture import PREFIXES
from cpchair.vocab import MAPPING_LABELS


class ColumnPicker(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ColumnPicker { align: center middle; }
    ColumnPicker > Vertical {
        width: 44; height: auto; padding: 1 2; border: thick $accent; background: $surface;
    }
    ColumnPicker #title { text-style: bold; padding-bottom: 1; }
    ColumnPicker .option { padding: 0 1; }
    ColumnPicker .option:hover { background: $boost; }
    ColumnPicker .-current { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(letter, f"pick('{column}')", MAPPING_LABELS[column], show=False)
            for letter, column in PREFIXES.items()
        ],
        Binding("escape", "pick('')", "Cancel", id="picker.cancel"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Move the entry to", id="title")
            for letter, column in PREFIXES.items():
                here = " (where it is now)" if column == self.current else ""
                option = Static(f"{letter}  {MAPPING_LABELS[column]}{here}", markup=False,
                                classes="option" + (" -current" if here else ""))  # fmt: skip
                option.column = column  # type: ignore[attr-defined]
                yield option
            yield Static("Press a letter, or Escape to leave it where it is.", classes="hint")

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        column = getattr(widget, "column", None)
        if column:
            self.dismiss(column)

    def action_pick(self, column: str) -> None:
        self.dismiss(column or None)
