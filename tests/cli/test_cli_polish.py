"""The command line's manners: -h, shell completion, choices refused as usage errors (exit
2, one line that lists them), `--json` on `cases` and `profiles`, declared dependencies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cpchair import documents
from cpchair.cli import app

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _write(tmp_path: Path, data: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- -h --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_dash_h_is_help_everywhere(run, db_file: Path, command: str | None) -> None:
    args = [command, "-h"] if command else ["-h"]
    short, long = run(*args), run(*args[:-1], "--help")
    assert short.exit_code == 0, short.output
    assert short.stdout.startswith("Usage: ") and short.stdout == long.stdout
    assert "-h, --help" in short.stdout
    assert not db_file.exists()  # help opens nothing


# --- completion ------------------------------------------------------------------------------


def test_completion_options_are_offered(run) -> None:
    help_text = run("-h").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text


def _complete(words: str, tmp_path: Path) -> list[str]:
    """What bash is offered for the last word, through the console entry point (a bare
    `cpchair` with _CPCHAIR_COMPLETE set, as the shell runs it)."""
    env = {**os.environ, "_CPCHAIR_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1), "CPCHAIR_DATA_DIR": str(tmp_path),
           "CPCHAIR_CONFIG_DIR": str(tmp_path)}  # fmt: skip
    env.pop("CPCHAIR_DB", None)
    code = "import sys; sys.argv = ['cpchair']; from cpchair.launch import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_lists_commands_and_choices(tmp_path: Path) -> None:
    assert _complete("cpchair ex", tmp_path) == ["export"]
    assert _complete("cpchair export DEMO-0001 -f ", tmp_path) == [
        "json",
        *documents.FORMATS,
        "ics",
    ]
    assert _complete("cpchair timescales pre", tmp_path) == ["pre_birth"]
    assert _complete("cpchair checkin X --keep ", tmp_path) == ["mine", "theirs"]
    assert "kirklees" in _complete("cpchair timescales review 2026-11-26 --profile k", tmp_path)
    assert not list(tmp_path.iterdir())  # completing opened no database


# --- choices ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "NO-SUCH", "-f", "pdfx"], "--format takes json, md, html, docx"),
        (["export", "NO-SUCH", "--format", "JSON"], "--format takes json"),
        (["export", "NO-SUCH", "-f", "md", "-d", "minutes"],
         "--document takes outline, record or letter, not 'minutes'"),
        (["timescales", "middle", "2026-11-26"],
         "KIND takes initial, review, pre_birth or transfer_in, not 'middle'"),
        (["checkin", "X", "--keep", "other"], "--keep takes mine or theirs, not 'other'"),
    ],
)  # fmt: skip
def test_a_value_outside_its_choices_is_a_usage_error_in_one_line(
    run, db_file: Path, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("cpchair: ") and message in line
    assert not db_file.exists()  # refused before any database is opened


def test_the_export_formats_come_from_the_documents(run, monkeypatch) -> None:
    """A format added to documents.FORMATS (ODT, say) is taken and listed without more."""
    monkeypatch.setattr(documents, "FORMATS", (*documents.FORMATS, "odt"))
    result = run("export", "NO-SUCH", "-f", "rtf")
    assert result.exit_code == 2
    assert "docx, pdf, odt or ics, not 'rtf'" in result.stderr


def test_the_default_format_costs_no_documents_import(tmp_path: Path) -> None:
    """A json export (the default) does not import cpchair.documents to list the formats."""
    code = (
        "import sys\n"
        "from cpchair.cli import app\n"
        "print(app(['export', 'NO-SUCH'], standalone_mode=False))\n"
        "print('cpchair.documents' in sys.modules)\n"
    )
    env = {**os.environ, "CPCHAIR_DATA_DIR": str(tmp_path), "CPCHAIR_CONFIG_DIR": str(tmp_path)}
    env.pop("CPCHAIR_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.splitlines()[-2:] == ["1", "False"], out.stderr


def test_export_help_names_every_format(run) -> None:
    help_text = " ".join(run("export", "-h").stdout.split())
    for fmt in ("json", *documents.FORMATS, "ics"):
        assert fmt in help_text, fmt


def test_kinds_are_read_in_any_capitals_and_with_a_dash(run) -> None:
    for typed in ("Pre-Birth", "PRE_BIRTH", "pre-birth"):
        result = run("timescales", typed, "2026-11-26", "--birth", "2027-03-01", "--json")
        assert result.exit_code == 0, result.output
        assert "conference_due" in json.loads(result.stdout)


def test_choices_cost_no_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from cpchair.cli import app\n"
        "app(['timescales', 'Pre-Birth', '2026-11-26', '--json'], standalone_mode=False)\n"
        "try:\n"
        "    app(['checkin', 'X', '--keep', 'other'], standalone_mode=False)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
        "print('pydantic' in sys.modules)\n"
    )
    env = {**os.environ, "CPCHAIR_DATA_DIR": str(tmp_path), "CPCHAIR_CONFIG_DIR": str(tmp_path)}
    env.pop("CPCHAIR_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.splitlines()[-2:] == ["Refused", "False"]


# --- cases --json ----------------------------------------------------------------------------


def test_cases_json_when_there_are_none(run) -> None:
    result = run("cases", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"cases": [], "shown": 0, "total": 0}


def test_cases_json_shape(run, tmp_path: Path, demo_data: dict[str, Any]) -> None:
    run("import", str(_write(tmp_path, demo_data)))
    other = json.loads(json.dumps(demo_data))
    other["reference"] = "DEMO-0002"
    run("import", str(_write(tmp_path, other, "other.json")))
    listing = json.loads(run("cases", "--json").stdout)
    assert listing["shown"] == listing["total"] == 2
    case = listing["cases"][0]
    assert set(case) == {"reference", "family_name", "children", "next_conference",
                         "last_conference", "review_due"}  # fmt: skip
    assert case["reference"] == "DEMO-0001" and case["family_name"] == demo_data["family_name"]
    assert [c["first_name"] for c in case["children"]] == [
        c["first_name"] for c in demo_data["children"]
    ]
    unborn = next(c for c in case["children"] if c["date_of_birth"] is None)
    expected = next(c for c in demo_data["children"] if c["date_of_birth"] is None)
    assert unborn["expected_birth_date"] == expected["expected_birth_date"]  # ISO dates
    review, initial = demo_data["conferences"][-1], demo_data["conferences"][0]
    assert case["next_conference"] == {"kind": "review", "date": review["date"],
                                       "status": "prepared"}  # fmt: skip
    assert case["last_conference"] == {"kind": "initial", "date": initial["date"],
                                       "status": "concluded"}  # fmt: skip
    assert case["review_due"] == review["date"]  # as the initial conference's plan set it

    first = json.loads(run("cases", "--json", "--limit", "1").stdout)
    assert (first["shown"], first["total"]) == (1, 2)
    assert [c["reference"] for c in first["cases"]] == ["DEMO-0001"]


# --- profiles --json -------------------------------------------------------------------------


def test_profiles_json(run) -> None:
    from cpchair.rules.profiles import profile_names

    result = run("profiles", "--json")
    assert result.exit_code == 0
    profiles = {p["name"]: p for p in json.loads(result.stdout)["profiles"]}
    assert list(profiles) == list(profile_names())
    england = profiles["england"]
    assert set(england) == {"name", "title", "region", "extends", "procedures", "rules"}
    assert england["region"] == "england-and-wales"
    assert england["procedures"][0] == "Working Together"
    assert england["rules"]["first_core_group"]["period"] == "10 working days"
    assert england["rules"]["first_core_group"]["source"] == "working-together"
    assert "record_due" in england["rules"]
    wt = profiles["working-together"]
    assert wt["extends"] is None and wt["procedures"] == ["Working Together"]
    assert "record_due" not in wt["rules"]  # a rule the profile lacks is left out


# --- pyproject -------------------------------------------------------------------------------


def test_runtime_dependencies_are_declared_with_an_upper_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {d.split(">")[0].split("[")[0].split("<")[0].strip() for d in project["dependencies"]}
    assert "pydantic" in names  # cpchair/caseio imports it directly
    for dep in project["dependencies"]:
        assert "<" in dep or "==" in dep, f"{dep}: no upper bound"
