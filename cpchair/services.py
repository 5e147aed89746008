"""What the CLI and the app both do with a whole case: import, export, delete, start a new one,
and find the conference to open. Free of Textual, so `cpchair import` and the app's import
window share one path through the checks; each caller words the outcome its own way.

Imported lazily by the CLI (it pulls in the store): `import cpchair.cli` stays quick.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from cpchair import fileio
from cpchair.caseio import dump_case, parse_case
from cpchair.caseio.limits import read_case_file
from cpchair.fileio import as_sentence, target_problem
from cpchair.forms import InputError
from cpchair.rules.flags import next_conference
from cpchair.rules.profiles import profile_names

if TYPE_CHECKING:
    from cpchair.caseio.schema import CaseDoc, ConferenceDoc
    from cpchair.store import ImportResult, Store


def read_case(path: Path) -> CaseDoc:
    """A case file, read and checked. Raises OSError, or CaseFileError listing the problems."""
    return parse_case(read_case_file(path), known_profiles=profile_names())


def import_case(store: Store, doc: CaseDoc, *, replace: bool = False) -> ImportResult:
    """Add the case, all or nothing. Raises CaseExistsError unless `replace`."""
    return store.import_case(doc, replace=replace)


def case_json(store: Store, reference: str) -> tuple[str, str] | None:
    """(the reference as held, the case as cpchair-case/1 JSON); None if there is no case."""
    doc = store.load_case(reference)
    return None if doc is None else (doc.reference, dump_case(doc))


def write_case(path: Path, text: str) -> None:
    """Write an exported case readable only by its owner. Raises OSError."""
    fileio.write_private(path, text)  # looked up when called: a test stands in a full disk


def delete_case(store: Store, reference: str) -> bool:
    """Delete the case and everything in it; False if it was not here."""
    return store.delete_case(reference)


def new_case(store: Store, reference: str, family_name: str, profile: str) -> None:
    """Start an empty case. Raises the store's EditError when the reference is taken."""
    store.create_case(reference, family_name, profile)


def current_conference(doc: CaseDoc) -> ConferenceDoc | None:
    """The conference `open`, `wall` and the app's Run go to: the next not concluded, else
    the latest; None when the case has none."""
    return next_conference(doc) or (doc.conferences[-1] if doc.conferences else None)


# --- the prompts' checks on a typed path (a refusal keeps the path in the box to fix) -------


def typed_path(text: str) -> Path:
    if not text.strip():
        raise InputError("Type the path of the file.")
    return Path(text.strip()).expanduser()


def file_to_read(text: str) -> Path:
    """A file to import: there, ordinary and readable."""
    path = typed_path(text)
    if path.is_dir():
        raise InputError("That is a folder: add the name of the case file in it.")
    if not path.is_file():
        raise InputError("There is no file at that path.")
    if not os.access(path, os.R_OK):
        raise InputError("You are not allowed to read that file.")
    return path


def file_to_write(text: str) -> Path:
    """A file to export to, as the app asks for one: an ordinary file (or none yet) in a
    folder that can be written in. Replacing one that is there is asked about next. (The
    CLI's -o has its own check, with --force: cli._check_output.)"""
    path = typed_path(text)
    if (problem := target_problem(text.strip())) is not None:
        raise InputError(as_sentence(problem))
    return path
