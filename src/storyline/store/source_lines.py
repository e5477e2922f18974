"""Learned boilerplate kept in the store: line counts per source accumulate across ingests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storyline.ingest.boilerplate import LineStats, stats_from_rows
from storyline.store import schema as t
from storyline.store.store import Store

_CHUNK = 500


def known_ids(store: Store, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are stored already."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(chunk)))
            found.update(r[0] for r in rows)
    return found


def load_line_stats(store: Store, keys: Mapping[str, Iterable[str]]) -> LineStats:
    """Stored counts for the given lines of each source, and each source's article count."""
    rows: list[Mapping[str, object]] = []
    sl = t.source_lines
    with store.engine.connect() as conn:
        for source, source_keys in keys.items():
            wanted = sorted(set(source_keys))
            for start in range(0, len(wanted), _CHUNK):
                query = sa.select(sl).where(
                    sl.c.source == source, sl.c.key.in_(wanted[start : start + _CHUNK])
                )
                rows.extend(dict(r._mapping) for r in conn.execute(query))
        stats = stats_from_rows(rows)
        for source in keys:
            count = conn.execute(
                sa.select(sa.func.count())
                .select_from(t.articles)
                .where(t.articles.c.source == source, t.articles.c.kind == "article")
            ).scalar_one()
            stats.sizes[source] = int(count)
    return stats


def save_line_stats(store: Store, stats: LineStats) -> None:
    """Add ``stats``' line counts to the stored ones (safe with concurrent writers)."""
    records = [
        {
            "source": source,
            "key": key,
            "articles": s.articles,
            "tail": s.tail,
            "first": s.first,
            "last": s.last,
            "dated": s.dated,
        }
        for source, table in sorted(stats.lines.items())
        for key, s in sorted(table.items())  # one row order for every writer: no deadlock
    ]
    if not records:
        return
    insert = pg_insert if store.dialect == "postgresql" else sqlite_insert
    sl = t.source_lines
    with store.engine.begin() as conn:
        for start in range(0, len(records), _CHUNK):
            statement = insert(sl).values(records[start : start + _CHUNK])
            new = statement.excluded
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=[sl.c.source, sl.c.key],
                    set_={
                        "articles": sl.c.articles + new.articles,
                        "tail": sl.c.tail + new.tail,
                        "first": sa.func.coalesce(
                            sa.case((new.first < sl.c.first, new.first), else_=sl.c.first),
                            new.first,
                        ),
                        "last": sa.func.coalesce(
                            sa.case((new.last > sl.c.last, new.last), else_=sl.c.last),
                            new.last,
                        ),
                        "dated": sa.or_(sl.c.dated, new.dated),
                    },
                )
            )
