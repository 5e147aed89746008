"""The chair's own settings: a `config.toml` in the user config folder.

    idle_minutes = 10                  # lock after this many minutes untouched; 0 never locks
    chair_name = "Sam Okafor"          # the audit trail's name for changes, and the letter's
    chair_contact = "01632 960 123"    # how a family reaches the chair (the letter)
    theme = "cpchair-high-contrast"    # the app's colours; chosen in the app, it is kept here
    wall_theme = "cpchair-projector"   # the wall's, on a projector
    default_profile = "england"        # the practice profile a new case starts with
    documents_folder = "~/Documents/conferences"  # where documents are written
    profiles_folder = "~/council-profiles"        # the council's own practice profiles
    word_template = "~/templates/council.docx"    # the council's Word template

The folder is the platform's user config folder (`~/.config/cpchair` on Linux), or
`CPCHAIR_CONFIG_DIR` when set (tests and trials). A missing file gives the defaults. A file
that cannot be read, or a value that is not right, gives the default for it and one warning
line in plain words, never a traceback; an unknown key is ignored with a warning. The file is
read once per process (`load_settings`); `save_setting` changes one line of it, leaving the
rest (comments too) as the chair wrote it. Only `tomllib` and the standard library are used
here: the command line imports this before anything heavy.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

APP_NAME = "cpchair"
CONFIG_FILENAME = "config.toml"
NAME_LIMIT = 100  # characters of a chair's name
CONTACT_LIMIT = 200  # characters of the chair's contact line


@dataclass(frozen=True)
class Settings:
    idle_minutes: int = 10  # 0: never lock
    chair_name: str | None = None
    chair_contact: str | None = None
    theme: str | None = None  # None: Textual's own default
    wall_theme: str | None = None
    default_profile: str | None = None  # None: the first shipped (england)
    documents_folder: Path | None = None  # None: the folder the app was started in
    profiles_folder: Path | None = None
    word_template: Path | None = None

    @property
    def idle_seconds(self) -> float:
        return self.idle_minutes * 60.0


DEFAULTS = Settings()
# What a setting left unset means, for `cpchair settings` to say.
UNSET = {
    "chair_name": "the account's user name is the audit trail's",
    "chair_contact": "none given",
    "theme": "Textual's own (textual-dark)",
    "wall_theme": "the app's theme",
    "default_profile": "england",
    "documents_folder": "cpchair in your documents folder",
    "profiles_folder": "the shipped profiles alone",
    "word_template": "cpchair's own layout",
}
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
            default = getattr(DEFAULTS, key)
            instead = "ignored" if default is None else f"using the default ({default!r})"
            warnings.append(f"{path.name}: {key} {exc}; {instead}.")
    return Settings(**values), tuple(warnings)


def _idle_minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number of minutes (0 never locks)")
    if value < 0:
        raise ValueError("cannot be negative (0 never locks)")
    return value


def _line(what: str, example: str, limit: int) -> Any:
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            raise ValueError(f"must be text in quotes, like {example}")
        text = value.strip()
        if any(not ch.isprintable() for ch in text):
            raise ValueError("must be one line of ordinary characters")
        if len(text) > limit:
            raise ValueError(f"must be at most {limit} characters")
        return text or None

    check.__doc__ = what
    return check


_chair_name = _line("the chair's name", 'chair_name = "Sam Okafor"', NAME_LIMIT)
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


def _name(example: str) -> Any:
    def check(value: object) -> str | None:
        if not isinstance(value, str) or not _NAME.fullmatch(value.strip() or "x"):
            raise ValueError(f"must be a name in quotes, like {example}")
        return value.strip() or None

    return check


def _path(example: str, *, folder: bool) -> Any:
    def check(value: object) -> Path | None:
        if not isinstance(value, str) or any(not ch.isprintable() for ch in value):
            raise ValueError(
                f"must be a {'folder' if folder else 'file'} in quotes, like {example}"
            )
        if not value.strip():
            return None
        path = Path(os.path.expanduser(value.strip()))
        # A relative path is read from the settings' own folder, wherever the app is started.
        return path if path.is_absolute() else config_dir() / path

    return check


_CHECKS = {
    "idle_minutes": _idle_minutes,
    "chair_name": _chair_name,
    "chair_contact": _line(
        "how a family reaches the chair", 'chair_contact = "01632 960 123"', CONTACT_LIMIT
    ),
    "theme": _name('theme = "cpchair-high-contrast"'),
    "wall_theme": _name('wall_theme = "cpchair-projector"'),
    "default_profile": _name('default_profile = "england"'),
    "documents_folder": _path('documents_folder = "~/Documents/conferences"', folder=True),
    "profiles_folder": _path('profiles_folder = "~/council-profiles"', folder=True),
    "word_template": _path('word_template = "~/templates/council.docx"', folder=False),
}
assert set(_CHECKS) == set(KEYS)


class SettingError(ValueError):
    """A value `save_setting` will not write (the message is for the person)."""


def save_setting(key: str, value: object) -> Path:
    """Put `key = value` in config.toml (None takes the line out), keeping every other line
    as it was; the file is written whole or not at all. The settings are read again next time
    they are asked for. Raises SettingError, OSError."""
    check = _CHECKS.get(key)
    if check is None:
        raise SettingError(
            f"there is no setting {_shown(key)} (the settings are {', '.join(KEYS)})"
        )
    try:
        kept = check(value) if value is not None else None
    except ValueError as exc:
        raise SettingError(f"{key} {exc}") from None
    path = config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except UnicodeDecodeError:  # read as the defaults (read_settings): left for the chair
        raise SettingError(f"{path} is not UTF-8 text, so it is left as it is") from None
    mine = re.compile(rf"\s*{re.escape(key)}\s*=")
    line = None if kept is None else f"{key} = {_toml(value if isinstance(kept, Path) else kept)}"
    found = [i for i, text in enumerate(lines) if mine.match(text)]
    if found:
        if line is None:
            del lines[found[0]]
        else:
            lines[found[0]] = line
    elif line is not None:
        lines.append(line)
    from cpchair.fileio import write_private

    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, "\n".join(lines) + "\n" if lines else "")
    forget_settings()
    return path


def _toml(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _shown(key: str) -> str:
    """A key as typed, safe to print on a terminal: control characters are escaped."""
    return repr(key[:40] + ("..." if len(key) > 40 else ""))
