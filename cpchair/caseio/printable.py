"""Case text as text: control characters (a terminal's escape sequences, a bell) are taken
out wherever case text leaves the app, in the terminal and in documents. New lines and tabs
stay; what the case file holds is unchanged.

The import and the app's fields refuse them, but a database written before that (or by
another program) may still hold some: the store takes them out of everything it reads for
showing (store/read.py, store/summary.py, store/caseload.py), so no screen ever gets one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpchair.caseio.schema import CaseDoc

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return _CONTROL.sub("", text)


CELL = 200  # characters: a name longer than a screen is cut, so one odd case never slows all


def clipped(text: str, most: int = CELL) -> str:
    """A line of a list or table: cut, with an ellipsis, past `most` characters."""
    return text if len(text) <= most else text[: most - 1] + "…"


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def printable_case(doc: CaseDoc) -> CaseDoc:
    """The case with control characters taken out of every text in it."""
    from cpchair.caseio.schema import CaseDoc

    data = doc.model_dump(mode="json")
    return CaseDoc.model_validate(_clean(data))


def _clean(value: object) -> object:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
