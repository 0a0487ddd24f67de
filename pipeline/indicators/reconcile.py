"""Reconciliation: what the stated totals say about the rows read under them."""
from __future__ import annotations

from collections import defaultdict

from .text import key, parse_points

TOLERANCE = 1e-6


def weights_as_points(rows: list[dict]) -> bool:
    """Given a section's drafted rows, tell whether their 权重 numbers are the rows' points: true when there
    is no 分值 column and, under every category that states its points, the 权重 numbers add up to them
    ('党的建设（20分）' over 权重 5 + 5 + 10). Marks the rows so."""
    weighted = [r for r in rows if "weight" in r["fields"] and not r["points_column"]]
    if not weighted:
        return False
    sums: dict[str, float] = defaultdict(float)
    stated: dict[str, float] = {}
    for row in weighted:
        text = row["fields"]["weight"][0]
        value = parse_points(text)
        if value is None or "%" in text or "％" in text:
            return False
        top = (row["groups"] + row["path"])[:1]
        if not top or top[0].points is None:
            continue
        sums[key(top[0].name)] += value
        stated[key(top[0].name)] = top[0].points
    if not stated or any(abs(sums[k] - v) > TOLERANCE for k, v in stated.items()):
        return False
    for row in weighted:
        row["weight_as_points"] = True
    return True
