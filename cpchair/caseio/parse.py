"""A case file read and checked whole, and written back: the cpchair-case/1 format."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from cpchair.caseio import limits, ongoing
from cpchair.caseio.checks import check_case
from cpchair.caseio.problems import CaseFileError, Problem, from_validation_error
from cpchair.caseio.schema import CaseDoc


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            shown = repr(key) if len(key) <= 32 else "a key"
            raise CaseFileError([Problem("(the file)", f"{shown} appears twice in one object")])
        seen[key] = value
    return seen


def parse_case(raw: bytes | str, known_profiles: list[str] | None = None) -> CaseDoc:
    """Validate a whole file; raise CaseFileError listing every problem found."""
    if (too_big := limits.size_problem(raw)) is not None:
        raise CaseFileError([too_big])
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CaseFileError(
                [Problem("(the file)", f"is not UTF-8 text (byte {exc.start})")]
            ) from None
    try:
        data = json.loads(raw, object_pairs_hook=_no_repeats)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            [Problem("(the file)", f"is not valid JSON at line {exc.lineno} column {exc.colno}")]
        ) from None
    except ValueError:  # thousands of digits: more than Python reads as one number
        raise CaseFileError([Problem("(the file)", "holds a number too long to read")]) from None
    except RecursionError:  # nested thousands deep: no case file is
        raise CaseFileError([Problem("(the file)", "is nested too deeply")]) from None
    if not isinstance(data, dict):
        raise CaseFileError([Problem("(the file)", "should be one JSON object")])
    if "format" in data and data["format"] != "cpchair-case/1":
        # A different format or version: say so once rather than list every key it lacks.
        raise CaseFileError([Problem("format", "is not 'cpchair-case/1'")])
    if breaches := limits.problems(data):
        raise CaseFileError(breaches)
    problems = ongoing.problems(data)
    try:
        doc = CaseDoc.model_validate(data, strict=True)
    except ValidationError as exc:
        raise CaseFileError(problems + from_validation_error(exc)) from None
    problems += check_case(doc, known_profiles)
    if problems:
        raise CaseFileError(problems)
    return doc


def dump_case(doc: CaseDoc) -> str:
    """The file for a case: every key present, in the order the format lists them."""
    return json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
