"""The passphrase, asked on a screen of its own before anything of a case is shown.

For an encrypted database: its passphrase, checked against the file (SQLCipher takes a
moment to derive the key, so the check runs in a worker and the box says so). For a new
database started by a person: a passphrase chosen and typed twice. Escape stops, opening
nothing. `UnlockApp` runs the screen alone, before the app or the wall starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from cpchair.unlock import Found, passphrase_problem


class UnlockScreen(Screen[str | None]):
    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen #unlock { width: 64; height: auto; border: round $primary; padding: 1 2; }
    UnlockScreen Input { margin-top: 1; }
    UnlockScreen #unlock-said { height: auto; margin-top: 1; color: $text-muted; }
    UnlockScreen #unlock-said.-refused { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop", id="unlock.stop"),
    ]

    def __init__(self, path: Path, what: Found) -> None:
        super().__init__()
        self.path = path
        self.what = what

    def compose(self) -> ComposeResult:
        new = self.what is Found.NEW
        with Vertical(id="unlock"):
            yield Static(
                "A new cpchair database: choose its passphrase. It encrypts every case on "
                "this laptop, and it cannot be recovered if it is forgotten."
                if new
                else "This cpchair database is encrypted. Its passphrase, please.",
                markup=False,
            )
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            if new:
                yield Input(password=True, placeholder="The same again", id="again")
            yield Static("Enter to go on · Escape to stop", id="unlock-said", markup=False)

    def _say(self, text: str, *, refused: bool = False) -> None:
        said = self.query_one("#unlock-said", Static)
        said.set_class(refused, "-refused")
        said.update(text)

    @on(Input.Submitted, "#passphrase")
    def _first(self) -> None:
        if self.what is Found.NEW:
            self.query_one("#again", Input).focus()
        else:
            self._check(self.query_one("#passphrase", Input).value)

    @on(Input.Submitted, "#again")
    def _chosen(self) -> None:
        key = self.query_one("#passphrase", Input).value
        problem = passphrase_problem(key, self.query_one("#again", Input).value)
        if problem is not None:
            self._say(problem, refused=True)
            self.query_one("#again", Input).value = ""
            return
        self.dismiss(key)

    def _check(self, key: str) -> None:
        self.query_one("#passphrase", Input).disabled = True
        self._say("Opening…")
        self._try(key)

    @work(thread=True, exclusive=True)
    def _try(self, key: str) -> None:
        from cpchair.db import WrongPassphraseError, raw_connect

        try:
            raw_connect(self.path, key, read_only=True).close()
        except WrongPassphraseError as exc:
            self.app.call_from_thread(self._wrong, str(exc))
            return
        self.app.call_from_thread(self.dismiss, key)

    def _wrong(self, said: str) -> None:
        box = self.query_one("#passphrase", Input)
        box.disabled = False
        box.value = ""
        box.focus()
        self._say(said, refused=True)
        self.app.bell()

    def action_stop(self) -> None:
        self.dismiss(None)


class UnlockApp(App[str]):
    """The unlock screen alone: exits with the passphrase, or with nothing if stopped."""

    TITLE = "cpchair"

    def __init__(self, path: Path, what: Found) -> None:
        super().__init__()
        self.path = path
        self.what = what

    def on_mount(self) -> None:
        self.push_screen(UnlockScreen(self.path, self.what), self._done)

    def _done(self, key: str | None) -> None:
        self.exit(key)
