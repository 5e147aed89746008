"""Reading a whole case back out of the tables as a CaseDoc, one query per table.

The reader walks the declaration of entities (entities.py): first every table's rows, one
query each, then the documents from them. The documents are built without validation
(`model_construct`): every row was checked by the format's rules on its way in, and reading
is on the path of every redraw of the meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session

from cpchair import models as m
from cpchair.caseio.keys import Names
from cpchair.caseio.printable import has_control, printable
from cpchair.caseio.schema import CaseDoc
from cpchair.store.entities import CASE, Entity, Ref
from cpchair.vocab import FORMAT

Shown = Callable[[Any], Any]


def _rows(session: Session, entity: Entity, owners: Iterable[Any], shown: Shown) -> list[Any]:
    """The rows of an entity under these owners, each as `shown` makes it."""
    owners = list(owners)
    if not owners:
        return []
    table = entity.table.__table__  # type: ignore[attr-defined]
    # Position, then id: a row's index in its list is how the live screens address it.
    order = [table.c[name] for name in ("position", "id") if name in table.c]
    # Plain rows, not ORM objects: a case is read whole on every change the wall sees, and
    # building hundreds of tracked instances cost most of that read.
    query = (
        sa_select(*(table.c[name] for name in entity.columns))
        .where(table.c[entity.owner].in_(owners))
        .order_by(*order)
    )
    return [shown(row) for row in session.connection().execute(query).all()]


def _shown(row: Any) -> Any:
    """A row whose text holds a control character (a terminal escape, a bell: held from
    before the import refused them, or written by another program) comes back without it,
    so that no screen, document or export is handed one. New lines and tabs stay; keys,
    which address rows, stay as held. Nearly every row has none and is passed on as read."""
    if not any(isinstance(v, str) and has_control(v) for v in row):
        return row
    return SimpleNamespace(
        **{
            name: printable(v) if isinstance(v, str) and name != "key" else v
            for name, v in row._asdict().items()
        }
    )


class TreeReader:
    """The rows of one tree of entities, fetched table by table, then made into documents."""

    def __init__(self, session: Session, shown: Shown = _shown) -> None:
        self._session = session
        self._shown = shown
        self._rows: dict[int, dict[Any, list[Any]]] = {}  # by id(entity), then by owner
        self._keys: dict[Names, dict[int, str]] = defaultdict(dict)

    def fetch(
        self, entity: Entity, parents: list[Any], keep: Callable[[Any], bool] | None = None
    ) -> None:
        """Read `entity` under `parents`, then its parts under its rows; `keep` sifts its rows."""
        if entity.when is not None:
            parents = [p for p in parents if entity.when(p)]
        rows = _rows(self._session, entity, (getattr(p, entity.via) for p in parents), self._shown)
        if keep is not None:
            rows = [r for r in rows if keep(r)]
        if entity.names is not None:
            self._keys[entity.names].update((r.id, r.key) for r in rows)
        grouped: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, entity.owner)].append(row)
        self._rows[id(entity)] = grouped
        for part in entity.parts:
            self.fetch(part, rows)

    def docs(self, entity: Entity, owner: Any) -> Any:
        """The document's `entity.field` under the parent whose `via` is `owner`."""
        rows = self._rows[id(entity)].get(owner, ())
        if entity.one:
            return self.doc(entity, rows[0]) if rows else None
        value = entity.value
        if isinstance(value, str):  # a list of words
            return [getattr(row, value) for row in rows]
        if value is not None:  # a list of keys
            return [self._key(value, row) for row in rows]
        return [self.doc(entity, row) for row in rows]

    def doc(self, entity: Entity, row: Any) -> Any:
        values = self.fields(entity, row)
        for part in entity.parts:
            values[part.field] = self.docs(part, getattr(row, part.via))
        return entity.doc.model_construct(**values)  # type: ignore[union-attr]

    def fields(self, entity: Entity, row: Any) -> dict[str, Any]:
        """The fields of `row`'s document held in the row itself."""
        values = dict(zip(entity.copied, entity.copy(row), strict=True))
        for ref in entity.refs:
            values[ref.field] = self._key(ref, row)
        for fold in entity.folds:
            held = fold.present is None or getattr(row, fold.present)
            values[fold.field] = (
                fold.doc.model_construct(**{f: getattr(row, c) for f, c in fold.columns})
                if held
                else None
            )
        return values

    def _key(self, ref: Ref, row: Any) -> str | None:
        *first, (names, column) = ref.columns
        for either, col in first:  # a key that may name either list: the one whose id is held
            if (held := getattr(row, col)) is not None:
                return self._keys[either][held]
        held = getattr(row, column)
        return self._keys[names][held] if ref.required else self._keys[names].get(held)


def load_case_doc(session: Session, case: m.Case, only: int | None = None) -> CaseDoc:
    """The whole case; with `only` (a conference id), the case with that conference alone,
    for a view that shows one conference and is read again on every change (the wall)."""
    reader = TreeReader(session)
    alone: dict[str, Callable[[Any], bool]] = {}
    if only is not None:
        alone["conferences"] = lambda conference: conference.id == only
    for part in CASE.parts:
        reader.fetch(part, [case], alone.get(part.field))
    # The case's own row: as text to show, too, but for its profile, a word of the program's.
    row = SimpleNamespace(
        **{
            c: printable(v) if isinstance(v := getattr(case, c), str) and c != "profile" else v
            for c in CASE.columns
        }
    )
    values = reader.fields(CASE, row)
    parts = {part.field: reader.docs(part, case.id) for part in CASE.parts}
    return CaseDoc.model_construct(format=FORMAT, **values, **parts)
