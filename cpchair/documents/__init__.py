"""The outline plan, the record and the chair's letter of a conference, in Markdown, HTML,
Word and PDF.

    build(case, key, recipient=...)      -> DocumentModel   (model.py, built in build.py)
    layout(model, "outline" | "record" | "letter") -> Layout (layout.py; the letter letter.py)
    to_markdown / to_html / to_docx / to_pdf -> str | bytes (one renderer a format)

`render()` does all three steps and `write_document()` writes the result to a private file.
What each family member's copy leaves out is decided in `family.py` and applied by
`redact.py`; `echoes.py` finds a copy's text repeating a confidential entry. Nothing here opens
the database or imports Textual; python-docx is imported only when a Word file is asked for,
fpdf2 and its fonts only when a PDF is.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from cpchair.caseio.printable import printable_case
from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.documents import family as fam
from cpchair.documents.blocks import KINDS, Kind, Layout
from cpchair.documents.build import build
from cpchair.documents.layout import layout
from cpchair.documents.model import ConferenceNotFound, DocumentModel, conference_by_key
from cpchair.fileio import write_private

Format = Literal["md", "html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "docx", "pdf")


class NoConference(LookupError):
    """The case has no conference to write about (the message names no case data)."""


def latest_conference(case: CaseDoc) -> ConferenceDoc:
    """The most recent conference; of two on one day, the later in the file."""
    if not case.conferences:
        raise NoConference("that case has no conferences yet")
    return max(reversed(case.conferences), key=lambda c: c.date)


def conference_on(case: CaseDoc, day: dt.date | None) -> ConferenceDoc:
    """The conference held on `day`, or the latest when no day is given."""
    if day is None:
        return latest_conference(case)
    held = [c for c in case.conferences if c.date == day]
    if not held:
        raise NoConference(f"that case has no conference on {day.isoformat()}")
    return held[-1]


def render_layout(doc: Layout, fmt: Format) -> str | bytes:
    if fmt == "md":
        from cpchair.documents.markdown import to_markdown

        return to_markdown(doc)
    if fmt == "html":
        from cpchair.documents.html import to_html

        return to_html(doc)
    if fmt == "docx":
        from cpchair.documents.docx import to_docx
        from cpchair.settings import load_settings

        # Into the council's own template when the settings name one (template.py).
        return to_docx(doc, load_settings().word_template)
    if fmt == "pdf":
        from cpchair.documents.pdf import to_pdf

        return to_pdf(doc)
    raise ValueError(f"unknown document format {fmt!r} (known: {', '.join(FORMATS)})")


def render(
    case: CaseDoc,
    conference_key: str,
    fmt: Format,
    *,
    family_copy: bool = False,
    recipient: str | None = None,
    kind: Kind = "outline",
) -> str | bytes:
    """One document of one conference: text for md and html, bytes for docx and pdf. `recipient`
    (a key or a unique name) makes it that family member's copy."""
    return render_layout(
        layout(model_for(case, conference_key, family_copy, recipient, kind), kind), fmt
    )


def model_for(
    case: CaseDoc, conference_key: str, family_copy: bool, recipient: str | None, kind: Kind
) -> DocumentModel:
    """The view model of one document; a family member's copy of the record only for someone
    who receives the record (004: no supporter or solicitor does). A letter is always one
    family member's (`letter.py`): without a recipient, only when there is one
    (`letter.LetterNeedsRecipient`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document {kind!r} (known: {', '.join(KINDS)})")
    case = printable_case(case)  # no terminal escape or bell from case text in a document
    if kind == "letter":
        from cpchair.documents.letter import letter_model
        from cpchair.settings import load_settings

        mine = load_settings()  # the chair's own name and contact, when the conference lacks them
        return letter_model(
            case, conference_key, recipient, settings_chair=(mine.chair_name, mine.chair_contact)
        )
    if recipient is not None and kind == "record":
        conf = conference_by_key(case, conference_key)
        who = fam.find_recipient(case, conf, recipient)
        if fam.receives_record(case, conf, who) is None:
            raise fam.NotAFamilyCopy(
                f"{who.key} receives the outline plan but no copy of the record "
                "(supporters and solicitors do not)"
            )
    return build(case, conference_key, family_copy=family_copy, recipient=recipient)


def default_filename(
    case: CaseDoc,
    conference: ConferenceDoc,
    fmt: Format,
    *,
    kind: Kind,
    family_copy: bool,
    recipient: str | None = None,
) -> str:
    """e.g. DEMO-0001-2026-09-03-outline-family-jodie.docx: the reference is the council's
    case number and the recipient's key a key, not a name; anything a file name cannot hold
    becomes a dash. A letter is always one person's: DEMO-0001-2026-09-03-letter-jodie.md."""
    reference = _file_part(case.reference) or "case"
    family = "-family" if (family_copy or recipient) and kind != "letter" else ""
    if recipient:  # by key, even when the recipient was named: a file name is not for names
        key = fam.find_recipient(case, conference, recipient).key or ""
        family += "-" + (_file_part(key.lower()) or "recipient")
    return f"{reference}-{conference.date.isoformat()}-{kind}{family}.{fmt}"


def _file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")


def write_document(
    path: Path,
    case: CaseDoc,
    conference_key: str,
    fmt: Format,
    *,
    family_copy: bool = False,
    recipient: str | None = None,
    kind: Kind = "outline",
) -> Path:
    """Render and write a document readable by this user only, whole or not at all."""
    content = render(
        case, conference_key, fmt, family_copy=family_copy, recipient=recipient, kind=kind
    )
    write_private(path, content)
    return path


__all__ = [
    "FORMATS",
    "KINDS",
    "ConferenceNotFound",
    "DocumentModel",
    "Format",
    "Kind",
    "NoConference",
    "build",
    "conference_by_key",
    "conference_on",
    "default_filename",
    "latest_conference",
    "layout",
    "model_for",
    "render",
    "render_layout",
    "write_document",
]
