"""The quick capture line: a prefix files the entry, tokens set who, which child and what kind."""

from __future__ import annotations

import pytest

from cpchair.capture import parse_capture

PEOPLE = [("sw", "Priya Nandra social worker"), ("pol", "DC Owen Pritchard police"),
          ("hv", "Kerry Walsh health visitor"), ("hv2", "Kerry Moss health visitor")]  # fmt: skip
KIDS = [("c1", "Ruby"), ("c2", "Mia"), ("c3", "Baby")]


@pytest.mark.parametrize(
    ("line", "column"),
    [("h: x", "past_harm"), ("d: x", "future_danger"), ("c:x", "complicating_factors"),
     ("S : x", "strengths"), ("e: x", "existing_safety"), ("g: x", "grey_areas"),
     ("just text", None), ("x: not a column", None)],
)  # fmt: skip
def test_the_letter_chooses_the_column(line: str, column: str | None) -> None:
    assert parse_capture(line).column == column


def test_tokens_before_the_text_set_nature_source_children_and_confidential() -> None:
    c = parse_capture("d!: [a] @pol #ruby #mia Dad may come back", PEOPLE, KIDS)
    assert c.ok
    assert (c.column, c.confidential, c.nature, c.source) == (
        "future_danger", True, "allegation", "pol",
    )  # fmt: skip
    assert c.children == ("c1", "c2")
    assert c.text == "Dad may come back"


def test_tokens_after_the_text_starts_are_part_of_the_text() -> None:
    c = parse_capture("s: Nan said #1 priority is Ruby @ school", PEOPLE, KIDS)
    assert c.text == "Nan said #1 priority is Ruby @ school" and c.ok


def test_a_name_may_be_matched_by_any_word_or_key() -> None:
    assert parse_capture("s: @owen x", PEOPLE).source == "pol"
    assert parse_capture("s: @sw x", PEOPLE).source == "sw"
    assert parse_capture("s: ! x").confidential


@pytest.mark.parametrize(
    ("line", "problem"),
    [("s: @kerry x", "could be more than one"), ("s: @zed x", "No one present matches @zed"),
     ("s: #tom x", "No child matches #tom"), ("h:   ", "Write what was said")],
)  # fmt: skip
def test_problems_are_named_and_nothing_is_filed(line: str, problem: str) -> None:
    c = parse_capture(line, PEOPLE, KIDS)
    assert not c.ok
    assert any(problem in p for p in c.problems)
