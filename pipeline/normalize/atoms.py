"""Rule atoms per indicator: from the project's rulebook builder when present, else clause by clause."""
from __future__ import annotations

from schemas.indicators import IndicatorTable
from schemas.rules import RuleAtom


def _book_builder():
    try:
        from pipeline.rules.book import build_rulebook
    except ImportError:  # the rulebook builder is optional: parse clauses directly without it
        return None
    return build_rulebook


def atoms_by_indicator(table: IndicatorTable) -> dict[str, list[RuleAtom]]:
    """Given an indicator table, return the rule atoms of each indicator's criteria, keyed by id."""
    build = _book_builder()
    if build is not None:
        return {item.indicator_id: list(item.atoms) for item in build(table).items}
    from pipeline.rules import parse_clause, split_clauses

    out: dict[str, list[RuleAtom]] = {}
    for ind in table.indicators:
        text = ind.criteria or (ind.content if ind.content and ind.content != ind.name else None) or ind.name
        out[ind.id] = [atom for clause, _ in split_clauses(text or "") for atom in parse_clause(clause)]
    return out
