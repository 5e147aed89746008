"""`cpchair export` writing the outline plan and the record, as a chair would run it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cpchair.cli import app
from cpchair.cli_params import or_list
from cpchair.documents import FORMATS
from tests.documents.readers import docx_text, pdf_pages, read_html


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
    result = run(*args, "--document", "record", "--family-copy", "--for", "carol")
    assert result.exit_code == 0
    assert "# Conference record (family copy)" in result.stdout
    assert "This is the copy for Carol Hadley (Maternal grandmother)." in result.stdout
    assert "Liam received a police caution in 2014" not in result.stdout
    assert "Police have attended six domestic incidents" in result.stdout  # she was there
    assert result.stderr == ""  # nothing to warn about, nothing to ask


def test_without_for_a_family_copy_only_when_everyone_s_is_the_same(run, demo_data) -> None:
    args = ("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03", "--family-copy")
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "cpchair: the family members' copies of this conference differ (an exclusion, or "
        "confidential contact details); choose one with --for KEY: adv, jodie, liam, carol, "
        "sarah\n"
    )


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("nobody", "no family member has that key or name; the keys are: adv, jodie, liam, "
                   "carol, sarah"),
        ("Someone Else", "no family member has that key or name; the keys are: adv, jodie, "
                         "liam, carol, sarah"),
        ("pol", "pol is a professional and receives the full copy: leave out --family-copy"),
        ("Kerry Walsh", "hv is a professional and receives the full copy: leave out "
                        "--family-copy"),
        # The mother and the grandmother share the surname.
        ("Hadley", "more than one family member has that name; use a key: jodie, carol"),
    ],
)  # fmt: skip
def test_a_bad_key_is_refused_in_plain_words(run, who: str, message: str) -> None:
    args = ("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03")
    result = run(*args, "--family-copy", "--for", who)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"cpchair: --for: {message}\n"
    for name in ("Someone", "Kerry", "Hadley", "Jodie Hadley", "Carol"):
        assert name not in result.stderr


def test_for_needs_family_copy_and_a_supporter_gets_no_record(run) -> None:
    result = run("export", "DEMO-0001", "-f", "md", "--for", "carol")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "cpchair: --for chooses whose family copy: add --family-copy (or -d letter)\n"
    )
    args = ("export", "DEMO-0001", "-f", "md", "--family-copy", "--for", "sarah")
    assert run(*args).exit_code == 0  # the outline plan: she is in the core group
    result = run(*args, "-d", "record")
    assert result.exit_code == 2
    assert result.stderr == (
        "cpchair: --for: sarah receives the outline plan but no copy of the record "
        "(supporters and solicitors do not)\n"
    )


def test_a_restricted_copy_is_asked_about_first(run, monkeypatch, tmp_path: Path) -> None:
    """Jodie's contact details are confidential and Liam is under a no-contact condition:
    their copies name no one's address or contact details, and the chair confirms."""
    args = ("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03", "--family-copy")
    result = run(*args, "--for", "jodie")  # no terminal to ask on
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "cpchair: the copy for jodie: their contact details are confidential, so it names no "
        "one's address or contact details. Check it goes to them alone. Run again with --yes "
        "to write it.\n"
    )
    result = run(*args, "--for", "mum", "--yes")
    assert result.exit_code == 0
    assert "names no one's address or contact details" in result.stdout
    assert "07700" not in result.stdout and "01632 960417" not in result.stdout
    assert "01632 960400" in result.stdout  # the chair's contact: the council's route

    monkeypatch.setattr("cpchair.cli._interactive", lambda: True)
    runner = CliRunner()
    answered = runner.invoke(app, [*args, "--for", "liam"], input="n\n")
    assert answered.exit_code == 1 and "Outline plan" not in answered.stdout  # only the "n"
    assert "a no-contact condition is recorded for them" in answered.stderr
    assert answered.stderr.endswith("cpchair: nothing was written\n")
    answered = runner.invoke(app, [*args, "--for", "liam"], input="y\n")
    assert answered.exit_code == 0 and "This is the copy for Liam Carver" in answered.stdout


def test_a_copy_that_repeats_a_confidential_entry_is_warned_about(run, demo_data, tmp_path):
    """Before the demo was fixed, the police scaling reason repeated the confidential caution:
    the warning names the part, never the words."""
    score = demo_data["conferences"][0]["scaling"]["scores"][1]
    assert score["attendee"] == "pol" and score["confidential"] is True
    score["confidential"] = False
    case = tmp_path / "echo.json"
    case.write_text(json.dumps(demo_data), encoding="utf-8")
    assert run("import", "--replace", str(case)).exit_code == 0
    args = ("export", "DEMO-0001", "-f", "md", "--conference", "2026-09-03", "--family-copy")
    assert run(*args, "--for", "carol").stderr == ""  # the outline plan has no score reasons
    result = run(*args, "--for", "carol", "-d", "record")
    warning = "cpchair: warning: a scaling reason repeats words of a confidential mapping entry\n"
    # Nobody at a terminal to ask: nothing is written without --yes.
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == warning + (
        "cpchair: check the copy before it goes out; run again with --yes to write it.\n"
    )
    result = run(*args, "--for", "carol", "-d", "record", "--yes")
    assert result.exit_code == 0
    assert result.stderr == warning
    assert "former partner" in result.stdout  # written once the chair says so


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
    args += ("--for", "Carol Hadley")
    result = run(*args)
    assert result.exit_code == 0
    named = tmp_path / "DEMO-0001-2026-09-03-outline-family-carol.docx"  # a key, not a name
    assert result.stderr == f"Wrote carol's copy of the outline plan of DEMO-0001 to {named.name}\n"
    assert "Outline plan (family copy)" in docx_text(named.read_bytes())
    again = run(*args)  # never overwrites a file it chose itself
    assert again.exit_code == 1
    assert again.stderr == f"cpchair: {named.name} already exists; choose a file with -o\n"


def test_pdf_to_a_file_or_a_named_file_here(run, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "record.pdf"
    result = run("export", "DEMO-0001", "-f", "pdf", "-d", "record", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "DRAFT: the conference is not concluded" in result.stderr
    pages = pdf_pages(out.read_bytes())
    assert all(page.startswith("DRAFT DEMO-0001 · Conference record") for page in pages)
    assert (out.stat().st_mode & 0o777) == 0o600

    monkeypatch.chdir(tmp_path)
    result = run("export", "DEMO-0001", "-f", "pdf", "--conference", "2026-09-03")
    assert result.exit_code == 0  # a PDF is never written to a terminal
    named = tmp_path / "DEMO-0001-2026-09-03-outline.pdf"
    assert result.stderr == f"Wrote the outline plan of DEMO-0001 to {named.name}\n"
    assert "Outline plan" in pdf_pages(named.read_bytes())[0]


def test_json_is_unchanged_and_refuses_document_options(run, demo_data) -> None:
    result = run("export", "DEMO-0001")
    assert json.loads(result.stdout) == demo_data
    for option in (("--family-copy",), ("--for", "carol")):
        result = run("export", "DEMO-0001", *option)
        assert result.exit_code == 2
        assert "apply to md, html, docx and pdf" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("NO-SUCH", "-f", "md"), 1, "no case with reference 'NO-SUCH'"),
        (("DEMO-0001", "-f", "md", "--conference", "2026-09-04"), 1,
         "that case has no conference on 2026-09-04"),
        (("DEMO-0001", "-f", "md", "--conference", "3/9/2026"), 2,
         "--conference: '3/9/2026' is not a date (write it YYYY-MM-DD)"),
        (("DEMO-0001", "-f", "md", "-d", "minutes"), 2,
         "--document takes outline, record or letter, not 'minutes'"),
        (("DEMO-0001", "-f", "rtf"), 2,
         f"--format takes {or_list(('json', *FORMATS, 'ics'))}, not 'rtf'"),
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
    assert result.exit_code == 2  # the path is checked before the case is read
    assert result.stderr == f"cpchair: there is no folder {out.parent}\n"
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]
