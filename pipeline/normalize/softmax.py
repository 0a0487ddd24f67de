"""Ridge softmax regression on sparse named features, in numpy only (pipeline.normalize.train fits with it)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Sparse:
    """Rows of (feature index, value) pairs in flat arrays: row r's pairs are at rows == r."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    n_rows: int
    n_cols: int


def encode(feats: list[dict[str, float]], index: dict[str, int]) -> Sparse:
    """Given named features per row and the feature index, return them as a sparse matrix (unknown ones dropped)."""
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for name, v in f.items():
            if name in index:
                rows.append(r)
                cols.append(index[name])
                vals.append(v)
    return Sparse(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64),
                  len(feats), len(index))


def vocabulary(feats: list[dict[str, float]], min_rows: int = 2) -> dict[str, int]:
    """Given named features per row, return the index of those seen in at least min_rows rows (sorted: stable)."""
    counts: dict[str, int] = {}
    for f in feats:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    keep = sorted(n for n, c in counts.items() if c >= min_rows or n == "B" or not n[1:2] == ":")
    return {n: i for i, n in enumerate(keep)}


def logits(x: Sparse, w: np.ndarray) -> np.ndarray:
    """Given a sparse matrix (every row holding the bias, so none is empty) and weights, return the row logits."""
    starts = np.flatnonzero(np.r_[True, x.rows[1:] != x.rows[:-1]])
    return np.add.reduceat(x.vals[:, None] * w[x.cols], starts, axis=0)


def probabilities(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(x: Sparse, y: np.ndarray, n_classes: int, l2: float | np.ndarray, steps: int = 200, rate: float = 0.3,
        sample_weight: np.ndarray | None = None, offset: np.ndarray | None = None) -> np.ndarray:
    """Given a sparse matrix, class indices and the ridge strength (one, or one per feature), return softmax
    weights (Adam, full batch); `offset` (rows × classes) is added to the logits, fixed.

    Deterministic: no sampling, a fixed number of steps from zero weights."""
    ridge = np.broadcast_to(np.asarray(l2, dtype=np.float64), (x.n_cols,))[:, None]
    order = np.argsort(x.cols, kind="stable")
    cols_sorted = x.cols[order]
    starts = np.flatnonzero(np.r_[True, cols_sorted[1:] != cols_sorted[:-1]])
    present = cols_sorted[starts]
    sw = np.ones(x.n_rows) if sample_weight is None else sample_weight
    sw = sw / sw.sum()
    onehot = np.zeros((x.n_rows, n_classes))
    onehot[np.arange(x.n_rows), y] = 1.0
    w = np.zeros((x.n_cols, n_classes))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    b1, b2 = 0.9, 0.999
    for t in range(1, steps + 1):
        z = logits(x, w) if offset is None else logits(x, w) + offset
        g_rows = (probabilities(z) - onehot) * sw[:, None]
        contrib = (x.vals[:, None] * g_rows[x.rows])[order]
        grad = np.zeros_like(w)
        grad[present] = np.add.reduceat(contrib, starts, axis=0)
        grad += ridge * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        step = rate * (1 - b2 ** t) ** 0.5 / (1 - b1 ** t)
        w -= step * m / (np.sqrt(v) + 1e-8) * (0.999 ** t)
    return w
