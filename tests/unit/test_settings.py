"""The settings file: defaults when it is missing, each bad value said in one line and
replaced by its default, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cpchair import settings
from cpchair.settings import Settings, load_settings, read_settings, settings_warnings


def _write(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_tests_read_their_own_empty_folder_never_the_users() -> None:
    assert "cpchair-home" in str(settings.config_dir())
    assert load_settings() == Settings(idle_minutes=10, chair_name=None)
    assert settings_warnings() == ()


def test_the_default_folder_is_the_platform_user_config_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from platformdirs import user_config_path

    monkeypatch.delenv("CPCHAIR_CONFIG_DIR")
    assert settings.config_path() == user_config_path("cpchair", appauthor=False) / "config.toml"


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, 'idle_minutes = 3\nchair_name = "  Sam Okafor "\n')
    assert read_settings(path) == (Settings(idle_minutes=3, chair_name="Sam Okafor"), ())
    assert read_settings(path)[0].idle_seconds == 180


def test_zero_never_locks_and_an_empty_name_is_none(tmp_path: Path) -> None:
    path = _write(tmp_path, 'idle_minutes = 0\nchair_name = ""\n')
    assert read_settings(path) == (Settings(idle_minutes=0, chair_name=None), ())


def test_a_missing_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "config.toml") == (Settings(), ())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("idle_minutes = 2.5\n", "idle_minutes must be a whole number of minutes"),
        ('idle_minutes = "ten"\n', "idle_minutes must be a whole number of minutes"),
        ("idle_minutes = true\n", "idle_minutes must be a whole number of minutes"),
        ("idle_minutes = -1\n", "idle_minutes cannot be negative"),
        ("chair_name = 42\n", "chair_name must be text in quotes"),
        ('chair_name = "Sam\\u001b[2J"\n', "chair_name must be one line of ordinary characters"),
        (f'chair_name = "{"x" * 101}"\n', "chair_name must be at most 100 characters"),
    ],
)
def test_a_bad_value_gives_its_default_and_one_line(tmp_path: Path, text: str, said: str) -> None:
    path = _write(tmp_path, text)
    found, warnings = read_settings(path)
    assert found == Settings()
    assert len(warnings) == 1
    # A setting with a default goes back to it; one without (the name) is left unset.
    instead = "; ignored." if said.startswith("chair_name") else "; using the default (10)."
    assert said in warnings[0] and warnings[0].endswith(instead)
    assert "\n" not in warnings[0]


def test_a_bad_value_leaves_the_good_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, 'idle_minutes = -5\nchair_name = "Sam Okafor"\n')
    found, warnings = read_settings(path)
    assert found == Settings(idle_minutes=10, chair_name="Sam Okafor")
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("idle_minutes = \n", "is not valid TOML (Invalid value (at line 1, column 16))"),
        ("[idle\n", "is not valid TOML"),
        (b"chair_name = '\xff'\n", "is not UTF-8 text"),
    ],
)
def test_a_broken_file_gives_the_defaults_and_one_line(
    tmp_path: Path, content: str | bytes, said: str
) -> None:
    path = _write(tmp_path, content)
    found, warnings = read_settings(path)
    assert found == Settings()
    assert len(warnings) == 1
    assert said in warnings[0] and "using the defaults" in warnings[0]
    assert str(path) in warnings[0]


def test_an_unreadable_file_gives_the_defaults_and_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()  # a folder where the file should be: reading it fails
    found, warnings = read_settings(folder)
    assert found == Settings()
    assert len(warnings) == 1 and "could not be read" in warnings[0]


def test_an_unknown_key_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, 'idle_minute = 5\n"bad\\u0007key" = 1\nidle_minutes = 4\n')
    found, warnings = read_settings(path)
    assert found == Settings(idle_minutes=4)
    assert warnings[0] == (
        "config.toml: unknown setting 'idle_minute' ignored "
        "(the settings are idle_minutes, chair_name, chair_contact, theme, wall_theme, "
        "default_profile, documents_folder, profiles_folder, word_template)."
    )
    assert "\x07" not in warnings[1] and "\\x07" in warnings[1]


def test_the_file_is_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(settings.config_dir(), "idle_minutes = 7\n")
    assert load_settings().idle_minutes == 7
    path.write_text("idle_minutes = 8\n", encoding="utf-8")
    assert load_settings().idle_minutes == 7
    settings.forget_settings()
    assert load_settings().idle_minutes == 8


def test_the_command_line_says_what_is_wrong_in_one_line_and_goes_on(tmp_path: Path) -> None:
    _write(settings.config_dir(), "idle_minutes = 'soon'\n")
    out = subprocess.run(
        [sys.executable, "-m", "cpchair", "profiles"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stderr.splitlines() == [
        "cpchair: warning: config.toml: idle_minutes must be a whole number of minutes "
        "(0 never locks); using the default (10)."
    ]
    assert "england" in out.stdout


def test_reading_the_settings_stays_light() -> None:
    code = (
        "import sys, cpchair.cli, cpchair.settings; cpchair.settings.load_settings(); "
        "heavy = ('textual', 'sqlmodel', 'sqlalchemy', 'pydantic'); "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_chairs_day_settings_are_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'chair_contact = " 01632 960 123 "\ntheme = "cpchair-high-contrast"\n'
        'wall_theme = "cpchair-projector"\ndefault_profile = "working-together"\n'
        'documents_folder = "~/conferences"\nprofiles_folder = "/srv/profiles"\n'
        'word_template = "templates/council.docx"\n',
    )
    found, warnings = read_settings(path)
    assert warnings == ()
    assert found.chair_contact == "01632 960 123"
    assert (found.theme, found.wall_theme) == ("cpchair-high-contrast", "cpchair-projector")
    assert found.default_profile == "working-together"
    assert found.documents_folder == Path.home() / "conferences"
    assert found.profiles_folder == Path("/srv/profiles")
    # A relative path is read from the settings' folder, wherever the app was started.
    assert found.word_template == settings.config_dir() / "templates" / "council.docx"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('theme = "Not A Theme!"\n', 'theme must be a name in quotes, like theme = "cpchair-'),
        ("documents_folder = 3\n", "documents_folder must be a folder in quotes"),
        ('word_template = "a\\u0007b"\n', "word_template must be a file in quotes"),
        (f'chair_contact = "{"1" * 201}"\n', "chair_contact must be at most 200 characters"),
    ],
)
def test_a_bad_new_setting_is_ignored_in_one_line(tmp_path: Path, text: str, said: str) -> None:
    found, warnings = read_settings(_write(tmp_path, text))
    assert found == Settings()
    assert len(warnings) == 1 and said in warnings[0] and warnings[0].endswith("; ignored.")


def test_saving_a_setting_changes_its_line_and_keeps_the_rest() -> None:
    path = _write(
        settings.config_dir(),
        '# my settings\nidle_minutes = 5  # short: a shared office\ntheme = "nord"\n',
    )
    assert load_settings().theme == "nord"
    settings.save_setting("theme", "cpchair-high-contrast")
    settings.save_setting("chair_name", 'Sam "Sammy" Okafor')
    assert path.read_text(encoding="utf-8") == (
        "# my settings\nidle_minutes = 5  # short: a shared office\n"
        'theme = "cpchair-high-contrast"\nchair_name = "Sam \\"Sammy\\" Okafor"\n'
    )
    assert load_settings().theme == "cpchair-high-contrast"  # read again after a save
    assert load_settings().chair_name == 'Sam "Sammy" Okafor'
    settings.save_setting("theme", None)  # back to the default: the line goes
    assert "theme" not in path.read_text(encoding="utf-8")
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("colour", "red", "there is no setting 'colour'"),
        ("theme", "Bad Name", "theme must be a name in quotes"),
        ("idle_minutes", -3, "idle_minutes cannot be negative"),
    ],
)
def test_a_setting_that_cannot_be_saved_changes_nothing(key: str, value: object, said: str) -> None:
    path = _write(settings.config_dir(), 'theme = "nord"\n')
    with pytest.raises(settings.SettingError, match=said):
        settings.save_setting(key, value)
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
