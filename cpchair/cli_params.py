"""The command line's values read without pydantic unless one needs it.

Typer (0.29) checks every parameter's value with a pydantic TypeAdapter, built the first time
the parameter is processed, even when it was left out: importing pydantic for that is a third
of `cpchair timescales` (~0.05 s with cached bytecode, ~0.15 s without). Text needs no check
(the command line gives text) and a parameter left out needs none, so those pass as they
are; any other value is handed to Typer's own coercion, built when the value comes.

A value from a fixed set is checked here too, without pydantic: a `Literal` or `Enum`
annotation, or text whose `parser` is a `OneOf` (choices known only when a value comes, such
as the document formats, which would cost `cpchair.documents` to list at import). A value
outside the set is a usage error (exit 2) told in one line, as cpchair's other refusals are:
`cpchair: --keep takes mine or theirs, not 'other'`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer
from typer import core
from typer._click.core import ParameterSource
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter


def or_list(words: Sequence[str]) -> str:
    """ "mine or theirs", "json, md, html or docx"."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


class Refused(typer.BadParameter):
    """A value outside its choices: a usage error (exit 2) in one line on stderr."""

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        typer.echo(f"cpchair: {self.message}", err=True)


@dataclass(frozen=True)
class OneOf:
    """The `parser` of a text parameter that takes one of a set of words: `choices` is
    called when a value comes (or a shell asks to complete one), never at import; `normal`
    is how a typed value is read (e.g. lower case)."""

    choices: Callable[[], Sequence[str]]
    normal: Callable[[str], str] = str

    def __call__(self, value: str) -> str:  # Typer's own use of a parser: not reached here
        return self.normal(value)

    def complete(self, incomplete: str) -> list[str]:
        """For shell completion (`autocompletion=`)."""
        return [c for c in self.choices() if c.startswith(self.normal(incomplete))]


def _name(param: _TyperParameter) -> str:
    """How the refusal names a parameter: its long option, or an argument's metavar."""
    if param.param_type_name == "option":
        return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return param.metavar or (param.name or "").upper()


def _one_of(value: str, choices: Sequence[Any], param: _TyperParameter, ctx: Context) -> Any:
    words = [str(c.value) if isinstance(c, Enum) else str(c) for c in choices]
    if value in words:
        return choices[words.index(value)]
    raise Refused(f"{_name(param)} takes {or_list(words)}, not {value!r}", ctx=ctx, param=param)


@dataclass(frozen=True)
class _WhenNeeded(RuntimeParam):
    """Typer's coercion for one parameter, built only for a value that is not plain text."""

    descriptor: TypeDescriptor
    built: list[RuntimeParam] = field(default_factory=list)  # Typer's, once built

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        parser = self.parameter_info.parser
        if isinstance(parser, OneOf) and isinstance(value, str):
            if param.name and ctx.get_parameter_source(param.name) is ParameterSource.DEFAULT:
                return value  # ours, and its choices may cost an import (cpchair.documents)
            return _one_of(parser.normal(value), parser.choices(), param, ctx)
        choices = self.descriptor.choices
        if choices is not None and not self.descriptor.is_list and isinstance(value, str):
            return _one_of(value, choices, param, ctx)
        plain = self.annotation is str and parser is None
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
