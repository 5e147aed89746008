"""Stages: their order, the mark each one shows, and the meeting clock."""

from __future__ import annotations

import datetime as dt

from cpchair.demo import demo_case
from cpchair.rules.stages import (
    meeting_clock,
    neighbour,
    show_duration,
    show_minutes,
    stage_marks,
)
from cpchair.vocab import STAGES

DAY = dt.date(2026, 11, 26)


def test_neighbours_stay_within_the_meeting() -> None:
    assert neighbour("opening", -1) == "opening"
    assert neighbour("opening", 1) == "family_network"
    assert neighbour("close", 1) == "close"


def test_a_concluded_conference_shows_every_stage_done() -> None:
    case = demo_case(DAY)
    marks = stage_marks(case.conferences[0], case.children, case.people, set(STAGES))
    assert set(marks.values()) == {"done"}, marks


def test_a_prepared_review_shows_what_it_carried_forward() -> None:
    case = demo_case(DAY)
    review = case.conferences[1]
    marks = stage_marks(review, case.children, case.people)
    assert marks["mapping"] == "todo"
    assert marks["danger_goals"] == "done"  # carried forward, each statement with its goal
    assert marks["plan"] == "started"  # actions carried forward, no review date yet
    assert marks["close"] == "todo"


def test_arriving_at_a_stage_begins_it_and_never_marks_it_done() -> None:
    case = demo_case(DAY)
    review = case.conferences[1]
    before = stage_marks(review, case.children, case.people)
    for stage in STAGES:
        arrived = stage_marks(review, case.children, case.people, {stage})[stage]
        # The review's danger statements and goals come carried forward: done before arrival.
        assert arrived == ("done" if before[stage] == "done" else "started"), stage


def test_the_family_stage_is_done_once_the_chair_moves_on_with_the_family_recorded() -> None:
    case = demo_case(DAY)
    review = case.conferences[1]
    arrived = {"opening", "family_network"}
    assert stage_marks(review, case.children, case.people, arrived)["family_network"] == "started"
    moved_on = arrived | {"history"}
    assert stage_marks(review, case.children, case.people, moved_on)["family_network"] == "done"
    nobody = stage_marks(review, case.children, [], moved_on)["family_network"]
    assert nobody == "started"  # no family recorded: begun, not done
    skipped = stage_marks(review, case.children, case.people, {"opening", "mapping"})
    assert skipped["family_network"] == "todo"  # never visited


def test_an_inquorate_opening_needs_attention_until_the_chair_records_why() -> None:
    case = demo_case(DAY)
    review = case.conferences[1]
    for a in review.attendees:
        if a.agency not in ("childrens_social_care", "family"):
            a.attendance = "apologies"
    assert stage_marks(review, case.children, case.people, {"opening"})["opening"] == "attention"
    review.quorum_override = "Family asked to go ahead; partners sent reports."
    assert stage_marks(review, case.children, case.people, {"opening"})["opening"] != "attention"


def test_the_clock_adds_up_visits_and_counts_the_open_one_to_now() -> None:
    t = dt.datetime(2026, 11, 26, 10, 0)
    m = dt.timedelta(minutes=1)
    visits = [
        ("opening", t, t + 5 * m),
        ("mapping", t + 5 * m, t + 9 * m),
        ("opening", t + 60 * m, t + 62 * m),  # a break between 9 and 60 is not counted
        ("mapping", t + 62 * m, None),
    ]
    clock = meeting_clock(visits, t + 70 * m)
    assert clock.per_stage == {"opening": 7 * m, "mapping": 12 * m}
    assert clock.total == 19 * m
    assert (clock.current, clock.in_current) == ("mapping", 8 * m)


def test_a_concluded_meetings_clock_stops_where_it_was_concluded() -> None:
    t = dt.datetime(2026, 11, 26, 10, 0)
    m = dt.timedelta(minutes=1)
    visits = [("opening", t, t + 5 * m), ("close", t + 5 * m, None)]
    running = meeting_clock(visits, t + 20 * m)
    assert (running.total, running.stopped) == (20 * m, False)
    for later in (t + 20 * m, t + 3 * 60 * m):  # the time goes on; the clock does not
        clock = meeting_clock(visits, later, stopped_at=t + 12 * m)
        assert clock.total == 12 * m and clock.per_stage["close"] == 7 * m
        assert (clock.current, clock.in_current, clock.stopped) == (None, dt.timedelta(), True)
    # A visit recorded after the conclusion (the chair looking back) adds nothing.
    after = [*visits[:1], ("close", t + 5 * m, t + 12 * m), ("plan", t + 30 * m, t + 40 * m)]
    assert meeting_clock(after, t + 60 * m, stopped_at=t + 12 * m).total == 12 * m


def test_durations_read_as_people_say_them() -> None:
    assert show_duration(dt.timedelta(minutes=12, seconds=4)) == "12:04"
    assert show_duration(dt.timedelta(hours=1, minutes=2, seconds=30)) == "1:02:30"
    assert show_minutes(dt.timedelta()) == ""
    assert show_minutes(dt.timedelta(seconds=20)) == "<1m"
    assert show_minutes(dt.timedelta(minutes=65)) == "1h05"
