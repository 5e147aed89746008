"""The mapping, the danger statements and the revealed scaling, drawn for the room to read.

Everything comes from `rules/wall.py`, which leaves out whatever is not family-safe; this
widget only lays it out: large headings, plenty of space, strong contrast.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from cpchair.caseio.schema import ChildDoc, ConferenceDoc
from cpchair.rules.wall import ALLEGATION, WallGroup, wall_dangers, wall_mapping, wall_scaling
from cpchair.widgets.text_lines import TextLines


def group_blocks(group: WallGroup) -> list[Text]:
    """A heading's sections as blocks of text, one per entry, so each wraps once."""
    blocks = []
    for section in group.sections:
        blocks.append(Text(section.title.upper(), style="bold underline"))
        if not section.items:
            blocks.append(Text("—\n", style="dim"))
        for item in section.items:
            block = Text("■ ", style="bold")
            block.append(item.text, style="bold")
            if item.allegation:
                block.append(f" {ALLEGATION}", style="italic")
            if item.about:
                block.append(f"  ({item.about})", style="italic")
            block.append("\n")
            blocks.append(block)
    return blocks


class WallBoard(Vertical):
    DEFAULT_CSS = """
    WallBoard { background: $background; color: $foreground; }
    WallBoard #wall-map { height: 2fr; }
    WallBoard #wall-map > Vertical { width: 1fr; padding: 0 2; border-right: tall $panel; }
    WallBoard .wall-title {
        text-style: bold; background: $primary; color: $text; padding: 0 1; width: 100%;
        height: 1; margin-bottom: 1;
    }
    WallBoard #wall-lower { height: 1fr; border-top: tall $panel; }
    WallBoard #wall-lower > Vertical { width: 1fr; padding: 0 2; }
    WallBoard .wall-body { width: 100%; height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        # Titles of a fixed height above views that scroll by themselves: new text on the
        # wall redraws its own column and never lays the screen out again.
        with Horizontal(id="wall-map"):
            for n in range(3):
                with Vertical(id=f"wall-col-{n}"):
                    yield Static("", classes="wall-title", id=f"wall-title-{n}", markup=False)
                    yield TextLines(classes="wall-body", id=f"wall-body-{n}")
        with Horizontal(id="wall-lower"):
            with Vertical(id="wall-dangers-box"):
                yield Static("DANGER STATEMENTS AND SAFETY GOALS", classes="wall-title")
                yield TextLines(classes="wall-body", id="wall-dangers")
            with Vertical(id="wall-scaling-box"):
                yield Static("SCALING", classes="wall-title")
                yield TextLines(classes="wall-body", id="wall-scaling")

    def show(self, conf: ConferenceDoc, children: Sequence[ChildDoc], revealed: bool) -> None:
        for n, group in enumerate(wall_mapping(conf, children)):
            title = self.query_one(f"#wall-title-{n}", Static)
            if str(title.content) != group.title.upper():
                title.update(group.title.upper(), layout=False)
            self.query_one(f"#wall-body-{n}", TextLines).set_blocks(group_blocks(group))

        dangers = Text()
        for n, d in enumerate(wall_dangers(conf, children), start=1):
            if d.statement:
                dangers.append(f"Danger {n}: ", style="bold")
                dangers.append(d.statement, style="bold")
                if d.about:
                    dangers.append(f"  ({d.about})", style="italic")
                dangers.append("\n")
            for goal in d.goals:
                dangers.append("  Safety goal: ", style="bold")
                dangers.append(f"{goal}\n")
            dangers.append("\n")
        self.query_one("#wall-dangers", TextLines).set_blocks([dangers or Text("—", style="dim")])

        scaling = wall_scaling(conf, revealed)
        text = Text()
        if scaling is None:
            hidden = conf.scaling is not None and not revealed
            text.append("Scores are being written down." if hidden else "Not scaled yet.",
                        style="dim")  # fmt: skip
        else:
            text.append(f"{scaling.question}\n\n")
            for s in scaling.scores:
                text.append(f"{s.line}\n", style="bold")
            if scaling.summary:
                text.append(f"\n{scaling.summary}\n", style="bold")
            if scaling.overall is not None:
                text.append(f"\nOverall: {scaling.overall}\n", style="bold reverse")
        self.query_one("#wall-scaling", TextLines).set_blocks([text])
