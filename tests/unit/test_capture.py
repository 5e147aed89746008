"""The quick capture line: a prefix files the entry; tags at the start or the end of the text
set who said it, which child, what kind, and confidential."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpchair.capture import HINT, Choice, parse_capture
from cpchair.caseio.schema import MappingEntryDoc
from cpchair.demo import demo_case
from cpchair.rules.wall import wall_text

PEOPLE = [
    Choice("sw", "Priya Nandra", "Lead social worker"),
    Choice("pol", "DC Owen Pritchard", "Detective Constable, Public Protection Unit"),
    Choice("pc1", "PC Tom Hughes", "Police constable"),
    Choice("pc2", "PC Ann Lowe", "Police constable"),
    Choice("gp", "Dr Martin Kell", "GP, Meadowbank Surgery"),
    Choice("hv", "Kerry Walsh", "Health visitor"),
    Choice("hv2", "Kerry Moss", "Health visitor"),
    Choice("jodie", "Jodie Hadley", "Mother"),
    Choice("ida", "Joanne Fenwick", "Independent domestic violence adviser"),
    Choice("liam", "Liam Carver", "Father"),
    Choice("sarah", "Sarah Carver", "Paternal aunt, supporting Liam"),
]
KIDS = [Choice("c1", "Ruby"), Choice("c2", "Mia"), Choice("c3", "Tayo"), Choice("c4", "Tyler")]


def read(line: str):  # type: ignore[no-untyped-def]
    return parse_capture(line, PEOPLE, KIDS)


# --- the column ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column"),
    [("h: x", "past_harm"), ("d: x", "future_danger"), ("c:x", "complicating_factors"),
     ("S : x", "strengths"), ("e: x", "existing_safety"), ("g: x", "grey_areas"),
     ("just text", None), ("x: not a column", None)],
)  # fmt: skip
def test_the_letter_chooses_the_column(line: str, column: str | None) -> None:
    assert parse_capture(line).column == column


# --- tags at either end --------------------------------------------------------------------------


def test_tags_before_the_text_set_nature_source_children_and_confidential() -> None:
    c = read("d!: [a] @pol #ruby #mia Dad may come back")
    assert c.ok
    assert (c.column, c.confidential, c.nature, c.source) == (
        "future_danger", True, "allegation", "pol",
    )  # fmt: skip
    assert c.children == ("c1", "c2")
    assert c.text == "Dad may come back"


def test_tags_after_the_text_are_read_the_same() -> None:
    c = read("h: Tayo was pushed into a door frame [f] @tom #tayo")
    assert c.ok
    assert (c.column, c.nature, c.source, c.children, c.confidential) == (
        "past_harm", "fact", "pc1", ("c3",), False,
    )  # fmt: skip
    assert c.text == "Tayo was pushed into a door frame"


def test_tags_at_both_ends_are_all_read() -> None:
    c = read("d: [a] #ruby Dad may come back when bail ends @pol #mia !")
    assert c.ok
    assert (c.nature, c.source, c.children, c.confidential) == (
        "allegation", "pol", ("c1", "c2"), True,
    )  # fmt: skip
    assert c.text == "Dad may come back when bail ends"


def test_a_full_stop_or_comma_after_a_tag_is_allowed() -> None:
    c = read("h: Dad hit Mum. @tom, #ruby.")
    assert (c.text, c.source, c.children) == ("Dad hit Mum.", "pc1", ("c1",)) and c.ok
    c = read("h: @tom: Dad hit Mum")
    assert (c.text, c.source) == ("Dad hit Mum", "pc1") and c.ok


def test_confidential_by_the_letter_or_by_a_lone_bang_at_either_end() -> None:
    assert read("h!: x").confidential and read("!h: x").confidential
    assert read("h: ! x").confidential and read("h: x !").confidential
    assert not read("h: x").confidential


def test_the_text_between_keeps_its_spacing() -> None:
    assert read("s:  Nan  helps   [f]").text == "Nan  helps"


@pytest.mark.parametrize(
    "text",
    ["Nan said #1 priority is Ruby @ school", "Mum wrote from mum@example.com", "Ruby is #1",
     "Mum said no! and left", "Mum said no ! and left", "The ! key", "Dad shouted!",
     "Check [b] of the report", "Score 3/10 @ 10am"],
)  # fmt: skip
def test_nothing_mid_sentence_or_not_tag_shaped_is_taken_for_a_tag(text: str) -> None:
    c = read(f"s: {text}")
    assert (c.text, c.source, c.children, c.nature, c.confidential) == (
        text, None, (), None, False,
    )  # fmt: skip
    assert c.ok


@pytest.mark.parametrize(
    ("line", "word"),
    [("h: Dad told @tom he was back [f]", "@tom"), ("h: Dad hit #ruby with a belt", "#ruby"),
     ("h: Dad [a] hit Mum", "[a]"), ("h: Dad hit Mum @tom!", "@tom"),
     ("h: Dad hit Mum @tom.com", "@tom.com")],
)  # fmt: skip
def test_a_tag_inside_the_text_is_refused_not_filed_as_text(line: str, word: str) -> None:
    c = read(line)
    assert not c.ok
    assert f"{word} is inside the text: put tags at the start or the end." in c.problems


@given(
    words=st.lists(st.text(alphabet="ab@#![]fo .,", min_size=1, max_size=6), max_size=8),
    lead=st.sampled_from(["", "[f] ", "@tom ", "#ruby ! "]),
    trail=st.sampled_from(["", " [a]", " @pol", " #mia !"]),
)
def test_no_filed_text_holds_a_tag(words: list[str], lead: str, trail: str) -> None:
    c = read(f"h: {lead}{' '.join(words)}{trail}")
    if c.ok:
        assert not re.search(r"(^|\s)([@#][^\W\d_]|\[[fao]\][.,;:]?(\s|$))", c.text, re.I)


# --- @who and #child -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "key"),
    [("@tom", "pc1"), ("@hughes", "pc1"), ("@TOM", "pc1"), ("@owen", "pol"), ("@pritch", "pol"),
     ("@sw", "sw"), ("@martin", "gp"), ("@kell", "gp"), ("@joa", "ida"), ("@walsh", "hv"),
     ("@hv2", "hv2"), ("@mother", "jodie"), ("@gp", "gp")],
)  # fmt: skip
def test_a_person_is_matched_by_key_or_any_word_of_the_name_or_role(tag: str, key: str) -> None:
    assert read(f"s: x {tag}").source == key
    assert read(f"s: {tag} x").source == key


def test_a_name_beats_a_role_and_a_whole_word_beats_the_start_of_one() -> None:
    assert read("s: x @liam").source == "liam"  # not Sarah, "supporting Liam"
    people = [Choice("a", "Jo Bell"), Choice("b", "Jodie Hadley")]
    assert parse_capture("s: x @jo", people).source == "a"


@pytest.mark.parametrize("title", ["@pc", "@PC", "@dc", "@dr", "@Dr", "@mrs"])
def test_a_title_alone_matches_no_one(title: str) -> None:
    c = read(f"s: x {title}")
    assert c.source is None and not c.ok
    assert c.problems == (f"{title} is a title: type the person's name.",)


def test_a_title_is_set_aside_only_at_the_start_and_police_ranks_only_in_capitals() -> None:
    people = [Choice("di", "Di Marsh"), Choice("dc", "DC Amy Reason")]
    assert parse_capture("s: x @di", people).source == "di"
    assert parse_capture("s: x @reason", people).source == "dc"
    assert parse_capture("s: x @amy", people).source == "dc"


@pytest.mark.parametrize(
    ("tag", "problem"),
    [("@jo", "@jo could be Jodie Hadley or Joanne Fenwick: type more of the name."),
     ("@kerry", "@kerry could be Kerry Walsh or Kerry Moss: type more of the name."),
     ("@carver", "@carver could be Liam Carver or Sarah Carver: type more of the name."),
     ("@tim", "No one present matches @tim."),
     ("#t", "#t could be Tayo or Tyler: type more of the name."),
     ("#tom", "No child matches #tom.")],
)  # fmt: skip
@pytest.mark.parametrize("where", ["start", "end"])
def test_an_unknown_or_ambiguous_name_is_named_and_nothing_is_filed(
    tag: str, problem: str, where: str
) -> None:
    c = read(f"h: {tag} Dad came back" if where == "start" else f"h: Dad came back {tag}")
    assert not c.ok
    assert c.problems == (problem,)
    assert c.text == "Dad came back"  # read, but not filed: `ok` is False


def test_many_possible_people_are_counted_not_all_listed() -> None:
    c = read("s: x @p")  # Priya, Pritchard, and by role nobody else: names first
    assert c.problems == ("@p could be Priya Nandra or DC Owen Pritchard: type more of the name.",)
    people = [Choice(k, f"Sam {k}") for k in ("Ash", "Bell", "Cole", "Dunn", "Eve")]
    assert parse_capture("s: x @sam", people).problems == (
        "@sam could be Sam Ash, Sam Bell, Sam Cole or 2 others: type more of the name.",
    )


def test_two_people_of_one_name_are_told_apart_by_key() -> None:
    people = [Choice("hv", "Kerry Walsh"), Choice("hv2", "Kerry Walsh")]
    assert parse_capture("s: x @kerry", people).problems == (
        "@kerry could be Kerry Walsh (@hv) or Kerry Walsh (@hv2): type more of the name.",
    )
    assert parse_capture("s: x @hv2", people).source == "hv2"


def test_a_name_in_a_message_is_shown_as_typed() -> None:
    people = [Choice("a", "Carol [b]Nan[/b]"), Choice("b", "Carol Hadley")]
    assert "Carol [b]Nan[/b] or Carol Hadley" in parse_capture("s: x @carol", people).problems[0]


def test_one_person_said_it_and_an_entry_has_one_nature() -> None:
    assert read("s: @tom x @hughes").source == "pc1" and read("s: @tom x @hughes").ok
    assert read("s: [f] x [f]").ok
    assert read("s: @tom x @sw").problems == (
        "@tom and @sw both given: name the one person who said it.",
    )
    assert read("s: [f] x [a]").problems == (
        "[f] and [a] both given: choose fact, allegation or opinion.",
    )


def test_a_child_named_twice_is_one_child() -> None:
    assert read("s: #ruby x #Ruby #mia").children == ("c1", "c2")


@pytest.mark.parametrize("line", ["h:   ", "h: [f] @tom", "@tom #ruby"])
def test_tags_without_text_are_refused(line: str) -> None:
    c = read(line)
    assert not c.ok and "Write what was said after the column letter." in c.problems


# --- what the room and the minute-taker see ------------------------------------------------------


def test_the_hint_fits_one_line_at_80_columns() -> None:
    assert len(HINT) <= 78  # 80 columns less the hint's padding


def test_an_entry_filed_with_trailing_tags_shows_on_the_wall_without_them() -> None:
    case = demo_case(dt.date(2026, 11, 26))
    review = case.conferences[1]
    people = [Choice(a.key, a.name, a.role) for a in review.attendees]
    kids = [Choice(c.key, c.first_name) for c in case.children]
    c = parse_capture("h: Ruby saw Dad push Mum [f] @owen #ruby", people, kids)
    assert c.ok and c.source == "pol"
    entry = MappingEntryDoc(column=c.column, text=c.text, nature=c.nature, source=c.source,
                            children=list(c.children))  # fmt: skip
    shown = wall_text(review.model_copy(update={"mapping": [entry]}), case.children, True)
    assert "Ruby saw Dad push Mum" in shown
    assert "@" not in shown and "[f]" not in shown and "Owen" not in shown
