"""Annotation by state, on both databases: what a run leaves undone, the next one completes.

The store records each article's annotation run (the stage-set version, ok or failed); an
ingest or ``annotate --pending`` annotates every article not annotated at the current version
and clusters every annotated article that is in no storyline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from storyline.annotate import pipeline
from storyline.annotate.pipeline import PipelineOptions, Stage, get_stage
from storyline.annotate.version import annotation_version
from storyline.cli import app
from storyline.model import AnnotatedArticle
from storyline.store import Store, open_store


def run_cli(*args: str, db: str) -> Result:
    """The CLI in this process (the spaCy model loads once); stdout and stderr apart."""
    return CliRunner().invoke(app, [*args, "--db", db])


PEOPLE = [
    ("Moon Jae-in", "South Korea", "Seoul", "sanctions"),
    ("Kim Jong Un", "North Korea", "Pyongyang", "missile tests"),
    ("Shinzo Abe", "Japan", "Tokyo", "fishing rights"),
    ("Angela Merkel", "Germany", "Berlin", "energy prices"),
    ("Justin Trudeau", "Canada", "Ottawa", "timber tariffs"),
]


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` small English articles, five stories told in turns."""
    folder.mkdir()
    for i in range(n):
        person, country, city, issue = PEOPLE[i % len(PEOPLE)]
        (folder / f"a{i:02d}.txt").write_text(
            f"{country} talks on {issue}, round {i}\n\n"
            f"{city}, March {i + 1}, 2019 - {person} said on Tuesday that talks on {issue} "
            f'would resume next month. "We are ready to meet again on {issue}," {person} told '
            f"reporters in {city} after round {i}. Officials from {country} met envoys on "
            f"Monday, the foreign ministry said.\n",
            encoding="utf-8",
        )
    return folder


def runs_saved(store_url: str) -> int:
    """How many annotation runs the store holds (0 while it is not yet migrated)."""
    url = store_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM annotation_runs")).scalar_one())
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def assert_complete(store: Store, n: int) -> None:
    runs = store.annotation_runs()
    assert len(store.articles()) == n
    assert len(runs) == n
    assert {r.status for r in runs.values()} == {"ok"}
    assert store.pending_ids(annotation_version(None, PipelineOptions())) == []
    assert store.unclustered_ids() == []
    assert all(d.sentences and d.mentions for d in store.annotated(store.articles()))


def test_kill_mid_annotation_then_the_same_ingest_completes(store_url: str, tmp_path: Path) -> None:
    n = 20
    corpus = write_corpus(tmp_path / "corpus", n)
    cmd = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", store_url]
    cmd += ["--batch-size", "1"]
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while runs_saved(store_url) < 2:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    killed_at = runs_saved(store_url)
    assert 0 < killed_at < n, "the kill came when annotation had saved some but not all"

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"0 ingested, {n} duplicate" in rerun.stdout
    assert f"{n - killed_at} annotated" in rerun.stdout
    # Not a terminal: progress comes as log lines, one per phase at least.
    assert "annotating" in rerun.stderr
    assert "clustering" in rerun.stderr
    with open_store(store_url) as store:
        assert_complete(store, n)


def test_no_annotate_then_annotate_pending(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    first = run_cli("ingest", str(corpus), "--no-annotate", db=store_url)
    assert first.exit_code == 0, first.output
    assert "not annotated" in first.stdout
    with open_store(store_url) as store:
        assert len(store.pending_ids(annotation_version(None, PipelineOptions()))) == 4
    done = run_cli("annotate", "--pending", db=store_url)
    assert done.exit_code == 0, done.output
    assert "4 annotated" in done.stdout
    assert "4 placed in storylines" in done.stdout
    with open_store(store_url) as store:
        assert_complete(store, 4)
    nothing = run_cli("annotate", "--pending", db=store_url)
    assert "0 annotated, 0 placed in storylines" in nothing.stdout
    again = run_cli("annotate", "--all", db=store_url)
    assert again.exit_code == 0, again.output
    assert "4 annotated, 0 placed in storylines" in again.stdout


def test_an_edited_identity_file_makes_stored_layers_stale(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2)
    identity = tmp_path / "identity.json"
    identity.write_text('{"rename": []}', encoding="utf-8")
    args = ("ingest", str(corpus), "--identity", str(identity))
    assert run_cli(*args, db=store_url).exit_code == 0
    identity.write_text(
        '{"rename": [{"id": "moon-jae-in", "name": "President Moon"}]}', encoding="utf-8"
    )
    with open_store(store_url) as store:
        version = annotation_version(None, PipelineOptions(identity_file=str(identity)))
        assert len(store.pending_ids(version)) == 2
    rerun = run_cli(*args, db=store_url)
    assert rerun.exit_code == 0, rerun.output
    assert "2 annotated" in rerun.stdout


def test_a_stage_that_raises_fails_one_article_not_the_run(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.workflow import IngestOptions, ingest

    corpus = write_corpus(tmp_path / "corpus", 4)
    quotes = get_stage("quotes")

    def fragile(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
        if any("round 2" in d.text for d in docs):
            raise ValueError("odd article")
        quotes.fn(docs, options)

    monkeypatch.setitem(
        pipeline._REGISTRY, "quotes", Stage("quotes", fragile, quotes.requires, quotes.provides)
    )
    with open_store(store_url) as store:
        report = ingest(store, [str(corpus)], IngestOptions())
        assert report.annotation is not None
        assert report.annotated == 4
        assert report.annotation.clustered == 4
        [(failed_id, failure)] = report.annotation.failed
        assert (failure.stage, failure.error) == ("quotes", "ValueError: odd article")
        runs = store.annotation_runs()
        assert runs[failed_id].status == "failed"
        assert runs[failed_id].stage == "quotes"
        assert sorted(r.status for r in runs.values()) == ["failed", "ok", "ok", "ok"]
        docs = {d.article.id: d for d in store.annotated(store.articles())}
        # Its earlier stages' layers are kept; the others went on to the end.
        assert docs[failed_id].mentions
        assert not docs[failed_id].stances
        assert all(d.quotes for i, d in docs.items() if i != failed_id)
        assert store.unclustered_ids() == []
    shown = run_cli("show", failed_id, db=store_url)
    assert "failed at stage quotes: ValueError: odd article" in shown.stdout


def test_the_report_names_stages_skipped_on_a_french_article(
    store_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fr.txt").write_text(
        "Les négociations reprennent à Paris\n\n"
        "Paris, 3 mars 2019 - Le président Emmanuel Macron a déclaré mardi que les "
        "négociations avec les États-Unis continueraient le mois prochain. « Nous sommes "
        "prêts à nous revoir », a-t-il dit aux journalistes à Paris. Les responsables "
        "français ont rencontré lundi des émissaires de Washington.\n",
        encoding="utf-8",
    )
    done = run_cli("ingest", str(corpus), db=store_url)
    assert done.exit_code == 0, done.output
    assert "1 annotated" in done.stdout
    for stage_name in ("entities", "quotes", "stances", "time"):
        assert f"stage {stage_name} skipped on 1 article: language is fr" in done.stdout
    assert "stage events skipped on 1 article" in done.stdout
