"""The declaration of entities accounts for every field of the document and every column of
the tables: a field added to one side and not the other, or not declared, shows here."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import SQLModel

from cpchair import models as m
from cpchair.store.entities import CASE, Entity

# Held by the store for itself (the case's times and index, whether an independent round of
# scaling is revealed yet), never in a case file; or in the file and never held.
STORE_ONLY = {"created_at", "updated_at", "search", "next_conference", "first_due", "revealed"}
FILE_ONLY = {"format"}
# A live meeting's working state and the audit trail: not part of the case document.
NOT_IN_THE_DOCUMENT = {m.StageVisit, m.Draft, m.Audit}


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
