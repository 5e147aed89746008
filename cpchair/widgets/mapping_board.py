"""The mapping on the chair's screen: three headings, six columns, the entries as cards.

Each heading is one scrolling view that draws its columns' cards a line at a time (Textual's
Line API), each card wrapped once and kept. A new entry changes the lines of one view and
nothing of the screen's layout, so with 200 entries on the board the minute-taker's Enter
redraws one column, not the screen. The board takes the keyboard when focused: arrows move a
cursor through the cards, the column letters (h d c s e g) choose the column the next entry
goes in, and the panel acts on the card under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Region
from textual.message import Message

from cpchair.capture import LETTERS, PREFIXES
from cpchair.caseio.schema import AttendeeDoc, ChildDoc, MappingEntryDoc
from cpchair.rules.child_names import first_name_of
from cpchair.vocab import MAPPING_GROUPS, MAPPING_LABELS, NATURE_LABELS
from cpchair.widgets.text_lines import CONSOLE, LineView

Names = dict[str, str]
_PARTS = ("group--title", "group--head", "group--target", "group--meta", "group--cursor",
          "group--secret")  # fmt: skip


def meta_line(entry: MappingEntryDoc, people: Names, children: Names) -> str:
    """What kind of entry, who said it, whom it is about: the line under the words."""
    meta = []
    if entry.nature:
        meta.append(NATURE_LABELS[entry.nature].lower())
    if entry.source:
        meta.append(people.get(entry.source, "someone who has left"))
    if entry.children:
        meta.append(", ".join(children.get(k, "?") for k in entry.children))
    if entry.confidential:
        meta.append("CONFIDENTIAL")
    return " · ".join(meta)


@dataclass(frozen=True)
class Card:
    entry_id: int
    entry: MappingEntryDoc
    meta: str


class GroupView(LineView):
    """One heading of the map (worries, working well, unclear) with its columns' cards."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(_PARTS)
    DEFAULT_CSS = """
    GroupView { width: 1fr; height: 1fr; border-right: vkey $panel; }
    GroupView > .group--title { text-style: bold reverse; }
    GroupView > .group--head { color: $accent; text-style: bold; }
    GroupView > .group--target { background: $accent-muted; }
    GroupView > .group--meta { color: $text-muted; }
    GroupView > .group--cursor { background: $accent-muted; }
    GroupView > .group--secret { color: $warning; }
    MappingBoard:focus GroupView > .group--cursor { background: $accent; color: $text; }
    MappingBoard:focus GroupView > .group--title { color: $text-accent; }
    """

    def __init__(self, title: str, columns: Sequence[str], *, id: str) -> None:
        super().__init__(id=id)
        self.title = title
        self.columns = tuple(columns)
        self.cards: dict[str, list[Card]] = {c: [] for c in columns}
        self.cursor: int | None = None
        self.target: str | None = None
        self._spans: dict[int, tuple[int, int]] = {}  # entry id: (first line, end line)
        self._heads: dict[str, int] = {}  # column: its heading's line
        self._wrapped: dict[int, tuple[object, list[Text]]] = {}  # each card's lines

    # --- what it holds -------------------------------------------------------------------------

    def ids(self, column: str | None = None) -> list[int]:
        columns = self.columns if column is None else (column,)
        return [card.entry_id for c in columns for card in self.cards[c]]

    def set_cards(self, column: str, cards: list[Card]) -> None:
        if cards != self.cards[column]:
            self.cards[column] = cards
            self.relayout()

    def set_cursor(self, entry_id: int | None) -> None:
        if entry_id != self.cursor:
            self.cursor = entry_id
            self.relayout()

    def set_target(self, column: str | None) -> None:
        if column != self.target:
            self.target = column
            self.relayout()

    # --- drawing -------------------------------------------------------------------------------

    def _wrap(self, width: int) -> None:
        """The heading, each column's head and its cards; a card's lines are kept, so a new
        card costs the wrapping of that card alone."""
        styles = {name: self.get_component_rich_style(name) for name in _PARTS}
        meta = Style(color=styles["group--meta"].color)
        secret = Style(color=styles["group--secret"].color)
        lines: list[Text] = list(Text(f" {self.title}").wrap(CONSOLE, width))
        for line in lines:  # the heading, wrapped if the column is narrow, as a full band
            line.pad_right(max(0, width - line.cell_len))
            line.stylize(styles["group--title"])
        spans: dict[int, tuple[int, int]] = {}
        heads: dict[str, int] = {}
        kept: dict[int, tuple[object, list[Text]]] = {}
        for column in self.columns:
            heads[column] = len(lines)
            head = Text(f" {LETTERS[column]}  {MAPPING_LABELS[column]} "
                        f"({len(self.cards[column])})", style=styles["group--head"])  # fmt: skip
            if column == self.target:
                head.pad_right(max(0, width - head.cell_len))
                head.stylize(styles["group--target"])
            lines.append(head)
            for card in self.cards[column]:
                start = len(lines)
                on_cursor = card.entry_id == self.cursor
                signature = (card, width, on_cursor, styles["group--cursor"], meta)
                cached = self._wrapped.get(card.entry_id)
                if cached is None or cached[0] != signature:
                    cached = (signature, self._card_lines(card, width, on_cursor, meta, secret,
                                                          styles["group--cursor"]))  # fmt: skip
                kept[card.entry_id] = cached
                lines += cached[1]
                spans[card.entry_id] = (start, len(lines))
                lines.append(Text(""))
            if not self.cards[column]:
                lines.append(Text(""))
        self._wrapped, self._lines, self._spans, self._heads = kept, lines, spans, heads

    @staticmethod
    def _card_lines(
        card: Card, width: int, on_cursor: bool, meta: Style, secret: Style, cursor: Style
    ) -> list[Text]:
        body = Text(card.entry.text)
        if card.meta:
            body.append("\n" + card.meta, style=meta)
        bar = Text("▌ " if card.entry.confidential else "  ", style=secret)
        lines = [Text.assemble(bar, line) for line in body.wrap(CONSOLE, max(4, width - 2))]
        if on_cursor:
            for line in lines:
                line.pad_right(max(0, width - line.cell_len))
                line.stylize(cursor)
        return lines

    # --- where things are ------------------------------------------------------------------------

    def show_entry(self, entry_id: int) -> None:
        span = self._spans.get(entry_id)
        if span is not None:
            self.scroll_to_region(Region(0, span[0], 1, span[1] - span[0]), animate=False,
                                  immediate=True)  # fmt: skip

    def show_column(self, column: str) -> None:
        line = self._heads.get(column)
        if line is not None:
            self.scroll_to_region(Region(0, line, 1, 2), animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        y = event.y + self.scroll_offset.y
        board = self.query_ancestor(MappingBoard)
        entry = next((i for i, (a, b) in self._spans.items() if a <= y < b), None)
        if entry is not None:
            board.move_to(entry)
        else:
            above = [c for c, line in self._heads.items() if line <= y]
            if above:
                board.action_target(above[-1])
        board.focus()


class MappingBoard(Horizontal, can_focus=True):
    DEFAULT_CSS = """
    MappingBoard { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("left", "group(-1)", "Left", show=False),
        Binding("right", "group(1)", "Right", show=False),
        *[
            Binding(letter, f"target('{column}')", MAPPING_LABELS[column], show=False)
            for letter, column in PREFIXES.items()
        ],
    ]

    class CursorMoved(Message):
        def __init__(self, entry_id: int | None) -> None:
            super().__init__()
            self.entry_id = entry_id

    class TargetChosen(Message):
        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, **kwargs: object) -> None:
        super().__init__(classes="board", **kwargs)  # type: ignore[arg-type]
        self.cursor: int | None = None
        self.target = "past_harm"
        self._column_of: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        for n, (title, columns) in enumerate(MAPPING_GROUPS):
            yield GroupView(title, columns, id=f"group-{n}")

    @property
    def groups(self) -> list[GroupView]:
        return list(self.query(GroupView))

    def group_of(self, column: str) -> GroupView:
        return next(g for g in self.groups if column in g.columns)

    def on_mount(self) -> None:
        self._mark_target()

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        # The cursor's colour depends on focus, and it is drawn into the lines.
        for group in self.groups:
            group._wrapped.clear()
            group.relayout()

    # --- drawing ---------------------------------------------------------------------------------

    def show(
        self,
        entries: Sequence[MappingEntryDoc],
        ids: Sequence[int],
        attendees: Sequence[AttendeeDoc],
        children: Sequence[ChildDoc],
    ) -> None:
        people = {a.key: a.name for a in attendees}
        kids = {c.key: first_name_of(c) for c in children}
        wanted: dict[str, list[Card]] = {c: [] for c in MAPPING_LABELS}
        for entry_id, entry in zip(ids, entries, strict=True):
            wanted[entry.column].append(Card(entry_id, entry, meta_line(entry, people, kids)))
        self._column_of = {i: e.column for i, e in zip(ids, entries, strict=True)}
        for column, cards in wanted.items():
            self.group_of(column).set_cards(column, cards)
        if self.cursor not in self._column_of:
            self.cursor = None
        self._mark_cursor()

    def append(
        self,
        entry_id: int,
        entry: MappingEntryDoc,
        attendees: Sequence[AttendeeDoc],
        children: Sequence[ChildDoc],
    ) -> None:
        """One new entry at the end of its column: the minute-taker's Enter, kept quick."""
        people = {a.key: a.name for a in attendees}
        kids = {c.key: first_name_of(c) for c in children}
        group = self.group_of(entry.column)
        cards = [*group.cards[entry.column], Card(entry_id, entry, meta_line(entry, people, kids))]
        group.set_cards(entry.column, cards)
        self._column_of[entry_id] = entry.column

    def rename(self, old: int, new: int) -> None:
        """An entry shown before it was written gets its database id."""
        column = self._column_of.pop(old, None)
        if column is None:
            return
        self._column_of[new] = column
        group = self.group_of(column)
        group.cards[column] = [
            Card(new, c.entry, c.meta) if c.entry_id == old else c for c in group.cards[column]
        ]
        group._wrapped.pop(old, None)
        if self.cursor == old:
            self.cursor = new
        group.cursor = new if group.cursor == old else group.cursor
        group.relayout()

    def entries(self) -> list[tuple[int, MappingEntryDoc]]:
        """What the board shows, column by column: for tests and for the panel."""
        return [(card.entry_id, card.entry) for g in self.groups for c in g.columns
                for card in g.cards[c]]  # fmt: skip

    def text(self) -> str:
        return "\n".join(g.text() for g in self.groups)

    # --- the cursor and the target column ---------------------------------------------------------

    def _group_index(self, column: str) -> int:
        return next(i for i, g in enumerate(self.groups) if column in g.columns)

    def move_to(self, entry_id: int | None) -> None:
        self.cursor = entry_id
        if entry_id is not None:
            self.target = self._column_of.get(entry_id, self.target)
            self._mark_target()
        self._mark_cursor()
        self.post_message(self.CursorMoved(entry_id))

    def _mark_cursor(self) -> None:
        for group in self.groups:
            mine = self.cursor if self.cursor in group.ids() else None
            group.set_cursor(mine)
            if mine is not None:
                group.show_entry(mine)

    def _mark_target(self) -> None:
        for group in self.groups:
            group.set_target(self.target if self.target in group.columns else None)

    def action_cursor(self, step: int) -> None:
        groups = [g.ids() for g in self.groups]
        if self.cursor is None:
            ids = groups[self._group_index(self.target)]
            if ids:
                self.move_to(ids[0] if step > 0 else ids[-1])
            return
        for ids in groups:
            if self.cursor in ids:
                i = max(0, min(len(ids) - 1, ids.index(self.cursor) + step))
                self.move_to(ids[i])
                return

    def action_group(self, step: int) -> None:
        groups = [g.ids() for g in self.groups]
        current = next(
            (g for g, ids in enumerate(groups) if self.cursor in ids),
            self._group_index(self.target),
        )
        g = (current + step) % len(groups)
        if groups[g]:
            self.move_to(groups[g][0])
        else:
            self.action_target(MAPPING_GROUPS[g][1][0])

    def action_target(self, column: str) -> None:
        """Choose the column for entries typed without a letter."""
        self.target = column
        self._mark_target()
        group = self.group_of(column)
        ids = group.ids(column)
        if ids:
            self.move_to(ids[-1])
        else:
            self.cursor = None
            self._mark_cursor()
            group.show_column(column)
        self.post_message(self.TargetChosen(column))

    def set_target(self, column: str) -> None:
        self.target = column
        self._mark_target()


__all__ = ["Card", "GroupView", "MappingBoard", "meta_line"]
