"""The audit trail: one line per change to a case, in its transaction, in plain words; the
chain of hashes shows a line changed, removed or inserted, at the line where it happened."""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpchair.demo import demo_case
from cpchair.store import EditError, Store, audit, edits
from cpchair.store.meeting import Meeting
from tests.raw import Raw, raw

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"


@pytest.fixture(autouse=True)
def _chair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "who", lambda: "Chair One")


@pytest.fixture
def demo(store: Store) -> Store:
    store.import_case(demo_case(DAY))
    return store


def whats(store: Store, reference: str = REF) -> list[str]:
    return [line.what for line in store.audit_lines(reference)]


def count(store: Store) -> int:
    with raw(store) as conn:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]


# --- the chain ---------------------------------------------------------------------------------


@pytest.fixture
def five(store: Store) -> Store:
    """A trail of five lines: a case created and changed four times."""
    store.create_case("T-1", "Testfamily")
    for name in ("A", "B", "C", "D"):
        store.update_case("T-1", lead_social_worker=name)
    assert count(store) == 5
    return store


@pytest.fixture
def tamper(five: Store) -> Iterator[Raw]:
    """A connection to the database as its owner has one: the triggers dropped first."""
    with raw(five) as conn:
        on = "" if not five.on_server else " ON audit"
        conn.execute(f"DROP TRIGGER audit_no_update{on}")
        conn.execute(f"DROP TRIGGER audit_no_delete{on}")
        yield conn


def _row(conn: Raw, row_id: int) -> tuple[object, ...]:
    return conn.execute("SELECT * FROM audit WHERE id = ?", (row_id,)).fetchone()


def test_a_trail_untouched_is_intact(five: Store) -> None:
    assert five.check_audit() is None
    assert [n.number for n in five.audit_lines("T-1")] == [1, 2, 3, 4, 5]


def test_an_empty_trail_is_intact(store: Store) -> None:
    assert store.check_audit() is None


def test_the_database_refuses_to_change_or_remove_a_line(five: Store) -> None:
    with raw(five) as conn:
        with pytest.raises(Exception, match="only ever added to"):
            conn.execute("UPDATE audit SET what = 'nothing' WHERE id = 2")
        with pytest.raises(Exception, match="only ever added to"):
            conn.execute("DELETE FROM audit WHERE id = 2")
    assert five.check_audit() is None


def test_a_changed_line_is_found_where_it_was_changed(five: Store, tamper) -> None:
    tamper.execute("UPDATE audit SET who = 'Someone Else' WHERE id = 3")
    broken = five.check_audit()
    assert broken is not None and broken.number == 3


def test_a_changed_time_is_found_too(five: Store, tamper) -> None:
    tamper.execute("UPDATE audit SET at = '2020-01-01 00:00:00.000000' WHERE id = 4")
    broken = five.check_audit()
    assert broken is not None and broken.number == 4


def test_a_line_changed_with_its_hash_made_again_breaks_the_next(five: Store, tamper) -> None:
    """Whoever recomputes the changed line's own hash still breaks the line after it."""
    from cpchair.store.audit import _digest

    previous = _row(tamper, 2)[-1]
    _, at, who, reference, _what, renamed = _row(tamper, 3)[:6]
    stamp = dt.datetime.fromisoformat(str(at)).replace(tzinfo=dt.UTC)
    digest = _digest(str(previous), 3, stamp, str(who), str(reference), "case created", None)
    assert renamed is None
    tamper.execute("UPDATE audit SET what = 'case created', hash = ? WHERE id = 3", (digest,))
    broken = five.check_audit()
    assert broken is not None and broken.number == 4


def test_a_removed_line_is_found_where_it_was(five: Store, tamper) -> None:
    tamper.execute("DELETE FROM audit WHERE id = 2")
    broken = five.check_audit()
    assert broken is not None and broken.number == 2
    assert "missing" in broken.message()


def test_lines_removed_from_the_end_are_found(five: Store, tamper) -> None:
    tamper.execute("DELETE FROM audit WHERE id >= 4")
    broken = five.check_audit()
    assert broken is not None and broken.number == 4
    five.update_case("T-1", lead_social_worker="E")  # and still once the trail goes on
    broken = five.check_audit()
    assert broken is not None and broken.number == 4


def test_an_inserted_line_is_found_where_it_was_put(five: Store, tamper) -> None:
    row = list(_row(tamper, 5))
    row[0], row[4] = 6, "case deleted"
    tamper.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    broken = five.check_audit()
    assert broken is not None and broken.number == 6


def test_a_line_slipped_in_between_is_found_there(five: Store, tamper) -> None:
    """Lines 3 to 5 moved up one to make room for a made-up line 3."""
    tamper.execute("UPDATE audit SET id = id + 100 WHERE id >= 3")
    tamper.execute("UPDATE audit SET id = id - 99 WHERE id >= 100")
    row = list(_row(tamper, 2))
    row[0], row[4] = 3, "case updated: family name"
    tamper.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    broken = five.check_audit()
    assert broken is not None and broken.number == 3


def test_the_break_names_the_line_and_no_case_data(five: Store, tamper) -> None:
    tamper.execute("UPDATE audit SET what = 'changed' WHERE id = 2")
    broken = five.check_audit()
    assert broken is not None
    message = broken.message()
    assert message.startswith("The audit trail is broken at line 2")
    assert "T-1" not in message and "Testfamily" not in message


# --- who ---------------------------------------------------------------------------------------


@pytest.fixture
def fresh_who(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.undo()  # the real `who`, not the fixture's
    audit._who.cache_clear()
    yield
    audit._who.cache_clear()


def _settings(monkeypatch: pytest.MonkeyPatch, name: object, calls: list[int]) -> None:
    module = types.ModuleType("cpchair.settings")

    def load_settings() -> object:
        calls.append(1)
        return types.SimpleNamespace(chair_name=name)

    module.load_settings = load_settings  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cpchair.settings", module)


def test_who_is_the_chairs_name_from_the_settings_read_once(
    fresh_who: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    _settings(monkeypatch, "  Pat   Chair ", calls)
    assert audit.who() == "Pat Chair"
    assert audit.who() == "Pat Chair"
    assert calls == [1]


@pytest.mark.parametrize("name", [None, "", "   "])
def test_who_without_a_chairs_name_is_the_system_user(
    fresh_who: None, monkeypatch: pytest.MonkeyPatch, name: object
) -> None:
    _settings(monkeypatch, name, [])
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "sysuser")
    assert audit.who() == "sysuser"


def test_who_without_a_settings_module_is_the_system_user(
    fresh_who: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cpchair.settings", None)  # import fails
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "sysuser")
    assert audit.who() == "sysuser"


def test_settings_that_cannot_be_read_do_not_stop_a_change(
    fresh_who: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("cpchair.settings")

    def broken() -> object:
        raise ValueError("bad toml")

    module.load_settings = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cpchair.settings", module)
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "sysuser")
    assert audit.who() == "sysuser"


def test_each_line_says_who(store: Store) -> None:
    """The person; on a server, the database role the change was made as, too."""
    store.create_case("T-1", "Testfamily")
    [line] = store.audit_lines("T-1")
    role = f" (as {store.engine.url.username})" if store.on_server else ""
    assert line.who == f"Chair One{role}"
    assert line.at.tzinfo is not None and line.at.utcoffset() == dt.timedelta(0)


# --- one line per change -------------------------------------------------------------------------


def test_case_file_edits_write_one_line_each_in_plain_words(store: Store) -> None:
    store.create_case("T-1", "Testfamily")
    store.update_case("T-1", family_name="Otherfamily")
    child = store.add_child("T-1", first_name="Kit", last_name="Test", date_of_birth=DAY)
    store.update_child("T-1", child, date_of_birth=dt.date(2020, 1, 2), sex="female")
    person = store.add_person("T-1", name="Nan Test", relationship="grandmother")
    store.update_person("T-1", person, relationship="great-grandmother")
    conf = store.add_conference("T-1", kind="initial", date=DAY)
    store.update_conference("T-1", conf, venue="Room 4", minute_taker="Sam")
    key = store.add_attendee(
        "T-1", conf, name="Ann Worker", agency="childrens_social_care", role="Social worker"
    )
    store.update_attendee("T-1", conf, key, role="Team manager")
    store.remove_attendee("T-1", conf, key)
    store.remove_person("T-1", person)
    store.remove_child("T-1", child)
    store.remove_conference("T-1", conf)
    assert whats(store, "T-1") == [
        "case created",
        "case updated: family name",
        "child added",
        "child updated: date of birth, sex",
        "family or network member added",
        "family or network member updated: relationship",
        "conference added",
        "conference updated: venue, minute-taker",
        "attendee added",
        "attendee updated: role",
        "attendee removed",
        "family or network member removed",
        "child removed",
        "conference removed",
    ]


def test_meeting_edits_write_one_line_each(demo: Store) -> None:
    meeting = Meeting(demo, REF, "rcpc1")
    meeting.edit(edits.conference.begin)
    meeting.edit(edits.conference.update, late_reason="The room was double-booked")
    meeting.edit(edits.register.update_attendee, "sw", attendance="present")
    entry = meeting.edit(
        edits.mapping.add_entry, column="strengths", text="Nan collects Ruby daily", children=["c1"]
    ).value
    meeting.edit(
        edits.mapping.update_entry, entry, text="Nan collects Ruby every day", confidential=True
    )
    other = meeting.edit(
        edits.mapping.add_entry, column="strengths", text="Ruby likes school"
    ).value
    meeting.edit(edits.mapping.shift_entry, other, -1)
    snapshot = meeting.edit(edits.mapping.delete_entry, entry).value
    meeting.edit(edits.mapping.restore_entry, snapshot)
    statement = meeting.edit(edits.dangers.add_statement, "Ruby may be hurt", ["c1"]).value
    goal = meeting.edit(edits.dangers.add_goal, "Ruby is safe at home", statement, ["c1"]).value
    meeting.edit(edits.dangers.remove_goal, goal)
    meeting.edit(edits.dangers.remove_statement, statement)
    outcome = meeting.edit(edits.plan.add_text, "outcomes", "Ruby goes to school every day").value
    meeting.edit(edits.plan.update_text, "outcomes", outcome, "Ruby is at school every day")
    meeting.edit(edits.plan.remove_row, "outcomes", outcome)
    meeting.edit(edits.plan.update_plan, contingency="Nan has Ruby")
    assert whats(demo)[1:] == [
        "conference started",
        "conference updated: late reason",
        "attendee updated: attendance",
        "mapping entry added",
        "mapping entry updated: text, confidential",
        "mapping entry added",
        "mapping entry moved",
        "mapping entry deleted",
        "mapping entry restored",
        "danger statement added",
        "safety goal added",
        "safety goal removed",
        "danger statement removed",
        "outcome added",
        "outcome updated",
        "outcome removed",
        "plan updated: contingency",
    ]


def test_an_edit_that_changes_nothing_writes_no_line(demo: Store) -> None:
    meeting = Meeting(demo, REF, "rcpc1")
    assert meeting.edit(edits.conference.begin).value
    before = count(demo)
    assert not meeting.edit(edits.conference.begin).value  # already in progress
    only = meeting.edit(
        edits.mapping.add_entry, column="grey_areas", text="Nobody knows who the visitor is"
    ).value
    assert count(demo) == before + 1
    assert not meeting.edit(edits.mapping.shift_entry, only, 1).value  # nowhere to go
    demo.child_links(REF, "c1")  # a read through the edit path
    meeting.read(edits.plan.plan_ids)
    assert count(demo) == before + 1


def test_working_state_writes_no_line(demo: Store) -> None:
    """Drafts and the time in each stage are not part of the case: no line, as no version."""
    meeting = Meeting(demo, REF, "rcpc1")
    before = count(demo)
    meeting.keep(edits.working.save_draft, "mapping.capture", "Nan coll")
    meeting.keep(edits.working.save_draft, "mapping.capture", "")
    meeting.keep(edits.working.enter_stage, "mapping", dt.datetime(2026, 11, 26, 10, 0))
    meeting.keep(edits.working.mark_time, dt.datetime(2026, 11, 26, 10, 5))
    meeting.read(edits.working.drafts)
    meeting.read(edits.working.stage_visits)
    assert count(demo) == before


def test_a_refused_edit_writes_no_line(demo: Store) -> None:
    before = count(demo)
    with pytest.raises(EditError):
        demo.update_case(REF, family_name=" ")
    with pytest.raises(EditError):
        Meeting(demo, REF, "rcpc1").edit(edits.mapping.add_entry, column="strengths", text="  ")
    assert count(demo) == before


def test_the_line_and_the_change_are_one_transaction(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line that cannot be written keeps the change out; a change that fails after its
    line was written keeps the line out."""
    before = count(demo)

    def cannot(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    with monkeypatch.context() as mp:
        mp.setattr(audit, "record", cannot)
        with pytest.raises(RuntimeError, match="disk full"):
            demo.update_case(REF, family_name="Changed")
    assert demo.load_case(REF).family_name != "Changed"  # type: ignore[union-attr]

    original = audit.record
    written: list[str] = []

    def then_fail(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)  # type: ignore[arg-type]
        written.append("line")
        raise RuntimeError("power cut")

    with monkeypatch.context() as mp:
        mp.setattr(audit, "record", then_fail)
        with pytest.raises(RuntimeError, match="power cut"):
            demo.update_case(REF, family_name="Changed")
    assert written == ["line"]
    assert count(demo) == before
    assert demo.load_case(REF).family_name != "Changed"  # type: ignore[union-attr]
    assert demo.check_audit() is None


def test_no_line_holds_a_value_or_a_name(demo: Store) -> None:
    """Field names only: what was typed never reaches the trail."""
    meeting = Meeting(demo, REF, "rcpc1")
    meeting.edit(edits.conference.begin)
    meeting.edit(
        edits.mapping.add_entry, column="past_harm", text="Zebedee hit Quentin", source="pol"
    )
    demo.update_child(REF, "c1", first_name="Zebedee")
    demo.update_case(REF, family_name="Quentinson", lead_social_worker="Xavier Worker")
    doc = demo.load_case(REF)
    assert doc is not None
    names = {doc.family_name, *(c.first_name for c in doc.children), *(p.name for p in doc.people)}
    for line in demo.audit_lines(REF):
        assert re.fullmatch(r"[a-z][a-z ,:()-]*", line.what), line.what
        assert not any(name and name.lower() in line.what for name in names), line.what


def test_a_description_from_a_function_made_inside_a_method() -> None:
    def write(s: object, reference: str, conference: str, changes: dict[str, object]) -> None:
        pass

    write.__qualname__ = "Meeting.update.<locals>.write"
    assert audit.describe(write, ("rcpc1", {"quorum_override": True})) == (
        "conference updated: quorum override"
    )
    assert audit.describe(edits.case.create_case, ("Family", "england")) == "case created"


# --- whole cases ---------------------------------------------------------------------------------


def test_import_replace_and_delete_each_write_one_line(store: Store) -> None:
    store.import_case(demo_case(DAY))
    store.import_case(demo_case(DAY), replace=True)
    assert store.delete_case("demo-0001")
    assert not store.delete_case(REF)  # nothing left to delete: no line
    assert whats(store) == ["case imported", "case imported (replaced)", "case deleted"]
    assert store.load_case(REF) is None
    assert store.check_audit() is None


def test_a_deleted_case_leaves_one_line_and_none_of_its_data(store: Store) -> None:
    store.import_case(demo_case(DAY))
    with raw(store) as conn:
        tables = [t for t in conn.tables() if t not in ("alembic_version", "audit", "audit_head")]
    store.delete_case(REF)
    with raw(store) as conn:
        for table in tables:
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0, table
        rows = conn.execute("SELECT reference, what FROM audit ORDER BY id").fetchall()
    assert rows == [(REF, "case imported"), (REF, "case deleted")]


def test_a_renamed_case_keeps_its_lines(store: Store) -> None:
    store.create_case("T-1", "Testfamily")
    store.update_case("T-1", family_name="Second")
    store.update_case("T-1", reference="T-2")
    store.update_case("t-2", family_name="Third")
    assert whats(store, "T-2") == [
        "case created",
        "case updated: family name",
        "case updated: reference",
        "case updated: family name",
    ]
    assert whats(store, "t-1") == ["case created", "case updated: family name"]
    store.create_case("T-1", "Another")  # a new case under the old reference: its own lines
    assert whats(store, "T-1")[-1] == "case created"
    assert len(whats(store, "T-2")) == 4


def test_a_replace_spelt_otherwise_follows_the_case(store: Store) -> None:
    store.import_case(demo_case(DAY))
    store.import_case(demo_case(DAY).model_copy(update={"reference": "demo-0001"}), replace=True)
    assert whats(store, "demo-0001") == ["case imported", "case imported (replaced)"]


def test_the_trail_is_one_chain_across_cases(store: Store, tmp_path: Path) -> None:
    store.create_case("A-1", "First")
    store.create_case("B-1", "Second")
    store.update_case("A-1", family_name="Firsts")
    assert [n.number for n in store.audit_lines("A-1")] == [1, 3]
    assert [n.number for n in store.audit_lines("B-1")] == [2]
    assert store.check_audit() is None


def test_a_line_costs_one_read_of_the_last_and_one_insert(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The minute-taker's Enter: the line adds two statements to the write (three on a
    server), no more."""
    from sqlalchemy import event

    meeting = Meeting(demo, REF, "rcpc1")
    meeting.edit(edits.conference.begin)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(demo.engine, "before_cursor_execute", seen)
    try:
        meeting.edit(
            edits.mapping.add_entry,
            column="strengths",
            text="Nan collects Ruby daily",
            children=["c1"],
        )
        with_line = list(statements)
        statements.clear()
        with monkeypatch.context() as mp:
            mp.setattr(audit, "record", lambda *_a, **_k: None)
            meeting.edit(
                edits.mapping.add_entry,
                column="strengths",
                text="Ruby likes school",
                children=["c1"],
            )
        without = list(statements)
    finally:
        event.remove(demo.engine, "before_cursor_execute", seen)
    extra = [s for s in with_line if "audit" in s]
    # A server moves its record of the highest line given, too (SQLite does that itself).
    head = ["UPDATE"] if demo.on_server else []
    assert len(with_line) == len(without) + 2 + len(head)
    assert [s.split()[0] for s in extra] == ["SELECT", "INSERT", *head]


def test_every_edit_reads_in_plain_words() -> None:
    """Each edit function of the store, as `_edit` would describe it: a noun and what was done
    to it, in words (a new edit whose name does not read is caught here)."""
    import inspect

    reads = re.compile(r"[a-z][a-z -]* (" + "|".join(audit.VERBS.values()) + r")(: [a-z ,-]+)?")
    checked = 0
    for module in (getattr(edits, name) for name in edits.__all__):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(fn).parameters)
            verb = name.partition("_")[0]
            if fn.__module__ != module.__name__ or params[:2] != ["session", "reference"]:
                continue
            if verb not in audit.VERBS and name not in audit.WHOLE:
                continue  # a read, or a helper: never passed to `_edit` as a change
            kind = "actions" if module is edits.plan else "views"
            given = {"changes": {"first_field": 1, "to": 2}, "kind": kind}
            words = audit.describe(fn, tuple(given.get(p, "x") for p in params[2:]))
            assert name in audit.WHOLE or reads.fullmatch(words), (name, words)
            assert "_" not in words, (name, words)
            checked += 1
    assert checked > 60
