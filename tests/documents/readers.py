"""Reading the documents back as a reader would: the text of an HTML page, a Word file or a PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

import docx
import pypdf


@dataclass
class HtmlDoc:
    """What a browser would show: headings, tables (rows of cell text), all visible text."""

    headings: list[tuple[str, str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    text: str = ""
    classes: list[str] = field(default_factory=list)
    style: str = ""
    tags: set[str] = field(default_factory=set)
    attributes: list[tuple[str, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = HtmlDoc()
        self._stack: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.doc.tags.add(tag)
        for name, value in attrs:
            self.doc.attributes.append((name, value or ""))
            if name == "class":
                self.doc.classes += (value or "").split()
        if tag in {"br", "meta", "col"}:
            return
        self._stack.append(tag)
        if tag in {"h1", "h2", "h3"}:
            self._heading = []
        elif tag == "table":
            self.doc.tables.append([])
        elif tag == "tr":
            self.doc.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.doc.headings.append((tag, "".join(self._heading)))
            self._heading = None
        elif tag in {"td", "th"} and self._cell is not None:
            self.doc.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        if tag in {"p", "li", "td", "th", "h1", "h2", "h3", "div", "tr"}:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "style":
            self.doc.style += data
            return
        if self._stack and self._stack[-1] == "title":
            return
        self._parts.append(data)
        for sink in (self._heading, self._cell):
            if sink is not None:
                sink.append(data)


def read_html(text: str) -> HtmlDoc:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.doc.text = "".join(reader._parts)
    return reader.doc


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every word in a Word file: body paragraphs, tables, page headers and footers."""
    doc = read_docx(data)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, its lines joined: words wrapped onto the next line
    read on with a space between."""
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def text_of(content: str | bytes, fmt: str) -> str:
    if fmt in {"docx", "pdf"}:
        assert isinstance(content, bytes)
        return docx_text(content) if fmt == "docx" else pdf_text(content)
    assert isinstance(content, str)
    return read_html(content).text if fmt == "html" else content
