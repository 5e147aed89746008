"""What has got us here: the first, the worst and the last incidents, each with its date, and
whether it is confidential (kept out of every family copy; never on the wall, which shows no
incident at all). A confidential incident is marked in its heading.

The three boxes of an incident save one at a time, as each is left, and a fast typist is ahead
of the saves: the tick can arrive before the words' save has created the incident. So each save
writes the whole incident, taking what is not yet recorded from the boxes as typed so far, the
tick always as the box shows it. A tick with no words yet is kept in its box (Held) and saved
with the words; a box refused for want of the words (a date alone) is saved again once they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cpchair.forms import InputError, parse_date, parse_text, show_date
from cpchair.screens.stages.base import StagePanel
from cpchair.store import StaleEdit, edits
from cpchair.store.meeting import MeetingState
from cpchair.store.stale import Expect, incident
from cpchair.vocab import IncidentWhich
from cpchair.widgets.fields import BaseField, FlagField, Held, TextField

WHICH: tuple[tuple[IncidentWhich, str], ...] = (
    ("first", "The first"), ("worst", "The worst"), ("last", "The last"),
)  # fmt: skip


class HistoryPanel(StagePanel):
    stage = "history"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Each box's value as this panel last knew it recorded (read, saved, or the other
        # seat's, after a refusal): what its next save is checked against (store/stale.py).
        self._seen: dict[tuple[str, str], Any] = {}
        self._stale: set[tuple[str, str]] = set()  # refused as changed meanwhile: not retried

    def compose(self) -> ComposeResult:
        incidents = {i.which: i for i in self.state.conf.incidents}
        for which, recorded in incidents.items():
            self._seen[which, "date"], self._seen[which, "text"] = recorded.date, recorded.text
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the page
            yield Static("What has got us here", classes="section-title")
            yield Static(
                "The first time the family came to notice, the worst thing that has happened, "
                "and the most recent. Each saves when you leave it.",
                classes="hint",
            )
            for which, title in WHICH:
                got = incidents.get(which)
                yield Static(_heading(title, got is not None and got.confidential),
                             classes="section-title", id=f"{which}-title")  # fmt: skip
                yield TextField(
                    "Date", show_date(got.date if got else None), self._save(which, "date"),
                    parse=parse_date, placeholder="e.g. 14/6/2026", id=f"{which}-date",
                )  # fmt: skip
                yield TextField(
                    "What happened", got.text if got else "", self._save(which, "text"),
                    parse=parse_text, id=f"{which}-text",
                )  # fmt: skip
                yield FlagField(
                    "Confidential: kept out of family copies",
                    got.confidential if got else False, self._mark(which),
                    id=f"{which}-confidential",
                )  # fmt: skip

    def _save(self, which: str, part: str) -> Any:
        def save(value: Any) -> None:
            self._write(which, **{part: value})

        return save

    def _mark(self, which: str) -> Any:
        def save(value: bool) -> None:
            if self._incident(which) is not None:
                self.meeting.edit(edits.history.mark_incident, which, value)
                self.reload()
            elif self._typed_text(which):
                # The words are typed but their save has not come yet: it begins here.
                self._write(which, confidential=value)
            elif value:
                # Short: the status line says "Not saved yet. " before it, in 80 columns.
                raise Held("Ticked: saved with the incident once you write what happened.")

        return save

    def _incident(self, which: str) -> Any:
        return next((i for i in self.state.conf.incidents if i.which == which), None)

    def _typed_text(self, which: str) -> str:
        return self.query_one(f"#{which}-text", TextField).input.value.strip()

    def _typed_date(self, which: str) -> dt.date | None:
        try:
            return parse_date(self.query_one(f"#{which}-date", TextField).input.value)
        except InputError:
            return None  # the date box says why, when it is left

    def _write(self, which: str, **given: Any) -> None:
        """Write what was given; an incident not yet recorded takes the rest as typed so far
        and the tick as the box shows it. Of one recorded, the store keeps the rest as it is
        now, whatever this screen last read."""
        if self._incident(which) is None:
            values = {
                "which": which,
                "date": self._typed_date(which),
                "text": self._typed_text(which),
                "confidential": self.query_one(f"#{which}-confidential", FlagField).ticked,
                **given,
            }
        else:
            values = {"which": which, **given}
        # The box saved is checked against the value it last knew; a tick that starts the
        # incident writes the words typed, checked as nothing recorded yet. Refused, the box
        # keeps what was typed, and saving it again puts it in place of theirs: the words'
        # own box, after a tick's refusal, is refused in its turn when it is saved.
        part = "text" if "confidential" in given and "text" in values else next(iter(given))
        found = incident(self.meeting.conference, which, part)
        expect = Expect(found, self._seen.get((which, part)), values[part])
        try:
            self.meeting.edit_if(expect, edits.history.set_incident, **values)
        except StaleEdit as exc:
            if part in given:
                self._seen[which, part] = exc.now
                self._stale.add((which, part))
            self.reload()  # theirs, for the rest of the incident the next save writes
            raise
        for name in ("date", "text"):
            if name in values:
                self._seen[which, name] = values[name]
        self._stale.discard((which, part))
        self.reload()
        for name in ("date", "text", "confidential"):
            field = self.query_one(f"#{which}-{name}", BaseField)
            if field.held:  # the tick kept for the words is saved with them
                field.clear()
            elif field.has_class("-refused") and (which, name) not in self._stale:
                self.call_later(field.flush)  # refused for want of the words: try again

    def show(self, state: MeetingState) -> None:
        """The fields hold what was typed; only the headings' marks follow the record."""
        incidents = {i.which: i for i in state.conf.incidents}
        for which, title in WHICH:
            got = incidents.get(which)
            heading = _heading(title, got is not None and got.confidential)
            self.query_one(f"#{which}-title", Static).update(heading)


def _heading(title: str, confidential: bool) -> str:
    return f"{title} · CONFIDENTIAL" if confidential else title
