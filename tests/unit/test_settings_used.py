"""What the settings change: the council's own practice profiles beside the shipped ones,
and the folder documents are written to."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpchair import paths, settings
from cpchair.rules import profiles
from cpchair.rules.profiles import ProfileError, forget_profiles, load_profile, profile_names

OWN = (
    'title = "Northshire (fictional)"\nextends = "working-together"\nprocedures = ["Northshire"]\n'
)


@pytest.fixture
def council(tmp_path: Path) -> Path:
    folder = tmp_path / "council-profiles"
    folder.mkdir()
    settings.save_setting("profiles_folder", str(folder))
    forget_profiles()
    yield folder
    forget_profiles()


def test_a_councils_own_profile_is_offered_and_read(council: Path) -> None:
    (council / "northshire.toml").write_text(OWN, encoding="utf-8")
    assert "northshire" in profile_names()
    northshire = load_profile("northshire")
    assert northshire.title == "Northshire (fictional)"
    assert northshire.procedures == ("Northshire",)


def test_a_shipped_profile_stands_over_a_council_file_of_the_same_name(council: Path) -> None:
    (council / "england.toml").write_text('title = "Not England"\n', encoding="utf-8")
    assert profile_names().count("england") == 1
    assert load_profile("england").title == "England (common practice)"


def test_a_broken_council_file_is_refused_in_words_and_odd_names_are_passed_over(
    council: Path,
) -> None:
    (council / "broken.toml").write_text("title = 3\n", encoding="utf-8")
    (council / "Bad Name.toml").write_text(OWN, encoding="utf-8")
    (council / "latin.toml").write_bytes(b'title = "\xff"\n')
    names = profile_names()
    assert "broken" in names and "Bad Name" not in names
    with pytest.raises(ProfileError, match="title: expected text"):
        load_profile("broken")
    with pytest.raises(ProfileError, match=r"latin\.toml cannot be read"):
        load_profile("latin")


def test_without_the_setting_only_the_shipped_profiles_are_offered() -> None:
    assert profile_names() == sorted(profiles._shipped())


def test_documents_go_to_the_folder_the_settings_name(tmp_path: Path) -> None:
    assert paths.documents_dir().name == "documents"  # beside the data in tests
    settings.save_setting("documents_folder", str(tmp_path / "conferences"))
    assert paths.documents_dir() == tmp_path / "conferences"


def test_a_broken_council_profile_is_listed_as_unusable_by_profiles_json(council: Path) -> None:
    import json

    from typer.testing import CliRunner

    from cpchair.cli import app

    (council / "marsh.toml").write_text('title = "Marsh"\nregion = "mars"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["profiles", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["profiles"]
    assert listed[-1]["name"] == "marsh" and "region" in listed[-1]["error"]
    assert {p["name"] for p in listed[:-1]} >= {"england", "working-together"}


def test_a_theme_is_not_kept_in_a_settings_file_that_is_not_utf8() -> None:
    settings.config_dir().mkdir(parents=True, exist_ok=True)
    settings.config_path().write_bytes(b"chair_name = '\xff'\n")
    with pytest.raises(settings.SettingError, match="is not UTF-8 text, so it is left as it is"):
        settings.save_setting("theme", "nord")
    assert settings.config_path().read_bytes() == b"chair_name = '\xff'\n"


def test_a_council_profile_is_read_once_per_folder(council: Path) -> None:
    (council / "northshire.toml").write_text(OWN, encoding="utf-8")
    assert load_profile("northshire").title == "Northshire (fictional)"
    (council / "northshire.toml").write_text(OWN.replace("Northshire (", "Changed ("))
    assert load_profile("northshire").title == "Northshire (fictional)"  # as read
    other = council.parent / "other"
    other.mkdir()
    (other / "northshire.toml").write_text(OWN.replace("Northshire (", "Other ("))
    settings.save_setting("profiles_folder", str(other))  # another folder: read afresh
    assert load_profile("northshire").title == "Other (fictional)"
