"""The council's case reference: what it may hold, and when two are the same.

A reference names files (the export, the documents) and is typed at prompts, so it keeps to
letters, digits, spaces and `- _ . /`, starts with a letter or digit, never holds `..`, and
is at most 40 characters: `CP/2026/0147` and `DEMO-0001` are fine, `../../escape` is not.
Two references that differ only in case are the same case (`DEMO-0001`, `demo-0001`).
"""

from __future__ import annotations

import re

MAX_LENGTH = 40
_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _./-]*")


def reference_problem(reference: str) -> str | None:
    """What is wrong with a reference, in the chair's words; None if nothing."""
    if not reference:
        return "The reference cannot be empty."
    if len(reference) > MAX_LENGTH:
        return f"A reference is at most {MAX_LENGTH} characters."
    if not _SHAPE.fullmatch(reference) or ".." in reference:
        return (
            "A reference keeps to letters, digits, spaces and - _ . / (starting with a letter "
            "or digit, never two full stops together)."
        )
    return None


def same_reference(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def file_part(reference: str) -> str:
    """The reference as part of a file name: a `/` or a space becomes `-`."""
    return re.sub(r"[/ ]+", "-", reference)
