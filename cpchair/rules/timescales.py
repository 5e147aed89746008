"""When things fall due around a conference: the due list and the standing rules.

Pure functions: dates in, dates out. The periods themselves live in the practice profiles
(`data/profiles/*.toml`, read by `profiles.py`); how they are counted (working days, bank
holidays, a deadline on a weekend brought back) lives in `calendar.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from cpchair.rules.calendar import (
    add_period,
    add_working_days,
    calendar_shift,
    day_text,
    every,
)
from cpchair.vocab import CONFERENCE_KINDS, KIND_PHRASES, STANDING_LABELS

if TYPE_CHECKING:
    from cpchair.rules.profiles import Profile, Rule

KINDS = CONFERENCE_KINDS  # the name the CLI knows them by

# What each contract key means, for people (spec/case-format.md, "Timescales on the command line").
# Short enough to leave the rule room in an 80-column table.
_LABELS = {
    "conference_due": "Conference by",
    "reports_due": "Reports to family/chair",
    "first_cp_visit": "First CP visit",
    "first_core_group": "First core group",
    "next_review": "Next review by",
    "record_due": "Record (minutes)",
}
DUE_KEYS = tuple(_LABELS)


@dataclass(frozen=True)
class Due:
    """One date that falls due, with the readable rule that produced it."""

    key: str  # the contract key, e.g. "record_due"
    label: str  # what is due, for people
    date: date
    rule: str  # e.g. "10 working days after the initial conference (england)"
    basis: str = ""  # where the rule comes from, as the profile words it


@lru_cache(maxsize=8192)  # a caseload asks this for thousands of cases, on a few hundred days
def _when(
    d: date, rule: Rule, region: str, after_what: str, *, before: bool = False
) -> tuple[date, str]:
    """Apply a profile rule to d; return the date and the readable rule (without its source)."""
    due = add_period(d, rule.period, region, before=before)
    text = f"{rule.period} {'before' if before else 'after'} {after_what}"
    if rule.period.unit != "working_days" and due != calendar_shift(d, rule.period, before):
        text += ", brought back to a working day"
    return due, text


def timescales(
    kind: str,
    conference_date: date,
    profile: Profile,
    trigger: date | None = None,
    birth: date | None = None,
) -> list[Due]:
    """What falls due around a conference of `kind` held on `conference_date`.

    `trigger` is the strategy discussion (initial, pre_birth) or the notification
    (transfer_in). `birth` is when an unborn subject child is expected (or was born, after the
    conference): a pre-birth conference is counted back from it, and at a conference of any
    kind the next review is due no later than the profile's time after the birth (004: "within
    1 month of the child's birth ... whichever is sooner"). Keys that do not apply, or whose
    rule the profile does not have, are left out, in the order of the command-line contract
    (spec/case-format.md).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown conference kind {kind!r} (known: {', '.join(KINDS)})")
    region = profile.region
    this_conf = f"the {KIND_PHRASES[kind]}"
    out: list[Due] = []

    def add(key: str, when: tuple[date, str], rule: Rule) -> None:
        # Name the profile each rule came from: most rules come from a profile extended.
        out.append(Due(key, _LABELS[key], when[0], f"{when[1]} ({rule.source})", rule.basis))

    if kind == "initial" and trigger is not None:
        rule = profile.initial_conference
        add("conference_due", _when(trigger, rule, region, "the strategy discussion"), rule)
    elif kind == "transfer_in" and trigger is not None and profile.transfer_in_conference:
        rule = profile.transfer_in_conference
        add("conference_due", _when(trigger, rule, region, "the transfer-in notification"), rule)
    elif kind == "pre_birth":
        pre_birth = _pre_birth_due(profile, trigger, birth)
        if pre_birth is not None:
            add("conference_due", *pre_birth)

    reports = profile.reports_before_review if kind == "review" else profile.reports_before_initial
    if reports is not None:
        add("reports_due", _when(conference_date, reports, region, this_conf, before=True), reports)

    if kind != "review" and profile.first_cp_visit is not None:
        rule = profile.first_cp_visit
        add("first_cp_visit", _when(conference_date, rule, region, this_conf), rule)

    core = profile.first_core_group_after_review if kind == "review" else profile.first_core_group
    if core is not None:
        add("first_core_group", _when(conference_date, core, region, this_conf), core)

    add("next_review", *_next_review(kind, conference_date, profile, birth, this_conf))

    if profile.record_due is not None:
        rule = profile.record_due
        add("record_due", _when(conference_date, rule, region, this_conf), rule)
    return out


def next_review_date(
    kind: str, conference_date: date, profile: Profile, birth: date | None = None
) -> date:
    """The `next_review` of `timescales()` alone, for the caseload's thousands of cases: the
    same rule, without working out (and wording) the other dates."""
    if kind not in KINDS:
        raise ValueError(f"unknown conference kind {kind!r} (known: {', '.join(KINDS)})")
    return _next_review(kind, conference_date, profile, birth, f"the {KIND_PHRASES[kind]}")[0][0]


def _pre_birth_due(
    profile: Profile, trigger: date | None, birth: date | None
) -> tuple[tuple[date, str], Rule] | None:
    """A pre-birth conference: at 28 weeks of pregnancy when that is after the strategy
    discussion, else within the initial conference's time after it, and never before it.

    004: "The conference should be held at 28 weeks pregnancy"; a pre-birth conference "is an
    initial child protection conference", so a strategy discussion held at or after 28 weeks
    still gives it the initial conference's 15 working days. Where the area has no 28-week rule
    only that one applies. None when neither date is known.
    """
    region = profile.region
    weeks = profile.pre_birth_conference
    at_weeks: tuple[date, str] | None = None
    if weeks is not None and birth is not None:
        due, text = _when(birth, weeks, region, "the expected birth date", before=True)
        point = text.split(",")[0]  # "12 weeks before the expected birth date"
        if weeks.period.unit == "weeks":  # say it the way practitioners do: weeks of a 40
            at = 40 - weeks.period.amount
            point = f"{at} week{'' if at == 1 else 's'} of pregnancy"
            text = f"at {point}: {text}"
        at_weeks = (due, text)
    if trigger is None:
        return (at_weeks, weeks) if at_weeks is not None and weeks is not None else None
    if at_weeks is not None and weeks is not None and at_weeks[0] > trigger:
        return (at_weeks[0], f"{at_weeks[1]}, which is after the strategy discussion"), weeks
    initial = profile.initial_conference
    due, text = _when(trigger, initial, region, "the strategy discussion")
    if at_weeks is not None:
        text += f", since {point} is not after the strategy discussion"
    elif weeks is not None:
        text += "; no expected birth date given"
    return (due, text), initial


def _next_review(
    kind: str, conference_date: date, profile: Profile, birth: date | None, this_conf: str
) -> tuple[tuple[date, str], Rule]:
    region = profile.region
    rule = profile.later_reviews if kind == "review" else profile.first_review
    by_conference = _when(conference_date, rule, region, this_conf)
    birth_rule = profile.first_review_after_birth
    if birth_rule is None:
        return by_conference, rule
    if birth is None:
        if kind != "pre_birth":
            return by_conference, rule
        due, text = by_conference
        return (due, f"{text}; no expected birth date given"), rule
    # An unborn child: whichever of the two comes first, and say which one it was. Each
    # clause keeps its own "brought back to a working day": the other rule's date is named,
    # so its moving is never read as the chosen date's.
    by_birth = _when(birth, birth_rule, region, "the expected birth date")
    if by_birth[0] < by_conference[0]:
        return (by_birth[0], f"{by_birth[1]}; sooner than {_other(*by_conference)}"), birth_rule
    if by_conference[0] < by_birth[0]:
        return (by_conference[0], f"{by_conference[1]}; sooner than {_other(*by_birth)}"), rule
    same = _moved_with(by_birth[1])
    return (by_conference[0], f"{by_conference[1]}; the same day as {same}"), rule


def _other(due: date, text: str) -> str:
    """The rule not chosen, after its date: "Fri 19 Mar 2027, 1 month after the expected birth
    date brought back to a working day"."""
    return f"{day_text(due)}, {_moved_with(text)}"


def _moved_with(text: str) -> str:
    """A rule's words with its "brought back to a working day" tied to its own date (no comma
    that would let it read as said of the whole line)."""
    return text.replace(", brought back to a working day", " brought back to a working day")


@dataclass(frozen=True)
class Standing:
    """A rule of the profile that is not a contract key but that the chair and the family
    need to know: how often later core groups meet, when the outline plan and the record reach
    the parents. `date` is None for a frequency; `when` then says it ("every 28 days")."""

    key: str  # the profile's rule: later_core_groups, outline_plan_to_parents, record_to_family
    label: str
    date: date | None
    when: str  # for people, when there is no date; "" otherwise
    rule: str  # e.g. "20 working days after the review conference (england)"
    basis: str


def standing_rules(kind: str, conference_date: date, profile: Profile) -> list[Standing]:
    """The profile's later core groups, outline plan to parents and record to the family
    around a conference of `kind` on `conference_date`; a rule the profile lacks is left out."""
    if kind not in KINDS:
        raise ValueError(f"unknown conference kind {kind!r} (known: {', '.join(KINDS)})")
    region = profile.region
    this_conf = f"the {KIND_PHRASES[kind]}"
    out: list[Standing] = []
    rule = profile.later_core_groups
    if rule is not None:
        when = every(rule.period)
        text = f"{when} after the first core group ({rule.source})"
        out.append(Standing("later_core_groups", STANDING_LABELS["later_core_groups"], None,
                            when, text, rule.basis))  # fmt: skip
    for key in ("outline_plan_to_parents", "record_to_family"):
        rule = getattr(profile, key)
        if rule is None:
            continue
        if rule.period.amount == 0:  # nothing to wait for: handed over before anyone leaves
            due, text = conference_date, f"at the end of {this_conf}"
        else:
            due, text = _when(conference_date, rule, region, this_conf)
        out.append(Standing(key, STANDING_LABELS[key], due, "", f"{text} ({rule.source})",
                            rule.basis))  # fmt: skip
    return out


def escalation_due(at: datetime, profile: Profile) -> datetime:
    """Latest time to escalate a low overall scaling (002: 0-2) to a service manager.

    Hours are exact: 24 hours after Friday 14:00 is Saturday 14:00. Working days keep the
    time of day; other calendar periods are not moved, since the window is about urgency.
    """
    if profile.escalation_window is None:
        raise ValueError(f"the {profile.name} profile has no time for escalating")
    period = profile.escalation_window.period
    if period.unit == "hours":
        return at + timedelta(hours=period.amount)
    if period.unit == "working_days":
        moved = add_working_days(at.date(), period.amount, profile.region)
        return datetime.combine(moved, at.timetz())
    return at + (calendar_shift(at.date(), period, False) - at.date())


__all__ = [
    "DUE_KEYS",
    "KINDS",
    "Due",
    "Standing",
    "escalation_due",
    "standing_rules",
    "timescales",
]
