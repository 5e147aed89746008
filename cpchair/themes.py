"""cpchair's own themes beside Textual's, and the theme chosen being kept in the settings.

Two are made for the room, not the desk:
- `cpchair-high-contrast`: black on white with deep, saturated colours, every pair of text
  and ground at least WCAG's 7 to 1, for a bright room or weak sight;
- `cpchair-projector`: as plain as can be for a wall across the room: black on white, no
  tinted panels, bold text, and the wall's headings as solid bars (`app.tcss`: Textual marks the app
  `-theme-cpchair-projector`).

The app's theme and the wall's are separate settings (`theme`, `wall_theme`): the chair's
laptop and the projector beside it want different things. A theme chosen in the app (the
command palette's "Change theme") is kept, as is one given on the command line.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

from cpchair.focus_ring import RingedApp

HIGH_CONTRAST = Theme(
    name="cpchair-high-contrast",
    primary="#0033A0",
    secondary="#4B0082",
    accent="#0033A0",
    warning="#7A3E00",
    error="#A0001C",
    success="#00551A",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E6E6E6",
    boost="#00000014",
    dark=False,
    variables={
        "text-muted": "#1A1A1A",
        "footer-key-foreground": "#0033A0",
        "block-cursor-background": "#0033A0",
        "block-cursor-foreground": "#FFFFFF",
        "input-selection-background": "#0033A0 35%",
    },
)

PROJECTOR = Theme(
    name="cpchair-projector",
    primary="#000000",
    secondary="#000000",
    accent="#0033A0",
    warning="#7A3E00",
    error="#A0001C",
    success="#00551A",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#FFFFFF",
    boost="#00000000",
    dark=False,
    luminosity_spread=0.0,
    variables={
        "text-muted": "#000000",
        "footer-key-foreground": "#000000",
        "block-cursor-background": "#000000",
        "block-cursor-foreground": "#FFFFFF",
    },
)

OURS = {t.name: t for t in (HIGH_CONTRAST, PROJECTOR)}


def theme_names() -> list[str]:
    """Every theme a setting or `--theme` may name: ours first, then Textual's."""
    return [*OURS, *sorted(BUILTIN_THEMES)]


class ThemedApp(RingedApp):
    """An app with cpchair's themes, showing the one its setting names (`setting`: "theme"
    or "wall_theme") and keeping the one the person chooses."""

    setting = "theme"

    def __init__(self) -> None:
        super().__init__()
        for theme in OURS.values():
            self.register_theme(theme)
        self._kept: str | None = None

    def use_chosen_theme(self) -> None:
        """Show the theme the settings name; then keep each change the person makes. An
        unknown name is said once, and Textual's default stays."""
        from cpchair.settings import load_settings

        settings = load_settings()
        # The wall without a theme of its own looks like the app.
        chosen = getattr(settings, self.setting) or settings.theme
        if chosen is not None and chosen != self.theme:
            if chosen in self.available_themes:
                self.theme = chosen
            else:
                self.notify(
                    f"There is no theme {chosen!r}: the {self.setting.replace('_', ' ')} "
                    f"setting is left as it is and the usual colours are used.",
                    title="Settings",
                    severity="warning",
                    markup=False,
                )
        self._kept = chosen if chosen in self.available_themes else self.theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    def _keep_theme(self, theme: Theme) -> None:
        from cpchair.settings import SettingError, save_setting

        if theme.name == self._kept:
            return
        self._kept = theme.name
        try:
            save_setting(self.setting, theme.name)
        except (SettingError, OSError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(f"The theme is not kept for next time: {why}.", title="Settings",
                        severity="warning", markup=False)  # fmt: skip
