"""Practice profiles: the shipped ones load, differ where their procedures differ, and a bad
file is refused with a message that names the file and the key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cpchair.rules.profiles import (
    RULE_KEYS,
    Profile,
    ProfileError,
    Rule,
    load_profile,
    parse_profile,
    profile_names,
)
from cpchair.rules.timescales import Period


def period(profile: str, key: str) -> Period:
    rule = getattr(load_profile(profile), key)
    assert isinstance(rule, Rule)
    return rule.period


def test_shipped_profiles() -> None:
    assert profile_names() == ["derby-city", "derbyshire", "england"]


@pytest.mark.parametrize("name", ["england", "derby-city", "derbyshire"])
def test_every_shipped_profile_loads_whole(name: str) -> None:
    profile = load_profile(name)
    assert isinstance(profile, Profile)
    assert profile.name == name
    assert profile.title
    assert profile.region == "england-and-wales"
    assert profile.escalation_threshold == 2
    assert profile.scaling_polarity == "ten_is_safe"
    for field in dataclasses.fields(Profile):
        value = getattr(profile, field.name)
        if isinstance(value, Rule):
            assert value.basis, field.name
    assert load_profile(name) is profile  # cached


def test_national_defaults() -> None:
    p = load_profile("england")
    assert p.extends is None
    assert p.initial_conference.period == Period(15, "working_days")
    assert p.transfer_in_conference.period == Period(15, "working_days")
    assert p.pre_birth_conference.period == Period(12, "weeks")
    assert (p.reports_before_initial.period, p.reports_before_review.period) == (
        Period(2, "working_days"),
        Period(3, "working_days"),
    )
    assert p.first_core_group.period == Period(10, "working_days")
    assert p.first_core_group_after_review.period == Period(28, "days")
    assert p.later_core_groups.period == Period(28, "days")
    assert p.first_review.period == Period(3, "months")
    assert p.first_review_after_birth.period == Period(1, "months")
    assert p.later_reviews.period == Period(6, "months")
    assert p.escalation_window.period == Period(24, "hours")
    assert p.record_due.period == Period(20, "working_days")
    assert p.outline_plan_to_parents.period.amount == 0
    assert p.cin_review is None


def test_local_profiles_differ_where_their_procedures_do() -> None:
    assert period("derbyshire", "record_due") == Period(5, "working_days")
    assert period("derbyshire", "record_to_family") == Period(15, "working_days")
    assert period("derbyshire", "outline_plan_to_parents") == Period(5, "working_days")
    assert period("derbyshire", "cin_review") == Period(6, "weeks")
    assert period("derby-city", "record_due") == Period(20, "working_days")
    assert period("derby-city", "record_to_family") == Period(20, "working_days")
    assert period("derby-city", "outline_plan_to_parents") == Period(0, "working_days")
    assert period("derby-city", "cin_review") == Period(3, "months")
    assert period("derby-city", "cin_network_meetings") == Period(6, "weeks")


def test_a_local_profile_inherits_the_rest_and_says_where_each_rule_came_from() -> None:
    derbyshire = load_profile("derbyshire")
    assert derbyshire.extends == "england"
    assert derbyshire.record_due.source == "derbyshire"
    assert derbyshire.first_core_group == load_profile("england").first_core_group
    assert derbyshire.first_core_group.source == "england"


def test_unknown_profile() -> None:
    with pytest.raises(ProfileError) as e:
        load_profile("wessex")
    assert str(e.value) == (
        "unknown practice profile 'wessex' (known: derby-city, derbyshire, england)"
    )


LOCAL = 'extends = "england"\n'


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            LOCAL + '[timescales.record_due]\nperiod = "5 workin days"\nbasis = "x"\n',
            "timescales.record_due.period",
        ),
        (
            LOCAL + '[timescales.record_due]\nperiod = 5\nbasis = "x"\n',
            "timescales.record_due.period",
        ),
        (LOCAL + '[timescales.record_due]\nperiod = "5 days"\n', "timescales.record_due.basis"),
        (LOCAL + '[timescales.minutes]\nperiod = "5 days"\nbasis = "x"\n', "timescales.minutes"),
        (LOCAL + 'colour = "red"\n', "colour"),
        (LOCAL + 'region = "wessex"\n', "region"),
        (LOCAL + "[scaling]\nescalation_threshold = 11\n", "scaling.escalation_threshold"),
        (LOCAL + '[scaling]\npolarity = "upside_down"\n', "scaling.polarity"),
        ('extends = "wessex"\n', "extends"),
        ('title = "No parent"\n', "timescales.initial_conference: missing"),
        ("title = [unclosed\n", "not valid TOML"),
    ],
)
def test_a_bad_profile_names_file_and_key(text: str, names: str) -> None:
    with pytest.raises(ProfileError) as e:
        parse_profile("local", text)
    assert str(e.value).startswith("local.toml: ")
    assert names in str(e.value)


def test_a_profile_built_from_text() -> None:
    text = LOCAL + '[timescales.first_cp_visit]\nperiod = "48 hours"\nbasis = "York guide"\n'
    p = parse_profile("york", text)
    assert p.first_cp_visit == Rule(Period(48, "hours"), "York guide", "york")
    assert p.title == "york"
    assert set(RULE_KEYS) >= {"record_due", "first_cp_visit"}


def test_extends_that_goes_round_in_a_circle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "a.toml").write_text('extends = "b"\n')
    (folder / "b.toml").write_text('extends = "a"\n')
    monkeypatch.setattr("cpchair.rules.profiles.data_file", tmp_path.joinpath)
    load_profile.cache_clear()
    try:
        assert profile_names() == ["a", "b"]
        with pytest.raises(ProfileError, match="goes round in a circle"):
            load_profile("a")
    finally:
        load_profile.cache_clear()  # drop anything cached from the temporary folder
