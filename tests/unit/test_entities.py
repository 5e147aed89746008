"""The declaration of entities accounts for every field of the document and every column of
the tables: a field added to one side and not the other, or not declared, shows here."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import SQLModel, select

from cpchair import models as m
from cpchair.store import Store
from cpchair.store.entities import CASE, Entity
from cpchair.store.read import read_case
from tests.documents.cases import demo

# Held by the store for itself (the case's times and index, whether an independent round of
# scaling is revealed yet), never in a case file; or in the file and never held.
STORE_ONLY = {
    "created_at", "updated_at", "search", "next_conference", "first_due", "revealed",
    "changed_by",
}  # fmt: skip
FILE_ONLY = {"format"}
# A live meeting's working state and the audit trail: not part of the case document.
NOT_IN_THE_DOCUMENT = {m.StageVisit, m.Draft, m.Audit, m.FirstPage, m.Checkout}


def _walk(entity: Entity) -> Iterator[Entity]:
    yield entity
    for part in entity.parts:
        yield from _walk(part)


def test_every_field_of_each_document_is_declared() -> None:
    for entity in _walk(CASE):
        if entity.doc is None:
            continue
        declared = {*entity.copied, *(r.field for r in entity.refs)}
        declared |= {f.field for f in entity.folds} | {p.field for p in entity.parts}
        assert set(entity.doc.model_fields) - FILE_ONLY == declared, entity.field


def test_every_column_of_each_table_is_declared() -> None:
    for entity in _walk(CASE):
        declared = set(entity.columns) | ({"position"} if entity.ordered else set())
        assert set(entity.table.model_fields) - STORE_ONLY == declared, entity.field


def test_every_table_of_a_case_is_declared_once() -> None:
    tables = [e.table for e in _walk(CASE)]
    assert len(tables) == len(set(tables))
    every = {t for t in vars(m).values() if isinstance(t, type) and issubclass(t, SQLModel)}
    every = {t for t in every if hasattr(t, "__table__")}
    assert every - NOT_IN_THE_DOCUMENT == set(tables)


# The lists a live meeting addresses by row id, as their entries have no key.
KEYLESS = {
    "mapping": m.MappingEntry,
    "safety_goals": m.SafetyGoal,
    "views": m.View,
    "incidents": m.Incident,
    "exclusions": m.Exclusion,
    "views_not_given": m.ViewNotGiven,
    "advocate_not_used": m.AdvocateNotUsed,
}


def test_a_read_gives_the_ids_of_each_list_in_the_documents_order(store: Store) -> None:
    store.import_case(demo())
    with store.session() as s:
        case = s.exec(select(m.Case)).one()
        for conference in s.exec(select(m.Conference)):
            assert conference.id is not None
            read = read_case(s, case, only=conference.id)
            for name, table in KEYLESS.items():
                held = select(table.id).where(table.conference_id == conference.id)  # type: ignore[attr-defined]
                ids = list(s.exec(held.order_by(table.position, table.id)))  # type: ignore[attr-defined]
                assert read.ids(conference.id, name) == ids, name
                assert len(ids) == len(getattr(read.doc.conferences[0], name))
