"""The command line as a user meets it: exit codes, messages, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def write(tmp_path: Path, data: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_then_export_gives_back_the_file(run, tmp_path: Path, demo_data) -> None:
    result = run("import", str(write(tmp_path, demo_data)))
    assert result.exit_code == 0, result.output
    assert "Imported DEMO-0001" in result.output

    out = tmp_path / "out.json"
    result = run("export", "DEMO-0001", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8")) == demo_data
    assert (out.stat().st_mode & 0o777) == 0o600

    stdout = run("export", "DEMO-0001")
    assert json.loads(stdout.stdout) == demo_data


def test_refused_file_names_the_path_and_changes_nothing(run, tmp_path: Path, demo_data) -> None:
    run("import", str(write(tmp_path, demo_data)))
    before = run("export", "DEMO-0001").stdout

    demo_data["family_name"] = "Changed"
    demo_data["conferences"][0]["scaling"]["scores"][3]["score"] = 11
    result = run("import", "--replace", str(write(tmp_path, demo_data, "bad.json")))
    assert result.exit_code == 1
    assert "conferences[0].scaling.scores[3].score: 11 is not between 0 and 10" in result.stderr
    assert "nothing was changed" in result.stderr
    assert run("export", "DEMO-0001").stdout == before


def test_a_file_that_took_the_reader_down_is_refused_in_its_words(
    run, tmp_path: Path, demo_data, demo_text: str
) -> None:
    # A number of 5,000 digits made the reader raise ValueError: the import crashed.
    big = tmp_path / "big.json"
    big.write_text(demo_text.replace('"cpchair-case/1"', "9" * 5000, 1), encoding="utf-8")
    result = run("import", str(big))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == ["(the file): holds a number too long to read"]
    # An unknown key holding a terminal escape was printed, escape and all, in its path.
    demo_data["people"][0]["\x1b]0;owned\x07"] = 1
    result = run("import", str(write(tmp_path, demo_data, "escape.json")))
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "owned" not in result.stderr
    assert "people[0]: has a key with a character that cannot be shown" in result.stderr
    assert run("cases").stdout.startswith("No cases yet")


def test_existing_reference_needs_replace(run, tmp_path: Path, demo_data) -> None:
    path = write(tmp_path, demo_data)
    run("import", str(path))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "already here" in result.stderr and "--replace" in result.stderr
    result = run("import", "--replace", str(path))
    assert result.exit_code == 0 and "Replaced DEMO-0001" in result.output


def test_unreadable_and_unknown(run, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "missing.json"))
    assert result.exit_code == 1 and "cannot read" in result.stderr
    result = run("export", "NO-SUCH")
    assert result.exit_code == 1
    # The first run makes the database: plain, said in one line (no terminal, no passphrase).
    assert result.stderr.strip().splitlines() == [
        "cpchair: no terminal and no CPCHAIR_PASSPHRASE, so the new database is not encrypted.",
        "cpchair: no case with reference 'NO-SUCH'",
    ]
    result = run("export", "NO-SUCH", "--format", "bogus")  # a usage error, before any case
    assert result.exit_code == 2 and "--format takes json, md, html" in result.stderr


def test_cases_lists_what_is_held(run, tmp_path: Path, demo_data) -> None:
    assert "No cases yet" in run("cases").output
    run("import", str(write(tmp_path, demo_data)))
    listing = run("cases").output
    assert "DEMO-0001" in listing and demo_data["family_name"] in listing
    assert "Review" in listing and "Prepared" in listing


def test_cases_piped_is_a_line_of_headings_and_a_tab_separated_line_a_case(
    run, tmp_path: Path, demo_data
) -> None:
    demo_data["family_name"] = "Hadley\tSmith\nJones"  # never splits a line or a cell
    run("import", str(write(tmp_path, demo_data)))
    lines = run("cases").stdout.splitlines()  # the test's runner is no terminal
    assert lines[0].split("\t") == [
        "Reference", "Family", "Children", "Next conference", "Kind", "Status",
    ]  # fmt: skip
    [row] = [line.split("\t") for line in lines[1:]]
    assert row[:2] == ["DEMO-0001", "Hadley Smith Jones"] and row[4:] == ["Review", "Prepared"]


def test_cases_prints_a_bracketed_name_as_typed(run, tmp_path: Path, demo_data) -> None:
    demo_data["family_name"] = "Hill [/]"  # case text, never markup: no crash
    run("import", str(write(tmp_path, demo_data)))
    result = run("cases")
    assert result.exit_code == 0 and "Hill [/]" in result.output


def test_demo_loads_once_and_reset_replaces(run) -> None:
    first = run("demo", "--no-open")
    assert first.exit_code == 0 and "Loaded the demo case" in first.stderr
    again = run("demo", "--no-open")
    assert "already here" in again.stderr
    assert run("cases").output.count("DEMO-0001") == 1
    assert "Reloaded" in run("demo", "--no-open", "--reset").stderr
    assert run("cases").output.count("DEMO-0001") == 1


def test_db_option_outranks_the_environment(run, tmp_path: Path, db_file: Path) -> None:
    other = tmp_path / "elsewhere" / "other.db"
    assert run("--db", str(other), "demo", "--no-open").exit_code == 0
    assert other.exists() and not db_file.exists()
    assert (other.parent.stat().st_mode & 0o777) == 0o700
    assert (other.stat().st_mode & 0o777) == 0o600


def test_timescales_json_follows_the_contract(run) -> None:
    result = run("timescales", "initial", "2026-12-18", "--trigger", "2026-12-01", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "conference_due": "2026-12-22",
        "reports_due": "2026-12-16",
        "first_cp_visit": "2026-12-22",
        "first_core_group": "2027-01-06",
        "next_review": "2027-03-18",
        "record_due": "2027-01-20",
    }
    review = json.loads(
        run("timescales", "review", "2026-11-26", "--json", "--profile", "derbyshire").stdout
    )
    # 004 sets no time for the core group after a review (002's 28 days are not Derbyshire's):
    # only the keys that apply.
    assert review == {
        "reports_due": "2026-11-23",
        "next_review": "2027-05-26",
        "record_due": "2026-12-03",
    }


def test_timescales_table_names_each_rule(run) -> None:
    result = run("timescales", "pre-birth", "2026-12-01", "--birth", "2027-02-20")
    assert result.exit_code == 0
    assert "28 weeks" in result.stdout and "working days" in result.stdout


# Baby expected Sat 20 Feb 2027: 28 weeks of pregnancy is Sat 28 Nov 2026, brought back to
# Fri 27 Nov.
@pytest.mark.parametrize(
    ("trigger", "due", "says"),
    [
        ("2026-11-02", "2026-11-27", "at 28 weeks of pregnancy"),
        # A strategy discussion on Mon 30 Nov, after 28 weeks: 15 working days on, Mon 21 Dec.
        ("2026-11-30", "2026-12-21", "15 working days after the strategy discussion, since 28"),
    ],
)
def test_timescales_pre_birth_uses_the_birth_and_the_strategy_discussion(
    run, trigger: str, due: str, says: str
) -> None:
    args = ("timescales", "pre_birth", "2026-12-14", "--birth", "2027-02-20", "--trigger", trigger)
    data = json.loads(run(*args, "--json").stdout)
    assert data["conference_due"] == due
    assert list(data) == [  # the contract's keys, nothing more
        "conference_due",
        "reports_due",
        "first_cp_visit",
        "first_core_group",
        "next_review",
        "record_due",
    ]
    result = run(*args)
    assert result.exit_code == 0
    words = " ".join(result.stdout.replace("│", " ").split())
    assert says in words
    assert "Later core groups" in words and "every 28 days" in words


def test_profiles_lists_every_area_and_its_sources(run) -> None:
    result = run("profiles")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [
        "derby-city",
        "derbyshire",
        "east-riding",
        "england",
        "kirklees",
        "working-together",
        "york",
    ]
    kirklees = next(line for line in lines if line.startswith("kirklees"))
    assert "[Working Together; Kirklees parents' guide (003)]" in kirklees


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["timescales", "middle", "2026-11-26"],
            "KIND takes initial, review, pre_birth or transfer_in, not 'middle'",
        ),
        (["timescales", "review", "2026-11-31"], "DATE: '2026-11-31' is not a date"),
        (["timescales", "initial", "2026-11-26", "--trigger", "soon"], "--trigger: 'soon'"),
        (["timescales", "review", "2026-11-26", "--profile", "x"], "unknown practice profile"),
    ],
)
def test_timescales_bad_input_is_one_line(run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_timescales_needs_no_database(run, db_file: Path) -> None:
    run("timescales", "review", "2026-11-26")
    assert not db_file.exists()


def test_importing_the_cli_stays_light() -> None:
    code = (
        "import sys, cpchair.cli; "
        "heavy = ('textual', 'sqlmodel', 'sqlalchemy', 'pydantic'); "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unexpected_error_shows_no_case_data(tmp_path: Path) -> None:
    """A crash prints the error's type only: never its message, never a traceback."""
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    env = {**os.environ, "CPCHAIR_DB": str(bad)}
    env.pop("CPCHAIR_DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-m", "cpchair", "cases"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("cpchair: ")


def test_an_app_that_stopped_on_a_crash_exits_non_zero() -> None:
    """Textual records the crash in the app's return code; the command must pass it on."""
    import typer

    from cpchair.cli import _run

    class Crashed:
        return_code = 1

        def run(self) -> None:  # the crash was told on screen, privately, and the app ended
            pass

    with pytest.raises(typer.Exit) as stopped:
        _run(Crashed())  # type: ignore[arg-type]
    assert stopped.value.exit_code == 1


def test_export_never_replaces_a_file_without_force(run, tmp_path: Path, demo_data) -> None:
    run("import", str(write(tmp_path, demo_data)))
    target = tmp_path / "out.json"
    target.write_text("the chair's own notes")
    result = run("export", "DEMO-0001", "-o", str(target))
    assert result.exit_code == 1 and "already exists; add --force" in result.stderr
    assert target.read_text() == "the chair's own notes"
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")  # a link, even to nothing, is not replaced
    assert run("export", "DEMO-0001", "-o", str(link)).exit_code == 1
    result = run("export", "DEMO-0001", "-o", str(target), "--force")
    assert result.exit_code == 0 and '"reference": "DEMO-0001"' in target.read_text()


def test_export_to_no_file_name_is_refused(run) -> None:
    result = run("export", "DEMO-0001", "-o", "")
    assert result.exit_code == 2 and "-o needs a file name" in result.stderr


def test_a_planted_temporary_file_is_never_written_through(tmp_path: Path) -> None:
    from cpchair.fileio import write_private

    victim = tmp_path / "someone-elses.txt"
    victim.write_text("theirs")
    (tmp_path / ".case.json.tmp").symlink_to(victim)  # the old, predictable temporary name
    write_private(tmp_path / "case.json", "the case")
    assert victim.read_text() == "theirs"
    assert (tmp_path / "case.json").read_text() == "the case"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".case.json.tmp", "case.json",
                                                          "someone-elses.txt"]  # fmt: skip


def test_verbose_says_which_database_is_used(run, db_file: Path) -> None:
    result = run("--verbose", "cases")
    assert result.exit_code == 0 and f"cpchair: database {db_file}" in result.stderr


def test_a_reference_typed_in_other_capitals_finds_the_case(
    run, tmp_path: Path, demo_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`open`, `wall` and `export` find DEMO-0001 as demo-0001 and go on with the reference
    as it is held: the meeting and the wall follow the case by that spelling."""
    import cpchair.cli as cli

    run("import", str(write(tmp_path, demo_data)))
    out = tmp_path / "out.json"
    result = run("export", "demo-0001", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"Exported DEMO-0001 to {out}"
    assert json.loads(out.read_text("utf-8"))["reference"] == "DEMO-0001"
    result = run("export", "Demo-0001", "-f", "md", "-o", str(tmp_path / "out.md"))
    assert result.exit_code == 0 and "the outline plan of DEMO-0001" in result.stderr

    started: list[Any] = []
    monkeypatch.setattr(cli, "_run", started.append)
    assert run("open", "demo-0001").exit_code == 0
    assert run("wall", "dEMO-0001").exit_code == 0
    meeting, wall = started
    assert meeting._start_meeting == ("DEMO-0001", "rcpc1")
    assert (wall.reference, wall.conference) == ("DEMO-0001", "rcpc1")
    result = run("open", "demo-0002")
    assert result.exit_code == 2 and "no case has the reference 'demo-0002'" in result.stderr


# --- -o: the path is checked before the case is read -------------------------------------------


def _refused(result: Any, words: str) -> None:
    """Exit 2, one line in the user's words, no traceback and nothing of the case."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("cpchair: ") and words in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "Hadley" not in result.stderr


def test_export_refuses_a_path_it_cannot_write_an_ordinary_file_at(
    run, tmp_path: Path, demo_data
) -> None:
    run("import", str(write(tmp_path, demo_data)))
    before = sorted(os.listdir(tmp_path))
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args, words in [
        (("-o", str(tmp_path / "nowhere" / "out.json")), f"there is no folder {tmp_path}/nowhere"),
        (("-o", str(tmp_path / "case.json" / "out.json")), "it is not a folder"),
        (("-o", str(tmp_path / "new-folder") + "/"), "names a folder: add a file name"),
        (("-o", str(folder)), f"{folder} is a folder"),
        (("-o", str(folder), "--force"), f"{folder} is a folder"),
        (("-o", str(fifo), "--force"), f"{fifo} is a named pipe (FIFO), not an ordinary file"),
        (("-o", "/dev/null", "--force"), "/dev/null is a device, not an ordinary file"),
        (("-f", "md", "-o", str(fifo)), "named pipe"),
        (("-f", "docx", "-o", str(folder), "--force"), "is a folder"),
    ]:
        _refused(run("export", "DEMO-0001", *args), words)
    assert sorted(os.listdir(tmp_path)) == sorted([*before, "a-folder", "pipe"])  # no temp file
    assert os.listdir(folder) == [] and (tmp_path / "pipe").is_fifo()


def test_export_refuses_a_folder_it_may_not_write_in(
    run, tmp_path: Path, demo_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("import", str(write(tmp_path, demo_data)))
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    real_access = os.access
    if os.geteuid() == 0:  # root may write anywhere: say the folder is someone else's
        monkeypatch.setattr(
            os, "access", lambda p, mode, **kw: Path(p) != locked and real_access(p, mode, **kw)
        )
    try:
        _refused(
            run("export", "DEMO-0001", "-o", str(locked / "out.json")),
            f"you are not allowed to write in the folder {locked}",
        )
    finally:
        locked.chmod(0o700)
    assert os.listdir(locked) == []


def test_export_force_replaces_a_link_never_what_it_points_to(
    run, tmp_path: Path, demo_data
) -> None:
    run("import", str(write(tmp_path, demo_data)))
    victim = tmp_path / "someone-elses.json"
    victim.write_text("theirs")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for target, link in [(victim, "to-a-file.json"), (elsewhere, "to-a-folder.json"),
                         (tmp_path / "nothing", "to-nothing.json")]:  # fmt: skip
        path = tmp_path / link
        path.symlink_to(target)
        assert run("export", "DEMO-0001", "-o", str(path)).exit_code == 1  # not without --force
        assert path.is_symlink()
        result = run("export", "demo-0001", "-o", str(path), "--force")
        assert result.exit_code == 0, result.output
        assert not path.is_symlink() and path.is_file()  # the link itself was replaced
        assert json.loads(path.read_text("utf-8"))["reference"] == "DEMO-0001"
        assert (path.stat().st_mode & 0o777) == 0o600
    assert victim.read_text() == "theirs" and os.listdir(elsewhere) == []
    assert not (tmp_path / "nothing").exists()


def test_an_encrypted_database_opens_with_its_passphrase_only(
    run, db_file: Path, tmp_path: Path, demo_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPCHAIR_PASSPHRASE", "correct horse battery")
    result = run("import", str(write(tmp_path, demo_data)))
    assert result.exit_code == 0 and result.stderr == ""  # made encrypted: nothing to say
    assert b"Hadley" not in db_file.read_bytes()
    assert "DEMO-0001" in run("cases").output
    monkeypatch.setenv("CPCHAIR_PASSPHRASE", "a wrong guess")
    result = run("cases")
    assert (result.exit_code, result.stderr.strip()) == (
        1, "cpchair: That passphrase does not open this database.",
    )  # fmt: skip
    monkeypatch.delenv("CPCHAIR_PASSPHRASE")
    result = run("cases")
    assert result.exit_code == 1 and "give its passphrase" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_an_import_keeps_the_caseloads_first_page_for_the_apps_next_start(
    run, tmp_path: Path, demo_data, db_file: Path
) -> None:
    """Without it, the first start after an import waits for the store to draw any rows."""
    import datetime as dt

    from cpchair import first_page

    assert run("import", str(write(tmp_path, demo_data))).exit_code == 0
    page = first_page.read(db_file, None, dt.date.today())
    assert page is not None and [r.reference for r in page.rows] == ["DEMO-0001"]
