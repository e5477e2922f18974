"""Near-duplicate detection with MinHash and locality-sensitive banding.

The same wire story in two outlets differs by a dateline, a byline and a trimmed paragraph:
its shingle sets overlap heavily. Signatures are banded so the store can find candidates by
indexed band hashes, never by comparing all pairs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from storyline.ingest.identity import normalize_text

NUM_PERM = 128
BANDS = 16  # 16 bands x 8 rows: candidates from about 0.7 Jaccard up
ROWS = NUM_PERM // BANDS
# Estimated Jaccard over word 5-shingles at or above which two articles are near-duplicates.
THRESHOLD = 0.6
SHINGLE = 5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    signature: bytes  # NUM_PERM little-endian uint64 hash values
    bands: tuple[str, ...]  # one hex digest per band


def fingerprint(text: str) -> Fingerprint | None:
    """MinHash fingerprint of ``text``; None when it is too short to compare reliably."""
    words = _WORD.findall(normalize_text(text))
    if len(words) < 2 * SHINGLE:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(
        [" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)]
    )
    values = np.asarray(mh.hashvalues, dtype="<u8")
    bands = tuple(
        hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for b in range(BANDS)
    )
    return Fingerprint(values.tobytes(), bands)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va = np.frombuffer(a, dtype="<u8")
    vb = np.frombuffer(b, dtype="<u8")
    if va.shape != vb.shape or va.size == 0:
        return 0.0
    return float(np.mean(va == vb))
