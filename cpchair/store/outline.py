"""A case as its case file shows it: the details, the children and the people whole, and of
each conference only the line the conference list shows.

The case file opens on every Enter in the caseload; read whole, a case of 20 conferences is
every attendee, entry, score and action of all 20 (about 20 queries and a thousand rows)
for a table of 20 short lines. This reads four queries and builds no conference document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseio.schema import ChildDoc, PersonDoc, SocialWorker
from cpchair.store.entities import CASE
from cpchair.store.read import TreeReader, case_values


@dataclass(frozen=True)
class ConferenceLine:
    """One conference as the case file lists it."""

    key: str
    date: dt.date
    kind: str
    status: str
    chair: str
    venue: str | None
    virtual: bool


LINE = ("key", "date", "kind", "status", "chair", "venue", "virtual")  # ConferenceLine's


@dataclass(frozen=True)
class CaseOutline:
    version: dt.datetime  # the case's `updated_at` as read: a later change reads as newer
    reference: str
    family_name: str
    profile: str
    lead_social_worker: SocialWorker
    children: list[ChildDoc]
    people: list[PersonDoc]
    conferences: list[ConferenceLine]  # oldest first, as the case holds them


def read_outline(session: Session, case: m.Case) -> CaseOutline:
    reader = TreeReader(session)
    lists = [CASE.part("children"), CASE.part("people")]
    for part in lists:
        reader.fetch(part, [case])
    t = m.Conference.__table__  # type: ignore[attr-defined]
    lines = session.execute(
        select(*(t.c[name] for name in LINE)).where(t.c.case_id == case.id)
        .order_by(t.c.position, t.c.id)
    ).all()  # fmt: skip
    return CaseOutline(
        version=case.updated_at,
        **case_values(reader, case),
        children=reader.docs(lists[0], case.id),
        people=reader.docs(lists[1], case.id),
        conferences=[_line(*row) for row in lines],
    )


def _line(key: str, date: dt.date, kind: str, status: str, chair: str, venue: str | None,
          virtual: bool) -> ConferenceLine:  # fmt: skip
    """A conference's line; its text without control characters, as every screen's is."""
    return ConferenceLine(key, date, kind, status, printable(chair),
                          venue and printable(venue), virtual)  # fmt: skip
