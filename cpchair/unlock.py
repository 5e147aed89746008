"""Where the database's passphrase comes from: a script's environment, or the person.

`CPCHAIR_PASSPHRASE` gives it to scripts and tests. Otherwise a person at a terminal is asked:
by the CLI on the terminal, by the app on a screen of its own (`screens/unlock.py`). A new
database started at a terminal is given one; started with no terminal and no passphrase (a
script, CI) it is made plain, and stderr says so in one line. A plain database opens as
before, and a person at a terminal is told once a run that `cpchair encrypt` would encrypt it.

Light to import: the CLI's `--help` must stay quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path

ENV = "CPCHAIR_PASSPHRASE"
SHORTEST = 8  # characters: a passphrase shorter than this is refused when one is set

OFFER = "This database is not encrypted: `cpchair encrypt` encrypts it with a passphrase."
PLAIN_NOTICE = "cpchair: " + OFFER
MADE_PLAIN = "cpchair: no terminal and no CPCHAIR_PASSPHRASE, so the new database is not encrypted."


class Found(Enum):
    NEW = "new"  # no file yet: it is made on open
    PLAIN = "plain"
    ENCRYPTED = "encrypted"


def found(path: Path) -> Found:
    from cpchair.db import is_encrypted

    if not path.exists():
        return Found.NEW
    # An empty file counts as plain here: opening it is refused, in its own words.
    return Found.ENCRYPTED if is_encrypted(path) else Found.PLAIN


def from_env() -> str | None:
    return os.environ.get(ENV) or None


def at_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def passphrase_problem(text: str, again: str | None = None) -> str | None:
    """Why a new passphrase cannot be used, in the person's words; None if it can."""
    if len(text) < SHORTEST:
        return f"A passphrase needs at least {SHORTEST} characters."
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return "A passphrase cannot hold control characters."
    if again is not None and again != text:
        return "The two passphrases differ. Type the same one twice."
    return None


class GaveUp(Exception):
    """The person was asked for the passphrase and did not give one: nothing is opened."""


Ask = Callable[[Found], str]  # asks the person; raises GaveUp if they stop


def key_for(path: Path, ask: Ask | None, *, notice: bool = True) -> str | None:
    """The passphrase to open `path` with, or None for a plain database. `ask` asks the
    person (it is given only at a terminal); it checks what it is given itself. A person
    is told a plain database could be encrypted (`notice`: on stderr; the app says it on
    screen instead)."""
    what = found(path)
    if what is Found.PLAIN:
        if ask is not None and notice:
            print(PLAIN_NOTICE, file=sys.stderr)
        return None
    env = from_env()
    if env is not None:
        return env
    if ask is None:
        if what is Found.NEW:
            print(MADE_PLAIN, file=sys.stderr)
        return None  # an encrypted file then refuses to open, in its own words
    return ask(what)


def ask_on_terminal(path: Path) -> Ask:
    """The CLI's way of asking: on the terminal, without echo; three tries."""
    from getpass import getpass

    def ask(what: Found) -> str:
        from cpchair.db import WrongPassphraseError, raw_connect

        for _ in range(3):
            try:
                if what is Found.ENCRYPTED:
                    key = getpass("Passphrase for the cpchair database: ")
                    raw_connect(path, key, read_only=True).close()
                    return key
                key = getpass("Choose a passphrase for the new cpchair database: ")
                problem = passphrase_problem(key, getpass("The same passphrase again: "))
            except WrongPassphraseError as exc:
                problem = str(exc)
            except (EOFError, KeyboardInterrupt):
                raise GaveUp from None
            if problem is None:
                return key
            print(problem, file=sys.stderr)
        raise GaveUp

    return ask
