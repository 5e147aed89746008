"""Case text never sends a terminal escape or a bell into a document or the CLI's table."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from cpchair import documents
from cpchair.caseio import parse_case
from cpchair.caseio.printable import printable
from cpchair.cli import app

NASTY = "Ruby\x1b[31m red\x07\x9b"


def test_control_characters_are_taken_out_and_lines_kept() -> None:
    assert printable(NASTY) == "Ruby[31m red"
    assert printable("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_no_document_carries_a_control_character(demo_data: dict[str, Any]) -> None:
    case = parse_case(json.dumps(demo_data))  # the importer refuses it: a case held before
    case.children[0].first_name = NASTY
    conf = case.conferences[-1].key
    model = documents.model_for(case, conf, False, None, "outline")
    for fmt in ("md", "html"):
        text = documents.render_layout(documents.layout(model, "outline"), fmt)
        assert isinstance(text, str) and "31m red" in text  # the name, less its escape
        assert not any((ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160 for c in text)


def test_the_cases_table_carries_no_control_character(db_file: object) -> None:
    from cpchair.store import open_store

    open_store().create_case("ESC-1", NASTY)
    result = CliRunner().invoke(app, ["cases"], catch_exceptions=False)
    assert result.exit_code == 0 and "\x1b[31m" not in result.output and "\x07" not in result.output


def test_a_name_longer_than_a_screen_is_cut_in_the_cases_table(db_file: object) -> None:
    from sqlalchemy import text

    from cpchair.store import open_store

    store = open_store()
    store.create_case("LONG-1", "Short")
    with store.writing() as s:  # held from before the importer's limits: 10 MB in one name
        s.execute(text('UPDATE "case" SET family_name = :n'), {"n": "N" * 10_000_000})
    result = CliRunner().invoke(app, ["cases"], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0
    assert "N" * 150 in result.output.replace("\n", "").replace("│", "").replace(" ", "")
    assert len(result.output) < 5_000
