"""The documents as a Word file: real headings, real tables, A4, a header on every page.

Councils edit and file the record in Word, so the structure is Word's own: Title, Heading 1
and 2, List Bullet and List Number, and tables whose heading row repeats on each page. The page
header carries the running line (and DRAFT, in red, while the conference is not concluded);
the footer numbers the pages.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cpchair.documents.blocks import Bullets, Chart, Fields, Layout, Para, Sub, Table

RED = RGBColor(0xB0, 0x00, 0x20)
NAVY = RGBColor(0x1D, 0x3F, 0x6E)
GREY = RGBColor(0x44, 0x44, 0x44)
BLACK = RGBColor(0x11, 0x11, 0x11)
TEXT_WIDTH_MM = 178  # A4 less 16 mm margins each side
# Characters XML 1.0 cannot hold (most control characters): Word files are XML, and free
# text typed or pasted into a case may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: Any) -> Any:
    """The layout with every string made fit for XML (control characters dropped)."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, tuple):
        return tuple(_xml_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _shade(cell: object, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row: object) -> None:
    props = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _no_split(row: object) -> None:
    props = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    props.append(OxmlElement("w:cantSplit"))


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {code} "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Header", "Footer"):
        doc.styles[name].font.size = Pt(8.5)
    subtitle = doc.styles["Subtitle"]
    subtitle.font.italic = False
    spacing = subtitle.element.get_or_add_rPr().find(qn("w:spacing"))
    if spacing is not None:  # the template spreads the letters out
        spacing.getparent().remove(spacing)
    subtitle.font.color.rgb = GREY
    for name, size in (("Title", 22), ("Subtitle", 12), ("Heading 1", 14), ("Heading 2", 11.5)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        if name != "Subtitle":
            style.font.color.rgb = NAVY if name != "Heading 2" else BLACK
        # The heading fonts are set through the theme; name the East Asian slot as well so
        # Word does not fall back to the theme font.
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)


def _page(doc: DocxDocument, layout: Layout) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(16)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.header_distance = section.footer_distance = Mm(8)

    header = section.header.paragraphs[0]
    if layout.draft:
        mark = header.add_run("DRAFT  ")
        mark.bold = True
        mark.font.color.rgb = RED
    running = header.add_run(layout.running.removeprefix("DRAFT · "))
    running.font.size = Pt(8.5)
    running.font.color.rgb = RED if layout.draft else GREY

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in ("Page ", "PAGE", " of ", "NUMPAGES"):
        if part.isupper():
            _field(footer, part)
        else:
            footer.add_run(part)


class _Word:
    """A Word document being written. Styles are set by id: looking them up by name costs
    python-docx a scan of every style, for each paragraph."""

    def __init__(self, doc: DocxDocument, *, lists: bool = True) -> None:
        self.doc = doc
        self.lists = lists  # False: a council's template without list styles
        names: tuple[str, ...] = ("Title", "Subtitle", "Heading 1", "Heading 2", "Table Grid")
        if lists:
            names += ("List Bullet", "List Number")
        self.ids = {name: doc.styles[name].style_id for name in names}
        if "Table Text" in {s.name for s in doc.styles}:
            cell = doc.styles["Table Text"]
        else:
            cell = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
            cell.base_style = doc.styles["Normal"]
            cell.font.size = Pt(9.5)
            cell.paragraph_format.space_after = Pt(1)
        self.ids["Table Text"] = cell.style_id

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        if style:
            paragraph._p.style = self.ids[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def gap(self) -> None:
        self.para().paragraph_format.space_after = Pt(2)

    def cell(self, cell: _Cell, text: str, width: Length, *, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph._p.style = self.ids["Table Text"]
        paragraph.add_run(text).bold = bold or None
        cell.width = width

    def notice(self, text: str, *, draft: bool) -> None:
        table = self.doc.add_table(rows=1, cols=1)
        table._tbl.tblStyle_val = self.ids["Table Grid"]
        cell = table.rows[0].cells[0]
        _shade(cell, "FDECEE" if draft else "EEF3FA")
        run = cell.paragraphs[0].add_run(text)
        run.bold = draft
        if draft:
            run.font.color.rgb = RED
        self.para()

    def fields(self, block: Fields) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        widths = (Mm(48), Mm(TEXT_WIDTH_MM - 48))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for label, value in block.rows:
            cells = table.add_row().cells
            self.cell(cells[0], label, widths[0], bold=True)
            self.cell(cells[1], value, widths[1])
        self.gap()

    def table(self, block: Table) -> None:
        table = self.doc.add_table(rows=1, cols=len(block.headers))
        table._tbl.tblStyle_val = self.ids["Table Grid"]
        table.autofit = False
        total = sum(block.widths) or 1
        widths = [Mm(TEXT_WIDTH_MM * w / total) for w in block.widths]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        head = table.rows[0]
        _repeat_header(head)
        for cell, text, width in zip(head.cells, block.headers, widths, strict=True):
            self.cell(cell, text, width, bold=True)
            _shade(cell, "E4E9F0")
        for values in block.rows:
            row = table.add_row()
            _no_split(row)
            for cell, text, width in zip(row.cells, values, widths, strict=True):
                self.cell(cell, text, width)
        self.gap()

    def block(self, block: object) -> None:
        if isinstance(block, Para):
            paragraph = self.para()
            if block.lead:
                paragraph.add_run(block.lead + " ").bold = True
            run = paragraph.add_run(block.text)
            if block.note:
                run.italic = True
                run.font.color.rgb = GREY
        elif isinstance(block, Fields):
            self.fields(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for n, item in enumerate(block.items, start=1):
                if self.lists:
                    self.para(item, style)
                else:  # the number or bullet written in, as the template has no list style
                    self.para(f"{n}. {item}" if block.numbered else f"•\t{item}")
        elif isinstance(block, Sub):
            self.para(block.title, "Heading 2")
        elif isinstance(block, Chart):  # a clear table: Word gets the numbers, not a picture
            self.para().add_run(block.title).bold = True
            self.table(block.table)
            for note in block.notes:
                run = self.para().add_run(note)
                run.italic = True
                run.font.color.rgb = GREY
        else:
            raise TypeError(f"unknown block {type(block).__name__}")


def to_docx(layout: Layout, template: Path | None = None) -> bytes:
    """The document as a Word file: in cpchair's own layout, or written into the council's
    template (template.py; raises TemplateError if it cannot be used)."""
    layout = _xml_safe(layout)
    if template is None:
        doc = Document()
        _styles(doc)
        _page(doc, layout)
        lists = True
    else:
        from cpchair.documents.template import has_lists, mark_header, open_template

        doc = open_template(template)
        mark_header(doc, layout.running.removeprefix("DRAFT · "), bool(layout.draft))
        lists = has_lists(doc)
    props = doc.core_properties
    props.title = layout.title
    props.subject = layout.subtitle
    props.author = props.last_modified_by = "cpchair"
    props.comments = ""

    word = _Word(doc, lists=lists)
    word.para(layout.title, "Title")
    word.para(layout.subtitle, "Subtitle")
    if layout.draft:
        word.notice(layout.draft, draft=True)
    if layout.family:
        word.notice(layout.family, draft=False)
    word.fields(layout.details)
    for section in layout.sections:
        word.para(section.title, "Heading 1")
        for block in section.blocks:
            word.block(block)
    closing = word.para()
    closing.paragraph_format.space_before = Pt(12)
    run = closing.add_run(layout.closing)
    run.italic = True
    run.font.size = Pt(9)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
