"""Mapping: the board of worries, strengths and grey areas, and the quick capture line.

The minute-taker types `h: what was said` and presses Enter: the entry is saved and shown at
once (the state is patched in place, not read again). Tab moves between the line and the
board; on the board, Enter edits the card under the cursor, m moves it to another column,
[ and ] reorder it, x deletes it and u puts the last deleted one back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

from cpchair.capture import HINT, LETTERS, PREFIXES, parse_capture
from cpchair.caseio.schema import MappingEntryDoc
from cpchair.screens.stages.base import StagePanel
from cpchair.store.meeting import MeetingState
from cpchair.vocab import MAPPING_LABELS
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.mapping_board import MappingBoard

SLOT = "mapping.capture"
NATURE_CYCLE = [None, "fact", "allegation", "opinion"]


class MappingPanel(StagePanel):
    stage = "mapping"
    DEFAULT_CSS = """
    MappingPanel #capture-row { height: 1; margin-top: 1; }
    MappingPanel #goes-to { width: 24; padding: 0 1; color: $text-accent; text-style: bold; }
    MappingPanel #capture { width: 1fr; }
    MappingPanel #capture-hint { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit_entry", "Edit", id="mapping.edit"),
        Binding("x,delete", "delete_entry", "Delete", id="mapping.delete"),
        Binding("u,ctrl+z", "undo", "Undo delete", id="mapping.undo"),
        Binding("m", "move_entry", "Move", id="mapping.move"),
        Binding("left_square_bracket", "shift(-1)", "Up the column", id="mapping.up"),
        Binding("right_square_bracket", "shift(1)", "Down the column", id="mapping.down"),
        Binding("exclamation_mark", "toggle_confidential", "Confidential", id="mapping.conf"),
        Binding("n", "cycle_nature", "Fact/allegation/opinion", id="mapping.nature"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.deleted: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield MappingBoard(id="board")
        with Horizontal(id="capture-row"):
            yield Static("", id="goes-to", markup=False)
            yield DraftInput(
                SLOT,
                self.conference.meeting.save_draft,
                self.conference.drafts.get(SLOT, ""),
                file=self.file_line,
                id="capture",
                placeholder="h: what was said, then Enter",
                compact=True,
            )
        yield Static(HINT, id="capture-hint", markup=False)

    def on_mount(self) -> None:
        self._preview(self.query_one("#capture", DraftInput).value)

    @property
    def board(self) -> MappingBoard:
        return self.query_one("#board", MappingBoard)

    def show(self, state: MeetingState) -> None:
        conf = state.conf
        self.board.show(conf.mapping, state.ids["mapping"], conf.attendees, state.case.children)

    def focus_first(self) -> None:
        self.query_one("#capture", DraftInput).focus()

    # --- the capture line ------------------------------------------------------------------------

    def _people(self) -> list[tuple[str, str]]:
        return [(a.key, f"{a.name} {a.role}") for a in self.state.conf.attendees]

    def _children(self) -> list[tuple[str, str]]:
        return [(c.key, c.first_name) for c in self.state.case.children]

    @on(Input.Changed, "#capture")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, text: str) -> None:
        """Say where the line will go, before Enter."""
        column = text.split(":", 1)[0].strip(" !").lower() if ":" in text[:4] else ""
        target = PREFIXES.get(column, self.board.target)
        secret = "!" in text[:4] and column in PREFIXES
        label = f"→ {MAPPING_LABELS[target]}{' (conf.)' if secret else ''}"
        self.query_one("#goes-to", Static).update(label)

    def file_line(self, line: str) -> bool:
        """Enter in the capture line: file it, or say why not and keep it."""
        capture = parse_capture(line, self._people(), self._children())
        if not capture.ok:
            self.conference.say_refused(" ".join(capture.problems) + " The line is kept.")
            return False
        column = capture.column or self.board.target
        values = {
            "column": column, "text": capture.text, "nature": capture.nature,
            "source": capture.source, "confidential": capture.confidential,
            "children": list(capture.children),
        }  # fmt: skip
        secret = " (confidential)" if capture.confidential else ""
        entry_id = self.edit(
            lambda: self.meeting.add_entry(**values),
            f"{MAPPING_LABELS[column].lower()} entry{secret}.",
            reload=False,
        )
        if entry_id is None:
            return False
        # Patch the state in place: reading the whole case again would cost a frame or two.
        self.state.conf.mapping.append(MappingEntryDoc.model_validate(values))
        self.state.ids["mapping"].append(entry_id)
        self.board.set_target(column)
        self.show(self.state)
        self.conference.refresh_marks()
        return True

    # --- the card under the cursor ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_board = self.board.has_focus
        if action == "undo":
            return on_board and bool(self.deleted)
        if action in {"edit_entry", "delete_entry", "move_entry", "shift", "toggle_confidential",
                      "cycle_nature"}:  # fmt: skip
            return on_board and self.board.cursor is not None
        return True

    @on(MappingBoard.CursorMoved)
    def _cursor_moved(self) -> None:
        self.refresh_bindings()

    @on(MappingBoard.TargetChosen)
    def _target_chosen(self) -> None:
        self._preview(self.query_one("#capture", DraftInput).value)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _entry(self) -> tuple[int, MappingEntryDoc] | None:
        cursor = self.board.cursor
        if cursor is None or cursor not in self.state.ids["mapping"]:
            return None
        return cursor, self.state.conf.mapping[self.state.ids["mapping"].index(cursor)]

    def action_delete_entry(self) -> None:
        found = self._entry()
        if found is None:
            return
        ids = self.state.ids["mapping"]
        after = ids[ids.index(found[0]) + 1] if ids.index(found[0]) + 1 < len(ids) else None
        snapshot = self.edit(
            lambda: self.meeting.delete_entry(found[0]), "entry deleted. u undoes it."
        )
        if snapshot is not None:
            self.deleted.append(snapshot)
            self.board.move_to(after if after in self.state.ids["mapping"] else None)
            self.refresh_bindings()

    def action_undo(self) -> None:
        if not self.deleted:
            return
        snapshot = self.deleted[-1]
        entry_id = self.edit(lambda: self.meeting.restore_entry(snapshot), "entry put back.")
        if entry_id is not None:
            self.deleted.pop()
            self.board.move_to(entry_id)
            self.refresh_bindings()

    def action_shift(self, step: int) -> None:
        found = self._entry()
        if found is not None:
            self.edit(lambda: self.meeting.shift_entry(found[0], step), "order.")

    def action_toggle_confidential(self) -> None:
        found = self._entry()
        if found is not None:
            secret = not found[1].confidential
            self.edit(
                lambda: self.meeting.update_entry(found[0], confidential=secret),
                "marked confidential." if secret else "no longer confidential.",
            )

    def action_cycle_nature(self) -> None:
        found = self._entry()
        if found is not None:
            nature = NATURE_CYCLE[(NATURE_CYCLE.index(found[1].nature) + 1) % len(NATURE_CYCLE)]
            self.edit(
                lambda: self.meeting.update_entry(found[0], nature=nature),
                f"marked {nature or 'without fact, allegation or opinion'}.",
            )

    def action_move_entry(self) -> None:
        from cpchair.widgets.column_picker import ColumnPicker

        found = self._entry()
        if found is None:
            return
        entry_id, entry = found

        def chosen(column: str | None) -> None:
            if column and column != entry.column:
                self.edit(
                    lambda: self.meeting.update_entry(entry_id, column=column),
                    f"moved to {MAPPING_LABELS[column].lower()}.",
                )
                self.board.move_to(entry_id)

        self.app.push_screen(ColumnPicker(entry.column), chosen)

    def action_edit_entry(self) -> None:
        from cpchair.widgets.entry_editor import entry_editor

        found = self._entry()
        if found is None:
            return
        entry_id, entry = found
        editor = entry_editor(self.meeting, self.state, entry_id, entry, self.conference.reload)
        self.app.push_screen(editor, lambda _: self.board.focus())


__all__ = ["LETTERS", "MappingPanel"]
