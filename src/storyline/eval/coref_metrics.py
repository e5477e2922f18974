"""Coreference scores over one set of mentions: MUC, B3 and CEAF-e, as in the CoNLL scorer.

A clustering is a mapping from mention to cluster label. Key and response cover the same
mentions here (gold mentions, the usual setting for cross-document coreference of named
mentions); a mention the system left without an entity is its own singleton.

- MUC (Vilain et al. 1995): links; recall = sum(|K| - |partitions of K by R|) / sum(|K| - 1).
- B3 (Bagga & Baldwin 1998): per mention, the overlap of its key and response clusters.
- CEAF-e (Luo 2005): the best one-to-one alignment of key and response entities under
  phi4 = 2|K & R| / (|K| + |R|), found with the Hungarian algorithm.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


# Mention id -> cluster label.
Clustering = Mapping[str, str]


def clusters(assignment: Clustering) -> list[frozenset[str]]:
    """The clusters of ``assignment`` (mention -> label), in a stable order."""
    groups: dict[str, set[str]] = defaultdict(set)
    for mention, label in assignment.items():
        groups[label].add(mention)
    return sorted((frozenset(g) for g in groups.values()), key=sorted)


def muc(key: Clustering, response: Clustering) -> PRF:
    return PRF(_muc_recall(response, key), _muc_recall(key, response))


def _muc_recall(key: Clustering, response: Clustering) -> float:
    num = den = 0
    for cluster in clusters(key):
        parts = {response.get(m, f"alone:{m}") for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    key_of = {m: c for c in clusters(key) for m in c}
    response_of = {m: c for c in clusters(response) for m in c}
    mentions = list(key_of)
    if not mentions:
        return PRF(0.0, 0.0)
    precision = recall = 0.0
    for m in mentions:
        k = key_of[m]
        r = response_of.get(m, frozenset({m}))
        common = len(k & r)
        precision += common / len(r)
        recall += common / len(k)
    return PRF(precision / len(mentions), recall / len(mentions))


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    keys, responses = clusters(key), clusters(response)
    if not keys or not responses:
        return PRF(0.0, 0.0)
    similarity = np.zeros((len(keys), len(responses)))
    for i, k in enumerate(keys):
        for j, r in enumerate(responses):
            common = len(k & r)
            if common:
                similarity[i, j] = 2 * common / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-similarity)
    total = float(similarity[rows, cols].sum())
    return PRF(total / len(responses), total / len(keys))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL score: the mean F1 of MUC, B3 and CEAF-e."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3
