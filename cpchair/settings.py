"""The chair's own settings: a `config.toml` in the user config folder.

    idle_minutes = 10          # lock the screen after this many minutes untouched; 0 never locks
    chair_name = "Sam Okafor"  # who the audit trail says made a change (else the system user)

The folder is the platform's user config folder (`~/.config/cpchair` on Linux), or
`CPCHAIR_CONFIG_DIR` when set (tests and trials). A missing file gives the defaults. A file
that cannot be read, or a value that is not right, gives the default for it and one warning
line in plain words, never a traceback; an unknown key is ignored with a warning. The file is
read once per process (`load_settings`). Only `tomllib` and the standard library are used
here: the command line imports this before anything heavy.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

APP_NAME = "cpchair"
CONFIG_FILENAME = "config.toml"
NAME_LIMIT = 100  # characters of a chair's name


@dataclass(frozen=True)
class Settings:
    idle_minutes: int = 10  # 0: never lock
    chair_name: str | None = None

    @property
    def idle_seconds(self) -> float:
        return self.idle_minutes * 60.0


DEFAULTS = Settings()
KEYS = tuple(f.name for f in fields(Settings))


def config_dir() -> Path:
    override = os.environ.get("CPCHAIR_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    return config_dir() / CONFIG_FILENAME


@cache
def _loaded() -> tuple[Settings, tuple[str, ...]]:
    return read_settings(config_path())


def load_settings() -> Settings:
    """This process's settings, read from `config.toml` the first time they are asked for."""
    return _loaded()[0]


def settings_warnings() -> tuple[str, ...]:
    """What was wrong with `config.toml`, one line each, in the chair's words (or nothing)."""
    return _loaded()[1]


def forget_settings() -> None:
    """Read the file again next time (tests, and a changed CPCHAIR_CONFIG_DIR)."""
    _loaded.cache_clear()


def read_settings(path: Path) -> tuple[Settings, tuple[str, ...]]:
    """The settings in `path` and what was wrong with it. Never raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DEFAULTS, ()
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        return DEFAULTS, (f"settings file {path} could not be read ({why}); using the defaults.",)
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return DEFAULTS, (
            f"settings file {path} is not UTF-8 text; using the defaults.",
        )  # fmt: skip
    except tomllib.TOMLDecodeError as exc:
        return DEFAULTS, (
            f"settings file {path} is not valid TOML ({exc}); using the defaults.",
        )  # fmt: skip
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in table.items():
        check = _CHECKS.get(key)
        if check is None:
            warnings.append(
                f"{path.name}: unknown setting {_shown(key)} ignored "
                f"(the settings are {', '.join(KEYS)})."
            )
            continue
        try:
            values[key] = check(value)
        except ValueError as exc:
            warnings.append(
                f"{path.name}: {key} {exc}; using the default ({getattr(DEFAULTS, key)!r})."
            )
    return Settings(**values), tuple(warnings)


def _idle_minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number of minutes (0 never locks)")
    if value < 0:
        raise ValueError("cannot be negative (0 never locks)")
    return value


def _chair_name(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError('must be text in quotes, like chair_name = "Sam Okafor"')
    name = value.strip()
    if any(not ch.isprintable() for ch in name):
        raise ValueError("must be one line of ordinary characters")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"must be at most {NAME_LIMIT} characters")
    return name or None


_CHECKS = {"idle_minutes": _idle_minutes, "chair_name": _chair_name}
assert set(_CHECKS) == set(KEYS)


def _shown(key: str) -> str:
    """A key as typed, safe to print on a terminal: control characters are escaped."""
    return repr(key[:40] + ("..." if len(key) > 40 else ""))
