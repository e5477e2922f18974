"""Coreference scores on hand-made clusterings, and the NP4E suite through the product."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.coref_metrics import b_cubed, ceaf_e, muc
from storyline.eval.entities import Np4eDocument, evaluate, render

# Key {a b c} {d e f g}; response {a b} {c d} {f g} {e}, worked by hand below.
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "f": "z", "g": "z", "e": "e"}


def test_muc_counts_links() -> None:
    score = muc(KEY, RESPONSE)
    # Key links: 2 + 3 = 5; {a b c} falls in 2 response parts (keeps 1 link), {d e f g} in 3
    # (keeps 1).
    assert score.recall == pytest.approx(2 / 5)
    # Response links: 1 + 1 + 1 = 3, of which {a b} and {f g} are right.
    assert score.precision == pytest.approx(2 / 3)


def test_b_cubed_per_mention() -> None:
    score = b_cubed(KEY, RESPONSE)
    recall = (2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 1 / 4 + 2 / 4 + 2 / 4) / 7
    precision = (1 + 1 + 1 / 2 + 1 / 2 + 1 + 1 + 1) / 7
    assert score.recall == pytest.approx(recall)
    assert score.precision == pytest.approx(precision)


def test_ceaf_e_aligns_entities_one_to_one() -> None:
    score = ceaf_e(KEY, RESPONSE)
    # Best alignment: {a b c}~{a b} (0.8), {d e f g}~{f g} (2*2/6); {c d} and {e} unaligned.
    total = 0.8 + 4 / 6
    assert score.recall == pytest.approx(total / 2)
    assert score.precision == pytest.approx(total / 4)


def test_perfect_and_split_clusterings() -> None:
    assert b_cubed(KEY, KEY).f1 == pytest.approx(1.0)
    singletons = {m: m for m in KEY}
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == pytest.approx(1.0)


def test_render_keeps_token_spans() -> None:
    doc = Np4eDocument("d", [["Peru", "'s", "Fujimori", "(", "MRTA", ")", "said", "."]])
    rendered = render(doc)
    assert rendered.text == "Peru's Fujimori (MRTA) said."
    for (s, t), (start, end) in rendered.tokens.items():
        assert rendered.text[start:end] == doc.sentences[s][t]


@pytest.mark.evaldata
def test_np4e_through_the_product(eval_dir: Path) -> None:
    report = evaluate(eval_dir / "entities" / "np4e-val", limit=4)
    assert report.details["all"]["named_mentions"] > 50
    for key in ("muc_f1", "b3_f1", "ceaf_e_f1", "baseline_conll_f1", "heldout_conll_f1"):
        assert 0.0 <= report.metrics[key] <= 1.0
    # Identity works: most named mentions get an entity, and the ids are precise.
    assert report.metrics["mentions_with_entity"] > 0.8
    assert report.metrics["b3_p"] > 0.85
