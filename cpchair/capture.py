"""The minute-taker's quick capture line: one line of text becomes a mapping entry.

    h: Ruby saw Dad push Mum in June            past harm
    d!: [a] @pol #ruby Dad may come back        future danger, confidential, an allegation,
                                                said by the police officer, about Ruby
    h: Tayo was pushed into a door [f] @tom     past harm, a fact, said by Tom

A letter and a colon choose the column (h past harm, d future danger, c complicating factors,
s strengths, e existing safety, g grey areas); `!` after the letter (`h!:`) marks it
confidential. With no letter the entry goes in the column chosen on the board.

Tags: `[f]` fact, `[a]` allegation, `[o]` opinion; `@who` the person who said it; `#child` a
child it is about; `!` confidential. The rule:

- A tag is a whole word: `@` or `#` then a letter, then letters, digits, `'` or `-`; or one of
  `[f]` `[a]` `[o]`; or `!` on its own. A `.`, `,`, `;` or `:` straight after a tag is allowed.
- Tags are read in a run at the start of the text and in a run at the end (words apart from
  the text by spaces). Everything between is the text, exactly as typed.
- Between, a word that starts like a tag (`@tom`, `#ruby`, `[a]`) is refused, not filed as
  text: it was meant as a tag, and as text it would lose who said it and show a raw name on
  the wall. So "#1", "Ruby @ school", "mum@example.com", "no!" and a `!` between words are
  text, and so is `#1` at the end.
- `@who` is a person's key, or else a word of their name (titles such as DC or Dr set aside:
  `rules.names`), or else a word of their role; a whole word beats the start of one. `#child`
  is a child's key or first name, the same way. One person said it: two different `@who` are
  refused, as are two different natures.

Pure: no Textual. A line that cannot be read gives problems in plain words (names in them are
data, never markup), and the line is kept as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from cpchair.rules.names import could_be_title, name_words

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
# One line at 80 columns: the column letters are on the board's headings.
HINT = "Tags first or last: [f]act [a]llegation [o]pinion @who #child ! confidential"

_PREFIX = re.compile(r"\s*(!?)([hdcsegHDCSEG])(!?)\s*:\s*")
_TAG = re.compile(r"(\[[fao]\]|[@#][^\W\d_][\w'-]*|!)[.,;:]?", re.IGNORECASE)
_LOOKS_LIKE_TAG = re.compile(r"[@#][^\W\d_]|\[[fao]\][.,;:]?$", re.IGNORECASE)
_SHOWN = 3  # names listed in "could be ..." before "or n others"


@dataclass(frozen=True)
class Choice:
    """Someone a tag may name: by key, by a word of the name, or else by a word of `also`."""

    key: str
    name: str  # shown in messages
    also: str = ""  # a role: matched only when no name matches


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


# --- matching a name -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,()/-]+", text) if w]


def _tiers(low: str, choices: Sequence[Choice]) -> Iterator[list[Choice]]:
    """Candidates, most certain first: the key, a whole word, then the start of a word; the
    name's words before the role's."""
    yield [c for c in choices if c.key.casefold() == low]
    for words in (lambda c: name_words(c.name), lambda c: _words(c.also)):
        folded = [(c, [w.casefold() for w in words(c)]) for c in choices]
        yield [c for c, ws in folded if low in ws]
        yield [c for c, ws in folded if any(w.startswith(low) for w in ws)]


def _labels(tier: list[Choice], symbol: str) -> list[str]:
    """Names to choose between; two people of one name also by the key that tells them apart."""
    names = [c.name for c in tier]
    return [c.name if names.count(c.name) == 1 else f"{c.name} ({symbol}{c.key})" for c in tier]


def _or_list(names: list[str]) -> str:
    shown, more = names[:_SHOWN], len(names) - _SHOWN
    if more > 0:
        return f"{', '.join(shown)} or {more} other{'s' if more > 1 else ''}"
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def _match(
    typed: str, choices: Sequence[Choice], symbol: str, nobody: str
) -> tuple[str | None, str]:
    """The one choice `typed` names, or a problem in plain words."""
    for tier in _tiers(typed.casefold(), choices):
        if len(tier) == 1:
            return tier[0].key, ""
        if tier:
            names = _or_list(_labels(tier, symbol))
            return None, f"{symbol}{typed} could be {names}: type more of the name."
    if symbol == "@" and could_be_title(typed):
        return None, f"@{typed} is a title: type the person's name."
    return None, f"{nobody} matches {symbol}{typed}."


# --- reading the line ----------------------------------------------------------------------------


def _tag(word: str) -> str | None:
    found = _TAG.fullmatch(word)
    return found.group(1) if found else None


def _split(rest: str) -> tuple[list[str], str, list[str]]:
    """Tags at the start, the text between (as typed), tags at the end."""
    words = list(re.finditer(r"\S+", rest))
    start = 0
    while start < len(words) and _tag(words[start].group()):
        start += 1
    end = len(words)
    while end > start and _tag(words[end - 1].group()):
        end -= 1
    tags = [_tag(w.group()) or "" for w in words[:start] + words[end:]]
    text = rest[words[start].start() : words[end - 1].end()] if end > start else ""
    return tags, text, [w.group() for w in words[start:end]]


def _misplaced(body: list[str]) -> list[str]:
    return [
        f"{word.rstrip('.,;:!?')} is inside the text: put tags at the start or the end."
        for word in body
        if _LOOKS_LIKE_TAG.match(word)
    ]


@dataclass
class _Tags:
    """What the tags of one line say, read one by one."""

    confidential: bool = False
    natures: dict[str, str] = field(default_factory=dict)  # value: the tag as first typed
    sources: dict[str, str] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def read(self, tag: str, people: Sequence[Choice], children: Sequence[Choice]) -> None:
        if tag == "!":
            self.confidential = True
        elif tag.startswith("["):
            self.natures.setdefault(NATURES[tag[1].lower()], tag)
        elif tag.startswith("@"):
            if found := self._match(tag, people, "No one present"):
                self.sources.setdefault(found, tag)
        elif (found := self._match(tag, children, "No child")) and found not in self.children:
            self.children.append(found)

    def _match(self, tag: str, choices: Sequence[Choice], nobody: str) -> str | None:
        found, problem = _match(tag[1:], choices, tag[0], nobody)
        self.problems += [problem] if problem else []
        return found

    def once(self) -> list[str]:
        """Problems when a tag given once only was given with two different values."""
        twice = [(self.natures, "choose fact, allegation or opinion"),
                 (self.sources, "name the one person who said it")]  # fmt: skip
        return [f"{' and '.join(given.values())} both given: {what}."
                for given, what in twice if len(given) > 1]  # fmt: skip


def parse_capture(
    line: str, people: Sequence[Choice] = (), children: Sequence[Choice] = ()
) -> Capture:
    """Read one capture line against the people present and the children of the case."""
    rest, column, confidential = line, None, False
    if mt := _PREFIX.match(rest):
        column = PREFIXES[mt.group(2).lower()]
        confidential = bool(mt.group(1) or mt.group(3))
        rest = rest[mt.end() :]
    tags, text, body = _split(rest)
    read = _Tags(confidential, problems=_misplaced(body))
    for tag in tags:
        read.read(tag, people, children)
    problems = read.problems + read.once()
    if not text and line.strip():
        problems.append("Write what was said after the column letter.")
    return Capture(
        column, text, read.confidential, next(iter(read.natures), None),
        next(iter(read.sources), None), tuple(read.children), tuple(problems),
    )  # fmt: skip
