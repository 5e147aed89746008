"""A chart block (`blocks.Chart`) as an SVG picture, written as text: no library, no script,
no stylesheet, no font to fetch.

Made to be drawn by a browser (inline in the HTML document) and by fpdf2's SVG support (the
PDF): only `svg`, `title`, `desc`, `g`, `rect`, `line`, `polyline`, `polygon`, `circle` and
`text`, styled by presentation attributes (no CSS), and text in Latin-1 (the PDF's core fonts
have no arrows). The safe end of the scale is at the top whichever way the scale runs; each
line has its own marker and dash, so nothing is told by colour alone; every number is in the
chart's table beside it.
"""

from __future__ import annotations

from html import escape

from cpchair.documents.blocks import Chart

WIDTH, HEIGHT = 680, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 28, 250  # the plot area's margins and bottom
STYLES = {  # the mark's (colour, dash, line width)
    "circle": ("#1d3f6e", "", 2.5),
    "square": ("#8a4b00", "7 4", 2),
    "triangle": ("#2e6b30", "2 4", 2),
    "diamond": ("#111111", "", 1.5),
}


def _t(text: str) -> str:
    """Text for the picture: escaped, and within Latin-1 for the PDF's core fonts."""
    return escape(text.encode("latin-1", "replace").decode("latin-1"))


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _y(value: float, safe_at: int) -> float:
    safety = value if safe_at == 10 else 10 - value
    return BOTTOM - safety * (BOTTOM - TOP) / 10


def _xs(n: int) -> list[float]:
    width = WIDTH - LEFT - RIGHT
    if n == 1:
        return [LEFT + width / 2]
    pad = 36
    return [LEFT + pad + i * (width - 2 * pad) / (n - 1) for i in range(n)]


def _marker(mark: str, x: float, y: float, colour: str) -> str:
    x, y = round(x, 1), round(y, 1)
    if mark == "circle":
        return f'<circle cx="{x}" cy="{y}" r="4.5" fill="{colour}" stroke="{colour}"/>'
    if mark == "square":
        return (f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2"/>')  # fmt: skip
    if mark == "triangle":
        pts = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y + 4)} {_num(x - 5)},{_num(y + 4)}"
        return f'<polygon points="{pts}" fill="{colour}" stroke="{colour}"/>'
    corners = ((x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y))
    pts = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
    return f'<polygon points="{pts}" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'


def chart_svg(chart: Chart, *, ident: str = "trend", named: bool = True) -> str:
    """The chart as one `<svg>` element, its `title` and `desc` naming it for a screen reader.
    `named=False` leaves those out, for a reader that does not know them (fpdf2 warns on each;
    a PDF gives the chart's title and description as the image's alternative text instead)."""
    xs = _xs(len(chart.labels))
    safe = chart.safe_at
    label = f'role="img" aria-labelledby="{ident}-title {ident}-desc" ' if named else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" {label}font-family="Helvetica, Arial, sans-serif">',
    ]
    if named:
        out += [
            f'<title id="{ident}-title">{_t(chart.title)}</title>',
            f'<desc id="{ident}-desc">{_t(chart.description)}</desc>',
        ]
    out.append(f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
    # The scale: a line and a number at each point, the safe end at the top, said in words.
    for n in range(11):
        y = _y(n, safe)
        out.append(f'<line x1="{LEFT}" y1="{_num(y)}" x2="{WIDTH - RIGHT}" y2="{_num(y)}" '
                   f'stroke="#d0d5dc" stroke-width="{1 if n % 5 else 1.5}"/>')  # fmt: skip
        out.append(f'<text x="{LEFT - 8}" y="{_num(y + 4)}" font-size="11" '
                   f'text-anchor="end" fill="#333333">{n}</text>')  # fmt: skip
    out.append(f'<text x="6" y="{TOP - 12}" font-size="11" font-weight="bold" '
               f'fill="#111111">{_t("Safer at the top: " + chart.axis)}</text>')  # fmt: skip
    # Each conference: its date under it, and a bar from the lowest score to the highest.
    for x, label, low, high in zip(xs, chart.labels, chart.lowest, chart.highest, strict=True):
        out.append(f'<text x="{_num(x)}" y="{BOTTOM + 18}" font-size="11" '
                   f'text-anchor="middle" fill="#111111">{_t(label)}</text>')  # fmt: skip
        if low is not None and high is not None:
            top, bottom = sorted((_y(low, safe), _y(high, safe)))
            tall = _num(bottom - top + 2)
            out.append(f'<rect x="{_num(x - 7)}" y="{_num(top - 1)}" width="14" '
                       f'height="{tall}" fill="#e4e9f0" stroke="#8a94a3"/>')  # fmt: skip
    # The lines, broken where a conference has no value, each with its own marker and dash.
    for i, s in enumerate(chart.series):
        colour, dash, width = STYLES[s.mark]
        # Each line a little apart from the others, so equal values show every marker.
        shift = (i - (len(chart.series) - 1) / 2) * 7
        run: list[str] = []
        runs = [run]
        for x, v in zip(xs, s.values, strict=True):
            if v is None:
                run = []
                runs.append(run)
            else:
                run.append(f"{_num(x + shift)},{_num(_y(v, safe))}")
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        for r in runs:
            if len(r) > 1:
                out.append(f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" '
                           f'stroke-width="{width}"{dashed}/>')  # fmt: skip
        for x, v in zip(xs, s.values, strict=True):
            if v is not None:
                out.append(_marker(s.mark, x + shift, _y(v, safe), colour))
    # The legend: the bar and each line's marker and dash, named.
    y = BOTTOM + 48
    out.append(f'<rect x="{LEFT}" y="{y - 10}" width="10" height="14" fill="#e4e9f0" '
               f'stroke="#8a94a3"/>')  # fmt: skip
    out.append(f'<text x="{LEFT + 16}" y="{y + 1}" font-size="11" fill="#111111">'
               f"{_t('Lowest to highest')}</text>")  # fmt: skip
    slots = [(LEFT + 190, y), (LEFT + 380, y), (LEFT, y + 26), (LEFT + 190, y + 26)]
    for (lx, ly), s in zip(slots, chart.series, strict=False):
        colour, dash, width = STYLES[s.mark]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" y1="{ly - 3}" x2="{lx + 28}" y2="{ly - 3}" '
                   f'stroke="{colour}" stroke-width="{width}"{dashed}/>')  # fmt: skip
        out.append(_marker(s.mark, lx + 14, ly - 3, colour))
        out.append(f'<text x="{lx + 34}" y="{ly + 1}" font-size="11" fill="#111111">'
                   f"{_t(s.name)}</text>")  # fmt: skip
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["chart_svg"]
