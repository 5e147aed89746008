"""Practice profiles: only Working Together is national; each area has the rules its own
procedure states, each quoting it, and nothing borrowed from another area; a bad file is
refused with a message that names the file and the key.

The seeds quoted: 000 York parents' guide, 001 East Riding parents' guide, 002 a social
workers' guide, 003 Kirklees parents' guide, 004 Derby and Derbyshire procedures.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cpchair.rules.calendar import Period
from cpchair.rules.profiles import (
    RULE_KEYS,
    SETTING_KEYS,
    WORKING_TOGETHER,
    Profile,
    ProfileError,
    Rule,
    Setting,
    forget_profiles,
    load_profile,
    parse_profile,
    profile_names,
    sources_of,
)

AREAS = ["derby-city", "derbyshire", "east-riding", "kirklees", "york"]
STATUTORY = ("initial_conference", "first_core_group", "first_review", "later_reviews")


def test_shipped_profiles() -> None:
    assert profile_names() == [
        "derby-city",
        "derbyshire",
        "east-riding",
        "england",
        "kirklees",
        "working-together",
        "york",
    ]


@pytest.mark.parametrize("name", profile_names())
def test_every_shipped_profile_loads_whole_and_names_its_sources(name: str) -> None:
    profile = load_profile(name)
    assert isinstance(profile, Profile)
    assert profile.name == name
    assert profile.title
    assert profile.region == "england-and-wales"
    assert profile.scaling_polarity == "ten_is_safe"
    for key in (*RULE_KEYS, *SETTING_KEYS):
        item = getattr(profile, key)
        if item is None:
            continue
        assert isinstance(item, Rule | Setting), key
        assert item.basis.startswith(sources_of(profile)), (key, item.basis)
        # Nothing of an area's procedure is called national, nor a default.
        assert "national" not in item.basis.lower(), key
        assert "default" not in item.basis.lower(), key
    for key in STATUTORY:
        assert getattr(profile, key) == getattr(load_profile("working-together"), key)
    assert load_profile(name) is profile  # cached


@pytest.mark.parametrize("name", [n for n in profile_names() if n != "working-together"])
def test_every_profile_extends_working_together(name: str) -> None:
    assert load_profile(name).extends == "working-together"


# --- Working Together: the statutory rules, and only them ------------------------------------


@pytest.mark.parametrize(
    ("key", "period", "quote"),
    [
        ("initial_conference", Period(15, "working_days"),
         '"within 15 working days of the Strategy Discussion / Meeting'),
        ("first_core_group", Period(10, "working_days"),
         '"The first core group meeting must take place within 10 working days of the ICPC"'),
        ("first_review", Period(3, "months"),
         '"The first child protection review conference should be held within 3 months'),
        ("later_reviews", Period(6, "months"),
         '"Further reviews should be held at intervals of not more than 6 months"'),
    ],
)  # fmt: skip
def test_the_statutory_rules_name_working_together(key: str, period: Period, quote: str) -> None:
    rule = getattr(load_profile("working-together"), key)
    assert rule.period == period
    assert rule.source == "working-together"
    assert rule.basis.startswith(WORKING_TOGETHER)
    assert quote in rule.basis


def test_working_together_has_no_local_rule() -> None:
    wt = load_profile("working-together")
    assert wt.extends is None and wt.procedures == ()
    present = {k for k in RULE_KEYS if getattr(wt, k) is not None}
    assert present == set(STATUTORY)
    assert wt.low_score_escalation is None and wt.escalation_threshold is None
    assert wt.views_from_age is None and wt.advocate_from_age is None
    assert not wt.first_review_ending_restricted.value
    assert not wt.key_actions_block_ending.value


# --- Every local rule, with the words of its procedure -----------------------------------------

# (profile, rule, period, the quote its basis carries). The quotes were checked word for word
# against the seed documents.
STATED: list[tuple[str, str, Period, str]] = [
    # england: the local rules most areas use, from 002 and 004.
    ("england", "transfer_in_conference", Period(15, "working_days"),
     '(004): the transfer in conference "should take place within 15 working days of the '
     'notification"'),
    ("england", "pre_birth_conference", Period(12, "weeks"),
     '(004): "The conference should be held at 28 weeks pregnancy'),
    ("england", "reports_before_initial", Period(2, "working_days"),
     '(004): reports to parents "at least 2 working days in advance of the initial conference"'),
    ("england", "reports_before_review", Period(3, "working_days"),
     '(004): reports to parents "a minimum of 3 working days before a review conference"'),
    ("england", "first_review_after_birth", Period(1, "months"),
     "(004): \"within 1 month of the child's birth"),
    ("england", "first_cp_visit", Period(2, "working_days"),
     '(002): "The initial Child Protection Visit should take place within 2 working days of '
     'the ICPC"'),
    ("england", "first_core_group_after_review", Period(28, "days"),
     '(002): the next Core Group meeting "within 28 days of an RCPC"'),
    ("england", "later_core_groups", Period(28, "days"),
     '(002): "Core Group meetings take place within 10 working days of the ICPC and every 28 '
     'days thereafter"'),
    ("england", "escalation_window", Period(24, "hours"),
     '(002): "This should be done within 24 hours of the ICPC/ RCPC"'),
    ("england", "outline_plan_to_parents", Period(0, "working_days"),
     "(004), Derby City: the outline plan \"is given to all conference attendees including the "
     'parents/ carers at the end of all conferences"'),
    ("england", "record_due", Period(20, "working_days"),
     '(002): the minutes are "Shared by the Social Worker within 20 working days of the '
     'Conference"'),
    ("england", "record_to_family", Period(20, "working_days"),
     '(002): the minutes are "Shared by the Social Worker within 20 working days of the '
     'Conference"'),
    ("england", "cin_support_minimum", Period(3, "months"),
     '(004): "All children who have been subject to a Child Protection Plan will be supported '
     'by a CiN Plan for a minimum of 3 months"'),
    # Derby City and Derbyshire: what 004 says for both, then each area's part.
    *[
        (area, key, period, quote)
        for area in ("derby-city", "derbyshire")
        for key, period, quote in [
            ("transfer_in_conference", Period(15, "working_days"),
             '"should take place within 15 working days of the notification"'),
            ("pre_birth_conference", Period(12, "weeks"),
             '"The conference should be held at 28 weeks pregnancy'),
            ("reports_before_initial", Period(2, "working_days"),
             '"at least 2 working days in advance of the initial conference"'),
            ("reports_before_review", Period(3, "working_days"),
             '"a minimum of 3 working days before a review conference"'),
            ("first_review_after_birth", Period(1, "months"),
             "\"within 1 month of the child's birth or within 3 months of the date of the "
             'pre-birth conference, whichever is sooner"'),
            ("cin_support_minimum", Period(3, "months"),
             '"All children who have been subject to a Child Protection Plan will be '
             'supported by a CiN Plan for a minimum of 3 months"'),
            ("cin_plan_circulated", Period(2, "weeks"),
             '"must be circulated within 2 weeks of the conference"'),
        ]
    ],
    ("derby-city", "outline_plan_to_parents", Period(0, "working_days"),
     '"is given to all conference attendees including the parents/ carers at the end of all '
     'conferences"'),
    ("derby-city", "record_due", Period(20, "working_days"),
     '"in Derby City within 20 working days"'),
    ("derby-city", "record_to_family", Period(20, "working_days"),
     '"within a maximum of 15 working days in Derbyshire and 20 working days in Derby City"'),
    ("derby-city", "cin_review", Period(3, "months"),
     '"In Derby: a CiN review should be booked at 3 months"'),
    ("derby-city", "cin_network_meetings", Period(6, "weeks"),
     '"there will be 6 weekly network meetings"'),
    ("derbyshire", "outline_plan_to_parents", Period(5, "working_days"),
     '"In Derbyshire a summary and plan from the conference is sent out within 5 working '
     'days"'),
    ("derbyshire", "record_due", Period(5, "working_days"),
     '"should be sent to all those who attended or were invited to the conference within 5 '
     'working days of the conference"'),
    ("derbyshire", "record_to_family", Period(15, "working_days"),
     '"within a maximum of 15 working days in Derbyshire"'),
    ("derbyshire", "cin_review", Period(6, "weeks"),
     '"In Derbyshire: CiN reviews booked 6 weekly"'),
    # York (000).
    ("york", "reports_before_initial", Period(3, "days"),
     '"will be made available you to you at least 3 days prior to the conference"'),
    ("york", "reports_before_review", Period(3, "days"),
     '"will be made available you to you at least 3 days prior to the conference"'),
    ("york", "outline_plan_to_parents", Period(48, "hours"),
     '"A copy of the Child Protection Plan is sent to you within 48 hours of the conference"'),
    # East Riding (001).
    ("east-riding", "later_core_groups", Period(1, "months"),
     '"The core group will meet on a regular basis, at a minimum of once a month"'),
    # Kirklees (003).
    ("kirklees", "reports_before_initial", Period(3, "working_days"),
     '"Receive copies of all reports three working days in advance"'),
    ("kirklees", "reports_before_review", Period(3, "working_days"),
     '"Receive copies of all reports three working days in advance"'),
    ("kirklees", "later_core_groups", Period(6, "weeks"),
     '"are held at 6-week intervals or more often if necessary"'),
    ("kirklees", "record_due", Period(15, "working_days"),
     '"Within 15 working days after the conference, you will be sent a copy of the notes from '
     'the meeting"'),
    ("kirklees", "record_to_family", Period(15, "working_days"),
     '"Within 15 working days after the conference, you will be sent a copy of the notes from '
     'the meeting"'),
]  # fmt: skip
SEEDS = {
    "england": ("Social workers' guide (002)", "Derby and Derbyshire procedures (004)"),
    "derby-city": ("Derby and Derbyshire procedures (004)",),
    "derbyshire": ("Derby and Derbyshire procedures (004)",),
    "york": ("York parents' guide (000)",),
    "east-riding": ("East Riding parents' guide (001)",),
    "kirklees": ("Kirklees parents' guide (003)",),
}


@pytest.mark.parametrize(("name", "key", "period", "quote"), STATED)
def test_each_local_rule_quotes_its_procedure(
    name: str, key: str, period: Period, quote: str
) -> None:
    rule = getattr(load_profile(name), key)
    assert rule.period == period
    assert rule.source == name
    assert rule.basis.startswith(SEEDS[name])
    assert quote in rule.basis


@pytest.mark.parametrize("name", [*AREAS, "england"])
def test_a_profile_has_exactly_the_statutory_rules_and_those_its_procedure_states(
    name: str,
) -> None:
    """No rule reaches an area from another area's procedure: what is not stated is None."""
    profile = load_profile(name)
    present = {k for k in RULE_KEYS if getattr(profile, k) is not None}
    stated = {key for n, key, _period, _quote in STATED if n == name}
    assert present == set(STATUTORY) | stated


def test_derby_and_derbyshire_take_nothing_from_the_social_workers_guide() -> None:
    """004 sets no first visit, no fixed interval for later core groups ("timescales set for
    subsequent meetings") and no escalation of a 0-2 grading: those are 002's."""
    for name in ("derby-city", "derbyshire"):
        p = load_profile(name)
        assert p.first_cp_visit is None
        assert p.later_core_groups is None
        assert p.first_core_group_after_review is None
        assert p.low_score_escalation is None and p.escalation_threshold is None
        assert p.escalation_window is None
        assert p.advocate_from_age is None  # 002's "over the age of 8"


# --- Settings: switches on where the procedure has them, ages where stated, complaints ---------

SWITCH_QUOTES = {
    "first_review_ending_restricted": (
        '(004): "A plan may only be discontinued at the first (3 month) review conference if"'
    ),
    "key_actions_block_ending": (
        '(004): "No Child Protection Plan may be discontinued at any review whilst key '
        'safeguarding actions are incomplete"'
    ),
}


@pytest.mark.parametrize("name", profile_names())
@pytest.mark.parametrize("key", list(SWITCH_QUOTES))
def test_the_ending_switches_are_on_only_where_004_applies(name: str, key: str) -> None:
    setting = getattr(load_profile(name), key)
    on = name in ("england", "derby-city", "derbyshire")
    assert setting.value is on
    if on:
        assert SWITCH_QUOTES[key] in setting.basis
    else:
        assert setting.source == "working-together"


def test_the_low_score_escalation_is_002s_and_only_englands() -> None:
    england = load_profile("england")
    assert england.escalation_threshold == 2
    assert england.low_score_escalation is not None
    assert (
        '(002): "escalating to the Service Manager any children whereby the overall grading is '
        'between 0-2"' in england.low_score_escalation.basis
    )
    for name in [*AREAS, "working-together"]:
        assert load_profile(name).escalation_threshold is None, name


@pytest.mark.parametrize(
    ("name", "key", "value", "quote"),
    [
        ("england", "views_from_age", 12,
         '(004): "from the age of 12 and above, a child should be offered such an opportunity"'),
        ("derby-city", "views_from_age", 12, '"from the age of 12 and above'),
        ("derbyshire", "views_from_age", 12, '"from the age of 12 and above'),
        ("kirklees", "views_from_age", 11,
         '(003): at the conference, "Your child (if over 10 years of age'),
        ("england", "advocate_from_age", 9, '(002): "Any children over the age of 8'),
    ],
)  # fmt: skip
def test_ages_where_a_procedure_states_one(name: str, key: str, value: int, quote: str) -> None:
    setting = getattr(load_profile(name), key)
    assert setting.value == value
    assert quote in setting.basis


@pytest.mark.parametrize(
    ("name", "key"),
    [("york", "views_from_age"), ("york", "advocate_from_age"), ("east-riding", "views_from_age"),
     ("east-riding", "advocate_from_age"), ("kirklees", "advocate_from_age"),
     ("derbyshire", "advocate_from_age"), ("working-together", "views_from_age")],
)  # fmt: skip
def test_no_age_where_the_procedure_names_none(name: str, key: str) -> None:
    assert getattr(load_profile(name), key) is None


@pytest.mark.parametrize(
    ("name", "words", "quote"),
    [
        ("york", "Independent Reviewing Officer",
         "(000): \"If you're not happy with the outcome of the conference you can talk to the "
         "IRO, your child\u2019s social worker or make a complaint\""),  # as 000 writes it
        ("east-riding", "East Riding Safeguarding Children's Partnership leaflet",
         '(001): "there is a complaints procedure if you think the decision has not been '
         'reached properly"'),
        ("kirklees", "independent chairperson",
         '(003): "If you have questions, you can ring the independent chairperson of your '
         'meeting at any time"'),
        ("derbyshire", "The conference's decision stands",
         '"Whilst a complaint is being considered, the decision made by the conference stands"'),
        ("derby-city", "Talk to the chair first", '"should be addressed to the conference Chair"'),
    ],
)  # fmt: skip
def test_each_area_words_its_own_complaints_route(name: str, words: str, quote: str) -> None:
    complaints = load_profile(name).complaints
    assert complaints.source == name
    assert words in complaints.value
    assert quote in complaints.basis
    assert "@" not in complaints.value  # no e-mail addresses
    assert not any(ch.isdigit() for ch in complaints.value)  # nor phone numbers


# --- Loading and refusing ------------------------------------------------------------------------


def test_a_local_profile_says_where_each_rule_came_from() -> None:
    derbyshire = load_profile("derbyshire")
    assert derbyshire.record_due is not None
    assert derbyshire.record_due.source == "derbyshire"
    assert derbyshire.first_core_group.source == "working-together"


def test_unknown_profile() -> None:
    with pytest.raises(ProfileError) as e:
        load_profile("wessex")
    assert str(e.value) == (
        "unknown practice profile 'wessex' (known: derby-city, derbyshire, east-riding, "
        "england, kirklees, working-together, york)"
    )


LOCAL = 'extends = "working-together"\nprocedures = ["Wessex procedures (999)"]\n'


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
        ('extends = "working-together"\nprocedures = "Wessex"\n', "procedures"),
        # A basis that names no source, or one the profile does not follow.
        (LOCAL + '[timescales.record_due]\nperiod = "5 days"\nbasis = "x"\n',
         "timescales.record_due.basis: must begin with its source"),
        (LOCAL + '[timescales.record_due]\nperiod = "5 days"\n'
         'basis = "National default: within 5 days"\n', "timescales.record_due.basis"),
        (LOCAL + '[timescales.record_due]\nperiod = "5 days"\n'
         "basis = \"Social workers' guide (002): 5 days\"\n", "timescales.record_due.basis"),
        # Extending england without following its procedures brings in another area's rules.
        ('extends = "england"\n', "timescales.transfer_in_conference (from england).basis"),
        # An escalation needs the time to escalate within.
        (LOCAL + '[settings.low_score_escalation]\nvalue = 2\n'
         'basis = "Wessex procedures (999): 0-2"\n', "timescales.escalation_window: missing"),
    ],
)  # fmt: skip
def test_a_bad_profile_names_file_and_key(text: str, names: str) -> None:
    with pytest.raises(ProfileError) as e:
        parse_profile("local", text)
    assert str(e.value).startswith("local.toml: ")
    assert names in str(e.value)


def test_a_profile_built_from_text() -> None:
    text = LOCAL + (
        '[timescales.first_cp_visit]\nperiod = "48 hours"\n'
        'basis = "Wessex procedures (999): \\"within 48 hours\\""\n'
    )
    p = parse_profile("wessex", text)
    basis = 'Wessex procedures (999): "within 48 hours"'
    assert p.first_cp_visit == Rule(Period(48, "hours"), basis, "wessex")
    assert p.title == "wessex"
    assert p.procedures == ("Wessex procedures (999)",)
    assert p.record_due is None  # nothing borrowed
    assert set(RULE_KEYS) >= {"record_due", "first_cp_visit"}


def test_a_profile_may_follow_englands_procedures_and_extend_it() -> None:
    text = (
        'extends = "england"\n'
        'procedures = ["Social workers\' guide (002)", '
        '"Derby and Derbyshire procedures (004)"]\n'
    )
    p = parse_profile("like-england", text)
    assert dataclasses.replace(p, name="england", title="", extends=None) == dataclasses.replace(
        load_profile("england"), title="", extends=None
    )


def test_an_optional_setting_can_be_switched_off() -> None:
    text = (
        'extends = "england"\n'
        'procedures = ["Social workers\' guide (002)", '
        '"Derby and Derbyshire procedures (004)"]\n'
        "[settings.advocate_from_age]\noff = true\n"
        'basis = "Derby and Derbyshire procedures (004): names no age"\n'
    )
    assert parse_profile("no-age", text).advocate_from_age is None


def test_extends_that_goes_round_in_a_circle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "a.toml").write_text('extends = "b"\n')
    (folder / "b.toml").write_text('extends = "a"\n')
    monkeypatch.setattr("cpchair.rules.profiles.data_file", tmp_path.joinpath)
    forget_profiles()
    try:
        assert profile_names() == ["a", "b"]
        with pytest.raises(ProfileError, match="goes round in a circle"):
            load_profile("a")
    finally:
        forget_profiles()  # drop anything cached from the temporary folder


def test_threads_loading_the_same_profile_at_once_see_no_circle() -> None:
    """Two caseload reads at once both load `england`, which extends `working-together`: a
    thread must not take the other's loading for a circle (it once stopped the app)."""
    import threading

    from cpchair.rules import profiles

    gate = threading.Barrier(8)
    loaded: list[str] = []
    failed: list[Exception] = []
    read = profiles.parse_profile

    def slow_parse(name: str, text: str) -> profiles.Profile:
        if name == "england":
            gate.wait(timeout=5)  # every thread inside england's loading at once
        return read(name, text)

    def load() -> None:
        try:
            loaded.append(profiles.load_profile("england").name)
        except Exception as exc:
            failed.append(exc)

    profiles.forget_profiles()
    profiles.parse_profile = slow_parse  # type: ignore[assignment]
    try:
        threads = [threading.Thread(target=load) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    finally:
        profiles.parse_profile = read  # type: ignore[assignment]
        profiles.forget_profiles()
    assert failed == [] and loaded == ["england"] * 8
