"""Each format read back: Markdown as text, HTML parsed, Word opened with python-docx."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from cpchair.documents import render
from cpchair.documents.sections import WITHHELD
from tests.documents.cases import case_of, demo, scale_review, small_case
from tests.documents.readers import docx_text, read_docx, read_html, text_of

DECISION_HEADERS = ["Child", "Age", "Decision", "Category", "How it was decided"]


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_outline_plan_of_the_demo() -> None:
    md = render(demo(), "icpc", "md")
    assert md.startswith("# Outline plan\n\nInitial child protection conference, 3 September 2026")
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings == [
        "Decisions",
        "Danger statements and safety goals",
        "Scaling",
        "The plan",
        "Who receives it",
    ]
    assert "| " + " | ".join(DECISION_HEADERS) + " |" in md
    assert "| Ruby Hadley | 9 years (born 18 April 2017) | Child protection plan | " in md
    assert "**Minority view from Education:** Child in need plan." in md
    assert "Dissent" not in md
    assert "- **First core group:** 17 September 2026" in md
    assert "DRAFT" not in md and "This is the family copy" not in md
    # The supporter is in the core group: she carries the plan out, so she receives it.
    assert "| Sarah Carver | Paternal aunt, supporting Liam | Family copy |" in md
    assert "Questions and complaints" not in md  # on family copies


def test_markdown_record_follows_the_meeting() -> None:
    md = render(demo(), "icpc", "md", kind="record")
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings == [
        "Attendance, quorum and reports",
        "Family and network",
        "What has got us here",
        "Mapping",
        "Danger statements and safety goals",
        "Scaling",
        "Decisions",
        "The plan",
        "Who receives it",
    ]
    assert (
        "| Dr Martin Kell | GP, Meadowbank Surgery | Health | Report only: Surgery commitments;"
        in md
    )  # 004: "record the absence and the reasons for absence"
    assert "Police needed to share information" in md  # the exclusion's reason
    assert "| Ruby Hadley | Quorate: children's social care, education, health and police |" in md
    # The police reason was given in confidence: the full record says so.
    assert "| DC Owen Pritchard (Police) | 2 | Confidential: Six call-outs in two years" in md
    assert "**Ruby Hadley:** Child protection plan: 5 agencies; child in need plan: 1 agency" in md
    assert "| Fact; confidential | DC Owen Pritchard (Police) | All the children |" in md


def test_markdown_draft_is_marked_at_the_top_and_on_every_section() -> None:
    md = render(demo(), "rcpc1", "md")
    assert md.startswith("# DRAFT: Outline plan")
    assert "> **DRAFT: this conference is not concluded (status: prepared)." in md
    sections = re.findall(r"^## .+$", md, re.MULTILINE)
    assert sections and all(s.endswith("(DRAFT)") for s in sections)


def test_markdown_free_text_cannot_break_the_layout() -> None:
    text = "a | b *c* _d_ <b>e</b> [x](y)\n# not a heading\n- nor a list"
    mapping = [{"column": "past_harm", "text": text}]
    incidents = [{"which": "first", "text": text}]
    md = render(
        case_of(small_case(mapping=mapping, incidents=incidents)), "c1", "md", kind="record"
    )
    escaped = r"a \| b \*c\* \_d\_ \<b\>e\</b\> \[x\](y)"
    assert f"| {escaped} # not a heading - nor a list |" in md  # one table row
    assert f"{escaped}  \n\\# not a heading  \n\\- nor a list" in md  # lines kept, inert
    assert "\n# not a heading" not in md and "\n- nor a list" not in md


# --- HTML ----------------------------------------------------------------------------------


def test_html_is_one_self_contained_printable_page() -> None:
    page = read_html(render(demo(), "icpc", "html"))
    assert not page.tags & {"script", "link", "img", "iframe", "object"}
    assert not [v for k, v in page.attributes if k in {"src", "href"}]
    assert "@page" in page.style and "size: A4" in page.style
    assert "url(" not in page.style and "@import" not in page.style
    assert page.headings[0] == ("h1", "Outline plan")
    assert [h for tag, h in page.headings if tag == "h2"] == [
        "Decisions",
        "Danger statements and safety goals",
        "Scaling",
        "The plan",
        "Who receives it",
    ]
    decisions = page.tables[1]  # after the conference details
    assert decisions[0] == DECISION_HEADERS
    assert decisions[1][:3] == [
        "Ruby Hadley",
        "9 years (born 18 April 2017)",
        "Child protection plan",
    ]
    assert decisions[2][3] == "Neglect (primary) and emotional abuse"
    assert "draft" not in page.classes and "watermark" not in page.classes


def test_html_draft_shows_on_screen_and_on_every_printed_page() -> None:
    page = read_html(render(demo(), "rcpc1", "html"))
    assert "DRAFT: this conference is not concluded" in page.text
    # A fixed element repeats on each printed page; the page margin names it too.
    assert "watermark" in page.classes
    assert re.search(r"\.watermark \{ position: fixed;", page.style)
    assert re.search(r'@top-left \{ content: "DRAFT \\b7  DEMO-0001', page.style)


def test_html_escapes_free_text() -> None:
    mapping = [{"column": "strengths", "text": "<script>alert(1)</script> & </style>"}]
    html = render(case_of(small_case(mapping=mapping)), "c1", "html", kind="record")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert read_html(html).tags.isdisjoint({"script"})


def test_html_record_tables_read_back() -> None:
    page = read_html(render(demo(), "icpc", "html", kind="record"))
    attendance = page.tables[1]
    assert attendance[0] == ["Name", "Role", "Agency", "Attendance", "Times", "Contact"]
    assert [
        "Grace Adeyemi",
        "Community midwife",
        "Health",
        "Present",
        "09:55\u201312:10",
        "01632 960731",
    ] in attendance
    scores = next(t for t in page.tables if t[0] == ["Who", "Score", "Reason"])
    assert len(scores) == 12 and scores[10][:2] == ["Liam Carver (Father)", "8"]


# --- Word ----------------------------------------------------------------------------------


def test_docx_has_real_headings_and_tables() -> None:
    doc = read_docx(render(demo(), "icpc", "docx"))
    styled = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert styled[0] == ("Title", "Outline plan")
    assert [t for s, t in styled if s == "Heading 1"] == [
        "Decisions",
        "Danger statements and safety goals",
        "Scaling",
        "The plan",
        "Who receives it",
    ]
    assert ("Heading 2", "Actions") in styled
    decisions = doc.tables[1]
    assert [c.text for c in decisions.rows[0].cells] == DECISION_HEADERS
    assert [c.text for c in decisions.rows[1].cells][2:4] == [
        "Child protection plan",
        "Emotional abuse",
    ]
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "What")
    assert len(actions.rows) == 9 and actions.rows[1].cells[2].text == "29 October 2026"
    assert any(p.style.name == "List Number" for p in doc.paragraphs)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "DRAFT" not in docx_text(render(demo(), "icpc", "docx"))


def test_docx_draft_is_in_the_page_header() -> None:
    doc = read_docx(render(demo(), "rcpc1", "docx", kind="record"))
    header = doc.sections[0].header.paragraphs[0]
    assert header.runs[0].text.strip() == "DRAFT" and header.runs[0].bold
    assert "DEMO-0001 · Conference record · 26 November 2026" in header.text
    assert "DRAFT: this conference is not concluded" in docx_text(
        render(demo(), "rcpc1", "docx", kind="record")
    )


def test_docx_survives_control_characters_in_free_text() -> None:
    mapping = [{"column": "grey_areas", "text": "pasted\x0bfrom\x00somewhere"}]
    data = render(case_of(small_case(mapping=mapping)), "c1", "docx", kind="record")
    assert "pastedfromsomewhere" in docx_text(data)


# --- all four ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_family_copy_says_so_and_leaves_out_what_it_must(fmt: str) -> None:
    liam = text_of(render(demo(), "icpc", fmt, kind="record", recipient="liam"), fmt)
    assert "Conference record (family copy)" in liam
    assert "This is the copy for Liam Carver (Father)." in liam
    assert "Liam received a police caution in 2014" not in liam  # confidential entry
    assert "Police needed to share information" not in liam  # the exclusion's reason
    assert "Police have attended six domestic incidents" not in liam  # mapping, Liam was out
    assert "Ruby completed the three houses" in liam  # views: Liam was there
    assert WITHHELD in liam
    assert "Child protection plan" in liam and "Attend the community alcohol service" in liam
    assert "Social care, police, health and school are worried" in liam  # never withheld
    # Jodie was there throughout: everything but the confidential entries.
    jodie = text_of(render(demo(), "icpc", fmt, kind="record", recipient="jodie"), fmt)
    assert "This is the copy for Jodie Hadley (Mother)." in jodie
    assert "Police have attended six domestic incidents" in jodie
    assert "Liam received a police caution in 2014" not in jodie
    assert WITHHELD not in jodie
    for text in (liam, jodie):
        assert "Questions and complaints" in text and "If you are unhappy" in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_every_format_says_the_same(fmt: str) -> None:
    """Spot checks that all four carry the same words (they share one layout)."""
    text = text_of(render(demo(), "icpc", fmt, kind="record"), fmt)
    for words in [
        "Initial child protection conference, 3 September 2026",
        "Chair's overall grading",
        "Neglect (primary) and emotional abuse",
        "Majority",
        "Unborn (expected 20 February 2027)",
        "Entries marked confidential are not in the family copy.",
        "Supporters and solicitors do not receive a copy.",
        "This document is confidential.",
    ]:
        assert words in text, words


# --- files ---------------------------------------------------------------------------------


def test_write_document_is_private_and_named_by_reference_and_date(tmp_path) -> None:
    from cpchair.documents import default_filename, write_document

    case = demo()
    path = write_document(tmp_path / "out.docx", case, "icpc", "docx", kind="record")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "Conference record" in docx_text(path.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temporary file left
    name = default_filename(case, case.conferences[0], "docx", kind="outline", family_copy=True)
    assert name == "DEMO-0001-2026-09-03-outline-family.docx"
    for who in ("jodie", "Jodie Hadley", "mum"):  # by key, never by name
        name = default_filename(
            case, case.conferences[0], "docx", kind="outline", family_copy=True, recipient=who
        )
        assert name == "DEMO-0001-2026-09-03-outline-family-jodie.docx"
    odd = case.model_copy(update={"reference": "../CP/2026 7"})
    name = default_filename(odd, case.conferences[0], "md", kind="record", family_copy=False)
    assert name == "CP-2026-7-2026-09-03-record.md"


# --- the scaling over time -----------------------------------------------------------------

TREND_ROWS = [
    ["3 September 2026, initial", "2", "4", "8", "7", "3", "3"],
    ["26 November 2026, review", "3", "5.5", "8", "7.5", "4.5", "4"],
]


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_review_record_gives_the_scaling_over_time(fmt: str) -> None:
    content = render(scale_review(demo()), "rcpc1", fmt, kind="record")
    text = text_of(content, fmt)
    assert "Scaling over time" in text
    assert "10 = safe enough to close, 0 = certain the child will be harmed" in text
    assert "Only the overall scale is followed over time." in text
    if fmt == "md":
        assert isinstance(content, str)
        for row in TREND_ROWS:
            assert "| " + " | ".join(row) + " |" in content
    elif fmt == "html":
        assert isinstance(content, str)
        assert TREND_ROWS in [t[1:] for t in read_html(content).tables]
    elif fmt == "docx":
        assert isinstance(content, bytes)
        tables = [
            [[c.text for c in r.cells] for r in t.rows[1:]] for t in read_docx(content).tables
        ]
        assert TREND_ROWS in tables
    else:  # the picture's own words (drawn as text), then the table's numbers
        flat = " ".join(text.split())
        assert "Safer at the top: 10 = safe enough to close" in flat
        assert "3 Sep 2026" in flat and "26 Nov 2026" in flat
        for row in TREND_ROWS:
            assert " ".join(row[1:]) in flat
    # One conference scaled is no trend: the initial conference's documents have none.
    assert "Scaling over time" not in text_of(render(demo(), "icpc", fmt, kind="record"), fmt)


def _svg(html: str) -> ET.Element:
    found = re.search(r"<svg.*?</svg>", html, re.DOTALL)
    assert found is not None
    return ET.fromstring(found.group(0))  # well-formed XML, as fpdf2 will read it


def _tick_y(svg: ET.Element, number: str) -> float:
    ns = "{http://www.w3.org/2000/svg}"
    return next(float(t.get("y", "0")) for t in svg.iter(f"{ns}text") if t.text == number)


@pytest.mark.parametrize("polarity", ["ten_is_safe", "ten_is_danger"])
def test_the_html_chart_is_named_and_puts_the_safe_end_at_the_top(polarity: str) -> None:
    html = render(scale_review(demo(), polarity), "rcpc1", "html", kind="record")
    svg = _svg(html)
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "trend-title trend-desc"
    assert svg.find(f"{ns}title").text == "The overall scale, conference by conference"  # type: ignore[union-attr]
    assert "The table below gives every number" in (svg.find(f"{ns}desc").text or "")  # type: ignore[union-attr]
    safe, harm = ("10", "0") if polarity == "ten_is_safe" else ("0", "10")
    assert _tick_y(svg, safe) < _tick_y(svg, harm)  # SVG's y runs down: the safe end on top
    texts = [t.text or "" for t in svg.iter(f"{ns}text")]
    assert any(t.startswith(f"Safer at the top: {safe} = safe enough to close") for t in texts)
    # The review turned the scale round: the initial conference is drawn turned, and starred.
    turned = polarity == "ten_is_danger"
    assert ("3 Sep 2026 *" in texts) is turned
    assert ("scaled the other way round" in read_html(html).text) is turned


def test_a_family_copy_charts_only_the_scaling_its_reader_was_in_the_room_for() -> None:
    case = scale_review(demo())
    liam_out = case.conferences[0].exclusions[0]
    liam_out.to_stage = "scaling"  # Liam was out of the initial conference's scaling too
    liam = render(case, "rcpc1", "md", kind="record", recipient="liam")
    jodie = render(case, "rcpc1", "md", kind="record", recipient="jodie")
    assert isinstance(liam, str) and isinstance(jodie, str)
    assert "Scaling over time" not in liam  # one conference left: nothing to chart
    assert "Scaling over time" in jodie
    assert "| Conference | Lowest | Middle score | Highest | Family's middle score |" in jodie


def test_a_young_persons_chart_leaves_off_the_scaling_they_were_kept_out_of_before() -> None:
    """Attendee keys are given conference by conference: the child who was "yp1" at the
    initial conference is "yp9" at the review, and "yp1" there is someone else. Their copy
    must still leave off the initial conference's scaling, which they were sent out of."""
    from cpchair.caseio.schema import AttendeeDoc, ExclusionDoc

    case = scale_review(demo())
    initial, review = case.conferences
    for conf, key in ((initial, "yp1"), (review, "yp9")):
        conf.attendees.append(AttendeeDoc(key=key, name="Ruby  Hadley", role="Young person",
                                          agency="child", attendance="present"))  # fmt: skip
    review.attendees.append(AttendeeDoc(key="yp1", name="Omar Said", role="Advocate",
                                        agency="advocate", attendance="present"))  # fmt: skip
    initial.exclusions.append(ExclusionDoc(attendee="yp1", scope="part", reason="",
                                           from_stage="scaling", to_stage="scaling"))  # fmt: skip
    ruby = render(case, "rcpc1", "md", kind="record", recipient="yp9")
    omar = render(case, "rcpc1", "md", kind="record", recipient="yp1")
    assert isinstance(ruby, str) and isinstance(omar, str)
    assert "Scaling over time" not in ruby  # only the review's own point is left
    assert "Scaling over time" in omar  # the advocate was never sent out
