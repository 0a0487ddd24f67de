"""The domain model: a softmax regression over character n-grams and keyword evidence, trained offline.

Features of one indicator, each named so that a person can read why a class won:
- `N:` character 1–3-grams of its own name (and content), `C:` of its criteria, `D:` of an unknown department,
  `G:` of its category path (each field's n-grams scaled to unit length, so a long cell does not shout);
- `K<field>:<class>`: the taxonomy's keyword score for a class in that field (log scale), `H:<code>`: the domain
  of a known department, `B`: the bias.
Classes are the domains, the fields outside the taxonomy (field:NAME) and `other`. The weights are fitted by
`python -m pipeline.normalize.train` and shipped as model.npz; they are loaded on first use only.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .fold import fold
from .taxonomy import Taxonomy, match_words

MODEL_PATH = Path(__file__).with_name("model.npz")
NGRAMS = (1, 2, 3)
MAX_CHARS = 160  # a criteria cell can run to pages: its head says what it is about
# Which namespace each input field's text falls in (content is the name told at length).
NAMESPACE = {"name": "N", "content": "N", "criteria": "C", "department": "D", "category": "G"}
KEYWORD_NS = {"name": "N", "content": "N", "criteria": "C", "department": "D", "category": "G"}


def ngrams(text: str) -> set[str]:
    """Given folded text, return its character n-grams (digits folded to 0: 95% and 98% say the same)."""
    text = "".join("0" if ch.isdigit() else ch for ch in text[:MAX_CHARS])
    return {text[i:i + n] for n in NGRAMS for i in range(len(text) - n + 1)}


def keyword_scores(text: str, taxonomy: Taxonomy) -> dict[str, float]:
    """Given folded text, return the taxonomy's keyword score per class (generic words count half)."""
    scores: dict[str, float] = defaultdict(float)
    for word, per_class in match_words(text, taxonomy):
        for cls, w in per_class.items():
            scores[cls] += w * (0.5 if word in taxonomy.generic else 1.0)
    return scores


def featurize(fields: dict[str, str | None], hint: str | None, taxonomy: Taxonomy) -> dict[str, float]:
    """Given an indicator's fields and its known department's domain, return its named features."""
    grams: dict[str, set[str]] = defaultdict(set)
    keywords: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for source, raw in fields.items():
        ns = NAMESPACE.get(source)
        text = fold(raw)
        if ns is None or not text:
            continue
        grams[ns] |= ngrams(text)
        for cls, s in keyword_scores(text, taxonomy).items():
            keywords[KEYWORD_NS[source]][cls] += s
    out = {"B": 1.0}
    for ns, gs in grams.items():
        scale = 1 / math.sqrt(len(gs))
        out.update({f"{ns}:{g}": scale for g in gs})
    for ns, per_class in keywords.items():
        out.update({f"K{ns}:{cls}": math.log1p(s) for cls, s in per_class.items()})
    if hint:
        out[f"H:{hint}"] = 1.0
    return out


@dataclass(frozen=True)
class Model:
    """Fitted weights: one row per known feature, one column per class."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: "object"  # numpy array (features × classes), float32

    def scores(self, feats: dict[str, float]) -> list[float]:
        """Given named features, return the class scores (logits); unknown features are ignored."""
        import numpy as np

        rows = [(self.index[f], v) for f, v in feats.items() if f in self.index]
        idx = np.array([i for i, _ in rows], dtype=np.int64)
        val = np.array([v for _, v in rows], dtype=np.float32)
        return (val @ self.weights[idx]).astype(float).tolist()

    def contributions(self, feats: dict[str, float], cls: str, top: int = 6) -> list[tuple[str, float]]:
        """Given features and a class, return the features that raised it most over the others' average."""
        c = self.classes.index(cls)
        out = []
        for f, v in feats.items():
            if f in self.index and f != "B":
                row = self.weights[self.index[f]]
                out.append((f, float(v * (row[c] - row.mean()))))
        return sorted((p for p in out if p[1] > 0), key=lambda p: -p[1])[:top]


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return [e / total for e in exp]


@lru_cache(maxsize=2)
def load_model(path: str | Path = MODEL_PATH) -> Model:
    """Given the model file, return the fitted model (loaded once: `kaoping normalize` starts without it)."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        features = [str(f) for f in data["features"]]
        return Model(tuple(str(c) for c in data["classes"]), {f: i for i, f in enumerate(features)},
                     data["weights"].astype(np.float32))
