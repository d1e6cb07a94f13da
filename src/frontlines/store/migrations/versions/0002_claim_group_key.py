"""claims.group_key: the consolidation group of a claim, for incremental consolidation

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("group_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_claims_group_key", ["group_key"])


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_group_key")
        batch.drop_column("group_key")
