"""Edits of the mapping: the entries in its columns, typed as the meeting goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import (
    MappingEntryDoc,
)
from cpchair.store.errors import EditError
from cpchair.store.rows import (
    attendee_row_id,
    attendee_row_key,
    changed,
    check_fields,
    listed_row,
    next_position,
    open_conference,
    require_text,
    set_children,
)

# --- mapping -----------------------------------------------------------------------------------

ENTRY_FIELDS = frozenset(MappingEntryDoc.model_fields)  # what an entry may be given


def _entry_values(values: Mapping[str, Any]) -> None:
    check_fields(MappingEntryDoc, values)
    require_text(values.get("text"), "entry")


def add_entry(
    session: Session,
    reference: str,
    conference: str,
    *,
    draft_slot: str | None = None,
    typed_by: dt.datetime | None = None,
    **values: Any,
) -> int:
    """File one entry; with `draft_slot`, the draft it was typed from goes in the same commit
    (a draft saved after `typed_by`, when the line was sent, is newer typing and is kept)."""
    if set(values) - ENTRY_FIELDS:
        raise EditError("cannot set that on a mapping entry")  # a programming error
    case, conf = open_conference(session, reference, conference)
    _entry_values(values)
    row = m.MappingEntry(
        conference_id=m.stored(conf.id),
        position=next_position(session, m.MappingEntry, conf),
        column=values["column"],
        text=values["text"].strip(),
        nature=values.get("nature"),
        source_id=attendee_row_id(session, conf, values.get("source")),
        confidential=bool(values.get("confidential", False)),
    )
    session.add(row)
    session.flush()
    kids = values.get("children", [])
    set_children(session, case, m.MappingEntryChild, "entry_id", m.stored(row.id), kids)
    if draft_slot is not None:
        same = [] if typed_by is None else [col(m.Draft.updated_at) <= typed_by]
        session.exec(
            delete(m.Draft).where(
                col(m.Draft.conference_id) == conf.id, col(m.Draft.slot) == draft_slot, *same
            )
        )
    changed(session, case)
    return m.stored(row.id)


def entry_values(session: Session, row: m.MappingEntry) -> dict[str, Any]:
    kids = session.exec(
        select(m.Child.key)
        .join(m.MappingEntryChild, col(m.MappingEntryChild.child_id) == m.Child.id)
        .where(m.MappingEntryChild.entry_id == row.id)
        .order_by(col(m.MappingEntryChild.position))
    ).all()
    return {
        "column": row.column, "text": row.text, "nature": row.nature,
        "source": attendee_row_key(session, row.source_id), "confidential": row.confidential,
        "children": list(kids),
    }  # fmt: skip


def update_entry(
    session: Session, reference: str, conference: str, entry_id: int, **changes: Any
) -> None:
    if set(changes) - ENTRY_FIELDS:
        raise EditError("cannot set that on a mapping entry")
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.MappingEntry, conf, entry_id)
    _entry_values(entry_values(session, row) | dict(changes))
    for name, value in changes.items():
        if name == "children":
            set_children(session, case, m.MappingEntryChild, "entry_id", row.id, value)
        elif name == "source":
            row.source_id = attendee_row_id(session, conf, value)
        elif name == "column" and value != row.column:
            row.column = value
            row.position = next_position(session, m.MappingEntry, conf)  # to the column's end
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def shift_entry(
    session: Session, reference: str, conference: str, entry_id: int, step: int
) -> bool:
    """Swap an entry with its neighbour in the same column; False at either end."""
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.MappingEntry, conf, entry_id)
    same = (m.MappingEntry.conference_id == conf.id, m.MappingEntry.column == row.column)
    if step < 0:
        where = col(m.MappingEntry.position) < row.position
        order = col(m.MappingEntry.position).desc()
    else:
        where = col(m.MappingEntry.position) > row.position
        order = col(m.MappingEntry.position).asc()
    other = session.exec(select(m.MappingEntry).where(*same, where).order_by(order)).first()
    if other is None:
        return False
    row.position, other.position = other.position, row.position
    session.add_all([row, other])
    changed(session, case)
    return True


def delete_entry(
    session: Session, reference: str, conference: str, entry_id: int
) -> dict[str, Any]:
    """Remove an entry; return what `restore_entry` needs to put it back where it was."""
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.MappingEntry, conf, entry_id)
    snapshot = entry_values(session, row) | {"position": row.position}
    session.exec(delete(m.MappingEntry).where(col(m.MappingEntry.id) == row.id))
    changed(session, case)
    return snapshot


def restore_entry(
    session: Session, reference: str, conference: str, snapshot: Mapping[str, Any]
) -> int:
    """Undo a deletion: the entry comes back at its old place in its column."""
    values = {k: v for k, v in snapshot.items() if k != "position"}
    conf = open_conference(session, reference, conference)[1]
    # A source who has since left the list is dropped rather than refusing the undo.
    if values.get("source") is not None:
        try:
            attendee_row_id(session, conf, values["source"])
        except EditError:
            values["source"] = None
    new_id = add_entry(session, reference, conference, **values)
    row = session.get_one(m.MappingEntry, new_id)
    row.position = snapshot["position"]
    session.add(row)
    return new_id
