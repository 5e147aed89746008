"""The passphrase asked on a screen of its own: the wrong one is refused and cleared, the
right one opens; a new database's passphrase is chosen twice; Escape opens nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from cpchair.demo import demo_case
from cpchair.screens.unlock import UnlockApp
from cpchair.store import open_store
from cpchair.unlock import Found

from .helpers import settle

KEY = "kettle on the hob"


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.db"
    open_store(path, KEY).import_case(demo_case(dt.date(2026, 11, 26)))
    return path


def said(app: UnlockApp) -> str:
    return str(app.screen.query_one("#unlock-said", Static).content)


async def test_the_wrong_passphrase_is_refused_and_the_right_one_opens(encrypted: Path) -> None:
    app = UnlockApp(encrypted, Found.ENCRYPTED)
    async with app.run_test() as pilot:
        box = app.screen.query_one("#passphrase", Input)
        box.value = "not the one"
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == "That passphrase does not open this database."
        assert box.value == "" and box.has_focus and not box.disabled
        assert app.is_running
        box.value = KEY
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_value == KEY


async def test_a_new_passphrase_is_chosen_twice(tmp_path: Path) -> None:
    app = UnlockApp(tmp_path / "new.db", Found.NEW)
    async with app.run_test() as pilot:
        first, again = app.screen.query(Input)
        for typed, twice, refusal in (("short", "short", "at least 8"),
                                      (KEY, KEY + "!", "differ")):  # fmt: skip
            first.value, again.value = typed, twice
            await pilot.press("enter")  # from the first box to the second
            assert again.has_focus
            await pilot.press("enter")
            assert refusal in said(app) and again.value == "" and app.is_running
        first.value, again.value = KEY, KEY
        again.focus()
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_value == KEY
    assert not (tmp_path / "new.db").exists()  # choosing it makes nothing yet


async def test_escape_opens_nothing(encrypted: Path) -> None:
    app = UnlockApp(encrypted, Found.ENCRYPTED)
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_value is None


async def test_a_plain_database_is_offered_encryption_once(tmp_path: Path) -> None:
    from cpchair.app import CpchairApp
    from cpchair.unlock import OFFER

    from .helpers import toasts

    app = CpchairApp(open_store(tmp_path / "plain.db"), offer_encryption=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert toasts(app) == [OFFER]
