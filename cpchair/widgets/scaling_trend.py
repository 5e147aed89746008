"""The scaling over time as a terminal chart: one line per conference, the scale across.

    Overall scale by conference · safer to the right: 10 = safe enough to close, 0 = ...
                    safer →  0   1   2   3   4   5   6   7   8   9   10
     3 Mar 2026 initial      ·   ·   L───PC──M───F───────H   ·   ·   ·
     2 Jun 2026 review       ·   ·   ·   ·   L───P───MC──F───H   ·   ·
    L lowest  M median  H highest  F family  P professionals  C chair's grading

Safer is always to the right: on a scale turned round (10 = most danger) the axis runs from
10 down to 0, its numbers still the ones people gave. Every mark is a letter, so nothing is
told by colour alone (light, dark and high-contrast themes read alike); marks at one value sit
side by side from that value. A conference scaled the other way round is starred and the note
says it is shown turned (`rules/scaling_trend.py`). Nothing here is case text: dates, kinds
and numbers only, built as `Text`, never markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from cpchair.forms import show_date
from cpchair.rules.scaling_trend import Trend, TrendPoint, cells

UNIT = 4  # columns per point of the scale: a half point falls between two
AXIS = 10 * UNIT + 1
LABEL = 24  # "31 Dec 2026 transfer  * ": the date, the kind, a star if turned
MARKS: tuple[tuple[str, str], ...] = (
    ("lowest", "L"),
    ("median", "M"),
    ("highest", "H"),
    ("family", "F"),
    ("professionals", "P"),
    ("overall", "C"),
)
LEGEND = "L lowest  M median  H highest  F family  P professionals  C chair's grading"
KINDS = {"initial": "initial", "review": "review", "pre_birth": "pre-birth",
         "transfer_in": "transfer"}  # fmt: skip


# The numbers beside the chart, narrow enough for 80 columns (documents name every series).
TREND_COLUMNS = ("Date", "Kind", "Range", "Median", "Family", "Professionals", "Chair")


def trend_row(point: TrendPoint) -> tuple[str, ...]:
    """A conference's numbers: the range lowest to highest, the medians, the chair's grading;
    a conference scaled the other way round starred, as on the chart."""
    low, median, high, family, pros, chair = cells(point)
    span = low if point.hidden or low == high else f"{low} to {high}"
    kind = KINDS.get(point.kind, point.kind) + (" *" if point.turned else "")
    return (show_date(point.date), kind, span, median, family, pros, chair)


def _x(value: float, trend: Trend) -> int:
    """The column of a value: safer to the right, whichever way the scale runs."""
    safety = value if trend.polarity == "ten_is_safe" else 10 - value
    return round(safety * UNIT)


def axis_line(trend: Trend) -> Text:
    cells = [" "] * (AXIS + 1)
    for n in range(11):
        label = str(n if trend.polarity == "ten_is_safe" else 10 - n)
        for i, ch in enumerate(label):
            cells[n * UNIT + i] = ch
    text = Text(f"{'safer →':>{LABEL - 1}} ", style="bold")
    text.append("".join(cells).rstrip(), style="bold")
    return text


def point_line(point: TrendPoint, trend: Trend) -> Text:
    """One conference: its date and kind, then its marks along the scale."""
    when = f"{point.date.day} {point.date:%b %Y}"
    text = Text(f"{when:>11} {KINDS.get(point.kind, point.kind):<9}")
    text.append(" *" if point.turned else "  ", style="bold")
    text.append(" ")
    cells: list[tuple[str, str]] = [(" ", "")] * (AXIS + len(MARKS))
    for n in range(11):
        cells[n * UNIT] = ("·", "dim")
    if point.lowest is not None and point.highest is not None:
        a, b = sorted((_x(point.lowest, trend), _x(point.highest, trend)))
        for x in range(a, b + 1):
            cells[x] = ("─", "")
    at: dict[int, list[str]] = {}
    for name, letter in MARKS:
        value = point.value(name)
        if value is not None:
            at.setdefault(_x(value, trend), []).append(letter)
    free = 0  # marks at one value sit side by side; a later one never covers an earlier
    for x in sorted(at):
        start = max(x, free)
        for i, letter in enumerate(at[x]):
            cells[start + i] = (letter, "bold")
        free = start + len(at[x])
    width = max(AXIS, free)
    for ch, style in cells[:width]:
        text.append(ch, style=style)
    text.rstrip()
    if point.hidden:
        text.append(" hidden", style="italic")
    return text


def chart_text(trend: Trend, *, last: int | None = None, title: bool = True) -> Text:
    """The chart: a title saying which way is safe (`title`), the axis, a line for each
    conference (the `last` few only, when given), the legend and the notes."""
    points = trend.points[-last:] if last else trend.points
    out = Text()
    if title:
        out.append("Overall scale by conference", style="bold")
        out.append(f" · safer to the right: {trend.direction()}\n")
    if not points:
        out.append("No conference of this case has scaled yet.")
        return out
    out.append_text(axis_line(trend))
    for p in points:
        out.append("\n")
        out.append_text(point_line(p, trend))
    out.append(f"\n{LEGEND}", style="italic")
    shown = Trend(trend.polarity, points)
    if shown.any_turned:
        out.append("\n* ", style="bold")
        out.append("scaled the other way round: shown as 10 minus each score.")
    if title:  # the stage's short chart has no room for these; the case file's has
        for note in shown.notes():
            if "other way round" not in note:
                out.append(f"\n{note}")
    if last and len(trend.points) > last:
        earlier = len(trend.points) - last
        out.append(f"\n{earlier} earlier conference{'s' * (earlier != 1)}: in the case file.")
    return out


class ScalingTrendChart(Static):
    """The chart, shown from a `Trend`."""

    DEFAULT_CSS = """
    ScalingTrendChart { height: auto; padding: 0 1; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)

    def show(self, trend: Trend, *, last: int | None = None, title: bool = True) -> None:
        self.update(chart_text(trend, last=last, title=title))
