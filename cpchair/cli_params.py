"""The command line's values read without pydantic unless one needs it.

Typer (0.29) checks every parameter's value with a pydantic TypeAdapter, built the first time
the parameter is processed, even when it was left out: importing pydantic for that is a third
of `cpchair timescales` (~0.05 s with cached bytecode, ~0.15 s without). Text needs no check
(the command line gives text) and a parameter left out needs none, so those pass as they
are; any other value is handed to Typer's own coercion, built when the value comes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from typer import core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter


@dataclass(frozen=True)
class _WhenNeeded(RuntimeParam):
    """Typer's coercion for one parameter, built only for a value that is not plain text."""

    descriptor: TypeDescriptor
    built: list[RuntimeParam] = field(default_factory=list)  # Typer's, once built

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        plain = self.annotation is str and self.parameter_info.parser is None
        if plain and isinstance(value, str):
            return value  # what Typer's str adapter gives back for text
        if not self.built:
            self.built.append(build_runtime_param(self.descriptor))
        return self.built[0]._coerce_value(value, param=param, ctx=ctx)


def _when_needed(descriptor: TypeDescriptor) -> RuntimeParam:
    if descriptor.file_annotation is not None:
        return build_runtime_param(descriptor)  # opens files: nothing to spare
    return _WhenNeeded(descriptor.parameter_info, descriptor.annotation, descriptor)


def install() -> None:
    """Have Typer's parameters (typer.core) build their coercion through `_when_needed`."""
    core.build_runtime_param = _when_needed
