"""Writing a whole case document into the tables, inside the caller's transaction.

The writer walks the declaration of entities (entities.py) depth first: a row, then its lists.
Keys become row ids as each keyed list is written, so the lists after it can name them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from cpchair import models as m
from cpchair.caseio.keys import Names
from cpchair.caseio.schema import CaseDoc
from cpchair.store.entities import CASE, Entity, Ref
from cpchair.store.index import reindex_case
from cpchair.store.rows import version_now

# The ids of the keys written so far: a conference's attendees replace the last one's.
Ids = dict[Names, dict[str, int]]


def insert_case(session: Session, doc: CaseDoc, *, now: dt.datetime | None = None) -> int:
    """Add every row of `doc`; return the new case id. The caller commits."""
    now = now or version_now(session)
    case = m.Case(**_columns(CASE, doc, {}, doc), created_at=now, updated_at=now)
    session.add(case)
    session.flush()
    assert case.id is not None
    ids: Ids = {}
    for part in CASE.parts:
        _insert(session, part, getattr(doc, part.field), case.id, ids, doc)
    reindex_case(session, case.id)
    return case.id


def _insert(
    session: Session, entity: Entity, held: Any, owner: Any, ids: Ids, case: CaseDoc
) -> None:
    """Add the rows of one list (or single object) of the document under its owner's row."""
    items = ([] if held is None else [held]) if entity.one else held
    rows = [
        entity.table(
            **{entity.owner: owner},
            **({"position": i} if entity.ordered else {}),
            **_columns(entity, item, ids, case),
        )
        for i, item in enumerate(items)
    ]
    session.add_all(rows)
    if entity.names is None and not (entity.parts and rows):
        return
    session.flush()  # the rows' ids, for the keys and the lists under them
    if entity.names is not None:
        ids[entity.names] = {row.key: row.id for row in rows}  # type: ignore[attr-defined]
    for item, row in zip(items, rows, strict=True):
        for part in entity.parts:
            _insert(session, part, getattr(item, part.field), getattr(row, part.via), ids, case)


def _columns(entity: Entity, item: Any, ids: Ids, case: CaseDoc) -> dict[str, Any]:
    """The columns of the row that holds `item`, but for its owner and position."""
    if entity.doc is None:  # a list of words or keys
        value = entity.value
        return _ids(value, item, ids) if isinstance(value, Ref) else {value: item}  # type: ignore[dict-item]
    out = {name: getattr(item, name) for name in entity.copied}
    for ref in entity.refs:
        out.update(_ids(ref, getattr(item, ref.field), ids))
    for fold in entity.folds:
        inner = getattr(item, fold.field)
        out.update({c: None if inner is None else getattr(inner, f) for f, c in fold.columns})
    if entity.written is not None:
        out.update(entity.written(item, case))
    return out


def _ids(ref: Ref, key: str | None, ids: Ids) -> dict[str, int | None]:
    """A key as the id of the row it names, in the column for the first list that holds it."""
    out: dict[str, int | None] = dict.fromkeys((c for _, c in ref.columns), None)
    if key is None:
        return out
    *first, (names, column) = ref.columns
    for either, col in first:
        if key in ids[either]:
            out[col] = ids[either][key]
            return out
    out[column] = ids[names][key]
    return out
