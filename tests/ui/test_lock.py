"""Issue 12, point 2: locked when left. After the idle time the app covers the screen, shows
nothing of the case, and asks for the passphrase; the right one takes the chair back to
exactly where they were, half-typed text and all. The idle clock is the test's own: no test
waits minutes."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from cpchair import settings
from cpchair.app import CpchairApp, WallApp
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.help import HelpScreen, _app_keys
from cpchair.screens.conference import ConferenceScreen
from cpchair.screens.lock import WRONG, LockScreen
from cpchair.screens.wall import WallScreen
from cpchair.store import Store, edits, open_store
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftInput

from .helpers import burst, settle, toasts
from .meeting_helpers import REF, TODAY, in_meeting, load_demo

KEY = "correct horse battery"
FAMILY = "Hadley"  # the demo's family name: on the meeting's screen, never on the lock's
DRAFT = "Jodie Hadley says Dad shouts"  # half typed in the capture line


class Clock:
    """The idle clock, moved on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def secret(tmp_path: Path) -> Store:
    return load_demo(open_store(tmp_path / "x.db", key=KEY))


def shown(app: Any) -> str:
    """The text on the screen, as drawn (the screenshot's text, without its markup)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def said(app: Any) -> str:
    return str(app.screen.query_one("#lock-said", Static).content)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await burst(pilot, *("space" if c == " " else c for c in text))


async def until_locked(pilot: Pilot[Any], locked: bool = True) -> None:
    for _ in range(200):  # the timer looks every 1/4 of the idle time
        if isinstance(pilot.app.screen, LockScreen) == locked:
            return
        await asyncio.sleep(0.01)
    await settle(pilot)


async def meeting_with_a_draft(pilot: Pilot[Any]) -> DraftInput:
    screen = await in_meeting(pilot, "mapping")
    box = screen.query_one("#capture", DraftInput)
    box.focus()
    await type_text(pilot, DRAFT)
    box.cursor_position = 8  # in the middle: it comes back there
    return box


async def test_left_alone_it_locks_and_shows_nothing_of_the_case(secret: Store) -> None:
    clock = Clock()
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=0.4,
                     idle_clock=clock)  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_with_a_draft(pilot)
        app.say(f"Case {REF} written to {REF}.json.")  # a toast that names the case
        await settle(pilot)
        before = shown(app)
        assert FAMILY in before and REF in before
        clock.wait(0.25)
        await asyncio.sleep(0.3)  # the timer looks, but it is not yet time
        assert isinstance(app.screen, ConferenceScreen)
        clock.wait(0.25)
        await until_locked(pilot)
        assert isinstance(app.screen, LockScreen) and app.locked
        await settle(pilot)
        after = shown(app)
        assert "cpchair is locked" in after and "passphrase" in after
        assert FAMILY not in after and REF not in after and "rcpc1" not in after
        assert DRAFT not in after and "Review" not in after
        assert isinstance(app.focused, Input) and app.focused.password


async def test_a_key_or_the_mouse_starts_the_idle_time_again(secret: Store) -> None:
    clock = Clock()
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=600,
                     idle_clock=clock)  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_with_a_draft(pilot)
        for touch in (pilot.press("a"), pilot.hover(offset=(3, 3)), pilot.click(offset=(5, 5))):
            clock.wait(599)
            await touch
            clock.wait(2)
            app.lock_if_left()
            await settle(pilot)
            assert not app.locked
        clock.wait(600)
        app.lock_if_left()
        await settle(pilot)
        assert app.locked


async def test_a_wrong_passphrase_stays_locked_and_the_right_one_goes_back_as_it_was(
    secret: Store,
) -> None:
    clock = Clock()
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=600,
                     idle_clock=clock)  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        box = await meeting_with_a_draft(pilot)
        meeting = app.screen
        clock.wait(600)
        app.lock_if_left()
        await settle(pilot)
        lock = app.screen
        assert isinstance(lock, LockScreen)
        passphrase = lock.query_one("#lock-passphrase", Input)

        await type_text(pilot, "correct horse")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is lock and said(app) == WRONG
        assert passphrase.value == "" and app.focused is passphrase
        assert FAMILY not in shown(app)

        await pilot.press("enter")  # nothing typed
        assert app.screen is lock and "Type the passphrase" in said(app)

        # A burst typed at the lock: every key goes to its box, none to the meeting.
        await burst(pilot, *"x d: Dad", "enter", "f5", "escape", "f2", "ctrl+l", "h")
        assert app.screen is lock and box.value == DRAFT
        assert passphrase.value == "h" and said(app) == WRONG  # Enter took "x d: Dad"
        passphrase.clear()

        await type_text(pilot, KEY)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is meeting and not app.locked
        assert app.focused is box and box.value == DRAFT and box.cursor_position == 8
        assert FAMILY in shown(app)
        await type_text(pilot, "X")
        assert box.value == DRAFT[:8] + "X" + DRAFT[8:]  # the typing goes on where it was


async def test_a_plain_database_says_it_is_not_encrypted_and_enter_goes_back(
    store: Store,
) -> None:
    load_demo(store)
    app = CpchairApp(store, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=600)
    async with app.run_test(size=(120, 40)) as pilot:
        box = await meeting_with_a_draft(pilot)
        await pilot.press("f12")  # lock now
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        after = shown(app)
        assert FAMILY not in after and REF not in after
        told = " ".join(str(app.screen.query_one("#lock-ask", Static).content).split())
        assert "not encrypted" in told and "`cpchair encrypt`" in told
        assert "cpchair is locked" in after
        assert not app.screen.query(Input)
        await burst(pilot, *"typed")
        assert isinstance(app.screen, LockScreen) and box.value == DRAFT
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConferenceScreen) and app.focused is box
        assert box.value == DRAFT


async def test_while_locked_help_the_palette_and_quit_show_nothing(secret: Store) -> None:
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=600)
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_with_a_draft(pilot)
        await pilot.press("f12")
        await settle(pilot)
        lock = app.screen
        assert isinstance(lock, LockScreen)
        for key in ("f1", "ctrl+p", "f12", "ctrl+q"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is lock and app.is_running
        assert said(app) == "Locked: type the passphrase first, then Ctrl+Q quits."
        await type_text(pilot, KEY)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConferenceScreen)  # no palette or help waited
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert ("f12", "Lock") in _app_keys(app)  # under "Anywhere"


async def test_a_window_opened_or_closed_meanwhile_waits_until_the_lock_is_lifted(
    secret: Store,
) -> None:
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_with_a_draft(pilot)
        meeting = app.screen
        answers: list[bool | None] = []
        app.push_screen(ConfirmModal(f"Replace case {REF}?", yes="Replace"), answers.append)
        await settle(pilot)
        question = app.screen
        app.action_lock()
        await settle(pilot)
        # Closed by itself underneath (an answer from elsewhere), then another opened.
        question.dismiss(False)
        app.push_screen(ConfirmModal(f"Case {REF} is already here. Replace it?"))
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and answers == [False]
        assert REF not in shown(app)
        await type_text(pilot, KEY)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and app.screen is not question
        assert app.screen_stack[-2] is meeting


async def test_never_locks_with_zero_minutes_and_reads_the_minutes_from_the_settings(
    store: Store,
) -> None:
    folder = settings.config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text("idle_minutes = 0\n", encoding="utf-8")
    settings.forget_settings()
    app = CpchairApp(store, today=TODAY)
    assert app.idle_seconds == 0
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.lock_if_left()
        assert not app.locked and not app._timers
    (folder / "config.toml").write_text("idle_minutes = 3\nidle = 1\n", encoding="utf-8")
    settings.forget_settings()
    app = CpchairApp(store, today=TODAY)
    assert app.idle_seconds == 180
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("unknown setting 'idle'" in toast for toast in toasts(app))


async def test_the_wall_window_locks_too_and_a_change_to_the_meeting_keeps_it_awake(
    secret: Store,
) -> None:
    clock = Clock()
    app = WallApp(secret, REF, "rcpc1", idle_seconds=600, idle_clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallScreen) and FAMILY in shown(app)
        clock.wait(599)
        Meeting(open_store(secret.path, key=KEY), REF, "rcpc1").edit(
            edits.mapping.add_entry,
            column="strengths",
            text="Nan collects the children from school",
        )  # another window: the meeting moves on
        for _ in range(100):
            await asyncio.sleep(0.02)
            if "Nan collects" in shown(app):
                break
        clock.wait(2)
        app.lock_if_left()
        await settle(pilot)
        assert not app.locked
        clock.wait(600)
        app.lock_if_left()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert FAMILY not in shown(app) and "Nan collects" not in shown(app)
        await type_text(pilot, KEY)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WallScreen) and "Nan collects" in shown(app)


async def test_copying_is_said_without_the_text_and_never_from_the_lock(secret: Store) -> None:
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        box = await meeting_with_a_draft(pilot)
        box.select_all()
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert app.clipboard == DRAFT
        [toast] = [t for t in toasts(app) if "clipboard" in t]
        assert toast.startswith(f"Copied to the clipboard: {len(DRAFT)} characters.")
        assert FAMILY not in toast
        app.action_lock()
        await settle(pilot)
        await type_text(pilot, "secret")
        app.screen.query_one(Input).select_all()
        await pilot.press("ctrl+c", "ctrl+x")
        assert app.clipboard == DRAFT


async def test_the_palette_locks_and_neither_window_offers_a_screenshot(secret: Store) -> None:
    app = CpchairApp(secret, today=TODAY, meeting=(REF, "rcpc1"), idle_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await in_meeting(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await burst(pilot, *"view: Lock", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert isinstance(app.screen_stack[-2], ConferenceScreen)  # the palette closed first
    wall = WallApp(secret, REF, "rcpc1", idle_seconds=0)
    async with wall.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in wall.get_system_commands(wall.screen)]
        assert "view: Lock" in titles and "Quit" in titles and "Screenshot" not in titles


def test_nothing_in_cpchair_copies_to_the_clipboard_by_itself() -> None:
    """Only the person's own Ctrl+C / Ctrl+X (Textual's) copies; cpchair's code never does,
    bar the one place that says so (locking.py)."""
    package = Path(__file__).resolve().parents[2] / "cpchair"
    callers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "copy_to_clipboard(" in path.read_text("utf-8")
    ]
    assert callers == ["locking.py"]
