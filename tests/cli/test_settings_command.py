"""`cpchair settings` and `--theme`: where the settings are, what each is, a theme kept."""

from __future__ import annotations

import json
from typing import Any

from cpchair import settings


def test_settings_say_where_the_file_is_and_what_each_unset_one_means(run: Any) -> None:
    result = run("settings")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Settings file: {settings.config_path()} (not there yet: every setting has its default)"
    )
    assert "  idle_minutes      10 (the default)" in lines
    assert "  wall_theme        not set: the app's theme" in lines
    assert "  default_profile   not set: england" in lines
    assert len(lines) == 1 + len(settings.KEYS)


def test_a_theme_named_on_the_command_line_is_kept(run: Any) -> None:
    result = run("--theme", "cpchair-high-contrast", "settings", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["exists"] and shown["settings"]["theme"] == "cpchair-high-contrast"
    assert shown["warnings"] == []
    text = settings.config_path().read_text(encoding="utf-8")
    assert text == 'theme = "cpchair-high-contrast"\n'


def test_an_unknown_theme_is_a_usage_error_and_nothing_is_kept(run: Any) -> None:
    result = run("--theme", "sparkly", "settings")
    assert result.exit_code == 2
    assert "there is no theme 'sparkly' (the themes are cpchair-high-contrast," in result.output
    assert not settings.config_path().exists()
    wall = run("wall", "DEMO-0001", "--theme", "Sparkly!")
    assert wall.exit_code == 2
    assert not settings.config_path().exists()


def test_the_themes_are_listed(run: Any) -> None:
    names = run("settings", "--themes").stdout.split()
    assert names[:2] == ["cpchair-high-contrast", "cpchair-projector"]
    assert "textual-dark" in names and "nord" in names


def test_a_bad_line_in_the_file_is_said_and_the_rest_shown(run: Any) -> None:
    settings.config_dir().mkdir(parents=True, exist_ok=True)
    settings.config_path().write_text('theme = 5\nchair_name = "Sam Okafor"\n', encoding="utf-8")
    result = run("settings")
    assert result.exit_code == 0
    assert "  chair_name        Sam Okafor" in result.stdout.splitlines()
    assert "warning: config.toml: theme must be a name in quotes" in result.stdout
