"""The documents as one self-contained HTML page, printable on A4.

No scripts, fonts, images or links to fetch: the file opens the same on a laptop with no
network and prints cleanly from any browser. Printed, every page carries the running line
(reference, document, date, family copy) and its page number in the page margin (CSS page
margin boxes), and a draft carries a large DRAFT across every page: a fixed-position element,
which browsers repeat on each printed page.
"""

from __future__ import annotations

from html import escape

from cpchair.documents.blocks import Bullets, Chart, Fields, Layout, Para, Section, Sub, Table
from cpchair.documents.svg import chart_svg

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 11pt;
  line-height: 1.4; color: #111; max-width: 50rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 .2rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; padding-bottom: .15rem;
  border-bottom: 1.5pt solid #1d3f6e; color: #1d3f6e; }
h3 { font-size: 11.5pt; margin: 1rem 0 .35rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .35rem 0; }
.subtitle { font-size: 12pt; margin: 0 0 .8rem; color: #333; }
.notice { border: 1.5pt solid #1d3f6e; background: #eef3fa; padding: .45rem .7rem;
  margin: .6rem 0; }
.notice.draft { border-color: #b00020; background: #fdecee; color: #7a0016; font-weight: bold; }
.note { color: #444; font-style: italic; }
.lead { font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 .8rem; font-size: 10pt; }
th, td { border: .75pt solid #8a94a3; padding: .25rem .4rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
th { background: #e4e9f0; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.fields { width: auto; min-width: 60%; }
table.fields th { background: none; font-weight: bold; white-space: nowrap; width: 1%; }
table.fields th, table.fields td { border: none; border-bottom: .5pt solid #d0d5dc; }
figure.chart { margin: .6rem 0 .3rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; max-width: 170mm; display: block; }
figure.chart figcaption { font-size: 9.5pt; color: #333; }
ul, ol { margin: .3rem 0 .6rem; padding-left: 1.4rem; }
li { margin: .15rem 0; }
footer { margin-top: 2rem; border-top: .75pt solid #8a94a3; padding-top: .4rem;
  font-size: 9.5pt; color: #333; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center;
  transform: rotate(-35deg); font-size: 110pt; font-weight: bold; letter-spacing: .1em;
  color: rgba(176, 0, 32, .10); pointer-events: none; z-index: 0; }
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  main { position: relative; z-index: 1; }
  h2 { margin-top: 1.1rem; }
  a { color: inherit; text-decoration: none; }
}
"""


def _page_css(doc: Layout) -> str:
    """The running line and page numbers in each printed page's margin."""
    colour = "#b00020" if doc.draft else "#333"
    box = f"font: 8.5pt Arial, sans-serif; color: {colour};"
    return (
        "@page { "
        f"@top-left {{ content: {_css_string(doc.running)}; {box} }} "
        f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }} '
        "}"
    )


def _css_string(text: str) -> str:
    """A CSS string that no text can break out of (quotes, backslashes, </style>)."""
    safe = "".join(c if c.isalnum() or c in " .,:;()-'" else f"\\{ord(c):x} " for c in text)
    return f'"{safe}"'


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _table(block: Table) -> str:
    total = sum(block.widths) or 1
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th>{_text(h)}</th>" for h in block.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in block.rows
    )
    return (
        f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _block(block: object) -> str:
    if isinstance(block, Para):
        lead = f'<span class="lead">{_text(block.lead)}</span> ' if block.lead else ""
        cls = ' class="note"' if block.note else ""
        return f"<p{cls}>{lead}{_text(block.text)}</p>"
    if isinstance(block, Fields):
        rows = "".join(
            f'<tr><th scope="row">{_text(k)}</th><td>{_text(v)}</td></tr>' for k, v in block.rows
        )
        return f'<table class="fields"><tbody>{rows}</tbody></table>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        items = "".join(f"<li>{_text(i)}</li>" for i in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Sub):
        return f"<h3>{_text(block.title)}</h3>"
    if isinstance(block, Chart):  # the picture, named for a screen reader; its numbers under it
        notes = "".join(f'<p class="note">{_text(n)}</p>' for n in block.notes)
        return (
            f'<figure class="chart">{chart_svg(block)}'
            f"<figcaption>{_text(block.title)}</figcaption></figure>\n{_table(block.table)}{notes}"
        )
    raise TypeError(f"unknown block {type(block).__name__}")


def _section(section: Section) -> str:
    body = "\n".join(_block(b) for b in section.blocks)
    return f"<section>\n<h2>{_text(section.title)}</h2>\n{body}\n</section>"


def to_html(doc: Layout) -> str:
    draft = doc.draft is not None
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(doc.running)}</title>",
        f"<style>{CSS}{_page_css(doc)}</style>",
        "</head>",
        f'<body class="{"draft" if draft else "final"}">',
    ]
    if draft:
        parts.append('<div class="watermark" aria-hidden="true">DRAFT</div>')
    parts += ["<main>", "<header>"]
    parts.append(f"<h1>{_text(doc.title)}</h1>")
    parts.append(f'<p class="subtitle">{_text(doc.subtitle)}</p>')
    if doc.draft:
        parts.append(f'<p class="notice draft">{_text(doc.draft)}</p>')
    if doc.family:
        parts.append(f'<p class="notice family">{_text(doc.family)}</p>')
    parts += [_block(doc.details), "</header>"]
    parts += [_section(s) for s in doc.sections]
    parts += [f"<footer><p>{_text(doc.closing)}</p></footer>", "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
