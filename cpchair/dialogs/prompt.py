"""Ask for one line of text (a file path, a reference); Enter answers, Escape cancels.

`check` reads the answer before the prompt closes, and may save it; an InputError, or the
store's refusal (EditError), keeps it open with the reason shown and the text kept, so a
mistyped path is corrected rather than typed again, and nothing typed is lost to a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cpchair.forms import InputError
from cpchair.store.errors import EditError


class PromptModal(ModalScreen[object | None]):
    """Dismisses with `check(text)`'s result; a refusal is shown and the text kept."""

    DEFAULT_CSS = """
    PromptModal { align: center middle; }
    PromptModal > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    PromptModal #title { text-style: bold; }
    PromptModal #hint { color: $text-muted; }
    PromptModal #error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        hint: str = "",
        check: Callable[[str], object] | None = None,
        error: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.help_title = title
        self.value = value
        self.hint = hint
        self.check = check or (lambda text: text)
        self.error = error  # shown from the start: the prompt came back after a failure

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="title", markup=False)
            # Not select-all: after a refusal the path is corrected, not typed again.
            yield Input(self.value, id="answer", select_on_focus=False)
            yield Static(self.hint or "Enter to confirm, Escape to cancel.", id="hint")
            yield Static(self.error, id="error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.check(event.value)
        except (InputError, EditError) as exc:  # said for the user
            self.query_one("#error", Static).update(str(exc))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
