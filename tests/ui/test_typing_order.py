"""Keys sent as a fast typist sends them (all queued before the first is handled) land where
each was meant: the property the live meeting promises above all."""

from __future__ import annotations

from cpchair.store import Store
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_table import ScoreTable

from .helpers import burst
from .meeting_helpers import in_meeting, load_demo, meeting_app
from .test_scaling import scores


async def test_six_scores_in_one_burst_are_six_scores(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        people = table.keys()[:6]
        await burst(pilot, "3", "enter", "4", "enter", "5", "enter", "6", "enter", "7", "enter",
                    "8", "enter")  # fmt: skip
        got = {who: s for (who, child, _), s in scores(store).items() if child is None}
        assert {who: got[who][0] for who in people} == dict(zip(people, range(3, 9), strict=True))
        assert table.has_focus and table.current_key() == table.keys()[6]


async def test_a_reason_typed_straight_after_the_digit_is_that_persons(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "scaling")
        table = screen.query_one(ScoreTable)
        first, second = table.keys()[:2]
        await burst(pilot, "2", *"went up", "enter", "7", *"safer now", "enter")
        got = {who: s for (who, child, _), s in scores(store).items() if child is None}
        assert got[first] == (2, "went up")
        assert got[second] == (7, "safer now")
        assert not screen.query_one(ScoreReason).value
