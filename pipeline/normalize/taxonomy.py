"""Classify an indicator into a domain of schemes/taxonomy.yaml by weighted keyword evidence."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from schemas.normalized import DomainAssignment, DomainCandidate

TAXONOMY_PATH = Path(__file__).resolve().parents[2] / "schemas" / "taxonomy.yaml"
OTHER = "other"

# Where a word stands says how much it tells: a category or a short name is a title, criteria are
# long prose that mention neighbouring work in passing.
FIELD_WEIGHTS = {"category": 3.0, "name": 3.0, "department": 3.0, "content": 1.5, "criteria": 1.0}
LONG_NAME = 30  # a "name" longer than this is content put in the name column: weighed as content
SYNONYM_WEIGHT = 3.0
MIN_SCORE = 2.5  # below this nothing speaks for any domain: leave it to context or 其他
REVIEW_BELOW = 0.4  # confidence under which a person should check the domain


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    synonyms: tuple[str, ...]
    keywords: tuple[tuple[str, float], ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: cached lexicons per loaded taxonomy
class Taxonomy:
    version: int
    domains: tuple[Domain, ...]
    departments: dict
    metrics: dict

    def domain(self, code: str) -> Domain:
        return next(d for d in self.domains if d.code == code)

    def by_name(self, name: str) -> Domain | None:
        return next((d for d in self.domains if d.name == name), None)


@lru_cache(maxsize=4)
def load_taxonomy(path: str | Path = TAXONOMY_PATH) -> Taxonomy:
    """Given the taxonomy YAML path, return it parsed (cached)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    domains = tuple(
        Domain(d["code"], d["name"], tuple(d.get("synonyms") or ()),
               tuple((str(k), float(v)) for k, v in (d.get("keywords") or {}).items()))
        for d in data["domains"]
    )
    return Taxonomy(int(data.get("version", 1)), domains, data.get("departments") or {}, data.get("metrics") or {})


@lru_cache(maxsize=4)
def _lexicon(taxonomy: Taxonomy) -> list[tuple[str, dict[str, float]]]:
    """Given a taxonomy, return every word with its weight per domain, longest words first."""
    words: dict[str, dict[str, float]] = {}
    for d in taxonomy.domains:
        for word, weight in d.keywords:
            words.setdefault(word, {})[d.code] = max(weight, words.get(word, {}).get(d.code, 0))
        for syn in d.synonyms:
            # A two-character synonym (信息, 党建) titles many things: it weighs less than a full title.
            weight = min(SYNONYM_WEIGHT, float(len(syn)))
            words.setdefault(syn, {})[d.code] = max(weight, words.get(syn, {}).get(d.code, 0))
    return sorted(words.items(), key=lambda kv: -len(kv[0]))


def compact(text: str | None) -> str:
    """Given text, return it without white space (cells break words with spaces and newlines)."""
    return re.sub(r"\s+", "", text or "")


def find_words(text: str, taxonomy: Taxonomy) -> list[tuple[str, dict[str, float]]]:
    """Given text, return the taxonomy words in it by leftmost-longest matching (信息安全事故 → 信息安全)."""
    lexicon = dict(_lexicon(taxonomy))
    longest = max((len(w) for w in lexicon), default=0)
    found: dict[str, dict[str, float]] = {}
    i = 0
    while i < len(text):
        word = next((text[i:i + n] for n in range(min(longest, len(text) - i), 0, -1) if text[i:i + n] in lexicon),
                    None)
        if word:
            found[word] = lexicon[word]
            i += len(word)
        else:
            i += 1
    return list(found.items())


def score_fields(fields: dict[str, str | None], taxonomy: Taxonomy,
                 department_domain: str | None = None) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Given named text fields, return the score per domain and each domain's word contributions."""
    scores: dict[str, float] = {}
    evidence: dict[str, dict[str, float]] = {}
    for field, text in fields.items():
        text = compact(text)
        if not text:
            continue
        weight = FIELD_WEIGHTS[field]
        if field == "name" and len(text) > LONG_NAME:
            weight = FIELD_WEIGHTS["content"]
        for word, per_domain in find_words(text, taxonomy):
            for code, w in per_domain.items():
                scores[code] = scores.get(code, 0.0) + w * weight
                evidence.setdefault(code, {})[word] = evidence.get(code, {}).get(word, 0.0) + w * weight
    if department_domain:
        scores[department_domain] = scores.get(department_domain, 0.0) + FIELD_WEIGHTS["department"]
        evidence.setdefault(department_domain, {})["（责任科室）"] = FIELD_WEIGHTS["department"]
    return scores, evidence


def confidence(top: float, second: float) -> float:
    """Given the best and second-best scores, return a 0–1 confidence (margin × strength)."""
    if top <= 0:
        return 0.0
    margin = (top - second) / top
    strength = 1 - math.exp(-top / 6)
    return round(margin * strength, 3)


def classify(fields: dict[str, str | None], *, department_domain: str | None = None,
             taxonomy: Taxonomy | None = None) -> DomainAssignment:
    """Given an indicator's fields (category, name, content, criteria), return its domain assignment."""
    taxonomy = taxonomy or load_taxonomy()
    scores, evidence = score_fields(fields, taxonomy, department_domain)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    candidates = [DomainCandidate(code=c, name=taxonomy.domain(c).name, score=round(s, 2)) for c, s in ranked[:3]]
    if not ranked or ranked[0][1] < MIN_SCORE:
        other = taxonomy.domain(OTHER)
        words = [w for c, _ in ranked[:1] for w in evidence[c]]
        return DomainAssignment(code=OTHER, name=other.name, confidence=0.0, words=words, review=True,
                                candidates=candidates)
    (code, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    conf = confidence(top, second)
    words = [w for w, _ in sorted(evidence[code].items(), key=lambda kv: -kv[1])][:6]
    return DomainAssignment(code=code, name=taxonomy.domain(code).name, confidence=conf, words=words,
                            review=conf < REVIEW_BELOW, candidates=candidates)


def inherit(assignment: DomainAssignment, sibling_code: str, share: float,
            taxonomy: Taxonomy | None = None) -> DomainAssignment:
    """Given a weak assignment and the dominant domain of its group, return the group's domain, flagged."""
    taxonomy = taxonomy or load_taxonomy()
    name = taxonomy.domain(sibling_code).name
    return assignment.model_copy(update={
        "code": sibling_code, "name": name, "confidence": round(0.35 * share, 3), "review": True,
        "words": [f"同组多数：{name}"] + assignment.words,
    })
