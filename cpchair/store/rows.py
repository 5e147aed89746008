"""Finding the rows an edit works on, and the checks every edit shares: the case by its
reference (case aside), a conference by its key, a conference still open to change, and the
mark that a case has changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, overload

from pydantic import ValidationError
from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.store.errors import EditError, NotFoundError
from cpchair.store.index import reindex_case

# A field named in a refusal reads with its underscores as spaces, but for these.
_FIELD_WORDS = {"minute_taker": "minute-taker"}


def field_words(name: str) -> str:
    """A field's name as a refusal says it: "first name", "minute-taker"."""
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_fields(model: type[Any], values: Mapping[str, Any]) -> None:
    """Validate a merged row against the format's model; refuse in plain words."""
    try:
        model.model_validate(dict(values), strict=False)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = str(err["loc"][0]) if err["loc"] else "value"
        words = field_words(field)
        if err["type"] in {"missing", "string_too_short"}:
            raise EditError(f"The {words} cannot be empty.") from None
        raise EditError(f"The {words} is not valid here.") from None


def require_text(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"The {what} cannot be empty.")


def refuse_unknown(fields: Iterable[str], allowed: AbstractSet[str]) -> None:
    bad = sorted(set(fields) - allowed)
    if bad:
        raise EditError(f"cannot change {', '.join(bad)} here")  # a programming error


# --- the case ------------------------------------------------------------------------------


def find_case(session: Session, reference: str) -> m.Case | None:
    """The held case with this reference, however either is capitalised (DEMO-0001 is
    demo-0001): every look-up by reference comes here. A database written before that rule
    may hold both spellings; then the one spelt exactly as asked is the one meant."""
    exact = session.exec(select(m.Case).where(m.Case.reference == reference)).first()
    if exact is not None:
        return exact  # the usual case, found by the reference's index
    # Both sides lowered by SQLite, so a reference it cannot fold compares as it is.
    same = func.lower(m.Case.reference) == func.lower(reference)
    found = session.exec(select(m.Case).where(same).order_by(col(m.Case.id))).first()
    if found is not None:
        return found
    # A reference held from before the rules may hold a control character, which all that is
    # shown leaves out (store/read.py): the reference as shown finds its case too.
    held = col(m.Case.reference)  # holding anything but printable ASCII:
    sqlite = session.get_bind().dialect.name == "sqlite"
    odd = held.op("GLOB")("*[^ -~]*") if sqlite else held.op("~")("[^ -~]")
    wanted = reference.casefold()
    return next(
        (
            case
            for case in session.exec(select(m.Case).where(odd).order_by(col(m.Case.id)))
            if printable(case.reference).casefold() == wanted
        ),
        None,
    )


def case_row(session: Session, reference: str) -> m.Case:
    case = find_case(session, reference)
    if case is None:
        raise NotFoundError(f"There is no case with reference {reference}.")
    return case


def case_version(session: Session, reference: str) -> dt.datetime | None:
    """When the case last changed (None once it is gone): what a watcher compares."""
    case = find_case(session, reference)
    return None if case is None else case.updated_at


def version_now(session: Session) -> dt.datetime:
    """A new version for a case being written. On a server, the server's clock, read under
    the write lock: versions then only go forward across every seat, whatever each laptop's
    clock says, and the caseload's latest change (max) moves with every write."""
    if session.get_bind().dialect.name == "sqlite":
        return utc_now()
    now: dt.datetime = session.connection().exec_driver_sql("SELECT clock_timestamp()").scalar_one()
    return now.astimezone(dt.UTC)


def touch(session: Session, case: m.Case) -> None:
    """Mark the case changed and refresh what the caseload reads from it."""
    case.updated_at = version_now(session)
    session.add(case)
    reindex_case(session, m.stored(case.id))


def held_reference(session: Session, reference: str) -> str | None:
    """The reference of a case already held that is the same as this one, case aside: the
    spelling the case is held under, as the screens show it (see store/read.py)."""
    case = find_case(session, reference)
    return None if case is None else printable(case.reference)


# --- children and people -------------------------------------------------------------------


def keyed_row(session: Session, table: type[SQLModel], owner: Any, key: str, what: str) -> Any:
    row = session.exec(select(table).where(owner, table.key == key)).first()  # type: ignore[attr-defined]
    if row is None:
        raise NotFoundError(f"That {what} is no longer in this case.")
    return row


# --- conferences -----------------------------------------------------------------------------


def conference_row(session: Session, case: m.Case, key: str) -> m.Conference:
    return keyed_row(session, m.Conference, m.Conference.case_id == case.id, key, "conference")


LOCKED = "This conference is concluded. Reopen it (Close stage) to change it."


def changed(session: Session, case: m.Case) -> None:
    """Mark the case changed. What the meeting edits here never alters the caseload's search
    words or next conference, so, unlike `touch`, the index is left alone: one
    statement less on the minute-taker's Enter."""
    case.updated_at = version_now(session)
    session.add(case)


def open_conference(session: Session, reference: str, key: str) -> tuple[m.Case, m.Conference]:
    """The case and conference rows, refusing if the conference is locked."""
    case = case_row(session, reference)
    conf = conference_row(session, case, key)
    if conf.status == "concluded":
        raise EditError(LOCKED)
    return case, conf


def listed_row(session: Session, table: type[SQLModel], conf: m.Conference, row_id: int) -> Any:
    row = session.get(table, row_id)
    if row is None or row.conference_id != conf.id:  # type: ignore[attr-defined]
        raise NotFoundError("That item is no longer in this conference.")
    return row


def next_position(session: Session, table: type[SQLModel], conf: m.Conference) -> int:
    highest = session.exec(
        select(func.max(table.position)).where(table.conference_id == conf.id)  # type: ignore[attr-defined]
    ).one()
    return 0 if highest is None else highest + 1


def _child_ids(session: Session, case: m.Case, keys: Iterable[str]) -> list[int]:
    ids = dict(
        session.exec(select(m.Child.key, m.Child.id).where(m.Child.case_id == case.id)).all()
    )
    keys = list(dict.fromkeys(keys))
    if any(k not in ids for k in keys):
        raise EditError("One of those children is no longer in this case.")
    return [ids[k] for k in keys]  # type: ignore[misc]


def set_children(
    session: Session,
    case: m.Case,
    link: type[SQLModel],
    owner: str,
    owner_id: int,
    keys: Iterable[str],
) -> None:
    child_ids = _child_ids(session, case, keys)
    session.exec(delete(link).where(getattr(link, owner) == owner_id))
    session.add_all(
        link(**{owner: owner_id, "child_id": cid, "position": i}) for i, cid in enumerate(child_ids)
    )


@overload
def attendee_row_id(session: Session, conf: m.Conference, key: str) -> int: ...
@overload
def attendee_row_id(session: Session, conf: m.Conference, key: None) -> None: ...
@overload
def attendee_row_id(session: Session, conf: m.Conference, key: str | None) -> int | None: ...
def attendee_row_id(session: Session, conf: m.Conference, key: str | None) -> int | None:
    """The row id of the attendee with this key (none for no key), refused if not listed."""
    if key is None:
        return None
    row = session.exec(
        select(m.Attendee.id).where(m.Attendee.conference_id == conf.id, m.Attendee.key == key)
    ).first()
    if row is None:
        raise EditError("That person is not on this conference's attendance list.")
    return row


def attendee_row_key(session: Session, attendee_id: int | None) -> str | None:
    if attendee_id is None:
        return None
    row = session.get(m.Attendee, attendee_id)
    return None if row is None else row.key
