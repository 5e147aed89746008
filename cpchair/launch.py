"""The `cpchair` command's entry point. A bare `cpchair` opens the app at once, without
loading the CLI (Typer and Click cost a tenth of a second before the first frame); anything
after it is a command for cli.py, and so is a shell asking for completions (it runs a bare
`cpchair` with _CPCHAIR_COMPLETE set)."""

from __future__ import annotations

import os
import sys

COMPLETE_VAR = "_CPCHAIR_COMPLETE"  # Typer's name for it: _{PROG}_COMPLETE


def main() -> None:
    from cpchair.start import guarded

    if sys.argv[1:] or COMPLETE_VAR in os.environ:
        from cpchair.cli import app

        guarded(app)

    from cpchair import paths
    from cpchair.server import NotADatabase
    from cpchair.start import run_app, say, warn_about_settings

    def bare() -> None:
        try:
            where = paths.database()
        except NotADatabase as exc:
            say(str(exc))
            sys.exit(2)
        warn_about_settings()
        sys.exit(run_app(where))

    guarded(bare)
