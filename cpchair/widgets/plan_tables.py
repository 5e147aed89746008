"""The plan's tables: outcomes, services recommended, and the actions with their status.

Keys only say what was asked (messages to the panel, as `ItemTable` does): a adds, Enter
edits, x removes, [ and ] move the highlighted row; on the actions, s steps the status
(open, done, not done, dropped), k turns key safeguarding on or off and ! marks the action
confidential (family copies show that it exists, not what it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from cpchair.widgets.item_table import ItemTable
from cpchair.widgets.plain import plain_row

Column = tuple[str, int | None]  # (heading, width); one column of width None takes the rest


class PlanTable(ItemTable):
    """An ItemTable whose one wide column fits the room left, so long text is cut, not
    scrolled sideways (the panel shows the highlighted row in full)."""

    DEFAULT_CSS = """
    PlanTable { height: auto; max-height: 1fr; margin: 0 1; }
    """

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__([], **kwargs)  # the columns are added here, to fit
        self.spec = list(columns)
        self.rows_shown: list[tuple[str, Sequence[object]]] = []
        self._flex = 0

    def on_mount(self) -> None:
        self._columns()

    def _flex_width(self) -> int:
        fixed = sum(w for _, w in self.spec if w is not None)
        # Each cell has a space either side; leave room for a scroll bar.
        return max(12, self.size.width - fixed - 2 * len(self.spec) - 2)

    def _columns(self) -> None:
        self._flex = self._flex_width()
        for heading, width in self.spec:
            self.add_column(heading, width=self._flex if width is None else width)

    def on_resize(self, _event: events.Resize) -> None:
        if self._flex_width() != self._flex:
            keep = self.cursor_row
            self.clear(columns=True)
            self._columns()
            for key, cells in self.rows_shown:
                self.add_row(*plain_row(*cells), key=key)
            if self.row_count:
                self.move_cursor(row=min(keep, self.row_count - 1))

    def fill(self, rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        self.rows_shown = list(rows)
        super().fill(rows)

    class Move(Message):
        def __init__(self, table: PlanTable, key: str, step: int) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.step = step

    def action_move(self, step: int) -> None:
        if (key := self.current_key()) is not None:
            self.post_message(self.Move(self, key, step))


class OutcomeTable(PlanTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add outcome", id="plan.add_outcome"),
        Binding("x,delete", "remove", "Remove", id="plan.remove_outcome"),
        Binding("left_square_bracket", "move(-1)", "Up", id="plan.outcome_up", show=False),
        Binding("right_square_bracket", "move(1)", "Down", id="plan.outcome_down", show=False),
    ]


class ServiceTable(PlanTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add service", id="plan.add_service"),
        Binding("x,delete", "remove", "Remove", id="plan.remove_service"),
        Binding("left_square_bracket", "move(-1)", "Up", id="plan.service_up", show=False),
        Binding("right_square_bracket", "move(1)", "Down", id="plan.service_down", show=False),
    ]


class ActionTable(PlanTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add action", id="plan.add_action"),
        Binding("s", "status", "Status", id="plan.status"),
        Binding("k", "key", "Key safeguarding", id="plan.key_action", show=False),
        Binding(
            "exclamation_mark", "confidential", "Confidential", id="plan.confidential", show=False
        ),
        Binding("x,delete", "remove", "Remove", id="plan.remove_action"),
        Binding("left_square_bracket", "move(-1)", "Up", id="plan.action_up", show=False),
        Binding("right_square_bracket", "move(1)", "Down", id="plan.action_down", show=False),
    ]

    class Status(Message):
        """Step the status of the highlighted action."""

        def __init__(self, table: ActionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class KeySafeguarding(Message):
        def __init__(self, table: ActionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class Confidential(Message):
        def __init__(self, table: ActionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def action_confidential(self) -> None:
        if (key := self.current_key()) is not None:
            self.post_message(self.Confidential(self, key))

    def action_status(self) -> None:
        if (key := self.current_key()) is not None:
            self.post_message(self.Status(self, key))

    def action_key(self) -> None:
        if (key := self.current_key()) is not None:
            self.post_message(self.KeySafeguarding(self, key))
