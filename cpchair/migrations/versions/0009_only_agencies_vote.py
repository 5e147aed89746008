"""Only a professional agency votes (000: a parent "will not be part of the decision-making";
004: "the social work and agency decision"). A vote flag left on a family member, the child, an
advocate, a supporter, a solicitor, an interpreter or an observer from before the rule is
cleared, and the views recorded for them as votes are removed: they never counted, and a file
holding them would be refused on import.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The agencies that may vote as this migration was written (vocab.VOTING_AGENCIES keeps the live
# set), frozen here so the migration does the same thing whenever it runs.
VOTING = (
    "childrens_social_care", "police", "health", "education", "early_years", "probation",
    "youth_justice", "housing", "adult_services", "voluntary", "other_agency",
)  # fmt: skip
_NOT_VOTING = f"agency NOT IN ({', '.join(repr(a) for a in VOTING)})"


def upgrade() -> None:
    if not on_sqlite():
        return
    op.execute(
        f"DELETE FROM vote WHERE attendee_id IN (SELECT id FROM attendee WHERE {_NOT_VOTING})"
    )
    op.execute(f"UPDATE attendee SET votes = 0 WHERE votes AND {_NOT_VOTING}")


def downgrade() -> None:
    pass  # nothing to put back: the flags and views removed never counted
