"""Finding inputs (files, folders, globs, ``-`` for stdin) and reading their bytes safely."""

from __future__ import annotations

import glob
import gzip
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.sidecar import is_sidecar

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """One input to read: a path, or stdin."""

    name: str  # what reports call it: the path as given, or "<stdin>"
    path: Path | None  # None for stdin


def expand_inputs(specs: Sequence[str]) -> Iterator[InputFile | InputError]:
    """Files named by ``specs``: folders recursively, globs expanded, ``-`` as stdin.

    Yields an InputError (not raised) for a spec that matches nothing, so the batch goes on:
    "no inputs found in" a folder that exists but holds no input, "no such file" otherwise.
    Hidden files and sidecar metadata files are not inputs.
    """
    seen: set[Path] = set()
    for spec in specs:
        if spec == STDIN:
            yield InputFile("<stdin>", None)
            continue
        matches = [Path(p) for p in sorted(glob.glob(spec, recursive=True))] or [Path(spec)]
        found = False
        folders: list[Path] = []
        for match in matches:
            if match.is_dir():
                folders.append(match)
                files = sorted(p for p in match.rglob("*") if p.is_file())
            elif match.is_file():
                files = [match]
            else:
                continue
            for file in files:
                if is_sidecar(file) or any(part.startswith(".") for part in file.parts[-1:]):
                    continue
                found = True
                key = file.resolve()
                if key not in seen:
                    seen.add(key)
                    yield InputFile(str(file), file)
        if found:
            continue
        if folders:
            where = ", ".join(str(f) for f in folders[:3]) + (" ..." if len(folders) > 3 else "")
            yield InputError(
                spec, f"no inputs found in {where} (hidden and sidecar files are not inputs)"
            )
        else:
            yield InputError(spec, "no such file, folder or matching glob")


def read_bytes(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The input's content, gunzipped where it is gzip (except WARC, read as a stream).

    Raises InputError with the reason for empty, oversized, unreadable or truncated input.
    """
    if item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = item.path.stat().st_size
        except OSError as exc:
            raise InputError(item.name, f"cannot read: {exc.strerror or exc}") from exc
        if size > max_bytes:
            raise InputError(
                item.name,
                f"too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.0f} MB; "
                "raise it with --max-bytes)",
            )
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise InputError(item.name, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(item.name, f"too large (over the {max_bytes / 1e6:.0f} MB limit)")
    if not data.strip():
        raise InputError(item.name, "empty file")
    if data[:2] == b"\x1f\x8b" and not _is_warc_name(item.name):
        data = gunzip(item.name, data, max_bytes)
        if not data.strip():
            raise InputError(item.name, "empty after decompression")
    return data


def gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    try:
        out = gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(name, f"corrupt or truncated gzip ({exc})") from exc
    if len(out) > max_bytes:
        raise InputError(name, f"too large once decompressed (over {max_bytes / 1e6:.0f} MB)")
    return out


def _is_warc_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".warc", ".warc.gz", ".arc.gz"))


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control characters up front."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def decode_text(name: str, data: bytes, encoding: str | None = None) -> str:
    """Text from bytes: the declared encoding, else UTF-8 (BOM allowed); never guessed."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError as exc:
        raise InputError(name, f"unknown encoding {encoding!r} in the sidecar") from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            name,
            f"not valid {encoding or 'UTF-8'} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); re-save it as UTF-8 or give its encoding in a sidecar",
        ) from exc
