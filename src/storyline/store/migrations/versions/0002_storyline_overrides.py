"""Storyline overrides: a user's merges, splits, renames and moves, replayed on re-clustering.

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
    op.create_table(
        "storyline_overrides",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("args", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("storyline_overrides")
