"""One conference as the live meeting sees it: a read of the whole case, plus the ids of the rows
the format lists without keys, and the one way to edit it (`Meeting.edit`).

An edit is a function of store/edits/ (`mapping.add_entry`, `scaling.set_score`...) run in a
transaction of its own; `edit` returns what changed: the part of the meeting, and what the
edit gave back (the new row's id or key). The panel that made the edit redraws itself; the
other stages are drawn from the state the screen holds when they are entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, Generic, Literal, ParamSpec, TypeVar, get_args

from sqlmodel import Session, select

from cpchair import models as m
from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ChildDoc, ConferenceDoc
from cpchair.store.errors import NotFoundError
from cpchair.store.queue import WriteQueue
from cpchair.store.rows import case_row, case_version, conference_row
from cpchair.store.stale import Expect

if TYPE_CHECKING:
    from cpchair.store import Store

P = ParamSpec("P")
R = TypeVar("R")

# An edit: `fn(session, reference, conference, ...)`. A ParamSpec, not a dataclass per edit,
# keeps each edit one plain function whose own parameters type-check the call
# (`meeting.edit(mapping.update_entry, 4, text="...")`), and leaves the audit trail reading
# the function's name and parameter names as it always has (store/audit.py).
Edit = Callable[Concatenate[Session, str, str, P], R]

# The parts of a meeting, each the name of the module under store/edits/ that edits it.
Part = Literal[
    "conference", "register", "mapping", "dangers", "history", "participation", "scaling",
    "decisions", "plan", "working",
]  # fmt: skip


@dataclass(frozen=True)
class Changed(Generic[R]):
    """What an edit changed: the part of the meeting, and what the edit gave back (the new
    row's id or key, whether a row moved...)."""

    part: Part
    value: R


PARTS: tuple[Part, ...] = get_args(Part)


def part_of(fn: Callable[..., Any]) -> Part:
    """The part of the meeting an edit changes: the name of its module under store/edits/.
    A case-file edit (case, schedule, attendees) is no part of a meeting, and is refused."""
    module = fn.__module__.rsplit(".", 1)[-1]
    for part in PARTS:
        if part == module:
            return part
    raise ValueError(f"{fn.__qualname__} is not an edit of a meeting")


# Lists of a conference whose rows have no key of their own: a screen addresses an entry by
# the id of the row it was read from (`MeetingState.ids`).
KEYLESS = (
    "mapping",
    "safety_goals",
    "views",
    "incidents",
    "exclusions",
    "views_not_given",
    "advocate_not_used",
)


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

    def attendee(self, key: str | None) -> AttendeeDoc | None:
        return next((a for a in self.conf.attendees if a.key == key), None)

    def child(self, key: str | None) -> ChildDoc | None:
        return next((c for c in self.case.children if c.key == key), None)


class Meeting:
    """Edits to one conference of one case, each in the store's own transaction."""

    def __init__(self, store: Store, reference: str, conference: str) -> None:
        self.store = store
        self.reference = reference
        self.conference = conference
        # The case's version (its `updated_at`) as of the last `load`: the screen asks the
        # store whether a newer one is only its own edits (`Store.explains`).
        self.seen: dt.datetime | None = None
        # Writes the screen does not wait for (the capture line's), in order (store/queue.py).
        self.writes = WriteQueue()

    # --- editing -------------------------------------------------------------------------------

    def edit(self, fn: Edit[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Changed[R]:
        """Run one edit in one write transaction, with its audit line; refused edits raise
        EditError and write nothing."""
        return self.edit_if(None, fn, *args, **kwargs)

    def edit_if(
        self, expect: Expect | None, fn: Edit[P, R], /, *args: P.args, **kwargs: P.kwargs
    ) -> Changed[R]:
        """`edit`, refused (StaleEdit, nothing written) if the field `expect` names no longer
        holds what the editor started from: someone else changed it meanwhile (store/stale.py).
        The expectation comes first, as an edit's own keywords are its changes."""
        part = part_of(fn)  # asked first: nothing is written for an edit that is not one
        run: Callable[..., R] = self.store._edit  # `expect` beside the edit's own keywords
        value = run(fn, self.reference, self.conference, *args, expect=expect, **kwargs)
        return Changed(part, value)

    def keep(self, fn: Edit[P, None], /, *args: P.args, **kwargs: P.kwargs) -> None:
        """Working state is kept as the meeting goes; once the conference has been deleted
        or replaced elsewhere there is nowhere to keep it, and the typing must not stop."""
        run: Callable[..., None] = self.store._edit  # its keywords are the edit's alone
        with suppress(NotFoundError):
            run(fn, self.reference, self.conference, *args, **kwargs)

    def read(self, fn: Edit[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """A read of part of the conference (drafts, the plan's row ids...)."""
        with self.store.session() as s:
            return fn(s, self.reference, self.conference, *args, **kwargs)

    # --- reading -------------------------------------------------------------------------------

    def load(self, *, alone: bool = False) -> MeetingState:
        """The case as it stands; `alone` leaves out the other conferences (the wall needs
        none of them, and reads again at every change)."""
        from cpchair.store.read import read_case

        with self.store.session() as s:
            case = case_row(s, self.reference)
            seen = case.updated_at  # first: a change landing during the read shows as newer
            conf_row = conference_row(s, case, self.conference)
            conf_id = m.stored(conf_row.id)
            read = read_case(s, case, only=conf_id if alone else None)
            doc = read.doc
            ids = {name: read.ids(conf_id, name) for name in KEYLESS}  # the same read's rows
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
