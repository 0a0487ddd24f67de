"""Classify an indicator into a domain of the taxonomy, or `other` (with the field outside it), by weighed evidence.

Evidence is the taxonomy's words found in the indicator's folded text. Where a word stands weighs it: the
indicator's own name most, its content, department and criteria next, the category path least: a category
titled after a domain is a prior, not a verdict. Generic words (资金, 车辆, 满意度 …) add to a class other
evidence already names and never decide one. Fields outside the taxonomy (河长制, 卫生 …) compete like
domains: when one wins, the indicator is `other` with that field. A near tie is no answer: `other`, for review.
The confidence is a probability fitted offline on hand-labelled rows (calibration.json).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas.normalized import DomainAssignment, DomainCandidate, DomainEvidence, EvidenceSource

from .fold import fold
from .taxonomy import FIELD_PREFIX, OTHER, Taxonomy, is_field, load_taxonomy, match_words

# Where a word stands says how much it tells (the order: name > content, department, criteria > category).
FIELD_WEIGHTS = {"name": 3.0, "content": 2.0, "department": 2.5, "criteria": 1.0, "category": 1.5}
LONG_NAME = 30  # a "name" longer than this is content put in the name column: weighed as content
MIN_SCORE = 2.5  # below this nothing speaks for any class: no answer
SUPPORTING = 1.5  # a word weighing less than this in the taxonomy only supports: like a generic word
TIE_RATIO = 0.85  # a runner-up of another kind this close to the winner makes a tie: no answer
DEPARTMENT_WORD = "（责任科室）"
CALIBRATION_PATH = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Verdict:
    """What the evidence says before the confidence is put on it."""

    cls: str  # domain code, field:NAME, or other
    kind: str  # domain | field | tie | weak | none
    scores: dict[str, float]
    evidence: list[DomainEvidence]


def _source_weight(source: str, text: str) -> float:
    if source == "name" and len(text) > LONG_NAME:
        return FIELD_WEIGHTS["content"]
    return FIELD_WEIGHTS[source]


def gather(fields: dict[str, str | None], taxonomy: Taxonomy,
           department_domain: str | None = None) -> list[DomainEvidence]:
    """Given named text fields (name, content, criteria, department, category), return every piece of evidence.

    A department is passed as text only when it is not a known unit; a known one speaks through its hint."""
    out: list[DomainEvidence] = []
    for source, raw in fields.items():
        if source == "department" and department_domain:
            continue  # a known department speaks through its hint below, not through the words of its name
        text = fold(raw)
        if not text:
            continue
        weight = _source_weight(source, text)
        for word, per_class in match_words(text, taxonomy):
            for cls, w in per_class.items():
                field = cls[len(FIELD_PREFIX):] if is_field(cls) else None
                out.append(DomainEvidence(source=EvidenceSource(source), word=word, domain=OTHER if field else cls,
                                          field=field, weight=round(w * weight, 3),
                                          generic=word in taxonomy.generic or w < SUPPORTING))
    if department_domain:
        out.append(DomainEvidence(source=EvidenceSource.DEPARTMENT, word=DEPARTMENT_WORD, domain=department_domain,
                                  weight=FIELD_WEIGHTS["department"]))
    return out


def class_of(ev: DomainEvidence) -> str:
    return FIELD_PREFIX + ev.field if ev.field else ev.domain


def weigh(evidence: list[DomainEvidence]) -> Verdict:
    """Given the evidence, return the verdict: the winning class, or why there is none."""
    specific = {class_of(e) for e in evidence if not e.generic}
    scores: dict[str, float] = {}
    for e in evidence:
        cls = class_of(e)
        if cls in specific:  # generic words only add to a class something else names
            scores[cls] = scores.get(cls, 0.0) + e.weight
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked:
        return Verdict(OTHER, "none", scores, evidence)
    (top_cls, top), second = ranked[0], (ranked[1] if len(ranked) > 1 else (None, 0.0))
    if top < MIN_SCORE:
        return Verdict(OTHER, "weak", scores, evidence)
    both_fields = second[0] is not None and is_field(top_cls) and is_field(second[0])
    if second[1] >= TIE_RATIO * top and not both_fields:
        return Verdict(OTHER, "tie", scores, evidence)
    return Verdict(top_cls, "field" if is_field(top_cls) else "domain", scores, evidence)


def features(verdict: Verdict) -> list[float]:
    """Given a verdict, return the features its confidence is computed from (see calibration.json)."""
    ranked = sorted(verdict.scores.values(), reverse=True)
    top = ranked[0] if ranked else 0.0
    second = ranked[1] if len(ranked) > 1 else 0.0
    margin = (top - second) / top if top else 0.0
    own = [e for e in verdict.evidence if class_of(e) == verdict.cls]
    from_name = any(e.source in (EvidenceSource.NAME, EvidenceSource.CONTENT) for e in own)
    category_only = bool(own) and all(e.source == EvidenceSource.CATEGORY for e in own)
    return [1.0, math.log1p(top), margin, float(from_name), float(category_only),
            float(verdict.kind == "field"), float(verdict.kind == "tie"), float(verdict.kind in ("none", "weak"))]


FEATURE_NAMES = ["bias", "log_top", "margin", "from_name", "category_only", "field", "tie", "no_evidence"]


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The fitted confidence model: feature weights and the review threshold (pipeline.normalize.train writes it)."""
    return json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))


def probability(verdict: Verdict) -> float:
    """Given a verdict, return the estimated probability that its answer is right."""
    model = calibration()
    z = sum(w * x for w, x in zip(model["weights"], features(verdict)))
    return 1 / (1 + math.exp(-z))


REASONS = {
    "tie": "依据相持不下（{cands}），未归入任何领域",
    "weak": "依据过弱（{cands}），未归入任何领域",
    "none": "名称、评分标准和类别中都没有可判断领域的词",
    "category": "只有类别名称指向该领域，指标本身没有依据",
    "low": "依据不足以确信（{cands}）",
    "group": "本身无依据，按同组多数归类",
}


def _candidates(verdict: Verdict, taxonomy: Taxonomy) -> list[DomainCandidate]:
    ranked = sorted(verdict.scores.items(), key=lambda kv: -kv[1])[:3]
    return [DomainCandidate(code=OTHER if is_field(c) else c,
                            name=c[len(FIELD_PREFIX):] if is_field(c) else taxonomy.domain(c).name, score=round(s, 2))
            for c, s in ranked]


def _reason(verdict: Verdict, cands: list[DomainCandidate], confidence: float, threshold: float) -> str:
    listed = "、".join(f"{c.name} {c.score:g}" for c in cands) or "无"
    own = [e for e in verdict.evidence if class_of(e) == verdict.cls]
    if verdict.kind in ("tie", "weak", "none"):
        key = verdict.kind
    elif own and all(e.source == EvidenceSource.CATEGORY for e in own):
        key = "category"
    else:
        key = "low"
    return REASONS[key].format(cands=listed)


def assignment(verdict: Verdict, taxonomy: Taxonomy) -> DomainAssignment:
    """Given a verdict, return the domain assignment with its confidence, review flag and evidence."""
    conf = round(probability(verdict), 3)
    threshold = calibration()["review_below"]
    cands = _candidates(verdict, taxonomy)
    field = verdict.cls[len(FIELD_PREFIX):] if is_field(verdict.cls) else None
    code = OTHER if field or verdict.cls == OTHER else verdict.cls
    evidence = sorted(verdict.evidence, key=lambda e: -e.weight)
    words = list(dict.fromkeys(e.word for e in evidence if class_of(e) == verdict.cls))[:6]
    review = conf < threshold or verdict.kind == "tie"  # a tie is no answer: always shown to a person
    return DomainAssignment(code=code, name=taxonomy.domain(code).name, confidence=conf, words=words,
                            review=review, reason=_reason(verdict, cands, conf, threshold) if review else None,
                            field=field,
                            evidence=evidence, candidates=cands)


def classify(fields: dict[str, str | None], *, department_domain: str | None = None,
             taxonomy: Taxonomy | None = None) -> DomainAssignment:
    """Given an indicator's fields (category, name, content, criteria, department), return its domain assignment."""
    taxonomy = taxonomy or load_taxonomy()
    return assignment(weigh(gather(fields, taxonomy, department_domain)), taxonomy)
