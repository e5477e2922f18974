"""A long article (1 MB of text, well under the 50 MB input limit) ingests and annotates in
a real ``storyline ingest`` process, on SQLite and PostgreSQL, in time linear in its size
and bounded memory; its annotations land on the stored text.

Slow by nature (minutes: the spaCy parse of 1 MB alone takes one or two on one core), so it
is marked ``slow``; ``-m "not slow"`` leaves it out. Before the chunked parse and the
indexed lookups, the same ingest ran for tens of minutes (a scan of every mention per
candidate, per quote, per pronoun) and took gigabytes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.helpers import long_article_text

from storyline.store import open_store

SIZE = 1_000_000
# Generous for a shared, busy machine; the quadratic steps took far longer than this.
TIME_LIMIT_S = 900
MEMORY_LIMIT_MB = 1_500  # measured: about 0.7 GB now, 3.2 GB before chunking


@pytest.mark.slow
def test_one_megabyte_article_ingests_and_annotates(store_url: str, tmp_path: Path) -> None:
    text = long_article_text(SIZE)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "ingest", str(path), "--db", store_url],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIME_LIMIT_S,
    )
    seconds = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 annotated" in done.stdout, done.stdout
    assert peak_mb < MEMORY_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    with open_store(store_url) as store:
        (article,) = store.articles()
        (doc,) = store.annotated([article])
    stored = article.text
    assert len(stored) > 0.9 * SIZE
    # Spans are offsets into the stored text: sentences and mentions fall on its words.
    assert len(doc.sentences) > 3_000
    assert all(0 <= s.start < s.end <= len(stored) for s in doc.sentences)
    assert all(not stored[s.start].isspace() for s in doc.sentences)
    korea = [m for m in doc.mentions if "Korea" in m.span.text(stored)]
    assert len(korea) > 500
    assert doc.events
    assert all(q.content.end <= len(stored) for q in doc.quotes)
    print(f"1 MB article: {seconds:.0f} s, peak RSS {peak_mb:.0f} MB")
