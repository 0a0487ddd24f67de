"""Reconciliation of an indicator table: stated totals (sections, categories, 总分) against the rows under them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from schemas.indicators import IndicatorTable, SectionRole

SECTION, CATEGORY, TOTAL = "部分", "类别", "总分"


@dataclass
class Check:
    kind: str  # 部分 / 类别 / 总分
    scope: str
    stated: float
    computed: float
    complete: bool  # every row under it states points; otherwise the sum cannot be checked
    indicator_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool | None:
        """True when the rows add up to the stated points, False when not, None when rows lack points."""
        return abs(self.stated - self.computed) <= 1e-6 if self.complete else None


def _section_checks(table: IndicatorTable) -> list[Check]:
    """Given a table, return each base section's stated points against its indicators' sum."""
    checks = []
    for section in table.sections:
        if section.points is None or section.role is not SectionRole.BASE:
            continue  # a bonus section's points are a cap, not a sum
        rows = [i for i in table.indicators if i.section_id == section.id]
        if rows:
            checks.append(Check(SECTION, section.title, section.points, round(sum(i.points or 0.0 for i in rows), 4),
                                all(i.points is not None for i in rows), [i.id for i in rows]))
    return checks


def _category_checks(table: IndicatorTable) -> list[Check]:
    """Given a table, return each category with stated points against the sum of the indicators it holds."""
    stated: dict[tuple, float] = {}
    members: dict[tuple, list] = defaultdict(list)
    for ind in table.indicators:
        for depth, cat in enumerate(ind.categories):
            key = (ind.section_id, tuple(c.name for c in ind.categories[: depth + 1]))
            if cat.points is not None:
                stated[key] = cat.points
            members[key].append(ind)
    return [Check(CATEGORY, " ▸ ".join(key[1]), stated[key], round(sum(i.points or 0.0 for i in members[key]), 4),
                  all(i.points is not None for i in members[key]), [i.id for i in members[key]]) for key in stated]


def _total_check(table: IndicatorTable) -> list[Check]:
    """Given a results document with a stated 总分, return it against the sum of its rows' 实得分."""
    if table.stated_total is None or not table.results:
        return []
    got = [r.points_got for r in table.results]
    return [Check(TOTAL, "总分", table.stated_total, round(sum(g or 0.0 for g in got), 4),
                  all(g is not None for g in got), [r.id for r in table.results])]


def table_checks(table: IndicatorTable) -> list[Check]:
    """Given an indicator table, return every stated total it carries checked against its rows."""
    return _section_checks(table) + _category_checks(table) + _total_check(table)
