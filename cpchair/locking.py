"""Locked when left: an app that covers itself after a while with no key or mouse.

Each key, paste and mouse event only notes the time (one clock read, nothing more); a timer
that ticks a few times a minute compares it with `idle_minutes` from the settings and pushes
the lock screen (screens/lock.py) over whatever is on screen. While locked:

- keys go to the lock screen's box only (it is the screen on top, its box has the focus);
  help and the command palette are refused, and so is the meeting's Quit (it would list what
  is not saved), so nothing of a case is shown;
- a window the app opens by itself (a file written in the background, say) or a screen that
  closes itself (a case deleted elsewhere) waits until the lock is lifted, then happens, in
  order: the lock is always on top, and only the lock screen can lift it;
- toasts wait underneath (the lock screen hides them: they may name a case).

The projector's `cpchair wall` window is watched, not typed at: for it a change to the
meeting it shows counts as someone being there too (screens/wall.py).

Copying to the clipboard goes through here as well: it only ever happens when the person
copies (Ctrl+C or Ctrl+X on selected text), and the app says so, without the text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.await_complete import AwaitComplete
from textual.screen import Screen

from cpchair.opening import StoreOpening
from cpchair.screens.lock import LockScreen
from cpchair.themes import ThemedApp

if TYPE_CHECKING:
    from cpchair.store import Store

LOCK_KEY = "f12"
LONGEST_CHECK = 15.0  # seconds between looks at the clock: the lock comes at most this late
_BLOCKED = frozenset({"help", "command_palette", "lock"})  # while locked


class LockingApp(ThemedApp):
    """A ThemedApp for a store's cases that locks when left (see the module's notes)."""

    def __init__(
        self,
        store: Store | StoreOpening,
        *,
        idle_seconds: float | None = None,
        idle_clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__()
        # The store may still be opening (start.py): see `store`.
        self.opening = store if isinstance(store, StoreOpening) else StoreOpening.opened(store)
        if idle_seconds is None:
            from cpchair.settings import load_settings

            idle_seconds = load_settings().idle_seconds
        self.idle_seconds = idle_seconds  # 0: never lock
        self._idle_clock = idle_clock or time.monotonic
        self._last_input = self._idle_clock()
        self._lock: LockScreen | None = None
        self._held: list[Callable[[], object]] = []  # asked for while locked, done after

    @property
    def store(self) -> Store:
        """The store, waited for if it is still opening (a worker asks first, as a rule;
        the screen's own thread only if a click outruns it). Raises OpenFailed if the
        database could not be opened: the app is then closing."""
        return self.opening.wait()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste | events.MouseEvent):
            self._last_input = self._idle_clock()
        await super().on_event(event)

    def on_mount(self) -> None:
        from cpchair.settings import settings_warnings

        self.use_chosen_theme()

        for line in settings_warnings():  # said on stderr too, but the screen hides it
            self.notify(line, title="Settings", severity="warning", timeout=15, markup=False)
        self._last_input = self._idle_clock()  # from the start, not from when it was made
        if self.idle_seconds > 0:
            every = min(LONGEST_CHECK, max(self.idle_seconds / 4, 0.01))
            self.set_interval(every, self.lock_if_left, name="idle-lock")

    def someone_is_here(self) -> None:
        """Count as input: the idle time starts again."""
        self._last_input = self._idle_clock()

    def lock_if_left(self) -> None:
        """Lock if nothing has been typed or moved for the idle time."""
        if self.idle_seconds <= 0 or self.locked:
            return
        if self._idle_clock() - self._last_input >= self.idle_seconds:
            self.action_lock()

    @property
    def locked(self) -> bool:
        return self._lock is not None

    def action_lock(self) -> None:
        """Cover the screen now and ask for the passphrase to come back."""
        if self.locked or not self.is_running:
            return
        lock = LockScreen(self.store, self.unlock)
        super().push_screen(lock)
        self._lock = lock

    def unlock(self) -> None:
        """Lift the lock: back to the screen underneath, as it was; then what waited."""
        lock, self._lock = self._lock, None
        if lock is None:
            return
        if self.screen is lock:
            super().pop_screen()
        self._last_input = self._idle_clock()
        held, self._held = self._held, []
        for run in held:  # in order, each from the app (the lock screen is gone)
            self.call_next(run)

    def refused_while_locked(self, what: str) -> bool:
        """Locked: tell the lock screen `what` cannot be done yet, and say True."""
        if self._lock is None:
            return False
        ask = "type the passphrase" if self._lock.encrypted else "press Enter"
        self._lock.say(f"Locked: {ask} first, then {what}.")
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "view: Lock",
            f"Cover the screen until the passphrase is typed ({LOCK_KEY.upper()})",
            self.action_lock,
        )
        for command in super().get_system_commands(screen):
            # Textual's Screenshot would write a picture of a child's case to disk.
            if command.title != "Screenshot":
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in _BLOCKED:
            return False
        return super().check_action(action, parameters)

    # While locked, the lock stays on top: windows opened and closed meanwhile wait for it.

    def push_screen(
        self,
        screen: Any,
        callback: Any = None,
        wait_for_dismiss: bool = False,
        **kwargs: Any,
    ) -> Any:
        if self._lock is None:  # Textual types the two ways apart, by a literal flag
            if wait_for_dismiss:
                return super().push_screen(screen, callback, True, **kwargs)
            return super().push_screen(screen, callback, **kwargs)
        push = super().push_screen
        if not wait_for_dismiss:
            self._held.append(lambda: push(screen, callback, **kwargs))
            return AwaitComplete.nothing()
        # A worker waiting for the answer (push_screen_wait) gets it once the lock is lifted.
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        def answered(result: Any) -> None:
            if callback is not None:
                callback(result)
            if not answer.done():
                answer.set_result(result)

        self._held.append(lambda: push(screen, answered, **kwargs))
        return answer

    def pop_screen(self) -> AwaitComplete:
        if self._lock is None:
            return super().pop_screen()
        self._held.append(super().pop_screen)
        return AwaitComplete.nothing()

    # --- the clipboard ---------------------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Only ever on the person's own copy or cut (Textual's Ctrl+C / Ctrl+X of selected
        text); said in a toast, never with the text. Nothing is copied from the lock."""
        if self.locked or not text:
            return
        super().copy_to_clipboard(text)
        count = len(text)
        self.notify(
            f"Copied to the clipboard: {count} character{'s' * (count != 1)}. "
            "Other programs can paste it until something else is copied.",
            title="Copied",
            markup=False,
        )
