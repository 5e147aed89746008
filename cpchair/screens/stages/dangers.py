"""Danger statements and safety goals, paired: what is feared for which child, and what the
family needs to show for the children to be safe enough.

a adds a danger statement, g a safety goal for the highlighted statement, Enter edits, x
removes. A review starts with the last conference's statements and goals, to be revisited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_text
from cpchair.rules.child_names import first_name_of
from cpchair.screens.stages.base import StagePanel
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.stale import Expect, in_conference, listed, words
from cpchair.widgets.fields import BaseField, ChoiceField, PickField, TextField
from cpchair.widgets.keyed_table import KeyedTable
from cpchair.widgets.plain import plain_row


class PairTable(KeyedTable):
    DEFAULT_CSS = """
    PairTable { height: 1fr; margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_statement", "Add danger statement", id="dangers.add"),
        Binding("g", "add_goal", "Add safety goal", id="dangers.goal"),
        Binding("x,delete", "remove", "Remove", id="dangers.remove"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def on_mount(self) -> None:
        self.add_column("", width=9)
        self.add_column("About", width=14)
        self.add_column("Statement or goal")

    @property
    def panel(self) -> DangersPanel:
        return self.query_ancestor(DangersPanel)

    def action_add_statement(self) -> None:
        self.panel.edit_statement(None)

    def action_add_goal(self) -> None:
        self.panel.edit_goal(None)

    def action_remove(self) -> None:
        if (key := self.current_key()) is not None:
            self.panel.remove_row(key)


class DangersPanel(StagePanel):
    stage = "danger_goals"
    DEFAULT_CSS = """
    DangersPanel #pair-detail { height: auto; max-height: 8; padding: 0 1; margin: 1 0 0 0;
                                background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Danger statements and safety goals", classes="section-title")
        yield PairTable(id="pairs")
        yield Static("", id="pair-detail", markup=False)
        yield Static(
            "a adds a danger statement · g adds a safety goal to the highlighted one · "
            "Enter edits · x removes",
            classes="hint",
        )

    def _about(self, keys: list[str]) -> str:
        names = {c.key: first_name_of(c) for c in self.state.case.children}
        return ", ".join(names.get(k, "?") for k in keys) or "all the children"

    def show(self, state: MeetingState) -> None:
        conf = state.conf
        table = self.query_one("#pairs", PairTable)
        keep = table.current_key()
        table.clear()
        goals = list(zip(state.ids["safety_goals"], conf.safety_goals, strict=True))
        for n, d in enumerate(conf.danger_statements, start=1):
            table.add_row(*plain_row(f"Danger {n}", self._about(d.children), d.text),
                          key=f"ds:{d.key}")  # fmt: skip
            for goal_id, g in goals:
                if g.danger_statement == d.key:
                    table.add_row(*plain_row("  goal", self._about(g.children), g.text),
                                  key=f"goal:{goal_id}")  # fmt: skip
        for goal_id, g in goals:
            if g.danger_statement is None:
                table.add_row(*plain_row("Goal", self._about(g.children), g.text),
                              key=f"goal:{goal_id}")  # fmt: skip
        keys = [r.key.value for r in table.ordered_rows]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#pairs")
    def _show_detail(self) -> None:
        """The highlighted statement or goal in full: the table cuts long ones short."""
        key = self.query_one("#pairs", PairTable).current_key()
        detail = self.query_one("#pair-detail", Static)
        if key is None:
            detail.update("None yet: a adds a danger statement.")
            return
        kind, ref = key.split(":", 1)
        if kind == "ds":
            found = next(d for d in self.state.conf.danger_statements if d.key == ref)
            detail.update(f"Danger statement: {found.text}")
        else:
            goal = self._goal(int(ref))
            detail.update(f"Safety goal: {goal.text}" if goal else "")

    def _statement_under_cursor(self) -> str | None:
        """The highlighted statement, or the one a highlighted goal answers."""
        key = self.query_one("#pairs", PairTable).current_key()
        if key is None:
            return None
        kind, ref = key.split(":", 1)
        if kind == "ds":
            return ref
        goal = self._goal(int(ref))
        return goal.danger_statement if goal else None

    def _goal(self, goal_id: int) -> Any:
        ids = self.state.ids["safety_goals"]
        return self.state.conf.safety_goals[ids.index(goal_id)] if goal_id in ids else None

    @on(DataTable.RowSelected, "#pairs")
    def _open(self, event: DataTable.RowSelected) -> None:
        kind, ref = str(event.row_key.value).split(":", 1)
        if kind == "ds":
            self.edit_statement(ref)
        else:
            self.edit_goal(int(ref))

    def _children(self) -> list[tuple[str, str]]:
        return [(first_name_of(c), c.key) for c in self.state.case.children]

    def _push(self, editor: RecordEditor, kind: str) -> None:
        def closed(key: str | None) -> None:
            self.reload()
            table = self.query_one("#pairs", PairTable)
            table.focus()
            keys = [r.key.value for r in table.ordered_rows]
            if key is not None and f"{kind}:{key}" in keys:  # the one just written
                table.move_cursor(row=keys.index(f"{kind}:{key}"))

        self.app.push_screen(editor, closed)

    def edit_statement(self, key: str | None) -> None:
        meeting = self.meeting
        current = next((d for d in self.state.conf.danger_statements if d.key == key), None)

        def create(draft: dict[str, Any]) -> str | None:
            if not draft.get("text"):
                return None
            return meeting.edit(
                edits.dangers.add_statement, draft["text"], draft.get("children", [])
            ).value

        children = self._children()
        say = words({key: name for name, key in children})

        def update(name: str, value: Any, was: Any) -> None:
            assert editor.key is not None
            # Refused if the other seat changed this field since the editor read it.
            found = in_conference(meeting.conference, "danger_statements", editor.key, name)
            expect = Expect(found, was, value, say if name == "children" else None)
            meeting.edit_if(expect, edits.dangers.update_statement, editor.key, **{name: value})

        def fields(ed: RecordEditor) -> list[BaseField]:
            text, about = (current.text, current.children) if current else ("", [])
            return [
                TextField("Danger statement", text, ed.saver("text", update, text),
                          parse=lambda t: parse_text(t, required=True, what="The statement"),
                          placeholder="what we worry will happen, to whom, if nothing changes"),
                PickField("About (none: all)", children, about,
                          ed.saver("children", update, about)),
            ]  # fmt: skip

        editor = RecordEditor("Danger statement", fields, key, create,
                              draft_hint="Write the statement and it is saved.")  # fmt: skip
        self._push(editor, "ds")

    def edit_goal(self, goal_id: int | None) -> None:
        meeting = self.meeting
        current = None if goal_id is None else self._goal(goal_id)
        statements = [
            (f"Danger {n}: {d.text[:40]}", d.key)
            for n, d in enumerate(self.state.conf.danger_statements, start=1)
        ]
        paired = current.danger_statement if current else self._statement_under_cursor()

        def create(draft: dict[str, Any]) -> str | None:
            values = {"statement": paired, **draft}
            if not values.get("text"):
                return None
            return str(meeting.edit(edits.dangers.add_goal, values["text"], values.get("statement"),
                                        values.get("children", [])).value)  # fmt: skip

        children = self._children()
        said = {
            "statement": words({key: label for label, key in statements}),
            "children": words({key: name for name, key in children}),
        }

        def update(name: str, value: Any, was: Any) -> None:
            assert editor.key is not None
            # Refused if the other seat changed this field since the editor read it.
            found = listed(meeting.conference, "safety_goals", int(editor.key), name)
            expect = Expect(found, was, value, said.get(name))
            meeting.edit_if(expect, edits.dangers.update_goal, int(editor.key), **{name: value})

        def fields(ed: RecordEditor) -> list[BaseField]:
            text, about = (current.text, current.children) if current else ("", [])
            return [
                TextField("Safety goal", text, ed.saver("text", update, text),
                          parse=lambda t: parse_text(t, required=True, what="The goal"),
                          placeholder="what the family will show, so the children are safe"),
                ChoiceField("Answers", statements, paired,
                            ed.saver("statement", update, paired), allow_blank=True),
                PickField("About (none: all)", children, about,
                          ed.saver("children", update, about)),
            ]  # fmt: skip

        editor = RecordEditor("Safety goal", fields, None if goal_id is None else str(goal_id),
                              create, draft_hint="Write the goal and it is saved.")  # fmt: skip
        self._push(editor, "goal")

    def remove_row(self, key: str) -> None:
        """x asks first, as every removal does; No (n, Escape) keeps it."""
        from cpchair.dialogs.confirm import ConfirmModal

        question, detail, word, change = self._removal(key)

        def answered(yes: bool | None) -> None:
            if yes:
                self.edit(change, f"{word} removed.")

        self.app.push_screen(ConfirmModal(question, detail, yes="Remove"), answered)

    def _removal(self, key: str) -> tuple[str, str, str, Callable[[], object]]:
        """What removing the row asks (its words begin the detail, so the chair sees which one
        is going), what it is called, and the change itself."""
        kind, ref = key.split(":", 1)
        if kind == "goal":
            goal = self._goal(int(ref))
            return (
                "Remove this safety goal?",
                _begins(goal.text if goal else ""),
                "safety goal",
                lambda: self.meeting.edit(edits.dangers.remove_goal, int(ref)),
            )
        found = next(d for d in self.state.conf.danger_statements if d.key == ref)
        detail = (f"{_begins(found.text)}\n\nIts safety goals stay, no longer paired with it; "
                  "any scores given against it go.")  # fmt: skip
        return ("Remove this danger statement?", detail, "danger statement",
                lambda: self.meeting.edit(edits.dangers.remove_statement, ref))  # fmt: skip


WORDS_SHOWN = 80  # enough of a statement or goal to tell which one is going


def _begins(text: str) -> str:
    return text if len(text) <= WORDS_SHOWN else text[: WORDS_SHOWN - 1].rstrip() + "…"
