"""Migrations: the schema comes up whole, fails whole, and refuses files it cannot read."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from contextlib import closing
from importlib import resources
from pathlib import Path

import alembic.command
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from cpchair import models as m
from cpchair.caseio import dump_case, parse_case
from cpchair.caseio.schema import CaseDoc
from cpchair.db import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    DatabaseError,
    current_revision,
    make_engine,
    migrate,
)
from cpchair.store import open_store
from cpchair.vocab import VOTING_AGENCIES

from .helpers import mode, same_case, user_tables

# The tables whose rows say who wrote them: a column added by 0012.
ATTRIBUTED = [
    t.__tablename__
    for t in vars(m).values()
    if isinstance(t, type) and issubclass(t, m.Attributed) and hasattr(t, "__table__")
]

MIGRATIONS = resources.files("cpchair") / "migrations"


def test_schema_head_is_alembics_only_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


def test_a_fresh_database_has_the_models_schema_at_head(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "c.db")
    try:
        assert current_revision(engine) == SCHEMA_HEAD
        assert user_tables(engine) == sorted(t.name for t in SQLModel.metadata.sorted_tables)
        with engine.connect() as conn:  # columns, keys and indexes too, not only table names
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_opening_an_up_to_date_database_skips_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_engine(tmp_path / "c.db").dispose()

    def no_upgrade(*_a: object, **_k: object) -> None:
        raise AssertionError("alembic upgrade ran on an up-to-date database")

    monkeypatch.setattr(alembic.command, "upgrade", no_upgrade)
    make_engine(tmp_path / "c.db").dispose()


# --- 4. all or nothing -----------------------------------------------------------------------

_BROKEN = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    raise RuntimeError("this migration fails halfway")


def downgrade():
    pass
"""

_REBUILDS_CASE = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    # What render_as_batch exists for: SQLite alters a table by copying it and dropping the old.
    with op.batch_alter_table("case", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.String(), nullable=True))


def downgrade():
    pass
"""


def _with_next(tmp_path: Path, source: str) -> str:
    """A copy of the shipped migrations plus one more on top of the head."""
    copy = tmp_path / "migrations"
    shutil.copytree(str(MIGRATIONS), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_next.py").write_text(source.replace("{head}", SCHEMA_HEAD), "utf-8")
    return str(copy)


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path, demo_text: str) -> None:
    path = tmp_path / "c.db"
    doc = parse_case(demo_text)
    open_store(path).import_case(doc)
    schema_before = _schema(path)

    engine = make_engine(path, migrate_now=False)
    try:
        with pytest.raises(RuntimeError, match="fails halfway"):
            migrate(engine, script_location=_with_next(tmp_path, _BROKEN))
        assert "half_done" not in user_tables(engine)
        assert current_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()
    assert _schema(path) == schema_before
    assert same_case(open_store(path).load_case(doc.reference), doc)


def test_a_migration_that_rebuilds_a_table_keeps_every_case(tmp_path: Path, demo_text: str) -> None:
    path = tmp_path / "c.db"
    doc = parse_case(demo_text)
    open_store(path).import_case(doc)

    engine = make_engine(path, migrate_now=False)
    try:
        migrate(engine, script_location=_with_next(tmp_path, _REBUILDS_CASE))
        assert current_revision(engine) == "9001"
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        children = conn.execute("SELECT count(*) FROM child").fetchone()[0]
    assert children == len(doc.children)


# --- 5. files this version cannot open -------------------------------------------------------


def test_a_database_from_a_newer_cpchair_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    make_engine(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    schema_before = _schema(path)

    with pytest.raises(DatabaseError, match="newer version of cpchair"):
        open_store(path)
    assert _schema(path) == schema_before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    noise = random.Random(1).randbytes(8192)  # as an encrypted database looks without its key
    path.write_bytes(noise)
    with pytest.raises(DatabaseError, match="not a database at all"):
        open_store(path)
    with pytest.raises(DatabaseError, match="passphrase does not open"):
        open_store(path, key="a guess")
    assert path.read_bytes() == noise
    path.write_bytes(noise[:1000])  # not whole pages: no database, encrypted or not
    with pytest.raises(DatabaseError, match="could not be read"):
        open_store(path)
    assert path.read_bytes() == noise[:1000]


def test_every_case_survives_the_upgrade_from_the_first_schema(
    tmp_path: Path, demo_text: str
) -> None:
    """A database holding a case is taken back to the first schema, then opened again."""
    path = tmp_path / "old.db"
    doc = parse_case(demo_text)
    _first_schema_only(doc)  # what later schemas added cannot live in the first one
    open_store(path).import_case(doc)
    engine = make_engine(path, migrate_now=False)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.connect() as conn:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            with conn.begin():
                config.attributes["connection"] = conn
                alembic.command.downgrade(config, "0001")
        assert current_revision(engine) == "0001"
        migrate(engine)
        assert current_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()
    reopened = open_store(tmp_path / "old.db")
    assert same_case(reopened.load_case(doc.reference), doc)
    [row] = reopened.caseload_page("ruby").rows
    assert row.reference == doc.reference  # the caseload index was rebuilt


AUDIT_ADDED = "0010"  # the revision that made the audit table


def _revisions() -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return sorted(r.revision for r in ScriptDirectory.from_config(config).walk_revisions())


@pytest.mark.parametrize("old", [r for r in _revisions() if r < AUDIT_ADDED])
def test_the_upgrade_from_every_older_schema_starts_the_audit_trail(
    tmp_path: Path, demo_text: str, old: str
) -> None:
    """A case held at any older schema comes up whole at the head, with an audit trail that
    starts empty, refuses to be changed, and takes the next change's line."""
    path = tmp_path / "old.db"
    doc = parse_case(demo_text)
    _first_schema_only(doc)
    open_store(path).import_case(doc)
    engine = make_engine(path, migrate_now=False)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.connect() as conn:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            with conn.begin():
                config.attributes["connection"] = conn
                alembic.command.downgrade(config, old)
        assert "audit" not in user_tables(engine)
        migrate(engine)
        assert current_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()
    store = open_store(path)
    assert same_case(store.load_case(doc.reference), doc)
    assert store.audit_lines(doc.reference) == []
    store.update_case(doc.reference, family_name="Changed")
    assert [n.what for n in store.audit_lines(doc.reference)] == ["case updated: family name"]
    assert store.check_audit() is None
    with closing(sqlite3.connect(path)) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("DELETE FROM audit")


def _first_schema_only(doc: CaseDoc) -> None:
    """Clear what migrations 0004 and 0006 added to the demo case."""
    for child in doc.children:
        child.interpreter_language = None
    for person in doc.people:
        person.contact, person.no_contact, person.interpreter_language = None, False, None
    for conf in doc.conferences:
        if conf.plan is not None:
            conf.plan.first_visit = None
            for action in conf.plan.actions:
                action.confidential = False
        conf.views_not_given = []
        conf.advocate_not_used = []
        conf.chair_contact = conf.late_reason = None
        for a in conf.attendees:
            a.contact = a.absence_reason = None
        for e in conf.exclusions:
            e.record = None
        for entry in [*conf.views, *conf.incidents, *conf.votes]:
            entry.confidential = False
        for score in conf.scaling.scores if conf.scaling else []:
            score.confidential = False


def _before_0010(conn: sqlite3.Connection) -> None:
    """Undo 0010 to 0012 by hand, as a database of a version before them holds it."""
    conn.execute("DROP TABLE audit")  # added by 0010
    conn.execute("DROP TABLE first_page")  # added by 0011, with the index
    conn.execute("DROP INDEX ix_case_updated_at")
    conn.execute("DROP TABLE checkout")  # added by 0012, with the writers' column
    held = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in held.intersection(ATTRIBUTED):
        conn.execute(f'ALTER TABLE "{table}" DROP COLUMN changed_by')


def test_the_upgrade_to_0007_sorts_no_review_after_its_limit(
    tmp_path: Path, demo_data: dict
) -> None:
    """Before 0007 a review date set later than its limit was what fell due; 0007 recomputes
    every case so the limit counts (3 months after Thu 3 Sep 2026: Thu 3 Dec, a few days early
    at most for bank holidays)."""
    demo_data["conferences"].pop()  # no review booked
    demo_data["conferences"][0]["plan"]["review_conference"] = "2026-12-10"
    path = tmp_path / "c.db"
    open_store(path).import_case(parse_case(json.dumps(demo_data)))
    with sqlite3.connect(path) as conn:  # as 0006 left it
        conn.execute("UPDATE \"case\" SET first_due = '2026-12-10'")
        conn.execute("DROP TABLE advocatenotused")  # added by 0008
        _before_0010(conn)
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    conn.close()
    engine = make_engine(path)  # upgrades to the head
    engine.dispose()
    with sqlite3.connect(path) as conn:
        (first_due,) = conn.execute('SELECT first_due FROM "case"').fetchone()
    conn.close()
    assert "2026-11-29" <= first_due <= "2026-12-03"


def test_the_upgrade_to_0009_clears_votes_the_rule_never_counted(
    tmp_path: Path, demo_text: str
) -> None:
    """000: a parent "will not be part of the decision-making": a vote flag on a family member
    from before the rule, and the views recorded as theirs, go; the case then exports and
    imports again."""
    path = tmp_path / "c.db"
    open_store(path).import_case(parse_case(demo_text))
    with sqlite3.connect(path) as conn:  # as 0008 could leave it
        conn.execute("UPDATE attendee SET votes = 1 WHERE key = 'jodie'")
        conn.execute(
            "INSERT INTO vote (conference_id, position, attendee_id, child_id, vote, reason,"
            " confidential) SELECT a.conference_id, 99, a.id, c.id, 'plan', 'x', 0"
            " FROM attendee a JOIN child c ON c.key = 'c1' WHERE a.key = 'jodie' LIMIT 1"
        )
        _before_0010(conn)
        conn.execute("UPDATE alembic_version SET version_num = '0008'")
    conn.close()
    make_engine(path).dispose()  # upgrades to the head
    doc = open_store(path).load_case("DEMO-0001")
    assert doc is not None
    assert not any(a.votes for c in doc.conferences for a in c.attendees if a.key == "jodie")
    assert not any(v.attendee == "jodie" for c in doc.conferences for v in c.votes)
    assert same_case(parse_case(dump_case(doc)), parse_case(demo_text))


def test_0009_froze_the_voting_agencies_as_they_are() -> None:
    import importlib.util

    path = Path(str(MIGRATIONS / "versions" / "0009_only_agencies_vote.py"))
    spec = importlib.util.spec_from_file_location("frozen_0009", path)
    assert spec is not None and spec.loader is not None
    frozen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(frozen)
    assert set(frozen.VOTING) == VOTING_AGENCIES


def test_another_programs_database_is_refused_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photo (name) VALUES ('beach')")
        conn.commit()
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="another program's database"):
        open_store(path)
    assert path.read_bytes() == before and mode(path) == 0o644


def test_an_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    with pytest.raises(DatabaseError, match="empty"):
        open_store(path)
    assert path.read_bytes() == b"" and mode(path) == 0o644


def test_a_newer_database_keeps_its_journal_mode_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    make_engine(path).dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.commit()
    path.chmod(0o640)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version of cpchair"):
        open_store(path)
    assert path.read_bytes() == before and mode(path) == 0o640


def test_cpchairs_own_files_carry_its_mark_and_older_ones_get_it(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    make_engine(path).dispose()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.execute("PRAGMA application_id = 0")  # as written before the mark
        conn.commit()
    make_engine(path).dispose()  # still recognised by its tables, and marked now
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
