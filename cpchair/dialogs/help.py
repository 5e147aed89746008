"""F1: every key of the screen or window underneath, with what it does.

The screen's own keys come first (what the chair came for), then the keys that work anywhere,
then the keys of the focused table or field (its own first, then moving the cursor and so on).
A screen whose work is done in the focused part (the live meeting's stage panels) names a
heading for that part's own keys (`help_focus_heading`), and they come first of all.
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
KeyLines = list[tuple[str, str]]
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
        if binding.action in _PLUMBING:  # said once, as Tab / Shift+Tab
            continue
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


def _declared_by_cpchair(node: object) -> set[str]:
    """The actions a node's own (cpchair) classes bind, as against Textual's stock keys."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("cpchair."):
            bindings = Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
            actions.update(binding.action for binding in bindings)
    return actions


def _focus_keys(screen: Screen[object]) -> tuple[KeyLines, KeyLines]:
    """The keys of the focused widget and the widgets holding it, nearest first, several keys
    of one action joined: (those cpchair gives them, Textual's stock keys such as the cursor's).
    """
    app = screen.app
    keys: dict[tuple[int, str], list[str]] = {}
    said: dict[tuple[int, str], str] = {}
    own: dict[tuple[int, str], bool] = {}
    declared: dict[int, set[str]] = {}
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if node is screen or node is app or not binding.description:
            continue
        where = (id(node), binding.action)
        keys.setdefault(where, []).append(app.get_key_display(binding))
        off = "" if enabled else " (not here)"
        said[where] = (binding.tooltip or binding.description) + off
        if id(node) not in declared:
            declared[id(node)] = _declared_by_cpchair(node)
        own[where] = binding.action in declared[id(node)]
    lines = {where: (" / ".join(shown), said[where]) for where, shown in keys.items()}
    return (
        [line for where, line in lines.items() if own[where]],
        [line for where, line in lines.items() if not own[where]],
    )


def _focus_heading(screen: Screen[object]) -> str:
    focused = screen.focused
    if isinstance(focused, DataTable):
        return "In the table"
    if isinstance(focused, Input):
        return "In the text box"
    return "In the item with the cursor"


def key_sections(screen: Screen[object]) -> list[tuple[str, KeyLines]]:
    """(heading, [(key, what it does)]) for each group of keys active on `screen`."""
    own, stock = _focus_keys(screen)
    heading = "This window" if isinstance(screen, ModalScreen) else "This screen"
    heading = getattr(screen, "help_screen_heading", heading)
    anywhere = ("Anywhere", _app_keys(screen.app) + _ANYWHERE_EXTRA)
    focus_first = getattr(screen, "help_focus_heading", None)
    if focus_first:
        sections = [(focus_first, own), (heading, _own_keys(screen)), anywhere]
        sections.append((_focus_heading(screen), stock))
    else:
        sections = [(heading, _own_keys(screen)), anywhere, (_focus_heading(screen), own + stock)]
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
    HelpScreen #intro { color: $text-muted; }
    HelpScreen #database { color: $text-muted; margin-bottom: 1; }
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
            store = getattr(self.app, "store", None)
            if store is not None:  # so a stray CPCHAIR_DB or --db never goes unseen
                yield Static(f"Database: {store.where}", id="database", markup=False)
            yield Static(keys_text(self.under), id="keys")
            yield Static("Escape, F1 or q closes the help · the arrows scroll", id="close-keys")
