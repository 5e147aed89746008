"""The scaling stage's edits: the question, one score per person per scale, an independent
round, and the overall grading with its escalation in both directions of the scale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, delete

from cpchair import models as m
from cpchair.demo import demo_case
from cpchair.rules.scaling import default_question
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting
from cpchair.store.rows import case_row, conference_row

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)  # a Thursday
AT = dt.datetime(2026, 11, 26, 11, 30)


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, "DEMO-0001", "rcpc1")


def scores(meeting: Meeting) -> list[tuple[str, int, str, str | None, str | None]]:
    scaling = meeting.load().conf.scaling
    assert scaling is not None
    return [(s.attendee, s.score, s.reason, s.child, s.danger_statement) for s in scaling.scores]


def test_one_score_per_person_per_scale(meeting: Meeting) -> None:
    meeting.edit(edits.scaling.set_score, "sw", 3)
    meeting.edit(edits.scaling.set_reason, "sw", "  Third serious incident.  ")
    meeting.edit(edits.scaling.set_score, "sw", 4)  # changes the score, keeps the reason
    meeting.edit(edits.scaling.set_score, "sw", 2, statement="ds1", reason="Still drinking")
    meeting.edit(edits.scaling.set_score, "jodie", 10, child="c1", reason="Ruby is fine")
    assert scores(meeting) == [
        ("sw", 4, "Third serious incident.", None, None),
        ("sw", 2, "Still drinking", None, "ds1"),
        ("jodie", 10, "Ruby is fine", "c1", None),
    ]
    assert meeting.edit(edits.scaling.clear_score, "sw", statement="ds1").value
    assert not meeting.edit(edits.scaling.clear_score, "sw", statement="ds1").value
    assert [s[0:2] for s in scores(meeting)] == [("sw", 4), ("jodie", 10)]


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda mt: mt.edit(edits.scaling.set_score, "sw", 11), "11 is not on the scale"),
        (lambda mt: mt.edit(edits.scaling.set_score, "sw", -1), "is not on the scale"),
        (lambda mt: mt.edit(edits.scaling.set_score, "sw", True), "whole number"),  # type: ignore[arg-type]
        (
            lambda mt: mt.edit(edits.scaling.set_score, "nobody", 3),
            "not on this conference's attendance list",
        ),
        (
            lambda mt: mt.edit(edits.scaling.set_score, "nur", 3),
            "Only someone present",
        ),  # sent apologies
        (lambda mt: mt.edit(edits.scaling.set_score, "sw", 3, child="c99"), "child is no longer"),
        (
            lambda mt: mt.edit(edits.scaling.set_score, "sw", 3, statement="ds9"),
            "danger statement is no longer",
        ),
        (
            lambda mt: mt.edit(edits.scaling.set_score, "sw", 3, child="c1", statement="ds1"),
            "one child or",
        ),
        (lambda mt: mt.edit(edits.scaling.set_reason, "pol", "why"), "Give a score first"),
        (lambda mt: mt.edit(edits.scaling.set_overall, 11, AT), "not on the scale"),
        (lambda mt: mt.edit(edits.scaling.set_question, "  "), "question cannot be empty"),
    ],
)
def test_bad_scores_are_refused_in_plain_words(meeting: Meeting, call, words: str) -> None:
    meeting.edit(edits.scaling.set_score, "sw", 3, reason="kept")
    before = meeting.load().conf
    with pytest.raises(EditError, match=words) as refused:
        call(meeting)
    assert "Priya" not in str(refused.value)  # no case data in the message
    assert meeting.load().conf == before


def test_the_question_and_its_direction(store: Store, meeting: Meeting) -> None:
    conf = meeting.load().conf
    assert conf.scaling is not None and conf.scaling.scores == []
    meeting.edit(edits.scaling.set_question, question="Where are things today?")
    meeting.edit(edits.scaling.set_question, polarity="ten_is_danger")
    scaling = meeting.load().conf.scaling
    assert scaling is not None
    assert (scaling.question, scaling.polarity) == ("Where are things today?", "ten_is_danger")

    fresh = Meeting(store, "DEMO-0001", "rcpc1")
    fresh.edit(
        edits.scaling.set_question,
        question=default_question("ten_is_danger", ["Ruby", "Mia", "Baby"]),
    )
    fresh.edit(
        edits.scaling.set_question, polarity="ten_is_safe"
    )  # the usual wording turns round with it
    scaling = fresh.load().conf.scaling
    assert scaling is not None
    assert scaling.question == default_question("ten_is_safe", ["Ruby", "Mia", "Baby"])

    meeting.edit(edits.scaling.set_score, "sw", 3)
    with pytest.raises(EditError, match="turning it round"):
        meeting.edit(edits.scaling.set_question, polarity="ten_is_danger")


def test_a_scaling_row_is_made_with_the_profiles_wording(store: Store) -> None:
    store.import_case(demo_case(DAY))
    with store.session() as s, s.begin():
        conf = conference_row(s, case_row(s, "DEMO-0001"), "rcpc1")
        s.exec(delete(m.Scaling).where(col(m.Scaling.conference_id) == conf.id))  # type: ignore[call-overload]
    meeting = Meeting(store, "DEMO-0001", "rcpc1")
    assert meeting.load().conf.scaling is None
    meeting.edit(edits.scaling.set_score, "liam", 8, reason="We have changed")
    scaling = meeting.load().conf.scaling
    assert scaling is not None
    assert scaling.polarity == "ten_is_safe"
    assert scaling.question == default_question("ten_is_safe", ["Ruby", "Mia", "Baby"])


def test_an_independent_round_stays_hidden_until_revealed(meeting: Meeting) -> None:
    meeting.edit(edits.scaling.set_independent, True)
    state = meeting.load()
    assert state.conf.scaling is not None and state.conf.scaling.independent
    assert not state.revealed
    with pytest.raises(EditError, match="No score has been written down"):
        meeting.edit(edits.scaling.reveal_scores)
    meeting.edit(edits.scaling.set_score, "sw", 3)
    meeting.edit(edits.scaling.set_score, "jodie", 7)
    with pytest.raises(EditError, match="once the scores are revealed"):
        meeting.edit(edits.scaling.set_reason, "sw", "why")
    meeting.edit(edits.scaling.reveal_scores)
    state = meeting.load()
    assert state.revealed and state.conf.scaling is not None and state.conf.scaling.independent
    meeting.edit(edits.scaling.set_reason, "sw", "Third incident")
    with pytest.raises(EditError, match="already show"):
        meeting.edit(edits.scaling.reveal_scores)
    meeting.edit(edits.scaling.set_independent, False)
    with pytest.raises(EditError, match="already shown"):  # a new hidden round needs no scores
        meeting.edit(edits.scaling.set_independent, True)
    assert meeting.load().revealed


def test_escalation_when_the_grading_is_low_on_a_ten_is_safe_scale(meeting: Meeting) -> None:
    meeting.edit(edits.scaling.set_overall, 3, AT)
    assert meeting.load().conf.escalation is None
    meeting.edit(edits.scaling.set_overall, 2, AT)  # at the threshold: due within 24 hours
    esc = meeting.load().conf.escalation
    assert esc is not None and esc.due_by == dt.datetime(2026, 11, 27, 11, 30)
    meeting.edit(
        edits.scaling.set_overall, 1, AT + dt.timedelta(hours=1)
    )  # the clock does not restart
    esc = meeting.load().conf.escalation
    assert esc is not None and esc.due_by == dt.datetime(2026, 11, 27, 11, 30)
    told = dt.datetime(2026, 11, 26, 12, 5)
    meeting.edit(edits.scaling.update_escalation, notified_at=told, to="  Service manager, East  ")
    esc = meeting.load().conf.escalation
    assert esc is not None and (esc.notified_at, esc.to) == (told, "Service manager, East")
    meeting.edit(edits.scaling.set_overall, 5, AT)  # back above: nothing is owed
    assert meeting.load().conf.escalation is None
    with pytest.raises(EditError, match="No escalation is due"):
        meeting.edit(edits.scaling.update_escalation, to="someone")
    meeting.edit(edits.scaling.set_overall, 1, AT)
    meeting.edit(edits.scaling.set_overall, None, AT)
    assert meeting.load().conf.escalation is None


def test_escalation_when_the_scale_is_turned_round(meeting: Meeting) -> None:
    meeting.edit(edits.scaling.set_question, polarity="ten_is_danger")
    meeting.edit(edits.scaling.set_overall, 2, AT)  # 2 = fairly safe on this scale
    assert meeting.load().conf.escalation is None
    meeting.edit(edits.scaling.set_overall, 8, AT)  # 8 = 2 read with 10 as safe
    assert meeting.load().conf.escalation is not None
    meeting.edit(edits.scaling.set_overall, 7, AT)
    assert meeting.load().conf.escalation is None


def test_a_concluded_conference_refuses_scaling_edits(store: Store) -> None:
    store.import_case(demo_case(DAY))
    icpc = Meeting(store, "DEMO-0001", "icpc")
    for call in (
        lambda: icpc.edit(edits.scaling.set_score, "sw", 5),
        lambda: icpc.edit(edits.scaling.set_overall, 5, AT),
        lambda: icpc.edit(edits.scaling.set_question, question="x"),
        lambda: icpc.edit(edits.scaling.set_independent, True),
    ):
        with pytest.raises(EditError, match="concluded"):
            call()


def test_the_wall_never_shows_a_hidden_score(meeting: Meeting) -> None:
    from cpchair.rules.wall import wall_scaling, wall_text

    meeting.edit(edits.scaling.set_independent, True)
    meeting.edit(edits.scaling.set_score, "jodie", 7)
    meeting.edit(edits.scaling.set_score, "pol", 1)
    meeting.edit(edits.scaling.set_overall, 4, AT)
    state = meeting.load()
    assert not state.revealed
    assert wall_scaling(state.conf, state.revealed) is None
    shown = wall_text(state.conf, state.case.children, state.revealed)
    assert "Mother" not in shown and "Detective" not in shown and "Overall" not in shown

    meeting.edit(edits.scaling.reveal_scores)
    meeting.edit(edits.scaling.set_reason, "jodie", "We have moved")
    state = meeting.load()
    scaling = wall_scaling(state.conf, state.revealed)
    assert scaling is not None
    # Roles, never names; the reasons stay off the wall.
    assert [(s.who, s.score) for s in scaling.scores] == [
        ("Mother", 7),
        ("Detective Constable, Public Protection Unit", 1),
    ]
    on_wall = " ".join([scaling.question, scaling.summary, *(s.who for s in scaling.scores)])
    assert "Jodie" not in on_wall and "Hadley" not in on_wall
    shown = wall_text(state.conf, state.case.children, state.revealed)
    assert "We have moved" not in shown
    assert "Lowest 1 · middle 4 · highest 7" in shown and "Overall 4" in shown


def test_no_escalation_where_the_area_has_no_such_rule(store: Store) -> None:
    """Derbyshire's procedures (004) have no escalation of a low grading (that is 002's)."""
    store.import_case(demo_case(DAY).model_copy(update={"profile": "derbyshire"}))
    meeting = Meeting(store, "DEMO-0001", "rcpc1")
    meeting.edit(edits.scaling.set_overall, 0, AT)
    assert meeting.load().conf.escalation is None
    with pytest.raises(EditError, match="No escalation is due"):
        meeting.edit(edits.scaling.update_escalation, to="someone")
