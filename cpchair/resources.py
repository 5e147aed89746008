"""Where the files shipped with cpchair (profiles, the demo case) are read from.

In a wheel, `data/` is packed inside the package as `cpchair/data`. In a source checkout
or an editable install the package has no `data` folder, so the project's own `data/`
beside it is used instead.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def data_root() -> Traversable:
    packaged = resources.files("cpchair") / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def data_file(*parts: str) -> Traversable:
    node = data_root()
    for part in parts:
        node = node / part
    return node
