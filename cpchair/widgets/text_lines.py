"""Long text drawn a line at a time: blocks wrapped once each, lines drawn only on screen.

For views that hold a lot of text and change a little at a time (the wall's columns): a
Static would wrap and draw everything again on every change. Here each block keeps its
wrapped lines until its text or the width changes, and Textual asks only for the lines it
shows (the Line API).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

_CONSOLE = Console(width=400, markup=False, emoji=False)


class LineView(Widget):
    """Lines of text kept wrapped, drawn one at a time as Textual asks for them.

    A subclass fills `_lines` in `_wrap(width)`, which runs again only after `_width` is
    reset to -1 (by `relayout()`), so drawing a line never wraps anything again.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}  # lines drawn, kept until the text changes
        self._width = -1

    def relayout(self, *, layout: bool = True) -> None:
        self._width = -1
        self.refresh(layout=layout)

    def _wrap(self, width: int) -> None:
        raise NotImplementedError

    def _ensure(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self._strips = {}
            self._wrap(width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._ensure(width)
        return max(1, len(self._lines))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._ensure(width)
        style = self.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, style)
        strip = self._strips.get(y)
        if strip is None:
            line = self._lines[y].copy()
            line.stylize_before(style)
            strip = Strip(line.render(self.app.console), line.cell_len)
            strip = strip.extend_cell_length(width, style).crop(0, width)
            self._strips[y] = strip
        return strip


class TextLines(LineView):
    DEFAULT_CSS = """
    TextLines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.blocks: list[Text] = []
        self._wrapped: dict[int, tuple[Text, int, list[Text]]] = {}  # position: (block, width)

    def set_blocks(self, blocks: Sequence[Text]) -> None:
        blocks = list(blocks)
        if blocks != self.blocks:
            self.blocks = blocks
            self.relayout()

    def plain(self) -> str:
        return "\n".join(block.plain for block in self.blocks)

    def _wrap(self, width: int) -> None:
        """Each block keeps its lines until its text or the width changes."""
        lines: list[Text] = []
        kept = {}
        for i, block in enumerate(self.blocks):
            cached = self._wrapped.get(i)
            if cached is None or cached[0] != block or cached[1] != width:
                cached = (block, width, list(block.wrap(_CONSOLE, max(4, width))))
            kept[i] = cached
            lines += cached[2]
        self._wrapped, self._lines = kept, lines
