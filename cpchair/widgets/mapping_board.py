"""The mapping on the chair's screen: three headings, six columns, the entries as cards.

Each column draws all its cards as one widget, wrapped to its width, rather than a widget per
card: with 200 entries on the board, a keystroke or a new entry then costs a redraw of one
column, not a layout of two hundred widgets. The board takes the keyboard when focused:
arrows move a cursor through the cards, the column letters (h d c s e g) choose the column
the next entry goes in, and the panel acts on the card under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from cpchair.capture import LETTERS, PREFIXES
from cpchair.caseio.schema import AttendeeDoc, ChildDoc, MappingEntryDoc
from cpchair.vocab import MAPPING_GROUPS, MAPPING_LABELS, NATURE_LABELS
from cpchair.widgets.text_lines import LineView

Names = dict[str, str]
_CONSOLE = Console(width=200, no_color=False, markup=False, emoji=False)


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


class Cards(LineView):
    """Every card of one column, drawn as wrapped lines; knows which lines are whose."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cards--meta", "cards--cursor", "cards--secret"}
    DEFAULT_CSS = """
    Cards { height: auto; padding: 0 0 0 0; }
    Cards > .cards--meta { color: $text-muted; }
    Cards > .cards--cursor { background: $accent-muted; }
    Cards > .cards--secret { color: $warning; }
    MappingBoard:focus Cards > .cards--cursor { background: $accent; color: $text; }
    """

    def __init__(self, column: str) -> None:
        super().__init__(id=f"cards-{column}")
        self.column = column
        self.cards: list[Card] = []
        self.cursor: int | None = None
        self._spans: dict[int, tuple[int, int]] = {}  # entry id: (first line, end line)
        self._wrapped: dict[int, tuple[object, list[Text]]] = {}  # each card's lines

    def set_cards(self, cards: list[Card]) -> None:
        if cards != self.cards:
            self.cards = cards
            self.relayout()

    def set_cursor(self, entry_id: int | None) -> None:
        if entry_id != self.cursor:
            self.cursor = entry_id
            self.relayout(layout=False)

    def ids(self) -> list[int]:
        return [c.entry_id for c in self.cards]

    def _wrap(self, width: int) -> None:
        """Lay the cards out in lines `width` wide. Each card's lines are kept, so a new card
        costs the wrapping of that card alone."""
        # Whole styles, for colours blended with the background (a muted grey), then the
        # meta and confidential bar keep only their colour over the column's own background.
        meta, cursor, secret = (
            self.get_component_rich_style(name)
            for name in ("cards--meta", "cards--cursor", "cards--secret")
        )
        styles = (Style(color=meta.color), cursor, Style(color=secret.color))
        lines: list[Text] = []
        spans: dict[int, tuple[int, int]] = {}
        kept: dict[int, tuple[object, list[Text]]] = {}
        for card in self.cards:
            start = len(lines)
            signature = (card, width, card.entry_id == self.cursor, styles)
            cached = self._wrapped.get(card.entry_id)
            if cached is None or cached[0] != signature:
                cached = (signature, self._card_lines(card, width, *styles))
            kept[card.entry_id] = cached
            lines += cached[1]
            spans[card.entry_id] = (start, len(lines))
            lines.append(Text(""))
        self._wrapped = kept
        self._lines, self._spans = lines, spans

    def _card_lines(
        self, card: Card, width: int, meta_style: Style, cursor_style: Style, secret_style: Style
    ) -> list[Text]:
        body = Text(card.entry.text)
        if card.meta:
            body.append("\n" + card.meta, style=meta_style)
        bar = Text("▌ " if card.entry.confidential else "  ", style=secret_style)
        lines = [Text.assemble(bar, line) for line in body.wrap(_CONSOLE, max(4, width - 2))]
        if card.entry_id == self.cursor:
            for line in lines:
                line.pad_right(max(0, width - line.cell_len))
                line.stylize(cursor_style)
        return lines

    def region_of(self, entry_id: int) -> Region | None:
        span = self._spans.get(entry_id)
        if span is None:
            return None
        return Region(0, span[0], self.size.width, span[1] - span[0])

    def entry_at(self, y: int) -> int | None:
        return next((i for i, (a, b) in self._spans.items() if a <= y < b), None)

    def on_click(self, event: events.Click) -> None:
        entry_id = self.entry_at(event.y)
        if entry_id is not None:
            board = next(a for a in self.ancestors if isinstance(a, MappingBoard))
            board.move_to(entry_id)
            board.focus()


class Section(Vertical):
    DEFAULT_CSS = """
    Section { height: auto; }
    Section > .section-head { color: $text-accent; text-style: bold; padding: 0 1; }
    Section.-target > .section-head { background: $accent-muted; }
    """

    def __init__(self, column: str) -> None:
        super().__init__(id=f"section-{column}")
        self.column = column

    def compose(self) -> ComposeResult:
        yield Static(self._head(0), classes="section-head", markup=False)
        yield Cards(self.column)

    def _head(self, count: int) -> str:
        return f"{LETTERS[self.column]}  {MAPPING_LABELS[self.column]} ({count})"

    @property
    def cards(self) -> Cards:
        return self.query_one(Cards)

    def card_ids(self) -> list[int]:
        return self.cards.ids()

    def set_count(self, count: int) -> None:
        head = self.query_one(".section-head", Static)
        text = self._head(count)
        if str(head.content) != text:
            head.update(text, layout=False)


class MappingBoard(Horizontal, can_focus=True):
    DEFAULT_CSS = """
    MappingBoard { height: 1fr; }
    MappingBoard > VerticalScroll { width: 1fr; border-right: vkey $panel; }
    MappingBoard .group-title { text-style: bold reverse; padding: 0 1; width: 100%; }
    MappingBoard:focus .group-title { color: $text-accent; }
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
        for title, columns in MAPPING_GROUPS:
            with VerticalScroll(can_focus=False):
                yield Static(title, classes="group-title", markup=False)
                for column in columns:
                    yield Section(column)

    def on_mount(self) -> None:
        self._mark_target()

    def on_focus(self) -> None:
        self._refresh_cards()

    def on_blur(self) -> None:
        self._refresh_cards()

    def _refresh_cards(self) -> None:
        # The cursor's colour depends on focus, and it is drawn into the column's lines.
        for cards in self.query(Cards):
            cards.relayout(layout=False)

    # --- drawing ---------------------------------------------------------------------------------

    def show(
        self,
        entries: Sequence[MappingEntryDoc],
        ids: Sequence[int],
        attendees: Sequence[AttendeeDoc],
        children: Sequence[ChildDoc],
    ) -> None:
        people = {a.key: a.name for a in attendees}
        kids = {c.key: c.first_name for c in children}
        wanted: dict[str, list[Card]] = {c: [] for c in MAPPING_LABELS}
        for entry_id, entry in zip(ids, entries, strict=True):
            wanted[entry.column].append(Card(entry_id, entry, meta_line(entry, people, kids)))
        self._column_of = {i: e.column for i, e in zip(ids, entries, strict=True)}
        for section in self.query(Section):
            section.set_count(len(wanted[section.column]))
            section.cards.set_cards(wanted[section.column])
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
        kids = {c.key: c.first_name for c in children}
        section = self.query_one(f"#section-{entry.column}", Section)
        cards = section.cards
        cards.set_cards([*cards.cards, Card(entry_id, entry, meta_line(entry, people, kids))])
        section.set_count(len(cards.cards))
        self._column_of[entry_id] = entry.column

    def rename(self, old: int, new: int) -> None:
        """An entry shown before it was written gets its database id."""
        column = self._column_of.pop(old, None)
        if column is None:
            return
        self._column_of[new] = column
        cards = self.query_one(f"#cards-{column}", Cards)
        cards.cards = [Card(new, c.entry, c.meta) if c.entry_id == old else c for c in cards.cards]
        cards._wrapped.pop(old, None)
        cards.relayout(layout=False)
        if self.cursor == old:
            self.cursor = new

    def entries(self) -> list[tuple[int, MappingEntryDoc]]:
        """What the board shows, column by column: for tests and for the panel."""
        return [(c.entry_id, c.entry) for cards in self.query(Cards) for c in cards.cards]

    # --- the cursor and the target column ---------------------------------------------------------

    def _order(self) -> list[list[int]]:
        """For each of the three headings, its entry ids in screen order."""
        return [
            [i for column in columns for i in self.query_one(f"#cards-{column}", Cards).ids()]
            for _, columns in MAPPING_GROUPS
        ]

    def _group_of(self, column: str) -> int:
        return next(g for g, (_, columns) in enumerate(MAPPING_GROUPS) if column in columns)

    def move_to(self, entry_id: int | None) -> None:
        self.cursor = entry_id
        if entry_id is not None:
            self.target = self._column_of.get(entry_id, self.target)
            self._mark_target()
        self._mark_cursor()
        self.post_message(self.CursorMoved(entry_id))

    def _mark_cursor(self) -> None:
        for cards in self.query(Cards):
            mine = self.cursor if self.cursor in cards.ids() else None
            cards.set_cursor(mine)
            if mine is not None:
                self.call_after_refresh(self._scroll_to, cards, mine)

    def _scroll_to(self, cards: Cards, entry_id: int) -> None:
        region = cards.region_of(entry_id)
        if region is not None:
            cards.scroll_to_region(region, animate=False, immediate=True)

    def _mark_target(self) -> None:
        for section in self.query(Section):
            section.set_class(section.column == self.target, "-target")

    def action_cursor(self, step: int) -> None:
        groups = self._order()
        if self.cursor is None:
            ids = groups[self._group_of(self.target)]
            if ids:
                self.move_to(ids[0] if step > 0 else ids[-1])
            return
        for ids in groups:
            if self.cursor in ids:
                i = max(0, min(len(ids) - 1, ids.index(self.cursor) + step))
                self.move_to(ids[i])
                return

    def action_group(self, step: int) -> None:
        groups = self._order()
        current = next(
            (g for g, ids in enumerate(groups) if self.cursor in ids), self._group_of(self.target)
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
        ids = self.query_one(f"#cards-{column}", Cards).ids()
        if ids:
            self.move_to(ids[-1])
        else:
            self.cursor = None
            self._mark_cursor()
            self.query_one(f"#section-{column}", Section).scroll_visible(animate=False)
        self.post_message(self.TargetChosen(column))

    def set_target(self, column: str) -> None:
        self.target = column
        self._mark_target()


__all__ = ["Card", "Cards", "MappingBoard", "Section", "meta_line"]
