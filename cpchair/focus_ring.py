"""The colour that marks the focused field, chosen per theme so it stands out in every one.

A theme's accent is striking on a dark background but can be faint on a light one (Textual's
light theme pairs an orange accent with a light grey surface: 1.5 to 1). The ring takes the
first of the theme's own colours that stands out from both the background and the surface by
at least WCAG's 3 to 1 for interface parts, so a projector's washed-out picture still shows it.
`app.tcss` uses it as `$focus-ring`.
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color
from textual.theme import Theme

MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: a focus indicator against what is next to it
CANDIDATES = ("accent", "primary", "warning", "secondary", "foreground")


def luminance(color: Color) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_ring(theme: Theme) -> str:
    """The `$focus-ring` colour for `theme`, as CSS."""
    variables = theme.to_color_system().generate()
    grounds = [Color.parse(variables[name]) for name in ("background", "surface")]
    if any(g.a == 0 or g.ansi is not None for g in grounds):
        # An ANSI theme leaves the colours to the terminal: nothing to measure.
        return variables["accent"]
    best, best_contrast = variables["foreground"], 0.0
    for name in CANDIDATES:
        colour = Color.parse(variables[name])
        worst = min(contrast(colour, g) for g in grounds)
        if worst >= MIN_CONTRAST:
            return variables[name]
        if worst > best_contrast:
            best, best_contrast = variables[name], worst
    return best


class RingedApp(App[None]):
    """An app styled by `app.tcss`, which needs `$focus-ring`: the meeting and the wall."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Asked again at every change of theme, so the ring follows the theme.
        return {"focus-ring": focus_ring(self.current_theme)}
