"""A table of a few records (exclusions, views, danger statements) with add, edit and remove keys.

The table only says what was asked; the panel that owns it does the work, so every action has
one code path whether it came from a key, the palette or a click.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from cpchair.widgets.keyed_table import KeyedTable
from cpchair.widgets.plain import plain_row


class ItemTable(KeyedTable):
    DEFAULT_CSS = """
    ItemTable { height: auto; max-height: 12; margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="items.add"),
        Binding("x,delete", "remove", "Remove", id="items.remove"),
    ]

    class Add(Message):
        def __init__(self, table: ItemTable) -> None:
            super().__init__()
            self.table = table

    class Remove(Message):
        def __init__(self, table: ItemTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, columns: Sequence[str], empty: str = "", **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.columns_wanted = list(columns)
        self.empty = empty

    def on_mount(self) -> None:
        self.add_columns(*self.columns_wanted)

    def fill(self, rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        """Rows of (key, cells); the cursor stays on the same row where it can."""
        keep = self.current_key()
        self.clear()
        for key, cells in rows:
            self.add_row(*plain_row(*cells), key=key)
        keys = [k for k, _ in rows]
        if keep in keys:
            self.move_cursor(row=keys.index(keep))

    def action_add(self) -> None:
        self.post_message(self.Add(self))

    def action_remove(self) -> None:
        key = self.current_key()
        if key is not None:
            self.post_message(self.Remove(self, key))


class MarkedItemTable(ItemTable):
    """An ItemTable whose rows can be marked confidential with one key (!), as on the mapping
    board; the panel makes the change and shows the mark."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("exclamation_mark", "confidential", "Confidential", id="items.confidential"),
    ]

    class Confidential(Message):
        def __init__(self, table: MarkedItemTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def action_confidential(self) -> None:
        key = self.current_key()
        if key is not None:
            self.post_message(self.Confidential(self, key))
