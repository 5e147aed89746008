"""F1: every key of the screen or window underneath, with what it does.

The screen's own keys come first (what the chair came for), then the keys that work anywhere,
then the keys of the focused table or field (moving the cursor and so on).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

# Textual's own screen keys, said once in "Anywhere" in the chair's words.
_PLUMBING = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
_ANYWHERE_EXTRA = [("Tab / Shift+Tab", "Next / previous field or table")]
DEFAULT_INTRO = (
    "Every change is saved when you leave the field or press Enter. "
    "Ctrl+P opens the command palette. Escape closes this help."
)


def _app_keys(app: App[object]) -> list[tuple[str, str]]:
    """The App's own keys (F1, Ctrl+Q, Ctrl+P): they work on every screen and window.

    Read from the bottom screen, which is never a modal, so they are listed even when the
    window asking is one (a modal's own list leaves them out).
    """
    lines = []
    for node, binding, _enabled, _tooltip in app.screen_stack[0].active_bindings.values():
        if node is app and binding.description and not binding.system:
            does = "Command palette" if binding.action == "command_palette" else None
            lines.append((app.get_key_display(binding), does or binding.description))
    return lines


def _own_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """The screen's own keys in the order it declares them, several keys of one action joined.

    Read from its BINDINGS rather than `active_bindings`, where a focused table's Enter would
    hide the screen's ("Open"); an action the screen turns off here is left out.
    """
    keys: dict[str, list[str]] = {}
    said: dict[str, str] = {}
    for binding in Binding.make_bindings(getattr(type(screen), "BINDINGS", [])):
        if not binding.description or binding.action in _PLUMBING:
            continue
        _, name, params = parse_action(binding.action)
        if screen.check_action(name, params) is False:
            continue
        keys.setdefault(binding.action, []).append(screen.app.get_key_display(binding))
        # The footer's word is short; a tooltip, where there is one, says it in full.
        said[binding.action] = binding.tooltip or binding.description
    return [(" / ".join(shown), said[action]) for action, shown in keys.items()]


def key_sections(screen: Screen[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(key, what it does)]) for each group of keys active on `screen`."""
    app = screen.app
    widget: list[tuple[str, str]] = []
    seen: set[tuple[int, str]] = set()
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if node is screen or node is app or not binding.description:
            continue
        if (id(node), binding.action) in seen:
            continue
        seen.add((id(node), binding.action))
        off = "" if enabled else " (not here)"
        widget.append((app.get_key_display(binding), binding.description + off))
    heading = "This window" if isinstance(screen, ModalScreen) else "This screen"
    sections = [(heading, _own_keys(screen)), ("Anywhere", _app_keys(app) + _ANYWHERE_EXTRA)]
    if widget:
        focused = screen.focused
        if isinstance(focused, DataTable):
            where = "In the table"
        elif isinstance(focused, Input):
            where = "In the text box"
        else:
            where = "In the item with the cursor"
        sections.append((where, widget))
    return [(heading, lines) for heading, lines in sections if lines]


def keys_text(screen: Screen[object]) -> Text:
    sections = key_sections(screen)
    width = max((len(key) for _, lines in sections for key, _ in lines), default=0) + 3
    text = Text()
    for n, (heading, lines) in enumerate(sections):
        if n:
            text.append("\n")
        text.append(heading + "\n", style="bold underline")
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
    HelpScreen .title { text-style: bold; }
    HelpScreen #intro { color: $text-muted; margin-bottom: 1; }
    /* How to close it, in sight however long the list of keys. */
    HelpScreen #close-keys { dock: bottom; color: $text-muted; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[object], title: str) -> None:
        super().__init__()
        self.under = under
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, markup=False, classes="title")
            yield Static(getattr(self.under, "help_intro", DEFAULT_INTRO), id="intro")
            yield Static(keys_text(self.under), id="keys")
            yield Static("Escape, F1 or q closes the help · the arrows scroll", id="close-keys")
