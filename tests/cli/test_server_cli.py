"""The CLI on a team's PostgreSQL server (`--db URL`): the same cases and the same export as
on a file, file-only commands refused in one line, a server that does not answer named without
its password, and a case taken offline (`checkout`) and back (`checkin`), conflicts included."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cpchair.cli import app
from cpchair.store import Store, open_store
from tests.raw import raw

REF = "DEMO-0001"
Run = Callable[..., Result]


@pytest.fixture
def cli() -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def url(pg_store: Store) -> str:
    """The URL of a migrated, empty database of this test's own."""
    return pg_store.engine.url.render_as_string(hide_password=False)


def a_laptop(path: Path) -> str:
    """A laptop's database file, made beforehand (a new one's notice would be a second line)."""
    from cpchair.db import forget_engines

    open_store(path)
    forget_engines(path)
    return str(path)


@pytest.fixture
def laptop(tmp_path: Path) -> str:
    return a_laptop(tmp_path / "laptop.db")


def one_line(result: Result) -> str:
    """The refusal: one line on stderr, no traceback."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def exported(cli: Run, db: str) -> str:
    result = cli("--db", db, "export", REF, "-f", "json")
    assert result.exit_code == 0, result.output
    return result.stdout


def case_of(cli: Run, db: str) -> dict[str, Any]:
    return json.loads(exported(cli, db))


def audit_of(cli: Run, db: str) -> list[dict[str, Any]]:
    result = cli("--db", db, "audit", REF, "--json")
    assert result.exit_code == 0, result.output
    lines: list[dict[str, Any]] = json.loads(result.stdout)["lines"]
    return lines


def test_cases_and_export_on_a_server_as_on_a_file(cli: Run, url: str, laptop: str) -> None:
    assert cli("--db", url, "cases").stdout.startswith("No cases yet")
    for db in (url, laptop):
        assert cli("--db", db, "demo", "--no-open").exit_code == 0
    listed = cli("--db", url, "cases")
    assert listed.exit_code == 0 and REF in listed.stdout
    assert listed.stdout == cli("--db", laptop, "cases").stdout
    assert exported(cli, url) == exported(cli, laptop)  # byte for byte


def test_documents_from_a_server_are_those_from_a_file(cli: Run, url: str, laptop: str) -> None:
    """The outline plan, the record and a family member's copy, as Markdown, byte for byte."""
    for db in (url, laptop):
        assert cli("--db", db, "demo", "--no-open").exit_code == 0
    for document in (
        ["-d", "outline"],
        ["-d", "record"],
        ["-d", "outline", "--family-copy", "--for", "mum", "--yes"],
    ):
        made = [cli("--db", db, "export", REF, "-f", "md", *document) for db in (url, laptop)]
        assert all(m.exit_code == 0 for m in made), [m.output for m in made]
        assert made[0].stdout == made[1].stdout, document
        assert "Hadley" in made[0].stdout


@pytest.mark.parametrize("command", ["backup", "encrypt"])
def test_file_only_commands_refuse_a_server(cli: Run, url: str, command: str) -> None:
    result = cli("--db", url, command)
    assert result.exit_code == 1
    assert "on a server" in one_line(result)


def test_a_url_of_another_kind_is_a_usage_error(cli: Run) -> None:
    result = cli("--db", "mysql://chair@db/cases", "cases")
    assert result.exit_code == 2
    assert "not mysql://" in one_line(result)


def test_a_server_that_does_not_answer_is_one_line_without_its_password(cli: Run) -> None:
    result = cli("--db", "postgresql://chair:kettle-on-the-hob@127.0.0.1:1/cases", "cases")
    assert result.exit_code == 1
    line = one_line(result)
    assert "cannot reach the database server at postgresql://chair:***@127.0.0.1:1/cases" in line
    assert "kettle" not in result.output


def test_a_case_goes_out_and_comes_back(
    cli: Run, url: str, laptop: str, pg_store: Store, tmp_path: Path
) -> None:
    assert cli("--db", url, "demo", "--no-open").exit_code == 0
    case_file = tmp_path / "case.json"
    case_file.write_text(exported(cli, url))

    # With a password (the test server trusts 127.0.0.1, so any will do): the laptop keeps
    # the URL without it, and `checkin` reaches the server again without `--to`.
    with_password = url.replace("://cpchair@", "://cpchair:kettle-on-the-hob@", 1)
    assert with_password != url
    out = cli("--db", laptop, "checkout", REF, "--from", with_password)
    assert out.exit_code == 0, out.output
    assert case_of(cli, laptop) == case_of(cli, url)
    mark = open_store(Path(laptop)).checkout_mark(REF)
    assert mark is not None
    assert mark.place == url.replace("postgresql+psycopg:", "postgresql:")

    # The server refuses to change it meanwhile, and the tool says why (no crash).
    refused = cli("--db", url, "import", str(case_file), "--replace")
    assert refused.exit_code == 1
    assert "checked out" in one_line(refused)
    # Nor can it go out twice.
    again = cli("--db", a_laptop(tmp_path / "other.db"), "checkout", REF, "--from", url)
    assert again.exit_code == 1
    assert "checkout refused: this case is checked out to the laptop " in one_line(again)

    open_store(Path(laptop)).update_case(REF, family_name="Hadley-Laptop")  # the meeting
    back = cli("--db", laptop, "checkin", REF)
    assert back.exit_code == 0, back.output
    assert "kettle" not in out.output + back.output
    assert case_of(cli, url)["family_name"] == "Hadley-Laptop"
    assert cli("--db", laptop, "cases").stdout.startswith("No cases yet")  # copy removed
    assert pg_store.checkout_mark(REF) is None

    lines = audit_of(cli, url)
    what = [line["what"] for line in lines]
    assert any(w.startswith("case checked out to the laptop ") for w in what)
    assert what[-1] == "case checked in, as the laptop returned it"
    assert lines[-1]["who"].endswith(" (as cpchair)")  # the server's role beside the name
    # The change made offline is in the server's trail, with the laptop's person and time,
    # and the role that brought it in beside them; the checkout's own line stays behind.
    laptop_lines = audit_of(cli, laptop)
    made = next(line for line in laptop_lines if line["what"] == "case updated: family name")
    assert lines[-2]["what"] == "case updated: family name (offline)"
    assert lines[-2]["who"] == f"{made['who']} (as cpchair)"
    assert dt.datetime.fromisoformat(lines[-2]["at"]) == dt.datetime.fromisoformat(made["at"])
    assert not any(w.startswith("case checked out from") for w in what)
    trail = json.loads(cli("--db", url, "audit", REF, "--json").stdout)
    assert trail["broken_at"] is None  # the chain still holds


def test_a_case_not_checked_out_is_not_checked_in(cli: Run, laptop: str) -> None:
    result = cli("--db", laptop, "checkin", REF)
    assert result.exit_code == 1
    assert "was not checked out" in one_line(result)


def test_keep_takes_mine_or_theirs(cli: Run, laptop: str) -> None:
    result = cli("--db", laptop, "checkin", REF, "--keep", "other")
    assert result.exit_code == 2
    assert "mine or theirs" in one_line(result)


@pytest.mark.parametrize("keep", ["theirs", "mine"])
def test_a_conflict_changes_nothing_until_keep_says_whose_copy_stands(
    cli: Run, url: str, laptop: str, pg_store: Store, keep: str
) -> None:
    assert cli("--db", url, "demo", "--no-open").exit_code == 0
    assert cli("--db", laptop, "checkout", REF, "--from", url).exit_code == 0
    open_store(Path(laptop)).update_case(REF, family_name="Hadley-Laptop")
    # Behind the tool's back: the mark released on the server, and the case changed there.
    with raw(pg_store) as db:
        db.execute("DELETE FROM checkout")
    pg_store.update_case(REF, family_name="Hadley-Server")
    server_before, laptop_before = exported(cli, url), exported(cli, laptop)

    stopped = cli("--db", laptop, "checkin", REF)
    assert stopped.exit_code == 1
    assert "family_name (changed here too)" in stopped.stdout
    assert "Hadley-Server" in stopped.stdout and "Hadley-Laptop" in stopped.stdout
    assert "nothing was changed" in one_line(stopped)
    assert (exported(cli, url), exported(cli, laptop)) == (server_before, laptop_before)

    done = cli("--db", laptop, "checkin", REF, "--keep", keep)
    assert done.exit_code == 0, done.output
    kept = {"theirs": server_before, "mine": laptop_before}[keep]
    assert case_of(cli, url) == json.loads(kept)
    assert cli("--db", laptop, "cases").stdout.startswith("No cases yet")
    assert pg_store.checkout_mark(REF) is None


def test_keeping_the_servers_copy_of_a_case_it_no_longer_holds_is_refused(
    cli: Run, url: str, laptop: str, pg_store: Store
) -> None:
    """Both copies gone would lose the case: the laptop's stays until it can go back."""
    assert cli("--db", url, "demo", "--no-open").exit_code == 0
    assert cli("--db", laptop, "checkout", REF, "--from", url).exit_code == 0
    with raw(pg_store) as db:  # an administrator released it and deleted the case
        db.execute("DELETE FROM checkout")
    pg_store.delete_case(REF)
    refused = cli("--db", laptop, "checkin", REF, "--keep", "theirs")
    assert refused.exit_code == 1
    assert "no longer holds" in one_line(refused)
    assert REF in cli("--db", laptop, "cases").stdout
    assert cli("--db", laptop, "checkin", REF, "--keep", "mine").exit_code == 0
    assert REF in cli("--db", url, "cases").stdout


def test_a_checkin_into_no_database_makes_none(cli: Run, tmp_path: Path) -> None:
    missing = tmp_path / "never.db"
    refused = cli("--db", str(missing), "checkin", REF)
    assert refused.exit_code == 1
    assert "no database at" in one_line(refused)
    assert not missing.exists()
