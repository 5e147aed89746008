"""The caseload's derived columns on a case, refreshed inside every write's transaction.

`search` (reference, family and children's names, lower case) for the filter,
`next_conference` (the earliest conference not yet concluded) and `first_due` (what falls due
first: the next conference, or a review owed before it) for sorting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import TextClause, text
from sqlmodel import Session


@dataclass(frozen=True)
class Dialect:
    """The few pieces of date and text arithmetic that SQLite and PostgreSQL spell apart."""

    months_after: Callable[[str, int], str]  # a date so many months on, clamped to month end
    days_before: Callable[[str, int], str]
    joined: Callable[[str], str]  # an aggregate: the values joined by spaces
    earliest: str  # the smallest of several values (none of them NULL here)
    alias: str  # a subquery in FROM: PostgreSQL 15 needs a name for it


# SQLite's date(d, '+3 months') runs over a short month (30 Nov + 3 months is 2 Mar), where
# the rules clamp to its last day (28 Feb); clamp the same way.
def _sqlite_months_after(day: str, months: int) -> str:
    return (
        f"CASE WHEN strftime('%d', date({day}, '+{months} months')) = strftime('%d', {day}) "
        f"THEN date({day}, '+{months} months') "
        f"ELSE date({day}, 'start of month', '+{months + 1} months', '-1 day') END"
    )


SQLITE = Dialect(
    months_after=_sqlite_months_after,
    days_before=lambda day, days: f"date({day}, '-{days} days')",
    joined=lambda value: f"group_concat({value}, ' ')",
    earliest="min",
    alias="",
)
# PostgreSQL's date + interval clamps to the month's end as the rules do.
POSTGRESQL = Dialect(
    months_after=lambda day, months: f"CAST({day} + interval '{months} months' AS date)",
    days_before=lambda day, days: f"CAST({day} - interval '{days} days' AS date)",
    joined=lambda value: f"string_agg({value}, ' ')",
    earliest="least",
    alias=" AS owing",
)

# The rules bring a calendar deadline on a weekend or bank holiday back to the working day
# before it: never more than 4 days in England and Wales (Good Friday to Easter Monday; Christmas
# with Boxing Day moved to the Monday), Scotland or Northern Ireland. 4 days early keeps this
# column from ever sorting a review later than the rules have it due.
HOLIDAY_SLACK = 4

# The earliest birth a review after `last` is counted from: an unborn subject child's expected
# birth date, or a date of birth after the conference (flags._birth_for).
_BIRTH = """(SELECT min(CASE WHEN child.date_of_birth IS NULL THEN child.expected_birth_date
                         WHEN child.date_of_birth > last.date THEN child.date_of_birth END)
    FROM child WHERE child.case_id = last.case_id AND child.subject)"""


def review_owed(d: Dialect) -> str:
    """The date a review is owed by, for sorting only, from the last concluded conference with
    a plan: the earliest of the review date its plan set, 3 months on (6 after a review:
    Working Together, which every profile has) and a month after an unborn child's birth (004,
    which some profiles have), each a few days early for bank holidays. A date set later than
    the limit never counts. The flags use the exact rule (profile, working days); this never
    sorts a case later than they have it due, so an overdue review is where the chair will see
    it."""
    early = HOLIDAY_SLACK
    return f"""(
  SELECT CASE WHEN EXISTS (
      SELECT 1 FROM decision WHERE decision.conference_id = last.id AND decision.outcome = 'plan')
    THEN {d.earliest}(
      coalesce((SELECT plan.review_conference FROM plan WHERE plan.conference_id = last.id),
               last.limit_),
      last.limit_,
      coalesce({d.days_before(d.months_after("last.birth", 1), early)}, last.limit_))
    END
  FROM (SELECT last.id, last.date,
          {
        d.days_before(
            f"CASE last.kind WHEN 'review' THEN ({d.months_after('last.date', 6)})"
            f" ELSE ({d.months_after('last.date', 3)}) END",
            early,
        )
    } AS limit_,
          {_BIRTH} AS birth
        FROM conference AS last
        WHERE last.case_id = "case".id AND last.status = 'concluded'
        ORDER BY last.date DESC, last.position DESC LIMIT 1) AS last)"""


def first_due(d: Dialect) -> str:
    """Set after `next_conference`, which it reads."""
    return f"""
UPDATE "case" SET first_due = (SELECT CASE
      WHEN owed IS NULL THEN next_conference
      WHEN next_conference IS NULL OR owed < next_conference THEN owed
      ELSE next_conference END
    FROM (SELECT {review_owed(d)} AS owed){d.alias})"""


def next_and_search(d: Dialect) -> str:
    return f"""
UPDATE "case" SET
  search = lower(reference || ' ' || family_name || ' ' || coalesce((
      SELECT {d.joined("first_name || ' ' || last_name")} FROM child
      WHERE child.case_id = "case".id), '')),
  next_conference = (
      SELECT min(date) FROM conference
      WHERE conference.case_id = "case".id AND conference.status != 'concluded')"""


@cache
def _reindex(dialect: str) -> list[TextClause]:
    d = POSTGRESQL if dialect == "postgresql" else SQLITE
    return [text(next_and_search(d) + " WHERE id = :case_id"),
            text(first_due(d) + " WHERE id = :case_id")]  # fmt: skip


def reindex_case(session: Session, case_id: int) -> None:
    session.flush()
    for statement in _reindex(session.get_bind().dialect.name):
        session.execute(statement, {"case_id": case_id})
