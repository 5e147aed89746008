"""`cpchair export` writing the outline plan and the record, as a chair would run it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cpchair.cli import app
from tests.documents.readers import docx_text, read_html


@pytest.fixture
def run(db_file: Path, tmp_path: Path, demo_data: dict[str, Any]):
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    case = tmp_path / "case.json"
    case.write_text(json.dumps(demo_data), encoding="utf-8")
    assert invoke("import", str(case)).exit_code == 0
    return invoke


def test_markdown_of_the_latest_conference_goes_to_stdout(run) -> None:
    result = run("export", "DEMO-0001", "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# DRAFT: Outline plan\n")  # the prepared review
    assert "Review child protection conference, 26 November 2026" in result.stdout
    assert result.stderr == ""


def test_conference_picks_an_earlier_one_and_document_the_record(run) -> None:
    result = run("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03")
    assert result.stdout.startswith("# Outline plan\n\nInitial child protection conference")
    record = run("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03", "-d", "record")
    assert record.stdout.startswith("# Conference record\n")
    assert "Liam received a police caution in 2014" in record.stdout


def test_family_copy_from_the_command_line(run) -> None:
    args = ("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03")
    result = run(*args, "--document", "record", "--family-copy")
    assert result.exit_code == 0
    assert "# Conference record (family copy)" in result.stdout
    assert "This is the family copy." in result.stdout
    assert "Liam received a police caution in 2014" not in result.stdout


def test_html_to_a_private_file(run, tmp_path: Path) -> None:
    out = tmp_path / "outline.html"
    result = run("export", "DEMO-0001", "-f", "html", "--conference", "2026-09-03", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote the outline plan of DEMO-0001 to {out}\n"
    assert (out.stat().st_mode & 0o777) == 0o600
    page = read_html(out.read_text("utf-8"))
    assert page.headings[0] == ("h1", "Outline plan")


def test_docx_to_a_file_or_a_named_file_here(run, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "record.docx"
    result = run("export", "DEMO-0001", "-f", "docx", "-d", "record", "-o", str(out))
    assert result.exit_code == 0
    assert "DRAFT: the conference is not concluded" in result.stderr
    assert "Conference record" in docx_text(out.read_bytes())
    assert (out.stat().st_mode & 0o777) == 0o600

    monkeypatch.chdir(tmp_path)
    args = ("export", "DEMO-0001", "-f", "docx", "--conference", "2026-09-03", "--family-copy")
    result = run(*args)
    assert result.exit_code == 0
    named = tmp_path / "DEMO-0001-2026-09-03-outline-family.docx"
    assert result.stderr == (
        f"Wrote the family copy of the outline plan of DEMO-0001 to {named.name}\n"
    )
    assert "Outline plan (family copy)" in docx_text(named.read_bytes())
    again = run(*args)  # never overwrites a file it chose itself
    assert again.exit_code == 1
    assert again.stderr == f"cpchair: {named.name} already exists; choose a file with -o\n"


def test_json_is_unchanged_and_refuses_document_options(run, demo_data) -> None:
    result = run("export", "DEMO-0001")
    assert json.loads(result.stdout) == demo_data
    result = run("export", "DEMO-0001", "--family-copy")
    assert result.exit_code == 2
    assert "apply to md, html and docx" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("NO-SUCH", "-f", "md"), 1, "no case with reference 'NO-SUCH'"),
        (("DEMO-0001", "-f", "md", "--conference", "2026-09-04"), 1,
         "that case has no conference on 2026-09-04"),
        (("DEMO-0001", "-f", "md", "--conference", "3/9/2026"), 2,
         "--conference: '3/9/2026' is not a date (write it YYYY-MM-DD)"),
        (("DEMO-0001", "-f", "md", "-d", "minutes"), 2,
         "unknown document 'minutes'; the documents are: outline, record"),
        (("DEMO-0001", "-f", "pdf"), 1,
         "unknown format 'pdf'; the formats are: json, md, html, docx"),
    ],
)  # fmt: skip
def test_bad_input_is_one_plain_line(run, args, code, message) -> None:
    result = run("export", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr == f"cpchair: {message}\n"
    assert "Hadley" not in result.stderr and "Traceback" not in result.stderr


def test_cannot_write_is_one_line(run, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "x.docx"
    result = run("export", "DEMO-0001", "-f", "docx", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cpchair: cannot write {out}: ")
    assert result.stderr.count("\n") == 1
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]
