"""Who wrote each row of a case: every row added, or changed, in a flush is signed with the
writer (`changed_by`, models.Attributed). In the same statement as the change itself, so a
write costs nothing more; a row flushed with no change of its own is not re-signed.

The writer is the audit trail's (audit.who: the person's name from the settings, else the
system user); on a server, with the database role the connection logged in as, read once per
engine.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cpchair.models import Attributed
from cpchair.store import audit

_roles: WeakKeyDictionary[Engine, str] = WeakKeyDictionary()  # a server's role, by engine


def writer(session: Session) -> str:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        return audit.who()
    engine: Engine = conn.engine
    role = _roles.get(engine)
    if role is None:
        role = _roles[engine] = str(conn.exec_driver_sql("SELECT session_user").scalar())
    return f"{audit.who()} (as {role})"


@event.listens_for(Session, "before_flush")
def _sign(session: Session, _context: Any, _instances: Any) -> None:
    rows = [r for r in session.new if isinstance(r, Attributed)]
    rows += [
        r
        for r in session.dirty
        if isinstance(r, Attributed) and session.is_modified(r, include_collections=False)
    ]
    if not rows:
        return
    by = writer(session)
    for row in rows:
        if row.changed_by != by:
            row.changed_by = by
