"""How documents word dates, times, ages, people and lists: the way a chair reads them out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from cpchair.caseio.schema import AttendeeDoc, ChildDoc
from cpchair.forms import long_date
from cpchair.rules.ages import age_on
from cpchair.rules.child_names import first_name_of, full_name_of
from cpchair.vocab import AGENCY_LABELS, PROFESSIONAL_AGENCIES


def date_text(value: dt.date | None, missing: str = "") -> str:
    return missing if value is None else long_date(value)


def time_text(value: dt.time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


def datetime_text(value: dt.datetime) -> str:
    return f"{long_date(value.date())} at {value:%H:%M}"


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def age_text(child: ChildDoc, on: dt.date) -> str:
    """The child's age on the conference day, with the date it counts from.

    "9 years (born 18 April 2017)", "5 months (born ...)", "Unborn (expected 20 February
    2027)"; a baby born since an earlier conference reads "Unborn at the time (born ...)".
    """
    born = child.date_of_birth
    if born is None:
        if child.expected_birth_date is None:
            return "Unborn"
        return f"Unborn (expected {long_date(child.expected_birth_date)})"
    if born > on:
        return f"Unborn at the time (born {long_date(born)})"
    age = age_on(born, on)
    months = age.years * 12 + age.months
    weeks = (on - born).days // 7
    if age.years >= 2:
        amount = plural(age.years, "year")
    elif months >= 1:
        amount = plural(months, "month")
    elif weeks >= 1:
        amount = plural(weeks, "week")
    else:
        amount = "Under a week old"
    return f"{amount} (born {long_date(born)})"


def child_name(child: ChildDoc) -> str:
    return full_name_of(child)


# First names a record gives an unborn child before it has one of its own.
_PLACEHOLDER_NAMES = frozenset({"", "baby", "unborn", "unborn baby", "unborn child"})


def short_name(child: ChildDoc) -> str:
    """How a list names a child: the first name, or "the baby" for a placeholder like "Baby"."""
    if child.first_name.strip().casefold() in _PLACEHOLDER_NAMES:
        return "the baby"
    return first_name_of(child)


def agency_label(agency: str) -> str:
    return AGENCY_LABELS.get(agency, agency)


def who(attendee: AttendeeDoc | None) -> str:
    """A person as tables show them: "Kerry Walsh (Health)"; family by their role."""
    if attendee is None:
        return "Not recorded"
    if attendee.agency in PROFESSIONAL_AGENCIES:
        return f"{attendee.name} ({agency_label(attendee.agency)})"
    return f"{attendee.name} ({attendee.role or agency_label(attendee.agency)})"


def sentence_list(labels: Sequence[str]) -> str:
    """Category words as one phrase: "Neglect and emotional abuse"."""
    if not labels:
        return ""
    rest = [label[0].lower() + label[1:] for label in labels[1:]]
    return and_list([labels[0], *rest])


def category_words(labels: Sequence[str]) -> str:
    """The categories as one phrase, the first marked as the primary (004: the category
    "will indicate ... the primary presenting concerns"): "Neglect (primary) and emotional
    abuse". A single category needs no mark."""
    if len(labels) < 2:
        return sentence_list(labels)
    return sentence_list([f"{labels[0]} (primary)", *labels[1:]])


# Words a family copy says plainly (DOMAIN.md, issue 9: no "quorate", "median", "spread",
# "not subjects", "overruled"). Applied to the app's own generated wording only, never to
# what someone said or wrote.
_PLAIN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (r"\bnot quorate\b", "not enough agencies were there"),
        (r"\bquorate\b", "enough agencies were there"),
        (r"\bwithout a quorum\b", "without enough agencies there"),
        (r"\bmedians\b", "middle scores"),
        (r"\bmedian\b", "middle score"),
        (r"\bno spread yet\b", "nothing to compare yet"),
        (r"\bspread\b", "how far apart"),
    )
)


def plain(text: str) -> str:
    """Generated wording in a family copy's plain words, capitals kept at the start."""
    for pattern, words in _PLAIN:
        text = pattern.sub(_in_same_case(words), text)
    return text


def _in_same_case(words: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _same_case(match.group(0), words)


def _same_case(found: str, words: str) -> str:
    return words[:1].upper() + words[1:] if found[:1].isupper() else words
