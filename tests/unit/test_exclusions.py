"""Exclusions: who leaves as the excluded part of the meeting starts, and who is left out of
the scaling."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.caseio.schema import ConferenceDoc, ExclusionDoc, ScalingDoc, ScoreDoc
from cpchair.demo import demo_case
from cpchair.rules.exclusions import excluded_at, leaving_at
from cpchair.rules.scaling import OVERALL, Scale, scorers

REVIEW = demo_case(dt.date(2026, 11, 26)).conferences[1]


def excluding(*exclusions: ExclusionDoc, **attendee: object) -> ConferenceDoc:
    """The demo review with these exclusions; `attendee` changes Liam's register entry."""
    conf = REVIEW.model_copy(deep=True, update={"exclusions": list(exclusions)})
    liam = next(a for a in conf.attendees if a.key == "liam")
    for name, value in attendee.items():
        setattr(liam, name, value)
    return conf


def liam(scope: str = "part", start: str | None = None, end: str | None = None) -> ExclusionDoc:
    return ExclusionDoc(attendee="liam", scope=scope, reason="Police information",  # type: ignore[arg-type]
                        from_stage=start, to_stage=end)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("stage", "leaves"),
    [("history", ()), ("mapping", ("liam",)), ("danger_goals", ("liam",)), ("scaling", ())],
)
def test_the_excluded_person_leaves_as_their_part_of_the_meeting_starts(stage, leaves) -> None:
    conf = excluding(liam(start="mapping", end="danger_goals"))
    assert leaving_at(conf, stage) == leaves


def test_a_time_of_leaving_already_recorded_is_kept() -> None:
    conf = excluding(liam(start="mapping", end="danger_goals"), left=dt.time(10, 5))
    assert leaving_at(conf, "mapping") == ()


def test_someone_on_the_register_as_excluded_still_leaves_the_part_they_were_out_of() -> None:
    conf = excluding(liam(start="scaling"), attendance="excluded")
    assert leaving_at(conf, "decision") == ("liam",)  # no end: out to the close


@pytest.mark.parametrize(
    ("exclusion", "attendance"),
    [
        (liam(scope="whole"), "excluded"),  # never came in
        (liam(), "present"),  # part, with no stages: nobody can say which, so the whole
        (liam(start="mapping"), "apologies"),  # not there to leave
    ],
)
def test_no_one_leaves_who_never_came_in(exclusion: ExclusionDoc, attendance: str) -> None:
    conf = excluding(exclusion, attendance=attendance)
    assert leaving_at(conf, "mapping") == ()


def test_who_is_out_of_the_room_at_a_stage() -> None:
    conf = excluding(liam(start="mapping", end="scaling"))
    assert excluded_at(conf, "scaling") == {"liam"}
    assert excluded_at(conf, "decision") == frozenset()


def test_someone_excluded_from_the_scaling_is_not_asked_to_scale() -> None:
    keys = [a.key for a in scorers(excluding(liam(start="mapping", end="scaling")), OVERALL)]
    assert "liam" not in keys and "jodie" in keys
    back = [a.key for a in scorers(excluding(liam(start="mapping", end="danger_goals")), OVERALL)]
    assert "liam" in back  # back in the room for the scaling


def test_a_score_given_before_the_exclusion_stays_listed_so_it_can_be_cleared() -> None:
    conf = excluding(liam(start="scaling", end="scaling"))
    given = ScoreDoc(attendee="liam", score=4, reason="r", child="c1")
    conf.scaling = ScalingDoc(question="q", polarity="ten_is_safe", scores=[given])
    ruby = Scale("Ruby", child="c1")
    assert "liam" in [a.key for a in scorers(conf, ruby)]
    assert "liam" not in [a.key for a in scorers(conf, OVERALL)]
