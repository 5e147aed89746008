"""The mapping on the chair's screen: three headings, six columns, one card per entry.

Cards are kept by entry id and only the cards that changed are touched, so filing the 200th
entry mounts one card, not two hundred. The board takes the keyboard when focused: arrows move
a cursor through the cards, the column letters (h d c s e g) choose the column the next entry
goes in, and the editing keys act on the card under the cursor (the panel owns those actions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from cpchair.capture import LETTERS, PREFIXES
from cpchair.caseio.schema import AttendeeDoc, ChildDoc, MappingEntryDoc
from cpchair.vocab import MAPPING_GROUPS, MAPPING_LABELS, NATURE_LABELS

Names = dict[str, str]


def card_text(entry: MappingEntryDoc, people: Names, children: Names) -> Text:
    text = Text(entry.text)
    meta = []
    if entry.nature:
        meta.append(NATURE_LABELS[entry.nature].lower())
    if entry.source:
        meta.append(people.get(entry.source, "someone who has left"))
    if entry.children:
        meta.append(", ".join(children.get(k, "?") for k in entry.children))
    if entry.confidential:
        meta.append("CONFIDENTIAL")
    if meta:
        text.append("\n" + " · ".join(meta), style="dim")
    return text


class EntryCard(Static):
    DEFAULT_CSS = """
    EntryCard { padding: 0 1; margin: 0 0 1 0; background: $boost; }
    EntryCard.-confidential { border-left: thick $warning; }
    EntryCard.-cursor { background: $accent-muted; }
    MappingBoard:focus-within EntryCard.-cursor { background: $accent; color: $text; }
    """

    def __init__(self, entry_id: int, entry: MappingEntryDoc, text: Text) -> None:
        super().__init__(text)
        self.entry_id = entry_id
        self.entry = entry
        self.set_class(entry.confidential, "-confidential")

    def refresh_entry(self, entry: MappingEntryDoc, text: Text) -> None:
        if entry != self.entry:
            self.entry = entry
            self.update(text)
            self.set_class(entry.confidential, "-confidential")

    def on_click(self) -> None:
        board = next(a for a in self.ancestors if isinstance(a, MappingBoard))
        board.move_to(self.entry_id)
        board.focus()


class Section(Vertical):
    DEFAULT_CSS = """
    Section { height: auto; }
    Section > .section-head { color: $text-accent; text-style: bold; padding: 0 1; }
    Section.-target > .section-head { background: $accent-muted; }
    Section > Vertical { height: auto; }
    """

    def __init__(self, column: str) -> None:
        super().__init__(id=f"section-{column}")
        self.column = column
        # The cards in screen order. Kept here because a removed widget lingers among the
        # children until the next refresh, and would be counted again.
        self.live: list[EntryCard] = []

    def compose(self) -> ComposeResult:
        yield Static(self._head(0), classes="section-head", markup=False)
        yield Vertical(classes="cards")

    def _head(self, count: int) -> str:
        return f"{LETTERS[self.column]}  {MAPPING_LABELS[self.column]} ({count})"

    @property
    def cards(self) -> Vertical:
        return self.query_one(".cards", Vertical)

    def card_ids(self) -> list[int]:
        return [c.entry_id for c in self.live]

    def set_count(self, count: int) -> None:
        self.query_one(".section-head", Static).update(self._head(count))


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
        wanted: dict[str, list[tuple[int, MappingEntryDoc]]] = {c: [] for c in MAPPING_LABELS}
        for entry_id, entry in zip(ids, entries, strict=True):
            wanted[entry.column].append((entry_id, entry))
        self._column_of = {i: e.column for i, e in zip(ids, entries, strict=True)}
        for section in self.query(Section):
            self._show_section(section, wanted[section.column], people, kids)
        if self.cursor not in self._column_of:
            self.cursor = None
        self._mark_cursor()

    def _show_section(
        self,
        section: Section,
        rows: list[tuple[int, MappingEntryDoc]],
        people: Names,
        kids: Names,
    ) -> None:
        have = section.card_ids()
        want = [i for i, _ in rows]
        section.set_count(len(rows))
        if have == want[: len(have)]:  # the usual case: edits in place, new cards at the end
            for card, (_, entry) in zip(section.live, rows, strict=False):
                card.refresh_entry(entry, card_text(entry, people, kids))
            new = [EntryCard(i, e, card_text(e, people, kids)) for i, e in rows[len(have) :]]
        else:  # reordered, moved or deleted: lay the section out again
            section.cards.remove_children()
            new = [EntryCard(i, e, card_text(e, people, kids)) for i, e in rows]
            section.live = []
        if new:
            section.cards.mount_all(new)
            section.live += new

    # --- the cursor and the target column ---------------------------------------------------------

    def _order(self) -> list[list[int]]:
        """For each of the three headings, its entry ids in screen order."""
        return [
            [
                i
                for column in columns
                for i in self.query_one(f"#section-{column}", Section).card_ids()
            ]
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
        for card in self.query(EntryCard):
            on = card.entry_id == self.cursor
            card.set_class(on, "-cursor")
            if on:
                card.scroll_visible(animate=False)

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
        ids = self.query_one(f"#section-{column}", Section).card_ids()
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
