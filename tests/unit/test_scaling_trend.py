"""The scaling over time: each conference's overall scale, read in one direction."""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.schema import AttendeeDoc, ConferenceDoc, ScalingDoc, ScoreDoc
from cpchair.rules.scaling_trend import cells, direction_words, scaling_trend

PEOPLE = [
    AttendeeDoc(key="sw", name="W", role="Social worker", agency="childrens_social_care",
                attendance="present", votes=True),
    AttendeeDoc(key="pol", name="P", role="Officer", agency="police", attendance="present",
                votes=True),
    AttendeeDoc(key="mum", name="M", role="Mother", agency="family", attendance="present"),
    AttendeeDoc(key="dad", name="D", role="Father", agency="family", attendance="present"),
    AttendeeDoc(key="kid", name="K", role="Child", agency="child", attendance="present"),
    AttendeeDoc(key="obs", name="O", role="Student", agency="observer", attendance="present"),
]  # fmt: skip


def conference(
    key: str,
    day: dt.date,
    *scores: tuple[str, int],
    polarity: str = "ten_is_safe",
    overall: int | None = None,
    kind: str = "review",
    narrower: bool = False,
) -> ConferenceDoc:
    given = [ScoreDoc(attendee=a, score=s, reason="") for a, s in scores]
    if narrower:  # a child's scale: never on the chart
        given.append(ScoreDoc(attendee="sw", score=0, reason="", child="ruby"))
    scaling = ScalingDoc(question="q", polarity=polarity, scores=given, overall=overall)  # type: ignore[arg-type]
    return ConferenceDoc(key=key, kind=kind, date=day, chair="C", status="concluded",  # type: ignore[arg-type]
                         attendees=PEOPLE, scaling=scaling)  # fmt: skip


ICPC = conference("icpc", dt.date(2026, 3, 3), ("sw", 2), ("pol", 3), ("mum", 6), ("dad", 5),
                  ("kid", 9), ("obs", 0), overall=3, kind="initial", narrower=True)  # fmt: skip
RCPC = conference("rcpc", dt.date(2026, 6, 2), ("sw", 4), ("pol", 5), ("mum", 7), overall=5)


def test_each_conference_gives_lowest_median_highest_both_sides_and_the_grading() -> None:
    trend = scaling_trend([ICPC, RCPC])
    first, second = trend.points
    # The observer's 0 and the child's 9 are not the adults' sides; the child's counts in the
    # range (everyone who scales), the observer's never (they do not scale).
    assert (first.lowest, first.median, first.highest) == (2, 5, 9)
    assert (first.family, first.professionals, first.overall) == (5.5, 2.5, 3)
    assert (first.date, first.kind, first.count) == (dt.date(2026, 3, 3), "initial", 5)
    assert cells(second) == ("4", "5", "7", "7", "4.5", "5")
    assert trend.polarity == "ten_is_safe" and not trend.any_turned


def test_a_conference_not_scaled_is_left_out_and_upto_stops_the_line() -> None:
    unscaled = ICPC.model_copy(update={"key": "next", "scaling": None})
    assert [p.conference for p in scaling_trend([ICPC, RCPC, unscaled]).points] == [
        "icpc",
        "rcpc",
    ]
    assert [p.conference for p in scaling_trend([ICPC, RCPC], upto="icpc").points] == ["icpc"]


def test_a_grading_alone_is_a_point() -> None:
    only = conference("g", dt.date(2026, 9, 1), overall=4)
    (point,) = scaling_trend([only]).points
    assert (point.count, point.median, point.overall) == (0, None, 4)


def test_a_conference_scaled_the_other_way_round_is_turned_and_marked() -> None:
    # The review turned the scale round: 10 = most danger. Read in the review's direction,
    # the initial conference's scores are 10 minus each, its lowest now the highest shown.
    danger = conference("rcpc", dt.date(2026, 6, 2), ("sw", 6), ("pol", 5), ("mum", 3),
                        polarity="ten_is_danger", overall=5)  # fmt: skip
    trend = scaling_trend([ICPC, danger])
    first, second = trend.points
    assert trend.polarity == "ten_is_danger" and trend.safe_at == 0
    assert first.turned and not second.turned
    assert (first.lowest, first.median, first.highest) == (1, 5, 8)
    assert (first.family, first.professionals, first.overall) == (4.5, 7.5, 7)
    assert (second.lowest, second.highest, second.overall) == (3, 6, 5)
    assert any("3 Mar 2026 scaled the other way round" in n for n in trend.notes())
    # Drawn for the initial conference, the review is the one turned instead.
    back = scaling_trend([ICPC, danger], polarity="ten_is_safe")
    assert not back.points[0].turned and back.points[1].turned
    assert back.points[1].overall == 5 and back.points[1].median == 5


def test_the_direction_is_the_drawn_conference_s_own() -> None:
    danger = conference("rcpc", dt.date(2026, 6, 2), ("sw", 6), polarity="ten_is_danger")
    assert scaling_trend([ICPC, danger], upto="icpc").polarity == "ten_is_safe"
    assert scaling_trend([ICPC, danger]).polarity == "ten_is_danger"
    assert direction_words("ten_is_danger").startswith("0 = safe enough to close")


def test_a_hidden_round_shows_no_score_but_the_grading() -> None:
    (_, point) = scaling_trend([ICPC, RCPC], hidden="rcpc").points
    assert point.hidden and point.count == 0
    assert cells(point) == ("hidden",) * 5 + ("5",)
    assert "written down" in " ".join(scaling_trend([ICPC, RCPC], hidden="rcpc").notes())


def test_the_notes_say_only_the_overall_scale_is_charted() -> None:
    assert "Only the overall scale" in scaling_trend([ICPC]).notes()[-1]
