"""SQLModel tables for the whole case aggregate.

The tables mirror the cpchair-case/1 format (../shared/spec/case-format.md): one row per
object, a `position` to keep list order, the writer's `key` where the format has one (so an
export gives back the keys that came in), and link tables for the "children this concerns"
lists. Foreign keys cascade on delete, so removing a case or a conference removes everything
under it in one statement; the links that are only attributions (who said a mapping entry,
which family member an attendee is, which danger statement a goal answers) are cleared
instead. Vocabulary is checked by the importer and the screens,
not by the database, so a new word needs no table rebuild.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import CheckConstraint, DateTime, String, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints let later migrations alter SQLite tables in batch mode.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


OnDelete = Literal["CASCADE", "SET NULL", "RESTRICT"]


def _fk(target: str, *, nullable: bool = False, ondelete: OnDelete = "CASCADE") -> Any:
    """An indexed foreign key; `Any`, as SQLModel's `Field()` is, so it fits any column type."""
    return Field(
        default=None if nullable else ...,
        foreign_key=target,
        ondelete=ondelete,
        index=True,
        nullable=nullable,
    )


def stored(row_id: int | None) -> int:
    """A row's id once the row is in the database. The tables type ids `int | None` only
    because a row not yet added has none; a row read back always has one."""
    if row_id is None:
        raise ValueError("a row not yet stored has no id")
    return row_id


class Attributed(SQLModel):
    """A row of a case's, which says who last wrote it (store/attribution.py): the person's
    name from the settings (else the system user), and on a server the database role too. The
    audit trail says what each change was; this says, of each entry, score or decision now
    held, whose it is (two seats in one meeting)."""

    changed_by: str | None = None


class Case(Attributed, table=True):
    __tablename__ = "case"
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    family_name: str
    profile: str = "england"
    lead_social_worker: str = ""
    lead_social_worker_team: str | None = None
    created_at: dt.datetime  # aware, UTC
    # Indexed: the latest change to any case is asked at every caseload read and start-up.
    updated_at: dt.datetime = Field(index=True)
    # Derived, for the caseload, refreshed by the store on every write (store/index.py).
    search: str = Field(default="", sa_column_kwargs={"server_default": ""})
    next_conference: dt.date | None = Field(default=None, index=True)
    first_due: dt.date | None = Field(default=None, index=True)  # sorting: see store/index.py


class Child(Attributed, table=True):
    __table_args__ = (UniqueConstraint("case_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("case.id")
    position: int = 0
    key: str
    first_name: str
    last_name: str
    date_of_birth: dt.date | None = None
    expected_birth_date: dt.date | None = None
    sex: str | None = None
    subject: bool = False
    interpreter_language: str | None = None


class Person(Attributed, table=True):
    __table_args__ = (UniqueConstraint("case_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("case.id")
    position: int = 0
    key: str
    name: str
    relationship: str
    parental_responsibility: bool = False
    contact_confidential: bool = False
    contact: str | None = None
    no_contact: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    interpreter_language: str | None = None


class Conference(Attributed, table=True):
    __table_args__ = (UniqueConstraint("case_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("case.id")
    position: int = 0
    key: str
    kind: str
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    venue: str | None = None
    virtual: bool = False
    chair: str = ""
    chair_contact: str | None = None
    minute_taker: str | None = None
    trigger_date: dt.date | None = None
    late_reason: str | None = None
    status: str = "prepared"
    confidentiality_statement_read: bool = False
    quorum_override: str | None = None
    # Local wall-clock times, as the format writes them: stored naive on purpose.
    escalation_due_by: dt.datetime | None = Field(default=None, sa_type=DateTime)
    escalation_notified_at: dt.datetime | None = Field(default=None, sa_type=DateTime)
    escalation_to: str | None = None


class Attendee(Attributed, table=True):
    __table_args__ = (UniqueConstraint("conference_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    key: str
    name: str
    role: str
    agency: str
    # Removing a family member from the case keeps them on the attendance record.
    person_id: int | None = _fk("person.id", nullable=True, ondelete="SET NULL")
    attendance: str = "present"
    votes: bool = False
    report_received: dt.date | None = None
    report_shared_with_family: dt.date | None = None
    arrived: dt.time | None = None
    left: dt.time | None = None
    contact: str | None = None
    absence_reason: str | None = None


class DirectContact(Attributed, table=True):
    """An agency has seen this child: what quorum counts."""

    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE", primary_key=True)
    child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", primary_key=True)
    position: int = 0


class Exclusion(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    attendee_id: int = _fk("attendee.id")
    scope: str
    reason: str
    from_stage: str | None = None
    to_stage: str | None = None
    record: str | None = None  # the chair's choice: "whole" or "attended"


class View(Attributed, table=True):
    """A child's or family member's view, and how it reached the conference."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    child_id: int | None = _fk("child.id", nullable=True)
    person_id: int | None = _fk("person.id", nullable=True)
    how: str
    summary: str
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class ViewNotGiven(Attributed, table=True):
    """Why a child's or parent's view is not before the conference."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    child_id: int | None = _fk("child.id", nullable=True)
    person_id: int | None = _fk("person.id", nullable=True)
    reason: str


class AdvocateNotUsed(Attributed, table=True):
    """Why a subject child old enough to be offered an advocate has none at this conference."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    child_id: int = _fk("child.id")
    reason: str


class Incident(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    which: str
    date: dt.date | None = None
    text: str
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class MappingEntry(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    column: str
    text: str
    nature: str | None = None
    # An entry outlives the removal of whoever said it.
    source_id: int | None = _fk("attendee.id", nullable=True, ondelete="SET NULL")
    confidential: bool = False


class MappingEntryChild(Attributed, table=True):
    entry_id: int = Field(foreign_key="mappingentry.id", ondelete="CASCADE", primary_key=True)
    child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", primary_key=True)
    position: int = 0


class DangerStatement(Attributed, table=True):
    __table_args__ = (UniqueConstraint("conference_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    key: str
    text: str


class DangerStatementChild(Attributed, table=True):
    statement_id: int = Field(
        foreign_key="dangerstatement.id", ondelete="CASCADE", primary_key=True
    )
    child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", primary_key=True)
    position: int = 0


class SafetyGoal(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    statement_id: int | None = _fk("dangerstatement.id", nullable=True, ondelete="SET NULL")
    text: str


class SafetyGoalChild(Attributed, table=True):
    goal_id: int = Field(foreign_key="safetygoal.id", ondelete="CASCADE", primary_key=True)
    child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", primary_key=True)
    position: int = 0


class Scaling(Attributed, table=True):
    """The scaling question of a conference (one at most) and the chair's overall grading."""

    __table_args__ = (
        CheckConstraint("overall IS NULL OR overall BETWEEN 0 AND 10", name="overall_range"),
    )
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = Field(foreign_key="conference.id", ondelete="CASCADE", unique=True)
    question: str
    polarity: str = "ten_is_safe"
    overall: int | None = None
    # Scores written down before any is shown, then revealed together by the chair.
    independent: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    revealed: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})


class Score(Attributed, table=True):
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),)
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    attendee_id: int = _fk("attendee.id")
    score: int
    reason: str
    child_id: int | None = _fk("child.id", nullable=True)
    statement_id: int | None = _fk("dangerstatement.id", nullable=True)
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Vote(Attributed, table=True):
    """One agency's view on what a child needs."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    attendee_id: int = _fk("attendee.id")
    child_id: int = _fk("child.id")
    vote: str
    reason: str
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Decision(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = 0
    child_id: int = _fk("child.id")
    outcome: str
    method: str
    rationale: str | None = None
    ending_criterion: str | None = None


class DecisionCategory(Attributed, table=True):
    """Categories in order: the first is the primary concern."""

    decision_id: int = Field(foreign_key="decision.id", ondelete="CASCADE", primary_key=True)
    category: str = Field(primary_key=True)
    position: int = 0


class Dissent(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = _fk("decision.id")
    position: int = 0
    attendee_id: int = _fk("attendee.id")
    reason: str


class Plan(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = Field(foreign_key="conference.id", ondelete="CASCADE", unique=True)
    first_core_group: dt.date | None = None
    first_visit: dt.date | None = None  # the first child protection visit
    review_conference: dt.date | None = None
    contingency: str | None = None
    visiting: str | None = None
    embassy_notification: bool = False


class PlanOutcome(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    position: int = 0
    text: str


class PlanAction(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    position: int = 0
    what: str
    who: str
    by: dt.date | None = None
    key_safeguarding: bool = False
    status: str = "open"
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class PlanActionChild(Attributed, table=True):
    action_id: int = Field(foreign_key="planaction.id", ondelete="CASCADE", primary_key=True)
    child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", primary_key=True)
    position: int = 0


class CoreGroupMember(Attributed, table=True):
    """A core group member: an attendee of the conference or a family member."""

    __table_args__ = (
        CheckConstraint("(attendee_id IS NULL) <> (person_id IS NULL)", name="one_member"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    position: int = 0
    attendee_id: int | None = _fk("attendee.id", nullable=True)
    person_id: int | None = _fk("person.id", nullable=True)


class PlanRecommendation(Attributed, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    position: int = 0
    text: str


class Reopening(Attributed, table=True):
    """A concluded conference opened again by the chair: when, and why (part of the record)."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    at: dt.datetime = Field(sa_type=DateTime)  # local wall-clock time, as the format writes it
    reason: str


# --- working state of a live meeting: kept here, never written to a case file ---------------


class StageVisit(SQLModel, table=True):
    """The chair moved to a stage at `started_at` and left it at `ended_at` (local times)."""

    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    stage: str
    started_at: dt.datetime = Field(sa_type=DateTime)
    ended_at: dt.datetime | None = Field(default=None, sa_type=DateTime)


class Draft(SQLModel, table=True):
    """Text typed but not yet submitted, kept so a crash or a flat battery loses nothing."""

    __table_args__ = (UniqueConstraint("conference_id", "slot"),)
    id: int | None = Field(default=None, primary_key=True)
    conference_id: int = _fk("conference.id")
    slot: str  # which box it was typed in, e.g. "mapping.capture"
    text: str
    updated_at: dt.datetime = Field(sa_type=DateTime)


# --- the audit trail: outlives the cases it speaks of -----------------------------------------


class Audit(SQLModel, table=True):
    """One change to a case: when, who, and what in plain words (a field's name, never its
    value; never a person's name). Appended in the same transaction as the change and never
    updated or deleted (triggers refuse both); each row's `hash` chains it to the one before
    (store/audit.py), so a changed, removed or inserted row shows.

    The case is named by its reference as text, not linked, so the line outlives the case.
    A line that renames a case keeps the reference it had before (`renamed_from`).
    """

    # AUTOINCREMENT: an id is never given twice, so rows removed from the end still show.
    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime  # aware, UTC
    who: str
    reference: str = Field(sa_type=String(collation="NOCASE"), index=True)
    what: str
    renamed_from: str | None = Field(default=None, sa_type=String(collation="NOCASE"))
    hash: str


class FirstPage(SQLModel, table=True):
    """The caseload's first page as last shown (first_page.py): drawn from here at start-up,
    before the store is loaded, and only while `stamp` (how many cases, and the latest
    change to any) and `day` still match. A copy, never a fact of its own: it is cleared
    when a case is deleted or replaced, so no name outlives its case here."""

    __tablename__ = "first_page"
    # 1: the default page; 2: the caseload's month as last counted (first_page.MONTH_ID)
    id: int | None = Field(default=None, primary_key=True)
    day: str
    stamp: str
    rows: str  # JSON: first_page.encode


# --- cases taken offline from a team's server, and back (checkout.py) ---------------------------


class Checkout(SQLModel, table=True):
    """A case taken out of a team's server to a laptop, as the server and the laptop each
    record it. On the server (`away`): the case is out, and nobody changes it there until it
    is checked in. On the laptop (not `away`): the case came from `place`, as it was there
    (`base`, its cpchair-case/1 text), which is what a check-in compares the server's copy
    with to find changes made there meanwhile."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(sa_type=String(collation="NOCASE"), unique=True)
    away: bool  # True on the server: out; False on the laptop: held from there
    who: str  # who took it (the audit trail's words for a person)
    at: dt.datetime  # aware, UTC
    place: str  # on the server: where it went; on the laptop: the server's URL, no password
    base: str | None = None  # on the laptop: the case as checked out
