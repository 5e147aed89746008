"""The first schema: the whole case aggregate of cpchair-case/1.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 11:09:08.177095
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("family_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("profile", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("lead_social_worker", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("lead_social_worker_team", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_reference"), ["reference"], unique=True)

    op.create_table(
        "child",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("expected_birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("subject", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_child_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child")),
        sa.UniqueConstraint("case_id", "key", name=op.f("uq_child_case_id")),
    )
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_case_id"), ["case_id"], unique=False)

    op.create_table(
        "conference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("venue", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("virtual", sa.Boolean(), nullable=False),
        sa.Column("chair", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("minute_taker", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("trigger_date", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("confidentiality_statement_read", sa.Boolean(), nullable=False),
        sa.Column("quorum_override", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("escalation_due_by", sa.DateTime(), nullable=True),
        sa.Column("escalation_notified_at", sa.DateTime(), nullable=True),
        sa.Column("escalation_to", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_conference_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference")),
        sa.UniqueConstraint("case_id", "key", name=op.f("uq_conference_case_id")),
    )
    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conference_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conference_date"), ["date"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("relationship", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("parental_responsibility", sa.Boolean(), nullable=False),
        sa.Column("contact_confidential", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_person_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("case_id", "key", name=op.f("uq_person_case_id")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_case_id"), ["case_id"], unique=False)

    op.create_table(
        "attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("agency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("attendance", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("votes", sa.Boolean(), nullable=False),
        sa.Column("report_received", sa.Date(), nullable=True),
        sa.Column("report_shared_with_family", sa.Date(), nullable=True),
        sa.Column("arrived", sa.Time(), nullable=True),
        sa.Column("left", sa.Time(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_attendee_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendee_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee")),
        sa.UniqueConstraint("conference_id", "key", name=op.f("uq_attendee_conference_id")),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendee_conference_id"), ["conference_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attendee_person_id"), ["person_id"], unique=False)

    op.create_table(
        "dangerstatement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_dangerstatement_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dangerstatement")),
        sa.UniqueConstraint("conference_id", "key", name=op.f("uq_dangerstatement_conference_id")),
    )
    with op.batch_alter_table("dangerstatement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dangerstatement_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rationale", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("ending_criterion", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_decision_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_decision_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_decision_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("which", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_incident_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("first_core_group", sa.Date(), nullable=True),
        sa.Column("review_conference", sa.Date(), nullable=True),
        sa.Column("contingency", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("visiting", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("embassy_notification", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_plan_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("conference_id", name=op.f("uq_plan_conference_id")),
    )
    op.create_table(
        "scaling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("polarity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "overall IS NULL OR overall BETWEEN 0 AND 10", name=op.f("ck_scaling_overall_range")
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_scaling_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scaling")),
        sa.UniqueConstraint("conference_id", name=op.f("uq_scaling_conference_id")),
    )
    op.create_table(
        "view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("how", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_view_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_view_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_view_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_view")),
    )
    with op.batch_alter_table("view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_view_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_view_conference_id"), ["conference_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_view_person_id"), ["person_id"], unique=False)

    op.create_table(
        "coregroupmember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(attendee_id IS NULL) <> (person_id IS NULL)",
            name=op.f("ck_coregroupmember_one_member"),
        ),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_coregroupmember_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_coregroupmember_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_coregroupmember_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coregroupmember")),
    )
    with op.batch_alter_table("coregroupmember", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coregroupmember_attendee_id"), ["attendee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coregroupmember_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_coregroupmember_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "dangerstatementchild",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_dangerstatementchild_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["dangerstatement.id"],
            name=op.f("fk_dangerstatementchild_statement_id_dangerstatement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "child_id", name=op.f("pk_dangerstatementchild")),
    )
    op.create_table(
        "decisioncategory",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_decisioncategory_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("decision_id", "category", name=op.f("pk_decisioncategory")),
    )
    op.create_table(
        "directcontact",
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_directcontact_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_directcontact_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attendee_id", "child_id", name=op.f("pk_directcontact")),
    )
    op.create_table(
        "dissent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_dissent_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_dissent_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dissent")),
    )
    with op.batch_alter_table("dissent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dissent_attendee_id"), ["attendee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dissent_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("from_stage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("to_stage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_exclusion_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_exclusion_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusion")),
    )
    with op.batch_alter_table("exclusion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exclusion_attendee_id"), ["attendee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_exclusion_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "mappingentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("column", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nature", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_mappingentry_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["attendee.id"],
            name=op.f("fk_mappingentry_source_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mappingentry")),
    )
    with op.batch_alter_table("mappingentry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mappingentry_conference_id"), ["conference_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mappingentry_source_id"), ["source_id"], unique=False)

    op.create_table(
        "planaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("by", sa.Date(), nullable=True),
        sa.Column("key_safeguarding", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_planaction_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planaction")),
    )
    with op.batch_alter_table("planaction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planaction_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "planoutcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_planoutcome_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planoutcome")),
    )
    with op.batch_alter_table("planoutcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planoutcome_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "planrecommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_planrecommendation_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planrecommendation")),
    )
    with op.batch_alter_table("planrecommendation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_planrecommendation_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "safetygoal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_safetygoal_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["dangerstatement.id"],
            name=op.f("fk_safetygoal_statement_id_dangerstatement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safetygoal")),
    )
    with op.batch_alter_table("safetygoal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safetygoal_conference_id"), ["conference_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_safetygoal_statement_id"), ["statement_id"], unique=False
        )

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_score_score_range")),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_score_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_score_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_score_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["dangerstatement.id"],
            name=op.f("fk_score_statement_id_dangerstatement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score")),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_attendee_id"), ["attendee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_conference_id"), ["conference_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_statement_id"), ["statement_id"], unique=False)

    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("vote", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_vote_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_vote_child_id_child"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_vote_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote")),
    )
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_attendee_id"), ["attendee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vote_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vote_conference_id"), ["conference_id"], unique=False)

    op.create_table(
        "mappingentrychild",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_mappingentrychild_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["mappingentry.id"],
            name=op.f("fk_mappingentrychild_entry_id_mappingentry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "child_id", name=op.f("pk_mappingentrychild")),
    )
    op.create_table(
        "planactionchild",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["planaction.id"],
            name=op.f("fk_planactionchild_action_id_planaction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_planactionchild_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "child_id", name=op.f("pk_planactionchild")),
    )
    op.create_table(
        "safetygoalchild",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_safetygoalchild_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["safetygoal.id"],
            name=op.f("fk_safetygoalchild_goal_id_safetygoal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goal_id", "child_id", name=op.f("pk_safetygoalchild")),
    )


def downgrade() -> None:
    op.drop_table("safetygoalchild")
    op.drop_table("planactionchild")
    op.drop_table("mappingentrychild")
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_conference_id"))
        batch_op.drop_index(batch_op.f("ix_vote_child_id"))
        batch_op.drop_index(batch_op.f("ix_vote_attendee_id"))

    op.drop_table("vote")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_statement_id"))
        batch_op.drop_index(batch_op.f("ix_score_conference_id"))
        batch_op.drop_index(batch_op.f("ix_score_child_id"))
        batch_op.drop_index(batch_op.f("ix_score_attendee_id"))

    op.drop_table("score")
    with op.batch_alter_table("safetygoal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safetygoal_statement_id"))
        batch_op.drop_index(batch_op.f("ix_safetygoal_conference_id"))

    op.drop_table("safetygoal")
    with op.batch_alter_table("planrecommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planrecommendation_plan_id"))

    op.drop_table("planrecommendation")
    with op.batch_alter_table("planoutcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planoutcome_plan_id"))

    op.drop_table("planoutcome")
    with op.batch_alter_table("planaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planaction_plan_id"))

    op.drop_table("planaction")
    with op.batch_alter_table("mappingentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mappingentry_source_id"))
        batch_op.drop_index(batch_op.f("ix_mappingentry_conference_id"))

    op.drop_table("mappingentry")
    with op.batch_alter_table("exclusion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exclusion_conference_id"))
        batch_op.drop_index(batch_op.f("ix_exclusion_attendee_id"))

    op.drop_table("exclusion")
    with op.batch_alter_table("dissent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dissent_decision_id"))
        batch_op.drop_index(batch_op.f("ix_dissent_attendee_id"))

    op.drop_table("dissent")
    op.drop_table("directcontact")
    op.drop_table("decisioncategory")
    op.drop_table("dangerstatementchild")
    with op.batch_alter_table("coregroupmember", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coregroupmember_plan_id"))
        batch_op.drop_index(batch_op.f("ix_coregroupmember_person_id"))
        batch_op.drop_index(batch_op.f("ix_coregroupmember_attendee_id"))

    op.drop_table("coregroupmember")
    with op.batch_alter_table("view", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_view_person_id"))
        batch_op.drop_index(batch_op.f("ix_view_conference_id"))
        batch_op.drop_index(batch_op.f("ix_view_child_id"))

    op.drop_table("view")
    op.drop_table("scaling")
    op.drop_table("plan")
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_conference_id"))

    op.drop_table("incident")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_conference_id"))
        batch_op.drop_index(batch_op.f("ix_decision_child_id"))

    op.drop_table("decision")
    with op.batch_alter_table("dangerstatement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dangerstatement_conference_id"))

    op.drop_table("dangerstatement")
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendee_person_id"))
        batch_op.drop_index(batch_op.f("ix_attendee_conference_id"))

    op.drop_table("attendee")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_case_id"))

    op.drop_table("person")
    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conference_date"))
        batch_op.drop_index(batch_op.f("ix_conference_case_id"))

    op.drop_table("conference")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_case_id"))

    op.drop_table("child")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_reference"))

    op.drop_table("case")
