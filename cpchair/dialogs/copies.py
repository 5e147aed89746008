"""The copies to hand out, person by person: the full copy for the professionals and each
family member's own, each saying in a line what it leaves out. Enter or o writes the outline
plan for the highlighted person and opens it, r the record, l the chair's letter to them; the
window stays open for the next person. Escape closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cpchair.documents.copies import CopyOffer

# Write one copy: (document kind, recipient key or None for the full copy).
Writer = Callable[[str, str | None], None]
RECORD_NOTES = {
    None: "outline plan only: no copy of the record (004)",
    "family_if_chair_agrees": "the record only if you agree (004)",
}


class CopiesModal(ModalScreen[None]):
    DEFAULT_CSS = """
    CopiesModal { align: center middle; }
    CopiesModal > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    CopiesModal #title { text-style: bold; }
    CopiesModal OptionList, CopiesModal OptionList:focus {
        height: auto; max-height: 1fr; border: none; padding: 0; margin-top: 1;
    }
    CopiesModal #copies-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "write('outline')", "Outline plan", id="copies.outline"),
        Binding("r", "write('record')", "Record", id="copies.record"),
        Binding("l", "write('letter')", "Letter", id="copies.letter"),
        Binding("escape", "close", "Close", id="copies.close"),
    ]
    help_title = "Copies, person by person"

    def __init__(self, offers: list[CopyOffer], write: Writer, *, draft: bool) -> None:
        super().__init__()
        self.offers = offers
        self.write = write
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Copies, person by person", id="title")
            if self.draft:
                yield Static("The conference is not concluded: every page will say DRAFT.")
            yield OptionList(*[self._option(i, o) for i, o in enumerate(self.offers)],
                             id="copies")  # fmt: skip
            yield Static(
                "Enter or o: the outline plan · r: the record · l: the chair's letter · "
                "Escape closes",
                id="copies-hint",
            )

    @staticmethod
    def _option(index: int, offer: CopyOffer) -> Option:
        prompt = Text(offer.who, style="bold", end="")  # case text: never markup
        line = offer.leaves_out
        if offer.record in RECORD_NOTES:
            line += f"; {RECORD_NOTES[offer.record]}"
        prompt.append("\n" + line, style="dim")
        return Option(prompt, id=str(index))

    def on_mount(self) -> None:
        self.query_one("#copies", OptionList).focus()

    def current(self) -> CopyOffer | None:
        index = self.query_one("#copies", OptionList).highlighted
        return None if index is None else self.offers[index]

    @on(OptionList.OptionSelected, "#copies")
    def _selected(self) -> None:
        self.action_write("outline")

    def action_write(self, kind: str) -> None:
        offer = self.current()
        if offer is None:
            return
        if kind == "letter" and offer.key is None:
            self.notify(
                "The chair's letter is to one family member: choose them in the list.",
                severity="warning",
                markup=False,
            )
            return
        if kind == "record" and offer.record is None:
            self.notify(
                f"{offer.who} receives the outline plan only, not the record (004: a friend, "
                "supporter or solicitor gets no copy of the record).",
                severity="warning",
                markup=False,
            )
            return
        self.write(kind, offer.key)

    def action_close(self) -> None:
        self.dismiss(None)
