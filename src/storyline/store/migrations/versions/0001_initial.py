"""Initial schema: articles with full-text search, near-duplicates, annotations, entities.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_precision", sa.String(8), nullable=False),
        sa.Column("published_from", sa.String(10), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("chrome_language", sa.String(16)),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("parent", sa.String(40)),
        sa.Column("author", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minhash", sa.LargeBinary),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_parent", "articles", ["parent"])
    op.create_table(
        "article_bands",
        sa.Column("band", sa.SmallInteger, primary_key=True),
        sa.Column("hash", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(40), primary_key=True),
    )
    op.create_table(
        "near_duplicates",
        sa.Column("article_id", sa.String(40), primary_key=True),
        sa.Column("duplicate_of", sa.String(40), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_table(
        "annotations",
        sa.Column("article_id", sa.String(40), primary_key=True),
        sa.Column("layer", sa.String(16), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
    )
    op.create_table(
        "storylines",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "storyline_articles",
        sa.Column("storyline_id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(40), primary_key=True),
    )
    op.create_index("ix_storyline_articles_article", "storyline_articles", ["article_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # External-content-free FTS5 table kept in step by the store, in the same transaction.
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')"
        )
    elif bind.dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in (
        "storyline_articles",
        "storylines",
        "entities",
        "annotations",
        "near_duplicates",
        "article_bands",
        "articles",
    ):
        op.drop_table(table)
