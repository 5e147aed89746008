"""The capture line in the real app: tags typed after the text, at full typing speed, file the
entry whole; a name that fits no one, or more than one, keeps the line and saves nothing."""

from __future__ import annotations

from textual.widgets import Static

from cpchair.rules.wall import wall_text
from cpchair.store import Store
from cpchair.widgets.draft_input import DraftInput

from .helpers import burst
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app

LINE = "h: Ruby was pushed into a door frame [f] @owen #ruby"


async def test_a_line_with_its_tags_at_the_end_typed_in_one_burst_is_filed_whole(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        await burst(pilot, *LINE, "enter", *"s: Nan helps !")
        assert box.value == "s: Nan helps !"  # typed straight after Enter: the next line
        assert str(screen.query_one("#goes-to", Static).content) == "→ Strengths (conf.)"
    conf = conference(store)
    [entry] = conf.mapping
    assert (entry.column, entry.text, entry.nature, entry.source, entry.children) == (
        "past_harm", "Ruby was pushed into a door frame", "fact", "pol", ["c1"],
    )  # fmt: skip
    case = store.load_case(REF)
    assert case is not None
    shown = wall_text(conf, case.children, revealed=True)
    assert "Ruby was pushed into a door frame" in shown and "@" not in shown


async def test_a_name_that_fits_no_one_or_two_keeps_the_line_and_saves_nothing(
    store: Store,
) -> None:
    load_demo(store)
    # Names are data, never markup, in the message too.
    store.update_attendee(REF, "rcpc1", "ida", name="Joanne [b]Fenwick[/b]")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot, "mapping")
        box = screen.query_one("#capture", DraftInput)
        for line, said in (
            ("d: Dad may come back [a] @tim", "No one present matches @tim."),
            ("d: Dad may come back @jo",
             "@jo could be Joanne [b]Fenwick[/b] or Jodie Hadley: type more of the name."),
            ("d: Dad told @sam he may come back", "@sam is inside the text"),
        ):  # fmt: skip
            box.value = line
            await pilot.press("enter")
            assert box.value == line
            shown = str(screen.query_one("#status", Static).render())  # as drawn
            assert said in shown and "The line is kept." in shown
    assert conference(store).mapping == []
