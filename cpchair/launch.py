"""The `cpchair` command's entry point. A bare `cpchair` opens the app at once, without
loading the CLI (Typer and Click cost a tenth of a second before the first frame); anything
after it is a command for cli.py."""

from __future__ import annotations

import sys


def main() -> None:
    from cpchair.start import guarded

    if sys.argv[1:]:
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
