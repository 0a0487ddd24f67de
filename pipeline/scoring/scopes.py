"""Who and what a scheme rule governs: names written in prose mapped to the table's categories, units to sections.

Scheme prose names categories loosely (法援工作 for the table's 法律援助工作, 社区矫正工作 for a header cut off
as 社区矫正工). Names are compared by character n-grams after dropping generic words; a name is mapped only
when its best category is clearly ahead of the runner-up, otherwise it is reported, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.indicators import SectionRole
from schemas.rules import RuleItem

from .text import similarity

# A name maps at this similarity, when the runner-up is at least MARGIN behind.
ACCEPT = 0.5
MARGIN = 0.08
# 工作 / 各科室 say nothing about which category is meant.
_GENERIC = re.compile(r"^(?:各|每个)(?:科室|单位|部门|司法所)|(?:方面)?工作$|考核$")


@dataclass(frozen=True)
class NameMap:
    """How one name written in a scheme rule maps to the table: mapped, ambiguous or unmapped."""

    name: str
    mapped: tuple[str, ...]
    confidence: float
    status: str
    method: str = "n-gram"
    candidates: tuple[str, ...] = ()


def _core(name: str) -> str:
    core = _GENERIC.sub("", name.strip())
    return core or name


def categories(items: list[RuleItem]) -> list[str]:
    """Given items, return their category names (every path element but the indicator's own), in order."""
    return list(dict.fromkeys(c for i in items for c in i.path[:-1] if c))


def map_name(name: str, cats: list[str]) -> NameMap:
    """Given a name as the scheme writes it and the table's categories, return the mapping or why there is none."""
    scored = sorted(((similarity(_core(name), _core(c)), c) for c in cats), key=lambda p: -p[0])
    if not scored or scored[0][0] < ACCEPT:
        near = tuple(c for s, c in scored[:3] if s > 0)
        return NameMap(name, (), scored[0][0] if scored else 0.0, "unmapped", candidates=near)
    best, top = scored[0]
    close = tuple(c for s, c in scored if best - s < MARGIN)
    if len(close) > 1:
        return NameMap(name, (), best, "ambiguous", candidates=close)
    return NameMap(name, (top,), best, "mapped")


@dataclass
class UnitScope:
    """Per-department sections (业务工作 split into one section per 科室) and which units own which."""

    owners: dict[str, str] = field(default_factory=dict)  # section id → department
    owned: dict[str, set[str]] = field(default_factory=dict)  # unit → its section ids
    unmatched: list[str] = field(default_factory=list)

    def allows(self, unit: str, item: RuleItem) -> bool:
        """Whether the unit is assessed on the item: items outside per-department sections apply to all."""
        return item.section_id not in self.owners or item.section_id in self.owned.get(unit, set())


def department_sections(items: list[RuleItem]) -> dict[str, str]:
    """Given items, return section → department for categories split into one section per department."""
    by_category: dict[str, dict[str, set[str]]] = {}
    for item in items:
        if item.section_role != SectionRole.BASE or len(item.path) < 2 or not item.section_id:
            continue
        by_category.setdefault(item.path[0], {}).setdefault(item.section_id, set()).add(item.department or "")
    owners: dict[str, str] = {}
    for sections in by_category.values():
        depts = [next(iter(d)) for d in sections.values() if len(d) == 1 and "" not in d]
        if len(sections) >= 2 and len(depts) == len(sections) and len(set(depts)) == len(depts):
            owners.update({s: next(iter(d)) for s, d in sections.items()})
    return owners


def unit_scope(items: list[RuleItem], units: list[str]) -> UnitScope:
    """Given items and the units scored, return which per-department sections each unit is assessed on."""
    scope = UnitScope(owners=department_sections(items))
    if not scope.owners:
        return scope
    for unit in units:
        scored = sorted(((max(similarity(unit, part) for part in re.split(r"[、，,/]", dept) if part), s)
                         for s, dept in scope.owners.items()), key=lambda p: -p[0])
        best = scored[0][0]
        if best >= 0.6 and (len(scored) == 1 or best - scored[1][0] >= MARGIN):
            scope.owned[unit] = {scored[0][1]}
        else:
            scope.unmatched.append(unit)
    return scope
