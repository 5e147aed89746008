"""People's names as written on the register: a title is part of the name, never a first or
last name.

"DC Owen Pritchard" is Owen Pritchard, a detective constable; "Dr Martin Kell" is Martin Kell.
A screen that names someone briefly says "Priya", or, for a titled name, "DC Pritchard" (the
way the room addresses them), never "DC". The capture line's `@who` matches the words of a
name with its titles set aside, so `@pc` alone never picks one of several constables.

A title is set aside only at the start of a name, and never the whole name. Police ranks count
only in capitals (DI Jane Hart has a title, Di Smith has a first name); the other titles count
in any case, with or without a full stop ("Dr", "dr.", "Mrs").

Pure: strings in, strings out.
"""

from __future__ import annotations

import re

# Police ranks, written in capitals.
RANKS = frozenset({"PC", "WPC", "PCSO", "DC", "DS", "DI", "DCI", "DSI", "DSU"})
# Other titles, in any case, a full stop after them allowed.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "cllr", "sir", "dame",
        "det", "sgt", "insp", "supt",
    }
)  # fmt: skip


def is_title(word: str) -> bool:
    """A title as it is written in a name ("DC", "Dr", "dr."): ranks only in capitals."""
    return word in RANKS or word.casefold().rstrip(".") in TITLES


def could_be_title(typed: str) -> bool:
    """A typed word that is a title in any case: `@pc`, `@dr`."""
    return typed.upper() in RANKS or typed.casefold().rstrip(".") in TITLES


def split_title(name: str) -> tuple[list[str], list[str]]:
    """The leading titles of a name and the rest of its words (always at least one word)."""
    words = name.split()
    n = 0
    while n < len(words) - 1 and is_title(words[n]):
        n += 1
    return words[:n], words[n:]


def name_words(name: str) -> list[str]:
    """The words a name is known by, titles set aside; a hyphenated name also by each part."""
    out: list[str] = []
    for word in split_title(name)[1]:
        word = word.strip(",()")
        out += [word, *(p for p in re.split(r"-+", word) if p and p != word)] if word else []
    return out


def short_name(name: str) -> str:
    """How a screen names someone briefly: "Priya"; for a titled name "DC Pritchard"."""
    titles, rest = split_title(name)
    if not rest:
        return ""
    if titles:
        return " ".join([*titles, rest[-1]])
    return rest[0]
