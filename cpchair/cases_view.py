"""The caseload as text: one line per case, what a chair scans first."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of
from cpchair.vocab import KIND_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from rich.table import Table

    from cpchair.store.summary import CaseSummary, ChildBrief


def children_text(children: list[ChildBrief], today: dt.date) -> str:
    return ", ".join(
        f"{first_name_of(c)} ({describe_age(c.date_of_birth, c.expected_birth_date, today)})"
        for c in children
    )


def days_away(when: dt.date, today: dt.date) -> str:
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def next_text(summary: CaseSummary, today: dt.date) -> tuple[str, str, str]:
    """(when, kind, status) of the next conference, or of what is owed when none is set."""
    nxt = summary.next_conference
    if nxt is not None:
        return (
            f"{nxt.date:%a %d %b %Y} ({days_away(nxt.date, today)})",
            KIND_LABELS[nxt.kind],
            STATUS_LABELS[nxt.status],
        )
    if summary.review_due is not None:
        return (f"review due by {summary.review_due:%d %b %Y}", "Review", "Not scheduled")
    return ("none scheduled", "", "")


def cases_table(summaries: list[CaseSummary], today: dt.date | None = None) -> Table:
    from rich.table import Table
    from rich.text import Text

    from cpchair.caseio.printable import clipped, printable

    today = today or dt.date.today()
    table = Table(title="Cases", header_style="bold", expand=False)
    for heading in ("Reference", "Family", "Children", "Next conference", "Kind", "Status"):
        table.add_column(heading, overflow="fold")
    for s in summaries:
        when, kind, status = next_text(s, today)
        # Case text is never markup: a name with square brackets prints as typed.
        cells = (s.reference, s.family_name, children_text(s.children, today), when, kind, status)
        table.add_row(*(Text(printable(clipped(cell))) for cell in cells))
    return table
