"""Mapping: the board of worries, strengths and grey areas, and the quick capture line.

The minute-taker types `h: what was said` and presses Enter: the entry is saved and shown at
once (the state is patched in place, not read again). Tab moves between the line and the
board; on the board, Enter edits the card under the cursor, m moves it to another column,
[ and ] reorder it, x deletes it and u puts the last deleted one back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

from cpchair.capture import HINT, LETTERS, Choice, parse_capture
from cpchair.caseio.schema import MappingEntryDoc
from cpchair.rules.child_names import first_name_of
from cpchair.screens.stages.base import StagePanel
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.rows import LOCKED
from cpchair.vocab import MAPPING_LABELS
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.mapping_board import MappingBoard

SLOT = "mapping.capture"
NATURE_CYCLE = [None, "fact", "allegation", "opinion"]


class MappingPanel(StagePanel):
    stage = "mapping"
    DEFAULT_CSS = """
    MappingPanel #capture-row { height: 1; margin-top: 1; }
    MappingPanel #goes-to { width: 23; padding: 0 1; color: $text-accent; text-style: bold; }
    MappingPanel #capture { width: 1fr; height: 1; }  /* fixed: typing never lays out the board */
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
        self._pending = 0  # entries shown but not yet written count down from -1

    def compose(self) -> ComposeResult:
        yield MappingBoard(id="board")
        with Horizontal(id="capture-row"):
            yield Static("", id="goes-to", markup=False)
            yield DraftInput(
                SLOT,
                self.save_draft,
                self.conference.drafts.get(SLOT, ""),
                file=self.file_line,
                id="capture",
                placeholder="h: what was said, then Enter",
                compact=True,
            )
        yield Static(HINT, id="capture-hint", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#capture", DraftInput)
        box.files_draft = True  # add_entry(draft_slot=...) clears it with the entry
        self._preview(box.value)

    @property
    def board(self) -> MappingBoard:
        return self.query_one("#board", MappingBoard)

    def show(self, state: MeetingState) -> None:
        conf = state.conf
        self.board.show(conf.mapping, state.ids["mapping"], conf.attendees, state.case.children)

    def focus_first(self) -> None:
        self.query_one("#capture", DraftInput).focus()

    # --- the capture line ------------------------------------------------------------------------

    def _people(self) -> list[Choice]:
        return [Choice(a.key, a.name, a.role) for a in self.state.conf.attendees]

    def _children(self) -> list[Choice]:
        return [Choice(c.key, first_name_of(c)) for c in self.state.case.children]

    @on(Input.Changed, "#capture")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, text: str) -> None:
        """Say where the line will go, before Enter: a `!` at the end counts too."""
        capture = parse_capture(text)  # names are not looked up: only the column matters
        target = capture.column or self.board.target
        label = f"→ {MAPPING_LABELS[target]}{' (conf.)' if capture.confidential else ''}"
        goes_to = self.query_one("#goes-to", Static)
        if str(goes_to.content) != label:  # a keystroke must not cost a layout of the board
            goes_to.update(label, layout=False)

    def file_line(self, line: str) -> bool:
        """Enter in the capture line: show the entry at once, then save it.

        The line is checked first, so a refusal changes nothing and keeps the line. The entry
        is drawn in its column straight away and written to the database just after that
        frame (so the minute-taker never waits on the disk); its draft goes in the same
        commit, so a crash in between loses nothing: the line comes back as a draft.
        """
        capture = parse_capture(line, self._people(), self._children())
        if not capture.ok:
            self.refuse(" ".join(capture.problems) + " The line is kept.")
            return False
        if self.state.conf.status == "concluded":
            self.refuse(LOCKED)
            return False
        # The entry is drawn before it is written: the line is a draft first (one quick
        # write, only if the pause has not already kept it), so a crash in between loses
        # nothing; the entry's own write then removes the draft in the same commit.
        self.query_one("#capture", DraftInput).keep_draft()
        column = capture.column or self.board.target
        values = {
            "column": column, "text": capture.text, "nature": capture.nature,
            "source": capture.source, "confidential": capture.confidential,
            "children": list(capture.children),
        }  # fmt: skip
        entry = MappingEntryDoc.model_validate(values)
        self._pending -= 1
        temporary = self._pending  # a negative id until the database gives the real one
        self.state.conf.mapping.append(entry)
        self.state.ids["mapping"].append(temporary)
        self.board.set_target(column)
        self.board.append(temporary, entry, self.state.conf.attendees, self.state.case.children)
        self.state_changed()
        self.call_after_refresh(self._save_entry, temporary, values, line, dt.datetime.now())
        return True

    def _save_entry(
        self, temporary: int, values: dict[str, Any], line: str, sent_at: dt.datetime
    ) -> None:
        secret = " (confidential)" if values["confidential"] else ""
        done, entry_id = self.attempt(
            lambda: self.meeting.edit(
                edits.mapping.add_entry, draft_slot=SLOT, typed_by=sent_at, **values
            ),
            f"{MAPPING_LABELS[values['column']].lower()} entry{secret}.",
            reload=False,
        )
        ids = self.state.ids["mapping"]
        if temporary not in ids:
            # The meeting was read again in between (a change made outside this window) and
            # the read came before this write: read once more, so the entry shows.
            if done:
                self.reload()
            return
        if done and entry_id is not None:
            ids[ids.index(temporary)] = entry_id
            self.board.rename(temporary, entry_id)
            return
        # Refused after all (the conference was concluded elsewhere, say): take it back off
        # the board and give the line back, unless something new is being typed.
        del self.state.conf.mapping[ids.index(temporary)]
        ids.remove(temporary)
        self.show(self.state)
        box = self.query_one("#capture", DraftInput)
        if not box.value.strip():
            box.value = line

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
        if cursor is None or cursor < 0 or cursor not in self.state.ids["mapping"]:
            return None  # not there, or still being written
        return cursor, self.state.conf.mapping[self.state.ids["mapping"].index(cursor)]

    def action_delete_entry(self) -> None:
        found = self._entry()
        if found is None:
            return
        ids = self.state.ids["mapping"]
        after = ids[ids.index(found[0]) + 1] if ids.index(found[0]) + 1 < len(ids) else None
        snapshot = self.edit(
            lambda: self.meeting.edit(edits.mapping.delete_entry, found[0]),
            "entry deleted. u undoes it.",
        )
        if snapshot is not None:
            self.deleted.append(snapshot)
            self.board.move_to(after if after in self.state.ids["mapping"] else None)
            self.refresh_bindings()

    def action_undo(self) -> None:
        if not self.deleted:
            return
        snapshot = self.deleted[-1]
        entry_id = self.edit(
            lambda: self.meeting.edit(edits.mapping.restore_entry, snapshot), "entry put back."
        )
        if entry_id is not None:
            self.deleted.pop()
            self.board.move_to(entry_id)
            self.refresh_bindings()

    def action_shift(self, step: int) -> None:
        found = self._entry()
        if found is not None:
            self.edit(
                lambda: self.meeting.edit(edits.mapping.shift_entry, found[0], step), "order."
            )

    def action_toggle_confidential(self) -> None:
        found = self._entry()
        if found is not None:
            secret = not found[1].confidential
            self.edit(
                lambda: self.meeting.edit(
                    edits.mapping.update_entry, found[0], confidential=secret
                ),
                "marked confidential." if secret else "no longer confidential.",
            )

    def action_cycle_nature(self) -> None:
        found = self._entry()
        if found is not None:
            nature = NATURE_CYCLE[(NATURE_CYCLE.index(found[1].nature) + 1) % len(NATURE_CYCLE)]
            self.edit(
                lambda: self.meeting.edit(edits.mapping.update_entry, found[0], nature=nature),
                f"marked {nature or 'without fact, allegation or opinion'}.",
            )

    def action_move_entry(self) -> None:
        from cpchair.dialogs.column import ColumnPicker

        found = self._entry()
        if found is None:
            return
        entry_id, entry = found

        def chosen(column: str | None) -> None:
            if column and column != entry.column:
                self.edit(
                    lambda: self.meeting.edit(edits.mapping.update_entry, entry_id, column=column),
                    f"moved to {MAPPING_LABELS[column].lower()}.",
                )
                self.board.move_to(entry_id)

        self.app.push_screen(ColumnPicker(entry.column), chosen)

    def action_edit_entry(self) -> None:
        from cpchair.dialogs.mapping_entry import entry_editor

        found = self._entry()
        if found is None:
            return
        entry_id, entry = found
        editor = entry_editor(self.meeting, self.state, entry_id, entry, self.reload)

        def closed(_key: str | None) -> None:
            self.board.focus()

        self.app.push_screen(editor, closed)


__all__ = ["LETTERS", "MappingPanel"]
