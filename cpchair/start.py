"""Starting the app: paint first, load after.

A bare `cpchair` comes here without loading Typer (launch.py). The passphrase is settled and
the file checked with the plain driver, the caseload's kept first page is read
(first_page.py), and the app starts with the store still opening in a thread (opening.py):
the chair sees the caseload while SQLAlchemy and pydantic load behind it. A file that is not
cpchair's, or a wrong passphrase, is refused here, before any screen.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cpchair.server import Server, Target

if TYPE_CHECKING:
    from cpchair.caseload_rows import CaseloadPage
    from cpchair.opening import StoreOpening
    from cpchair.unlock import Found


def say(message: str) -> None:
    """One line on stderr, in the user's words."""
    print(f"cpchair: {message}", file=sys.stderr)


def warn_about_settings() -> None:
    """Say what is wrong with config.toml, if anything, before going on with the defaults
    (the app says it again in a toast, as its screen hides these lines)."""
    from cpchair.settings import settings_warnings

    for line in settings_warnings():
        say(f"warning: {line}")


def ask_in_app(path: Path) -> Callable[[Found], str]:
    """Asks for the passphrase on a screen of its own (screens/unlock.py), before the app."""

    def ask(what: Found) -> str:
        from cpchair.screens.unlock import UnlockApp
        from cpchair.unlock import GaveUp

        key = UnlockApp(path, what).run()
        if not key:
            raise GaveUp
        return key

    return ask


def run_app(path: Target) -> int:
    """Run the app on the database at `path` (or on a server); the exit code."""
    from cpchair import first_page
    from cpchair.db import DatabaseError, check_file, key_to_use
    from cpchair.opening import StoreOpening
    from cpchair.unlock import GaveUp, at_terminal, key_for

    if isinstance(path, Server):  # nothing to unlock or check before the store opens
        first = first_page.read(path, None, dt.date.today())
        return _run(StoreOpening(path, None), first, offer_encryption=False)
    try:
        key = key_to_use(path, key_for(path, ask_in_app(path) if at_terminal() else None,
                                       notice=False))  # fmt: skip
        check_file(path, key)
    except GaveUp:
        say("no passphrase given: nothing was opened.")
        return 1
    except DatabaseError as exc:
        say(str(exc))
        return 1
    except OSError as exc:
        say(f"cannot open the database at {path}: {exc.strerror}")
        return 1
    first = first_page.read(path, key, dt.date.today())
    return _run(StoreOpening(path, key), first, offer_encryption=at_terminal())


def _run(opening: StoreOpening, first: CaseloadPage | None, *, offer_encryption: bool) -> int:
    from cpchair.app import CpchairApp
    from cpchair.opening import OpenFailed

    app = CpchairApp(opening, first=first, offer_encryption=offer_encryption)
    app.run()
    if isinstance(opening.failure, OpenFailed):
        say(str(opening.failure))
        return 1
    return app.return_code or 0


def guarded(run: Callable[[], Any]) -> NoReturn:
    """Run a command so that no traceback ever reaches the user's screen: its locals could
    hold a child's name. A fault is written to a private crash report instead."""
    try:
        run()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("CPCHAIR_DEBUG"):
            raise
        from cpchair.crash import where_told, write_crash

        # The type only: an exception's message could quote case data.
        report = write_crash(exc)
        say(
            f"something went wrong ({type(exc).__name__}); nothing more is shown, "
            f"to keep case details private. {where_told(report)} "
            "Set CPCHAIR_DEBUG=1 to see the details."
        )
        sys.exit(1)
    sys.exit(0)
