"""`python -m pipeline.normalize.train`: fit the normalizer's confidence offline and write calibration.json.

A logistic model of "the answer is right" on the verdict's features (classify.FEATURE_NAMES), fitted on
kaoping's own labelled rows (train.yaml, the `fit` part only) and the hand-checked rows of the four corpus
schemes; never on unseen.yaml, which is the measure. The review threshold is the one that flags the most
wrong answers while flagging at most MAX_RIGHT_FLAGGED of the right ones.
"""
from __future__ import annotations

import json

import numpy as np
import yaml

from .classify import CALIBRATION_PATH, FEATURE_NAMES, features, gather, weigh
from .labelled import DOMAINS, ROOT, key, own_rows
from .taxonomy import OTHER, Taxonomy, is_field, load_taxonomy

L2 = 1.0  # ridge on the weights (not the bias): few wrong answers to learn from, keep the model smooth
MAX_RIGHT_FLAGGED = 0.08


def _answer(verdict) -> str:
    return OTHER if verdict.kind != "domain" or is_field(verdict.cls) else verdict.cls


def _own(taxonomy: Taxonomy) -> list[tuple[list[float], bool]]:
    rows, _ = own_rows()
    out = []
    for r in rows:
        if "fit" in r.tags:
            v = weigh(gather(r.fields, taxonomy))
            out.append((features(v), _answer(v) in r.accepted))
    return out


def _corpus(taxonomy: Taxonomy) -> list[tuple[list[float], bool]]:
    from pipeline.extract import extract_table

    from .evaluate import CORPUS_DOCS
    from .scheme import indicator_fields

    out = []
    for name in CORPUS_DOCS:
        expected = yaml.safe_load((DOMAINS / f"{name}.yaml").read_text(encoding="utf-8"))["indicators"]
        pool: dict[str, list] = {}
        for entry in expected:
            pool.setdefault(key(entry[0]), []).append(entry)
        table = extract_table(ROOT / "corpus" / "docs" / f"{name}.docx")[1]
        for fields, hint in indicator_fields(table, taxonomy):
            if entries := pool.get(key(fields["name"])):
                entry = entries.pop(0)
                codes = [taxonomy.by_name(n).code for n in [entry[1], *(entry[2] if len(entry) > 2 else [])]]
                v = weigh(gather(fields, taxonomy, hint))
                out.append((features(v), _answer(v) in codes))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> np.ndarray:
    """Given features (first column the bias) and 0/1 labels, return ridge logistic weights (Newton's method)."""
    w = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * l2
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + ridge @ w
        hess = (x.T * (p * (1 - p))) @ x + ridge + np.eye(x.shape[1]) * 1e-9
        w -= np.linalg.solve(hess, grad)
    return w


def threshold(conf: np.ndarray, right: np.ndarray) -> float:
    """Given confidences and rightness, return the review threshold (see the module docstring)."""
    best = 0.0
    for t in np.unique(np.round(conf, 3)):
        if np.mean(conf[right] < t) <= MAX_RIGHT_FLAGGED:
            best = float(t)
    return best


def main() -> int:
    taxonomy = load_taxonomy()
    data = _own(taxonomy) + _corpus(taxonomy)
    x = np.array([f for f, _ in data])
    y = np.array([ok for _, ok in data], dtype=float)
    w = fit(x, y)
    conf = 1 / (1 + np.exp(-x @ w))
    t = threshold(conf, y.astype(bool))
    CALIBRATION_PATH.write_text(json.dumps(
        {"features": FEATURE_NAMES, "weights": [round(float(v), 4) for v in w], "review_below": round(t, 3),
         "fitted_on": {"rows": len(data), "wrong": int(len(data) - y.sum())}},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"拟合 {len(data)} 行（错答 {int(len(data) - y.sum())}）；权重 {dict(zip(FEATURE_NAMES, np.round(w, 3)))}；"
          f"复核阈值 {t:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
