"""The pieces every document is made of: paragraphs, fields, tables, lists, headings.

The renderers know only these, so the Markdown, HTML and Word files always carry the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["outline", "record", "letter"]
KINDS: tuple[Kind, ...] = ("outline", "record", "letter")


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a bold lead-in, e.g. "Chair's rationale:"
    note: bool = False  # set apart: a notice rather than part of the record


@dataclass(frozen=True)
class Fields:
    """Short label and value pairs: the conference's details, dates, a scale's summary."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths, for print


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Sub:
    """A heading inside a section."""

    title: str


@dataclass(frozen=True)
class Series:
    """One line of a chart: a value for each of its points (None: none at that point)."""

    name: str  # "Median", as the legend and the table's heading say it
    values: tuple[float | None, ...]
    mark: Literal["circle", "square", "triangle", "diamond"]  # the marker, never colour alone


@dataclass(frozen=True)
class Chart:
    """The scaling over time (`documents/trend.py`): a line chart of the overall scale,
    conference by conference. Every renderer gives `table`, the numbers being the record,
    and `notes`; a renderer that can draw gives `svg.chart_svg(chart)` above them (HTML, PDF),
    with `title` and `description` as its accessible name and text."""

    title: str  # "The overall scale, conference by conference"
    description: str  # the chart in one or two sentences: its alt text
    safe_at: int  # 10 or 0: the safe end of the scale, drawn at the top
    axis: str  # "10 = safe enough to close, 0 = certain the child will be harmed"
    labels: tuple[str, ...]  # the points, oldest first: "3 Sep 2026" (starred if turned)
    lowest: tuple[float | None, ...]  # the range drawn as a bar, lowest to highest
    highest: tuple[float | None, ...]
    series: tuple[Series, ...]
    table: Table
    notes: tuple[str, ...]


Block = Para | Fields | Table | Bullets | Sub | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Layout:
    kind: Kind
    title: str  # "Outline plan" or "Outline plan (family copy)"
    subtitle: str  # "Initial child protection conference, 3 September 2026"
    running: str  # the line at the top of every printed page
    draft: str | None  # the DRAFT notice, when the conference is not concluded
    family: str | None  # the family copy notice
    details: Fields
    sections: tuple[Section, ...]
    closing: str
