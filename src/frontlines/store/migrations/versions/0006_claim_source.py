"""claims.source / confidence / needs_review: which component coded a claim (rule, model or
both), how sure it is, and whether it sits under the review threshold

Revision ID: 0006_claim_source
Revises: 0005_watch
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_claim_source"
down_revision = "0005_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no table copy): on SQLite a copied claims table would cascade-delete
    # the event_claims links of a store that already holds events
    op.add_column("claims", sa.Column("source", sa.String(length=10), nullable=False,
                                      server_default="rule"))
    op.add_column("claims", sa.Column("confidence", sa.Float(), nullable=False,
                                      server_default="1.0"))
    op.add_column("claims", sa.Column("needs_review", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("needs_review")
        batch.drop_column("confidence")
        batch.drop_column("source")
