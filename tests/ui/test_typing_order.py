"""Keys sent as a fast typist sends them (all queued before the first is handled) land where
each was meant: the property the live meeting promises above all."""

from __future__ import annotations

import asyncio

from cpchair.screens.stages.decision import VoteGrid
from cpchair.store import Store
from cpchair.widgets.key_mode import KEYS, TYPING, WORD_GAP, KeyMode
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_table import ScoreTable

from .helpers import burst
from .meeting_helpers import conference, in_meeting, load_demo, meeting_app, status
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


async def test_a_word_typed_into_the_grid_changes_nothing_and_says_why(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "decision")
        grid = screen.query_one(VoteGrid)
        assert str(screen.query_one(KeyMode).content) == KEYS
        # "Dad drinks": its d would open the decision window and its n give a view.
        await burst(pilot, *"Dad drinks")
        assert pilot.app.screen is screen and screen.focused is grid
        assert "Not used: “Dad drinks”. Letters are commands here" in status(pilot)
        assert conference(store).votes == []
        await asyncio.sleep(WORD_GAP)  # a person reads the hint
        await burst(pilot, "p")  # a command, once the word has ended, works
        assert str(screen.query_one(KeyMode).content) == TYPING
    assert [(v.attendee, v.child, v.vote) for v in conference(store).votes] == [
        ("sw", "c1", "plan")
    ]
