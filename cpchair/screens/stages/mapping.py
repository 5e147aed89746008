"""Mapping: the board of worries, strengths and grey areas, and the quick capture line.

The minute-taker types `h: what was said` and presses Enter: the entry is shown at once (the
state is patched in place, not read again) and written behind the meeting's other writes, in
a thread of their own (store/queue.py), so the next key never waits on a commit. Changes to
cards join the same queue, so one made to a card still being written is made after it. Tab
moves between the line and the board; on the board, Enter edits the card under the cursor, m
moves it to another column, [ and ] reorder it, x deletes it and u puts the last deleted one
back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from cpchair.capture import HINT, LETTERS, Choice, parse_capture
from cpchair.caseio.schema import MappingEntryDoc
from cpchair.rules.child_names import first_name_of
from cpchair.screens.stages.base import StagePanel
from cpchair.store import EditError, edits
from cpchair.store.meeting import MeetingState
from cpchair.store.queue import Done, Outcome
from cpchair.store.rows import LOCKED
from cpchair.store.stale import Expect, listed, words
from cpchair.vocab import MAPPING_LABELS, NATURE_LABELS
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.mapping_board import MappingBoard

SLOT = "mapping.capture"
FAILED = (
    "The entry could not be saved: the database could not be written (another program may "
    "be holding it)."
)
FAILED_CHANGE = (
    "The change could not be saved: the database could not be written (another program may "
    "be holding it)."
)
BACK = "The line is back in the capture line: press Enter there to try again."
NOT_SAVED_ON_LEAVING = (
    "{n} change{s} to the mapping could not be saved as the meeting was left: the database "
    "could not be written. The capture line's last text is kept as a draft."
)


class Wrote(Message):
    """A queued write of this panel's is done (posted from the writer's thread): `then`
    runs on the screen's thread."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self.then = then


NATURE_CYCLE = [None, "fact", "allegation", "opinion"]
SAID = {"nature": NATURE_LABELS, "column": MAPPING_LABELS}  # a card's choices, in words


def shown(conference: str, entry_id: int, field: str, was: Any, to: Any) -> Expect:
    """A key's change to a card, made from what the board showed: refused if the other seat
    changed it meanwhile (unless to the same), and the board then shows theirs
    (store/stale.py). Built in the writer's thread, once the card has its real id."""
    found = listed(conference, "mapping", entry_id, field)
    return Expect(found, was, to, words(SAID[field]), key=True)


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
        # Snapshots of deleted entries, for undo: pushed and popped by the queued writes, in
        # the writer's thread and in their turn (a delete queued behind an add, an undo
        # behind the delete); read here for whether undo has anything to do.
        self.deleted: list[dict[str, Any]] = []
        self._deleting = 0  # deletes queued and not yet done
        self._pending = 0  # entries shown but not yet written count down from -1
        self._provisional: dict[int, MappingEntryDoc] = {}  # drawn, their write queued
        self._stale = False  # a queued change is written: read again once the queue is idle
        self._given = ""  # lines given back to the capture line, at its front
        self._outbox: list[tuple[Callable[[], Any], Done | None]] = []  # for the next frame

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
        ids = state.ids["mapping"]
        for temporary, entry in self._provisional.items():  # a read made before their write
            if temporary not in ids and self.meeting.writes.settled(temporary) not in ids:
                conf.mapping.append(entry)
                ids.append(temporary)
        self.board.show(conf.mapping, state.ids["mapping"], conf.attendees, state.case.children)

    def focus_first(self) -> None:
        self.query_one("#capture", DraftInput).focus()

    def on_unmount(self) -> None:
        # Leaving the meeting: written before the window goes. What could not be is said by
        # the app, as this panel can no longer show it.
        lost = self.write_now()
        if lost:
            self.app.notify(NOT_SAVED_ON_LEAVING.format(n=lost, s="s" * (lost != 1)),
                            title="Not saved", severity="error", timeout=30)  # fmt: skip

    def write_now(self) -> int:
        """Hand over the writes waiting for a frame and wait for every queued one; how many
        of them were refused or failed."""
        writes = self.meeting.writes
        before = writes.not_written
        self._send()
        writes.flush()
        return writes.not_written - before

    # --- writing ---------------------------------------------------------------------------------

    def _submit(self, write: Callable[[], Any], done: Done | None = None) -> None:
        """Queue a write: handed to the meeting's queue (store/queue.py) once the next frame
        is drawn, so the frame showing a card is not slowed by its write's thread taking the
        processor; every write of this panel's goes this way, so their order is kept."""
        self._outbox.append((write, done))
        if len(self._outbox) == 1:
            self.call_after_refresh(self._send)

    def _send(self) -> None:
        outbox, self._outbox = self._outbox, []
        for write, done in outbox:
            self.meeting.writes.submit(write, done)

    @property
    def _writing(self) -> bool:
        return bool(self._outbox) or self.meeting.writes.pending

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

    def save_draft(self, slot: str, text: str) -> None:
        """The capture line's draft goes through the meeting's write queue, in turn with the
        entries filed from it: typing never waits on a commit."""
        meeting = self.meeting
        self._submit(
            lambda: meeting.keep(edits.working.save_draft, slot, text), self._wrote(self._kept)
        )

    def _kept(self, outcome: Outcome[Any]) -> None:
        if not outcome.ok:
            self.hold("What is typed in the capture line could not be kept as a draft: the "
                      "database could not be written. It is still in the line.")  # fmt: skip

    def file_line(self, line: str) -> bool:
        """Enter in the capture line: show the entry at once, then save it.

        The line is checked first, so a refusal changes nothing and keeps the line. The entry
        is drawn in its column with a provisional id straight away; its write joins the
        meeting's queue (store/queue.py), behind the line's draft, and runs in the queue's
        thread. The draft is deleted in the entry's own commit, so a crash in between loses
        nothing: the line comes back as a draft. A write refused or failed takes the card
        back and puts the line back in the capture line (`_added`).
        """
        capture = parse_capture(line, self._people(), self._children())
        if not capture.ok:
            self.refuse(" ".join(capture.problems) + " The line is kept.")
            return False
        if self.state.conf.status == "concluded":
            self.refuse(LOCKED)
            return False
        self.query_one("#capture", DraftInput).keep_draft()  # queued first: see above
        column = capture.column or self.board.target
        values: dict[str, Any] = {
            "column": column, "text": capture.text, "nature": capture.nature,
            "source": capture.source, "confidential": capture.confidential,
            "children": list(capture.children),
        }  # fmt: skip
        entry = MappingEntryDoc.model_validate(values)
        self._pending -= 1
        temporary = self._pending  # a negative id until the database gives the real one
        self._provisional[temporary] = entry
        self.state.conf.mapping.append(entry)
        self.state.ids["mapping"].append(temporary)
        self.board.set_target(column)
        self.board.append(temporary, entry, self.state.conf.attendees, self.state.case.children)
        self.state_changed()
        meeting, writes = self.meeting, self.meeting.writes

        def write() -> int:
            try:
                entry_id = meeting.edit(edits.mapping.add_entry, draft_slot=SLOT, **values).value
            except Exception:
                writes.settle(temporary, None)  # what was queued for this card is refused
                raise
            writes.settle(temporary, entry_id)
            return entry_id

        done = partial(self._added, temporary, line, values)
        self._submit(write, self._wrote(done))
        return True

    def _wrote(self, then: Callable[[Outcome[Any]], None]) -> Callable[[Outcome[Any]], None]:
        """A queued write's `done`: in the writer's thread, tell this panel, which runs
        `then(outcome)` on the screen's thread."""

        def done(outcome: Outcome[Any]) -> None:
            self.post_message(Wrote(partial(then, outcome)))

        return done

    @on(Wrote)
    def _on_wrote(self, message: Wrote) -> None:
        message.then()
        if self._stale and not self._writing:
            self._stale = False
            self.reload()

    def _added(
        self, temporary: int, line: str, values: dict[str, Any], outcome: Outcome[Any]
    ) -> None:
        self._provisional.pop(temporary, None)
        ids = self.state.ids["mapping"]
        if outcome.ok:
            secret = " (confidential)" if values["confidential"] else ""
            self.saved(f"{MAPPING_LABELS[values['column']].lower()} entry{secret}.")
            entry_id = cast("int", outcome.value)
            if temporary not in ids:
                return  # read again since: the read shows it, or the next one will
            if entry_id in ids:  # read again after the write: shown twice, for now
                del self.state.conf.mapping[ids.index(temporary)]
                ids.remove(temporary)
                self.show(self.state)
            else:
                ids[ids.index(temporary)] = entry_id
                self.board.rename(temporary, entry_id)
            return
        # Refused after all (the conference was concluded elsewhere, say), or not written:
        # take it back off the board and give the line back.
        if temporary in ids:
            del self.state.conf.mapping[ids.index(temporary)]
            ids.remove(temporary)
            self.show(self.state)
            self.state_changed()
        self._give_back(line)
        why = outcome.refused or FAILED
        self.refuse(f"{why} {BACK}")

    def _give_back(self, line: str) -> None:
        """Put a line that was not filed back in the capture line, never over what is being
        typed: before it, after any line given back already, the cursor where it was in it."""
        box = self.query_one("#capture", DraftInput)
        typed = box.value
        if not typed.strip():
            box.value = line
            box.cursor_position = len(line)
            return
        front = self._given if self._given and typed.startswith(self._given) else ""
        given = f"{front}{line}  "
        cursor = box.cursor_position - len(front) + len(given)
        box.value = given + typed[len(front) :]
        box.cursor_position = cursor
        self._given = given

    # --- the card under the cursor ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_board = self.board.has_focus
        if action == "undo":
            return on_board and bool(self.deleted or self._deleting)
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
        """The card under the cursor: one still being written too (its id is provisional;
        a change to it is queued behind its write, and made once it has its real id)."""
        cursor = self.board.cursor
        if cursor is None or cursor not in self.state.ids["mapping"]:
            return None
        return cursor, self.state.conf.mapping[self.state.ids["mapping"].index(cursor)]

    def _now_id(self, entry_id: int) -> int | None:
        """The id a card has now: its real one once its write is done."""
        return entry_id if entry_id >= 0 else self.meeting.writes.settled(entry_id)

    def _change(
        self,
        write: Callable[[Callable[[int], int]], Any],
        done: str,
        then: Callable[[Any], None] | None = None,
        settled: Callable[[], None] | None = None,
    ) -> None:
        """A change to a card, queued behind the writes before it, in their order:
        `write(real)` runs in the writer's thread, `real` giving a card's database id. The
        meeting is read again once the queue is idle, then `then(value)` if it was made;
        `settled()` runs whatever the outcome."""
        writes = self.meeting.writes

        def finished(outcome: Outcome[Any]) -> None:
            if settled is not None:
                settled()
            self._stale = True
            if outcome.ok:
                self.saved(done)
            else:
                self.refuse(outcome.refused or FAILED_CHANGE)
            if not self._writing:
                self._stale = False
                self.reload()
            if outcome.ok and then is not None:
                then(outcome.value)
            self.refresh_bindings()

        self._submit(lambda: write(writes.real), self._wrote(finished))

    def _patch(self, entry_id: int, **changes: Any) -> None:
        """Show a change to a card at once, before it is written (a second key on the same
        card then goes on from it)."""
        ids = self.state.ids["mapping"]
        entries = self.state.conf.mapping
        i = ids.index(entry_id)
        entries[i] = entries[i].model_copy(update=changes)
        if entry_id in self._provisional:
            self._provisional[entry_id] = entries[i]
        self.show(self.state)

    def action_delete_entry(self) -> None:
        found = self._entry()
        if found is None:
            return
        entry_id = found[0]
        ids = self.state.ids["mapping"]
        i = ids.index(entry_id)
        after = ids[i + 1] if i + 1 < len(ids) else None
        meeting, deleted = self.meeting, self.deleted

        def write(real: Callable[[int], int]) -> None:
            deleted.append(meeting.edit(edits.mapping.delete_entry, real(entry_id)).value)

        def finished() -> None:  # made or refused: no longer waiting to be undone
            self._deleting -= 1

        # Gone from the board at once; a refusal reads the meeting again and it comes back.
        del self.state.conf.mapping[i]
        ids.remove(entry_id)
        self._provisional.pop(entry_id, None)
        self.show(self.state)
        self._deleting += 1
        self.board.move_to(after)
        self._change(write, "entry deleted. u undoes it.", settled=finished)
        self.refresh_bindings()

    def action_undo(self) -> None:
        meeting, deleted = self.meeting, self.deleted

        def write(_real: Callable[[int], int]) -> int:
            if not deleted:  # the delete it undoes was refused
                raise EditError("There is no deleted entry to put back.")
            snapshot = deleted.pop()
            try:
                return meeting.edit(edits.mapping.restore_entry, snapshot).value
            except Exception:
                deleted.append(snapshot)
                raise

        self._change(write, "entry put back.", self.board.move_to)

    def action_shift(self, step: int) -> None:
        found = self._entry()
        if found is not None:
            entry_id, meeting = found[0], self.meeting
            self._change(
                lambda real: meeting.edit(edits.mapping.shift_entry, real(entry_id), step),
                "order.",
            )

    def action_toggle_confidential(self) -> None:
        found = self._entry()
        if found is not None:
            entry_id, meeting = found[0], self.meeting
            secret = not found[1].confidential
            self._patch(entry_id, confidential=secret)
            self._change(
                lambda real: meeting.edit(
                    edits.mapping.update_entry, real(entry_id), confidential=secret
                ),
                "marked confidential." if secret else "no longer confidential.",
            )

    def action_cycle_nature(self) -> None:
        found = self._entry()
        if found is not None:
            entry_id, meeting, was = found[0], self.meeting, found[1].nature
            nature = NATURE_CYCLE[(NATURE_CYCLE.index(was) + 1) % len(NATURE_CYCLE)]
            self._patch(entry_id, nature=nature)
            self._change(
                lambda real: meeting.edit_if(
                    shown(meeting.conference, real(entry_id), "nature", was, nature),
                    edits.mapping.update_entry,
                    real(entry_id),
                    nature=nature,
                ),
                f"marked {nature or 'without fact, allegation or opinion'}.",
            )

    def action_move_entry(self) -> None:
        from cpchair.dialogs.column import ColumnPicker

        found = self._entry()
        if found is None:
            return
        entry_id, entry = found
        meeting = self.meeting

        def moved(_value: object) -> None:
            self.board.move_to(self._now_id(entry_id))

        def chosen(column: str | None) -> None:
            if column and column != entry.column:
                self._change(
                    lambda real: meeting.edit_if(
                        shown(meeting.conference, real(entry_id), "column", entry.column, column),
                        edits.mapping.update_entry,
                        real(entry_id),
                        column=column,
                    ),
                    f"moved to {MAPPING_LABELS[column].lower()}.",
                    moved,
                )

        self.app.push_screen(ColumnPicker(entry.column), chosen)

    def action_edit_entry(self) -> None:
        found = self._entry()
        if found is not None:
            # Opened once the writes before it are done: the card has its real id by then.
            entry_id = found[0]
            self._change(lambda _real: None, "", lambda _value: self._open_editor(entry_id))

    def _open_editor(self, entry_id: int) -> None:
        from cpchair.dialogs.mapping_entry import entry_editor

        now = self._now_id(entry_id)
        ids = self.state.ids["mapping"]
        if now is None or now not in ids:
            return  # never written, or deleted meanwhile
        entry = self.state.conf.mapping[ids.index(now)]
        editor = entry_editor(self.meeting, self.state, now, entry, self.reload)

        def closed(_key: str | None) -> None:
            self.board.focus()

        self.app.push_screen(editor, closed)


__all__ = ["LETTERS", "MappingPanel"]
