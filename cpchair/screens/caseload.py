"""The caseload: every case held here, with its next conference."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from cpchair.cases_view import children_text, next_text

if TYPE_CHECKING:
    from cpchair.app import CpchairApp
    from cpchair.store.summary import CaseSummary


class CaseloadScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh", id="caseload.refresh"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        table.add_columns("Reference", "Family", "Children", "Next conference", "Kind", "Status")
        self.action_refresh()

    def action_refresh(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="caseload")
    def _load(self) -> None:
        app: CpchairApp = self.app  # type: ignore[assignment]
        summaries = app.store.list_cases()
        self.app.call_from_thread(self._show, summaries)

    def _show(self, summaries: list[CaseSummary]) -> None:
        today = dt.date.today()
        table = self.query_one("#cases", DataTable)
        table.clear()
        for s in summaries:
            when, kind, status = next_text(s, today)
            table.add_row(
                s.reference,
                s.family_name,
                children_text(s.children, today),
                when,
                kind,
                status,
                key=s.reference,
            )
        empty = self.query_one("#empty", Static)
        empty.update("" if summaries else "No cases yet. Run `cpchair demo` or import a case file.")
        empty.display = not summaries
