"""The lock: a full screen that covers the case while the chair is away.

It shows nothing of what is underneath (no header, no reference, no toast) and asks for the
passphrase the database is open with. The right one takes the chair back to exactly where
they were: the screens underneath are left as they are, so the same screen, the same focused
field and whatever was half typed in it are there again; nothing is read again for it. A
plain (unencrypted) database has no passphrase to ask for: the lock still covers the screen,
says so, and Enter goes back.

The app decides when to lock and how to come back (cpchair/locking.py); this screen only
asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from cpchair.store import Store

WRONG = "That is not the passphrase. cpchair stays locked: try again."
EMPTY = "Type the passphrase, then press Enter."
PLAIN = (
    "This database is not encrypted, so there is no passphrase to ask for: anyone at this "
    "computer can open it. `cpchair encrypt` protects it with one.\n\n"
    "Press Enter to go back."
)


class LockScreen(Screen[None]):
    DEFAULT_CSS = """
    LockScreen { align: center middle; background: $background; }
    /* A toast may name a case: none shows here (they wait for the chair's return). */
    LockScreen > ToastRack { display: none; }
    LockScreen > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    LockScreen #lock-title { text-style: bold; padding-bottom: 1; }
    LockScreen #lock-said { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Only a plain database's lock has nothing focused to take Enter: see compose.
        Binding("enter", "back", "Go back", id="lock.back", show=False),
    ]
    AUTO_FOCUS = "#lock-passphrase"
    help_title = "Locked"

    def __init__(self, store: Store, unlock: Callable[[], None]) -> None:
        super().__init__(id="lock")
        self._matches = store.passphrase_matches
        self.encrypted = store.encrypted
        self._unlock = unlock

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("cpchair is locked", id="lock-title")
            if self.encrypted:
                yield Static("Type the passphrase to go back to where you were.", id="lock-ask")
                yield Input(
                    password=True,
                    placeholder="Passphrase",
                    id="lock-passphrase",
                    select_on_focus=False,
                )
            else:
                yield Static(PLAIN, id="lock-ask", markup=False)
            yield Static("", id="lock-said", markup=False)

    def say(self, text: str) -> None:
        self.query_one("#lock-said", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value
        event.input.clear()  # never left in the box, right or wrong
        if not typed:
            self.say(EMPTY)
        elif self._matches(typed):
            self._unlock()
        else:
            self.say(WRONG)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not self.encrypted
        return True

    def action_back(self) -> None:
        self._unlock()
