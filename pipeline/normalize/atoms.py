"""Rule atoms per indicator, from the rulebook (built here unless the caller already has it)."""
from __future__ import annotations

from schemas.indicators import IndicatorTable
from schemas.rules import RuleAtom, Rulebook


def atoms_by_indicator(table: IndicatorTable, book: Rulebook | None = None) -> dict[str, list[RuleAtom]]:
    """Given an indicator table (and its rulebook when known), return each indicator's atoms by id."""
    if book is None:
        from pipeline.rules.book import build_rulebook

        book = build_rulebook(table)
    return {item.indicator_id: list(item.atoms) for item in book.items}
