"""Reading a whole case back out of the tables as a CaseDoc, one query per table.

The reader walks the declaration of entities (entities.py): first every table's rows, one
query each, then the documents from them. The documents are built without validation
(`model_construct`): every row was checked by the format's rules on its way in, and reading
is on the path of every redraw of the meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session

from cpchair import models as m
from cpchair.caseio.keys import Names
from cpchair.caseio.printable import has_control, printable
from cpchair.caseio.schema import CaseDoc
from cpchair.store.entities import CASE, CONFERENCES, Entity, Fold, Ref
from cpchair.vocab import FORMAT

Shown = Callable[[Any], Any]


@cache
def _query(entity: Entity) -> Select[Any]:
    """The query for an entity's rows under some owners, built once: its compiled form is
    then found in SQLAlchemy's cache without building the statement again."""
    table = entity.table.__table__  # type: ignore[attr-defined]
    # Position, then id: a row's index in its list is how the live screens address it.
    order = [table.c[name] for name in ("position", "id") if name in table.c]
    owners: BindParameter[Any] = bindparam("owners", expanding=True)
    columns = (table.c[name] for name in entity.columns)
    return sa_select(*columns).where(table.c[entity.owner].in_(owners)).order_by(*order)


def _rows(
    session: Session, entity: Entity, owners: Iterable[Any], shown: Shown | None
) -> Sequence[Any]:
    """The rows of an entity under these owners, each as `shown` makes it (None: as held)."""
    held = list(owners)
    if not held:
        return []
    # Plain rows, not ORM objects: a case is read whole on every change the wall sees, and
    # building hundreds of tracked instances cost most of that read.
    rows = session.connection().execute(_query(entity), {"owners": held}).all()
    return rows if shown is None else [shown(row) for row in rows]


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

    def __init__(self, session: Session, shown: Shown | None = _shown) -> None:
        self._session = session
        self._shown = shown
        self._rows: dict[int, dict[Any, list[Any]]] = {}  # by id(entity), then by owner
        self._keys: dict[Names, dict[int, str]] = defaultdict(dict)
        self._listers: dict[int, Callable[[Any], Any]] = {}

    def fetch(
        self, entity: Entity, parents: Sequence[Any], keep: Callable[[Any], bool] | None = None
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
        owner = attrgetter(entity.owner)
        for row in rows:
            grouped[owner(row)].append(row)
        self._rows[id(entity)] = grouped
        for part in entity.parts:
            self.fetch(part, rows)

    def ids(self, entity: Entity, owner: Any) -> list[int]:
        """The ids of `entity`'s rows under the parent whose `via` is `owner`, in order."""
        return [row.id for row in self._rows[id(entity)].get(owner, ())]

    def docs(self, entity: Entity, owner: Any) -> Any:
        """The document's `entity.field` under the parent whose `via` is `owner`."""
        return self._lister(entity)(owner)

    def fields(self, entity: Entity, row: Any) -> dict[str, Any]:
        """The fields of `row`'s document held in the row itself, lists aside."""
        return self._fielder(entity)(row)

    # Each entity is made once into a function of a row (or of an owner, for a list): the
    # per-row work is then a few calls, as a case is read whole on every redraw.

    def _lister(self, entity: Entity) -> Callable[[Any], Any]:
        if (done := self._listers.get(id(entity))) is not None:
            return done
        grouped = self._rows[id(entity)]
        value = entity.value
        item: Callable[[Any], Any]
        if isinstance(value, str):  # a list of words
            item = attrgetter(value)
        elif value is not None:  # a list of keys
            item = self._key_of(value)
        else:
            item = self._builder(entity)

        def one(owner: Any) -> Any:
            rows = grouped.get(owner)
            return item(rows[0]) if rows else None

        def many(owner: Any) -> list[Any]:
            return [item(row) for row in grouped.get(owner, ())]

        done = self._listers[id(entity)] = one if entity.one else many
        return done

    def _builder(self, entity: Entity) -> Callable[[Any], Any]:
        construct = entity.doc.model_construct  # type: ignore[union-attr]
        fields = self._fielder(entity)
        parts = [(p.field, attrgetter(p.via), self._lister(p)) for p in entity.parts]

        def build(row: Any) -> Any:
            values = fields(row)
            for field, via, lister in parts:
                values[field] = lister(via(row))
            return construct(**values)

        return build

    def _fielder(self, entity: Entity) -> Callable[[Any], dict[str, Any]]:
        names, copy = entity.copied, entity.copy
        translated = [(ref.field, self._key_of(ref)) for ref in entity.refs]
        translated += [(fold.field, _unfolder(fold)) for fold in entity.folds]

        def fields(row: Any) -> dict[str, Any]:
            values = dict(zip(names, copy(row), strict=True))
            for field, read in translated:
                values[field] = read(row)
            return values

        return fields

    def _key_of(self, ref: Ref) -> Callable[[Any], str | None]:
        """The key a row's reference names: of two lists, the one whose id the row holds."""
        *first, last = [(self._keys[names], attrgetter(column)) for names, column in ref.columns]

        def key(row: Any) -> str | None:
            for keys, held in first:
                if (id_ := held(row)) is not None:
                    return keys[id_]
            keys, held = last
            return keys[held(row)] if ref.required else keys.get(held(row))

        return key


def _unfolder(fold: Fold) -> Callable[[Any], Any]:
    """The object folded into a row's columns, or None where `present` holds nothing."""
    construct = fold.doc.model_construct
    pairs = [(f, attrgetter(c)) for f, c in fold.columns]
    present = attrgetter(fold.present) if fold.present is not None else None

    def unfold(row: Any) -> Any:
        if present is not None and not present(row):
            return None
        return construct(**{f: held(row) for f, held in pairs})

    return unfold


def load_case_doc(session: Session, case: m.Case, only: int | None = None) -> CaseDoc:
    """The whole case; with `only` (a conference id), the case with that conference alone,
    for a view that shows one conference and is read again on every change (the wall)."""
    return read_case(session, case, only).doc


@dataclass(frozen=True)
class CaseRead:
    """A case as read (see load_case_doc), with the ids of the rows it was read from."""

    doc: CaseDoc
    reader: TreeReader
    case_id: int

    def ids(self, conference_id: int, field: str) -> list[int]:
        """The row ids of one of a conference's lists, in the document's order: how a live
        meeting addresses an entry of a list whose entries have no key."""
        return self.reader.ids(CONFERENCES.part(field), conference_id)

    def listed(self, conference: str, field: str, row_id: int) -> Any | None:
        """The entry of a conference's keyless list read from row `row_id`; None if the
        conference or the row is not there."""
        keys = [c.key for c in self.doc.conferences]
        if conference not in keys:
            return None
        i = keys.index(conference)
        conference_id = self.reader.ids(CONFERENCES, self.case_id)[i]
        ids = self.ids(conference_id, field)
        if row_id not in ids:
            return None
        return getattr(self.doc.conferences[i], field)[ids.index(row_id)]


def read_case(session: Session, case: m.Case, only: int | None = None) -> CaseRead:
    reader = TreeReader(session)
    alone: dict[str, Callable[[Any], bool]] = {}
    if only is not None:
        alone["conferences"] = lambda conference: conference.id == only
    for part in CASE.parts:
        reader.fetch(part, [case], alone.get(part.field))
    values = case_values(reader, case)
    parts = {part.field: reader.docs(part, case.id) for part in CASE.parts}
    doc = CaseDoc.model_construct(format=FORMAT, **values, **parts)
    return CaseRead(doc, reader, m.stored(case.id))


def case_values(reader: TreeReader, case: m.Case) -> dict[str, Any]:
    """The fields of the case's document held in its own row (reference, family name,
    profile, lead social worker)."""
    # As text to show, too, but for its profile, a word of the program's.
    row = SimpleNamespace(
        **{
            c: printable(v) if isinstance(v := getattr(case, c), str) and c != "profile" else v
            for c in CASE.columns
        }
    )
    return reader.fields(CASE, row)
