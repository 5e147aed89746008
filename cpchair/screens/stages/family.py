"""Family and network: who loves and supports the children, and who is here today."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cpchair.screens.stages.base import StagePanel
from cpchair.store.meeting import MeetingState
from cpchair.vocab import ATTENDANCE_LABELS
from cpchair.widgets.item_table import ItemTable


class FamilyPanel(StagePanel):
    stage = "family_network"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Family and network", classes="section-title")
            yield ItemTable(("Name", "Relationship", "PR", "Contact", "Today"), id="people")
            yield Static(
                "Who loves and supports the children. a adds someone to the network, "
                "Enter edits, x removes. Contact details marked confidential never go in "
                "the family's copy.",
                classes="hint",
            )

    def show(self, state: MeetingState) -> None:
        here = {a.person: a.attendance for a in state.conf.attendees if a.person}
        self.query_one("#people", ItemTable).fill(
            [
                (
                    p.key,
                    (
                        p.name,
                        p.relationship,
                        "yes" if p.parental_responsibility else "",
                        "confidential" if p.contact_confidential else "",
                        ATTENDANCE_LABELS[here[p.key]].lower() if p.key in here else "",
                    ),
                )
                for p in state.case.people
            ]
        )

    def _editor(self, key: str | None) -> None:
        from cpchair.dialogs.person import person_editor

        person = next((p for p in self.state.case.people if p.key == key), None)
        editor = person_editor(self.meeting.store, self.state.case.reference, person,
                               lambda: None)  # fmt: skip

        def closed(_key: str | None) -> None:
            self.reload()
            self.query_one("#people").focus()

        self.app.push_screen(editor, closed)

    @on(ItemTable.Add)
    def _add(self) -> None:
        self._editor(None)

    @on(DataTable.RowSelected, "#people")
    def _open(self, event: DataTable.RowSelected) -> None:
        self._editor(event.row_key.value)

    @on(ItemTable.Remove)
    def _remove(self, event: ItemTable.Remove) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        person = next((p for p in self.state.case.people if p.key == event.key), None)
        if person is None:
            return
        store, reference = self.meeting.store, self.state.case.reference

        def answered(yes: bool | None) -> None:
            if yes:
                self.edit(lambda: store.remove_person(reference, event.key),
                          "removed from the family and network.")  # fmt: skip

        self.app.push_screen(
            ConfirmModal(f"Remove {person.name} from the family and network?",
                         "They stay on the attendance of any conference they came to.",
                         yes="Remove"),
            answered,
        )  # fmt: skip
