"""The focus ring's colour stands out in every theme the command palette offers."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from cpchair.focus_ring import MIN_CONTRAST, contrast, focus_ring


@pytest.mark.parametrize("name", sorted(n for n in BUILTIN_THEMES if not n.startswith("ansi")))
def test_the_ring_stands_out_from_the_background_and_the_surface(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    variables = theme.to_color_system().generate()
    ring = Color.parse(focus_ring(theme))
    for ground in ("background", "surface"):
        assert contrast(ring, Color.parse(variables[ground])) >= MIN_CONTRAST, ground


def test_a_faint_accent_gives_way_to_the_primary() -> None:
    # Textual's light theme: an orange accent on light grey is 1.5 to 1.
    theme = BUILTIN_THEMES["textual-light"]
    assert focus_ring(theme) == theme.to_color_system().generate()["primary"]
    dark = BUILTIN_THEMES["textual-dark"]
    assert focus_ring(dark) == dark.to_color_system().generate()["accent"]


def test_an_ansi_theme_keeps_its_accent() -> None:
    theme = BUILTIN_THEMES["ansi-dark"]
    assert focus_ring(theme) == theme.to_color_system().generate()["accent"]


def test_contrast_is_wcags() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(10, 20, 30), Color(10, 20, 30)) == pytest.approx(1.0)
