"""The audit trail: every change to a case, when, who and what, in an append-only table.

Each change writes one line in the same transaction as the change itself (`Store._edit` for
the edits, `import_case` and `delete_case` for whole cases), so a change is never kept
without its line, nor a line without its change. What a line says is worked out here from
the edit function's name and the names of the fields it was given ("child updated: date of
birth"): field names only, never a value, never a person's name. Working state (drafts, the
time spent in each stage) does not move the case's version, so it writes no line.

Who: the chair's name from the settings file, else the account's user name.

Rows are chained: each one's `hash` is SHA-256 over the row before's hash and this row's own
fields, in id order across the whole table, and ids run 1, 2, 3... with none ever given twice
(AUTOINCREMENT). `check` walks the chain and names the first line where it breaks: a line
changed, a line removed (its id is missing, or the table ends before the highest id given),
a line inserted (its hash does not follow). This shows tampering by anyone without the means
to rewrite the whole chain from the break on; it is not a signature.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from inspect import CO_VARARGS, CO_VARKEYWORDS
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from cpchair import models as m

# --- who ---------------------------------------------------------------------------------------


@cache
def _who() -> str:
    try:
        from cpchair.settings import load_settings
    except ImportError:
        pass
    else:
        try:
            name = load_settings().chair_name
        except Exception:  # a settings file that cannot be read never stops a change
            name = None
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a bare container)
        return "unknown user"


def who() -> str:
    """Who is making changes: the chair's name from the settings, else the system user.
    Looked up once a process."""
    return _who()


# --- what --------------------------------------------------------------------------------------

# How a verb at the start of an edit function's name reads once done.
VERBS = {
    "add": "added", "update": "updated", "remove": "removed", "delete": "deleted",
    "set": "set", "clear": "cleared", "create": "created", "record": "recorded",
    "restore": "restored", "shift": "moved", "move": "moved", "reveal": "revealed",
    "mark": "confidentiality changed", "ensure": "created", "fill": "filled in",
}  # fmt: skip
# What the rest of the name means, where its own words would not do.
NOUNS = {
    "entry": "mapping entry", "statement": "danger statement", "goal": "safety goal",
    "question": "scaling question", "reason": "score reason", "overall": "overall score",
    "independent": "independent scoring", "vote_reason": "vote reason",
    "view_not_given": "view not given", "advocate_not_used": "advocate not used",
    "person": "family or network member", "lead_social_worker": "lead social worker",
    "dates": "plan due dates",
}  # fmt: skip
# The lists an edit names by `kind` (the plan's and history's remove_row, add_text...).
KINDS = {
    "outcomes": "outcome", "actions": "action", "recommendations": "service recommended",
    "mapping": "mapping entry", "safety_goals": "safety goal", "views": "view",
    "incidents": "incident", "exclusions": "exclusion", "views_not_given": "view not given",
    "advocate_not_used": "advocate not used",
}  # fmt: skip
# Edits whose names are no verb and noun.
WHOLE = {
    "conclude": "conference concluded", "reopen": "conference reopened",
    "begin": "conference started", "exclude": "person excluded",
    "update": "conference updated",  # store/edits/conference.update: its own fields
}  # fmt: skip
# Field names that read better otherwise; any other reads with its underscores as spaces.
FIELDS = {"minute_taker": "minute-taker", "to": "told whom", "notified_at": "when told"}


def _name(fn: Callable[..., Any]) -> str:
    """The edit's name; for a function made inside another (a write put together on the spot),
    the name of the one that made it."""
    qualname = getattr(fn, "__qualname__", "")
    if ".<locals>." in qualname:
        return qualname.split(".<locals>.")[0].rsplit(".", 1)[-1]
    return getattr(fn, "__name__", "change")


def _arguments(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> dict[str, Any]:
    """The arguments by the names of the function's parameters (no `inspect`: this runs on
    every change, the minute-taker's Enter among them). Keywords that no parameter names go
    under the name of the function's `**` parameter (`**changes`)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return {}
    given = dict(zip(code.co_varnames[: code.co_argcount], args, strict=False))
    named = code.co_argcount + code.co_kwonlyargcount
    rest: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key in code.co_varnames[:named]:
            given[key] = value
        else:
            rest[key] = value
    if code.co_flags & CO_VARKEYWORDS:
        given[code.co_varnames[named + bool(code.co_flags & CO_VARARGS)]] = rest
    return given


def field_words(name: str) -> str:
    return FIELDS.get(name, name.replace("_", " "))


def describe(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any] | None = None
) -> str:
    """What an edit did, in plain words: `fn(session, reference, *args, **kwargs)` was run."""
    name = _name(fn)
    given = _arguments(fn, (None, None, *args), kwargs or {})
    if name in WHOLE:
        words = WHOLE[name]
    else:
        verb, _, noun = name.partition("_")
        kind = given.get("kind")
        if noun in {"row", "text"} and isinstance(kind, str) and kind in KINDS:
            noun_words = KINDS[kind]
        else:
            noun_words = NOUNS.get(noun, noun.replace("_", " ") or "case")
        words = f"{noun_words} {VERBS.get(verb, verb)}"
    changes = given.get("changes")
    if isinstance(changes, Mapping) and changes:
        named = [field_words(k) for k in changes if isinstance(k, str) and k.isidentifier()]
        if named:
            words += ": " + ", ".join(named)
    return words


# --- writing -----------------------------------------------------------------------------------


def _digest(previous: str, row_id: int, at: dt.datetime, who: str, reference: str,
            what: str, renamed_from: str | None) -> str:  # fmt: skip
    fields = [row_id, at.astimezone(dt.UTC).isoformat(), who, reference, what, renamed_from]
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous + body).encode("utf-8")).hexdigest()


# The highest id ever given and the last row's hash, in one statement: both by index. Kept
# even once its row is gone, so a last line removed is found out: SQLite keeps it itself; a
# server keeps it in `audit_head` (migration 0012), moved in the line's own transaction.
_LAST = {
    "sqlite": text(
        "SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'audit'),"
        " (SELECT hash FROM audit ORDER BY id DESC LIMIT 1)"
    ),
    "postgresql": text(
        "SELECT (SELECT last_id FROM audit_head WHERE id = 1),"
        " (SELECT hash FROM audit ORDER BY id DESC LIMIT 1), session_user"
    ),
}
_HEAD = text("UPDATE audit_head SET last_id = :id WHERE id = 1")
# Built once: through the session's connection, not the ORM, an insert costs a tenth.
_INSERT = insert(m.Audit)


def record(
    session: Session,
    reference: str,
    what: str,
    *,
    renamed_from: str | None = None,
    made: Line | None = None,
) -> None:
    """Append one line, inside the caller's transaction (which holds the write lock, so no
    other line can come between the read of the last one and this). `made`: a line another
    database wrote (a laptop's, for a change made offline), carried over with its own time
    and person; the role bringing it in is named beside them."""
    conn = session.connection()
    seq, previous, *role = conn.execute(_LAST[conn.dialect.name]).one()
    row_id = (seq or 0) + 1
    at = dt.datetime.now(dt.UTC) if made is None else made.at
    # On a server, the database role the change was made as, beside the name the person gave.
    by = who() if made is None else made.who
    if role:
        by = f"{by} (as {role[0]})"
    digest = _digest(previous or "", row_id, at, by, reference, what, renamed_from)
    conn.execute(_INSERT, {
        "id": row_id, "at": at, "who": by, "reference": reference, "what": what,
        "renamed_from": renamed_from, "hash": digest,
    })  # fmt: skip
    if role:
        conn.execute(_HEAD, {"id": row_id})


# --- reading and checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    number: int  # the row's id: its place in the whole trail
    at: dt.datetime  # UTC
    who: str
    what: str


@dataclass(frozen=True)
class Break:
    """Where the chain first fails: `number` is the line (row id) it fails at."""

    number: int
    why: str

    def message(self) -> str:
        return f"The audit trail is broken at line {self.number}: {self.why}."


MISSING = "that line is missing: it was removed"
ASTRAY = "it does not follow from the line before: one of the two was changed, or it was put in"
CUT = "the lines from there on are missing: they were removed"
# Columns, not objects: the whole table is walked. `Select` itself, as SQLModel's `select()`
# is typed for four columns at most.
_CHAIN: Select[*tuple[Any, ...]] = Select(
    col(m.Audit.id), col(m.Audit.at), col(m.Audit.who), col(m.Audit.reference),
    col(m.Audit.what), col(m.Audit.renamed_from), col(m.Audit.hash),
).order_by(col(m.Audit.id))  # fmt: skip


def check(session: Session) -> Break | None:
    """Walk the whole chain in order; the first place it breaks, or None if it is intact."""
    previous, expected = "", 1
    for row_id, at, by, reference, what, renamed_from, digest in session.exec(_CHAIN):
        if row_id != expected:
            return Break(expected, MISSING)
        if digest != _digest(previous, row_id, at, by, reference, what, renamed_from):
            return Break(expected, ASTRAY)
        previous, expected = digest, expected + 1
    conn = session.connection()
    seq = conn.execute(_LAST[conn.dialect.name]).one()[0]
    if seq is not None and seq >= expected:
        return Break(expected, CUT)
    return None


def lines(session: Session, reference: str) -> list[Line]:
    """A case's lines, oldest first: every line written under this reference (any
    capitals), and, where a line renamed the case, the lines of its old reference before."""
    found: dict[int, m.Audit] = {}
    todo: list[tuple[str, int | None]] = [(reference, None)]
    done: set[tuple[str, int | None]] = set()
    while todo:
        name, before = todo.pop()
        if (name.casefold(), before) in done:
            continue
        done.add((name.casefold(), before))
        query = select(m.Audit).where(m.Audit.reference == name)
        if before is not None:
            query = query.where(col(m.Audit.id) < before)
        for row in session.exec(query):
            assert row.id is not None  # read back from the table: it has its id
            found[row.id] = row
            if row.renamed_from is not None:
                todo.append((row.renamed_from, row.id))
    return [Line(key, _utc(r.at), r.who, r.what) for key, r in sorted(found.items())]


def _utc(at: dt.datetime) -> dt.datetime:
    """SQLite gives a time back without its zone: every line's was written in UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
