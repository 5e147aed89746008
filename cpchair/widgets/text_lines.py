"""Long text drawn a line at a time, in a view that scrolls by itself.

For views that hold a lot of text and change a little at a time (the mapping's headings, the
wall's columns): a Static would wrap and draw everything again on every change, and its new
height would lay out the whole screen. Here the text is wrapped once (a subclass keeps what
it can between changes), Textual asks only for the lines it shows (the Line API), and the
scrolling height grows in steps, so a new line seldom changes the screen's layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

CONSOLE = Console(width=400, markup=False, emoji=False)
GROW = 40  # lines added to the scrolling height at a time


class LineView(ScrollView, can_focus=False):
    """Wrapped lines, drawn one at a time. A subclass fills `_lines` in `_wrap(width)`, which
    runs again only after `relayout()`."""

    DEFAULT_CSS = """
    LineView { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}  # lines drawn, kept until the text changes
        self._width = -1

    def _wrap(self, width: int) -> None:
        raise NotImplementedError

    def relayout(self) -> None:
        """Wrap again at the current width; the screen's layout is left alone if it can be."""
        self._width = -1
        self._ensure()
        self.refresh()

    def on_resize(self) -> None:
        self.relayout()

    def _ensure(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width or width <= 0:
            return
        self._width = width
        self._strips = {}
        self._wrap(width)
        # All of it fits: no scroll bar. Else blank lines fill the rest of a step.
        count, view = len(self._lines), self.size.height
        height = view if count <= view else -(-count // GROW) * GROW
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)

    def render_line(self, y: int) -> Strip:
        self._ensure()
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        strip = self._strips.get(index)
        if strip is None:
            line = self._lines[index].copy()
            # Under everything the widget's own colours, then the line's base style, then
            # its spans (a Text's base style would otherwise sit under the widget's).
            base, line.style = line.style, ""
            line.stylize_before(base)
            line.stylize_before(style)
            strip = Strip(line.render(self.app.console), line.cell_len)
            strip = strip.extend_cell_length(width, style).crop(0, width)
            self._strips[index] = strip
        return strip

    def text(self) -> str:
        """Everything drawn, as plain text: for tests and benchmarks."""
        self._ensure()
        return "\n".join(line.plain for line in self._lines)


class TextLines(LineView):
    """Blocks of text, each wrapped once and kept until its text or the width changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.blocks: list[Text] = []
        # Wrapped lines by the block's text and styles and the width: a block keeps its lines
        # when others are added before it.
        self._wrapped: dict[tuple[object, ...], list[Text]] = {}

    def set_blocks(self, blocks: Sequence[Text]) -> None:
        blocks = list(blocks)
        if blocks != self.blocks:
            self.blocks = blocks
            self.relayout()

    def plain(self) -> str:
        return "\n".join(block.plain for block in self.blocks)

    def _wrap(self, width: int) -> None:
        lines: list[Text] = []
        kept: dict[tuple[object, ...], list[Text]] = {}
        for block in self.blocks:
            key = (block.plain, tuple(block.spans), str(block.style), width)
            wrapped = kept.get(key) or self._wrapped.get(key)
            if wrapped is None:
                wrapped = list(block.wrap(CONSOLE, max(4, width)))
            kept[key] = wrapped
            lines += wrapped
        self._wrapped, self._lines = kept, lines
