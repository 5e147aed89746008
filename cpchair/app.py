"""The Textual application: wires the screens to the store. No stage logic lives here."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from cpchair.screens.caseload import CaseloadScreen

if TYPE_CHECKING:
    from cpchair.store import Store


class CpchairApp(App[None]):
    TITLE = "cpchair"
    SUB_TITLE = "child protection conferences"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(CaseloadScreen())

    def _fatal_error(self) -> None:
        """Exit without a traceback of locals: they may hold a child's name."""
        import sys

        error = sys.exc_info()[1] or self._exception
        self.bell()
        self._exit_renderables.append(
            f"cpchair stopped after an unexpected problem ({type(error).__name__}). "
            "Everything saved before it is safe. Nothing more is shown, to keep case "
            "details private."
        )
        self._close_messages_no_wait()
