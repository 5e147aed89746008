"""The procedures as written: contact details and interpreters on people, the chair's contact,
why a conference is late and why someone is absent, the chair's choice of record for an
excluded family member, views not given and why, and confidential marks beyond the mapping.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Tables that gain a `confidential` flag (kept out of every family copy).
CONFIDENTIAL = ("view", "incident", "score", "vote", "planaction")


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=True)


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def _fk(target: str, *, nullable: bool) -> sa.Column:
    return sa.Column(
        f"{target}_id",
        sa.Integer(),
        sa.ForeignKey(
            f"{target}.id", ondelete="CASCADE", name=f"fk_viewnotgiven_{target}_id_{target}"
        ),
        nullable=nullable,
    )


def upgrade() -> None:
    with op.batch_alter_table("child") as batch:
        batch.add_column(_text("interpreter_language"))
    with op.batch_alter_table("person") as batch:
        batch.add_column(_text("contact"))
        batch.add_column(_flag("no_contact"))
        batch.add_column(_text("interpreter_language"))
    with op.batch_alter_table("conference") as batch:
        batch.add_column(_text("chair_contact"))
        batch.add_column(_text("late_reason"))
    with op.batch_alter_table("attendee") as batch:
        batch.add_column(_text("contact"))
        batch.add_column(_text("absence_reason"))
    with op.batch_alter_table("exclusion") as batch:
        batch.add_column(_text("record"))
    for table in CONFIDENTIAL:
        with op.batch_alter_table(table) as batch:
            batch.add_column(_flag("confidential"))
    op.create_table(
        "viewnotgiven",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("conference", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("child", nullable=True),
        _fk("person", nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
    )
    for column in ("conference_id", "child_id", "person_id"):
        op.create_index(f"ix_viewnotgiven_{column}", "viewnotgiven", [column])


def downgrade() -> None:
    op.drop_table("viewnotgiven")
    for table in CONFIDENTIAL:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("confidential")
    with op.batch_alter_table("exclusion") as batch:
        batch.drop_column("record")
    with op.batch_alter_table("attendee") as batch:
        batch.drop_column("absence_reason")
        batch.drop_column("contact")
    with op.batch_alter_table("conference") as batch:
        batch.drop_column("late_reason")
        batch.drop_column("chair_contact")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("interpreter_language")
        batch.drop_column("no_contact")
        batch.drop_column("contact")
    with op.batch_alter_table("child") as batch:
        batch.drop_column("interpreter_language")
