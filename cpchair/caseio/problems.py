"""Refusals of a case file, each naming the JSON path it is about.

Messages never quote free text from the file (names, notes): only keys, vocabulary words,
numbers and dates, so a refusal can be shown or logged without leaking case data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

Loc = Sequence[str | int]


def json_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(the file)"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CaseFileError(Exception):
    """The file was refused; nothing was changed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)


_TYPE_WORDS = {
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "bool_type": "should be true or false",
    "list_type": "should be a list",
    "model_type": "should be an object",
    "model_attributes_type": "should be an object",
    "dict_type": "should be an object",
    "missing": "is required",
    "extra_forbidden": "is not a key of cpchair-case/1",
}


_SAFE_TOKEN = re.compile(r"[0-9T:./+-]{1,32}|[a-z_][a-z_-]{0,31}")


def shown_value(value: Any) -> str:
    """A bad value as it may appear in a message: numbers, dates and vocabulary-like words
    only. Anything that could be a name or a note is described, never quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str) and _SAFE_TOKEN.fullmatch(value):
        return repr(value)
    if isinstance(value, str):
        return "this text"
    return (
        f"a {type(value).__name__}"
        if not isinstance(value, dict | list)
        else ("an object" if isinstance(value, dict) else "a list")
    )


def from_validation_error(error: ValidationError) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        path = json_path(err["loc"])
        kind = err["type"]
        value = err.get("input")
        if kind in _TYPE_WORDS:
            message = _TYPE_WORDS[kind]
            if kind not in {"missing", "extra_forbidden"}:
                message += f", not {shown_value(value)}"
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"{shown_value(value)} is not one of {expected}"
        elif kind in {"greater_than_equal", "less_than_equal"}:
            message = f"{shown_value(value)} is not between 0 and 10"
        elif kind == "string_too_short":
            message = "should not be empty"
        elif kind == "string_too_long":
            message = "is too long for a key (64 characters at most)"
        elif kind == "string_pattern_mismatch" and path == "format":
            message = f"{shown_value(value)} is not 'cpchair-case/1'"
        elif kind == "cp_format":
            message = err["msg"]
        else:
            message = err["msg"]
        problems.append(Problem(path, message))
    return problems
