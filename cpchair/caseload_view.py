"""How a caseload row reads: short enough for 80 columns, with nothing cut off.

Each flag has a line of its own in its cell (a row grows to hold them), and the children of
the highlighted case are named in full on the line under the table.
"""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.printable import clipped
from cpchair.caseload_rows import CaseRow, ChildBrief, MonthCounts
from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of
from cpchair.vocab import KIND_SHORT


def children_cell(children: tuple[ChildBrief, ...], today: dt.date) -> str:
    parts = []
    for c in children:
        if c.date_of_birth is None:  # "Unborn baby" needs no "(unborn)" after it
            named = c.first_name.strip()
            parts.append(f"{named} (unborn)" if named else first_name_of(c))
        else:
            parts.append(f"{first_name_of(c)} {describe_age(c.date_of_birth, None, today)}")
    return ", ".join(parts)


def away(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return "yesterday" if days == -1 else f"{-days} days ago"


def next_cell(row: CaseRow, today: dt.date) -> str:
    nxt = row.next_conference
    if nxt is None:
        return "none booked"
    return f"{KIND_SHORT[nxt.kind]} {nxt.date.day} {nxt.date:%b} ({away((nxt.date - today).days)})"


def flags_cell(row: CaseRow) -> str:
    """One flag a line: the widest is "review due in 14 days", so every flag reads whole."""
    return "\n".join(f.text for f in row.flags)


def detail_line(row: CaseRow, today: dt.date) -> str:
    """The highlighted case under the table: who the children are, however many."""
    children = children_cell(row.children, today) or "no children recorded yet"
    return clipped(f"{row.reference} {row.family_name} · children: {children}", 600)


def _counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _due(conferences: int, reviews: int) -> str:
    parts = []
    if conferences:
        parts.append(_counted(conferences, "conference"))
    if reviews:
        parts.append(_counted(reviews, "review") + " due")
    return ", ".join(parts) or "nothing due"


def month_groups(counts: MonthCounts, today: dt.date, *, short: bool = False) -> list[str]:
    """The caseload's month in three parts, counts only (never a name: a projector may show
    it), e.g. "This week: 2 conferences, 1 review due", "This month: 5 conferences, 3 reviews
    due", "Overdue: 1 review, late reports for 2 conferences". `short`: the same in fewer
    words, for a narrow screen. Kept from another day or from before a change, it says so
    while it is counted again."""
    reports = _counted(counts.reports_late, "conference")
    overdue = [
        text
        for n, text in (
            (counts.overdue_reviews, _counted(counts.overdue_reviews, "review")),
            (counts.reports_late, _counted(counts.reports_late, "report") if short
             else f"late reports for {reports}"),
            (counts.escalations, _counted(counts.escalations, "escalation")),
            (counts.births, _counted(counts.births, "birth") + ("" if short else " to record")),
        )
        if n
    ]  # fmt: skip
    week, month = ("Week", "Month") if short else ("This week", "This month")
    groups = [
        f"{week}: {_due(counts.week_conferences, counts.week_reviews)}",
        f"{month}: {_due(counts.month_conferences, counts.month_reviews)}",
        f"Overdue: {', '.join(overdue) or 'none'}",
    ]
    if counts.pending:
        day = counts.day
        on = "" if day == today else f"counted {day:%a} {day.day} {day:%b}; "
        groups.append(f"({on}counting again…)")
    return groups


def month_text(counts: MonthCounts, today: dt.date, width: int) -> list[str]:
    """The line's lines at `width`: in full words where they take at most two lines (or no
    more than the short words would), else in the short words."""
    full = month_lines(month_groups(counts, today), width)
    brief = month_lines(month_groups(counts, today, short=True), width)

    def height(lines: list[str]) -> int:  # a part wider than the line wraps
        return sum(max(1, -(-len(line) // max(1, width))) for line in lines)

    return full if height(full) <= max(2, height(brief)) else brief


def month_lines(groups: list[str], width: int) -> list[str]:
    """The groups joined by " · " on as few lines as fit `width`, a line breaking only
    between groups (a group wider than the line is left for the widget to wrap)."""
    lines: list[str] = []
    for group in groups:
        if lines and len(lines[-1]) + 3 + len(group) <= width:
            lines[-1] += " · " + group
        else:
            lines.append(group)
    return lines
