"""The caseload as text: one line per case, what a chair scans first; as a table at a
terminal, as tab-separated lines for another program."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of
from cpchair.vocab import KIND_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from rich.table import Table

    from cpchair.caseload_rows import ChildBrief, ConferenceBrief
    from cpchair.store.summary import CaseSummary


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


HEADINGS = ("Reference", "Family", "Children", "Next conference", "Kind", "Status")


def case_cells(summary: CaseSummary, today: dt.date) -> tuple[str, ...]:
    """One case as the caseload lists it, as text to show: never markup, never a control
    character, never longer than a screen (caseio/printable.py)."""
    from cpchair.caseio.printable import clipped, printable

    when, kind, status = next_text(summary, today)
    cells = (summary.reference, summary.family_name, children_text(summary.children, today),
             when, kind, status)  # fmt: skip
    return tuple(printable(clipped(cell)) for cell in cells)


def cases_lines(summaries: list[CaseSummary], today: dt.date | None = None) -> list[str]:
    """The caseload for another program (a pipe, a file): a line of headings, then a line a
    case, the cells apart by tabs. A table of thousands of rows is slow to lay out and is
    no use to `grep` or a spreadsheet."""
    today = today or dt.date.today()
    rows = [HEADINGS, *(case_cells(s, today) for s in summaries)]
    return ["\t".join(" ".join(cell.split()) for cell in row) for row in rows]


def _day(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _conference(brief: ConferenceBrief | None) -> dict[str, str] | None:
    if brief is None:
        return None
    return {"kind": brief.kind, "date": brief.date.isoformat(), "status": brief.status}


def cases_json(summaries: list[CaseSummary], total: int) -> str:
    """`cpchair cases --json`: one object, its shape fixed (README, "cases --json"):
    `{"cases": [...], "shown": N, "total": N}`, each case with its reference, family name,
    children (first name, dates of birth as YYYY-MM-DD or null, subject), the next conference
    not concluded and the last concluded one (kind, date, status; or null), and the review due
    by while a plan is in force (or null). Kinds and statuses are the case format's words."""
    import json

    cases = [
        {
            "reference": s.reference,
            "family_name": s.family_name,
            "children": [
                {
                    "first_name": c.first_name,
                    "date_of_birth": _day(c.date_of_birth),
                    "expected_birth_date": _day(c.expected_birth_date),
                    "subject": c.subject,
                }
                for c in s.children
            ],
            "next_conference": _conference(s.next_conference),
            "last_conference": _conference(s.last_conference),
            "review_due": _day(s.review_due),
        }
        for s in summaries
    ]
    shape = {"cases": cases, "shown": len(cases), "total": total}
    return json.dumps(shape, ensure_ascii=False, indent=2)


def more_text(shown: int, total: int) -> str:
    """What a listing cut short leaves out, and how to see it."""
    return f"The first {shown:,} of {total:,} cases: `cpchair cases --all` lists them all."


def cases_table(summaries: list[CaseSummary], today: dt.date | None = None) -> Table:
    from rich.table import Table
    from rich.text import Text

    today = today or dt.date.today()
    table = Table(title="Cases", header_style="bold", expand=False)
    for heading in HEADINGS:
        table.add_column(heading, overflow="fold")
    for s in summaries:
        # Case text is never markup: a name with square brackets prints as typed.
        table.add_row(*(Text(cell) for cell in case_cells(s, today)))
    return table
