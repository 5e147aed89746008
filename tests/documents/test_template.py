"""The council's own Word template: its styles, page, header and footer carry the document;
cpchair writes the body, DRAFT and the running line into it; a template it cannot use is
refused in words, and nothing is written."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from cpchair import settings
from cpchair.cli import app
from cpchair.documents import render
from cpchair.documents.template import TemplateError, open_template
from cpchair.store import Store

from .cases import demo

HEADER = "Northshire County Council · OFFICIAL-SENSITIVE"
FOOTER = "Northshire Safeguarding Unit, County Hall"


def council_template(path: Path, *, lists: bool = True) -> Path:
    """A template as a council's IT would make one: its own font and page, a header and a
    footer, and sample text that is not to be kept."""
    doc = docx.Document()
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(11)
    section = doc.sections[0]
    section.left_margin = Mm(25)
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER
    doc.add_paragraph("Sample text: replace with the document.")
    if not lists:  # a template made from scratch: no list styles, no table grid
        for name in ("List Bullet", "List Number", "Table Grid"):
            element = doc.styles[name].element
            element.getparent().remove(element)
    doc.save(str(path))
    return path


def words(data: bytes) -> tuple[docx.document.Document, str]:
    doc = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    return doc, body + "\n" + cells


def test_the_record_is_written_into_the_councils_template(tmp_path: Path) -> None:
    settings.save_setting("word_template", str(council_template(tmp_path / "council.docx")))
    data = render(demo(), "rcpc1", "docx", kind="record")
    assert isinstance(data, bytes)
    doc, text = words(data)
    assert "Sample text" not in text
    assert "Conference record" in text and "Danger statement 1 (Ruby and Mia)" in text
    assert doc.styles["Normal"].font.name == "Georgia"  # theirs, not cpchair's Arial
    assert round(doc.sections[-1].left_margin.mm) == 25  # type: ignore[union-attr]
    header = [p.text for p in doc.sections[-1].header.paragraphs]
    assert header[0] == HEADER
    assert header[1] == "DRAFT  DEMO-0001 · Conference record · 26 November 2026"
    assert [p.text for p in doc.sections[-1].footer.paragraphs] == [FOOTER]
    bullets = [p for p in doc.paragraphs if p.style is not None and p.style.name == "List Number"]
    assert bullets  # the template's own list styles


def test_a_template_without_list_styles_still_gives_readable_lists(tmp_path: Path) -> None:
    path = council_template(tmp_path / "bare.docx", lists=False)
    settings.save_setting("word_template", str(path))
    doc, text = words(render(demo(), "rcpc1", "docx", kind="outline"))  # type: ignore[arg-type]
    assert "\n1. " in text  # numbered by hand
    # The grid the template lacked is borrowed: the tables of people and actions have lines.
    assert "Table Grid" in {s.name for s in doc.styles}
    assert any(t.style is not None and t.style.name == "Table Grid" for t in doc.tables)


def test_a_dotx_template_is_read_as_well(tmp_path: Path) -> None:
    made = council_template(tmp_path / "made.docx")
    dotx = tmp_path / "council.dotx"
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            zout.writestr(item, content)
    with pytest.raises(ValueError):
        docx.Document(str(dotx))  # python-docx alone refuses it
    header = [p.text for p in open_template(dotx).sections[-1].header.paragraphs]
    assert header == [HEADER]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        ("nothing", "is not there"),
        ("folder", "is a folder"),
        ("text", "is not a Word file (.docx or .dotx)"),
        ("bad xml", "is not a Word file (.docx or .dotx)"),
        ("no page", "has no page setup"),
    ],
)
def test_a_template_that_cannot_be_used_is_refused_in_words(
    tmp_path: Path, make: str, said: str
) -> None:
    path = tmp_path / "council.docx"
    if make == "folder":
        path.mkdir()
    elif make == "text":
        path.write_text("not a zip", encoding="utf-8")
    elif make in {"bad xml", "no page"}:  # a zip that Word wrote, then broke
        made = council_template(tmp_path / "made.docx")
        with zipfile.ZipFile(made) as zin, zipfile.ZipFile(path, "w") as zout:
            for item in zin.infolist():
                content = zin.read(item.filename)
                if item.filename == "word/document.xml":
                    content = (
                        b"<w:document"
                        if make == "bad xml"
                        else re.sub(rb"<w:sectPr.*</w:sectPr>", b"", content, flags=re.S)
                    )
                zout.writestr(item, content)
    with pytest.raises(TemplateError, match=re.escape(said)):
        open_template(path)


def test_the_cli_refuses_a_broken_template_and_writes_nothing(
    tmp_path: Path, store: Store, db_file: Path
) -> None:
    from cpchair.demo import demo_case

    store.import_case(demo_case(settings_day()))
    settings.save_setting("word_template", str(tmp_path / "gone.docx"))
    out = tmp_path / "record.docx"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(store.path), "export", "DEMO-0001", "-f", "docx",
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 1
    assert "the council's Word template" in result.output and "is not there" in result.output
    assert "take word_template out of" in result.output
    assert not out.exists()
    shown = runner.invoke(app, ["settings"]).stdout
    assert (
        f"  word_template     {tmp_path / 'gone.docx'} (cannot be used: it is not there)" in shown
    )


def settings_day():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 11, 26)
