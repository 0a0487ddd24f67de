"""Whose work a row says it is: a field word or a bureau standing before a judicial-sounding activity
(医保行政执法, 人社领域信访, 森林法宣传) makes the activity that field's own, as a Chinese modifier stands before
its head; an institution the judicial administration runs (taxonomy.yaml `institutions`) keeps it judicial."""
from __future__ import annotations

from functools import lru_cache

from .fold import fold
from .taxonomy import FIELD_PREFIX, SUPPORTING, Taxonomy, is_field, lexicon, match_spans

OWN_TEXT = ("name", "content", "criteria")  # the fields a row says its own work in
# What may stand between a field word and the domain word it qualifies (民政领域信访, 医保系统党风廉政)
QUALIFIER_LINKS = ("", "领域", "系统", "行业")


def institutions_in(text: str, taxonomy: Taxonomy) -> set[str]:
    """Given folded text, return the domains whose institutions it names (taxonomy.yaml `institutions`)."""
    return {code for code, words in taxonomy.institutions.items() if any(w in text for w in words)}


OFFICE_SUFFIXES = ("局", "委", "厅", "办", "院", "中心")


@lru_cache(maxsize=4)
def owner_stems(taxonomy: Taxonomy) -> dict[str, str]:
    """Given a taxonomy, return the names of other fields' bureaus without their office word (人社局 → 人社), with
    their field: before 领域 or 系统 they say whose work a row is (人社领域信访), where alone they may name a partner
    (协调民政、人社等部门)."""
    return {w[:-len(s)]: FIELD_PREFIX + f.name for f in taxonomy.fields for w in f.issuers
            for s in OFFICE_SUFFIXES if w.endswith(s) and len(w) > len(s) + 1}


def _owner_before(before: str, taxonomy: Taxonomy) -> str | None:
    """Given the text before a word, return the field whose bureau it ends naming as owner (人社领域), else None."""
    for link in QUALIFIER_LINKS[1:]:
        if before.endswith(link):
            head = before[:-len(link)]
            return next((f for stem, f in owner_stems(taxonomy).items() if head.endswith(stem)), None)
    return None


def qualified(text: str, taxonomy: Taxonomy) -> dict[str, str]:
    """Given folded text, return the domain words a field word qualifies in it, with that field (医保行政执法 →
    行政执法: 卫生与医疗; 民政领域信访): a Chinese modifier stands before its head, so the activity is the field's
    own work. Not a word that also stands somewhere unqualified."""
    out: dict[str, str] = {}
    free: set[str] = set()
    field, end = None, -1  # the field word just read and where it ended
    for start, word, per_class in match_spans(text, taxonomy):
        gap = text[end:start] if field else None
        if field and gap == "" and word in QUALIFIER_LINKS:
            end = start + len(word)  # 民政领域: the link carries the field on
            continue
        if not all(is_field(c) for c in per_class):
            field = field if field and gap in QUALIFIER_LINKS else _owner_before(text[:start], taxonomy)
            if field:
                out.setdefault(word, field)
            else:
                free.add(word)
        field, end = _field_only(per_class, taxonomy, word), start + len(word)
    return {w: f for w, f in out.items() if w not in free}


SHORT_NAME = 4  # a name this short is a label its criteria spell out (信访 | 人社领域信访事项按期办结)


def owned_domains(fields: dict[str, str | None], taxonomy: Taxonomy) -> dict[str, str]:
    """Given a row's fields, return the domains whose words a field word qualifies in its content or criteria, with
    that field: a short name naming the same domain is a label for that field's work."""
    out: dict[str, str] = {}
    for source in ("content", "criteria"):
        for word, field in qualified(fold(fields.get(source)), taxonomy).items():
            for c in lexicon(taxonomy)[word]:
                if not is_field(c):
                    out.setdefault(c, field)
    return out


def _field_only(per_class: dict[str, float], taxonomy: Taxonomy, word: str) -> str | None:
    """Given a word's classes, return its field when it names a field and no domain, deciding on its own."""
    fields = [c for c, w in per_class.items() if is_field(c) and w >= SUPPORTING]
    if len(fields) != 1 or word in taxonomy.generic or any(not is_field(c) for c in per_class):
        return None
    return fields[0]
