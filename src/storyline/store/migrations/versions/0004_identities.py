"""Identities: the store-level map from mention keys to canonical entity ids.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identities",
        sa.Column("key", sa.String(120), primary_key=True),
        # The canonical entity id; "" when the key names no actor ("Views", a town as a person).
        sa.Column("entity", sa.String(120), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("identities")
