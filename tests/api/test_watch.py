"""``--watch FOLDER``: dropped files are ingested once they have settled."""

from __future__ import annotations

import json
import time
from pathlib import Path

from storyline.api.watch import FolderWatcher
from tests.api.conftest import start_server, stop_server


def test_watcher_waits_for_a_file_to_settle(tmp_path: Path) -> None:
    taken: list[Path] = []
    watcher = FolderWatcher(tmp_path, 0.1, taken.append)
    report = tmp_path / "wire.jsonl"
    report.write_text('{"text": "first half', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "copying.txt.part").write_text("still coming", encoding="utf-8")
    (tmp_path / "wire.jsonl.meta.json").write_text("{}", encoding="utf-8")
    assert watcher.scan() == []  # seen once: may still be being written
    with report.open("a", encoding="utf-8") as f:
        f.write(' and the rest"}\n')
    assert watcher.scan() == []  # it changed: wait again
    assert watcher.scan() == [report]
    assert watcher.scan() == []  # taken once
    time.sleep(0.01)
    report.write_text('{"text": "a corrected report"}\n', encoding="utf-8")
    watcher.scan()
    assert watcher.scan() == [report]  # changed later: read again
    assert taken == [report, report]


def test_serve_ingests_what_is_dropped(store_copy: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    server = start_server(store_copy, tmp_path, "--watch", str(inbox))
    try:
        line = {
            "text": "The foreign ministers of Japan and South Korea met in Reykjavik on "
            "Tuesday and agreed to resume talks on North Korea's missile programme.",
            "title": "Ministers meet in Reykjavik",
            "source": "Watch Wire",
            "published": "2026-03-03",
        }
        (inbox / "drop.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
        deadline = time.monotonic() + 180
        storyline = None
        while time.monotonic() < deadline and storyline is None:
            found = server.get("/api/v1/articles?q=Reykjavik").json()
            if found:
                home = [
                    s["id"]
                    for s in server.get("/api/v1/storylines").json()
                    if found[0]["id"] in s["articles"]
                ]
                storyline = home[0] if home else None
            time.sleep(0.3)
        assert storyline is not None, server.log.read_text()
        article = server.get(f"/api/v1/articles/{found[0]['id']}").json()
        assert article["source"] == "Watch Wire"
        assert article["sentences"]  # annotated by the worker
    finally:
        stop_server(server)
