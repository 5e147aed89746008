"""`cpchair wall REF` on its own: the second window the room sees starts and shows the case."""

from __future__ import annotations

from cpchair.app import WallApp
from cpchair.screens.wall import WallScreen
from cpchair.store import Store

from .meeting_helpers import REF, load_demo


async def test_the_wall_starts_on_its_own_and_shows_the_board(store: Store) -> None:
    load_demo(store)
    app = WallApp(store, REF, "rcpc1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WallScreen)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "WHAT WE ARE WORRIED ABOUT" in shown
        app.theme = "textual-light"  # every theme gives the focus ring its colour
        await pilot.pause()
        assert app.get_css_variables()["focus-ring"]
