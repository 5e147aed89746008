"""The caseload's table: a row a case, as tall as its flags (one flag a line).

A row's height is the number of its flags, given when the row is added. DataTable's own
auto height finds it by rendering every cell of every row of the page, on screen or not:
15 ms of the 50 a key in the filter took to show. A page the same as the one shown (a
space typed, a change made elsewhere that left it alone, the screen back on top) is left as
it is, cursor and all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from cpchair.caseio.printable import clipped
from cpchair.caseload_rows import CaseRow
from cpchair.caseload_view import flags_cell, next_cell
from cpchair.widgets.plain import plain_row

PENDING = Text("…", style="dim")  # a kept page from another day: its flags are being read


def row_cells(row: CaseRow, today: dt.date, pending: bool = False) -> tuple[Text, ...]:
    flags = flags_cell(row)
    return plain_row(
        row.reference,
        clipped(row.family_name),
        next_cell(row, today),
        Text(flags, style="bold yellow") if flags else PENDING if pending else "",
    )


def row_height(row: CaseRow) -> int:
    return max(1, len(row.flags))


class CaseloadTable(DataTable[Text]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: list[CaseRow] = []
        self._today: dt.date | None = None
        self._pending = False  # the rows shown have their flags still to come

    def show_page(
        self, rows: Sequence[CaseRow], today: dt.date, *, fresh: bool, pending: bool = False
    ) -> bool:
        """Show `rows` in place of those shown (`fresh`) or after them (a further page);
        `pending`: their flags are still being read (first_page.py). False when a fresh page
        is the one already shown, which is then left untouched, cursor and all."""
        if fresh:
            same = today == self._today and pending == self._pending
            if same and list(rows) == self._shown:
                return False
            self.clear()
            self._shown = []
        self._today, self._pending = today, pending
        for row in rows:
            self.add_row(*row_cells(row, today, pending), key=row.reference, height=row_height(row))
        self._shown += rows
        return True
