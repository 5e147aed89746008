"""The list of people scaling: one row each, a digit key scores the highlighted person.

The keys only route: the scaling panel (its `ScorePanel` protocol) does the work, so the
keys, the footer and the command palette all reach one code path.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from textual.binding import Binding, BindingType

from cpchair.widgets.keyed_table import KeyedTable


class ScorePanel(Protocol):
    def score(self, attendee: str, value: int) -> None: ...
    def clear(self, attendee: str) -> None: ...
    def confidential(self, attendee: str) -> None: ...
    def allows(self, action: str) -> bool: ...
    def run(self, action: str) -> None: ...


# Digits 0-9; only one shows in the footer, as "0-9", so the footer stays short.
DIGITS: list[BindingType] = [
    Binding(str(n), f"score({n})", "Score" if n == 1 else "", key_display="0-9",
            show=n == 1, id="scaling.score" if n == 1 else None)
    for n in range(10)
]  # fmt: skip


class ScoreTable(KeyedTable):
    DEFAULT_CSS = """
    ScoreTable { height: 1fr; margin: 0 1; overflow-x: hidden; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *DIGITS,
        Binding("t", "score(10)", "Ten", id="scaling.ten"),
        Binding("o", "panel('overall')", "Overall", id="scaling.overall"),
        Binding("v", "panel('reveal')", "Reveal", id="scaling.reveal"),
        Binding("s", "panel('next_scale')", "Scale", id="scaling.scale"),
        Binding("x,delete", "clear", "Clear score", show=False, id="scaling.clear"),
        Binding("exclamation_mark", "confidential", "Reason confidential on/off", show=False,
                id="scaling.confidential"),
        Binding("q", "panel('question')", "Edit the question", show=False,
                id="scaling.question"),
        Binding("d", "panel('direction')", "Turn the scale round", show=False,
                id="scaling.direction"),
        Binding("i", "panel('independent')", "Independent round on/off", show=False,
                id="scaling.independent"),
        Binding("e", "panel('escalation')", "Escalation: who was told", show=False,
                id="scaling.escalation"),
        Binding("g", "panel('trend')", "Scaling over time on/off", show=False,
                id="scaling.trend"),
    ]  # fmt: skip

    def __init__(self, panel: ScorePanel, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.panel = panel

    def on_mount(self) -> None:
        self.add_column("Who", key="who", width=18)
        self.add_column("Role", key="role", width=11)
        self.add_column("Score", key="score", width=12)
        self.add_column("Before", key="before", width=6)
        self.add_column("Reason", key="reason")

    def keys(self) -> list[str]:
        return [str(r.key.value) for r in self.ordered_rows]

    def step(self) -> None:
        """On to the next person (staying on the last)."""
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "panel":
            return self.panel.allows(str(parameters[0]))
        return True

    def action_score(self, value: int) -> None:
        if (key := self.current_key()) is not None:
            self.panel.score(key, value)

    def action_clear(self) -> None:
        if (key := self.current_key()) is not None:
            self.panel.clear(key)

    def action_confidential(self) -> None:
        if (key := self.current_key()) is not None:
            self.panel.confidential(key)

    def action_panel(self, action: str) -> None:
        self.panel.run(action)
