"""The strip of stages across the top of the live meeting, and the fuller list beside it.

The strip fits 80 columns: each stage as its number and mark (· not begun, ◐ begun, ✓ done,
! needs attention; begun shows brighter than not begun), the current one named, and the
clocks on the right. The list, for wider screens (or F4), adds each stage's name and the time
spent in it. A click on either goes to that stage.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cpchair.rules.stages import (
    MARK_SYMBOLS,
    Clock,
    Mark,
    show_duration,
    show_minutes,
    stage_number,
)
from cpchair.vocab import STAGE_SHORT_LABELS, STAGES


class StageChosen(Message):
    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage


class StageChip(Static):
    DEFAULT_CSS = """
    StageChip { width: auto; padding: 0 1 0 0; color: $text-muted; }
    StageChip.-current { color: $text; background: $accent; text-style: bold; padding: 0 1; }
    StageChip.-started { color: $text; }
    StageChip.-done { color: $text-success; }
    StageChip.-attention { color: $text-error; text-style: bold; }
    StageChip:hover { text-style: underline; }
    """

    def __init__(self, stage: str) -> None:
        super().__init__(f"{stage_number(stage)}·", id=f"chip-{stage}", markup=False)
        self.stage = stage

    def set_state(self, mark: Mark, current: bool) -> None:
        text = f"{stage_number(self.stage)}{MARK_SYMBOLS[mark]}"
        if current:
            text += f" {STAGE_SHORT_LABELS[self.stage]}"
        if str(self.content) != text:
            self.update(text)
        self.set_class(current, "-current")
        self.set_class(mark == "started" and not current, "-started")
        self.set_class(mark == "done" and not current, "-done")
        self.set_class(mark == "attention" and not current, "-attention")

    def on_click(self) -> None:
        self.post_message(StageChosen(self.stage))


class StageBar(Horizontal):
    DEFAULT_CSS = """
    StageBar { height: 1; background: $panel; padding: 0 1; }
    StageBar #clock { width: 1fr; text-align: right; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        for stage in STAGES:
            yield StageChip(stage)
        yield Static("", id="clock", markup=False)

    def show(self, marks: dict[str, Mark], current: str, clock: Clock) -> None:
        for chip in self.query(StageChip):
            chip.set_state(marks.get(chip.stage, "todo"), chip.stage == current)
        self.show_clock(clock)

    def show_clock(self, clock: Clock) -> None:
        meeting = f"meeting {show_duration(clock.total)}"
        text = f"concluded · {meeting}" if clock.stopped else (
            f"stage {show_duration(clock.in_current)} · {meeting}")  # fmt: skip
        self.query_one("#clock", Static).update(
            text,
            layout=False,  # a fixed line: the tick each second must not lay out the screen
        )


class StageList(OptionList):
    """Every stage with its mark and the time spent in it."""

    DEFAULT_CSS = """
    StageList { width: 26; dock: left; border: none; border-right: vkey $panel; padding: 0; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(*[Option(stage, id=stage) for stage in STAGES], **kwargs)

    def show(self, marks: dict[str, Mark], current: str, clock: Clock) -> None:
        for i, stage in enumerate(STAGES):
            spent = show_minutes(clock.per_stage.get(stage, dt.timedelta()))
            mark = MARK_SYMBOLS[marks.get(stage, "todo")]
            text = f"{stage_number(stage)} {mark} {STAGE_SHORT_LABELS[stage]:<9}{spent:>6}"
            self.replace_option_prompt_at_index(i, text)
        self.highlighted = STAGES.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(StageChosen(event.option.id))
