"""The live meeting: the time spent in each stage, drafts that survive a crash, independent
scaling, the first child protection visit in the plan, and a record of each reopening.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _conference_fk(table: str) -> sa.Column:
    return sa.Column(
        "conference_id",
        sa.Integer(),
        sa.ForeignKey(
            "conference.id", ondelete="CASCADE", name=f"fk_{table}_conference_id_conference"
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "stagevisit",
        sa.Column("id", sa.Integer(), primary_key=True),
        _conference_fk("stagevisit"),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        _conference_fk("draft"),
        sa.Column("slot", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("conference_id", "slot", name="uq_draft_conference_id"),
    )
    op.create_table(
        "reopening",
        sa.Column("id", sa.Integer(), primary_key=True),
        _conference_fk("reopening"),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
    )
    for table in ("stagevisit", "draft", "reopening"):
        op.create_index(f"ix_{table}_conference_id", table, ["conference_id"])
    with op.batch_alter_table("scaling") as batch:
        batch.add_column(
            sa.Column("independent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("revealed", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("first_visit", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("first_visit")
    with op.batch_alter_table("scaling") as batch:
        batch.drop_column("revealed")
        batch.drop_column("independent")
    op.drop_table("reopening")
    op.drop_table("draft")
    op.drop_table("stagevisit")
