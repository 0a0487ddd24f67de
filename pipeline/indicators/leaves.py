"""Indicators read whole (from prose outlines and rating sheets) rather than row by row, and their Indicators."""
from __future__ import annotations

from dataclasses import dataclass

from schemas.common import ProvenanceItem
from schemas.indicators import Category, Indicator, Section, SectionRole

from .outline import PINYIN
from .sections import title_role


@dataclass
class Leaf:
    """An indicator with its categories (outermost first) and where it stands."""

    name: str
    number: str | None
    points: float | None
    bonus_points: float | None
    weight: float | None
    department: str | None
    criteria: str | None
    categories: list[Category]
    prov: ProvenanceItem
    possibly_cut: bool = False


def _role(category: Category) -> SectionRole | None:
    return title_role(PINYIN.sub("", category.name))


def leaf_sections(leaves: list[Leaf], title: str, first_id: int = 1) -> tuple[list[Section], list[Indicator]]:
    """Given leaves, return (sections, indicators): base leaves in one section, leaves under a 加分 or
    底线 heading in a section of that role, numbered after ``first_id - 1`` sections already made."""
    sections: list[Section] = []
    indicators: list[Indicator] = []
    by_role: dict[SectionRole, str] = {}
    for leaf in leaves:
        role = next((r for c in leaf.categories if (r := _role(c)) in (SectionRole.BONUS, SectionRole.BOTTOM_LINE)),
                    SectionRole.BASE)
        if role not in by_role:
            sid = f"s{first_id + len(sections)}"
            by_role[role] = sid
            heading = next((c for c in leaf.categories if _role(c) is role), None)
            sections.append(Section(id=sid, title=heading.name if heading else title, role=role,
                                    points=heading.points if heading else None, prov=leaf.prov))
        indicators.append(leaf_indicator(leaf, by_role[role], sum(1 for i in indicators if i.section_id == by_role[role]) + 1))
    return sections, indicators


def leaf_indicator(leaf: Leaf, section_id: str, n: int) -> Indicator:
    """Given a leaf, return its Indicator (id ``<section>.i<n>``) with provenance for what it states."""
    prov = {"name": leaf.prov}
    for field in ("points", "weight", "department", "criteria"):
        if getattr(leaf, field) is not None:
            prov[field] = leaf.prov
    weight = leaf.weight
    if weight is None:
        weight = next((c.weight for c in reversed(leaf.categories) if c.weight is not None), None)
    return Indicator(
        id=f"{section_id}.i{n}", section_id=section_id, categories=leaf.categories, number=leaf.number,
        name=leaf.name, criteria=leaf.criteria, points=leaf.points, bonus_points=leaf.bonus_points,
        weight=weight, department=leaf.department, departments=[leaf.department] if leaf.department else [],
        possibly_cut=leaf.possibly_cut, prov=prov,
    )


def beside_tables(leaves: list[Leaf], indicators: list[Indicator], sections: list[Section]) -> list[Leaf]:
    """Given prose leaves of a document whose tables gave indicators, give a table indicator the weight or
    points its prose states ('（1）工作作风（10%）' for the 工作作风 column) and return the prose leaves that
    stand on their own: with a weight or points, named like no table item, section or category."""
    from .rows import split_number
    from .text import key

    def k(text: str | None) -> str:
        return key(split_number(PINYIN.sub("", text or ""))[1])

    by_name = {k(i.name): i for i in indicators if i.name}
    titles = {k(s.title) for s in sections} | {k(c.name) for i in indicators for c in i.categories}
    stated = [leaf for leaf in leaves if leaf.weight is not None or leaf.points is not None]
    standing = []
    for leaf in stated:
        twin = by_name.get(k(leaf.name))
        if twin is None:
            standing.append(leaf)
            continue
        if twin.weight is None and leaf.weight is not None:
            twin.weight = leaf.weight
            twin.prov["weight"] = leaf.prov
        if twin.points is None and leaf.points is not None:
            twin.points = leaf.points
            twin.prov["points"] = leaf.prov
    # Only once the table items hold what their prose gives can a heading be known by their sum.
    return [leaf for leaf in standing if not _heads_table(leaf, indicators)
            and k(leaf.name) not in titles and not any(k(c.name) in titles for c in leaf.categories[-1:])]


def _heads_table(leaf: Leaf, indicators: list[Indicator]) -> bool:
    """Given a prose leaf and the tables' indicators, tell whether the leaf is the heading of one table's items:
    its weight (or points) is what that table's items add up to ('交叉评分，权重30%' over a rating sheet of
    three 10% criteria). The leaf becomes their outermost category (True) instead of an item of its own."""
    tables: dict[int, list[Indicator]] = {}
    for ind in indicators:
        at = ind.prov.get("name")
        if at is not None and at.table_no is not None:
            tables.setdefault(at.table_no, []).append(ind)
    for members in tables.values():
        for field in ("weight", "points"):
            own, values = getattr(leaf, field), [getattr(i, field) for i in members]
            if own is None or len(values) < MIN_HEADED or any(v is None for v in values) \
                    or abs(sum(values) - own) > 1e-6 or any(c.weight or c.points for i in members for c in i.categories):
                continue
            heading = Category(name=leaf.name, points=leaf.points, weight=leaf.weight, prov=leaf.prov)
            for ind in members:
                ind.categories = [heading, *ind.categories]
            return True
    return False


MIN_HEADED = 2
