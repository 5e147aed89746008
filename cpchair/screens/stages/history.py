"""What has got us here: the first, the worst and the last incidents, each with its date, and
whether it is confidential (kept out of every family copy; never on the wall, which shows no
incident at all). A confidential incident is marked in its heading."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cpchair.forms import parse_date, parse_text, show_date
from cpchair.screens.stages.base import StagePanel
from cpchair.store.meeting import MeetingState
from cpchair.widgets.fields import FlagField, TextField

WHICH = (("first", "The first"), ("worst", "The worst"), ("last", "The last"))


class HistoryPanel(StagePanel):
    stage = "history"

    def compose(self) -> ComposeResult:
        incidents = {i.which: i for i in self.state.conf.incidents}
        with VerticalScroll():
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
            current = next((i for i in self.state.conf.incidents if i.which == which), None)
            values = {
                "which": which,
                "date": current.date if current else None,
                "text": current.text if current else "",
                part: value,
            }
            if part == "date" and not values["text"]:
                # A date typed before the words: the words are still in their box.
                box = self.query_one(f"#{which}-text", TextField).input.value.strip()
                values["text"] = box
            self.meeting.set_incident(**values)
            self.conference.reload()

        return save

    def _mark(self, which: str) -> Any:
        def save(value: bool) -> None:
            self.meeting.mark_incident(which, value)
            self.conference.reload()

        return save

    def show(self, state: MeetingState) -> None:
        """The fields hold what was typed; only the headings' marks follow the record."""
        incidents = {i.which: i for i in state.conf.incidents}
        for which, title in WHICH:
            got = incidents.get(which)
            heading = _heading(title, got is not None and got.confidential)
            self.query_one(f"#{which}-title", Static).update(heading)


def _heading(title: str, confidential: bool) -> str:
    return f"{title} · CONFIDENTIAL" if confidential else title
