"""The app's own daily backup: made once after start-up, in a thread, off the first frame;
a failure is one toast in plain words, never a crash."""

from __future__ import annotations

import pytest

from cpchair import backup
from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.store import Store
from tests.ui.helpers import DAY, settle, toasts


async def test_the_app_makes_todays_backup_after_it_starts(store: Store) -> None:
    store.import_case(demo_case(DAY))
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [p.name for p in backup.daily_backups(backup.backups_dir())] == [f"cpchair-{DAY}.db"]
        assert toasts(app) == []


async def test_a_backup_that_fails_is_one_toast_and_the_app_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise backup.BackupError("the copy is damaged: its integrity check failed.")

    monkeypatch.setattr(backup, "daily_backup", refuse)
    store.import_case(demo_case(DAY))
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert toasts(app) == [
            "Today's backup could not be made: the copy is damaged: its integrity check "
            "failed. Your cases are as they were; `cpchair backup` makes one by hand."
        ]
        assert app.is_running
        assert app.screen.query_one("#cases") is not None


async def test_an_unforeseen_failure_is_told_without_its_details(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_: object) -> None:
        raise RuntimeError("Hadley")  # whatever it says, it may name someone: never shown

    monkeypatch.setattr(backup, "daily_backup", crash)
    app = CpchairApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [said] = toasts(app)
        assert said.startswith("Today's backup could not be made.") and "Hadley" not in said
        assert app.is_running
