"""Category, bonus and per-period caps: limits on the sum of several items' deductions or additions."""
from __future__ import annotations

from dataclasses import dataclass

from schemas.indicators import SectionRole
from schemas.rules import Direction, Period, RuleItem, Rulebook, SchemeRuleKind

from .text import similarity

# A category name written in a cap clause (法援工作) matches the table's category (法律援助工作) at this score.
CATEGORY_MATCH = 0.5


@dataclass(frozen=True)
class CapGroup:
    """Items whose summed deductions (or additions) may not pass ``cap`` within one period."""

    scope: str
    direction: str
    cap: float
    items: frozenset[str]
    yearly: bool


def cap_groups(book: Rulebook, items: list[RuleItem], granularity: Period) -> list[CapGroup]:
    """Given a rulebook, return its cap groups: each named category of a category cap is capped on its own."""
    groups: list[CapGroup] = []
    for rule in book.scheme_rules:
        if rule.cap is None or rule.kind not in (SchemeRuleKind.CATEGORY_CAP, SchemeRuleKind.BONUS_CAP):
            continue
        yearly = rule.period == Period.YEAR and granularity != Period.YEAR
        if rule.kind == SchemeRuleKind.BONUS_CAP:
            members = [i for i in items if i.section_role == SectionRole.BONUS and _governed(i, rule.applies_to)]
            scope = "、".join(rule.applies_to) or "加分项目"
            groups.append(CapGroup(scope, "add", rule.cap, frozenset(i.indicator_id for i in members), yearly))
            continue
        direction = (rule.direction or Direction.DEDUCT).value
        base = [i for i in items if i.section_role != SectionRole.BONUS and i.path[:-1]]
        for scope, members in _by_category(base, rule.applies_to).items():
            groups.append(CapGroup(scope, direction, rule.cap, frozenset(i.indicator_id for i in members), yearly))
    return [g for g in groups if g.items]


def _categories(item: RuleItem) -> list[str]:
    return [name for name in item.path[:-1] if name] + ([item.section_id] if item.section_id else [])


def _governed(item: RuleItem, names: list[str]) -> bool:
    return not names or any(similarity(n, c) >= CATEGORY_MATCH for n in names for c in _categories(item))


def _by_category(items: list[RuleItem], names: list[str]) -> dict[str, list[RuleItem]]:
    """Given items and the categories a cap names, group items under the name their category fits best."""
    groups: dict[str, list[RuleItem]] = {}
    for item in items:
        if not names:  # "每月最多扣40分" with no category: each top-level category on its own
            groups.setdefault(item.path[0], []).append(item)
            continue
        scored = [(similarity(n, c), n) for n in names for c in _categories(item)]
        best = max(scored, default=(0.0, ""))
        if best[0] >= CATEGORY_MATCH:
            groups.setdefault(best[1], []).append(item)
    return groups


def cut(group: CapGroup, total: float) -> float:
    """Given a group's signed sum, return the adjustment that brings it within the cap (0 if within)."""
    if group.direction == "deduct":
        return max(0.0, -group.cap - total)
    return min(0.0, group.cap - total)
