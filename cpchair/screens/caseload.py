"""The caseload (home screen): every case, its next conference, and what needs the chair.

The table shows one page at a time and the filter narrows it in SQL, so it opens as fast with
thousands of cases as with ten. Database reads run in a worker; the screen never waits on them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from cpchair.caseload_rows import PAGE, SORTS, CaseloadPage, CaseRow, Sort
from cpchair.caseload_view import detail_line
from cpchair.screens.base import ChairScreen
from cpchair.screens.outside import ChangedOutside, Following
from cpchair.screens.requests import (
    CaseloadLive,
    DeleteCase,
    ExportCase,
    ImportCase,
    NewCase,
    OpenCase,
)
from cpchair.widgets.caseload_table import CaseloadTable
from cpchair.widgets.key_footer import KeyFooter
from cpchair.widgets.month_line import MonthLine

SORT_LABELS = {"next": "next conference", "reference": "reference", "family": "family name"}
# Four columns fit 80 with room for long names; a row is as tall as its flags. The children
# of the highlighted case are named under the table (the filter finds them by name too).
COLUMNS = (("Reference", "reference"), ("Family", "family"), ("Next conference", "next"),
           ("Needs attention", None))  # fmt: skip


class CaseloadScreen(ChairScreen):
    DEFAULT_CSS = """
    CaseloadScreen #bar { height: 3; }
    CaseloadScreen #filter { width: 1fr; }
    CaseloadScreen #count { width: auto; padding: 1 1 0 1; color: $text-muted; }
    CaseloadScreen #cases { height: 1fr; }
    CaseloadScreen #empty { padding: 1 2; color: $text-muted; }
    CaseloadScreen #detail { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_case", "New", id="caseload.new"),
        Binding("enter", "open_case", "Open", id="caseload.open", show=False),
        Binding("d", "delete_case", "Delete", id="caseload.delete"),
        Binding("i", "import_case", "Import", id="caseload.import"),
        Binding("e", "export_case", "Export", id="caseload.export", show=False),
        Binding("s", "cycle_sort", "Sort", id="caseload.sort"),
        Binding("slash", "focus_filter", "Filter", id="caseload.filter"),
        Binding("escape", "clear_filter", "Clear filter", id="caseload.clear", show=False),
    ]
    help_title = "Caseload"
    _page_for: tuple[str, Sort] | None = None  # the filter and sort of the page shown

    def __init__(self, first: CaseloadPage | None = None) -> None:
        super().__init__()
        self.sort: Sort = "next"
        self.page: CaseloadPage | None = None
        self._first = first  # the kept first page (first_page.py): shown until the store reads
        self._live = False  # a page read by the store is showing
        self._loaded = 0
        self._rows: dict[str, CaseRow] = {}  # the loaded rows, for the line under the table
        self._version: tuple[int, Any] | None = None  # of the caseload as last read
        self._month_for: tuple[Any, ...] | None = None  # the version and day last counted
        self.following = Following(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield MonthLine(id="month")
        with Horizontal(id="bar"):
            yield Input(placeholder="Filter: reference, family or child's name  ( / )", id="filter")
            yield Static("", id="count")
        yield CaseloadTable(id="cases")
        yield Static("", id="empty")
        yield Static("", id="detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key or label.lower())
        table.focus()
        if self._first is not None:
            self._fill(self._first, 0, None)
            if self._first.month is not None:  # as last counted, until counted again
                self.query_one(MonthLine).show(self._first.month, self.today)
        self.refresh_cases()

    def on_screen_resume(self) -> None:
        if self.page is not None:  # back from a case: it may have changed
            self.refresh_cases(keep_cursor=True)

    def on_screen_suspend(self) -> None:
        self.following.stop()  # underneath another screen: it reads again when back on top

    def on_unmount(self) -> None:
        self.following.stop()

    @on(ChangedOutside)
    def _changed_outside(self, message: ChangedOutside) -> None:
        """A case added, changed or deleted elsewhere (the CLI, another window)."""
        if message.version != self._version and self.is_active:
            self.refresh_cases(keep_cursor=True)

    # --- loading -----------------------------------------------------------------------------

    def refresh_cases(self, *, keep_cursor: bool = False) -> None:
        text = self.query_one("#filter", Input).value
        cursor_on = self.current_reference() if keep_cursor else None
        # As many rows as are loaded now, so a refresh keeps the cursor's place further down.
        self._load(text, self.sort, 0, cursor_on, max(PAGE, self._loaded) if keep_cursor else PAGE)

    def answering(self) -> bool:
        """A page asked for is still being read and a key would act on the list: the key gate
        holds it until the page is shown, so that Enter after a filter typed at speed opens
        the case it found. Keys typed into the filter itself go straight on."""
        focused = self.focused
        if focused is not None and focused.id == "filter":  # no query: the screen may be closing
            return False
        return any(
            w.group == "caseload" and w.node is self and not w.is_finished and not w.is_cancelled
            for w in self.app.workers
        )

    @work(thread=True, exclusive=True, group="caseload")
    def _load(
        self, text: str, sort: Sort, offset: int, cursor_on: str | None, limit: int = PAGE
    ) -> None:
        from cpchair.opening import OpenFailed

        try:
            store = self.cpchair.store  # at start-up, waits here while the store opens
        except OpenFailed:
            return  # the app is closing and says why
        version = store.caseload_version() if offset == 0 else self._version
        if not text and sort == "next" and offset == 0 and limit == PAGE:
            page = store.first_page(PAGE, self.today)  # and kept for the next start
        else:
            page = store.caseload_page(text, sort, limit, offset, self.today)
        worker = get_current_worker()

        def show(*shown: Any) -> None:  # on the UI thread, where a newer read cancels this one
            if not worker.is_cancelled:  # else its page is out of date: never shown
                self._page_for = (text, sort) if offset == 0 else self._page_for
                self._show(*shown)

        self.app.call_from_thread(show, page, offset, cursor_on, version)

    def _show(
        self, page: CaseloadPage, offset: int, cursor_on: str | None, version: tuple[int, Any]
    ) -> None:
        if self not in self.app.screen_stack:
            return  # the app is closing: nothing to show the page in
        self._version = version
        # From the first page on, changes made elsewhere show here.
        self.following.start(self.cpchair.store, self.cpchair.store.caseload_version)
        self._fill(page, offset, cursor_on)
        if (version, self.today) != self._month_for:
            self._count_month(version)
        if not self._live:
            self._live = True
            self.post_message(CaseloadLive())

    @work(thread=True, exclusive=True, group="month")
    def _count_month(self, version: tuple[int, Any]) -> None:
        """The caseload's month, counted across every case (a moment at 20,000 cases), after
        the page it must never delay."""
        today = self.today
        counts = self.cpchair.store.caseload_month(today)
        worker = get_current_worker()

        def show() -> None:
            if not worker.is_cancelled and self in self.app.screen_stack:
                self._month_for = (version, today)
                self.query_one(MonthLine).show(counts, today)

        self.app.call_from_thread(show)

    def _fill(self, page: CaseloadPage, offset: int, cursor_on: str | None) -> None:
        table = self.query_one("#cases", CaseloadTable)
        if offset == 0:
            self._loaded = 0
            self._rows.clear()
        table.show_page(page.rows, self.today, fresh=offset == 0, pending=page.flags_pending)
        self._rows.update((row.reference, row) for row in page.rows)
        self._loaded += len(page.rows)
        self.page = page
        if cursor_on is not None and cursor_on in {r.reference for r in page.rows}:
            table.move_cursor(row=table.get_row_index(cursor_on))
        shown = (
            f"{self._loaded} of {page.matching}"
            if page.matching > self._loaded
            else str(page.matching)
        )
        self.query_one("#count", Static).update(f"{shown} · by {SORT_LABELS[self.sort]}")
        empty = self.query_one("#empty", Static)
        if page.total == 0:
            empty.update("No cases yet. Press n for a new case, i to import one, "
                         "or run `cpchair demo` for the fictional demo case.")  # fmt: skip
        elif page.matching == 0:
            empty.update("No case matches the filter. Escape clears it.")
        empty.display = page.matching == 0
        self._show_detail()

    @on(DataTable.RowHighlighted, "#cases")
    def _show_detail(self) -> None:
        row = self._rows.get(self.current_reference() or "")
        detail = self.query_one("#detail", Static)
        detail.update(detail_line(row, self.today) if row else "")
        detail.display = row is not None

    @on(DataTable.RowHighlighted, "#cases")
    def _maybe_more(self, event: DataTable.RowHighlighted) -> None:
        """Reaching the last loaded row fetches the next page."""
        page = self.page
        text = self.query_one("#filter", Input).value
        if self._page_for != (text, self.sort):  # a fresh page is on its way: wait for it
            return
        if page and event.cursor_row == self._loaded - 1 and self._loaded < page.matching:
            self._load(text, self.sort, self._loaded, None)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_cases()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#cases", DataTable).focus()

    @on(DataTable.HeaderSelected, "#cases")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value in SORTS:
            self.sort = event.column_key.value
            self.refresh_cases(keep_cursor=True)

    @on(DataTable.RowSelected, "#cases")
    def _row_chosen(self) -> None:
        self.action_open_case()

    # --- actions -----------------------------------------------------------------------------

    def current_reference(self) -> str | None:
        table = self.query_one("#cases", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def turned_away(self, typed: str) -> None:
        """A name typed at the list (its letters are commands): it was meant for the filter.
        The focus moves now, so the rest of the word lands there too."""
        box = self.query_one("#filter", Input)

        def fill() -> None:  # after the box's own focus handling, which selects all
            box.value = typed
            box.cursor_position = len(typed)

        self.set_focus(box)
        box.call_later(fill)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.query_one("#cases", DataTable).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_cases(keep_cursor=True)

    def action_open_case(self) -> None:
        reference = self.current_reference()
        if reference is not None:
            self.post_message(OpenCase(reference))

    def action_new_case(self) -> None:
        self.post_message(NewCase())

    def action_delete_case(self) -> None:
        reference = self.current_reference()
        if reference is not None:
            self.post_message(DeleteCase(reference))

    def action_import_case(self) -> None:
        self.post_message(ImportCase())

    def action_export_case(self) -> None:
        reference = self.current_reference()
        if reference is None:
            self.notify("There is no case to export.", severity="warning")
            return
        self.post_message(ExportCase(reference))
