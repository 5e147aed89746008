"""One conference as the live meeting sees it: a read of the whole case, plus the ids of the rows
the format lists without keys, and one method per edit (each its own short transaction).

Screens hold a `Meeting` and a `MeetingState`; after an edit they read the state again, or
patch it in place when speed matters (a mapping entry as the minute-taker presses Enter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.store import live, working
from cpchair.store.decision_edits import DecisionEdits
from cpchair.store.edits import NotFoundError, case_row, case_version, conference_row
from cpchair.store.plan_edits import PlanEdits
from cpchair.store.scaling_edits import ScalingEdits

if TYPE_CHECKING:
    from cpchair.store import Store

T = TypeVar("T")

# Lists of a conference whose rows have no key of their own, with the table behind each.
KEYLESS: dict[str, type[Any]] = {
    "mapping": m.MappingEntry,
    "safety_goals": m.SafetyGoal,
    "views": m.View,
    "incidents": m.Incident,
    "exclusions": m.Exclusion,
    "views_not_given": m.ViewNotGiven,
    "advocate_not_used": m.AdvocateNotUsed,
}


@dataclass
class MeetingState:
    case: CaseDoc
    conf: ConferenceDoc
    # For each keyless list, the database ids in the same order as the document's list.
    ids: dict[str, list[int]] = field(default_factory=dict)
    # An independent round of scaling stays hidden until the chair reveals it (working state).
    revealed: bool = True

    @property
    def previous(self) -> ConferenceDoc | None:
        """The conference before this one (a review looks back at it)."""
        confs = self.case.conferences
        i = next(i for i, c in enumerate(confs) if c.key == self.conf.key)
        return confs[i - 1] if i > 0 else None

    def attendee(self, key: str | None) -> Any:
        return next((a for a in self.conf.attendees if a.key == key), None)

    def child(self, key: str | None) -> Any:
        return next((c for c in self.case.children if c.key == key), None)


def _row_ids(session: Session, conference_id: int) -> dict[str, list[int]]:
    ids = {}
    for name, table in KEYLESS.items():
        ids[name] = list(
            session.exec(
                select(table.id)
                .where(table.conference_id == conference_id)
                .order_by(col(table.position), col(table.id))
            )
        )
    return ids


class Meeting(ScalingEdits, DecisionEdits, PlanEdits):
    """Edits to one conference of one case, in the store's transactions.

    The later stages' edits live in their own mixins (store/scaling_edits.py and so on).
    """

    def __init__(self, store: Store, reference: str, conference: str) -> None:
        self.store = store
        self.reference = reference
        self.conference = conference
        # The case's version (its `updated_at`) as of the last `load`: the screen asks the
        # store whether a newer one is only its own edits (`Store.explains`).
        self.seen: dt.datetime | None = None

    def _write(self, fn: Callable[..., T], *args: Any) -> T:
        return self.store._edit(fn, self.reference, self.conference, *args)

    # --- reading -------------------------------------------------------------------------------

    def load(self, *, alone: bool = False) -> MeetingState:
        """The case as it stands; `alone` leaves out the other conferences (the wall needs
        none of them, and reads again at every change)."""
        from cpchair.store.read import load_case_doc

        with self.store.session() as s:
            case = case_row(s, self.reference)
            seen = case.updated_at  # first: a change landing during the read shows as newer
            conf_row = conference_row(s, case, self.conference)
            doc = load_case_doc(s, case, only=conf_row.id if alone else None)
            ids = _row_ids(s, conf_row.id)  # type: ignore[arg-type]
            revealed = s.exec(
                select(m.Scaling.revealed).where(m.Scaling.conference_id == conf_row.id)
            ).first()
        conf = next(c for c in doc.conferences if c.key == self.conference)
        self.seen = seen
        return MeetingState(doc, conf, ids, revealed=revealed is not False)

    def exists(self) -> bool:
        try:
            with self.store.session() as s:
                conference_row(s, case_row(s, self.reference), self.conference)
        except NotFoundError:
            return False
        return True

    def version(self) -> dt.datetime | None:
        """When the case last changed: a cheap check for a watcher (store/watch.py)."""
        with self.store.session() as s:
            return case_version(s, self.reference)

    # --- the conference's own fields --------------------------------------------------------------

    def update(self, **changes: Any) -> None:
        """Fields of the conference itself; refused once it is concluded."""

        def write(s: Session, reference: str, conference: str, changes: dict[str, Any]) -> None:
            from cpchair.store.edits import update_conference

            live.open_conference(s, reference, conference)
            update_conference(s, reference, conference, changes)

        self._write(write, changes)  # given, not closed over: the audit line names the fields

    def begin(self) -> bool:
        """Opening a prepared conference marks it in progress; True if it changed."""

        def write(s: Session, reference: str, conference: str) -> bool:
            row = conference_row(s, case_row(s, reference), conference)
            if row.status != "prepared":
                return False
            from cpchair.store.edits import update_conference

            update_conference(s, reference, conference, {"status": "in_progress"})
            return True

        return self._write(write)

    def update_attendee(self, key: str, **changes: Any) -> None:
        from cpchair.store.edits import update_attendee

        def write(s: Session, reference: str, conference: str, changes: dict[str, Any]) -> None:
            live.open_conference(s, reference, conference)
            update_attendee(s, reference, conference, key, changes)

        self._write(write, changes)

    def add_attendee(self, **values: Any) -> str:
        from cpchair.store.edits import add_attendee

        def write(s: Session, reference: str, conference: str) -> str:
            live.open_conference(s, reference, conference)
            direct_contact = values.pop("direct_contact", None)
            person = values.pop("person", None)
            return add_attendee(s, reference, conference, values, direct_contact, person)

        return self._write(write)

    # --- mapping -------------------------------------------------------------------------------

    def add_entry(
        self,
        *,
        draft_slot: str | None = None,
        typed_by: dt.datetime | None = None,
        **values: Any,
    ) -> int:
        return self._write(live.add_entry, values, draft_slot, typed_by)

    def update_entry(self, entry_id: int, **changes: Any) -> None:
        self._write(live.update_entry, entry_id, changes)

    def shift_entry(self, entry_id: int, step: int) -> bool:
        return self._write(live.shift_entry, entry_id, step)

    def delete_entry(self, entry_id: int) -> dict[str, Any]:
        return self._write(live.delete_entry, entry_id)

    def restore_entry(self, snapshot: dict[str, Any]) -> int:
        return self._write(live.restore_entry, snapshot)

    # --- danger statements and safety goals ------------------------------------------------------

    def add_statement(self, text: str, children: list[str]) -> str:
        return self._write(live.add_statement, text, children)

    def update_statement(self, key: str, **changes: Any) -> None:
        self._write(live.update_statement, key, changes)

    def remove_statement(self, key: str) -> None:
        self._write(live.remove_statement, key)

    def add_goal(self, text: str, statement: str | None, children: list[str]) -> int:
        return self._write(live.add_goal, text, statement, children)

    def update_goal(self, goal_id: int, **changes: Any) -> None:
        self._write(live.update_goal, goal_id, changes)

    def remove_goal(self, goal_id: int) -> None:
        self._write(live.remove_goal, goal_id)

    # --- opening and history -------------------------------------------------------------------

    def add_exclusion(self, **values: Any) -> int:
        return self._write(live.add_exclusion, values)

    def exclude(self, **values: Any) -> int:
        """An exclusion recorded from the register: the person is marked excluded with it, in
        one change, so the register never says "excluded" without the reason."""
        from cpchair.store.edits import update_attendee

        def write(s: Session, reference: str, conference: str) -> int:
            row_id = live.add_exclusion(s, reference, conference, values)
            update_attendee(
                s, reference, conference, values["attendee"], {"attendance": "excluded"}
            )
            return row_id

        return self._write(write)

    def update_exclusion(self, row_id: int, **changes: Any) -> None:
        self._write(live.update_exclusion, row_id, changes)

    def add_view(self, **values: Any) -> int:
        return self._write(live.add_view, values)

    def update_view(self, row_id: int, **changes: Any) -> None:
        self._write(live.update_view, row_id, changes)

    def remove(self, kind: str, row_id: int) -> None:
        self._write(live.remove_row, kind, row_id)

    def set_incident(self, **values: Any) -> None:
        self._write(live.set_incident, values)

    def mark_incident(self, which: str, confidential: bool) -> None:
        self._write(live.mark_incident, which, confidential)

    # --- participation ---------------------------------------------------------------------------

    def add_view_not_given(self, **values: Any) -> int:
        return self._write(live.add_view_not_given, values)

    def update_view_not_given(self, row_id: int, **changes: Any) -> None:
        self._write(live.update_view_not_given, row_id, changes)

    def add_advocate_not_used(self, **values: Any) -> int:
        return self._write(live.add_advocate_not_used, values)

    def update_advocate_not_used(self, row_id: int, **changes: Any) -> None:
        self._write(live.update_advocate_not_used, row_id, changes)

    # --- working state -------------------------------------------------------------------------

    def _keep(self, fn: Callable[..., Any], *args: Any) -> None:
        """Working state is kept as the meeting goes; once the conference has been deleted
        or replaced elsewhere there is nowhere to keep it, and the typing must not stop."""
        with suppress(NotFoundError):
            self._write(fn, *args)

    def save_draft(self, slot: str, text: str) -> None:
        self._keep(working.save_draft, slot, text)

    def drafts(self) -> dict[str, str]:
        return self._write(working.drafts)

    def enter_stage(self, stage: str, at: dt.datetime, *, close_previous: bool = True) -> None:
        self._keep(working.enter_stage, stage, at, close_previous)

    def mark_time(self, at: dt.datetime) -> None:
        self._keep(working.mark_time, at)

    def stage_visits(self) -> list[tuple[str, dt.datetime, dt.datetime | None]]:
        return self._write(working.stage_visits)
