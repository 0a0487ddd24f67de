"""A scheme read as a whole: each row's classes weighed against what the scheme's other rows say, as a prior.

A row of a 河长制 scheme that names nothing of its own (建立工作台账) leans to 河长制 because its neighbours do; a
row with evidence of its own keeps it unless the scheme speaks far louder. The prior is the average of the other
rows' probabilities, in the row's group and in the whole document, each raised to a power fitted offline
(calibration.json `prior`): a prior, never a verdict. A row whose answer the scheme changed is flagged for review.
"""
from __future__ import annotations

import math

from schemas.normalized import DomainAssignment

from .classify import Verdict, assignment, calibration, posterior, verdict_of
from .taxonomy import Taxonomy, load_taxonomy

FLOOR = 0.01  # a class no other row supports is dampened, not ruled out


def _mean_without(total: dict[str, float], own: dict[str, float], n: int) -> dict[str, float] | None:
    """Given the summed probabilities of n rows and one row's own, return the mean of the others (None if none)."""
    if n <= 1:
        return None
    return {c: (total[c] - own[c]) / (n - 1) for c in own}


def with_prior(rows: list[tuple[str, Verdict]], group_power: float, document_power: float) -> list[Verdict]:
    """Given one scheme's rows as (group key, verdict alone), return the verdicts with the scheme's prior applied."""
    classes = list(rows[0][1].probs) if rows else []
    doc_total = {c: sum(v.probs[c] for _, v in rows) for c in classes}
    groups: dict[str, list[Verdict]] = {}
    for key, v in rows:
        groups.setdefault(key, []).append(v)
    group_total = {k: {c: sum(v.probs[c] for v in vs) for c in classes} for k, vs in groups.items()}
    out = []
    for key, v in rows:
        log = {c: math.log(max(p, 1e-9)) for c, p in v.probs.items()}
        for prior, power in ((_mean_without(group_total[key], v.probs, len(groups[key])), group_power),
                             (_mean_without(doc_total, v.probs, len(rows)), document_power)):
            if prior and power:
                for c in classes:
                    log[c] += power * math.log(FLOOR + prior[c])
        top = max(log.values())
        exp = {c: math.exp(x - top) for c, x in log.items()}
        total = sum(exp.values())
        out.append(verdict_of({c: e / total for c, e in exp.items()}, v.evidence, v.feats))
    return out


def classify_scheme(rows: list[tuple[str, dict, str | None]], taxonomy: Taxonomy | None = None,
                    alone: list[Verdict] | None = None) -> list[DomainAssignment]:
    """Given one scheme's rows as (group key, fields, department hint), return their assignments read together."""
    taxonomy = taxonomy or load_taxonomy()
    alone = alone or [posterior(fields, taxonomy, hint) for _, fields, hint in rows]
    prior = calibration()["prior"]
    together = with_prior([(key, v) for (key, _, _), v in zip(rows, alone)], prior["group"], prior["document"])
    return [assignment(t, taxonomy, moved=t.cls != a.cls) for a, t in zip(alone, together)]
