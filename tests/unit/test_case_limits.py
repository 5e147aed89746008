"""A case file that is not what it seems is refused with the path of what is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cpchair.caseio import CaseFileError, parse_case
from cpchair.caseio.limits import MAX_BYTES, MAX_TEXT

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL


def refused(text: str | bytes) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(text)
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


def test_a_file_nested_a_thousand_deep_is_refused_not_a_crash() -> None:
    assert refused("[" * 100_000 + "]" * 100_000) == ["(the file): is nested too deeply"]
    deep: dict[str, Any] = {}
    for _ in range(50):
        deep = {"x": deep}
    assert any("nested too deeply" in p for p in refused(json.dumps({"reference": "A", **deep})))


def test_a_name_of_megabytes_is_refused_with_its_path(demo_data: dict[str, Any]) -> None:
    demo_data["children"][0]["first_name"] = "R" * (MAX_TEXT + 1)
    assert refused(json.dumps(demo_data)) == [
        f"children[0].first_name: is longer than {MAX_TEXT:,} characters"
    ]


def test_a_date_outside_a_lifetime_is_refused(demo_data: dict[str, Any]) -> None:
    demo_data["conferences"][0]["date"] = "9999-12-31"
    demo_data["children"][0]["date_of_birth"] = "0001-01-01"
    problems = refused(json.dumps(demo_data))
    assert "conferences[0].date: is a date outside the years 1900 to 2100" in problems
    assert "children[0].date_of_birth: is a date outside the years 1900 to 2100" in problems


def test_a_file_larger_than_any_case_is_refused_before_it_is_read() -> None:
    assert refused(b" " * (MAX_BYTES + 1)) == ["(the file): is larger than 20 MB"]


def test_a_child_listed_twice_is_refused_with_its_path(demo_data: dict[str, Any]) -> None:
    demo_data["children"].append(dict(demo_data["children"][0]))
    assert any(p.startswith("children") and "c1" in p for p in refused(json.dumps(demo_data)))


def test_a_name_holding_a_terminal_escape_is_refused(demo_data: dict[str, Any]) -> None:
    demo_data["family_name"] = "Hadley\x1b[2J"
    assert refused(json.dumps(demo_data)) == [
        "family_name: holds a control character, such as a terminal escape"
    ]


def test_a_number_of_thousands_of_digits_is_refused_not_a_crash(demo_text: str) -> None:
    # Python reads no integer of more than 4300 digits: json.loads raised a bare ValueError.
    text = demo_text.replace('"format": "cpchair-case/1"', '"format": ' + "9" * 5000, 1)
    assert refused(text) == ["(the file): holds a number too long to read"]


def test_a_key_holding_a_terminal_escape_is_refused_and_never_printed(
    demo_data: dict[str, Any],
) -> None:
    demo_data["children"][0]["\x1b[2Jnote"] = "x"
    demo_data["\u202e"] = 1  # invisible: shown, it would turn the rest of the line around
    assert refused(json.dumps(demo_data)) == [
        "children[0]: has a key with a character that cannot be shown, not a key of cpchair-case/1",
        "(the file): has a key with a character that cannot be shown, not a key of cpchair-case/1",
    ]


def test_a_key_of_hundreds_of_characters_is_refused_and_never_printed(
    demo_data: dict[str, Any],
) -> None:
    demo_data["people"][1]["n" * 500] = {"deep": "x"}
    assert refused(json.dumps(demo_data)) == [
        "people[1]: has a key of more than 64 characters, not a key of cpchair-case/1"
    ]


def test_half_a_surrogate_pair_is_refused_with_its_path(demo_data: dict[str, Any]) -> None:
    demo_data["people"][0]["name"] = "Jodie \ud800"  # written as the escape \ud800
    assert refused(json.dumps(demo_data)) == [
        "people[0].name: holds half of a surrogate pair, which is not text"
    ]


def test_an_unknown_profile_is_described_not_quoted(demo_data: dict[str, Any]) -> None:
    demo_data["profile"] = "[bold red]" * 1000
    with pytest.raises(CaseFileError) as caught:
        parse_case(json.dumps(demo_data), known_profiles=["derby-city", "england"])
    assert [str(p) for p in caught.value.problems] == [
        "profile: this text is not a practice profile here (derby-city, england)"
    ]
    demo_data["profile"] = "derby-cty"
    with pytest.raises(CaseFileError) as caught:
        parse_case(json.dumps(demo_data), known_profiles=["derby-city", "england"])
    assert str(caught.value.problems[0]).startswith("profile: 'derby-cty' is not")
