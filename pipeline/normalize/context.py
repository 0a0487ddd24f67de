"""Rows that say nothing themselves (项目运行具有可持续性) read from their scheme: their group's or document's class.

Only rows without an answer are filled: silent ones, and tied ones whose tie the scheme's class is part of; a judicial domain is given only inside a scheme whose decided rows
are mostly judicial: a row of a 河长制 scheme is never made judicial by its neighbours.
"""
from __future__ import annotations

from collections import Counter

from schemas.normalized import DomainAssignment, DomainEvidence, EvidenceSource

from .classify import MIN_SCORE, REASONS
from .taxonomy import FIELD_PREFIX, OTHER, Taxonomy, is_field, load_taxonomy

GROUP_SHARE = 0.5  # a group's class must hold at least this share of its decided rows
DOCUMENT_SHARE = 0.6  # … and a document's, with at least DOCUMENT_VOTERS decided rows, when the group is silent
DOCUMENT_VOTERS = 3
FILLED_CONFIDENCE = 0.5  # at most: a filled row is a guess from context, always shown for review


def _class(a: DomainAssignment) -> str | None:
    """The class a decided row votes for (domain code or field:NAME); None when it has no answer."""
    if a.code != OTHER:
        return a.code
    return FIELD_PREFIX + a.field if a.field else None


def _silent(a: DomainAssignment) -> bool:
    """A row with no answer because nothing spoke (a tie is an answer of its own: it stays for review)."""
    return a.code == OTHER and a.field is None and (not a.candidates or a.candidates[0].score < MIN_SCORE)


def _tied_between(a: DomainAssignment) -> set[str]:
    """The classes a tied row hesitates between (empty for a row that has an answer or is silent)."""
    if a.code != OTHER or a.field is not None or _silent(a):
        return set()
    return {c.code if c.code != OTHER else FIELD_PREFIX + c.name for c in a.candidates[:2]}


def _winner(votes: Counter, minimum_share: float, minimum_voters: int = 1) -> tuple[str, float] | None:
    total = sum(votes.values())
    if total < minimum_voters:
        return None
    cls, n = votes.most_common(1)[0]
    return (cls, n / total) if n / total >= minimum_share else None


def _filled(a: DomainAssignment, cls: str, share: float, taxonomy: Taxonomy) -> DomainAssignment:
    if is_field(cls):
        field = cls[len(FIELD_PREFIX):]
        return a.model_copy(update={"field": field, "words": [f"同组多数：{field}"] + a.words})
    name = taxonomy.domain(cls).name
    mark = DomainEvidence(source=EvidenceSource.GROUP, word=f"同组多数：{name}", domain=cls, weight=round(share, 3))
    return a.model_copy(update={
        "code": cls, "name": name, "confidence": round(FILLED_CONFIDENCE * share, 3), "review": True,
        "reason": REASONS["group"], "words": [mark.word] + a.words, "evidence": [mark] + a.evidence,
    })


def fill_from_context(rows: list[tuple[str, DomainAssignment]],
                      taxonomy: Taxonomy | None = None) -> list[DomainAssignment]:
    """Given one scheme's rows as (group key, assignment), return the assignments with silent rows filled."""
    taxonomy = taxonomy or load_taxonomy()
    groups: dict[str, Counter] = {}
    document: Counter = Counter()
    for key, a in rows:
        if (cls := _class(a)) is not None:
            groups.setdefault(key, Counter())[cls] += 1
            document[cls] += 1
    decided = sum(document.values())
    judicial = sum(n for cls, n in document.items() if not is_field(cls))
    judicial_scheme = decided > 0 and judicial / decided >= 0.5
    found = _winner(document, DOCUMENT_SHARE, DOCUMENT_VOTERS)
    out = []
    for key, a in rows:
        tied = _tied_between(a)
        if not _silent(a) and not tied:
            out.append(a)
            continue
        won = _winner(groups.get(key, Counter()), GROUP_SHARE) or found
        if won is None or (tied and won[0] not in tied) or (not is_field(won[0]) and not judicial_scheme):
            out.append(a)
            continue
        out.append(_filled(a, *won, taxonomy))
    return out
