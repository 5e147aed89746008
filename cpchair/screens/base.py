"""What every screen of the app shares: the day and time as the app fixes them, and the
status line under the work. The app is reached through `ChairApp`, a Protocol, never an
import of cpchair.app: screens ask the app with messages (screens/requests.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from cpchair.store import Store


class ChairApp(Protocol):
    """What a screen may read of the app it runs in."""

    @property
    def store(self) -> Store: ...

    clock: Callable[[], dt.datetime]  # the time of day: fixed in tests and snapshots

    @property
    def today(self) -> dt.date: ...


class ChairScreen(Screen[None]):
    @property
    def cpchair(self) -> ChairApp:
        return cast("ChairApp", self.app)

    @property
    def today(self) -> dt.date:
        return self.cpchair.today

    def now(self) -> dt.datetime:
        return self.cpchair.clock().replace(microsecond=0)

    def say(self, text: str, kind: str = "") -> None:
        """The status line (a StatusRow's, or the screen's own): `kind` is "" (said
        plainly), "refused" or "hint"."""
        status = self.query_one("#status", Static)
        # A refusal may take more than one line (status_row.py); the screen is laid out again
        # only as one comes or goes, never for the saves typed at speed.
        grows = kind == "refused" or status.has_class("-refused")
        status.set_class(kind == "refused", "-refused")
        status.set_class(kind == "hint", "-hint")
        status.update(text, layout=grows)
