"""How a child is named on screen and on paper, a child not yet named included.

An unborn child often has no first name yet: the case file keeps it empty (`first_name: ""`
in cpchair-case/1, whose key is a string, never missing) and everything shown says "Unborn
baby" instead, as records do ("Unborn baby Smith"). A child recorded born before a name is
given (a file from elsewhere may hold one) is "Baby". Pure: nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

UNBORN = "Unborn baby"
NOT_YET_NAMED = "Baby"


class Named(Protocol):
    @property
    def first_name(self) -> str: ...

    @property
    def date_of_birth(self) -> dt.date | None: ...


class FullyNamed(Named, Protocol):
    @property
    def last_name(self) -> str: ...


def needs_first_name(date_of_birth: dt.date | None) -> bool:
    """Only a child who has been born must have a first name (an unborn one may not yet)."""
    return date_of_birth is not None


def first_name_of(child: Named) -> str:
    """The first name, or "Unborn baby" / "Baby" for a child not yet named."""
    given = child.first_name.strip()
    if given:
        return given
    return UNBORN if child.date_of_birth is None else NOT_YET_NAMED


def full_name_of(child: FullyNamed) -> str:
    """First and last name: "Mia Carver", "Unborn baby Carver"."""
    return f"{first_name_of(child)} {child.last_name.strip()}".strip()


def in_sentence(child: Named) -> str:
    """The name inside a sentence: "Mia", or "the unborn baby" for a child not yet named."""
    shown = first_name_of(child)
    return shown if child.first_name.strip() else f"the {shown[0].lower()}{shown[1:]}"
