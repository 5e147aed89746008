"""How a caseload row reads: short enough for 80 columns, with nothing cut off.

Each flag has a line of its own in its cell (a row grows to hold them), and the children of
the highlighted case are named in full on the line under the table.
"""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.printable import clipped
from cpchair.caseload_rows import CaseRow, ChildBrief
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
