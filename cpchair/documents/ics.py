"""A conference's dates as a calendar file (iCalendar, RFC 5545), written by hand.

    events_of(case, conference, profile) -> tuple[Event, ...]   which dates, and what they say
    to_ics(events, stamp=...)            -> str                 the file itself
    calendar_of(case, conference, profile) -> (events, text)    both, for `export -f ics`

The dates are the conference itself, the reports due before it, and the plan's first child
protection visit, first core group and next review (the date set in the plan, else the latest
date the rules give: `rules/plan_dates.py`), and the record due to the family (and the record
itself, where the profile gives it another day): what `cpchair timescales` computes, for this
case. Each is an all-day event (a DATE value): these are days things fall due, not meetings
with a time.

A calendar is read on a phone, synced to a server, shown to whoever looks over a shoulder: an
event's title names the case by its reference alone ("DEMO-0001: first core group"), and its
description says only the rule behind the date. No name, no case text.

Each event's UID is made from the case reference, the conference's key and which date it is,
so importing the file again after a date moves updates the event instead of adding another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cpchair import __version__
from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.rules.calendar import day_text
from cpchair.rules.flags import birth_after
from cpchair.rules.plan_dates import PlanDate, plan_dates
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import standing_rules, timescales
from cpchair.vocab import KIND_PHRASES, PLAN_DATE_WORDS

PRODID = f"-//cpchair//cpchair {__version__}//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
CRLF = "\r\n"


@dataclass(frozen=True)
class Event:
    which: str  # which date: conference, reports_due, first_visit, ..., record_to_family
    day: dt.date
    summary: str  # the title: the case reference and what falls due
    description: str  # the rule behind the date
    uid: str


def uid_for(reference: str, conference_key: str, which: str) -> str:
    """The same for the same date of the same conference, whatever day it falls on."""
    digest = hashlib.sha256("\x1f".join((reference, conference_key, which)).encode("utf-8"))
    return f"{digest.hexdigest()[:32]}@cpchair"


def events_of(case: CaseDoc, conf: ConferenceDoc, profile: Profile) -> tuple[Event, ...]:
    """The conference's dates, in the order a chair meets them."""
    ref = case.reference
    this = KIND_PHRASES[conf.kind]
    held = f"the {this} on {day_text(conf.date)}"
    out: list[Event] = []

    def add(which: str, day: dt.date, what: str, description: str) -> None:
        uid = uid_for(ref, conf.key, which)
        out.append(Event(which, day, f"{ref}: {what}", description, uid))

    starts = f" It starts at {conf.start_time:%H:%M}." if conf.start_time else ""
    add("conference", conf.date, this, f"The {this}.{starts}")
    dues = {
        d.key: d
        for d in timescales(conf.kind, conf.date, profile, trigger=conf.trigger_date,
                            birth=birth_after(case.children, conf.date))
    }  # fmt: skip
    if (reports := dues.get("reports_due")) is not None:
        add("reports_due", reports.date, "reports due",
            f"Reports to the family and the chair for {held}: {reports.rule}.")  # fmt: skip
    if _plan_goes_on(conf):
        for d in plan_dates(case, conf, profile):
            event = _plan_event(d, held)
            if event is not None:
                add(d.field, *event)
    record_to_family = next(
        (s for s in standing_rules(conf.kind, conf.date, profile) if s.key == "record_to_family"),
        None,
    )
    if record_to_family is not None and record_to_family.date is not None:
        add("record_to_family", record_to_family.date, "record due to the family",
            f"The record of {held} to the family: {record_to_family.rule}.")  # fmt: skip
    record = dues.get("record_due")
    if record is not None and (record_to_family is None or record_to_family.date != record.date):
        add("record_due", record.date, "record due",
            f"The record of {held}: {record.rule}.")  # fmt: skip
    return tuple(out)


def _plan_goes_on(conf: ConferenceDoc) -> bool:
    """As the documents read it: no decision yet, or a plan for some child."""
    return not conf.decisions or any(d.outcome == "plan" for d in conf.decisions)


def _plan_event(d: PlanDate, held: str) -> tuple[dt.date, str, str] | None:
    """(day, what, description) of one of the plan's dates: the date set, else its limit."""
    words = PLAN_DATE_WORDS[d.field]
    if d.field == "review_conference":
        words = f"next {words}"
    due = day_text(d.due) if d.due is not None else None
    if d.set is not None:
        if due is None:
            limit = ""
        elif d.early:
            limit = f" An early review, as {held} was held without a quorum: before {due}."
        elif d.late:
            limit = f" Later than its limit: due by {due} ({d.rule})."
        else:
            limit = f" Due by {due}: {d.rule}."
        return d.set, words, f"Set in the plan of {held}.{limit}"
    if d.due is None:
        return None  # nothing due: no first visit after a review, or no such rule here
    if d.early:
        return d.due, f"{words} before this day", f"Not yet set: {d.rule}."
    return d.due, f"{words} due", f"Not yet set in the plan of {held}. Due by this day: {d.rule}."


# --- RFC 5545 -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # TEXT holds no control character but TAB


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line
    break as \\n; any other control character becomes a space."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _CONTROL.sub(" ", text)


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1): each continuation starts with a
    space, which counts in its 75; a UTF-8 character is never split. Lines joined by CRLF."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    room = LINE_OCTETS
    while len(data) > room:
        cut = room
        while cut > 0 and data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        room = LINE_OCTETS - 1  # the leading space
    parts.append(data)
    return (CRLF + " ").join(p.decode("utf-8") for p in parts)


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str) -> Iterable[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{event.uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    yield f"DESCRIPTION:{escape_text(event.description)}"
    yield "TRANSP:TRANSPARENT"  # a day something is due: it does not make the chair busy
    yield "END:VEVENT"


def to_ics(events: Sequence[Event], stamp: dt.datetime | None = None) -> str:
    """The calendar file: CRLF line ends, long lines folded, text escaped. `stamp` (when the
    file was made; now, else) is every event's DTSTAMP."""
    when = _stamp(stamp or dt.datetime.now(dt.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]  # fmt: skip
    for event in events:
        lines.extend(_event_lines(event, when))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def calendar_of(
    case: CaseDoc, conf: ConferenceDoc, profile: Profile, stamp: dt.datetime | None = None
) -> tuple[tuple[Event, ...], str]:
    events = events_of(case, conf, profile)
    return events, to_ics(events, stamp)


__all__ = ["PRODID", "Event", "calendar_of", "escape_text", "events_of", "fold", "to_ics"]
