"""A table whose rows carry keys: which row the cursor is on, by key."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable


class KeyedTable(DataTable[Text]):
    def current_key(self) -> str | None:
        """The key of the row under the cursor; None when the table is empty."""
        if self.row_count == 0:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value
