"""A scheme read as a whole: each row's classes weighed against what the scheme's other rows say, as a prior.

A row of a 河长制 scheme that names nothing of its own (建立工作台账) leans to 河长制 because its neighbours do; a
row with evidence of its own keeps it unless the scheme speaks far louder. The prior is what the other rows, in
the row's group and in the whole document, are about: the average of their probabilities over the domains and
fields (plain `other` left out: rows that say nothing do not dilute it; it gets a fixed share instead), each
raised to a power fitted offline (calibration.json `prior`): a prior, never a verdict. A row whose answer the
scheme changed is flagged for review.
"""
from __future__ import annotations

import math

from schemas.normalized import DomainAssignment

from .classify import Verdict, assignment, calibration, posterior, verdict_of
from .taxonomy import OTHER, Taxonomy, load_taxonomy

FLOOR = 0.01  # a class no other row supports is dampened, not ruled out


def _about(probs: dict[str, float]) -> dict[str, float]:
    """Given a row's probabilities, return them over the domains and fields only (what the row is about)."""
    total = sum(p for c, p in probs.items() if c != OTHER) or 1.0
    return {c: (p / total if c != OTHER else 0.0) for c, p in probs.items()}


def _mean_without(total: dict[str, float], own: dict[str, float], n: int) -> dict[str, float] | None:
    """Given the summed distributions of n rows and one row's own, return the mean of the others (None if none)."""
    if n <= 1:
        return None
    return {c: (total[c] - own[c]) / (n - 1) for c in own}


def with_prior(rows: list[tuple[str, Verdict]], prior: dict[str, float],
               outside_weight: float | None = None) -> list[Verdict]:
    """Given one scheme's rows as (group key, verdict alone) and the prior's powers, return the verdicts with the
    scheme's prior applied."""
    about = [_about(v.probs) for _, v in rows]
    classes = list(rows[0][1].probs) if rows else []
    doc_total = {c: sum(a[c] for a in about) for c in classes}
    groups: dict[str, list[int]] = {}
    for i, (key, _) in enumerate(rows):
        groups.setdefault(key, []).append(i)
    group_total = {k: {c: sum(about[i][c] for i in idx) for c in classes} for k, idx in groups.items()}
    out = []
    for i, (key, v) in enumerate(rows):
        log = {c: math.log(max(p, 1e-9)) for c, p in v.probs.items()}
        for mean, power in ((_mean_without(group_total[key], about[i], len(groups[key])), prior["group"]),
                            (_mean_without(doc_total, about[i], len(rows)), prior["document"])):
            if mean and power:
                for c in classes:
                    log[c] += power * math.log(FLOOR + (prior["other"] if c == OTHER else mean[c]))
        top = max(log.values())
        exp = {c: math.exp(x - top) for c, x in log.items()}
        total = sum(exp.values())
        out.append(verdict_of({c: e / total for c, e in exp.items()}, v.evidence, v.feats, outside_weight))
    return out


def classify_scheme(rows: list[tuple[str, dict, str | None]], taxonomy: Taxonomy | None = None,
                    alone: list[Verdict] | None = None) -> list[DomainAssignment]:
    """Given one scheme's rows as (group key, fields, department hint), return their assignments read together."""
    taxonomy = taxonomy or load_taxonomy()
    alone = alone or [posterior(fields, taxonomy, hint) for _, fields, hint in rows]
    together = with_prior([(key, v) for (key, _, _), v in zip(rows, alone)], calibration()["prior"])
    return [assignment(t, taxonomy, moved=t.cls != a.cls) for a, t in zip(alone, together)]
