"""The store's side of taking a case offline (checkout.py): the marks a server and a laptop
keep, and the rule that a case out of the server is changed nowhere but where it went."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func
from sqlmodel import Session, select

from cpchair import models as m
from cpchair.store.errors import EditError

# How a laptop's audit line for a checkout begins: the lines after it are the changes made
# offline, carried to the server at the check-in.
CHECKED_OUT_FROM = "case checked out from "


class CaseIsOut(EditError):
    """The case is checked out to a laptop: the server refuses to change it meanwhile."""


def mark(session: Session, reference: str) -> m.Checkout | None:
    """The checkout mark for this reference, however it is capitalised."""
    same = func.lower(m.Checkout.reference) == reference.lower()
    return session.exec(select(m.Checkout).where(same)).first()


def refuse_if_out(session: Session, reference: str) -> None:
    """Refuse a change to a case that is out (a mark `away`): its only copy that may change
    is on the laptop it went to, until that checks it in."""
    found = mark(session, reference)
    if found is not None and found.away:
        when = found.at.astimezone().strftime("%d %b %Y %H:%M")
        raise CaseIsOut(
            f"This case is checked out to {found.place} by {found.who} since {when}: it can "
            "be changed again once it is checked in."
        )


def put_mark(
    session: Session, reference: str, *, away: bool, who: str, place: str, base: str | None
) -> None:
    session.add(
        m.Checkout(reference=reference, away=away, who=who, place=place, base=base,
                   at=dt.datetime.now(dt.UTC))
    )  # fmt: skip


def drop_mark(session: Session, reference: str) -> None:
    found = mark(session, reference)
    if found is not None:
        session.exec(delete(m.Checkout).where(m.Checkout.id == found.id))  # type: ignore[arg-type]
