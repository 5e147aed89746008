"""The scaling over time in a conference's documents: the record's and the outline plan's
scaling section end with a chart of the overall scale, conference by conference, when the case
has scaled at two conferences or more up to this one (so in practice at a review).

The series is `rules.scaling_trend`'s, read in this conference's direction; a conference that
scaled the other way round is starred and turned, and a note says so. Only the overall scale
is charted (a note says that too).

**Family copies.** A chart is numbers: lowest, median, highest, the two sides' medians and the
chair's grading. A score given with a reason in confidence keeps its score in every family
copy (only the reason is held back: `redact.py`), so no confidential rule takes a number out.
What a family copy must not show is a scaling its reader was kept out of: this conference's
chart goes with its scaling section when that is withheld, and an earlier conference whose
scaling this reader was out of (for the copy "for the family", any family recipient of this
conference) is left off the chart, as it was left out of their copy then. Its generated words
are put plainly ("middle score", not "median").
"""

from __future__ import annotations

from dataclasses import replace

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.documents import family as fam
from cpchair.documents.blocks import Chart, Series, Table
from cpchair.documents.words import plain
from cpchair.rules.scaling_trend import SERIES, Trend, TrendPoint, cells, scaling_trend

TITLE = "The overall scale, conference by conference"
MARKS: dict[str, str] = {
    "median": "circle",
    "family": "square",
    "professionals": "triangle",
    "overall": "diamond",
}
KIND_WORDS = {"initial": "initial", "review": "review", "pre_birth": "pre-birth",
              "transfer_in": "transfer-in"}  # fmt: skip


def trend_for(case: CaseDoc, conf: ConferenceDoc, copy: fam.FamilyCopy | None) -> Trend | None:
    """The trend up to this conference, as this copy may show it; None under two points."""
    held = case.conferences
    if copy is not None:
        readers = [copy.recipient] if copy.recipient else fam.family_recipients(case, conf)
        held = [c for c in held if c.key == conf.key or not any(_kept_out(c, r) for r in readers)]
    trend = scaling_trend(held, upto=conf.key)
    if len(trend.points) < 2 or trend.points[-1].conference != conf.key:
        return None
    return trend


def _kept_out(earlier: ConferenceDoc, r: fam.Recipient) -> bool:
    """Whether this conference's reader was kept out of an earlier conference's scaling.
    Attendee keys are given conference by conference ("a3" then may be someone else now), so
    the reader is found there as the same family member, else by name; one who cannot be told
    apart there (two of that name) is taken to have been kept out: the point is left off."""
    if r.person is None:
        name = " ".join(r.name.split()).casefold()
        there = [a.key for a in earlier.attendees if " ".join(a.name.split()).casefold() == name]
        if len(there) > 1:
            return True
        r = replace(r, attendee=there[0] if there else None)
    else:
        r = replace(r, attendee=None)  # found there by `person`, whatever their key was
    return "scaling" in fam.withheld_for(earlier, r)


def _label(p: TrendPoint) -> str:
    return f"{p.date.day} {p.date:%b %Y}" + (" *" if p.turned else "")


def trend_chart(trend: Trend, *, family: bool) -> Chart:
    """The chart block of a trend, in a family copy's plain words when `family`."""
    say = plain if family else (lambda text: text)
    names = dict(SERIES)
    points = trend.points
    series = tuple(
        Series(say(names[name]), tuple(p.value(name) for p in points), mark)  # type: ignore[arg-type]
        for name, mark in MARKS.items()
    )
    rows = tuple(
        (f"{p.date.day} {p.date:%B %Y}, {KIND_WORDS.get(p.kind, p.kind)}"
         + (" *" if p.turned else ""), *cells(p))
        for p in points
    )  # fmt: skip
    headers = ("Conference", *(say(label) for _, label in SERIES))
    first, last = points[0], points[-1]
    description = say(
        f"A line chart of the overall scale at {len(points)} conferences, from "
        f"{_label(first).rstrip(' *')} to {_label(last).rstrip(' *')}, with the safe end of the "
        f"scale at the top ({trend.direction()}). For each conference a bar runs from the "
        "lowest score to the highest; lines join the median (circles), the family's median "
        "(squares), the professionals' median (triangles) and the chair's grading (diamonds). "
        "The table below gives every number."
    )
    notes = [say(n) for n in trend.notes()]
    return Chart(
        title=TITLE,
        description=description,
        safe_at=trend.safe_at,
        axis=trend.direction(),
        labels=tuple(_label(p) for p in points),
        lowest=tuple(p.lowest for p in points),
        highest=tuple(p.highest for p in points),
        series=series,
        table=Table(headers, rows, (5, 2, 2, 2, 3, 3, 3)),
        notes=(f"Safe end of the scale: {trend.direction()}.", *notes),
    )


__all__ = ["TITLE", "trend_chart", "trend_for"]
