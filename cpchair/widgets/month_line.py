"""The line at the top of the caseload: what falls due this week and this month, and what is
overdue, across the whole caseload (rules/month.py). Counts only, never a name.

It breaks only between its parts, so at 80 columns it reads as two whole lines, not one cut
mid-phrase; kept from another day it is dim until counted again.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from cpchair.caseload_rows import MonthCounts
from cpchair.caseload_view import month_text


class MonthLine(Static):
    DEFAULT_CSS = """
    MonthLine { height: auto; padding: 0 1; color: $text; }
    MonthLine.-pending { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.counts: MonthCounts | None = None
        self._today: dt.date | None = None
        self.display = False

    def show(self, counts: MonthCounts, today: dt.date) -> None:
        self.counts, self._today = counts, today
        self.set_class(counts.pending, "-pending")
        self.display = True
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.counts is None or self._today is None:
            return
        width = self.content_size.width or self.app.size.width - 2
        text = Text()
        for n, line in enumerate(month_text(self.counts, self._today, width)):
            if n:
                text.append("\n")
            text.append(line)
        # The parts' names stand out, so the eye finds "Overdue" at once.
        text.highlight_words(["This week:", "This month:", "Week:", "Month:"], style="bold")
        c = self.counts
        overdue = c.overdue_reviews or c.reports_late or c.escalations or c.births
        text.highlight_words(["Overdue:"], style="bold yellow" if overdue else "bold")
        self.update(text)
