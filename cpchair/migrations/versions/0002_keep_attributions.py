"""Removing a person, an attendee or a danger statement clears the links that only attribute
(an attendee's family member, a mapping entry's source, a safety goal's danger statement)
instead of deleting the attendee, the entry or the goal.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_LINKS = [
    ("attendee", "person_id", "person"),
    ("mappingentry", "source_id", "attendee"),
    ("safetygoal", "statement_id", "dangerstatement"),
]


def _relink(ondelete: str) -> None:
    for table, column, target in _LINKS:
        name = f"fk_{table}_{column}_{target}"
        # SQLite changes a foreign key only by copying the table; a server alters it in place.
        with op.batch_alter_table(table, recreate="always" if on_sqlite() else "auto") as batch:
            batch.drop_constraint(name, type_="foreignkey")
            batch.create_foreign_key(name, target, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    _relink("SET NULL")


def downgrade() -> None:
    _relink("CASCADE")
