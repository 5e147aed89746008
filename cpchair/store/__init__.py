"""The only place that opens database sessions.

Callers get plain objects (CaseDoc, CaseSummary) and hand changes back; each operation is one
short transaction, committed before it returns.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from cpchair import first_page
from cpchair import models as m
from cpchair.caseio.schema import CaseDoc
from cpchair.caseload_rows import CaseloadPage, MonthCounts, Sort
from cpchair.db import engine_for, for_writing
from cpchair.paths import OnServer
from cpchair.server import Server, Target, parse_target
from cpchair.store import attribution, audit, checkout, rows
from cpchair.store.caseload import DueCache, RowCache, caseload_month, caseload_page
from cpchair.store.edits import attendees, schedule
from cpchair.store.edits import case as case_edits
from cpchair.store.errors import EditError, NotFoundError, StaleEdit
from cpchair.store.outline import CaseOutline, read_outline
from cpchair.store.read import load_case_doc, read_case
from cpchair.store.rows import find_case
from cpchair.store.stale import Expect
from cpchair.store.summary import CaseSummary, summarise_cases
from cpchair.store.watch import OwnEdits, Watch
from cpchair.store.write import insert_case

__all__ = [
    "CaseExistsError",
    "CaseOutline",
    "CaseSummary",
    "EditError",
    "ImportResult",
    "NotFoundError",
    "StaleEdit",
    "Store",
    "attribution",
    "open_store",
]


T = TypeVar("T")


class CaseExistsError(Exception):
    """A case with this reference is already held (and --replace was not given)."""


@dataclass(frozen=True)
class ImportResult:
    reference: str
    replaced: bool


WRITE_ATTEMPTS = 3  # each waits up to the busy timeout for another process's write


def _busy(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig) or "busy" in str(exc.orig)


def _put_case(s: Session, doc: CaseDoc, replace: bool, what: str | None = None) -> ImportResult:
    """Add the case, or replace the one held; `what` says why in the audit trail (else: it
    was imported)."""
    # The same reference in another case (DEMO-0001, demo-0001) is the same case.
    existing = find_case(s, doc.reference)
    if existing is not None and not replace:
        raise CaseExistsError(existing.reference)
    created = None
    if existing is not None:
        created = existing.created_at
        s.exec(delete(m.FirstPage))  # the copy may name the case as it was
        s.exec(delete(m.Case).where(col(m.Case.id) == existing.id))
        s.expunge(existing)
    case_id = insert_case(s, doc)
    if created is not None:
        s.get_one(m.Case, case_id).created_at = created
    if existing is None:
        audit.record(s, doc.reference, what or "case imported")
    else:  # held as the file spells it from now on (DEMO-0001 replaced by demo-0001)
        was = existing.reference if existing.reference != doc.reference else None
        audit.record(s, doc.reference, what or "case imported (replaced)", renamed_from=was)
    return ImportResult(doc.reference, replaced=existing is not None)


def _delete_case(s: Session, reference: str, what: str = "case deleted") -> bool:
    case = find_case(s, reference)
    if case is None:
        return False
    s.exec(delete(m.Case).where(col(m.Case.id) == case.id))
    s.exec(delete(m.FirstPage))  # no name outlives its case in the kept first page
    checkout.drop_mark(s, case.reference)  # nor in a checkout's copy of it
    audit.record(s, case.reference, what)
    return True


def _audit_edit(
    s: Session,
    fn: Callable[..., Any],
    reference: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    case: m.Case | None,
    before: dt.datetime | None,
    held: str | None,
) -> None:
    """One audit line for an edit that changed the case, in its transaction. A change is
    what moves the case's version: an edit refused raised before this, and one that changed
    nothing (a row moved past the end, working state) leaves the version where it was."""
    if case is None:  # created by this edit, if at all
        case = find_case(s, reference)
        if case is None:
            return
    elif case.updated_at == before:
        return
    renamed = held if held is not None and held != case.reference else None
    audit.record(s, case.reference, audit.describe(fn, args, kwargs), renamed_from=renamed)


class Store:
    def __init__(self, where: Target, key: str | None = None) -> None:
        self.where = where
        self.on_server = isinstance(where, Server)
        self.engine = engine_for(where if isinstance(where, Server) else where.resolve(), key)
        # The passphrase the database is open with: None for a plain one (a plain database
        # opens as before whatever is given, until `cpchair encrypt`). Told by the driver the
        # engine chose, not by reading the file: closing a descriptor of the file would drop
        # every lock SQLite holds on it in this process (POSIX), and another process leaving
        # would then think itself alone and delete the -wal and -shm under our feet.
        self.key = key if self.engine.dialect.dbapi is not sqlite3 else None
        self._writer = for_writing(self.engine)
        self._rows: RowCache = {}  # caseload rows, rebuilt when their case changes
        self._dues: DueCache = {}  # each case's part of the caseload's month, likewise
        self._watch: Watch | None = None
        self.own = OwnEdits()

    @property
    def path(self) -> Path:
        """The database file, for what only a file has (backups, its passphrase)."""
        if isinstance(self.where, Server):
            raise OnServer("the database is on a server, not in a file")
        return self.where

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def passphrase_matches(self, passphrase: str) -> bool:
        """True if `passphrase` is the one this database is open with (the lock screen)."""
        import hmac

        key = self.key
        return key is not None and hmac.compare_digest(key.encode(), passphrase.encode())

    @property
    def watch(self) -> Watch:
        """What other connections commit, followed in a thread of its own (store/watch.py)."""
        if self._watch is None:
            self._watch = Watch(self.engine)
        return self._watch

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session to read in."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _snapshot(self) -> Iterator[Session]:
        """A session whose reads all see one moment: SQLite's read transaction does; a
        server's is asked for it."""
        with self.session() as s:
            if self.on_server:
                s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield s

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction, holding the database's write lock from its first statement:
        another process writing at the same moment makes it wait, never fail."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    # Every look-up by reference ignores case (rows.find_case): `demo-0001` finds DEMO-0001.

    def has_case(self, reference: str) -> bool:
        return self.held_reference(reference) is not None

    def held_reference(self, reference: str) -> str | None:
        """The reference as the case is held (DEMO-0001 for `demo-0001`), or None."""
        with self.session() as s:
            return rows.held_reference(s, reference)

    def case_version(self, reference: str) -> dt.datetime | None:
        """When the case last changed; None if there is no such case."""
        with self.session() as s:
            return rows.case_version(s, reference)

    def unrevealed(self, reference: str) -> str | None:
        """The key of the case's conference whose scores are written down in an independent
        round and not yet revealed (the case document does not say), if there is one."""
        with self.session() as s:
            case = find_case(s, reference)
            if case is None:
                return None
            found = s.exec(
                select(m.Conference.key)
                .join(m.Scaling, col(m.Scaling.conference_id) == col(m.Conference.id))
                .where(col(m.Conference.case_id) == case.id, col(m.Scaling.revealed).is_(False))
            ).first()
            return found

    def load_case(self, reference: str) -> CaseDoc | None:
        with self.session() as s:
            case = find_case(s, reference)
            return None if case is None else load_case_doc(s, case)

    def case_outline(self, reference: str) -> CaseOutline | None:
        """What the case file shows of a case (store/outline.py): no conference's content."""
        with self.session() as s:
            case = find_case(s, reference)
            return None if case is None else read_outline(s, case)

    def import_case(self, doc: CaseDoc, *, replace: bool = False) -> ImportResult:
        """Add a whole case, or replace the one with the same reference; all or nothing."""
        return self._write(self._guarded(_put_case, doc.reference), doc, replace)

    def delete_case(self, reference: str) -> bool:
        return self._write(self._guarded(_delete_case, reference), reference)

    def _guarded(self, fn: Callable[..., T], reference: str) -> Callable[..., T]:
        """`fn(session, ...)`, refused while the case is checked out of this server."""
        if not self.on_server:
            return fn  # only a server's cases go out

        def guarded(s: Session, *args: Any) -> T:
            checkout.refuse_if_out(s, reference)
            return fn(s, *args)

        return guarded

    # --- taking a case offline and back (cpchair/checkout.py) -----------------------------

    def checkout_mark(self, reference: str) -> m.Checkout | None:
        with self.session() as s:
            return checkout.mark(s, reference)

    def mark_out(self, reference: str, who: str, place: str) -> None:
        """On the server: the case is out to `place`. Refused if it is out already."""

        def out(s: Session) -> None:
            checkout.refuse_if_out(s, reference)
            if find_case(s, reference) is None:
                raise NotFoundError(f"There is no case {reference} on the server.")
            checkout.put_mark(s, reference, away=True, who=who, place=place, base=None)
            audit.record(s, reference, f"case checked out to {place}")

        self._write(out)

    def release(
        self,
        reference: str,
        *,
        returned: CaseDoc | None = None,
        offline: Sequence[audit.Line] = (),
    ) -> None:
        """On the server: the case is back, as `returned` if given, else as it is here;
        `offline`: the laptop's audit lines for the changes it returns, carried over."""

        def back(s: Session) -> None:
            if returned is not None:
                for line in offline:
                    audit.record(s, reference, f"{line.what} (offline)", made=line)
                _put_case(s, returned, True, "case checked in, as the laptop returned it")
            else:
                audit.record(s, reference, "case released, as the server holds it")
            checkout.drop_mark(s, reference)

        self._write(back)

    def hold(self, doc: CaseDoc, who: str, place: str, base: str) -> None:
        """On the laptop: the case as checked out of `place`, with the mark that says so."""

        def held(s: Session) -> None:
            _put_case(s, doc, False, f"{checkout.CHECKED_OUT_FROM}{place}")
            checkout.put_mark(s, doc.reference, away=False, who=who, place=place, base=base)

        self._write(held)

    def let_go(self, reference: str) -> None:
        """On the laptop: the case went back; neither it nor its mark stays here."""

        def gone(s: Session) -> None:
            _delete_case(s, reference, "case checked in to the server: its copy here removed")

        self._write(gone)

    # --- one edit, one transaction (see store/edits/ for the rules each one checks) -----

    def _write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one edit in its own write transaction. If another process held the database
        for longer than the busy timeout, the edit is tried again: it is never dropped."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.writing() as s:
                    return fn(s, *args, **kwargs)
            except OperationalError as exc:
                if not _busy(exc) or attempt == WRITE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _edit(
        self,
        fn: Callable[..., T],
        reference: str,
        *args: Any,
        expect: Expect | None = None,
        **kwargs: Any,
    ) -> T:
        """An edit to one case (`fn(session, reference, ...)`), its move of the case's version
        kept, so a screen can tell its own process's changes from anyone else's. With
        `expect`, a field's save is refused (StaleEdit) if someone else changed the field
        since the editor read it (store/stale.py): compared in the same transaction."""

        def edit(s: Session) -> T:
            if self.on_server:
                checkout.refuse_if_out(s, reference)
            # Inside the write lock: nobody else commits between these two reads.
            case = find_case(s, reference)
            before = None if case is None else case.updated_at
            held = None if case is None else case.reference
            if expect is not None and case is not None:  # a case gone: the edit says so
                expect.check(read_case(s, case))
            result = fn(s, reference, *args, **kwargs)
            s.flush()
            _audit_edit(s, fn, reference, args, kwargs, case, before, held)
            after = rows.case_version(s, reference)
            # Recorded before the commit, not after: the edit may run in a writer thread, and
            # the watch must never see this commit before it is known as ours. A step kept for
            # a commit that then fails is never matched.
            self.own.record(reference, before, after)
            return result

        return self._write(edit)

    def explains(self, reference: str, seen: dt.datetime | None, now: dt.datetime | None) -> bool:
        """True if the case went from version `seen` to `now` by this process's edits alone."""
        return self.own.explains(reference, seen, now)

    def create_case(self, reference: str, family_name: str, profile: str = "england") -> None:
        self._edit(case_edits.create_case, reference, family_name, profile)

    def update_case(
        self, reference: str, /, *, expect: Expect | None = None, **changes: Any
    ) -> None:
        self._edit(case_edits.update_case, reference, changes, expect=expect)

    def add_child(self, reference: str, /, **values: Any) -> str:
        return self._edit(case_edits.add_child, reference, values)

    def update_child(
        self, reference: str, key: str, /, *, expect: Expect | None = None, **changes: Any
    ) -> None:
        self._edit(case_edits.update_child, reference, key, changes, expect=expect)

    def child_links(self, reference: str, key: str) -> dict[str, int]:
        return self._edit(case_edits.child_links, reference, key)

    def remove_child(self, reference: str, key: str) -> None:
        self._edit(case_edits.remove_child, reference, key)

    def add_person(self, reference: str, /, **values: Any) -> str:
        return self._edit(case_edits.add_person, reference, values)

    def update_person(
        self, reference: str, key: str, /, *, expect: Expect | None = None, **changes: Any
    ) -> None:
        self._edit(case_edits.update_person, reference, key, changes, expect=expect)

    def remove_person(self, reference: str, key: str) -> None:
        self._edit(case_edits.remove_person, reference, key)

    def add_conference(self, reference: str, /, **values: Any) -> str:
        """Schedule a conference; a review starts from the one before it (store/carry.py)."""
        return self._edit(schedule.add_conference, reference, values)

    def update_conference(
        self, reference: str, key: str, /, *, expect: Expect | None = None, **changes: Any
    ) -> None:
        self._edit(schedule.update_conference, reference, key, changes, expect=expect)

    def remove_conference(self, reference: str, key: str) -> None:
        self._edit(schedule.remove_conference, reference, key)

    def add_attendee(
        self,
        reference: str,
        conference: str,
        /,
        *,
        direct_contact: list[str] | None = None,
        person: str | None = None,
        **values: Any,
    ) -> str:
        return self._edit(
            attendees.add_attendee, reference, conference, values, direct_contact, person
        )

    def update_attendee(
        self,
        reference: str,
        conference: str,
        key: str,
        /,
        *,
        direct_contact: list[str] | None = None,
        person: Any = attendees.UNCHANGED,
        expect: Expect | None = None,
        **changes: Any,
    ) -> None:
        self._edit(
            attendees.update_attendee, reference, conference, key, changes, direct_contact, person,
            expect=expect,
        )  # fmt: skip

    def remove_attendee(self, reference: str, conference: str, key: str) -> None:
        self._edit(attendees.remove_attendee, reference, conference, key)

    def caseload_page(
        self,
        text: str = "",
        sort: Sort = "next",
        limit: int = 100,
        offset: int = 0,
        today: dt.date | None = None,
    ) -> CaseloadPage:
        with self.session() as s:
            return caseload_page(s, text, sort, limit, offset, today, self._rows)

    def first_page(self, limit: int, today: dt.date) -> CaseloadPage:
        """The caseload's first page (unfiltered, by next conference), kept in the database
        for the app's next start to draw before the store loads (first_page.py). On a server
        the copy is the whole team's, as the caseload is."""
        with self._snapshot() as s:  # the stamp and the page from one snapshot
            stamp = first_page.stamp(
                tuple(s.connection().exec_driver_sql(first_page.STAMP_SQL).one())
            )
            page = caseload_page(s, "", "next", limit, 0, today, self._rows)
        kept = (today.isoformat(), stamp, first_page.encode(page))
        try:
            with self.session() as s:
                row = s.get(m.FirstPage, 1)
                if row is not None and (row.day, row.stamp, row.rows) == kept:
                    return page  # as kept already: no write, so no one watching wakes
            with self.writing() as s:
                now = s.connection().exec_driver_sql(first_page.STAMP_SQL).one()
                if first_page.stamp(tuple(now)) == stamp:  # else a case changed (or went)
                    s.merge(m.FirstPage(id=1, day=kept[0], stamp=kept[1], rows=kept[2]))
        except Exception:  # a copy only: a full disk or a held lock must not stop a read
            pass
        return page

    def caseload_month(self, today: dt.date) -> MonthCounts:
        """What falls due this week and this month across the caseload, and what is overdue
        (rules/month.py); kept beside the first page for the app's next start to draw at
        once (first_page.py)."""
        with self._snapshot() as s:  # the stamp and the counts from one snapshot
            stamp = first_page.stamp(
                tuple(s.connection().exec_driver_sql(first_page.STAMP_SQL).one())
            )
            counts = caseload_month(s, today, self._dues)
        kept = (today.isoformat(), stamp, first_page.encode_month(counts))
        try:
            with self.session() as s:
                row = s.get(m.FirstPage, first_page.MONTH_ID)
                if row is not None and (row.day, row.stamp, row.rows) == kept:
                    return counts  # as kept already: no write, so no one watching wakes
            with self.writing() as s:
                now = s.connection().exec_driver_sql(first_page.STAMP_SQL).one()
                if first_page.stamp(tuple(now)) == stamp:  # else a case changed meanwhile
                    s.merge(m.FirstPage(id=first_page.MONTH_ID, day=kept[0], stamp=kept[1],
                                        rows=kept[2]))  # fmt: skip
        except Exception:  # a copy only: a full disk or a held lock must not stop a count
            pass
        return counts

    def caseload_version(self) -> tuple[int, dt.datetime | None]:
        """How many cases there are and when the latest changed: moves with every change to
        the caseload, so a watcher knows when to read the page again."""
        with self.session() as s:
            # Apart, not in one select: max() alone is read from the index.
            count = s.exec(select(func.count()).select_from(m.Case)).one()
            latest = s.exec(select(func.max(m.Case.updated_at))).one()
            return count, latest

    def list_cases(self, limit: int | None = None) -> list[CaseSummary]:
        """The cases in order of reference; the first `limit` of them, if given."""
        with self.session() as s:
            return summarise_cases(s, limit)

    def count_cases(self) -> int:
        with self.session() as s:
            return s.exec(select(func.count()).select_from(m.Case)).one()

    # --- the audit trail (store/audit.py) --------------------------------------------------

    def audit_lines(self, reference: str) -> list[audit.Line]:
        """What was changed in a case, when and by whom, oldest first; a deleted case's
        lines too (the trail outlives the case)."""
        with self.session() as s:
            case = find_case(s, reference)  # its lines are under the reference as held
            return audit.lines(s, reference if case is None else case.reference)

    def check_audit(self) -> audit.Break | None:
        """Where the audit trail's chain first breaks, or None if it is intact."""
        with self.session() as s:
            return audit.check(s)


def open_store(where: Target | str | None = None, key: str | None = None) -> Store:
    """The store on a database file or a server (a path, a URL, or the one chosen by --db,
    CPCHAIR_DB or the data folder: paths.py)."""
    from cpchair.paths import database

    if isinstance(where, str):
        where = parse_target(where)
    return Store(where or database(), key)
