"""Why a subject child old enough to be offered an advocate has none at a conference (002).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(target: str) -> sa.Column:
    return sa.Column(
        f"{target}_id",
        sa.Integer(),
        sa.ForeignKey(
            f"{target}.id", ondelete="CASCADE", name=f"fk_advocatenotused_{target}_id_{target}"
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "advocatenotused",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("conference"),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("child"),
        sa.Column("reason", sa.String(), nullable=False),
    )
    for column in ("conference_id", "child_id"):
        op.create_index(f"ix_advocatenotused_{column}", "advocatenotused", [column])


def downgrade() -> None:
    op.drop_table("advocatenotused")
