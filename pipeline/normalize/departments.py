"""Canonical department names: 法制宣传科 / 普法治理科 / 普法股 → 普法科, and cells naming several."""
from __future__ import annotations

import re
from functools import lru_cache

from schemas.normalized import CanonicalDepartment

from .taxonomy import Taxonomy, load_taxonomy

_SEPARATORS = "、，,/；;及与 "
# Unit words that bureaus swap freely: a 股 in a county is a 科 in a district.
_UNIT_SUFFIX = re.compile(r"[股室处]$")
_PREFIX = re.compile(r"^(?:责任(?:科室|部门|单位)[:：]?|考评科室[:：]?|区局|县局|市局|局)")


def fold(text: str) -> str:
    """Given a department cell, return it without white space and with full-width brackets."""
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


@lru_cache(maxsize=4)
def _aliases(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Given a taxonomy, return (alias, canonical) pairs, longest alias first."""
    pairs = [(fold(a), canon) for canon, spec in taxonomy.departments.items() for a in [canon, *spec["aliases"]]]
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _lookup(piece: str, taxonomy: Taxonomy) -> str | None:
    aliases = dict(_aliases(taxonomy))
    if piece in aliases:
        return aliases[piece]
    swapped = _UNIT_SUFFIX.sub("科", piece)
    return aliases.get(swapped)


def _segment(text: str, taxonomy: Taxonomy) -> tuple[list[str], bool]:
    """Given a folded cell, cut it into known aliases greedily; unknown stretches are kept as written."""
    names: list[str] = []
    state = {"unknown": "", "known": True}

    def flush() -> None:
        if state["unknown"]:
            found = _lookup(state["unknown"], taxonomy)
            names.append(found or state["unknown"])
            state["known"] = state["known"] and found is not None
            state["unknown"] = ""

    i = 0
    while i < len(text):
        match = next(((a, c) for a, c in _aliases(taxonomy) if text.startswith(a, i)), None)
        if match or text[i] in _SEPARATORS:
            flush()
        if match:
            names.append(match[1])
            i += len(match[0])
            continue
        if text[i] not in _SEPARATORS:
            state["unknown"] += text[i]
        i += 1
    flush()
    return list(dict.fromkeys(names)), state["known"]


def canonical_department(raw: str | None, taxonomy: Taxonomy | None = None) -> CanonicalDepartment | None:
    """Given a department cell as written, return its canonical name(s); None for an empty cell."""
    if not raw or not raw.strip():
        return None
    taxonomy = taxonomy or load_taxonomy()
    text = _PREFIX.sub("", fold(raw))
    names, known = _segment(text, taxonomy)
    return CanonicalDepartment(raw=raw, names=names or [text], known=known and bool(names))


def department_domain(dept: CanonicalDepartment | None, taxonomy: Taxonomy | None = None) -> str | None:
    """Given a canonical department, return the domain it hints at (only when it names one known unit)."""
    if dept is None or len(dept.names) != 1 or not dept.known:
        return None
    taxonomy = taxonomy or load_taxonomy()
    spec = taxonomy.departments.get(dept.names[0]) or {}
    return spec.get("domain")


def department_fields(raw: str | None, taxonomy: Taxonomy | None = None) -> tuple[str | None, str | None]:
    """Given a department cell, return (domain hint, text to read for words).

    A known unit speaks through its hint only (政治处办公室普法治理科 names three units, not 普法 work);
    an unknown one (县禁毒办, 河长办) is read like any other text."""
    taxonomy = taxonomy or load_taxonomy()
    dept = canonical_department(raw, taxonomy)
    if dept is None:
        return None, None
    return department_domain(dept, taxonomy), None if dept.known else raw
