"""The dates around a conference, and a warning when it is set later than it is due.

Under the dates, the profile's standing rules: how often later core groups meet, when the
outline plan and the record reach the parents. Shows what `rules/conference_due.py` worked
out; it decides nothing itself.
"""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from cpchair.caseload_view import away
from cpchair.rules.conference_due import ConferenceDue
from cpchair.timescales_view import format_date
from cpchair.vocab import KIND_PHRASES


def late_warning(due: ConferenceDue) -> str:
    days = due.days_late
    assert due.due_by is not None
    return (
        f"⚠ Later than due: this {KIND_PHRASES[due.kind]} is due by "
        f"{format_date(due.due_by)}; the date chosen is {days} day{'' if days == 1 else 's'} after."
    )


class DueDates(Vertical):
    """`show()` it a ConferenceDue (or None with a hint while the date cannot be read)."""

    DEFAULT_CSS = """
    DueDates { height: auto; }
    DueDates #late { color: $error; text-style: bold; height: auto; }
    DueDates #dates { height: auto; }
    DueDates #why { color: $text-muted; height: auto; }
    """

    def __init__(self, *, show_late: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_late = show_late  # False: the screen shows `late_warning` where it stays seen

    def compose(self) -> ComposeResult:
        yield Static("", id="late", markup=False)
        yield Static("", id="dates")
        yield Static("", id="why", markup=False)

    def show(self, due: ConferenceDue | None, today: date, hint: str = "") -> None:
        late = self.query_one("#late", Static)
        dates = self.query_one("#dates", Static)
        why = self.query_one("#why", Static)
        if due is None:
            _say(late, "")
            dates.update(Text(hint or "Give a date to see the timescales.", style="italic"))
            _say(why, "")
            return
        _say(late, late_warning(due) if due.late and self.show_late else "")
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style="dim", no_wrap=True)
        for item in due.dues:
            table.add_row(item.label, format_date(item.date), away((item.date - today).days))
        for rule in due.standing:
            if rule.date is None:  # a frequency, not a date
                table.add_row(rule.label, rule.when, "")
            else:
                table.add_row(rule.label, format_date(rule.date), away((rule.date - today).days))
        dates.update(table)
        own = due.dues[0] if due.due_by is not None else None
        if due.unknown:
            _say(why, due.unknown)
        elif own is not None:
            _say(why, f"Conference by: {own.rule}")
        else:
            _say(why, "")


def _say(line: Static, text: str) -> None:
    """A line that takes no room while it has nothing to say."""
    line.update(text)
    line.display = bool(text)
