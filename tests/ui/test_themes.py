"""Themes: the app and the wall open in the theme the settings name, a theme chosen in the
app is kept for next time, and the two made for the room are legible."""

from __future__ import annotations

from typing import Any

from textual.color import Color

from cpchair import settings
from cpchair.app import CpchairApp, WallApp
from cpchair.focus_ring import contrast
from cpchair.store import Store
from cpchair.themes import HIGH_CONTRAST, PROJECTOR

from .helpers import DAY
from .meeting_helpers import REF, load_demo


def kept(key: str) -> Any:
    settings.forget_settings()
    return getattr(settings.load_settings(), key)


async def test_the_app_opens_in_the_theme_set_and_keeps_one_chosen(store: Store) -> None:
    settings.save_setting("theme", "cpchair-high-contrast")
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "cpchair-high-contrast"
        app.theme = "nord"  # as the command palette's "Change theme" does
        await pilot.pause()
        assert kept("theme") == "nord"
        assert kept("wall_theme") is None  # the wall's is its own


async def test_the_wall_has_its_own_theme_and_else_the_apps(store: Store) -> None:
    load_demo(store)
    settings.save_setting("theme", "nord")
    app = WallApp(store, REF, "rcpc1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert not app.has_class("-theme-cpchair-projector")
        app.theme = "cpchair-projector"
        await pilot.pause()
        assert app.has_class("-theme-cpchair-projector")
    assert (kept("theme"), kept("wall_theme")) == ("nord", "cpchair-projector")


async def test_an_unknown_theme_is_said_and_the_setting_left_alone(store: Store) -> None:
    settings.config_dir().mkdir(parents=True, exist_ok=True)
    settings.config_path().write_text('theme = "sparkly"\n', encoding="utf-8")
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        said = [n.message for n in app._notifications]
        assert any("There is no theme 'sparkly'" in m for m in said)
    assert settings.config_path().read_text(encoding="utf-8") == 'theme = "sparkly"\n'


def test_the_rooms_themes_are_legible() -> None:
    """Text on every ground of the high-contrast theme at least WCAG AAA (7 to 1); the
    projector's all black on white."""
    for theme, least in ((HIGH_CONTRAST, 7.0), (PROJECTOR, 20.0)):
        made = theme.to_color_system().generate()
        text = Color.parse(made["foreground"])
        for ground in ("background", "surface", "panel"):
            assert contrast(text, Color.parse(made[ground])) >= least, (theme.name, ground)
        for colour in ("primary", "error", "success", "warning"):
            assert contrast(Color.parse(made[colour]), Color.parse(made["background"])) >= 4.5


def test_the_wall_on_a_projector(snap_compare: Any, store: Store) -> None:
    load_demo(store)
    settings.save_setting("wall_theme", "cpchair-projector")
    assert snap_compare(WallApp(store, REF, "rcpc1"), terminal_size=(120, 36))
