"""How `cpchair timescales` shows its answer: JSON for scripts, a table for people.

The JSON is the contract in spec/case-format.md ("Timescales on the command line"): one object,
contract key -> `YYYY-MM-DD`, only the keys that apply.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from cpchair.rules.timescales import KIND_LABELS, Due

if TYPE_CHECKING:
    from rich.table import Table

    from cpchair.rules.profiles import Profile

# Spelled out here rather than with strftime, whose %a and %b follow the machine's locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(d: date) -> str:
    """A date as a chair writes it: "Thu 10 Dec 2026"."""
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def as_json(results: Sequence[Due]) -> str:
    return json.dumps({due.key: due.date.isoformat() for due in results}, indent=2)


def as_table(
    results: Sequence[Due],
    *,
    kind: str | None = None,
    profile: Profile | None = None,
    title: str | None = None,
    show_basis: bool = False,
) -> Table:
    """One row per date: what is due, when, and the rule behind it (and its basis if asked).

    Without a `title`, one is made from `kind` and `profile` when they are given.
    """
    from rich.table import Table  # rich is only needed when a table is actually shown

    if title is None and (kind or profile):
        what = KIND_LABELS.get(kind, "conference") if kind else "conference"
        title = (
            f"Timescales for a {what}" if what[0] not in "aeiou" else f"Timescales for an {what}"
        )
        if profile is not None:
            title += f": {profile.title} ({profile.name})"
    caption = None
    if profile is not None:  # so nobody wonders which bank holidays were skipped
        caption = f"Working days skip weekends and bank holidays ({profile.region})."
    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
    table.add_column("Due", style="bold", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Rule")
    if show_basis:
        table.add_column("Basis", style="dim")
    for due in results:
        row = [due.label, format_date(due.date), due.rule]
        if show_basis:
            row.append(due.basis)
        table.add_row(*row)
    return table
