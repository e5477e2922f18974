"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/`` create and evolve them.

Annotations are stored per article and layer as JSON lists of span records, exactly the
export schema, so reading an article back never re-runs a stage.
"""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("published_precision", String(8), nullable=False),
    Column("published_from", String(10), nullable=False),
    Column("language", String(16)),
    Column("chrome_language", String(16)),
    Column("kind", String(8), nullable=False),
    Column("parent", String(40), index=True),
    Column("author", Text),
    # Where the story was filed from, as its dateline says ("GRAND ISLE, La.").
    Column("place", Text),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("minhash", LargeBinary),
)

# Locality-sensitive bands of each article's MinHash signature, for near-duplicate lookup.
article_bands = Table(
    "article_bands",
    metadata,
    Column("band", SmallInteger, primary_key=True),
    Column("hash", String(16), primary_key=True),
    Column("article_id", String(40), primary_key=True),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("duplicate_of", String(40), primary_key=True),
    Column("similarity", Float, nullable=False),
)

# Learned boilerplate: per source and line (a key over its digit-folded text), how many
# articles carry it, how many at their tail, over which days (see ingest/boilerplate.py).
source_lines = Table(
    "source_lines",
    metadata,
    Column("source", Text, primary_key=True),
    Column("key", String(16), primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("tail", Integer, nullable=False),
    Column("first", Date),
    Column("last", Date),
    Column("dated", Boolean, nullable=False),
)

annotations = Table(
    "annotations",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("layer", String(16), primary_key=True),
    Column("data", JSON, nullable=False),
)

# The last annotation of each article: the version of the stages and files that produced its
# layers (see annotate/version.py), ok or failed at which stage, and which stages skipped it.
# Written in the same transaction as the layers, so a run that dies mid-way leaves the rest
# pending for the next one.
annotation_runs = Table(
    "annotation_runs",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("version", String(64), nullable=False, index=True),
    Column("status", String(8), nullable=False),
    Column("stage", String(40)),
    Column("error", Text),
    Column("skipped", JSON, nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
)

# Store-level identity: each mention key the entities stage wrote -> its canonical entity id
# ("" for a key that names no actor), decided over the whole store (story/identities.py).
identities = Table(
    "identities",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("entity", String(120), nullable=False),
)

storylines = Table(
    "storylines",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("label", Text, nullable=False),
    Column("data", JSON, nullable=False),
)

storyline_articles = Table(
    "storyline_articles",
    metadata,
    Column("storyline_id", String(40), primary_key=True),
    Column("article_id", String(40), primary_key=True),
    Index("ix_storyline_articles_article", "article_id"),
)

# A user's edits to the clustering, in the order made; replayed after every re-clustering.
storyline_overrides = Table(
    "storyline_overrides",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("op", String(16), nullable=False),
    Column("args", JSON, nullable=False),
)

LAYERS = ("sentences", "mentions", "times", "quotes", "events", "stances")
