"""A new case: its reference, the family's name and the practice profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

_NAMED = {"reference": "reference", "family": "family name"}


class NewCaseModal(ModalScreen[str | None]):
    """Creates the case through `create` and dismisses with its reference (None: cancelled).

    A refusal (a reference already held) is shown under the field it is about, with everything
    typed kept; it goes as soon as that field changes.
    """

    DEFAULT_CSS = """
    NewCaseModal { align: center middle; }
    NewCaseModal > VerticalScroll {
        width: 64; max-width: 95%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    /* A refusal and the keys stay in sight at 80x24. */
    NewCaseModal #foot { dock: bottom; height: auto; background: $surface; }
    NewCaseModal #title { text-style: bold; margin-bottom: 1; }
    NewCaseModal .error { color: $error; height: auto; display: none; }
    NewCaseModal .error.-shown { display: block; }
    NewCaseModal #hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="newcase.cancel"),
        Binding("ctrl+s", "create", "Create", id="newcase.create"),
    ]
    help_title = "New case"
    help_intro = "Nothing is created until Ctrl+S (or Enter on the family name)."

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
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the frame
            yield Static("New case", id="title")
            yield Label("Reference (the council's case number)")
            yield Input(id="reference")
            yield Static("", id="reference-error", classes="error", markup=False)
            yield Label("Family name")
            yield Input(id="family")
            yield Static("", id="family-error", classes="error", markup=False)
            yield Label("Practice profile (sets the timescales)")
            yield Select(
                [(title, name) for name, title in self.profiles],
                value=self.default_profile,
                allow_blank=False,
                id="profile",
            )
            with Vertical(id="foot"):
                yield Static("", id="error", classes="error", markup=False)
                yield Static(
                    "Enter on the last field or Ctrl+S creates it; Escape cancels.", id="hint"
                )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "reference":
            self.query_one("#family", Input).focus()
        else:
            self.action_create()

    def _say(self, where: str, message: str) -> None:
        line = self.query_one(f"#{where}", Static)
        line.update(message)
        line.set_class(bool(message), "-shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        """An error goes once its field is changed: it may no longer be true."""
        self._say(f"{event.input.id}-error", "")
        self._say("error", "")

    def action_create(self) -> None:
        reference = self.query_one("#reference", Input).value.strip()
        family = self.query_one("#family", Input).value.strip()
        if not reference:
            self._say("reference-error", "The reference cannot be empty.")
            self.query_one("#reference", Input).focus()
            return
        if not family:
            self._say("family-error", "The family name cannot be empty.")
            self.query_one("#family", Input).focus()
            return
        profile = self.query_one("#profile", Select).value
        try:
            self.create(reference, family, str(profile))
        except ValueError as exc:  # EditError: said for the user, under the field it is about
            message = str(exc)
            # The store's refusals name the field in words ("A case with reference ...").
            where = next((f for f, words in _NAMED.items() if words in message.lower()), None)
            self._say(f"{where}-error" if where else "error", message)
            if where:
                self.query_one(f"#{where}", Input).focus()
            return
        self.dismiss(reference)

    def unsaved_on_quit(self) -> list[str]:
        """Asked by the app before quitting: a case typed here is not created yet."""
        if any(box.value.strip() for box in self.query(Input)):
            return ["The new case (not created yet)."]
        return []

    def action_cancel(self) -> None:
        self.dismiss(None)
