"""A title is part of a name, never a first or last name."""

from __future__ import annotations

import pytest

from cpchair.rules.names import could_be_title, is_title, name_words, short_name


@pytest.mark.parametrize(
    ("name", "short"),
    [("Priya Nandra", "Priya"), ("DC Amy Reason", "DC Reason"), ("Dr Martin Kell", "Dr Kell"),
     ("Det Sgt Ann Lowe", "Det Sgt Lowe"), ("Mrs Hadley", "Mrs Hadley"), ("Di Marsh", "Di"),
     ("Cher", "Cher"), ("Dr", "Dr"), ("", "")],
)  # fmt: skip
def test_a_short_name_is_the_first_name_or_the_title_and_last_name(name: str, short: str) -> None:
    assert short_name(name) == short


def test_the_words_of_a_name_leave_its_titles_out() -> None:
    assert name_words("DC Owen Pritchard") == ["Owen", "Pritchard"]
    assert name_words("Prof. Mary-Jane Holt") == ["Mary-Jane", "Mary", "Jane", "Holt"]
    assert name_words("Owen Pritchard DC") == ["Owen", "Pritchard", "DC"]  # only at the start


def test_police_ranks_count_in_capitals_other_titles_in_any_case() -> None:
    assert is_title("DI") and not is_title("Di")
    assert is_title("dr.") and is_title("MRS") and is_title("Cllr")
    assert could_be_title("di") and could_be_title("pc")
    assert not could_be_title("tom")
