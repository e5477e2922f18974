"""``--watch FOLDER``: files dropped into the folder are ingested as they arrive.

Polling (no extra dependency, works on network shares): a file is taken once its size and
modification time are the same on two looks in a row, so a file still being copied waits.
A file changed later is read again (new text is a new article; unchanged text a duplicate).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from storyline.ingest.sidecar import is_sidecar

log = logging.getLogger(__name__)

# Names that download managers and editors use for files still being written.
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")

Signature = tuple[int, int]


class FolderWatcher:
    def __init__(
        self, folder: Path, interval: float, ingest_file: Callable[[Path], object]
    ) -> None:
        self.folder = folder
        self.interval = interval
        self.ingest_file = ingest_file
        self._seen: dict[Path, Signature] = {}
        self._pending: dict[Path, Signature] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def scan(self) -> list[Path]:
        """One look at the folder; ingests the files that have settled, returns them."""
        taken = []
        for path, sig in self._files():
            if self._seen.get(path) == sig:
                continue
            if self._pending.get(path) != sig:
                self._pending[path] = sig
                continue
            del self._pending[path]
            self._seen[path] = sig
            try:
                self.ingest_file(path)
            except Exception:  # one bad file must not stop the watch
                log.exception("could not ingest %s from the watched folder", path)
            taken.append(path)
        return taken

    def _files(self) -> list[tuple[Path, Signature]]:
        found = []
        try:
            paths = sorted(p for p in self.folder.rglob("*") if p.is_file())
        except OSError as exc:
            log.warning("cannot list watched folder %s: %s", self.folder, exc)
            return []
        for p in paths:
            rel = p.relative_to(self.folder)
            if any(part.startswith(".") for part in rel.parts) or is_sidecar(p):
                continue
            if p.name.endswith(PARTIAL_SUFFIXES):
                continue
            try:
                st = p.stat()
            except OSError:
                continue  # gone between listing and looking
            found.append((p, (st.st_mtime_ns, st.st_size)))
        return found

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="storyline-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        log.info("watching %s for new files", self.folder)
        while not self._stop.is_set():
            self.scan()
            self._stop.wait(self.interval)
