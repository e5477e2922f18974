"""The store: SQLite (default) or PostgreSQL through one SQLAlchemy Core interface.

Every write is one transaction: a page and its blurbs land together or not at all, so a
crash mid-batch leaves the store consistent and a re-run completes it.

Any number of processes may write one store at once. Rows another writer may add first are
inserted with ``ON CONFLICT`` (the later writer sees a duplicate, or merges); SQLite runs
in WAL mode with a long busy timeout, so writers queue rather than fail; steps that rewrite
a whole state (schema, identity map, storylines) hold a named store lock (``locks.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from storyline.annotate.entity_records import merge_records, resolve_entities
from storyline.errors import StoreError
from storyline.ingest.dedup import THRESHOLD, Fingerprint, fingerprint, similarity
from storyline.model import AnnotatedArticle, Article, Entity
from storyline.serialize import entity_json, fill_layers, layers_json, role_from
from storyline.store import schema as t
from storyline.store.locks import LOCK_TIMEOUT, store_lock

log = logging.getLogger(__name__)

T = TypeVar("T")

# PostgreSQL's answers to two writers taking row locks in opposite orders: one is rolled
# back and may simply run again.
_RETRY_CODES = {"40P01", "40001"}  # deadlock_detected, serialization_failure
_RETRIES = 5

AddStatus = Literal["ingested", "duplicate"]


@dataclass(frozen=True)
class AddResult:
    article: Article
    status: AddStatus
    # Ids of stored articles this one is a near-duplicate of (linked, not dropped).
    near_duplicate_of: tuple[str, ...] = ()


RunStatus = Literal["ok", "failed"]


@dataclass(frozen=True)
class AnnotationRun:
    """How an article was last annotated: at which version, ok or failed (stage, error),
    and which stages skipped it and why."""

    article_id: str
    version: str
    status: RunStatus
    stage: str | None
    error: str | None
    skipped: dict[str, str]
    finished_at: datetime


@dataclass(frozen=True)
class StoredStoryline:
    id: str
    label: str
    articles: list[str]
    data: dict[str, Any]


class Store:
    """Articles, annotations and entities in a relational database."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            sqlite = sa.engine.make_url(url).get_backend_name() == "sqlite"
            # pysqlite's own busy timeout, in seconds; the pragma below says it again.
            connect_args = {"timeout": LOCK_TIMEOUT} if sqlite else {}
            self.engine: Engine = sa.create_engine(url, future=True, connect_args=connect_args)
            self.dialect = self.engine.dialect.name
            if sqlite:
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            with self.lock("schema"):
                self._migrate()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open store {_redact(url)}: {exc.__class__.__name__}: {_first_line(exc)}"
            ) from exc

    def lock(self, name: str) -> AbstractContextManager[None]:
        """A lock on this store shared by every process and thread using it (see locks.py):
        for a step that reads a whole state and writes it back."""
        return store_lock(self.engine, name)

    def _insert(self, table: sa.Table) -> Any:
        """``INSERT`` with this dialect's ``ON CONFLICT`` clauses."""
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)

    def _inserted(self, conn: Connection, statement: Any) -> bool:
        """Run an ``INSERT ... ON CONFLICT DO NOTHING`` of one row; whether it inserted."""
        if self.dialect == "postgresql":  # psycopg reports no row count for it
            return conn.execute(statement.returning(sa.literal(1))).first() is not None
        return bool(conn.execute(statement).rowcount)

    def _retrying(self, write: Callable[[], T]) -> T:
        """Run a write transaction again when PostgreSQL chose it as a deadlock's victim."""
        for attempt in range(_RETRIES):
            try:
                return write()
            except sa.exc.DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None)
                if code not in _RETRY_CODES or attempt == _RETRIES - 1:
                    raise
                log.info("store write retried after %s (attempt %d)", code, attempt + 1)
        raise AssertionError("unreachable")

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.begin() as conn:
            current = _current_revision(conn)
            if current == head:
                return
            known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
            if current is not None and current not in known:
                raise StoreError(
                    f"store {_redact(self.url)} has schema revision {current}, newer than this "
                    "storyline knows; upgrade storyline"
                )
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            log.info("store %s migrated to %s", _redact(self.url), head)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------

    def add_group(self, articles: Sequence[Article], origin: str | None = None) -> list[AddResult]:
        """Add a page's article and its blurbs in one transaction; known ids are duplicates.

        Safe with concurrent writers: an article another writer stored first, even one whose
        transaction is still open, is a duplicate here.
        """

        def write() -> list[AddResult]:
            with self.engine.begin() as conn:
                return [self._add(conn, article, origin) for article in articles]

        return self._retrying(write)

    def _add(self, conn: Connection, article: Article, origin: str | None) -> AddResult:
        known = sa.select(t.articles.c.id).where(t.articles.c.id == article.id)
        if conn.execute(known).first():  # the common case, without a fingerprint's cost
            return AddResult(article, "duplicate")
        fp = fingerprint(article.text)
        # Another writer may store it between that look and this insert: then it is theirs.
        inserted = self._inserted(
            conn,
            self._insert(t.articles)
            .values(
                id=article.id,
                url=article.url,
                source=article.source,
                title=article.title,
                published=article.published,
                published_precision=article.published_precision,
                published_from=article.published_from,
                language=article.language,
                chrome_language=article.chrome_language,
                kind=article.kind,
                parent=article.parent,
                author=article.author,
                place=article.place,
                text=article.text,
                origin=origin or article.origin,
                ingested_at=datetime.now(UTC),
                minhash=fp.signature if fp else None,
            )
            .on_conflict_do_nothing(index_elements=[t.articles.c.id]),
        )
        if not inserted:
            return AddResult(article, "duplicate")
        if self.dialect == "sqlite":
            conn.execute(
                sa.text("INSERT INTO articles_fts (id, title, text) VALUES (:id, :title, :text)"),
                {"id": article.id, "title": article.title or "", "text": article.text},
            )
        near = self._link_near_duplicates(conn, article.id, fp) if fp else ()
        article.near_duplicates = list(near)
        return AddResult(article, "ingested", near)

    def _link_near_duplicates(
        self, conn: Connection, article_id: str, fp: Fingerprint
    ) -> tuple[str, ...]:
        bands = list(enumerate(fp.bands))
        candidates: set[str] = set()
        for band, digest in bands:
            rows = conn.execute(
                sa.select(t.article_bands.c.article_id).where(
                    t.article_bands.c.band == band, t.article_bands.c.hash == digest
                )
            )
            candidates.update(r[0] for r in rows)
        conn.execute(
            t.article_bands.insert(),
            [{"band": b, "hash": h, "article_id": article_id} for b, h in bands],
        )
        linked: list[str] = []
        if candidates:
            rows = conn.execute(
                sa.select(t.articles.c.id, t.articles.c.minhash).where(
                    t.articles.c.id.in_(sorted(candidates))
                )
            )
            for other_id, signature in rows:
                score = similarity(fp.signature, signature) if signature else 0.0
                if score >= THRESHOLD:
                    linked.append(other_id)
                    conn.execute(
                        t.near_duplicates.insert().values(
                            article_id=article_id, duplicate_of=other_id, similarity=score
                        )
                    )
        return tuple(sorted(linked))

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(t.articles).where(t.articles.c.id.startswith(article_id, autoescape=True))
            ).first()
            if row is None:
                return None
            article = _article_from_row(row._mapping)
            article.near_duplicates = self._near_duplicates(conn, article.id)
            return article

    def article_ids(self, prefix: str, limit: int | None = None) -> list[str]:
        """Ids of stored articles starting with ``prefix``, in order (at most ``limit``)."""
        query = (
            sa.select(t.articles.c.id)
            .where(t.articles.c.id.startswith(prefix, autoescape=True))
            .order_by(t.articles.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(query)]

    def _near_duplicates(self, conn: Connection, article_id: str) -> list[str]:
        nd = t.near_duplicates
        rows = conn.execute(
            sa.select(nd.c.duplicate_of)
            .where(nd.c.article_id == article_id)
            .union(sa.select(nd.c.article_id).where(nd.c.duplicate_of == article_id))
        )
        return sorted(r[0] for r in rows)

    def articles(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Article]:
        """Stored articles in date order (undated last), optionally filtered."""
        query = sa.select(t.articles)
        if since:
            query = query.where(t.articles.c.published >= since)
        if until:
            query = query.where(t.articles.c.published <= until)
        if kind:
            query = query.where(t.articles.c.kind == kind)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        query = query.order_by(
            t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.id
        )
        with self.engine.connect() as conn:
            found = [_article_from_row(r._mapping) for r in conn.execute(query)]
            links = self._near_duplicate_map(conn, [a.id for a in found])
        for a in found:
            a.near_duplicates = sorted(links.get(a.id, ()))
        return found

    def _near_duplicate_map(self, conn: Connection, ids: list[str]) -> dict[str, set[str]]:
        nd = t.near_duplicates
        links: dict[str, set[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = conn.execute(
                sa.select(nd.c.article_id, nd.c.duplicate_of).where(
                    sa.or_(nd.c.article_id.in_(chunk), nd.c.duplicate_of.in_(chunk))
                )
            )
            for a, b in rows:
                links.setdefault(a, set()).add(b)
                links.setdefault(b, set()).add(a)
        return links

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()
            )

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, float]]:
        """Full-text search: FTS5 (bm25) on SQLite, tsvector (ts_rank) on PostgreSQL."""
        terms = " ".join(w for w in query.split() if w)
        if not terms:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                match = " ".join('"' + w.replace('"', '""') + '"' for w in terms.split())
                rows = conn.execute(
                    sa.text(
                        "SELECT id, bm25(articles_fts) AS score FROM articles_fts "
                        "WHERE articles_fts MATCH :q ORDER BY score LIMIT :n"
                    ),
                    {"q": match, "n": limit},
                ).all()
                scored = [(r[0], -float(r[1])) for r in rows]
            else:
                rows = conn.execute(
                    sa.text(
                        "SELECT id, ts_rank(search, q) AS score FROM articles, "
                        "plainto_tsquery('english', :q) q WHERE search @@ q "
                        "ORDER BY score DESC, id LIMIT :n"
                    ),
                    {"q": terms, "n": limit},
                ).all()
                scored = [(r[0], float(r[1])) for r in rows]
        by_id = {a.id: a for a in self.articles(ids=[i for i, _ in scored])}
        return [(by_id[i], s) for i, s in scored if i in by_id]

    # -- annotations and entities -----------------------------------------------------------

    def save_annotations(
        self, docs: Sequence[AnnotatedArticle], version: str | None = None
    ) -> None:
        """Replace the stored layers that the pipeline provided for each article; with a
        ``version``, record the run (ok or failed) in the same transaction."""
        ordered = sorted(docs, key=lambda d: d.article.id)  # one lock order for all writers
        records = [
            {"article_id": doc.article.id, "layer": layer, "data": data}
            for doc in ordered
            for layer, data in sorted(layers_json(doc).items())
            if layer in doc.provided
        ]
        runs = [_run_row(doc, version) for doc in ordered] if version is not None else []
        if not records and not runs:
            return
        statement = self._insert(t.annotations)
        statement = statement.on_conflict_do_update(
            index_elements=[t.annotations.c.article_id, t.annotations.c.layer],
            set_={"data": statement.excluded.data},
        )
        run_statement = self._insert(t.annotation_runs)
        run_statement = run_statement.on_conflict_do_update(
            index_elements=[t.annotation_runs.c.article_id],
            set_={
                c: run_statement.excluded[c]
                for c in ("version", "status", "stage", "error", "skipped", "finished_at")
            },
        )

        def write() -> None:
            with self.engine.begin() as conn:
                for start in range(0, len(records), 200):
                    conn.execute(statement, records[start : start + 200])
                for start in range(0, len(runs), 200):
                    conn.execute(run_statement, runs[start : start + 200])

        self._retrying(write)

    def pending_ids(self, version: str, among: Sequence[str] | None = None) -> list[str]:
        """Articles not annotated at ``version``: never annotated, or by other stages, model
        or option files (a failed run at ``version`` is not pending; re-annotate all to retry).
        """
        runs = t.annotation_runs
        query = (
            sa.select(t.articles.c.id)
            .outerjoin(runs, runs.c.article_id == t.articles.c.id)
            .where(sa.or_(runs.c.version.is_(None), runs.c.version != version))
            .order_by(t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.id)
        )
        if among is not None:  # only these (a batch about to be annotated)
            query = query.where(t.articles.c.id.in_(list(among)))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(query)]

    def unclustered_ids(self) -> list[str]:
        """Articles in no storyline (new, or left out by an interrupted run)."""
        members = sa.select(t.storyline_articles.c.article_id)
        query = (
            sa.select(t.articles.c.id)
            .where(t.articles.c.id.not_in(members))
            .order_by(t.articles.c.id)
        )
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(query)]

    def annotation_runs(self, ids: Iterable[str] | None = None) -> dict[str, AnnotationRun]:
        """The last annotation run of each article (of ``ids``, or all)."""
        query = sa.select(t.annotation_runs)
        if ids is not None:
            query = query.where(t.annotation_runs.c.article_id.in_(list(ids)))
        with self.engine.connect() as conn:
            return {
                r.article_id: AnnotationRun(
                    r.article_id,
                    r.version,
                    r.status,
                    r.stage,
                    r.error,
                    dict(r.skipped),
                    r.finished_at,
                )
                for r in conn.execute(query)
            }

    def annotated(
        self, articles: Sequence[Article], *, resolved: bool = True
    ) -> list[AnnotatedArticle]:
        """``articles`` with their stored annotation layers; entity ids are the canonical ones
        of the identity map unless ``resolved`` is False (the keys the stages wrote)."""
        docs = {a.id: AnnotatedArticle(a) for a in articles}
        if not docs:
            return []
        with self.engine.connect() as conn:
            layers: dict[str, dict[str, Any]] = {}
            ids = list(docs)
            for start in range(0, len(ids), 500):
                rows = conn.execute(
                    sa.select(t.annotations).where(
                        t.annotations.c.article_id.in_(ids[start : start + 500])
                    )
                )
                for r in rows:
                    layers.setdefault(r.article_id, {})[r.layer] = r.data
        identities = self.identities() if resolved else {}
        for aid, doc in docs.items():
            fill_layers(doc, layers.get(aid, {}))
            if identities:
                resolve_entities(doc, identities)
        return list(docs.values())

    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Insert or merge entities (aliases and roles accumulate across batches).

        Safe with concurrent writers: a record another writer inserted first is merged
        into (PostgreSQL locks its row; SQLite holds the write lock), not overwritten.
        """
        # Rows are taken in id order by every writer, so two cannot wait on each other.
        ordered = sorted(entities, key=lambda e: e.id)

        def write() -> None:
            with self.engine.begin() as conn:
                for entity in ordered:
                    self._save_entity(conn, entity_json(entity))

        self._retrying(write)

    def _save_entity(self, conn: Connection, record: dict[str, Any]) -> None:
        inserted = self._inserted(
            conn,
            self._insert(t.entities)
            .values(**record)
            .on_conflict_do_nothing(index_elements=[t.entities.c.id]),
        )
        if inserted:
            return
        row = conn.execute(
            sa.select(t.entities).where(t.entities.c.id == record["id"]).with_for_update()
        ).one()
        aliases = sorted(set(row.aliases) | set(record["aliases"]))
        roles = {(r["title"], r["start"], r["end"]): r for r in row.roles}
        roles.update({(r["title"], r["start"], r["end"]): r for r in record["roles"]})
        conn.execute(
            t.entities.update()
            .where(t.entities.c.id == record["id"])
            .values(
                name=record["name"],
                kind=record["kind"],
                aliases=aliases,
                roles=[roles[k] for k in sorted(roles, key=str)],
            )
        )

    def entities(self, *, resolved: bool = True) -> list[Entity]:
        """Entity records: canonical ones merged through the identity map unless ``resolved``
        is False (one record per key the stages wrote)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.entities).order_by(t.entities.c.id))
            records = [
                Entity(r.id, r.name, r.kind, list(r.aliases), [role_from(x) for x in r.roles])
                for r in rows
            ]
        return merge_records(records, self.identities()) if resolved else records

    def save_identities(self, identities: dict[str, str]) -> None:
        """Replace the identity map (mention key -> canonical entity id, "" for none)."""
        with self.engine.begin() as conn:
            self._lock_tables(conn, t.identities)
            conn.execute(t.identities.delete())
            if identities:
                conn.execute(
                    t.identities.insert(),
                    [{"key": k, "entity": v} for k, v in sorted(identities.items())],
                )

    def identities(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {r.key: r.entity for r in conn.execute(sa.select(t.identities))}

    # -- storylines ---------------------------------------------------------------------

    def save_storylines(self, storylines: Sequence[StoredStoryline]) -> None:
        """Replace all storylines (the clusterer keeps its whole state in ``data``)."""
        with self.engine.begin() as conn:
            self._lock_tables(conn, t.storylines, t.storyline_articles)
            conn.execute(t.storyline_articles.delete())
            conn.execute(t.storylines.delete())
            for s in storylines:
                conn.execute(t.storylines.insert().values(id=s.id, label=s.label, data=s.data))
                if s.articles:
                    conn.execute(
                        t.storyline_articles.insert(),
                        [{"storyline_id": s.id, "article_id": a} for a in s.articles],
                    )

    def _lock_tables(self, conn: Connection, *tables: sa.Table) -> None:
        """Make a replace-all write wait for another one (PostgreSQL; on SQLite the first
        delete takes the database's write lock)."""
        if self.dialect == "postgresql":
            names = ", ".join(table.name for table in tables)
            conn.execute(sa.text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))

    def storylines(self) -> list[StoredStoryline]:
        with self.engine.connect() as conn:
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute(
                sa.select(
                    t.storyline_articles.c.storyline_id, t.storyline_articles.c.article_id
                ).order_by(t.storyline_articles.c.storyline_id, t.storyline_articles.c.article_id)
            ):
                members.setdefault(sid, []).append(aid)
            rows = conn.execute(sa.select(t.storylines).order_by(t.storylines.c.id)).all()
        return [StoredStoryline(r.id, r.label, members.get(r.id, []), dict(r.data)) for r in rows]

    def add_override(self, op: str, args: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.storyline_overrides.insert().values(op=op, args=args))

    def overrides(self) -> list[tuple[str, dict[str, Any]]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.storyline_overrides).order_by(t.storyline_overrides.c.seq)
            )
            return [(r.op, dict(r.args)) for r in rows]

    def revision(self) -> tuple[Any, ...]:
        """A cheap token that changes when articles, layers, entities or storylines change.

        One query of counts and maxima: what ``storyline serve`` polls to know that a page
        is stale, whichever process wrote to the store.
        """

        def count(table: sa.Table) -> Any:
            return sa.select(sa.func.count()).select_from(table).scalar_subquery()

        query = sa.select(
            count(t.articles),  # counts use indexes; a max over an unindexed column would not
            count(t.annotations),
            count(t.annotation_runs),
            count(t.entities),
            count(t.identities),
            count(t.storylines),
            count(t.storyline_articles),
            sa.select(sa.func.max(t.storyline_overrides.c.seq)).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            return tuple(str(v) for v in conn.execute(query).one())

    def iter_annotated(self, batch: int = 200) -> Iterator[AnnotatedArticle]:
        articles = self.articles()
        for start in range(0, len(articles), batch):
            yield from self.annotated(articles[start : start + batch])


def _article_from_row(row: Any) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        source=row["source"],
        title=row["title"],
        published=row["published"],
        published_precision=row["published_precision"],
        published_from=row["published_from"],
        language=row["language"],
        kind=row["kind"],
        parent=row["parent"],
        chrome_language=row["chrome_language"],
        author=row["author"],
        place=row["place"],
        origin=row["origin"],
    )


def _current_revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # The timeout first: switching to WAL itself waits for a writer that holds the file.
    cur.execute(f"PRAGMA busy_timeout={int(LOCK_TIMEOUT * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _redact(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else ""


def _run_row(doc: AnnotatedArticle, version: str) -> dict[str, Any]:
    """The annotation run of ``doc`` at ``version``: ok, or failed at a stage."""
    failure = doc.failure
    return {
        "article_id": doc.article.id,
        "version": version,
        "status": "failed" if failure else "ok",
        "stage": failure.stage if failure else None,
        "error": failure.error if failure else None,
        "skipped": dict(doc.skipped),
        "finished_at": datetime.now(UTC),
    }
