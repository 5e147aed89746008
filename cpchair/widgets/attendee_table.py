"""Who is invited to a conference, what they bring, and whether their report came in time.

The report checks come from `rules/reports.py`; this table only words them. Case data goes in
as plain Text so a bracket in a name never reads as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc
from cpchair.forms import show_date
from cpchair.rules.child_names import first_name_of
from cpchair.rules.reports import ReportCheck
from cpchair.vocab import AGENCY_LABELS, ATTENDANCE_LABELS
from cpchair.widgets.keyed_table import KeyedTable
from cpchair.widgets.plain import plain, plain_row

# What the chair scans for comes first, to fit 80 columns; the line under the table says the rest.
COLUMNS = (("Name", 18), ("Report", None), ("Agency", None), ("Votes", None), ("Seen", None),
           ("Expected", None), ("Report in", None), ("Shared", None), ("Role", 30))  # fmt: skip


def report_cell(check: ReportCheck | None) -> Text:
    """A short word for the report's state; the full warning is in `detail_line`."""
    if check is None:
        return plain("—")  # not expected to report (family, advocates, those absent)
    if "missing" in (check.received, check.shared):
        return Text("⚠ missing", style="bold $error")
    if check.late:
        return Text("⚠ late", style="bold $error")
    if "awaited" in (check.received, check.shared):
        return plain("awaited")
    return plain("in time")


def seen_cell(attendee: AttendeeDoc, children: Sequence[ChildDoc]) -> str:
    names = [first_name_of(c) for c in children if c.key in attendee.direct_contact]
    return ", ".join(names) or "—"


def detail_line(attendee: AttendeeDoc, check: ReportCheck | None) -> str:
    """The highlighted attendee in full: role, agency and what is wrong with the report."""
    text = (
        f"{attendee.name} · {attendee.role or 'no role given'} · {AGENCY_LABELS[attendee.agency]}"
    )
    if check is not None and (warning := check.warning()):
        text += f"\n⚠ {warning[0].upper()}{warning[1:]}."
    return text


class AttendeeTable(KeyedTable):
    DEFAULT_CSS = """
    AttendeeTable { height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(label, width=width)

    def show(
        self,
        conference: ConferenceDoc,
        children: Sequence[ChildDoc],
        checks: dict[str, ReportCheck],
    ) -> None:
        """Fill the table again, keeping the cursor on the same attendee where possible."""
        keep = self.current_key()
        self.clear()
        for a in conference.attendees:
            self.add_row(
                *plain_row(
                    a.name,
                    report_cell(checks.get(a.key)),
                    AGENCY_LABELS[a.agency],
                    "yes" if a.votes else "no",
                    seen_cell(a, children),
                    ATTENDANCE_LABELS[a.attendance],
                    show_date(a.report_received),
                    show_date(a.report_shared_with_family),
                    a.role,
                ),
                key=a.key,
            )
        keys = [a.key for a in conference.attendees]
        if keep in keys:
            self.move_cursor(row=keys.index(keep))
