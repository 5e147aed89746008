"""The caseload's first page, kept in the database as last shown, so that the app can draw it
before the store is loaded.

Loading the store (SQLAlchemy, SQLModel, pydantic) costs twice what Textual does. The app
paints first: it reads this copy with the plain driver (psycopg alone, for a team's server,
where the copy is everyone's: the caseload is shared), shows it, and opens the store in a
worker, which reads the page again and keeps it here for the next start. The copy is used
only while the caseload's `stamp` (how many cases, and the latest change to any) is
unchanged since. Kept on an earlier day, its rows stand but its flags (which count days) are
left out until the store reads them. Anything else (an edit in the CLI, an older schema, a
damaged row) and the app simply waits for the store.

Beside it (row 2) the caseload's month as last counted (rules/month.py), drawn with the page:
counted today with no change since, it stands; else it is shown as being counted again.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

from cpchair.caseload_rows import (
    CaseloadPage,
    CaseRow,
    ChildBrief,
    ConferenceBrief,
    MonthCounts,
)
from cpchair.rules.flag import Flag
from cpchair.server import Server, Target

# The same words read the stamp when the page is kept and when it is drawn, so both get the
# values exactly as SQLite holds them. Apart, each is quick: max() alone reads the index.
STAMP_SQL = 'SELECT (SELECT count(*) FROM "case"), (SELECT max(updated_at) FROM "case")'
KEPT_SQL = "SELECT day, stamp, rows FROM first_page WHERE id = 1"
MONTH_ID = 2  # the month's row: its day, the stamp it was counted at, and the counts
MONTH_SQL = f"SELECT day, stamp, rows FROM first_page WHERE id = {MONTH_ID}"


def stamp(row: tuple[Any, ...]) -> str:
    """The caseload's stamp from the row STAMP_SQL reads."""
    return json.dumps(list(row), default=str)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def encode(page: CaseloadPage) -> str:
    rows = [
        [
            r.reference,
            r.family_name,
            [[c.first_name, _iso(c.date_of_birth), _iso(c.expected_birth_date), c.subject]
             for c in r.children],
            None if r.next_conference is None else [
                r.next_conference.kind, r.next_conference.date.isoformat(),
                r.next_conference.status],
            [[f.code, f.text] for f in r.flags],
        ]
        for r in page.rows
    ]  # fmt: skip
    return json.dumps({"matching": page.matching, "total": page.total, "rows": rows})


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def decode(text: str) -> CaseloadPage:
    data = json.loads(text)
    rows = [
        CaseRow(
            reference=reference,
            family_name=family_name,
            children=tuple(
                ChildBrief(first, _date(born), _date(expected), bool(subject))
                for first, born, expected, subject in children
            ),
            next_conference=(
                None
                if upcoming is None
                else ConferenceBrief(upcoming[0], dt.date.fromisoformat(upcoming[1]), upcoming[2])
            ),
            flags=tuple(Flag(code, words) for code, words in flags),
        )
        for reference, family_name, children, upcoming, flags in data["rows"]
    ]
    return CaseloadPage(rows, int(data["matching"]), int(data["total"]))


_MONTH_FIELDS = (
    "week_conferences", "week_reviews", "month_conferences", "month_reviews",
    "overdue_reviews", "reports_late", "escalations", "births",
)  # fmt: skip


def encode_month(counts: MonthCounts) -> str:
    return json.dumps([getattr(counts, name) for name in _MONTH_FIELDS])


def decode_month(day: str, text: str, *, pending: bool) -> MonthCounts:
    values = [int(v) for v in json.loads(text)]
    if len(values) != len(_MONTH_FIELDS):
        raise ValueError("not the month's counts")
    return MonthCounts(dt.date.fromisoformat(day), **dict(zip(_MONTH_FIELDS, values, strict=True)),
                       pending=pending)  # fmt: skip


def _month(kept: tuple[Any, ...] | None, now: str, today: dt.date) -> MonthCounts | None:
    """The month as last counted: pending unless counted today with no change since."""
    if kept is None:
        return None
    try:
        fresh = kept[0] == today.isoformat() and kept[1] == now
        return decode_month(kept[0], kept[2], pending=not fresh)
    except Exception:  # a damaged copy: the month is simply counted again
        return None


def read(path: Target, key: str | None, today: dt.date) -> CaseloadPage | None:
    """The kept first page, if no case has changed since; else None. Kept on an earlier
    day, its flags are pending. Read only, with the plain driver (sqlcipher3 for an
    encrypted file, psycopg for a server)."""
    try:
        if isinstance(path, Server):
            kept, now, counted = _read_server(path)
        elif path.is_file():
            kept, now, counted = _read_file(path, key)
        else:
            return None
        if kept is None or kept[1] != now:
            return None
        page = replace(decode(kept[2]), month=_month(counted, now, today))
        if kept[0] == today.isoformat():
            return page
        rows = [replace(row, flags=()) for row in page.rows]
        return replace(page, rows=rows, flags_pending=True)
    except Exception:  # a copy is never worth a failure: the store reads the page anyway
        return None


Kept = tuple[tuple[Any, ...] | None, str, tuple[Any, ...] | None]  # page, stamp now, month


def _read_file(path: Path, key: str | None) -> Kept:
    from cpchair.db import raw_connect

    with closing(raw_connect(path, key, read_only=True)) as conn:
        conn.execute("BEGIN")  # the stamp and the copy from one snapshot
        return _kept(conn)


def _read_server(server: Server) -> Kept:
    import psycopg

    from cpchair.db_server import CONNECT_SECONDS

    with psycopg.connect(server.libpq_url, connect_timeout=CONNECT_SECONDS,
                         application_name="cpchair") as conn:  # fmt: skip
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _kept(conn)


def _kept(conn: Any) -> Kept:
    """The kept copy, the stamp now and the month as last counted, in the connection's one
    snapshot (either driver)."""
    from cpchair.db import SCHEMA_HEAD

    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != SCHEMA_HEAD:
        return None, "", None  # the store migrates first; its own read follows
    kept = conn.execute(KEPT_SQL).fetchone()
    row = conn.execute(STAMP_SQL).fetchone()
    counted = conn.execute(MONTH_SQL).fetchone()
    return kept, stamp(tuple(row or ())), counted
