"""control on a date as one indexed lookup per place: state_places (every place materialised
control knows, with its admin1, first date and sort key), an index (place_key, valid_from) on
state_control and each state's first event and GeoJSON feature as text, the basis of an event
readable from an index; events paged by (event_date, id) from one index (issue 16)

Revision ID: 0008_state_lookup
Revises: 0007_state_events
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_state_lookup"
down_revision = "0007_state_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "state_places",
        sa.Column("place_key", sa.String(200), primary_key=True),
        sa.Column("admin1", sa.String(120)),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("sort_key", sa.Text(), nullable=False),
    )
    with op.batch_alter_table("state_control") as batch:
        batch.add_column(sa.Column("first_event", sa.String(40)))
        batch.add_column(sa.Column("feature", sa.Text()))
    # the rows lack the new columns: the next refresh rebuilds control (state/materialised.py
    # rebuilds when it finds no watermark; `frontlines state rebuild` does it at once)
    op.execute("DELETE FROM state_meta WHERE key = 'control_watermark'")
    op.create_index("ix_state_control_place_from", "state_control", ["place_key", "valid_from"])
    op.drop_index("ix_state_control_place", "state_control")
    op.drop_index("ix_state_control_valid", "state_control")
    op.create_index("ix_events_date_id", "events", ["event_date", "id"])
    op.drop_index("ix_events_date", "events")
    op.create_index("ix_state_events_basis", "state_events", ["event_id"],
                    postgresql_include=["unit", "horizon", "basis"])


def downgrade() -> None:
    op.drop_index("ix_state_events_basis", "state_events")
    op.create_index("ix_events_date", "events", ["event_date"])
    op.drop_index("ix_events_date_id", "events")
    op.create_index("ix_state_control_valid", "state_control", ["valid_from", "valid_to"])
    op.create_index("ix_state_control_place", "state_control", ["place_key"])
    op.drop_index("ix_state_control_place_from", "state_control")
    with op.batch_alter_table("state_control") as batch:
        batch.drop_column("feature")
        batch.drop_column("first_event")
    op.drop_table("state_places")
