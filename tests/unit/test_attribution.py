"""Each row of a case says who last wrote it (store/attribution.py): two seats in one meeting,
each entry signed by the one who typed it, and a change re-signs only the row it changed."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.store import Store, audit, edits
from cpchair.store.meeting import Meeting
from tests.raw import raw

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)


def signed(store: Store, text: str) -> str | None:
    """Who the mapping entry with this text was last written by."""
    with raw(store) as db:
        return db.execute("SELECT changed_by FROM mappingentry WHERE text = ?", (text,)).fetchone()[
            0
        ]


def as_seat(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(audit, "who", lambda: name)


def test_each_entry_is_signed_by_the_seat_that_wrote_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_case(demo_case(DAY))
    meeting = Meeting(store, "DEMO-0001", "rcpc1")
    role = f" (as {store.engine.url.username})" if store.on_server else ""
    as_seat(monkeypatch, "Chair One")
    first = meeting.edit(edits.mapping.add_entry, column="strengths", text="Nan helps").value
    as_seat(monkeypatch, "Minute Taker")
    meeting.edit(edits.mapping.add_entry, column="past_harm", text="A plate was thrown")
    assert signed(store, "Nan helps") == f"Chair One{role}"
    assert signed(store, "A plate was thrown") == f"Minute Taker{role}"

    meeting.edit(edits.mapping.update_entry, first, nature="fact")  # the other seat's entry
    assert signed(store, "Nan helps") == f"Minute Taker{role}"
    assert signed(store, "A plate was thrown") == f"Minute Taker{role}"


def test_a_change_that_changes_nothing_signs_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_case(demo_case(DAY))
    meeting = Meeting(store, "DEMO-0001", "rcpc1")
    as_seat(monkeypatch, "Chair One")
    first = meeting.edit(edits.mapping.add_entry, column="strengths", text="Nan helps").value
    as_seat(monkeypatch, "Minute Taker")
    meeting.edit(edits.mapping.update_entry, first, text="Nan helps")  # as it was
    assert signed(
        store,
        "Nan helps",
    ).startswith("Chair One")  # type: ignore[union-attr]


def test_an_imported_case_is_signed_by_whoever_imported_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_seat(monkeypatch, "Chair One")
    store.import_case(demo_case(DAY))
    with raw(store) as db:
        writers = {w for (w,) in db.execute("SELECT changed_by FROM child")}
        (case_writer,) = db.execute('SELECT changed_by FROM "case"').fetchone()
    assert len(writers) == 1 and str(writers.pop()).startswith("Chair One")
    assert case_writer.startswith("Chair One")
