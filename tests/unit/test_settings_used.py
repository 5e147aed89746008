"""What the settings change: the council's own practice profiles beside the shipped ones,
and the folder documents are written to."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpchair import paths, settings
from cpchair.rules import profiles
from cpchair.rules.profiles import ProfileError, load_profile, profile_names

OWN = (
    'title = "Northshire (fictional)"\nextends = "working-together"\nprocedures = ["Northshire"]\n'
)


@pytest.fixture
def council(tmp_path: Path) -> Path:
    folder = tmp_path / "council-profiles"
    folder.mkdir()
    settings.save_setting("profiles_folder", str(folder))
    load_profile.cache_clear()
    yield folder
    load_profile.cache_clear()


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
