"""materialised per-event state (sources basis, toll, unit) and the actors events name, so
control, alliances and casualties never replay every event per request; watch_sources.parent,
the sitemap index that listed a sitemap (issue 16)

Revision ID: 0007_state_events
Revises: 0006_claim_source
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_state_events"
down_revision = "0006_claim_source"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "state_events",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("horizon", sa.Date()),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("basis", sa.String(10)),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("open_ended", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_state_events_unit", "state_events", ["unit"])
    op.add_column("watch_sources", sa.Column("parent", sa.String(64)))
    op.create_table(
        "state_actors",
        sa.Column("actor_id", sa.String(120), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("first_date", sa.Date()),
    )


def downgrade() -> None:
    op.drop_table("state_actors")
    with op.batch_alter_table("watch_sources") as batch:
        batch.drop_column("parent")
    op.drop_index("ix_state_events_unit", "state_events")
    op.drop_table("state_events")
