"""Add or edit one person invited to a conference, each field saving itself.

A new attendee starts as a draft (RecordEditor): it is created once it has a name and an
agency, and from then on every field is one short update. Whether they vote is set by the store
from the agency unless the chair ticks it first, so the box is read back after creation.

Only a professional agency votes (`rules.decisions.may_vote`; 000: a parent "will not be part
of the decision-making"), so the "Votes on the decision" box is offered only for one: it is
hidden for family, the child, advocates, supporters, solicitors, interpreters and observers,
and choosing one of those agencies clears the vote (the store does that). The reason for an
absence is asked for only while they are not to be there (apologies, report only, absent).

A family member has one name, the one the family and network gives them: choosing them under
"Family member" sets the name (read back from the store), and changing the name of one renames
them in the case and at every conference (store/edits/attendees.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.widgets import Checkbox

from cpchair.caseio.schema import AttendeeDoc, CaseDoc
from cpchair.dialogs.record import RecordEditor, UpdateFrom
from cpchair.forms import parse_date, parse_text, show_date
from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of
from cpchair.rules.decisions import may_vote
from cpchair.rules.participation import AWAY
from cpchair.store.stale import Expect, Say, in_conference, words
from cpchair.vocab import AGENCY_LABELS, ATTENDANCE_LABELS, Agency, Attendance
from cpchair.widgets.fields import BaseField, ChoiceField, FlagField, PickField, TextField

if TYPE_CHECKING:
    from cpchair.store import Store

AGENCIES = [(label, code) for code, label in AGENCY_LABELS.items()]
ATTENDANCE = [(label, code) for code, label in ATTENDANCE_LABELS.items()]
DRAFT_HINT = "Give a name and an agency and they are added to the invitations."
# Someone who walks in after the start: added to the register as present, from now.
LATE_TITLE = "Someone has arrived late"
LATE_HINT = "Give a name and an agency and they are on the register, present from now."


@dataclass(frozen=True)
class Blank:
    """What the fields of a new attendee start from: no agency chosen yet, which an
    `AttendeeDoc` cannot hold."""

    name: str = ""
    role: str = ""
    agency: Agency | None = None
    person: str | None = None
    attendance: Attendance = "present"
    votes: bool = False
    direct_contact: list[str] = field(default_factory=list)
    report_received: date | None = None
    report_shared_with_family: date | None = None
    contact: str | None = None
    absence_reason: str | None = None


def _name(text: str) -> str | None:
    return parse_text(text, required=True, what="The name")


def _children(case: CaseDoc, today: date) -> list[tuple[str, str]]:
    options = []
    for c in case.children:
        age = describe_age(c.date_of_birth, c.expected_birth_date, today)
        options.append(
            (f"{first_name_of(c)} ({age}{'' if c.subject else ', not a subject'})", c.key)
        )
    return options


def attendee_editor(
    store: Store,
    reference: str,
    conference: str,
    case: CaseDoc,
    attendee: AttendeeDoc | None,
    today: date,
    changed: Callable[[], None],
    *,
    late: bool = False,
) -> RecordEditor:
    """The editor for `attendee` (None: a new one, invited or, `late`, just arrived at the
    meeting); `changed()` runs after every write."""

    def create(draft: dict[str, Any]) -> str | None:
        # A family member chosen brings their name (the store names them so).
        if not (draft.get("name") or draft.get("person")) or not draft.get("agency"):
            return None
        if not may_vote(draft["agency"]):
            draft.pop("votes", None)  # a box ticked before the agency was chosen
        # A role can follow later; the format needs one, so it starts empty.
        values = {"role": "", "attendance": "present", **draft}
        key = store.add_attendee(reference, conference, **values)
        changed()
        editor.call_later(read_back, key)
        return key

    said: dict[str, Say] = {
        "agency": words(AGENCY_LABELS),
        "attendance": words(ATTENDANCE_LABELS),
        "person": words({p.key: p.name for p in case.people}),
        "direct_contact": words({c.key: first_name_of(c) for c in case.children}),
    }

    def update(name: str, value: Any, was: Any) -> None:
        assert editor.key is not None
        # Refused if someone else changed this field since the editor read it.
        found = in_conference(conference, "attendees", editor.key, name)
        expect = Expect(found, was, value, said.get(name))
        store.update_attendee(reference, conference, editor.key, expect=expect, **{name: value})
        changed()
        if name in ("agency", "person"):  # the store may have set the vote or the name with it
            editor.call_later(read_back, editor.key)

    def read_back(key: str) -> None:
        _read_back(editor, store.load_case(reference), conference, key)

    def fields(ed: RecordEditor) -> list[BaseField]:
        return _fields(ed, attendee, case, today, update, late=late)

    title, hint, what = _title(attendee, late)
    editor = RecordEditor(title, fields, None if attendee is None else attendee.key, create,
                          draft_hint=hint, what=what)  # fmt: skip
    return editor


def _title(attendee: AttendeeDoc | None, late: bool) -> tuple[str, str, str | None]:
    """The window's title, the hint while it is a draft, and what a new one is called."""
    if attendee is not None:
        return attendee.name, DRAFT_HINT, None
    if late:
        return LATE_TITLE, LATE_HINT, "late arrival"
    return "Invite someone to the conference", DRAFT_HINT, "invitation"


def _read_back(editor: RecordEditor, doc: CaseDoc | None, conference: str, key: str) -> None:
    """Show what the store set beside a change: the vote an agency brings, the name of the
    family member linked."""
    conf = next((c for c in doc.conferences if c.key == conference), None) if doc else None
    held = next((a for a in conf.attendees if a.key == key), None) if conf else None
    if held is not None:
        editor.query_one("#name", TextField).show_saved(held.name)
        # Set by this save, not by someone else: the fields save on from them.
        editor.seen.update(name=held.name, votes=held.votes)
    votes = editor.query_one("#votes", FlagField)
    if held is not None and held.votes != votes.value:
        votes.value = held.votes
        box = votes.query_one(Checkbox)
        with box.prevent(Checkbox.Changed):
            box.value = held.votes


def _fields(
    ed: RecordEditor,
    attendee: AttendeeDoc | None,
    case: CaseDoc,
    today: date,
    update: UpdateFrom,
    *,
    late: bool,
) -> list[BaseField]:
    """The editor's fields, each saving itself through `update(name, value, was)`."""
    a = attendee or Blank()
    votes = FlagField("Votes on the decision", a.votes, ed.saver("votes", update, a.votes),
                      id="votes")  # fmt: skip
    votes.display = a.agency is not None and may_vote(a.agency)
    absence = TextField("Why not there", a.absence_reason or "",
                        ed.saver("absence_reason", update, a.absence_reason), parse=parse_text,
                        placeholder="the reason for the absence", id="absence")  # fmt: skip
    absence.display = a.attendance in AWAY
    return [
        TextField("Name", a.name, ed.saver("name", update, a.name), parse=_name, id="name"),
        TextField("Role", a.role, ed.saver("role", update, a.role), parse=lambda t: t.strip(),
                  placeholder="e.g. health visitor"),
        ChoiceField("Agency", AGENCIES, a.agency, _agency_saver(ed, update, a.agency),
                    allow_blank=attendee is None),
        votes,
        ChoiceField("Family member", [(p.name, p.key) for p in case.people], a.person,
                    ed.saver("person", update, a.person), allow_blank=True),
        ChoiceField("Attendance" if late else "Expected to be", ATTENDANCE, a.attendance,
                    _attendance_saver(ed, update, a.attendance)),
        absence,
        PickField("Direct contact with", _children(case, today), a.direct_contact,
                  ed.saver("direct_contact", update, a.direct_contact)),
        TextField("Report received", show_date(a.report_received),
                  ed.saver("report_received", update, a.report_received), parse=parse_date,
                  placeholder="date it reached the chair"),
        TextField("Shared with family", show_date(a.report_shared_with_family),
                  ed.saver("report_shared_with_family", update, a.report_shared_with_family),
                  parse=parse_date, placeholder="date the family had it"),
        TextField("Contact", a.contact or "", ed.saver("contact", update, a.contact),
                  parse=parse_text, placeholder="work telephone or e-mail"),
    ]  # fmt: skip


def _agency_saver(ed: RecordEditor, update: UpdateFrom, was: Any) -> Callable[[Any], None]:
    """Saves the agency, then offers the votes box only for an agency that votes."""
    save = ed.saver("agency", update, was)

    def saved(value: Any) -> None:
        save(value)  # a refusal raises here, and the box stays as it was
        ed.query_one("#votes", FlagField).display = value is not None and may_vote(value)

    return saved


def _attendance_saver(ed: RecordEditor, update: UpdateFrom, was: Any) -> Callable[[Any], None]:
    """Saves the attendance, then asks why only when they are not there (004: record "the
    reasons for absence")."""
    save = ed.saver("attendance", update, was)

    def saved(value: Any) -> None:
        save(value)
        ed.query_one("#absence", TextField).display = value in AWAY

    return saved
