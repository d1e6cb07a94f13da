"""watch state (sources, items), alerts with webhook deliveries, materialised control (issue 16)

Revision ID: 0005_watch
Revises: 0004_workspace
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_watch"
down_revision = "0004_workspace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_updated_at", "events", ["updated_at"])
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_poll", sa.DateTime()),
        sa.Column("last_polled", sa.DateTime()),
        sa.Column("last_ok", sa.DateTime()),
        sa.Column("last_error", sa.Text()),
    )
    op.create_table(
        "watch_items",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(40)),
        sa.Column("inline", sa.Text()),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try", sa.DateTime()),
        sa.Column("doc_id", sa.String(32)),
        sa.Column("outcome", sa.String(12)),
        sa.Column("reason", sa.Text()),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime()),
    )
    op.create_index("ix_watch_items_status", "watch_items", ["status", "next_try"])
    op.create_index("ix_watch_items_source", "watch_items", ["source_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_alerts_created", "alerts", ["created_at"])
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.String(64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try", sa.DateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("delivered_at", sa.DateTime()),
        sa.UniqueConstraint("alert_id", "target", name="uq_alert_delivery"),
    )
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status"])
    op.create_table(
        "state_control",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("place_key", sa.String(200), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("admin1", sa.String(120)),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_state_control_place", "state_control", ["place_key"])
    op.create_index("ix_state_control_valid", "state_control", ["valid_from", "valid_to"])
    op.create_table(
        "state_control_history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("place_key", sa.String(200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("entry", sa.JSON(), nullable=False),
    )
    op.create_index("ix_state_control_history_place", "state_control_history",
                    ["place_key", "seq"])
    op.create_table(
        "state_meta",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text()),
    )


def downgrade() -> None:
    op.drop_table("state_meta")
    op.drop_table("state_control_history")
    op.drop_table("state_control")
    op.drop_table("alert_deliveries")
    op.drop_table("alerts")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
    op.drop_index("ix_documents_ingested_at", "documents")
    op.drop_index("ix_events_updated_at", "events")
