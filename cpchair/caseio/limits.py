"""Limits on a case file, so a file that is not what it seems is refused with its path
instead of taking the app down: its size, how deep it nests, how long a text is, text with
control characters in it, dates that are a person's or a meeting's (years 1900 to 2100), and
names of keys that could not be one of the format's (too long, or holding a character a
terminal would act on or not show), which a refusal would otherwise print in its path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cpchair.caseio.printable import has_control
from cpchair.caseio.problems import Problem

MAX_BYTES = 20_000_000  # a case with years of conferences is well under 1 MB
MAX_DEPTH = 12  # the format nests 5 deep
MAX_TEXT = 20_000  # characters in one text: a long contingency plan is a few thousand
MAX_NAME = 64  # characters in the name of a key: the format's longest has 25
YEARS = (1900, 2100)
_DATE = re.compile(r"(\d{4})-\d{2}-\d{2}(?:[T ].*)?")
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a pair, from a `\ud800` escape: not text


def read_case_file(path: Path) -> bytes:
    """A file's bytes, reading no more than a case could hold plus one (so `/dev/zero` or a
    huge file is refused by its size, not read to the end)."""
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def size_problem(raw: bytes | str) -> Problem | None:
    if len(raw) > MAX_BYTES:
        return Problem("(the file)", f"is larger than {MAX_BYTES // 1_000_000} MB")
    return None


def problems(data: Any) -> list[Problem]:
    """Every breach, each with its path (e.g. `conferences[0].date`)."""
    found: list[Problem] = []
    _walk(data, "", 0, found)
    return found


def _walk(value: Any, path: str, depth: int, found: list[Problem]) -> None:
    where = path or "(the file)"
    if depth > MAX_DEPTH:
        found.append(Problem(where, "is nested too deeply"))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if (problem := _name_problem(key)) is not None:
                found.append(Problem(where, problem))  # the path stops short of the name
                continue
            _walk(item, f"{path}.{key}" if path else str(key), depth + 1, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", depth + 1, found)
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:
            found.append(Problem(where, f"is longer than {MAX_TEXT:,} characters"))
        elif has_control(value):  # a terminal escape would reach every screen showing it
            found.append(Problem(where, "holds a control character, such as a terminal escape"))
        elif _SURROGATE.search(value):
            found.append(Problem(where, "holds half of a surrogate pair, which is not text"))
        elif (m := _DATE.fullmatch(value)) and not YEARS[0] <= int(m.group(1)) <= YEARS[1]:
            found.append(Problem(where, f"is a date outside the years {YEARS[0]} to {YEARS[1]}"))


def _name_problem(name: str) -> str | None:
    if len(name) > MAX_NAME:
        return f"has a key of more than {MAX_NAME} characters, not a key of cpchair-case/1"
    if not name.isprintable():  # a control, invisible or unassigned character, or a surrogate
        return "has a key with a character that cannot be shown, not a key of cpchair-case/1"
    return None
