"""How a child is named where shown: an unborn child not yet named is "Unborn baby"."""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.schema import ChildDoc
from cpchair.caseload_rows import ChildBrief
from cpchair.caseload_view import children_cell
from cpchair.rules.child_names import first_name_of, full_name_of, in_sentence, needs_first_name
from cpchair.rules.scaling import default_question

BORN = dt.date(2020, 1, 6)
DUE = dt.date(2027, 3, 1)


def child(first: str, born: dt.date | None = None) -> ChildDoc:
    due = None if born else DUE
    return ChildDoc(key="c1", first_name=first, last_name="Carver", date_of_birth=born,
                    expected_birth_date=due)  # fmt: skip


def test_a_named_child_is_shown_by_name() -> None:
    mia = child(" Mia ", BORN)
    assert (first_name_of(mia), full_name_of(mia), in_sentence(mia)) == (
        "Mia", "Mia Carver", "Mia",
    )  # fmt: skip


def test_an_unborn_child_not_yet_named() -> None:
    baby = child("")
    assert (first_name_of(baby), full_name_of(baby)) == ("Unborn baby", "Unborn baby Carver")
    assert default_question("ten_is_safe", [in_sentence(baby)]).count("the unborn baby is") == 1


def test_a_child_born_before_a_name_was_given() -> None:
    assert first_name_of(child("  ", BORN)) == "Baby"  # a file from elsewhere may hold one


def test_only_a_child_born_must_have_a_first_name() -> None:
    assert needs_first_name(BORN) and not needs_first_name(None)


def test_the_caseload_says_unborn_once() -> None:
    named = ChildBrief("Ava", None, DUE, True)
    unnamed = ChildBrief("", None, DUE, True)
    assert children_cell((named, unnamed), BORN) == "Ava (unborn), Unborn baby"
