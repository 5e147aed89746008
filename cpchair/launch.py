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
    from cpchair.start import run_app, warn_about_settings

    def bare() -> None:
        warn_about_settings()
        sys.exit(run_app(paths.db_path()))

    guarded(bare)
