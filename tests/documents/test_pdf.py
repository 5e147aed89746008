"""The PDF read back with pypdf: the same words as the layout, A4 pages, the running line, DRAFT
and page numbers on every page, and any text printed as written or dropped when it is not text.
The family copy's rules are checked with the other formats in test_formats.py and
test_family_copy.py."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest

from cpchair.documents import layout, model_for, render
from cpchair.documents.blocks import Layout, Section, Table
from cpchair.documents.pdf import to_pdf
from tests.documents.cases import case_of, demo, small_case
from tests.documents.readers import pdf_pages, pdf_text

A4 = (595, 842)  # points


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))


def body_text(data: bytes, doc: Layout) -> str:
    """The pages' text run together without the running line and the page numbers, and with
    no white space at all: a line wrapped, or a long word broken at a cell's edge, reads on."""
    running = " ".join(doc.running.removeprefix("DRAFT · ").split())
    top = "DRAFT " + running if doc.draft else running  # the header's (the faint one is no text)
    pages = pdf_pages(data)
    body = []
    for number, page in enumerate(pages, start=1):
        assert page.startswith(top) and page.endswith(f"Page {number} of {len(pages)}")
        page = page.removeprefix(top).removesuffix(f"Page {number} of {len(pages)}")
        body.append(re.sub(r"\s+", "", page))
    return "".join(body)


def rendered(key: str, kind: str, recipient: str | None = None) -> tuple[Layout, bytes]:
    case = demo()
    doc = layout(model_for(case, key, recipient is not None, recipient, kind), kind)  # type: ignore[arg-type]
    return doc, to_pdf(doc)


@pytest.mark.parametrize(
    ("key", "kind", "recipient"),
    [
        ("icpc", "outline", None),
        ("icpc", "record", None),
        ("icpc", "record", "liam"),
        ("rcpc1", "outline", "jodie"),
    ],
)
def test_every_word_of_the_document_is_in_the_pdf(key, kind, recipient) -> None:
    doc, data = rendered(key, kind, recipient)
    text = body_text(data, doc)
    missing = [s for s in strings(doc) if re.sub(r"\s+", "", s) not in text]
    missing = [s for s in missing if s != doc.running]  # at the top of each page instead
    assert not missing


def test_a4_pages_with_headings_as_bookmarks() -> None:
    doc, data = rendered("icpc", "outline")
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [s.title for s in doc.sections]
    assert reader.metadata is not None and reader.metadata.title == "Outline plan"
    # The fonts travel with the file: no core font, which could not print "Zoë".
    assert b"/FontFile2" in data and b"/Helvetica" not in data


def test_running_line_and_page_numbers_on_every_page() -> None:
    _, data = rendered("icpc", "record")
    pages = pdf_pages(data)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert page.startswith("DEMO-0001 · Conference record · 3 September 2026"), number
        assert page.endswith(f"Page {number} of {len(pages)}"), number


def test_draft_on_every_page_until_concluded() -> None:
    draft = pdf_pages(render(demo(), "rcpc1", "pdf", kind="record"))  # type: ignore[arg-type]
    assert len(draft) > 1
    for page in draft:
        assert "DRAFT DEMO-0001 · Conference record · 26 November 2026" in page
    assert "DRAFT: this conference is not concluded (status: prepared)." in draft[0]
    concluded = pdf_text(render(demo(), "icpc", "pdf", kind="record"))  # type: ignore[arg-type]
    assert "DRAFT" not in concluded


def test_the_faint_draft_across_the_page_is_drawn_not_written() -> None:
    """Drawn as the letters' outlines: a screen reader, or text copied from the page, never
    meets "D R A F T" scattered through the page's own words."""
    import pypdf

    data = render(demo(), "rcpc1", "pdf", kind="record")
    assert isinstance(data, bytes)
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        text = page.extract_text()
        assert text.startswith("DRAFT DEMO-0001")  # the header's, and no other but the notice
        assert text.count("DRAFT") == 1 + text.count("DRAFT:")
        drawn = page.get_contents().get_data()  # type: ignore[union-attr]
        assert len(re.findall(rb"\d c ", drawn)) > 20  # the letters' curves, on every page
    concluded = pypdf.PdfReader(io.BytesIO(render(demo(), "icpc", "pdf", kind="record")))  # type: ignore[arg-type]
    assert all(not re.findall(rb"\d c ", p.get_contents().get_data()) for p in concluded.pages)  # type: ignore[union-attr]


def test_a_long_table_repeats_its_heading_row_on_each_page() -> None:
    words = " ".join(["word"] * 900)  # one cell taller than a page
    rows = [(f"row{i:03d}", f"note {i}") for i in range(120)]
    rows.insert(60, ("tall", words))
    doc = Layout(
        kind="record",
        title="Conference record",
        subtitle="Test",
        running="REF · Conference record · today",
        draft=None,
        family=None,
        details=demo_details(),
        sections=(Section("Long", (Table(("Who", "What"), tuple(rows), (1, 3)),)),),
        closing="The end.",
    )
    pages = pdf_pages(to_pdf(doc))
    assert len(pages) > 4
    for page in pages[1:]:
        assert page.startswith("REF · Conference record · today Who What"), page[:60]
    text = " ".join(pages)
    assert all(f"row{i:03d}" in text for i in range(120)) and text.count("word") == 900


def demo_details() -> Any:
    case = demo()
    return layout(model_for(case, "icpc", False, None, "outline"), "outline").details


def test_names_in_any_script_come_out_as_written(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    names = "Zoë Łukasiewicz, Nguyễn Văn An, Siobhán O\u2019Neill \u2013 \u201cMum\u201d \u2014 Jü"
    others = "فاطمة الزهراء שלום नमस्ते"
    chinese = "王小明"
    mapping = [{"column": "strengths", "text": f"{names} {others} {chinese} {{nb}} **not bold**"}]
    data = small_case(mapping=mapping)
    data["children"][0]["first_name"] = "Zoë"
    data["children"][0]["last_name"] = "Łukasiewicz"
    pdf = render(case_of(data), "c1", "pdf", kind="record")
    assert isinstance(pdf, bytes)
    text = pdf_text(pdf)
    assert names in text
    assert "Zoë Łukasiewicz 6 years" in text  # the child, in the decisions
    assert "{nb} **not bold**" in text  # case text is never markup, nor a page count
    # Arabic, Hebrew and Devanagari come from Noto faces of their own, shaped; a script with
    # no face shipped prints as the replacement mark.
    assert b"NotoSansArabic" in pdf and b"NotoSansHebrew" in pdf and b"NotoSansDevanagari" in pdf
    assert "\ufffd\ufffd\ufffd" in text and chinese not in text
    # Nothing about the text reaches a log (fpdf2 reports glyphs a font lacks, by name).
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "王" not in logged and "Zo" not in logged


def test_control_characters_are_dropped_not_fatal() -> None:
    mapping = [
        {"column": "grey_areas", "text": "pasted\x0bfrom\x00some\x1b[31mwhere\x7f\u202e!\ud800"},
        {"column": "strengths", "text": "tab\there\r\nnext line \ue000\ue000 private"},
    ]
    pdf = render(case_of(small_case(mapping=mapping)), "c1", "pdf", kind="record")
    assert isinstance(pdf, bytes)
    text = pdf_text(pdf)
    assert "pastedfromsome[31mwhere!" in text
    assert "tab here next line private" in text


def test_pdf_is_written_like_the_others(tmp_path) -> None:
    from cpchair.documents import default_filename, write_document

    case = demo()
    path = write_document(tmp_path / "out.pdf", case, "icpc", "pdf", kind="record")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "Conference record" in pdf_text(path.read_bytes())
    name = default_filename(case, case.conferences[0], "pdf", kind="record", family_copy=False)
    assert name == "DEMO-0001-2026-09-03-record.pdf"


def test_the_cli_and_the_documents_import_no_pdf_library() -> None:
    code = (
        "import sys, cpchair.cli, cpchair.documents; "
        "print([m for m in ('fpdf', 'fontTools', 'PIL', 'uharfbuzz') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
