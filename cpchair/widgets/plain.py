"""Case data shown as plain text, never read as markup.

Textual reads square brackets in strings as markup; a name or note that happens to contain
them must show as typed (and must never crash the screen).
"""

from __future__ import annotations

from rich.text import Text


def plain(value: object) -> Text:
    return Text("" if value is None else str(value), end="")


def plain_row(*cells: object) -> tuple[Text, ...]:
    return tuple(c if isinstance(c, Text) else plain(c) for c in cells)
