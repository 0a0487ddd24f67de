"""Category, bonus and per-period caps: limits on the sum of several items' deductions or additions."""
from __future__ import annotations

from dataclasses import dataclass

from schemas.indicators import SectionRole
from schemas.rules import Direction, Period, RuleItem, Rulebook, SchemeRule, SchemeRuleKind

from .scopes import NameMap, categories, map_name

_CAPS = (SchemeRuleKind.CATEGORY_CAP, SchemeRuleKind.BONUS_CAP)


@dataclass(frozen=True)
class CapGroup:
    """Items whose summed deductions (or additions) may not pass ``cap`` within one period."""

    scope: str
    direction: str
    cap: float
    items: frozenset[str]
    yearly: bool


@dataclass(frozen=True)
class Mapping:
    """One name of a scheme rule and what it was mapped to, for the trail."""

    rule: SchemeRule
    found: NameMap
    period: Period | None
    period_source: str | None


def cap_groups(book: Rulebook, items: list[RuleItem], granularity: Period) -> tuple[list[CapGroup], list[Mapping]]:
    """Given a rulebook, return its cap groups (each mapped category capped on its own) and every name mapping."""
    groups: dict[tuple, CapGroup] = {}
    mappings: list[Mapping] = []
    bonus = [i for i in items if i.section_role == SectionRole.BONUS]
    base = [i for i in items if i.section_role != SectionRole.BONUS and i.path[:-1]]
    for rule in book.scheme_rules:
        if rule.kind not in (*_CAPS, SchemeRuleKind.BASE_POINTS):
            continue
        # a cap sentence without 每月/每年 caps per scoring period: the scheme's own, recorded as such
        period, source = (rule.period, "sentence") if rule.period else (granularity, "scheme")
        is_bonus = rule.kind == SchemeRuleKind.BONUS_CAP
        pool = bonus if is_bonus else base
        found = [map_name(n, categories(pool)) for n in rule.applies_to]
        if is_bonus:
            found = [_bonus_section(f, bonus) for f in found] or [_bonus_section(None, bonus)]
        mappings += [Mapping(rule, f, period if rule.kind in _CAPS else None,
                             source if rule.kind in _CAPS else None) for f in found]
        if rule.kind not in _CAPS or rule.cap is None:
            continue
        yearly = period == Period.YEAR and granularity != Period.YEAR
        direction = "add" if is_bonus else (rule.direction or Direction.DEDUCT).value
        if not rule.applies_to and not is_bonus:  # "每月最多扣40分" with no category: each category on its own
            found = [NameMap(c, (c,), 1.0, "mapped", "all") for c in dict.fromkeys(i.path[0] for i in base)]
        for f in found:
            if f.status != "mapped":
                continue
            members = frozenset(i.indicator_id for i in pool if _member(f, i))
            key = (direction, rule.cap, yearly, members)
            if members and key not in groups:
                groups[key] = CapGroup(f.name, direction, rule.cap, members, yearly)
            elif members:  # 机关效能工作、意识形态工作 both in one table category: one cap, both names
                old = groups[key]
                groups[key] = CapGroup(f"{f.name}、{old.scope}", direction, rule.cap, members, yearly)
    return list(groups.values()), mappings


def _member(found: NameMap, item: RuleItem) -> bool:
    """Whether a mapped name governs the item: by its section, by every item of the pool, or by category."""
    if found.method == "section":
        return item.section_id in found.mapped
    return found.method == "all" and not found.mapped or bool(set(found.mapped) & set(item.path[:-1]))


def _bonus_section(found: NameMap | None, bonus: list[RuleItem]) -> NameMap:
    """A bonus cap naming a section the table has no category for (特色工作): the one bonus section, if one."""
    if found is not None and found.status == "mapped":
        return found
    sections = list(dict.fromkeys(i.section_id for i in bonus if i.section_id))
    name = found.name if found else "加分项目"
    if len(sections) == 1:
        return NameMap(name, (sections[0],), 1.0, "mapped", "section")
    if found is None and bonus:  # a bonus cap naming nothing: every bonus item
        return NameMap(name, (), 1.0, "mapped", "all")
    return found or NameMap(name, (), 0.0, "unmapped")


def cut(group: CapGroup, total: float) -> float:
    """Given a group's signed sum, return the adjustment that brings it within the cap (0 if within)."""
    if group.direction == "deduct":
        return max(0.0, -group.cap - total)
    return min(0.0, group.cap - total)
