"""A stage whose screen is not built yet: it says so and what to use meanwhile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from cpchair.screens.stages.base import StagePanel
from cpchair.vocab import STAGE_LABELS


def placeholder(stage_code: str) -> type[StagePanel]:
    class Placeholder(StagePanel):
        stage = stage_code

        def compose(self) -> ComposeResult:
            yield Static(STAGE_LABELS[stage_code], classes="section-title")
            yield Static("This stage's screen is still to come.", classes="hint")

        def focus_first(self) -> None:
            self.screen.set_focus(None)

    return Placeholder
