"""A case reference keeps to a safe shape, and references differing only in case are one."""

from __future__ import annotations

import pytest

from cpchair.rules.references import file_part, reference_problem, same_reference


@pytest.mark.parametrize("ok", ["DEMO-0001", "CP/2026/0147", "12345", "A B_C.1"])
def test_council_references_are_accepted(ok: str) -> None:
    assert reference_problem(ok) is None


@pytest.mark.parametrize(
    "bad", ["", "../../escape", "/etc/passwd", "a..b", "-lead", "x" * 41, "ref\x1b[31m", "a\nb",
            "[bold]x"],
)  # fmt: skip
def test_anything_else_is_refused_in_words(bad: str) -> None:
    assert reference_problem(bad) is not None


def test_case_does_not_make_a_new_reference_and_a_file_name_has_no_slash() -> None:
    assert same_reference("DEMO-0001", "demo-0001")
    assert file_part("CP/2026 0147") == "CP-2026-0147"
