"""Annotation runs: which version of the stages last annotated each article, and how it went.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Articles annotated before this revision have no run: they count as stale and the next
    # ingest or `annotate --pending` annotates them again.
    op.create_table(
        "annotation_runs",
        sa.Column("article_id", sa.String(40), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False, index=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("stage", sa.String(40)),
        sa.Column("error", sa.Text),
        sa.Column("skipped", sa.JSON, nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("annotation_runs")
