"""The only place that opens database sessions.

Callers get plain objects (CaseDoc, CaseSummary) and hand changes back; each operation is one
short transaction, committed before it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import CaseDoc
from cpchair.db import engine_for
from cpchair.store.read import load_case_doc
from cpchair.store.summary import CaseSummary, summarise_cases
from cpchair.store.write import insert_case

__all__ = ["CaseExistsError", "CaseSummary", "ImportResult", "Store", "open_store"]


class CaseExistsError(Exception):
    """A case with this reference is already held (and --replace was not given)."""


@dataclass(frozen=True)
class ImportResult:
    reference: str
    replaced: bool


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = engine_for(path.resolve())

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def _case(self, session: Session, reference: str) -> m.Case | None:
        return session.exec(select(m.Case).where(m.Case.reference == reference)).first()

    def has_case(self, reference: str) -> bool:
        with self.session() as s:
            return self._case(s, reference) is not None

    def load_case(self, reference: str) -> CaseDoc | None:
        with self.session() as s:
            case = self._case(s, reference)
            return None if case is None else load_case_doc(s, case)

    def import_case(self, doc: CaseDoc, *, replace: bool = False) -> ImportResult:
        """Add a whole case, or replace the one with the same reference; all or nothing."""
        with self.session() as s, s.begin():
            existing = self._case(s, doc.reference)
            if existing is not None and not replace:
                raise CaseExistsError(doc.reference)
            created = None
            if existing is not None:
                created = existing.created_at
                s.exec(delete(m.Case).where(col(m.Case.id) == existing.id))  # type: ignore[call-overload]
                s.expunge(existing)
            case_id = insert_case(s, doc)
            if created is not None:
                s.get_one(m.Case, case_id).created_at = created
        return ImportResult(doc.reference, replaced=existing is not None)

    def delete_case(self, reference: str) -> bool:
        with self.session() as s, s.begin():
            result = s.exec(delete(m.Case).where(col(m.Case.reference) == reference))  # type: ignore[call-overload]
            return bool(result.rowcount)

    def list_cases(self) -> list[CaseSummary]:
        with self.session() as s:
            return summarise_cases(s)


def open_store(path: Path | None = None) -> Store:
    from cpchair.paths import db_path

    return Store(path or db_path())
