"""F1: every key of the screen underneath, with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def keys_text(screen: Screen) -> Text:
    """Each described binding active on `screen`, once, as "key  what it does"."""
    lines: list[tuple[str, str]] = []
    seen: set[str] = set()
    for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        lines.append((screen.app.get_key_display(binding), binding.description))
    width = max((len(key) for key, _ in lines), default=0) + 3
    text = Text()
    for key, does in lines:
        text.append(key.ljust(width), style="bold")
        text.append(does + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        padding: 1 2; border: thick $accent; background: $surface;
    }
    HelpScreen #intro { color: $text-muted; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__()
        self.under = under
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(f"[b]{self.title_text}[/b]")
            yield Static(
                "Every change is saved when you leave the field or press Enter. "
                "Ctrl+P opens the command palette. Escape closes this help.",
                id="intro",
            )
            yield Static(keys_text(self.under), id="keys")
