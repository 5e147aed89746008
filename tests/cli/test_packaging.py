"""The wheel carries what the app reads at run time: profiles, the demo case, migrations."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("wheel")
    [path] = list(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    with zipfile.ZipFile(path) as zf:
        yield zf


def test_wheel_ships_data_and_migrations(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for profile in ("england", "derby-city", "derbyshire"):
        assert f"cpchair/data/profiles/{profile}.toml" in names
    assert "cpchair/data/demo/household.json" in names
    assert "cpchair/migrations/env.py" in names
    assert "cpchair/migrations/script.py.mako" in names
    assert any(n.startswith("cpchair/migrations/versions/0001") for n in names)
    assert "cpchair/app.tcss" in names
    assert not any(n.startswith("tests/") for n in names)


def test_entry_point_is_declared(wheel: zipfile.ZipFile) -> None:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "cpchair = cpchair.launch:main" in wheel.read(name).decode()
