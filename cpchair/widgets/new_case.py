"""A new case: its reference, the family's name and the practice profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static


class NewCaseModal(ModalScreen[str | None]):
    """Creates the case through `create` and dismisses with its reference (None: cancelled).

    A refusal (a reference already held) is shown here, with everything typed kept.
    """

    DEFAULT_CSS = """
    NewCaseModal { align: center middle; }
    NewCaseModal > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    NewCaseModal #title { text-style: bold; margin-bottom: 1; }
    NewCaseModal #error { color: $error; height: auto; }
    NewCaseModal #hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="newcase.cancel"),
        Binding("ctrl+s", "create", "Create", id="newcase.create"),
    ]

    def __init__(
        self,
        profiles: list[tuple[str, str]],
        create: Callable[[str, str, str], None],
        default_profile: str = "england",
    ) -> None:
        super().__init__()
        self.profiles = profiles
        self.create = create
        self.default_profile = default_profile

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("New case", id="title")
            yield Label("Reference (the council's case number)")
            yield Input(id="reference")
            yield Label("Family name")
            yield Input(id="family")
            yield Label("Practice profile (sets the timescales)")
            yield Select(
                [(title, name) for name, title in self.profiles],
                value=self.default_profile,
                allow_blank=False,
                id="profile",
            )
            yield Static("", id="error", markup=False)
            yield Static("Enter on the last field or Ctrl+S creates it; Escape cancels.", id="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "reference":
            self.query_one("#family", Input).focus()
        else:
            self.action_create()

    def action_create(self) -> None:
        reference = self.query_one("#reference", Input).value.strip()
        family = self.query_one("#family", Input).value.strip()
        error = self.query_one("#error", Static)
        if not reference:
            error.update("The reference cannot be empty.")
            self.query_one("#reference", Input).focus()
            return
        if not family:
            error.update("The family name cannot be empty.")
            self.query_one("#family", Input).focus()
            return
        profile = self.query_one("#profile", Select).value
        try:
            self.create(reference, family, str(profile))
        except ValueError as exc:  # EditError: said for the user
            error.update(str(exc))
            return
        self.dismiss(reference)

    def action_cancel(self) -> None:
        self.dismiss(None)
