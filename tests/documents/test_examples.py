"""The demo case's documents, kept as reviewed examples: any change to what a document says
shows up here as a diff to read before it is accepted.

To accept a change after reading it:

    CPCHAIR_UPDATE_EXAMPLES=1 uv run pytest tests/documents/test_examples.py
    git diff tests/documents/examples/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpchair.documents import render
from tests.documents.cases import demo

EXAMPLES = Path(__file__).parent / "examples"
# file name -> (conference, document, family copy, format)
CASES = {
    "outline.md": ("icpc", "outline", False, "md"),
    "outline.html": ("icpc", "outline", False, "html"),
    "record.md": ("icpc", "record", False, "md"),
    "family-outline.md": ("icpc", "outline", True, "md"),
    "family-record.md": ("icpc", "record", True, "md"),
    "draft-outline.md": ("rcpc1", "outline", False, "md"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_demo_documents_are_the_reviewed_examples(name: str) -> None:
    conference, kind, family_copy, fmt = CASES[name]
    text = render(demo(), conference, fmt, kind=kind, family_copy=family_copy)
    assert isinstance(text, str)
    path = EXAMPLES / name
    if os.environ.get("CPCHAIR_UPDATE_EXAMPLES"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no example {name}; see this module's docstring"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from the reviewed example; see this module's docstring"
    )
