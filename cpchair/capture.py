"""The minute-taker's quick capture line: one line of text becomes a mapping entry.

    h: Ruby saw Dad push Mum in June          past harm
    d!: [a] @pol #ruby Dad may come back      future danger, confidential, an allegation,
                                              said by the police officer, about Ruby

A letter and a colon choose the column (h past harm, d future danger, c complicating factors,
s strengths, e existing safety, g grey areas); `!` after the letter marks it confidential.
Then, in any order before the text: `[f]` fact, `[a]` allegation, `[o]` opinion; `@who` the
person who said it (a key, or the start of a first name or role); `#child` a child it is
about. With no letter the entry goes in the column chosen on the board.

Pure: no Textual. A line that cannot be read gives problems in plain words, and the line is
kept as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PREFIXES: dict[str, str] = {
    "h": "past_harm",
    "d": "future_danger",
    "c": "complicating_factors",
    "s": "strengths",
    "e": "existing_safety",
    "g": "grey_areas",
}
LETTERS = {column: letter for letter, column in PREFIXES.items()}
NATURES = {"f": "fact", "a": "allegation", "o": "opinion"}
HINT = (
    "h: past harm  d: danger  c: complicating  s: strengths  e: existing safety  g: grey  "
    "·  h!: confidential  [f] [a] [o]  @who  #child"
)

_PREFIX = re.compile(r"\s*(!?)([hdcsegHDCSEG])(!?)\s*:\s*")
_TOKEN = re.compile(r"(\[[fao]\]|@[\w'-]+|#[\w'-]+|!)(\s+|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Capture:
    column: str | None
    text: str
    confidential: bool = False
    nature: str | None = None
    source: str | None = None
    children: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.text)


def _match(
    word: str, options: Sequence[tuple[str, str]], symbol: str, nobody: str, many: str
) -> tuple[str | None, str]:
    """A key, or the one option with a word of its name starting with `word`."""
    low = word.lower()
    for key, _ in options:
        if key.lower() == low:
            return key, ""
    hits = [
        key
        for key, name in options
        if any(part.lower().startswith(low) for part in re.split(r"[\s,()]+", name) if part)
    ]
    if len(hits) == 1:
        return hits[0], ""
    if not hits:
        return None, f"{nobody} matches {symbol}{word}."
    return None, f"{symbol}{word} could be more than one {many}: type more of the name."


def parse_capture(
    line: str,
    people: Sequence[tuple[str, str]] = (),
    children: Sequence[tuple[str, str]] = (),
) -> Capture:
    """Read one capture line. `people` and `children` are (key, words to match) pairs."""
    rest = line
    column = None
    confidential = False
    if mt := _PREFIX.match(rest):
        column = PREFIXES[mt.group(2).lower()]
        confidential = bool(mt.group(1) or mt.group(3))
        rest = rest[mt.end() :]
    nature = source = None
    kids: list[str] = []
    problems: list[str] = []
    while mt := _TOKEN.match(rest):
        token = mt.group(1)
        rest = rest[mt.end() :]
        if token == "!":
            confidential = True
        elif token.startswith("["):
            nature = NATURES[token[1].lower()]
        elif token.startswith("@"):
            source, problem = _match(token[1:], people, "@", "No one present", "person")
            problems += [problem] if problem else []
        else:
            child, problem = _match(token[1:], children, "#", "No child", "child")
            if child and child not in kids:
                kids.append(child)
            problems += [problem] if problem else []
    text = rest.strip()
    if not text and line.strip():
        problems.append("Write what was said after the column letter.")
    return Capture(column, text, confidential, nature, source, tuple(kids), tuple(problems))
