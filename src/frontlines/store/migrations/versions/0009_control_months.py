"""control on a date from a monthly snapshot stored together plus the month's changes:
state_control_months (per month and place the state valid at the month's start, with its
feature text) and an index on state_control.valid_from (issue 16)

Revision ID: 0009_control_months
Revises: 0008_state_lookup
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_control_months"
down_revision = "0008_state_lookup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "state_control_months",
        sa.Column("month", sa.Date(), primary_key=True),
        sa.Column("place_key", sa.String(200), primary_key=True),
        sa.Column("sort_key", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("admin1", sa.String(120)),
        sa.Column("first_event", sa.String(40)),
        sa.Column("feature", sa.Text()),
    )
    op.create_index("ix_state_control_from", "state_control", ["valid_from"])
    # no snapshot is stored yet: the next refresh builds them from the state rows (no replay
    # of events; state/materialised.py builds them when it finds no `control_months` mark)


def downgrade() -> None:
    op.drop_index("ix_state_control_from", "state_control")
    op.drop_table("state_control_months")
    op.execute("DELETE FROM state_meta WHERE key = 'control_months'")
