"""date windows read from indexes alone on PostgreSQL: ix_events_date_id carries the columns
casualties and alliances read of a window's events, ix_state_events_basis an event's toll
(issue 16). Elsewhere the indexes stay as they were (INCLUDE is PostgreSQL's).

Revision ID: 0010_covering_windows
Revises: 0009_control_months
"""

from __future__ import annotations

from alembic import op

revision = "0010_covering_windows"
down_revision = "0009_control_months"
branch_labels = None
depends_on = None

_EVENTS = ["event_type", "actor1_id", "actor1", "actor2_id", "actor2", "place_id", "location",
           "fatalities"]


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.drop_index("ix_events_date_id", "events")
    op.create_index("ix_events_date_id", "events", ["event_date", "id"],
                    postgresql_include=_EVENTS)
    op.drop_index("ix_state_events_basis", "state_events")
    op.create_index("ix_state_events_basis", "state_events", ["event_id"],
                    postgresql_include=["unit", "horizon", "basis", "low", "high",
                                        "open_ended"])


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.drop_index("ix_state_events_basis", "state_events")
    op.create_index("ix_state_events_basis", "state_events", ["event_id"],
                    postgresql_include=["unit", "horizon", "basis"])
    op.drop_index("ix_events_date_id", "events")
    op.create_index("ix_events_date_id", "events", ["event_date", "id"])
