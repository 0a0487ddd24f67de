"""The domain model: a softmax regression over character n-grams on top of the taxonomy's keyword evidence.

A class's score is the keyword evidence for it, weighed by where each word stands (classify.weigh: the name
most, the category least, a known department's domain as one more word), times `offset_weight`, plus what the
model learned from n-grams: `N:` character 1–3-grams of the indicator's own name (and content), `C:` of its
criteria, `D:` of an unknown department, `G:` of its category path (each field's n-grams scaled to unit length,
so a long cell does not shout), and `B` the bias. The keyword part is fixed: a word speaks for the class the
taxonomy gives it, in the order of evidence the taxonomy states, whatever rows the model was fitted on; the
n-grams learn what the words miss (wordings, damage, the shape of a category) and are held short (train.py).
Classes are the domains, the fields outside the taxonomy (field:NAME) and `other`. The weights are fitted by
`python -m pipeline.normalize.train` and shipped as model.npz; they are loaded on first use only.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .fold import fold

MODEL_PATH = Path(__file__).with_name("model.npz")
NGRAMS = (1, 2, 3)
MAX_CHARS = 160  # a criteria cell can run to pages: its head says what it is about
# Which namespace each input field's text falls in (content is the name told at length).
NAMESPACE = {"name": "N", "content": "N", "criteria": "C", "department": "D", "category": "G"}


# What a cell says about its points or place in a list, not about its subject: （20分）, 十、, (三), 1.
_MARKS = re.compile(r"[(（][^()（）]{0,6}分[)）]|^(?:[0-9]{1,2}[.．][0-9]{1,2}|[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．])(?![0-9%分])")


def strip_marks(text: str) -> str:
    """Given folded text, return it without point annotations and list numbering (基础设施(20分) → 基础设施)."""
    return _MARKS.sub("", text)


def ngrams(text: str) -> set[str]:
    """Given folded text, return its character n-grams (digits folded to 0: 95% and 98% say the same)."""
    text = "".join("0" if ch.isdigit() else ch for ch in text[:MAX_CHARS])
    return {text[i:i + n] for n in NGRAMS for i in range(len(text) - n + 1)}


def featurize(fields: dict[str, str | None]) -> dict[str, float]:
    """Given an indicator's fields, return its named features (the n-grams of each field, and the bias)."""
    grams: dict[str, set[str]] = defaultdict(set)
    for source, raw in fields.items():
        ns = NAMESPACE.get(source)
        text = strip_marks(fold(raw))
        if ns is not None and text:
            grams[ns] |= ngrams(text)
    out = {"B": 1.0}
    for ns, gs in grams.items():
        scale = 1 / math.sqrt(len(gs))
        out.update({f"{ns}:{g}": scale for g in gs})
    return out


@dataclass(frozen=True)
class Model:
    """Fitted weights: one row per known feature, one column per class."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: "object"  # numpy array (features × classes), float32
    offset_weight: float = 0.0

    def scores(self, feats: dict[str, float], offset: dict[str, float] | None = None) -> list[float]:
        """Given named features and the weighed keyword evidence per class, return the class scores (logits);
        unknown features are ignored."""
        import numpy as np

        rows = [(self.index[f], v) for f, v in feats.items() if f in self.index]
        idx = np.array([i for i, _ in rows], dtype=np.int64)
        val = np.array([v for _, v in rows], dtype=np.float32)
        base = (val @ self.weights[idx]).astype(float).tolist()
        offset = offset or {}
        return [b + self.offset_weight * offset.get(c, 0.0) for b, c in zip(base, self.classes)]

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
                     data["weights"].astype(np.float32), float(data["offset_weight"]))
