"""Learned boilerplate (line counts per source) and the dateline's place of each article.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_lines",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("key", sa.String(16), primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("tail", sa.Integer, nullable=False),
        sa.Column("first", sa.Date),
        sa.Column("last", sa.Date),
        sa.Column("dated", sa.Boolean, nullable=False),
    )
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("place", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("place")
    op.drop_table("source_lines")
