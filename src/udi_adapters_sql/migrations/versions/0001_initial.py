"""The initial schema: aggregates and their index, events, outbox, obligations,
advisories and the organisation.

Revision ID: 0001
Revises:
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Types spelled out here (not imported from the schema module) so this revision stays
# what it was when the schema changes later.
SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def UtcDateTime() -> sa.DateTime:  # noqa: N802 - reads like the column type it stands for
    return sa.DateTime(timezone=True)


def _key(length: int | None) -> sa.types.TypeEngine[str]:
    if length is None:
        return sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "aggregates",
        sa.Column("kind", _key(100), nullable=False),
        sa.Column("id", _key(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name="pk_aggregates"),
    )
    op.create_table(
        "aggregate_index",
        sa.Column("kind", _key(100), nullable=False),
        sa.Column("id", _key(200), nullable=False),
        sa.Column("key", _key(100), nullable=False),
        sa.Column("value", _key(None), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", "key", "value", name="pk_aggregate_index"),
        sa.ForeignKeyConstraint(
            ["kind", "id"],
            ["aggregates.kind", "aggregates.id"],
            name="fk_aggregate_index_aggregates",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_aggregate_index_kind_key_value", "aggregate_index", ["kind", "key", "value"]
    )
    op.create_table(
        "events",
        sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
        sa.Column("kind", _key(100), nullable=False),
        sa.Column("aggregate_id", _key(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("actor", _key(200), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("type", _key(100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint(
            "aggregate_id", "kind", "version", name="uq_events_aggregate_id_kind_version"
        ),
    )
    op.create_table(
        "outbox",
        sa.Column("key", _key(200), nullable=False),
        sa.Column("effect", sa.JSON(), nullable=False),
        sa.Column("aggregate_kind", _key(100), nullable=False),
        sa.Column("aggregate_id", _key(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("delivered_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_outbox"),
    )
    op.create_index("ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_created_at_key", "outbox", ["created_at", "key"])
    op.create_table(
        "obligations",
        sa.Column("routine", _key(100), nullable=False),
        sa.Column("aggregate_id", _key(200), nullable=False),
        sa.Column("key", _key(200), nullable=False),
        sa.Column("rule_id", _key(100), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("aggregate_id", "routine", "key", name="pk_obligations"),
    )
    op.create_index(
        "ix_obligations_due_routine_aggregate_id_key_met_on",
        "obligations",
        ["due", "routine", "aggregate_id", "key", "met_on"],
    )
    op.create_index(
        "ix_obligations_routine_due_met_on", "obligations", ["routine", "due", "met_on"]
    )
    op.create_table(
        "advisories",
        sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
        sa.Column("aggregate_kind", _key(100), nullable=False),
        sa.Column("aggregate_id", _key(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("actor", _key(200), nullable=False),
        sa.Column("rule_id", _key(100), nullable=False),
        sa.Column("advisory", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_advisories"),
    )
    op.create_index("ix_advisories_aggregate_id", "advisories", ["aggregate_id"])
    op.create_table(
        "org_units",
        sa.Column("id", _key(200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_org_units"),
    )
    op.create_table(
        "employees",
        sa.Column("id", _key(200), nullable=False),
        sa.Column("unit", _key(200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employees"),
    )
    op.create_index("ix_employees_unit", "employees", ["unit"])


def downgrade() -> None:
    for table in (
        "employees",
        "org_units",
        "advisories",
        "obligations",
        "outbox",
        "events",
        "aggregate_index",
        "aggregates",
    ):
        op.drop_table(table)
