"""The documents as PDF: what gets posted, emailed and signed. A4, from the same layout.

Drawn with fpdf2 (pure Python) in Noto Sans, which the manimgx-fonts package ships with Noto
faces for the scripts Latin faces lack (Arabic, Hebrew, Devanagari, Thai and more) and Noto
Sans Symbols: a name in any of those prints as written on every machine, with no system font.
Right-to-left and joined scripts are shaped (HarfBuzz, through uharfbuzz) only in the lines
that hold them. A character no shipped face has (Chinese, Japanese and Korean among them: a
CJK face would add 20 MB) prints as the replacement mark U+FFFD rather than failing.

Every page carries the running line at the top (with DRAFT, in red, while the conference is
not concluded, and a faint DRAFT across the page) and "Page 2 of 5" at the foot. Tables wrap
their cells, repeat their heading row on each page and split a row only when it is taller
than a page. Bold is the regular face drawn with a fine outline: the faces are variable fonts,
and making a true bold instance costs seconds.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.drawing import DeviceRGB
from fpdf.enums import MethodReturnValue, PathPaintRule, TextMode, XPos, YPos

from cpchair.documents.blocks import Bullets, Chart, Fields, Layout, Para, Sub, Table

RGB = tuple[int, int, int]
Line = list[tuple[str, bool]]  # words, each bold or not
RED: RGB = (0xB0, 0x00, 0x20)
DARK_RED: RGB = (0x7A, 0x00, 0x16)
NAVY: RGB = (0x1D, 0x3F, 0x6E)
GREY: RGB = (0x44, 0x44, 0x44)
BLACK: RGB = (0x11, 0x11, 0x11)
RULE: RGB = (0xD0, 0xD5, 0xDC)
BORDER: RGB = (0x8A, 0x94, 0xA3)
HEAD_FILL: RGB = (0xE4, 0xE9, 0xF0)
DRAFT_FILL: RGB = (0xFD, 0xEC, 0xEE)
FAMILY_FILL: RGB = (0xEE, 0xF3, 0xFA)

PAGE_W, PAGE_H = 210.0, 297.0
LEFT = RIGHT = 16.0
TOP, BOTTOM = 20.0, 18.0
TEXT_W = PAGE_W - LEFT - RIGHT
PT = 25.4 / 72  # millimetres in a point
PAD = 1.2  # a table cell's padding, mm
LABEL_W = 48.0  # the label column of a Fields block, as in Word
FAMILY = "noto"
REPLACEMENT = "\ufffd"  # for a character no shipped face can draw
# The total page count is written where this stands; its characters never reach the page
# from case text (private-use characters are dropped with the control characters).
PAGES_ALIAS = "\ue000\ue000"  # as wide as a two-digit count, for the right alignment

# Lines in these scripts need shaping (joining, reordering, right to left).
_COMPLEX = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
                      "\ufb1d-\ufdff\ufe70-\ufeff]")  # fmt: skip
# Joiners and the marks that steer right-to-left text are kept; other format characters,
# control characters, surrogates, private-use and unassigned code points are not text.
_KEEP_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
_NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _fonts_dir() -> Path:
    """Where manimgx-fonts keeps its files (found, not imported: it is only files)."""
    spec = importlib.util.find_spec("manimgx_fonts")
    if spec is None or spec.origin is None:
        raise RuntimeError("the manimgx-fonts package is missing: reinstall cpchair")
    return Path(spec.origin).parent


REGULAR = "NotoSans[wght].ttf"
ITALIC = "NotoSans-Italic[wght].ttf"
# Tried in this order for a character Noto Sans lacks.
FALLBACKS = (
    "NotoSansSymbols[wght].ttf", "NotoSansArabic[wght].ttf", "NotoSansHebrew[wght].ttf",
    "NotoSansDevanagari[wght].ttf", "NotoSansBengali[wght].ttf", "NotoSansGurmukhi[wght].ttf",
    "NotoSansGujarati[wght].ttf", "NotoSansTamil[wght].ttf", "NotoSansTelugu[wght].ttf",
    "NotoSansKannada[wght].ttf", "NotoSansMalayalam[wght].ttf", "NotoSansOriya[wght].ttf",
    "NotoSansSinhala[wght].ttf", "NotoSansThai[wght].ttf", "NotoSansLao[wght].ttf",
    "NotoSansKhmer[wght].ttf", "NotoSansMyanmar[wght].ttf", "NotoSansArmenian[wght].ttf",
    "NotoSansGeorgian[wght].ttf", "NotoSansEthiopic[wght].ttf", "NotoEmoji[wght].ttf",
)  # fmt: skip


@functools.cache
def _coverage(name: str) -> frozenset[int]:
    """The code points one face draws (read once a process)."""
    from fontTools.ttLib import TTFont

    with TTFont(_fonts_dir() / name, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _clean(text: str) -> str:
    """Text fit to print: tabs as spaces, no control or format characters."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for char in text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"):
        if char == "\n" or char in _KEEP_FORMAT or unicodedata.category(char) not in _NOT_TEXT:
            out.append(char)
    return "".join(out)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))


def _mapped(value: Any, change: Any) -> Any:
    """The layout with `change` applied to every string in it."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        return tuple(_mapped(v, change) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _mapped(getattr(value, f.name), change) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def _faces_for(layout: Layout) -> tuple[Layout, list[str]]:
    """The layout made printable, and the fallback faces its text needs. A character that no
    face has becomes the replacement mark, so nothing is left for fpdf2 to report (its report
    would name the text)."""
    layout = _mapped(layout, _clean)
    chars = {ord(c) for text in _strings(layout) for c in text if not c.isascii()}
    chars -= {ord(c) for c in _KEEP_FORMAT}
    missing = chars - _coverage(REGULAR)
    if not missing:
        return layout, []
    needed = []
    for name in FALLBACKS:
        if missing & _coverage(name):
            needed.append(name)
            missing -= _coverage(name)
        if not missing:
            break
    if missing:
        lost = {chr(c) for c in missing}
        layout = _mapped(
            layout, lambda t: "".join(REPLACEMENT if c in lost else c for c in t) if t else t
        )
    return layout, needed


class _Pages(FPDF):
    """A4 pages with the running line above and the page number below."""

    def __init__(self, layout: Layout) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.layout = layout
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.alias_nb_pages(PAGES_ALIAS)
        self.c_margin = 0  # the writer pads cells itself
        self.shaping = False

    def shape_for(self, text: str) -> None:
        """Shaping on only for lines that need it: it is many times slower."""
        wanted = bool(_COMPLEX.search(text))
        if wanted != self.shaping:
            self.set_text_shaping(wanted)
            self.shaping = wanted

    def colour(self, rgb: RGB) -> None:
        self.set_text_color(*rgb)
        self.set_draw_color(*rgb)  # the outline of a bold run

    def header(self) -> None:
        layout = self.layout
        if layout.draft:
            self._watermark()
        self.set_xy(LEFT, 8)
        running = layout.running.removeprefix("DRAFT · ")
        if layout.draft:
            self.set_font(FAMILY, size=8.5)
            self.colour(RED)
            with bold(self, 8.5):
                self.cell(self.get_string_width("DRAFT") + 1, 4, "DRAFT")
            self.cell(2, 4, "")
        self.set_font(FAMILY, size=8.5)
        self.colour(RED if layout.draft else GREY)
        self.shape_for(running)
        self.cell(0, 4, running, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*(RED if layout.draft else RULE))
        self.set_line_width(0.2)
        self.line(LEFT, 13, PAGE_W - RIGHT, 13)
        self.set_xy(LEFT, TOP)

    def _watermark(self) -> None:
        """A faint DRAFT across the page, drawn as the letters' outlines, not as text: text
        would be read out, or copied, in the middle of the page's own words."""
        size = 110 * PT  # the letters' height in mm, as 110 pt type
        outlines, advance = _outlines("DRAFT")
        scale = size / outlines.units
        left = PAGE_W / 2 - advance * scale / 2
        base = PAGE_H / 2 + size / 3
        with self.rotation(35, PAGE_W / 2, PAGE_H / 2), self.new_path() as path:
            path.style.fill_color = DeviceRGB(*(c / 255 for c in RED))
            path.style.fill_opacity = 0.07
            path.style.stroke_color = None
            path.style.paint_rule = PathPaintRule.FILL_NONZERO
            outlines.draw(path, left, base, scale)

    def footer(self) -> None:
        self.set_xy(LEFT, PAGE_H - 12)
        self.set_font(FAMILY, size=8.5)
        self.colour(RED if self.layout.draft else GREY)
        self.shape_for("")
        self.cell(0, 4, f"Page {self.page_no()} of {PAGES_ALIAS}", align="R")


@contextmanager
def bold(pdf: FPDF, size: float) -> Iterator[None]:
    """The regular face drawn with an outline of its own colour: a bold weight. (fpdf2 writes
    a text run's line width as points, unscaled.)"""
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.04):
        yield


class _Writer:
    def __init__(self, pdf: _Pages) -> None:
        self.pdf = pdf

    # --- text -------------------------------------------------------------------------

    def font(self, size: float, *, italic: bool = False, rgb: RGB = BLACK) -> None:
        self.pdf.set_font(FAMILY, "I" if italic else "", size)
        self.pdf.colour(rgb)

    def simple(self, text: str) -> bool:
        """Text that Noto Sans draws alone with no shaping: wrapped here, by its widths.
        fpdf2's own wrapping measures each line anew at every character."""
        return text.isascii() or (
            not _COMPLEX.search(text) and set(map(ord, text)) <= _coverage(REGULAR)
        )

    def measure(self, text: str) -> float:
        """The width of simple text in the current font, in mm."""
        widths: Any = self.pdf.current_font.cw  # type: ignore[union-attr]
        return sum(widths[ord(c)] for c in text) * self.pdf.font_size_pt * 0.001 / self.pdf.k

    def wrap(self, runs: list[tuple[str, bool]], width: float) -> list[Line]:
        """Words of runs (text, bold) in lines no wider than `width`; a word longer than a
        line is broken where it must. Bold is drawn from the same widths."""
        measure = self.measure
        space = measure(" ")
        lines: list[Line] = []
        line: Line = []
        used = 0.0
        for text, strong in runs:
            for i, part in enumerate(text.split("\n")):
                if i:
                    lines.append(line)
                    line, used = [], 0.0
                for word in part.split(" "):
                    size = measure(word)
                    if line and used + space + size > width:
                        lines.append(line)
                        line, used = [], 0.0
                    while size > width and not line:
                        cut = 1
                        while cut < len(word) and measure(word[: cut + 1]) <= width:
                            cut += 1
                        lines.append([(word[:cut], strong)])
                        word = word[cut:]
                        size = measure(word)
                    used += (space if line else 0) + size
                    line.append((word, strong))
        lines.append(line)
        return lines

    def lines(self, text: str, width: float) -> list[str]:
        if self.simple(text):
            return [" ".join(w for w, _ in line) for line in self.wrap([(text, False)], width)]
        self.pdf.shape_for(text)
        out = self.pdf.multi_cell(
            width, 1, text, dry_run=True, output=MethodReturnValue.LINES, padding=0
        )
        return [str(line) for line in cast("list[str]", out)] or [""]

    def draw_line(self, line: Line, height: float, size: float) -> None:
        """One wrapped line at the cursor: runs of bold and plain words side by side."""
        pdf = self.pdf
        start = 0
        while start < len(line):
            strong = line[start][1]
            end = start
            while end < len(line) and line[end][1] == strong:
                end += 1
            text = " ".join(w for w, _ in line[start:end]) + (" " if end < len(line) else "")
            with bold(pdf, size) if strong else _nothing():
                pdf.cell(self.measure(text), height, text)
            start = end

    def para(
        self,
        text: str,
        size: float = 10.5,
        *,
        lead: str = "",
        italic: bool = False,
        rgb: RGB = BLACK,
        strong: bool = False,
        after: float = 1.6,
        indent: float = 0,
        spacing: float = 1.4,
    ) -> None:
        """A paragraph, with a bold lead-in flowing into its text if it has one."""
        pdf = self.pdf
        height = size * PT * spacing
        self.font(size, italic=italic, rgb=rgb)
        if lead:
            self.keep(height * 2)
        width = TEXT_W - indent
        runs = [(lead, True), (text, strong)] if lead else [(text, strong)]
        if all(self.simple(t) for t, _ in runs):
            for line in self.wrap(runs, width):
                pdf.set_x(LEFT + indent)
                self.draw_line(line, height, size)
                pdf.ln(height)
        elif lead:
            pdf.set_x(LEFT + indent)
            pdf.shape_for(lead)
            with bold(pdf, size):
                pdf.write(height, lead + " ")
            pdf.shape_for(text)
            pdf.write(height, text)
            pdf.ln(height)
        else:
            pdf.shape_for(text)
            with bold(pdf, size) if strong else _nothing():
                pdf.set_x(LEFT + indent)
                pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    def keep(self, height: float) -> None:
        """A new page unless `height` fits on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def heading(self, text: str, size: float, rgb: RGB, *, rule: bool, level: int) -> None:
        pdf = self.pdf
        height = size * PT * 1.3
        pdf.ln(4 if rule else 2)
        self.keep(height + 16)  # with room for what follows it
        pdf.start_section(text[:120], level=level)
        self.para(text, size, rgb=rgb, strong=True, after=0, spacing=1.3)
        if rule:
            pdf.set_draw_color(*NAVY)
            pdf.set_line_width(0.5)
            y = pdf.get_y() + 0.6
            pdf.line(LEFT, y, PAGE_W - RIGHT, y)
            pdf.ln(2.4)
        else:
            pdf.ln(0.8)

    # --- boxes and tables ---------------------------------------------------------------

    def notice(self, text: str, *, draft: bool) -> None:
        pdf = self.pdf
        size = 10.5
        height = size * PT * 1.4
        self.font(size, rgb=DARK_RED if draft else BLACK)
        lines = self.lines(text, TEXT_W - 2 * 2.5)
        box = len(lines) * height + 2 * 2
        self.keep(box)
        top = pdf.get_y()
        pdf.set_fill_color(*(DRAFT_FILL if draft else FAMILY_FILL))
        pdf.set_draw_color(*(RED if draft else NAVY))
        pdf.set_line_width(0.5)
        pdf.rect(LEFT, top, TEXT_W, box, style="DF")
        self.font(size, rgb=DARK_RED if draft else BLACK)
        with bold(pdf, size) if draft else _nothing():
            for i, line in enumerate(lines):
                pdf.set_xy(LEFT + 2.5, top + 2 + i * height)
                pdf.shape_for(line)
                pdf.cell(TEXT_W - 5, height, line)
        pdf.set_xy(LEFT, top + box)
        pdf.ln(3)

    def grid(
        self,
        headers: tuple[str, ...] | None,
        rows: Iterable[tuple[str, ...]],
        widths: list[float],
        *,
        size: float,
        lined: bool,
        bold_first: bool = False,
    ) -> None:
        """Rows of wrapped cells. `lined`: a full grid with a shaded heading row repeated on
        each page; else rules between rows only (label and value pairs)."""
        pdf = self.pdf
        line_h = size * PT * 1.35

        def cells(values: tuple[str, ...], strong: bool) -> list[list[str]]:
            self.font(size)
            return [self.lines(v, w - 2 * PAD) for v, w in zip(values, widths, strict=True)]

        def draw(chunk: list[list[str]], rows_n: int, strong: list[bool], fill: bool) -> None:
            top = pdf.get_y()
            height = rows_n * line_h + 2 * PAD
            x = LEFT
            for lines, w, is_bold in zip(chunk, widths, strong, strict=True):
                if fill:
                    pdf.set_fill_color(*HEAD_FILL)
                    pdf.rect(x, top, w, height, style="F")
                self.font(size)
                with bold(pdf, size) if is_bold else _nothing():
                    for i, line in enumerate(lines):
                        pdf.set_xy(x + PAD, top + PAD + i * line_h)
                        pdf.shape_for(line)
                        pdf.cell(w - 2 * PAD, line_h, line)
                x += w
            pdf.set_line_width(0.2)
            if lined:
                pdf.set_draw_color(*BORDER)
                x = LEFT
                for w in widths:
                    pdf.rect(x, top, w, height)
                    x += w
            else:
                pdf.set_draw_color(*RULE)
                pdf.line(LEFT, top + height, LEFT + sum(widths), top + height)
            pdf.set_xy(LEFT, top + height)

        head = cells(headers, True) if headers else None
        head_n = max(len(c) for c in head) if head else 0
        head_h = head_n * line_h + 2 * PAD if head else 0
        all_bold = [True] * len(widths)
        row_bold = [bold_first] + [False] * (len(widths) - 1)

        def page_with_head() -> None:
            pdf.add_page()
            if head:
                draw(head, head_n, all_bold, True)

        if head:
            self.keep(head_h + line_h + 2 * PAD)
            draw(head, head_n, all_bold, True)
        for values in rows:
            body = cells(values, False)
            left = max(len(c) for c in body)
            done = 0
            while left:
                room = int((pdf.page_break_trigger - pdf.get_y() - 2 * PAD) // line_h)
                if room < min(left, 3) or (done == 0 and room < left and left * line_h < 60):
                    page_with_head()  # a short row is kept whole; a long one is split
                    continue
                take = min(left, room)
                chunk = [c[done : done + take] for c in body]
                draw(chunk, take, row_bold, False)
                done += take
                left -= take
        pdf.ln(3)

    def fields(self, block: Fields) -> None:
        self.grid(None, block.rows, [LABEL_W, TEXT_W - LABEL_W], size=9.5, lined=False,
                  bold_first=True)  # fmt: skip

    def table(self, block: Table) -> None:
        self.grid(block.headers, block.rows, self.columns(block), size=9.5, lined=True)

    def columns(self, block: Table) -> list[float]:
        """The layout's relative widths, widened where a column's longest word would not fit
        (up to a third of the page), taken from the columns with room to spare."""
        self.font(9.5)
        need = [2 * PAD + 0.5] * len(block.widths)
        for row in (block.headers, *block.rows):
            for i, text in enumerate(row):
                if self.simple(text):
                    longest = max((self.measure(w) for w in text.split()), default=0)
                    need[i] = max(need[i], min(longest + 2 * PAD + 0.5, TEXT_W / 3))
        weights = [max(w, 0) or 1 for w in block.widths]
        fixed: dict[int, float] = {}
        while True:
            room = TEXT_W - sum(fixed.values())
            free = [i for i in range(len(weights)) if i not in fixed]
            total = sum(weights[i] for i in free) or 1
            widths = {i: room * weights[i] / total for i in free}
            short = [i for i in free if widths[i] < need[i]]
            if not short or sum(need) > TEXT_W:
                break
            for i in short:
                fixed[i] = need[i]
        widths.update(fixed)
        return [widths[i] for i in range(len(weights))]

    def bullets(self, block: Bullets) -> None:
        pdf = self.pdf
        size = 10.5
        height = size * PT * 1.4
        for number, item in enumerate(block.items, start=1):
            mark = f"{number}." if block.numbered else "\u2022"
            self.font(size)
            self.keep(height)
            top = pdf.get_y()
            pdf.set_x(LEFT + 1)
            pdf.shape_for(mark)
            pdf.cell(5.5, height, mark, align="R" if block.numbered else "L")
            pdf.set_xy(LEFT, top)
            self.para(item, size, indent=8, after=0.8)
        pdf.ln(1.6)

    def block(self, block: object) -> None:
        if isinstance(block, Para):
            self.para(block.text, lead=block.lead, italic=block.note,
                      rgb=GREY if block.note else BLACK)  # fmt: skip
        elif isinstance(block, Fields):
            self.fields(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Sub):
            self.heading(block.title, 11.5, BLACK, rule=False, level=1)
        elif isinstance(block, Chart):
            self.chart(block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def chart(self, block: Chart) -> None:
        """The scaling over time: its picture (svg.py, drawn by fpdf2 as vectors, its title
        and description as the alternative text), then its numbers and notes."""
        from cpchair.documents.svg import HEIGHT, WIDTH, chart_svg

        pdf = self.pdf
        self.para(block.title, 10.5, strong=True, after=1)
        height = TEXT_W * HEIGHT / WIDTH
        self.keep(height + 2)
        picture = io.BytesIO(chart_svg(block, named=False).encode("utf-8"))
        pdf.image(picture, x=LEFT, y=pdf.get_y(), w=TEXT_W, h=height,
                  alt_text=f"{block.title}. {block.description}")  # fmt: skip
        pdf.set_y(pdf.get_y() + height + 2)
        self.table(block.table)
        for note in block.notes:
            self.para(note, 9, italic=True, rgb=GREY)


class _Outlines(BasePen):
    """A word's glyph outlines, recorded in font units, drawn into a fpdf2 path."""

    def __init__(self, glyphs: Any, units: int) -> None:
        super().__init__(glyphs)
        self.units = units
        self.steps: list[tuple[str, tuple[tuple[float, float], ...]]] = []
        self.dx = 0.0  # where the glyph being recorded starts

    def _at(self, *points: tuple[float, float]) -> tuple[tuple[float, float], ...]:
        return tuple((x + self.dx, y) for x, y in points)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.steps.append(("move", self._at(pt)))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.steps.append(("line", self._at(pt)))

    def _curveToOne(self, a: Any, b: Any, c: Any) -> None:
        self.steps.append(("curve", self._at(a, b, c)))

    def _qCurveToOne(self, a: Any, b: Any) -> None:
        self.steps.append(("quad", self._at(a, b)))

    def _closePath(self) -> None:
        self.steps.append(("close", ()))

    def draw(self, path: Any, left: float, base: float, scale: float) -> None:
        def at(p: tuple[float, float]) -> tuple[float, float]:
            return left + p[0] * scale, base - p[1] * scale  # font y runs up, the page's down

        for step, points in self.steps:
            xy = [v for p in points for v in at(p)]
            if step == "move":
                path.move_to(*xy)
            elif step == "line":
                path.line_to(*xy)
            elif step == "curve":
                path.curve_to(*xy)
            elif step == "quad":
                path.quadratic_curve_to(*xy)
            else:
                path.close()


@functools.cache
def _outlines(word: str) -> tuple[_Outlines, float]:
    """`word` in the regular face, at its default weight: its outlines and its advance."""
    font = TTFont(_fonts_dir() / REGULAR, lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    pen = _Outlines(glyphs, font["head"].unitsPerEm)
    for char in word:
        name = cmap[ord(char)]
        glyphs[name].draw(pen)
        pen.dx += glyphs[name].width
    return pen, pen.dx


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def to_pdf(layout: Layout) -> bytes:
    layout, fallbacks = _faces_for(layout)
    pdf = _Pages(layout)
    folder = _fonts_dir()
    pdf.add_font(FAMILY, "", folder / REGULAR)
    pdf.add_font(FAMILY, "I", folder / ITALIC)
    names = []
    for i, name in enumerate(fallbacks):
        pdf.add_font(f"fallback{i}", "", folder / name)
        names.append(f"fallback{i}")
    if names:
        pdf.set_fallback_fonts(names, exact_match=False)
    pdf.set_title(layout.title)
    pdf.set_subject(layout.subtitle)
    pdf.set_author("cpchair")
    pdf.set_creator("cpchair")
    pdf.set_lang("en-GB")
    pdf.add_page()

    write = _Writer(pdf)
    write.para(layout.title, 22, rgb=NAVY, strong=True, after=0.5)
    write.para(layout.subtitle, 12, rgb=GREY, after=3)
    if layout.draft:
        write.notice(layout.draft, draft=True)
    if layout.family:
        write.notice(layout.family, draft=False)
    write.fields(layout.details)
    for section in layout.sections:
        write.heading(section.title, 14, NAVY, rule=True, level=0)
        for block in section.blocks:
            write.block(block)
    pdf.ln(4)
    write.keep(12)
    pdf.set_draw_color(*BORDER)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, pdf.get_y(), PAGE_W - RIGHT, pdf.get_y())
    pdf.ln(1.5)
    write.para(layout.closing, 9, italic=True, rgb=GREY)
    return bytes(pdf.output())
