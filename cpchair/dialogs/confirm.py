"""A yes/no question that answers to y, n and Escape.

However long the detail (the quit question lists everything not saved), the question stays at
the top and the answers at the foot, in sight at 80x24; the detail scrolls between them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmModal(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > VerticalScroll {
        width: 60; max-width: 90%; height: auto; max-height: 100%; padding: 0 2;
        border: thick $warning; background: $surface;
    }
    ConfirmModal #question { dock: top; text-style: bold; padding-top: 1; }
    ConfirmModal #detail { color: $text-muted; margin-top: 1; }
    ConfirmModal Horizontal {
        dock: bottom; height: auto; padding: 1 0; align-horizontal: right;
    }
    ConfirmModal Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
    ]

    help_title = "A question"

    def __init__(
        self, question: str, detail: str = "", yes: str = "Yes", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):  # the buttons take the focus
            yield Static(self.question, id="question", markup=False)
            if self.detail:
                yield Static(self.detail, id="detail", markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
