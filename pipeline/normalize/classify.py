"""Classify an indicator into a domain of the taxonomy, or `other` (with the field outside it).

Two kinds of evidence: the taxonomy's words found in the indicator's folded text (weighed by where they stand:
the name most, the category least), and a small model trained offline on hand-labelled rows (model.py), which
reads character n-grams of every field together with those keyword scores. The model's probabilities decide:
the best judicial domain must outweigh everything outside the taxonomy taken together (the fields and plain
`other`), and a runner-up domain this close makes a tie (no answer, for review). The confidence is the
probability that the answer is right, fitted on rows the model was not trained on (calibration.json).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas.normalized import DomainAssignment, DomainCandidate, DomainEvidence, EvidenceSource

from .fold import fold
from .model import featurize, load_model, softmax
from .owner import OWN_TEXT, SHORT_NAME, institutions_in, owned_domains, qualified
from .taxonomy import FIELD_PREFIX, OTHER, SUPPORTING, Taxonomy, is_field, load_taxonomy, match_words

# Where a word stands says how much it tells (the order: name > content, department, criteria > category).
FIELD_WEIGHTS = {"name": 3.0, "content": 2.0, "department": 2.5, "criteria": 2.0, "category": 1.5}
LONG_NAME = 30  # a "name" longer than this is content put in the name column: weighed as content
TIE_RATIO = 0.8  # a runner-up domain this close to the best makes a tie: no answer
MODEL_ODDS = 19.0  # two domains a name names equally stay a tie unless the model is 95 % sure between them
DEPARTMENT_WORD = "（责任科室）"
CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
SOURCE_OF_NS = {"N": EvidenceSource.NAME, "C": EvidenceSource.CRITERIA, "D": EvidenceSource.DEPARTMENT,
                "G": EvidenceSource.CATEGORY}


@dataclass(frozen=True)
class Verdict:
    """What the evidence says before the confidence is put on it."""

    cls: str  # domain code, field:NAME, or other
    kind: str  # domain | field | other | tie
    probs: dict[str, float]  # per class (domains, field:NAME, other)
    evidence: list[DomainEvidence]
    feats: dict[str, float]
    filled: float = 0.0  # the share of the answer's probability its scheme gave (context.py), 0 for a row alone


def _source_weight(source: str, text: str) -> float:
    if source == "name" and len(text) > LONG_NAME:
        return FIELD_WEIGHTS["content"]
    return FIELD_WEIGHTS[source]


def gather(fields: dict[str, str | None], taxonomy: Taxonomy,
           department_domain: str | None = None) -> list[DomainEvidence]:
    """Given named text fields (name, content, criteria, department, category), return every keyword that spoke.

    A department is passed as text only when it is not a known unit; a known one speaks through its hint."""
    out: list[DomainEvidence] = []
    # a row naming an institution the judicial administration runs is its work, whatever field qualifies a word
    # (医疗纠纷 | 经医疗纠纷人民调解委员会调处)
    institution = any(institutions_in(fold(fields.get(source)), taxonomy) for source in OWN_TEXT)
    owned = {} if institution else owned_domains(fields, taxonomy)
    for source, raw in fields.items():
        if source == "department" and department_domain:
            continue
        text = fold(raw)
        if not text:
            continue
        weight = _source_weight(source, text)
        owners = {} if institution else qualified(text, taxonomy)
        label = source == "name" and len(text) <= SHORT_NAME
        for word, per_class in match_words(text, taxonomy):
            domains = [c for c in per_class if not is_field(c)]
            if word in owners:
                per_class = {owners[word]: max(per_class.values())}
            elif label and domains and all(c in owned for c in domains):
                per_class = {owned[domains[0]]: max(per_class.values())}
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


def weigh(evidence: list[DomainEvidence]) -> dict[str, float]:
    """Given keyword evidence, return its weight per class: the words that decide, and the generic or supporting
    words that add to a class something else names (they never decide one on their own)."""
    deciding = {class_of(e) for e in evidence if not e.generic}
    out: dict[str, float] = {}
    for e in evidence:
        if (cls := class_of(e)) in deciding:
            out[cls] = out.get(cls, 0.0) + e.weight
    return out


def outside(probs: dict[str, float]) -> float:
    """Given class probabilities, return the probability of no judicial domain (the fields and plain other)."""
    return sum(p for c, p in probs.items() if c == OTHER or is_field(c))


def decide(probs: dict[str, float], outside_weight: float | None = None) -> tuple[str, str]:
    """Given class probabilities, return (class, kind): a domain, a field, plain other, or a tie.

    The best domain must outweigh the fields and plain other together, times `outside_weight` (fitted offline so
    that judicial rows and out-of-field rows are served alike; calibration.json)."""
    if outside_weight is None:
        outside_weight = calibration()["outside_weight"]
    domains = sorted(((p, c) for c, p in probs.items() if c != OTHER and not is_field(c)), reverse=True)
    (p1, d1), (p2, _) = domains[0], domains[1]
    rest = outside(probs) * outside_weight
    if p1 > rest:
        return (OTHER, "tie") if p2 >= TIE_RATIO * p1 else (d1, "domain")
    field = max((c for c in probs if is_field(c)), key=lambda c: probs[c])
    return (field, "field") if probs[field] >= probs.get(OTHER, 0.0) else (OTHER, "other")


def answer_probability(verdict: Verdict) -> tuple[float, float]:
    """Given a verdict, return the probability of its answer and of the best other answer."""
    probs = verdict.probs
    best_domain = max(p for c, p in probs.items() if c != OTHER and not is_field(c))
    if verdict.kind == "domain":
        others = sorted((p for c, p in probs.items() if c != verdict.cls and c != OTHER and not is_field(c)))
        return probs[verdict.cls], max(others[-1], outside(probs))
    return outside(probs), best_domain


def posterior(fields: dict[str, str | None], taxonomy: Taxonomy, department_domain: str | None = None) -> Verdict:
    """Given an indicator's fields, return the model's probabilities, its decision and the keyword evidence."""
    model = load_model()
    feats = featurize(fields)
    evidence = gather(fields, taxonomy, department_domain)
    probs = dict(zip(model.classes, softmax(model.scores(feats, weigh(evidence)))))
    return verdict_of(probs, evidence, feats)


@lru_cache(maxsize=1)
def baseline() -> dict[str, float]:
    """The model's probabilities for a row that says nothing (its bias alone)."""
    model = load_model()
    return dict(zip(model.classes, softmax(model.scores({"B": 1.0}))))


def verdict_of(probs: dict[str, float], evidence: list[DomainEvidence], feats: dict[str, float],
               outside_weight: float | None = None, alone: dict[str, float] | None = None) -> Verdict:
    """Given class probabilities (and, when a scheme filled them, the row's own), return the verdict."""
    cls, kind = decide(probs, outside_weight)
    cls, kind = _by_department(*_by_own_name(cls, kind, probs, evidence), evidence)
    filled = 0.0
    if alone is not None:
        answer = [c for c in probs if answer_matches(c, cls, kind)]
        got, own = sum(probs[c] for c in answer), sum(alone[c] for c in answer)
        filled = max(0.0, (got - own) / got) if got > 0 else 0.0
    return Verdict(cls, kind, probs, evidence, feats, filled)


def answer_matches(c: str, cls: str, kind: str) -> bool:
    """Given a class, the answer and its kind, say whether the class is part of the answer (all of
    `outside` for a field, plain other or a tie)."""
    return c == cls if kind == "domain" else (c == OTHER or is_field(c))


def _by_own_name(cls: str, kind: str, probs: dict[str, float], evidence: list[DomainEvidence]) -> tuple[str, str]:
    """Given the model's decision, return it checked against the domains the indicator's own name names.

    Two domains its name names equally (律师参与社区矫正) are a tie unless the model tells them apart by more than
    MODEL_ODDS (社区矫正对象信息化核查: the subject, and how it is done); a domain
    the model took from a category titled after another one, or a tie with such a domain, gives way to the one
    the name names (法治建设类 ▸ 律师队伍管理). A name that names no domain leaves this to its criteria, which
    still outrank the category (所务 ▸ 台账 | 司法所各类台账齐全)."""
    own = weigh([e for e in evidence if e.source in (EvidenceSource.NAME, EvidenceSource.CONTENT)])
    named = sorted(((w, c) for c, w in own.items() if c != OTHER and not is_field(c)), reverse=True)
    if not named:
        named = _criteria_institution(evidence)
    if len(named) > 1 and named[1][0] >= TIE_RATIO * named[0][0] and cls in (named[0][1], named[1][1]):
        pair = sorted(probs.get(c, 0.0) for _, c in named[:2])
        if pair[0] * MODEL_ODDS >= pair[1]:
            return OTHER, "tie"
    if not named or named[0][1] == cls or named[0][1] not in probs:
        return cls, kind
    top = named[0][1]
    if kind == "tie":
        ranked = sorted((p, c) for c, p in probs.items() if c != OTHER and not is_field(c))[-2:]
        rival = next((c for _, c in ranked if c != top), None)
        if top in [c for _, c in ranked] and not _speaks_for(rival, evidence):
            return top, "domain"
    elif kind == "domain" and not _speaks_for(cls, evidence):
        return top, "domain"
    return cls, kind


def _criteria_institution(evidence: list[DomainEvidence]) -> list[tuple[float, str]]:
    """Given a row's evidence, return [(weight, domain)] when its criteria name the institutions of one domain
    (所务 ▸ 台账 | 司法所各类台账齐全): the criteria's subject, which outranks the category; else []."""
    taxonomy = load_taxonomy()
    said = [e for e in evidence if e.source == EvidenceSource.CRITERIA and not e.field and not e.generic]
    domains = {e.domain for e in said if institutions_in(fold(e.word), taxonomy) == {e.domain}}
    if len(domains) != 1:
        return []
    (domain,) = domains
    return [(sum(e.weight for e in said if e.domain == domain), domain)]


@lru_cache(maxsize=4)
def any_bureau(taxonomy: Taxonomy) -> frozenset[str]:
    """Given a taxonomy, return the domains of its departments that every bureau has (taxonomy.yaml any_bureau)."""
    return frozenset(spec.get("domain") for spec in taxonomy.departments.values() if spec.get("any_bureau"))


def _by_department(cls: str, kind: str, evidence: list[DomainEvidence]) -> tuple[str, str]:
    """Given a decision, return the domain of the row's known department when its own text (name, content,
    criteria) names nothing (安置帮教科 ▸ 回访): the department ranks above the category and the scheme. Not for a
    department every bureau has (办公室, 人事科): in another field's scheme it names that bureau's office."""
    hint = next((e.domain for e in evidence if e.word == DEPARTMENT_WORD), None)
    own = (EvidenceSource.NAME, EvidenceSource.CONTENT, EvidenceSource.CRITERIA)
    if hint is None or hint in any_bureau(load_taxonomy()) or any(not e.generic and e.source in own for e in evidence):
        return cls, kind
    return hint, "domain"


def _speaks_for(cls: str | None, evidence: list[DomainEvidence]) -> bool:
    """Given a class and keyword evidence, say whether a deciding word outside the category speaks for it."""
    return any(class_of(e) == cls and not e.generic and e.source != EvidenceSource.CATEGORY for e in evidence)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def own_classes(evidence: list[DomainEvidence]) -> set[str]:
    """Given a row's keyword evidence, return the classes its own words name (not its category, not generic)."""
    return {class_of(e) for e in evidence if not e.generic and e.source != EvidenceSource.CATEGORY}


FILLED = 0.5  # an answer more than half of whose probability its scheme gave rests on the scheme


def basis(verdict: Verdict) -> str:
    """Given a verdict, return what its answer rests on: `own` (the row's own words name it), `scheme` (mostly
    what its scheme gave), `category` (only its category's words name it), `model` (learned wordings alone) or
    `none` (an abstention nothing spoke for)."""
    answer_other = verdict.kind != "domain"
    own = own_classes(verdict.evidence)
    if verdict.cls in own or (answer_other and any(c == OTHER or is_field(c) for c in own)):
        return "own"
    if verdict.filled >= FILLED:
        return "scheme"
    named = {class_of(e) for e in verdict.evidence if not e.generic}
    if verdict.cls in named or (answer_other and any(is_field(c) for c in named)):
        return "category"
    return "none" if answer_other and not named else "model"


BASES = ("own", "scheme", "category", "model", "none")


def second_hand(verdict: Verdict) -> bool:
    """Given a verdict, say whether it is a domain its category or its scheme gave and its own words do not name:
    a guess a person checks, whatever its confidence."""
    return verdict.kind == "domain" and basis(verdict) in ("scheme", "category")


def against_category(verdict: Verdict) -> bool:
    """Given a verdict, say whether its category's deciding words name classes and none of them is the answer
    (意识形态 ▸ 负面舆情处置 answered 政务信息): the row's words and its category disagree."""
    named = {class_of(e) for e in verdict.evidence if not e.generic and e.source == EvidenceSource.CATEGORY}
    if verdict.kind != "domain":
        return bool(named) and not any(c == OTHER or is_field(c) for c in named)
    return bool(named) and verdict.cls not in named


def features(verdict: Verdict) -> list[float]:
    """Given a verdict, return the features its confidence is computed from (see calibration.json)."""
    p, runner = answer_probability(verdict)
    rests = basis(verdict)
    return [1.0, _logit(p), p - runner, *(float(rests == b) for b in BASES[1:]), float(against_category(verdict)),
            float(verdict.kind != "domain"), float(verdict.kind == "tie"), verdict.filled]


FEATURE_NAMES = ["bias", "logit_p", "margin", *(f"rests_on_{b}" for b in BASES[1:]), "against_category",
                 "answer_other", "tie", "filled"]


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The fitted confidence model, the review threshold and the scheme prior (pipeline.normalize.train)."""
    return json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))


def probability(verdict: Verdict) -> float:
    """Given a verdict, return the estimated probability that its answer is right."""
    z = sum(w * x for w, x in zip(calibration()["weights"], features(verdict)))
    return 1 / (1 + math.exp(-z))


REASONS = {
    "tie": "依据相持不下（{cands}），未归入任何领域",
    "other": "没有足够依据归入任何领域（{cands}）",
    "category": "只有类别名称指向该领域，指标本身没有依据",
    "low": "依据不足以确信（{cands}）",
    "group": "本身依据不足，参照同一方案的其他指标归类（{cands}）",
}


def _candidates(verdict: Verdict, taxonomy: Taxonomy) -> list[DomainCandidate]:
    ranked = sorted(verdict.probs.items(), key=lambda kv: -kv[1])[:3]
    return [DomainCandidate(code=OTHER if is_field(c) else c,
                            name=c[len(FIELD_PREFIX):] if is_field(c) else taxonomy.domain(c).name, score=round(s, 3))
            for c, s in ranked]


def _reason(verdict: Verdict, cands: list[DomainCandidate], moved: bool) -> str:
    listed = "、".join(f"{c.name} {c.score:.2f}" for c in cands) or "无"
    rests = basis(verdict)
    if moved or rests == "scheme":
        key = "group"
    elif verdict.kind == "tie":
        key = "tie"
    elif rests == "category" and verdict.kind == "domain":
        key = "category"
    elif verdict.kind != "domain":
        key = "other"
    else:
        key = "low"
    return REASONS[key].format(cands=listed)


def _model_evidence(verdict: Verdict) -> list[DomainEvidence]:
    """The n-grams and keyword scores the model weighed most for its answer, as evidence a person can read."""
    if verdict.kind == "tie":
        return []
    field = verdict.cls[len(FIELD_PREFIX):] if is_field(verdict.cls) else None
    out = []
    for name, weight in load_model().contributions(verdict.feats, verdict.cls):
        ns, _, text = name.partition(":")
        out.append(DomainEvidence(source=SOURCE_OF_NS[ns[0]], word=f"「{text}」", domain=OTHER if field else verdict.cls,
                                  field=field, weight=round(weight, 3)))
    return out


def assignment(verdict: Verdict, taxonomy: Taxonomy, moved: bool = False,
               context: list[DomainEvidence] = ()) -> DomainAssignment:
    """Given a verdict, return the domain assignment with its confidence, review flag and evidence.

    `moved`: the scheme's other rows changed the answer the row alone would get (always shown for review, as is
    a domain its category or scheme gave and its own words do not name);
    `context`: what the scheme gave, shown first."""
    conf = round(probability(verdict), 3)
    cands = _candidates(verdict, taxonomy)
    field = verdict.cls[len(FIELD_PREFIX):] if is_field(verdict.cls) else None
    code = OTHER if field or verdict.cls == OTHER else verdict.cls
    keywords = sorted(verdict.evidence, key=lambda e: -e.weight)
    own = [e for e in keywords if class_of(e) == verdict.cls]
    learned = _model_evidence(verdict)
    words = list(dict.fromkeys([e.word for e in context] + [e.word for e in own] + [e.word for e in learned]))[:6]
    review = conf < calibration()["review_below"] or verdict.kind == "tie" or moved or second_hand(verdict)
    return DomainAssignment(code=code, name=taxonomy.domain(code).name, confidence=conf, words=words,
                            review=review, reason=_reason(verdict, cands, moved) if review else None, field=field,
                            evidence=list(context) + keywords + learned, candidates=cands)


def classify(fields: dict[str, str | None], *, department_domain: str | None = None,
             taxonomy: Taxonomy | None = None) -> DomainAssignment:
    """Given an indicator's fields (category, name, content, criteria, department), return its domain assignment."""
    taxonomy = taxonomy or load_taxonomy()
    return assignment(posterior(fields, taxonomy, department_domain), taxonomy)
