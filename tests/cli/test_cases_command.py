"""`cpchair cases` with many cases: a screenful at a terminal, every case when piped, and
--limit N or --all when asked; a listing cut short says so on stderr, never among the lines."""

from __future__ import annotations

import pytest

from cpchair import cli
from cpchair.store import Store

MORE = "The first {} of 53 cases: `cpchair cases --all` lists them all."


@pytest.fixture
def many(store: Store) -> Store:
    for n in range(53):
        store.create_case(f"REF-{n:03d}", f"Family {n}")
    return store


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_stdout_is_terminal", lambda: True)


def references(output: str) -> list[str]:
    return [word for word in output.split() if word.startswith("REF-")]


def test_piped_lists_every_case_and_nothing_else(run, many: Store) -> None:
    result = run("cases")
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 53 and lines[1].startswith("REF-000\t")
    assert result.stderr == ""


def test_at_a_terminal_the_first_screenful_and_how_to_see_the_rest(
    run, many: Store, terminal: None
) -> None:
    result = run("cases")
    assert result.exit_code == 0
    assert references(result.stdout) == [f"REF-{n:03d}" for n in range(cli.SCREENFUL)]
    assert result.stderr.strip() == MORE.format(cli.SCREENFUL)


def test_all_at_a_terminal_lists_every_case(run, many: Store, terminal: None) -> None:
    result = run("cases", "--all")
    assert len(references(result.stdout)) == 53 and result.stderr == ""


@pytest.mark.parametrize("at_terminal", [False, True])
def test_limit_lists_the_first_n_by_reference(
    run, many: Store, monkeypatch: pytest.MonkeyPatch, at_terminal: bool
) -> None:
    monkeypatch.setattr(cli, "_stdout_is_terminal", lambda: at_terminal)
    result = run("cases", "--limit", "3")
    assert references(result.stdout) == ["REF-000", "REF-001", "REF-002"]
    assert result.stderr.strip() == MORE.format(3)


def test_a_limit_past_the_end_says_nothing_more(run, many: Store, terminal: None) -> None:
    result = run("cases", "--limit", "53")
    assert len(references(result.stdout)) == 53 and result.stderr == ""


def test_few_cases_at_a_terminal_need_no_note(run, store: Store, terminal: None) -> None:
    store.create_case("ONE-1", "Family")
    result = run("cases")
    assert "ONE-1" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "--limit: 0 is not a number of cases (1 or more)"),
        (["--limit", "2", "--all"], "give --limit N or --all, not both"),
        (["--limit", "many"], "Invalid value for '--limit'"),
    ],
)
def test_a_limit_that_is_no_number_of_cases_is_refused(
    run, many: Store, args: list[str], message: str
) -> None:
    result = run("cases", *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""
