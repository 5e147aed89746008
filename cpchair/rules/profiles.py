"""Practice profiles: the timescales of one area, read from `data/profiles/NAME.toml`.

Areas differ (DOMAIN.md, "Timescales"), so every period is data. Only Working Together to
Safeguard Children is national: `working-together.toml` holds its rules alone (the initial
conference within 15 working days, the first core group within 10, the first review within 3
months, later reviews within 6) and every other profile extends it. An area profile adds the
rules its own procedure states and nothing else: a rule no procedure of the area states is
absent (None), never borrowed from another area. `england` is the statutory rules plus the
local rules most areas use, each naming the procedure it comes from.

Each profile lists the procedures its rules come from (`procedures`), and every rule and
setting says its source in `basis`: "Working Together ..." or one of those procedures, then a
short quote. A profile whose rule names any other source is refused when it loads, so a rule of
one area cannot reach another by `extends`. Every rule remembers which profile set it, so a due
date can say "(derbyshire)" or "(working-together)".

A profile file looks like:

    title = "Derbyshire"
    extends = "working-together"
    procedures = ["Derby and Derbyshire procedures (004)"]

    [timescales.record_due]
    period = "5 working days"
    basis = "Derby and Derbyshire procedures (004), Derbyshire: \"within 5 working days\""
"""

from __future__ import annotations

import dataclasses
import re
import threading
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args, get_type_hints

from cpchair.resources import data_file
from cpchair.rules.calendar import DEFAULT_REGION, REGIONS, Period

T = TypeVar("T")
Polarity = Literal["ten_is_safe", "ten_is_danger"]
POLARITIES: tuple[Polarity, ...] = get_args(Polarity)


class ProfileError(ValueError):
    """A practice profile that is unknown or cannot be read; the message names file and key."""


@dataclass(frozen=True)
class Rule:
    period: Period
    basis: str  # where the rule comes from: the procedure and a short quote
    source: str  # name of the profile that set it


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A value of an area's practice that is not a period: a switch, an age, a threshold, a
    text. Like a rule it says where it comes from."""

    value: T
    basis: str
    source: str


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    region: str
    extends: str | None
    # The default direction of the scale, which a conference may still change.
    scaling_polarity: Polarity
    # Working Together to Safeguard Children: national, so every profile has them.
    initial_conference: Rule  # after the strategy discussion
    first_core_group: Rule  # after an initial, pre-birth or transfer-in conference
    first_review: Rule  # after an initial, pre-birth or transfer-in conference
    later_reviews: Rule
    # The complaints route printed on every family copy.
    complaints: Setting[str]
    # Ending a plan (004, "Discontinuing a current Child Protection Plan"): switches, on where
    # the area's procedure has the rule.
    first_review_ending_restricted: Setting[bool]
    key_actions_block_ending: Setting[bool]
    # The procedures (besides Working Together) this profile's rules come from; each rule's
    # basis names one of them. Not inherited: a profile says what it follows.
    procedures: tuple[str, ...] = ()
    # Local rules: None where the area's procedure states no such rule.
    transfer_in_conference: Rule | None = None  # after the notification from the other authority
    pre_birth_conference: Rule | None = None  # before the expected birth date
    reports_before_initial: Rule | None = None  # before an initial, pre-birth or transfer-in
    reports_before_review: Rule | None = None
    first_review_after_birth: Rule | None = None  # an unborn child: the sooner of this and the
    # usual next review
    first_cp_visit: Rule | None = None
    first_core_group_after_review: Rule | None = None
    later_core_groups: Rule | None = None  # how often core groups meet after the first
    escalation_window: Rule | None = None  # after the conference, when the scaling is low
    outline_plan_to_parents: Rule | None = None  # 0: handed over at the end of the meeting
    record_due: Rule | None = None  # approved record to those who attended or were invited
    record_to_family: Rule | None = None
    # Child in need step-down after a plan ends
    cin_support_minimum: Rule | None = None
    cin_plan_circulated: Rule | None = None
    cin_review: Rule | None = None
    cin_network_meetings: Rule | None = None
    # The overall grading at or below which the chair escalates (read on a scale where 10 is
    # safe; a "ten_is_danger" scale is turned round before comparing); None: no such rule.
    low_score_escalation: Setting[int] | None = None
    # Participation: the age from which a subject child's own view is expected, and from
    # which an advocate is offered; None where the area names no age.
    views_from_age: Setting[int] | None = None
    advocate_from_age: Setting[int] | None = None

    @property
    def escalation_threshold(self) -> int | None:
        """The grading at or below which the chair escalates; None where the area has none."""
        return self.low_score_escalation.value if self.low_score_escalation else None


_HINTS = get_type_hints(Profile)
RULE_KEYS = tuple(name for name, hint in _HINTS.items() if hint in (Rule, Rule | None))
_OPTIONAL_RULES = frozenset(name for name in RULE_KEYS if _HINTS[name] != Rule)
# Each setting: the type its value must have, and whether a base profile must set it.
SETTING_KINDS: dict[str, type] = {
    "complaints": str,
    "first_review_ending_restricted": bool,
    "key_actions_block_ending": bool,
    "low_score_escalation": int,
    "views_from_age": int,
    "advocate_from_age": int,
}
SETTING_KEYS = tuple(SETTING_KINDS)
_OPTIONAL_SETTINGS = frozenset(
    name for name in SETTING_KEYS if _HINTS[name] not in (Setting[str], Setting[bool])
)
# Where each field a base profile must set is written in the TOML, for error messages.
_REQUIRED = {
    **{key: f"timescales.{key}" for key in RULE_KEYS if key not in _OPTIONAL_RULES},
    **{key: f"settings.{key}" for key in SETTING_KEYS if key not in _OPTIONAL_SETTINGS},
    "scaling_polarity": "scaling.polarity",
}
_TOP_KEYS = frozenset(
    {"title", "region", "extends", "procedures", "scaling", "timescales", "settings"}
)
_SCALING_KEYS = {"polarity"}
# The one national source. Any other source is a local procedure a profile must list.
WORKING_TOGETHER = "Working Together to Safeguard Children"
WORKING_TOGETHER_PROFILE = "working-together"  # the statutory rules alone


def profile_names() -> list[str]:
    """The shipped profiles and the council's own (the settings' `profiles_folder`), sorted.
    A council's profile named as a shipped one is not offered: the shipped one stands."""
    return sorted({**_council(), **_shipped()})


_PROFILE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")  # also keeps "../x" from the disk


def _in(folder: Traversable) -> dict[str, Traversable]:
    try:
        files = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:  # a folder that cannot be read offers nothing
        return {}
    return {
        f.name[: -len(".toml")]: f
        for f in files
        if f.name.endswith(".toml") and _PROFILE_NAME.fullmatch(f.name[: -len(".toml")])
    }


def _shipped() -> dict[str, Traversable]:
    return _in(data_file("profiles"))


def _council() -> dict[str, Traversable]:
    from cpchair.settings import load_settings

    folder = load_settings().profiles_folder
    return {} if folder is None else _council_in(folder)


@cache
def _council_in(folder: Path) -> dict[str, Traversable]:
    """Read once a process: the caseload asks for a case's profile many times a second."""
    return _in(folder)


def profile_for(name: str) -> Profile:
    """The case's profile; for an area this laptop holds no profile for, the statutory rules
    alone (`working-together`), never another area's local ones."""
    try:
        return load_profile(name)
    except ProfileError:
        return load_profile(WORKING_TOGETHER_PROFILE)


def load_profile(name: str) -> Profile:
    """A shipped profile (or the council's own) by name, with what it extends folded in."""
    from cpchair.settings import load_settings

    return _load_profile(name, load_settings().profiles_folder)


def forget_profiles() -> None:
    """Read the profiles' files again next time (tests; a council folder changed)."""
    _load_profile.cache_clear()
    _council_in.cache_clear()


@cache
def _load_profile(name: str, folder: Path | None) -> Profile:
    """Kept per council folder: settings read again may name another."""
    known = profile_names()
    if name not in known:  # also keeps names like "../x" away from the file system
        raise ProfileError(f"unknown practice profile {name!r} (known: {', '.join(known)})")
    loading = _loading()
    if name in loading:  # a chain of `extends` that comes back to itself
        raise ProfileError(f"{name}.toml: extends: goes round in a circle")
    loading.add(name)
    try:
        path = {**_council(), **_shipped()}[name]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"{name}.toml cannot be read ({type(exc).__name__})") from None
        return parse_profile(name, text)
    finally:
        loading.discard(name)


# The chain of `extends` being followed, one per thread: two threads loading the same profile
# at once (two caseload reads, say) are not a circle.
_chains = threading.local()


def _loading() -> set[str]:
    chain: set[str] | None = getattr(_chains, "names", None)
    if chain is None:
        chain = _chains.names = set()
    return chain


def parse_profile(name: str, text: str, filename: str | None = None) -> Profile:
    """Build a profile from TOML text; `extends` names a shipped profile."""
    file = filename or f"{name}.toml"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"{file}: not valid TOML ({e})") from None
    _refuse_unknown(file, "", raw, _TOP_KEYS)

    parent_name = raw.get("extends")
    parent: Profile | None = None
    if parent_name is not None:
        if not isinstance(parent_name, str) or parent_name == name:
            raise ProfileError(f"{file}: extends: must name another profile")
        try:
            parent = load_profile(parent_name)
        except ProfileError as e:
            raise ProfileError(f"{file}: extends: {e}") from None

    values: dict[str, Any] = {"name": name, "extends": parent_name}
    values["title"] = _text(file, "title", raw.get("title", name))
    values["procedures"] = _procedures(file, raw.get("procedures", []))
    region = raw.get("region", parent.region if parent else DEFAULT_REGION)
    if not isinstance(region, str) or region not in REGIONS:
        raise ProfileError(f"{file}: region: {region!r} is not one of {', '.join(REGIONS)}")
    values["region"] = region

    scaling = _table(file, "scaling", raw.get("scaling", {}))
    _refuse_unknown(file, "scaling.", scaling, _SCALING_KEYS)
    if "polarity" in scaling:
        if scaling["polarity"] not in POLARITIES:
            raise ProfileError(
                f"{file}: scaling.polarity: {scaling['polarity']!r} is not one of "
                + ", ".join(POLARITIES)
            )
        values["scaling_polarity"] = scaling["polarity"]

    settings = _table(file, "settings", raw.get("settings", {}))
    _refuse_unknown(file, "settings.", settings, set(SETTING_KEYS))
    for key, spec in settings.items():
        values[key] = _setting(file, key, spec, name)

    rules = _table(file, "timescales", raw.get("timescales", {}))
    _refuse_unknown(file, "timescales.", rules, set(RULE_KEYS))
    for key, spec in rules.items():
        values[key] = _rule(file, key, spec, name)

    if parent is not None:
        profile = dataclasses.replace(parent, **values)
    else:
        # A profile that extends nothing is a base: it must say everything national.
        for key, where in _REQUIRED.items():
            if key not in values:
                raise ProfileError(
                    f"{file}: {where}: missing (a profile without 'extends' needs it)"
                )
        profile = Profile(**values)
    _check_sources(file, profile)
    if profile.low_score_escalation is not None and profile.escalation_window is None:
        raise ProfileError(
            f"{file}: timescales.escalation_window: missing (settings.low_score_escalation "
            "needs the time within which the chair escalates)"
        )
    return profile


def _procedures(file: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError(f"{file}: procedures: expected a list of procedure names")
    return tuple(v.strip() for v in value)


def sources_of(profile: Profile) -> tuple[str, ...]:
    """The sources a basis of this profile may name: Working Together and its procedures."""
    return (WORKING_TOGETHER, *profile.procedures)


def _check_sources(file: str, profile: Profile) -> None:
    """Every rule and setting, its own or inherited, names Working Together or a procedure this
    profile follows: what `extends` brings in from another area's procedure is refused."""
    allowed = sources_of(profile)
    for key in (*RULE_KEYS, *SETTING_KEYS):
        item = getattr(profile, key)
        if item is None:
            continue
        if not item.basis.startswith(allowed):
            where = f"timescales.{key}" if key in RULE_KEYS else f"settings.{key}"
            if item.source != profile.name:
                where += f" (from {item.source})"
            raise ProfileError(
                f"{file}: {where}.basis: must begin with its source, one of: "
                + "; ".join(allowed)
                + " (list a local procedure under 'procedures')"
            )


def _rule(file: str, key: str, spec: Any, source: str) -> Rule:
    where = f"timescales.{key}"
    spec = _table(file, where, spec)
    _refuse_unknown(file, f"{where}.", spec, {"period", "basis"})
    if "period" not in spec:
        raise ProfileError(f"{file}: {where}.period: missing")
    try:
        period = Period.parse(spec["period"])
    except ValueError as e:
        raise ProfileError(f"{file}: {where}.period: {e}") from None
    basis = _text(file, f"{where}.basis", spec.get("basis", ""))
    if not basis.strip():
        raise ProfileError(f"{file}: {where}.basis: say where the rule comes from")
    return Rule(period, basis.strip(), source)


def _setting(file: str, key: str, spec: Any, source: str) -> Setting[Any] | None:
    """One `[settings.KEY]` table: `value` and `basis`; `off = true` instead of a value
    switches an optional setting (a number) off for this area."""
    where = f"settings.{key}"
    spec = _table(file, where, spec)
    _refuse_unknown(file, f"{where}.", spec, {"value", "basis", "off"})
    basis = _text(file, f"{where}.basis", spec.get("basis", ""))
    if not basis.strip():
        raise ProfileError(f"{file}: {where}.basis: say where the setting comes from")
    if spec.get("off") is True:
        if key not in _OPTIONAL_SETTINGS:
            raise ProfileError(f"{file}: {where}.off: this setting cannot be switched off")
        return None
    if "value" not in spec:
        raise ProfileError(f"{file}: {where}.value: missing")
    value, kind = spec["value"], SETTING_KINDS[key]
    if type(value) is not kind:
        raise ProfileError(f"{file}: {where}.value: expected {kind.__name__}, not {value!r}")
    # The type is now exactly `kind`; isinstance says so to the type checker too.
    top = 10 if key == "low_score_escalation" else 18
    if kind is int and isinstance(value, int) and not 0 <= value <= top:
        raise ProfileError(f"{file}: {where}.value: {value!r} is out of range")
    if isinstance(value, str) and not value.strip():
        raise ProfileError(f"{file}: {where}.value: cannot be empty")
    return Setting(value.strip() if isinstance(value, str) else value, basis.strip(), source)


def _table(file: str, where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(f"{file}: {where}: expected a table, not {type(value).__name__}")
    return value


def _text(file: str, where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"{file}: {where}: expected text, not {type(value).__name__}")
    return value


def _refuse_unknown(
    file: str, prefix: str, table: dict[str, Any], known: set[str] | frozenset[str]
) -> None:
    # A misspelt key would otherwise be ignored and the national default used in silence.
    for key in table:
        if key not in known:
            raise ProfileError(
                f"{file}: {prefix}{key}: unknown key (known: {', '.join(sorted(known))})"
            )
