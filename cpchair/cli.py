"""The `cpchair` command. A bare `cpchair` opens the app.

Start-up stays quick: Textual, SQLModel and pydantic are imported inside the commands that
need them, never at the top of this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, NoReturn

import typer

from cpchair import __version__, cli_params, paths

if TYPE_CHECKING:
    import datetime as dt

    from textual.app import App

    from cpchair.caseio.schema import CaseDoc
    from cpchair.documents import DocumentModel, Kind
    from cpchair.documents.family import Recipient
    from cpchair.store import Store

cli_params.install()  # no pydantic for values that need no check
app = typer.Typer(
    name="cpchair",
    help="Prepare, chair and record child protection conferences.",
    no_args_is_help=False,
    # --install-completion / --show-completion; a shell asking for completions runs the CLI
    # (launch.py), which lists commands, options and their choices (cli_params.OneOf).
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Locals in a traceback could hold a child's name: never show them.
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr, in the user's words, and a non-zero exit."""
    typer.echo(f"cpchair: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cpchair {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="FILE|URL",
            help="Database file, or a team server's URL (postgresql://USER@HOST/DATABASE), to "
            "use (else $CPCHAIR_DB, else $CPCHAIR_DATA_DIR/cpchair.db, else your user data "
            "folder).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say which database (file or server) is used.")
    ] = False,
    theme: Annotated[
        str | None,
        typer.Option(
            "--theme",
            metavar="NAME",
            help="The app's colours from now on (kept in the settings): cpchair-high-contrast "
            "for a bright room, or any of `cpchair settings --themes`.",
        ),
    ] = None,
) -> None:
    from cpchair.server import NotADatabase

    paths.set_cli_db(db)
    try:
        where = paths.database()
    except NotADatabase as exc:
        fail(str(exc), code=2)
    if isinstance(where, Path) and where.is_dir():
        fail(f"{where} is a folder: name a database file in it, or a server's URL", code=2)
    from cpchair.start import warn_about_settings

    warn_about_settings()
    if theme is not None:
        _keep_theme("theme", theme)
    if verbose:
        typer.echo(f"cpchair: database {where}", err=True)
    if ctx.invoked_subcommand is None:
        _run_app()


def _store(*, app: bool = False) -> Store:
    """The store, unlocked: its passphrase from CPCHAIR_PASSPHRASE, else asked of the person
    at a terminal (on a screen of the app's own for `app` commands, else on the terminal)."""
    from cpchair.db import DatabaseError
    from cpchair.server import Server
    from cpchair.start import ask_in_app
    from cpchair.store import open_store
    from cpchair.unlock import GaveUp, ask_on_terminal, at_terminal, key_for

    path = paths.database()
    try:
        if isinstance(path, Server):  # its security is the server's: no passphrase here
            return open_store(path)
        ask = (ask_in_app(path) if app else ask_on_terminal(path)) if at_terminal() else None
        return open_store(path, key_for(path, ask, notice=not app))
    except GaveUp:
        fail("no passphrase given: nothing was opened.")
    except DatabaseError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot open the database at {path}: {exc.strerror}")


def _run_app(store: Store | None = None) -> None:
    """The app on `store`; without one, it paints first and opens the store behind it
    (start.py), as a bare `cpchair` does."""
    if store is None:
        from cpchair.start import run_app

        raise typer.Exit(run_app(paths.database()))
    from cpchair.app import CpchairApp

    _run(CpchairApp(store, offer_encryption=_offer(store)))


def _offer(store: Store) -> bool:
    """A person opening a plain database in the app is told, once, that it can be encrypted."""
    from cpchair.unlock import at_terminal

    return not store.on_server and not store.encrypted and at_terminal()


SCREENFUL = 50  # `cases` at a terminal: enough to scan, quick to draw; --all for the rest


@app.command("cases")
def cases_command(
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", help="List the first N cases only.")
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help=f"At a terminal, list every case, not the first {SCREENFUL}."),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON object (every case, or the first N)."),
    ] = False,
) -> None:
    """List the cases held here, by reference: at a terminal a table of the first 50 (--all
    for every one); piped or written to a file, a line of headings and a line a case, with tabs
    between the cells (every case); with --json, one object (README, "cases --json")."""
    if limit is not None and every:
        fail("give --limit N or --all, not both", 2)
    if limit is not None and limit < 1:
        fail(f"--limit: {limit} is not a number of cases (1 or more)", 2)
    from cpchair.cases_view import cases_json, cases_lines, cases_table, more_text

    terminal = _stdout_is_terminal()
    if limit is None and terminal and not every and not as_json:
        limit = SCREENFUL  # thousands of rows take seconds to lay out and scroll out of sight
    store = _store()
    summaries = store.list_cases(limit)
    if as_json:
        total = store.count_cases() if limit is not None else len(summaries)
        typer.echo(cases_json(summaries, total))
        return
    if not summaries:
        typer.echo("No cases yet. Try `cpchair demo`, or `cpchair import FILE`.")
        return
    if terminal:
        from rich.console import Console

        Console().print(cases_table(summaries))
    else:
        typer.echo("\n".join(cases_lines(summaries)))
    if limit is not None and len(summaries) == limit:
        total = store.count_cases()
        if total > limit:  # on stderr: a script reading the lines gets the cases alone
            typer.echo(more_text(limit, total), err=True)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A cpchair-case/1 JSON file.", dir_okay=False)],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a case with the same reference.")
    ] = False,
) -> None:
    """Add a case from a cpchair-case/1 file. A refused file changes nothing."""
    from cpchair import services
    from cpchair.caseio import CaseFileError
    from cpchair.store import CaseExistsError, EditError

    try:
        doc = services.read_case(file)
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    except CaseFileError as exc:
        count = len(exc.problems)
        typer.echo(
            f"cpchair: {file} was refused ({count} problem{'s' * (count != 1)}); "
            "nothing was changed:",
            err=True,
        )
        typer.echo(exc.summary(), err=True)
        raise typer.Exit(1) from None
    store = _store()
    try:
        result = services.import_case(store, doc, replace=replace)
    except CaseExistsError:
        fail(
            f"a case with reference {doc.reference} is already here; nothing was changed. "
            "Use --replace to replace it."
        )
    except EditError as exc:  # on a server: the case is checked out to a laptop
        fail(f"{_lower_first(str(exc))}{UNCHANGED}")
    _keep_first_page(store)
    verb = "Replaced" if result.replaced else "Imported"
    conferences, children = len(doc.conferences), len(doc.children)
    typer.echo(
        f"{verb} {doc.reference}: {children} {'child' if children == 1 else 'children'}, "
        f"{conferences} conference{'s' * (conferences != 1)}."
    )


def _export_formats() -> tuple[str, ...]:
    """What `export -f` takes: the whole case, each document format, the calendar file."""
    from cpchair.documents import FORMATS

    return ("json", *FORMATS, "ics")


def _document_kinds() -> tuple[str, ...]:
    from cpchair.documents import KINDS

    return tuple(KINDS)


@app.command("export")
def export_command(
    reference: Annotated[str, typer.Argument(help="The case reference.")],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=cli_params.OneOf(_export_formats),
            autocompletion=cli_params.OneOf(_export_formats).complete,
            help="json (the whole case); md, html, docx or pdf (a document); ics "
            "(the conference's dates as calendar events).",
        ),
    ] = "json",
    document: Annotated[
        str,
        typer.Option(
            "--document",
            "-d",
            metavar="DOCUMENT",
            parser=cli_params.OneOf(_document_kinds),
            autocompletion=cli_params.OneOf(_document_kinds).complete,
            help="md/html/docx/pdf: outline (the outline plan), record, or letter (the "
            "chair's letter to one family member: --for KEY).",
        ),
    ] = "outline",
    conference: Annotated[
        str | None,
        typer.Option("--conference", help="md/html/docx/ics: the conference held on YYYY-MM-DD."),
    ] = None,
    family_copy: Annotated[
        bool,
        typer.Option(
            "--family-copy",
            help="md/html/docx: a family copy; with --for, that person's own copy.",
        ),
    ] = False,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="KEY",
            help="With --family-copy or -d letter: whose copy or letter (an attendee or "
            "people key as the JSON export shows it, or a unique name).",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Do not ask before writing a copy for someone whose contact details are "
            "confidential or who is under a no-contact condition.",
        ),
    ] = False,
    output: Annotated[
        str | None,  # as typed: a trailing / says a folder was meant
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file (else stdout; docx, pdf: REF-DATE-DOCUMENT.docx here).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the -o file (or link: the link itself) if it already exists.",
        ),
    ] = False,
) -> None:
    """Write a case out as a cpchair-case/1 file, a conference's outline plan, record or
    chair's letter, or its dates as a calendar file.

    md, html, docx and ics write the latest conference unless --conference picks another; a
    conference that is not concluded gives a document marked DRAFT. Family copies are made
    for each person (--for KEY); without --for, only when every family member's copy is the
    same. A letter is to one family member (--for KEY), holding no more than their family
    copy. An ics file's events are titled by the case reference alone, never a name.
    """
    path = None if output is None else _check_output(output, force)
    if format == "json":
        if conference or family_copy or recipient or document != "outline":
            fail(
                "--document, --conference, --family-copy and --for apply to md, html, docx and pdf",
                2,
            )
        _export_json(reference, path)
        return
    if format == "ics":
        if family_copy or recipient or document != "outline":
            fail("--document, --family-copy and --for apply to md, html, docx and pdf, not ics", 2)
        _export_calendar(reference, conference, path)
        return
    if recipient is not None and not family_copy and document != "letter":
        fail("--for chooses whose family copy: add --family-copy (or -d letter)", 2)
    choice = _DocumentChoice(document, conference, family_copy, recipient, yes)
    _export_document(reference, format, choice, path)


def _export_calendar(reference: str, conference: str | None, output: Path | None) -> None:
    """The conference's dates as a calendar file (documents/ics.py)."""
    from cpchair import documents
    from cpchair.documents.ics import calendar_of
    from cpchair.fileio import write_private
    from cpchair.rules.profiles import profile_for

    day = _date_arg("--conference", conference) if conference else None
    case = _store().load_case(reference)
    if case is None:
        fail(f"no case with reference {reference!r}")
    try:
        chosen = documents.conference_on(case, day)
    except documents.NoConference as exc:
        fail(str(exc))
    events, text = calendar_of(case, chosen, profile_for(case.profile))
    data = text.encode("utf-8")
    if output is None:  # bytes as they are: the CRLF line ends are the format's
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_private(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    count = f"{len(events)} date{'s' * (len(events) != 1)}"
    typer.echo(
        f"Wrote {count} of the conference of {case.reference} on {chosen.date.isoformat()} "
        f"to {output}",
        err=True,
    )


def _check_output(typed: str, force: bool, option: str = "-o") -> Path:
    """The file to write, checked before the case is read (fileio.target_problem): an
    ordinary file in a folder that can be written in, never a folder, a named pipe or a
    device, even with --force; an existing file or link only with --force."""
    from cpchair.fileio import target_path, target_problem

    if typed in ("", "."):
        fail(f"{option} needs a file name, not a folder: {typed!r}", 2)
    problem = target_problem(typed)
    if problem is not None:
        fail(problem, 2)
    output = target_path(typed)
    if os.path.lexists(output) and not force:
        fail(f"{output} already exists; add --force to replace it")
    return output


def _export_json(reference: str, output: Path | None) -> None:
    from cpchair import services

    exported = services.case_json(_store(), reference)
    if exported is None:
        fail(f"no case with reference {reference!r}")
    reference, text = exported  # the reference as held, whatever capitals were typed
    if output is None:
        sys.stdout.write(text)
        return
    try:
        services.write_case(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    typer.echo(f"Exported {reference} to {output}", err=True)


class _DocumentChoice(NamedTuple):
    document: str
    conference: str | None
    family_copy: bool
    recipient: str | None
    yes: bool


def _export_document(
    reference: str, fmt: str, choice: _DocumentChoice, output: Path | None
) -> None:
    from typing import cast

    from cpchair import documents
    from cpchair.documents import family as fam
    from cpchair.documents.letter import LetterNeedsRecipient
    from cpchair.fileio import target_problem, write_private

    if choice.document not in documents.KINDS:
        known = ", ".join(documents.KINDS)
        fail(f"unknown document {choice.document!r}; the documents are: {known}", 2)
    day = _date_arg("--conference", choice.conference) if choice.conference else None
    case = _store().load_case(reference)
    if case is None:
        fail(f"no case with reference {reference!r}")
    reference = case.reference  # as held, whatever capitals were typed
    try:
        chosen = documents.conference_on(case, day)
    except documents.NoConference as exc:
        fail(str(exc))
    kind: documents.Kind = choice.document  # one of KINDS: checked above
    as_format = cast("documents.Format", fmt)  # one of md, html, docx, pdf: checked by the caller
    who: fam.Recipient | None = None
    try:
        model = documents.model_for(case, chosen.key, choice.family_copy, choice.recipient, kind)
        if choice.recipient is not None:
            who = fam.find_recipient(case, chosen, choice.recipient)
        elif kind == "letter":  # the only family member: the letter is theirs
            who = fam.family_recipients(case, chosen)[0]
    except LetterNeedsRecipient as exc:
        fail("a letter is to one person; choose whose with --for KEY: " + ", ".join(exc.keys), 2)
    except fam.CopiesDiffer as exc:
        fail(
            "the family members' copies of this conference differ (an exclusion, or "
            "confidential contact details); choose one with --for KEY: " + ", ".join(exc.keys),
            2,
        )
    except fam.RecipientError as exc:
        fail(f"--for: {exc}", 2)
    if model.family_copy:
        _confirm_echoes(model, case, chosen.key, kind, choice.yes)
    if who is not None:
        _confirm_restricted(case, who, choice.yes)
    from cpchair.documents.template import TemplateError

    try:
        content = documents.render_layout(documents.layout(model, kind), as_format)
    except TemplateError as exc:
        fail(f"{exc}: put it right, or take word_template out of {_settings_file()}")
    if output is None and isinstance(content, str):
        sys.stdout.write(content)
        return
    if output is None:  # a Word file or a PDF is never written to a terminal
        name = documents.default_filename(
            case,
            chosen,
            as_format,
            kind=kind,
            family_copy=choice.family_copy,
            recipient=who.key if who else None,
        )
        output = Path(name)
        if (problem := target_problem(name)) is not None:
            fail(problem, 2)
        if os.path.lexists(output):
            fail(f"{output} already exists; choose a file with -o")
    try:
        write_private(output, content)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    what = {"outline": "outline plan", "record": "record", "letter": "letter"}[kind]
    copy = f"{who.key}'s copy of " if who else "the family copy of " if choice.family_copy else ""
    draft = " (DRAFT: the conference is not concluded)" if chosen.status != "concluded" else ""
    if kind == "letter" and who is not None:
        typer.echo(f"Wrote the letter to {who.key} of {reference} to {output}{draft}", err=True)
        return
    typer.echo(f"Wrote {copy}the {what} of {reference} to {output}{draft}", err=True)


def _confirm_echoes(
    model: DocumentModel, case: CaseDoc, conference: str, kind: Kind, yes: bool
) -> None:
    """Warn when a family copy repeats words of a confidential entry, saying which part only
    (never the words), and ask before writing it, as the app does."""
    from cpchair.documents.echoes import echoes

    found = echoes(model, case, conference, kind)
    for echo in found:
        typer.echo(f"cpchair: warning: {echo.message()}", err=True)
    if not found or yes:
        return
    if not _interactive():
        fail("check the copy before it goes out; run again with --yes to write it.", 1)
    if not typer.confirm("Write it?", default=False, err=True):
        fail("nothing was written", 1)


def _confirm_restricted(case: CaseDoc, who: Recipient, yes: bool) -> None:
    """Ask on the terminal before writing a copy for someone whose contact details are
    confidential or who is under a no-contact condition; refuse when nobody can answer."""
    from cpchair.documents import family as fam

    restriction = fam.restriction_of(case, who)
    if restriction is None or yes:
        return
    why = {
        "contact_confidential": "their contact details are confidential",
        "no_contact": "a no-contact condition is recorded for them",
    }[restriction]
    question = (
        f"the copy for {who.key}: {why}, so it names no one's address or contact details. "
        "Check it goes to them alone."
    )
    if not _interactive():
        fail(f"{question} Run again with --yes to write it.", 1)
    typer.echo(f"cpchair: {question}", err=True)
    if not typer.confirm("Write it?", default=False, err=True):
        fail("nothing was written", 1)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _conference_kinds() -> tuple[str, ...]:
    from cpchair.vocab import CONFERENCE_KINDS

    return tuple(CONFERENCE_KINDS)


def _kind_typed(text: str) -> str:
    """A kind as typed: any capitals, a dash for the underscore (pre-birth)."""
    return text.replace("-", "_").lower()


def _complete_profile(incomplete: str) -> list[str]:
    from cpchair.rules.profiles import profile_names

    return [name for name in profile_names() if name.startswith(incomplete)]


@app.command("timescales")
def timescales_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            parser=cli_params.OneOf(_conference_kinds, _kind_typed),
            autocompletion=cli_params.OneOf(_conference_kinds, _kind_typed).complete,
            help="initial, review, pre_birth or transfer_in.",
            show_default=False,
        ),
    ],
    date: Annotated[str, typer.Argument(help="The conference date, YYYY-MM-DD.")],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            autocompletion=_complete_profile,
            help="Practice profile (see `cpchair profiles`).",
        ),
    ] = "england",
    trigger: Annotated[
        str | None,
        typer.Option(
            "--trigger",
            help="Strategy discussion (initial, pre_birth) or transfer notification date.",
        ),
    ] = None,
    birth: Annotated[
        str | None,
        typer.Option(
            "--birth",
            help="Expected birth date of an unborn child (pre_birth: the conference is at 28 "
            "weeks; any kind: the review within a month of the birth, if sooner).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """What falls due around a conference. Needs no database.

    A pre-birth conference is due at 28 weeks of pregnancy when that is after the strategy
    discussion, else 15 working days after it; the table says which rule applied.
    """
    from cpchair.rules.profiles import ProfileError, load_profile
    from cpchair.rules.timescales import standing_rules, timescales

    try:
        chosen = load_profile(profile)
    except ProfileError as exc:
        fail(str(exc), 2)
    due = timescales(
        kind,
        _date_arg("DATE", date),
        chosen,
        trigger=_date_arg("--trigger", trigger) if trigger else None,
        birth=_date_arg("--birth", birth) if birth else None,
    )
    from cpchair import timescales_view

    if as_json:
        typer.echo(timescales_view.as_json(due))
    else:
        from rich.console import Console

        day = _date_arg("DATE", date)
        table = timescales_view.as_table(
            due, kind=kind, profile=chosen, standing=standing_rules(kind, day, chosen)
        )
        Console().print(table)


def _date_arg(name: str, text: str) -> dt.date:
    import datetime as dt

    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"{name}: {text!r} is not a date (write it YYYY-MM-DD)", 2)


def _settings_file() -> str:
    from cpchair.settings import config_path

    return str(config_path())


def _keep_theme(setting: str, name: str) -> None:
    """A theme named on the command line, checked and kept in the settings (exit 2 if there
    is no such theme). Textual is loaded for its list only when a theme is named."""
    from cpchair.settings import SettingError, save_setting
    from cpchair.themes import theme_names

    known = theme_names()
    if name not in known:
        fail(f"there is no theme {name!r} (the themes are {', '.join(known)})", code=2)
    try:
        save_setting(setting, name)
    except (SettingError, OSError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        typer.echo(f"cpchair: warning: the theme is not kept: {why}", err=True)


@app.command("settings")
def settings_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    themes: Annotated[
        bool, typer.Option("--themes", help="List the themes a setting may name.")
    ] = False,
) -> None:
    """Where the settings file is, and what each setting is (set, or its default)."""
    from dataclasses import asdict

    from cpchair.settings import DEFAULTS, UNSET, config_path, load_settings, settings_warnings

    if themes:
        from cpchair.themes import theme_names

        for name in theme_names():
            typer.echo(name)
        return
    path, current = config_path(), asdict(load_settings())
    defaults = asdict(DEFAULTS)
    if as_json:
        import json

        shown = {k: str(v) if isinstance(v, Path) else v for k, v in current.items()}
        typer.echo(json.dumps({"file": str(path), "exists": path.is_file(), "settings": shown,
                               "warnings": list(settings_warnings())},
                              ensure_ascii=False, indent=2))  # fmt: skip
        return
    there = "" if path.is_file() else " (not there yet: every setting has its default)"
    typer.echo(f"Settings file: {path}{there}")
    width = max(map(len, current))
    for key, value in current.items():
        if value is None:
            note = f"not set: {UNSET[key]}"
        elif value == defaults[key]:
            note = f"{value} (the default)"
        else:
            note = str(value)
        if key == "word_template" and value is not None:
            note += _template_problem(value)
        typer.echo(f"  {key:<{width}}  {note}")
    for line in settings_warnings():
        typer.echo(f"warning: {line}")


def _template_problem(path: Path) -> str:
    """ " (cannot be used: ...)" when the council's template would be refused; else ""."""
    from cpchair.documents.template import TemplateError, open_template

    try:
        open_template(path)
    except TemplateError as exc:
        why = str(exc).removeprefix(f"the council's Word template {path} ")
        return f" (cannot be used: it {why})" if not why.startswith("cannot") else f" ({why})"
    return ""


@app.command("profiles")
def profiles_command(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object: each profile and its rules.")
    ] = False,
) -> None:
    """List the practice profiles that set the timescales."""
    from cpchair.rules.profiles import ProfileError, load_profile, profile_names

    loaded, unusable = {}, {}
    for name in profile_names():
        try:
            loaded[name] = load_profile(name)
        except ProfileError as exc:  # a council's own file with a mistake in it
            unusable[name] = str(exc)
    if as_json:
        from cpchair.timescales_view import profiles_json

        typer.echo(profiles_json(list(loaded.values()), unusable))
        return
    for name in profile_names():
        if name in unusable:
            typer.echo(f"{name:<17} cannot be used: {unusable[name]}")
            continue
        profile = loaded[name]
        sources = "; ".join(("Working Together", *profile.procedures))
        typer.echo(f"{name:<17} {profile.title}  [{sources}]")


def _keep_first_page(store: Store) -> None:
    """After a change to the caseload, keep its first page for the app's next start to draw
    at once (first_page.py); else that start waits for the store to load."""
    import datetime as dt

    from cpchair.caseload_rows import PAGE

    store.first_page(PAGE, dt.date.today())


@app.command("demo")
def demo_command(
    reset: Annotated[
        bool, typer.Option("--reset", help="Replace the demo case with a fresh copy dated today.")
    ] = False,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Load the demo case but do not open the app.")
    ] = False,
) -> None:
    """Load the fictional demo case (once) and open the app."""
    from cpchair import services
    from cpchair.demo import DEMO_REFERENCE, demo_case

    store = _store(app=True)
    if store.has_case(DEMO_REFERENCE) and not reset:
        typer.echo(
            f"The demo case {DEMO_REFERENCE} is already here; "
            "`cpchair demo --reset` gives a fresh copy dated today.",
            err=True,
        )
    else:
        result = services.import_case(store, demo_case(), replace=True)
        verb = "Reloaded" if result.replaced else "Loaded"
        _keep_first_page(store)
        typer.echo(
            f"{verb} the demo case {DEMO_REFERENCE}, its review conference set for today.", err=True
        )
    if not no_open:
        _run_app(store)


@app.command("checkout")
def checkout_command(
    reference: Annotated[str, typer.Argument(metavar="REF", help="The case's reference.")],
    server: Annotated[
        str,
        typer.Option(
            "--from", metavar="URL", help="The team server (postgresql://USER@HOST/DATABASE)."
        ),
    ],
) -> None:
    """Copy a case from the team server into this laptop's database, to work on it offline.
    The server refuses changes to it until `cpchair checkin` returns it."""
    from cpchair.checkout import CheckoutError, check_out
    from cpchair.db import DatabaseError
    from cpchair.store import EditError

    laptop = _store()
    try:
        held = check_out(_server_store(server), laptop, reference)
    except (CheckoutError, DatabaseError, EditError) as exc:
        fail(f"checkout refused: {_lower_first(str(exc)).rstrip('.')}.{UNCHANGED}")
    typer.echo(
        f"Checked out {held} into {laptop.where}: the server keeps it unchanged until "
        f"`cpchair checkin {held}` returns it."
    )


@app.command("checkin")
def checkin_command(
    reference: Annotated[str, typer.Argument(metavar="REF", help="The case's reference.")],
    keep: Annotated[
        Literal["mine", "theirs"] | None,
        typer.Option(
            "--keep",
            help="After a conflict: whose copy stands, this laptop's (mine) or the server's "
            "(theirs).",
        ),
    ] = None,
    server: Annotated[
        str | None,
        typer.Option("--to", metavar="URL", help="The server, if not as it was checked out."),
    ] = None,
) -> None:
    """Return a checked-out case to the team server and release it there; this laptop's copy
    is then removed. If the server's copy was changed meanwhile, the changes are listed and
    nothing is changed until --keep says whose copy stands."""
    from cpchair.checkout import CheckoutError, check_in, server_of
    from cpchair.db import DatabaseError

    here = paths.database()
    if isinstance(here, Path) and not here.exists():  # never made: nothing was checked out
        fail(f"there is no database at {here}: {reference} was not checked out into it.")
    laptop = _store()
    try:
        done = check_in(
            _server_store(server or server_of(laptop, reference)), laptop, reference, keep
        )  # fmt: skip
    except (CheckoutError, DatabaseError) as exc:
        fail(f"check-in refused: {str(exc).rstrip('.')}.{UNCHANGED}")
    if not done.done:
        typer.echo(f"{done.reference} was changed on the server since it was checked out:")
        for d in done.changed_there:
            also = " (changed here too)" if d.both else ""
            typer.echo(f"  {d.where}{also}")
            typer.echo(f"      checked out: {_brief(d.base)} · server: {_brief(d.theirs)} · "
                       f"this laptop: {_brief(d.mine)}")  # fmt: skip
        fail(
            f"check-in stopped at the server's changes; nothing was changed. "
            f"`cpchair checkin {done.reference} --keep mine` puts this laptop's copy in the "
            "server's place; `--keep theirs` keeps the server's and drops this laptop's."
        )
    typer.echo(f"Checked in {done.reference}: the server holds it again, released; this "
               "laptop's copy is removed.")  # fmt: skip


def _server_store(url: str) -> Store:
    from cpchair.server import NotADatabase, Server, parse_target
    from cpchair.store import open_store

    try:
        target = parse_target(url)
    except NotADatabase as exc:
        fail(str(exc), code=2)
    if not isinstance(target, Server):
        fail("that is not a server's URL (postgresql://USER@HOST/DATABASE).", code=2)
    return open_store(target)


def _lower_first(text: str) -> str:
    """A sentence of the store's, following "cpchair: ... refused:" on the same line."""
    return text[:1].lower() + text[1:]


def _brief(value: object) -> str:
    """A field's value in a line: its start only, if long; (none) if not there."""
    if value is None:
        return "(none)"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:39] + "…"


@app.command("audit")
def audit_command(
    reference: Annotated[str, typer.Argument(metavar="REF", help="The case's reference.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """What was changed in a case, when and by whom, and whether the audit trail is intact.

    A deleted case's lines are kept, and shown. Exits 1 if the trail's chain is broken: a
    line was changed, removed or inserted outside cpchair.
    """
    store = _store()
    held = store.held_reference(reference)
    lines = store.audit_lines(reference)
    broken = store.check_audit()
    if held is None and not lines:
        fail(f"no case has the reference {reference!r}, and the audit trail has no lines for it")
    shown = held or reference
    if as_json:
        import json

        typer.echo(
            json.dumps(
                {
                    "reference": shown,
                    "held": held is not None,
                    "lines": [
                        {"line": n.number, "at": n.at.isoformat(), "who": n.who, "what": n.what}
                        for n in lines
                    ],
                    "intact": broken is None,
                    "broken_at": None if broken is None else broken.number,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        from cpchair.caseio.printable import printable

        typer.echo(f"Audit trail of {printable(shown)}" + ("" if held else " (deleted)"))
        if not lines:
            typer.echo("No changes recorded yet.")
        width = max((len(printable(n.who)) for n in lines), default=0)
        for n in lines:  # local time, as the chair reads a clock
            when = n.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            typer.echo(f"{n.number:>6}  {when}  {printable(n.who):<{width}}  {n.what}")
        if broken is None:
            typer.echo("The audit trail is intact.")
    if broken is not None:
        fail(broken.message() + " Keep this database file as it is and tell your data lead.")


def _meeting_of(store: Store, reference: str) -> tuple[str, str]:
    """The case's reference as it is held (any capitals may be typed) and the conference
    `open` and `wall` go to: the next not concluded, else the latest."""
    from cpchair.services import current_conference

    doc = store.load_case(reference)
    if doc is None:
        fail(f"no case has the reference {reference!r}; `cpchair cases` lists them", 2)
    current = current_conference(doc)
    if current is None:
        fail(f"case {doc.reference} has no conference yet; schedule one in the app first", 2)
    return doc.reference, current.key


@app.command("open")
def open_command(
    reference: Annotated[str, typer.Argument(metavar="REF", help="The case's reference.")],
) -> None:
    """Open the live meeting of a case's current conference."""
    store = _store(app=True)
    meeting = _meeting_of(store, reference)
    from cpchair.app import CpchairApp

    _run(CpchairApp(store, meeting=meeting, offer_encryption=_offer(store)))


@app.command("wall")
def wall_command(
    reference: Annotated[str, typer.Argument(metavar="REF", help="The case's reference.")],
    theme: Annotated[
        str | None,
        typer.Option(
            "--theme",
            metavar="NAME",
            help="The wall's colours from now on (kept in the settings, apart from the app's): "
            "cpchair-projector for a projector across the room.",
        ),
    ] = None,
) -> None:
    """Show the wall view alone (for a second window on the projector); it follows the meeting."""
    if theme is not None:
        _keep_theme("wall_theme", theme)
    store = _store(app=True)
    reference, conference = _meeting_of(store, reference)
    from cpchair.app import WallApp

    _run(WallApp(store, reference, conference))


# --- Backups, restore, the passphrase, encryption (the work itself: cpchair/backup.py) -------

NEW_ENV = "CPCHAIR_NEW_PASSPHRASE"
UNCHANGED = " Nothing was changed."


@app.command("backup")
def backup_command(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="The file to write (else a new one named for the time, in backups/ in the "
            "data folder).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace PATH (a file or link) if it exists.")
    ] = False,
) -> None:
    """Copy the database to a backup file, safely while the app is open.

    The backup is encrypted with the database's passphrase when the database is encrypted."""
    from cpchair.backup import BackupError, default_target, make_backup

    _db_file()  # a server's backups are its administrator's
    target = default_target() if path is None else _check_output(path, force, "PATH")
    if path is None and os.path.lexists(target):
        fail(f"{target} already exists; add --force to replace it")
    store = _store()
    try:
        make_backup(store.path, store.key, target, replace=force)
    except BackupError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror}")
    how = (
        "encrypted with the database's passphrase"
        if store.encrypted
        else "not encrypted, as the database is not: `cpchair encrypt` encrypts it"
    )
    typer.echo(f"Backed up the database to {target} ({how}).")


@app.command("restore")
def restore_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup made by cpchair.", dir_okay=False)
    ],
) -> None:
    """Put a backup in the database's place. It is checked first (it opens, is whole, is
    cpchair's and not from a newer version); the database it replaces is kept beside it as
    NAME.replaced-DATE-TIME. Close cpchair everywhere else first."""
    from cpchair.backup import BackupError, needs_passphrase, restore
    from cpchair.db import DatabaseError

    database = _db_file()
    if not file.is_file():
        fail(f"there is no backup file at {file}.{UNCHANGED}")
    key = _backup_passphrase(file) if needs_passphrase(file) else None
    try:
        done = restore(file, key, database)
    except (BackupError, DatabaseError) as exc:
        fail(f"restore refused: {exc}{UNCHANGED}")
    except OSError as exc:
        fail(f"cannot restore {file}: {exc.strerror}.{UNCHANGED}")
    typer.echo(f"Restored the database at {database} from {file}.")
    if done.aside is not None:
        typer.echo(f"The database it replaced is kept at {done.aside}; delete it when done.")
    if done.encrypted:
        typer.echo("It opens with the backup's passphrase.")
    else:
        typer.echo("It is not encrypted: `cpchair encrypt` encrypts it.")


def _backup_passphrase(file: Path) -> str:
    """An encrypted backup's passphrase: CPCHAIR_PASSPHRASE, else asked at the terminal."""
    from cpchair.unlock import at_terminal, from_env

    key = from_env()
    if key is not None:
        return key
    if not at_terminal():
        fail(
            "that backup is encrypted: give its passphrase (run this in a terminal, or set "
            f"CPCHAIR_PASSPHRASE).{UNCHANGED}"
        )
    from getpass import getpass

    from cpchair.db import WrongPassphraseError, raw_connect

    for _ in range(3):
        try:
            key = getpass("Passphrase for the backup: ")
        except (EOFError, KeyboardInterrupt):
            break
        try:
            raw_connect(file, key, read_only=True).close()
        except WrongPassphraseError:
            typer.echo("That passphrase does not open the backup.", err=True)
            continue
        return key
    fail(f"no passphrase that opens the backup was given.{UNCHANGED}")


@app.command("passphrase")
def passphrase_command() -> None:
    """Change the passphrase of an encrypted database.

    Asks the old one (or CPCHAIR_PASSPHRASE), then the new one twice (or
    CPCHAIR_NEW_PASSPHRASE). Close cpchair everywhere else first."""
    from cpchair.backup import BackupError, change_passphrase
    from cpchair.db import DatabaseError, WrongPassphraseError, raw_connect
    from cpchair.unlock import Found, GaveUp, ask_on_terminal, at_terminal, found, from_env

    path = _db_file()
    what = found(path)
    if what is Found.NEW:
        fail(f"there is no database at {path} yet.")
    if what is Found.PLAIN:
        fail(f"the database is not encrypted: `cpchair encrypt` encrypts it.{UNCHANGED}")
    _refuse_in_use(path)
    old = from_env()
    if old is None and not at_terminal():
        fail(f"give the present passphrase: in a terminal, or CPCHAIR_PASSPHRASE.{UNCHANGED}")
    try:
        if old is None:
            old = ask_on_terminal(path)(Found.ENCRYPTED)
        raw_connect(path, old, read_only=True).close()
    except GaveUp:
        fail(f"no passphrase given.{UNCHANGED}")
    except WrongPassphraseError as exc:
        fail(f"{exc}{UNCHANGED}")
    new = _new_passphrase()
    if new == old:
        fail(f"the new passphrase is the one the database has now.{UNCHANGED}")
    try:
        change_passphrase(path, old, new)
    except (BackupError, DatabaseError) as exc:
        fail(f"{exc}{UNCHANGED}")
    typer.echo(
        "The passphrase is changed: the database opens with the new one only. Backups made "
        "before open with the old one."
    )


@app.command("encrypt")
def encrypt_command() -> None:
    """Encrypt a plain database with a new passphrase.

    The passphrase is typed twice (or CPCHAIR_NEW_PASSPHRASE, or CPCHAIR_PASSPHRASE). An
    encrypted copy is made and checked, then it replaces the plain file, which is deleted.
    Close cpchair everywhere else first."""
    from cpchair.backup import BackupError, backups_dir, encrypt
    from cpchair.db import DatabaseError, is_encrypted
    from cpchair.unlock import ENV, Found, found

    path = _db_file()
    what = found(path)
    if what is Found.NEW:
        fail(f"there is no database at {path} yet: a new one is given a passphrase when made.")
    if what is Found.ENCRYPTED:
        fail("the database is encrypted already: `cpchair passphrase` changes its passphrase.")
    _refuse_in_use(path)
    key = _new_passphrase(also=ENV)
    try:
        done = encrypt(path, key)
    except (BackupError, DatabaseError) as exc:
        fail(f"{exc}{UNCHANGED}")
    except OSError as exc:
        fail(f"cannot encrypt the database: {exc.strerror}.{UNCHANGED}")
    typer.echo(
        f"Encrypted the database at {path}: an encrypted copy was checked ({done.rows} rows in "
        f"{done.tables} tables, all there) and took its place; the plain file is deleted."
    )
    folder = backups_dir()
    plain = [p for p in folder.glob("*.db") if p.is_file() and not is_encrypted(p)]
    count = (
        f"1 backup in {folder} is" if len(plain) == 1 else f"{len(plain)} backups in {folder} are"
    )
    typer.echo(
        "Backups and copies made before now are still not encrypted"
        + (f" ({count} among them)" if plain else "")
        + ": delete them, or keep them somewhere safe."
    )


def _db_file() -> Path:
    """The database file, for a command that works on the file itself."""
    try:
        return paths.db_path()
    except paths.OnServer as exc:
        fail(str(exc))


def _refuse_in_use(path: Path) -> None:
    from cpchair.backup import IN_USE, in_use

    busy = in_use(path)
    if busy:
        fail(f"{IN_USE}{UNCHANGED}")
    if busy is None:  # this platform cannot tell
        typer.echo("cpchair: make sure cpchair is closed everywhere else first.", err=True)


def _new_passphrase(also: str | None = None) -> str:
    """A new passphrase: CPCHAIR_NEW_PASSPHRASE (or the variable `also`), else typed twice at
    the terminal; checked by unlock.passphrase_problem."""
    from cpchair.unlock import at_terminal, passphrase_problem

    for name in (NEW_ENV, also):
        given = os.environ.get(name) if name else None
        if given:
            problem = passphrase_problem(given)
            if problem is not None:
                fail(f"{name}: {problem}{UNCHANGED}")
            return given
    if not at_terminal():
        fail(f"no terminal to ask the new passphrase at: set {NEW_ENV}.{UNCHANGED}")
    from getpass import getpass

    for _ in range(3):
        try:
            new = getpass("New passphrase: ")
            problem = passphrase_problem(new, getpass("The same passphrase again: "))
        except (EOFError, KeyboardInterrupt):
            break
        if problem is None:
            return new
        typer.echo(problem, err=True)
    fail(f"no new passphrase given.{UNCHANGED}")


def _run(textual_app: App[None]) -> None:
    """Run an app; a crash inside it (already told on screen, privately) exits non-zero."""
    textual_app.run()
    if textual_app.return_code:
        raise typer.Exit(textual_app.return_code)


def main() -> None:
    """The CLI alone (the console entry point is launch.py): no traceback ever reaches the
    user's screen."""
    from cpchair.start import guarded

    guarded(app)
