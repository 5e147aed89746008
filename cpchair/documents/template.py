"""The council's own Word template (the settings' `word_template`): its styles, page, header
and footer carry the document, and cpchair writes only the body into it.

A council's template is a .docx or a .dotx made in Word. Its body (any sample text) is left
out; its last section's page size, margins, header and footer stay as they are. Two things
are added to its header, as every copy needs them on every page: DRAFT while the conference
is not concluded, and the running line (the case reference and the document). Styles the
documents use that the template does not define (a template made from scratch may have no
"Table Grid") come from python-docx's own template; the lists fall back to plain paragraphs
with a bullet or number written in when the template has no list styles, since those need
numbering definitions a template may lack.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

NEEDED = ("Title", "Subtitle", "Heading 1", "Heading 2", "Table Grid")
LISTS = ("List Bullet", "List Number")
_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
RED = RGBColor(0xB0, 0x00, 0x20)


class TemplateError(ValueError):
    """The council's template cannot be used (the message says why, with no case data)."""


def open_template(path: Path) -> DocxDocument:
    """The template, read as a Word document, its sample body left out. Raises
    TemplateError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"the council's Word template {path} is not there") from None
    except IsADirectoryError:
        raise TemplateError(f"the council's Word template {path} is a folder") from None
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise TemplateError(f"the council's Word template {path} cannot be read ({why})") from None
    try:
        doc = Document(io.BytesIO(_as_document(data)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise TemplateError(
            f"the council's Word template {path} is not a Word file (.docx or .dotx)"
        ) from None
    if not doc.sections:  # a body with no page of its own: nowhere for the header
        raise TemplateError(f"the council's Word template {path} has no page setup")
    if "Normal" not in {s.name for s in doc.styles}:
        raise TemplateError(f"the council's Word template {path} has no Normal style")
    body = doc.element.body
    last = body[-1] if len(body) else None
    page = last if last is not None and last.tag == qn("w:sectPr") else None
    for child in list(body):
        if child is not page:  # the sample text goes; the page, header and footer stay
            body.remove(child)
    _borrow_styles(doc)
    return doc


def _as_document(data: bytes) -> bytes:
    """A .dotx is a .docx whose main part says "template": read as a document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            types = zin.read("[Content_Types].xml")
            if _TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    content = zin.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                    zout.writestr(item, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # said as "not a Word file" when opened


def _borrow_styles(doc: DocxDocument) -> None:
    """Styles the documents use and the template lacks, from python-docx's own template."""
    have = {s.name for s in doc.styles}
    missing = [name for name in NEEDED if name not in have]
    if not missing:
        return
    plain = Document()
    for name in missing:
        doc.styles.element.append(copy.deepcopy(plain.styles[name].element))


def has_lists(doc: DocxDocument) -> bool:
    have = {s.name for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    return all(name in have for name in LISTS)


def mark_header(doc: DocxDocument, running: str, draft: bool) -> None:
    """DRAFT and the running line, added under whatever the template's header holds."""
    header = doc.sections[-1].header
    header.is_linked_to_previous = False
    paragraph = header.add_paragraph()
    if draft:
        mark = paragraph.add_run("DRAFT  ")
        mark.bold = True
        mark.font.color.rgb = RED
    line = paragraph.add_run(running)
    line.font.size = Pt(8.5)
    if draft:
        line.font.color.rgb = RED
