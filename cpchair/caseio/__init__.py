"""Reading and writing the cpchair-case/1 format (docs/case-format.md).

The names below are loaded when first asked for: importing a light part of the package
(`caseio.printable`, `caseio.keys`) must not cost pydantic, which the app's first frame
does without.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpchair.caseio.parse import dump_case, parse_case
    from cpchair.caseio.problems import CaseFileError, Problem
    from cpchair.caseio.schema import CaseDoc

__all__ = ["CaseDoc", "CaseFileError", "Problem", "dump_case", "parse_case"]

_HOME = {
    "CaseDoc": "cpchair.caseio.schema",
    "CaseFileError": "cpchair.caseio.problems",
    "Problem": "cpchair.caseio.problems",
    "dump_case": "cpchair.caseio.parse",
    "parse_case": "cpchair.caseio.parse",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(name)
    return getattr(import_module(_HOME[name]), name)
