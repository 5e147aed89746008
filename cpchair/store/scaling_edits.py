"""Edits of the scaling stage of the live meeting, mixed into `Meeting`.

Each method is one short transaction through `self._write(fn, *args)`, where `fn(session,
reference, conference, *args)` lives in this module, checks what it is given and raises
EditError in the chair's words. `live.open_conference` refuses once the conference is concluded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class ScalingEdits:
    def _write(self, fn: Callable[..., T], *args: Any) -> T:  # provided by Meeting
        raise NotImplementedError
