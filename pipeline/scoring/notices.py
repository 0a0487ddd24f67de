"""What a person must know about a scoring run before trusting its totals: periods that do not fit the
scheme, events from another year, and totals that are bare sums of deductions because no base score is set."""
from __future__ import annotations

from schemas.indicators import ScoringStyle
from schemas.rules import Period, Rulebook

from .. import labels
from .periods import is_whole

PERIOD_WORD = {Period.MONTH: "按月", Period.QUARTER: "按季度", Period.YEAR: "按年度", Period.WEEK: "按周",
               Period.DAY: "按日"}


def run_notices(book: Rulebook, granularity: Period, base_score: float | None, cells: list[dict],
                periods: list[str]) -> list[str]:
    """Given a rulebook, its scoring period and base score, the scored cells and their periods, return the
    warnings (Chinese) the ranking must show."""
    out = []
    coarse = [p for p in periods if not is_whole(p, granularity)]
    if coarse:
        out.append(f"方案{PERIOD_WORD[granularity]}计分，而有的事件只写到 {'、'.join(coarse)}："
                   "这些事件计入总分，但不分到具体期间，也不参加期间排名")
    year = book.meta.year
    years = sorted({p[:4] for p in periods})
    other = [y for y in years if year and y != str(year)]
    if other:
        title = f"《{book.meta.title}》" if book.meta.title else ""
        out.append(f"事件属于 {'、'.join(other)} 年，而方案{title}是 {year} 年度的：请确认用的是对应年度的方案")
    if base_score is None and cells and all(c["start"] == 0 for c in cells):
        style = "加扣分制、" if book.meta.scoring_style == ScoringStyle.ADD_DEDUCT else ""
        out.append(f"方案（{style}指标未列分值）没有写明基础分：总分是各项加分与扣分之和，扣分多的单位为负数，"
                   "排名不受影响。如需从基础分算起，请用 --base 100（每个考评期间的基础分），"
                   "或在规则手册“说明”表中填写“基础分”")
    return out


def period_word(granularity: Period) -> str:
    """Given a scoring period, return how a sentence says it (按月, 按年度 …)."""
    return PERIOD_WORD.get(granularity, labels.label(labels.PERIOD, granularity) or "")
