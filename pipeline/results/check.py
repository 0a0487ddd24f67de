"""Reconcile a results document's own arithmetic: block points, budget score, total, lost points, counts."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.indicators import ResultRow

from .text import ResultsReading

TOLERANCE = 0.005  # the forms write points to two decimals
OK, BAD, INFO = "一致", "不一致", "提示"
QUANTITY = re.compile(r"^(?P<op>[≥≤><＞＜]|不低于|不少于|不超过|不高于|低于|高于)?(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|[^\d\s%]{0,2})$")
PROPORTIONAL_NOTE = re.compile(r"得分\s*=\s*权重\s*[*×xX]\s*B\s*/\s*A")


@dataclass
class Finding:
    """One reconciliation: what the document states against what its rows compute to."""

    scope: str
    check: str
    stated: float | None
    computed: float | None
    verdict: str
    note: str = ""
    prov: ProvenanceItem | None = None


@dataclass
class Loss:
    """Points lost by one part of the document (for the chart and the 失分 table)."""

    label: str
    due: float
    got: float
    department: str | None = None

    @property
    def lost(self) -> float:
        return round(self.due - self.got, 2)


@dataclass
class Reconciliation:
    kind: str
    findings: list[Finding] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    by_department: list[Loss] = field(default_factory=list)
    by_group: list[Loss] = field(default_factory=list)

    @property
    def discrepancies(self) -> list[Finding]:
        return [f for f in self.findings if f.verdict == BAD]


def reconcile(reading: ResultsReading) -> Reconciliation:
    """Given a reading of a results document, return its arithmetic checks and where points were lost."""
    if reading.kind == "prose":
        return _reconcile_prose(reading)
    return _reconcile_form(reading)


def _verdict(stated: float | None, computed: float | None) -> str:
    """Given two amounts, return 一致 / 不一致 (提示 when one is missing)."""
    if stated is None or computed is None:
        return INFO
    return OK if abs(stated - computed) <= TOLERANCE else BAD


def _groups(rows: list[ResultRow]) -> dict[str, list[ResultRow]]:
    """Given rows, return them by group in document order."""
    out: dict[str, list[ResultRow]] = {}
    for row in rows:
        out.setdefault(row.group or "（未分组）", []).append(row)
    return out


def _sum(values) -> float:
    return round(sum(v for v in values if v is not None), 2)


def _reconcile_form(reading: ResultsReading) -> Reconciliation:
    """Given a self-evaluation form, check each block's points, the budget score, the total and partial rows."""
    rec = Reconciliation(kind="form")
    groups = _groups(reading.rows)
    headings = []
    for name, rows in groups.items():
        heading = rows[0].group_points
        headings.append(heading)
        got = [r.points_got for r in rows if r.points_got is not None]
        note = "各行均未填得分" if not got else ""
        if any(r.rate for r in rows):
            rec.findings += [_budget_check(name, heading, r) for r in rows if r.rate]
            rec.losses += [Loss(f"{name}·{r.name}", heading, r.points_got) for r in rows
                           if r.rate and heading is not None and r.points_got is not None]
            continue
        computed = _sum(got)
        rec.findings.append(Finding(name, "分项得分之和 vs 标注分值", heading, computed, _verdict(heading, computed),
                                    note, rows[0].prov.get("group_points")))
        if heading is not None:
            rec.by_group.append(Loss(name, heading, computed))
    total_rows = _sum(r.points_got for r in reading.rows)
    if reading.total is not None:
        if all(h is not None for h in headings):
            stated_sum = _sum(headings)
            rec.findings.append(Finding("总分", "总分 vs 各块标注分值之和", reading.total, stated_sum,
                                        _verdict(reading.total, stated_sum), prov=reading.total_prov))
        rec.findings.append(Finding("总分", "总分 vs 各行得分之和", reading.total, total_rows,
                                    _verdict(reading.total, total_rows), prov=reading.total_prov))
    rule_stated = any(PROPORTIONAL_NOTE.search(n) for n in reading.notes)
    for row in (r for r in reading.rows if not r.rate):  # the budget row has its own rule
        finding = _proportional_check(row, rule_stated)
        if finding is not None:
            rec.findings.append(finding)
            rec.losses.append(Loss(f"{row.group}·{row.name}", finding.stated or 0.0, row.points_got or 0.0))
    return rec


def _budget_check(group: str, heading: float | None, row: ResultRow) -> Finding:
    """Given the budget row, check 得分 = block points × 执行率."""
    rate = _quantity(row.rate)
    computed = round(heading * min(rate[1] / 100, 1.0), 2) if heading is not None and rate and rate[2] == "%" else None
    return Finding(group, f"得分 = {fmt_points(heading)} × 执行率 {row.rate}", row.points_got, computed,
                   _verdict(row.points_got, computed), prov=row.prov.get("points_got"))


def _quantity(text: str | None) -> tuple[str, float, str] | None:
    """Given a value cell such as '≥90%', '520 场' or '0', return (comparator, number, unit)."""
    if not text:
        return None
    m = QUANTITY.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    return (m.group("op") or "", float(m.group("value")), m.group("unit") or "")


def _proportional_check(row: ResultRow, rule_stated: bool) -> Finding | None:
    """Given a scored row below its target, check the score against 得分 = 权重 × B/A (A/B for ≤ targets)."""
    target, actual = _quantity(row.target), _quantity(row.actual)
    if row.points_got is None or not target or not actual or target[2] != actual[2] or actual[0]:
        return None
    op, a, unit = target
    b = actual[1]
    reverse = op in ("≤", "<", "＜", "不超过", "不高于", "低于")
    short = (b > a) if reverse else (b < a)
    if not short or a == 0 or b == 0:
        return None
    ratio = a / b if reverse else b / a
    formula = "权重×A/B" if reverse else "权重×B/A"
    if row.points_due is not None:
        weight, how = row.points_due, "权重取自表中分值"
    else:
        weight = round(row.points_got / ratio * 2) / 2  # weights are written in halves at finest
        how = "权重由得分反推" + ("（计分规则见备注）" if rule_stated else "（按比例规则推断）")
    computed = round(weight * ratio, 2)
    note = (f"目标{row.target}，完成{row.actual}（{ratio:.2%}），按 得分={formula}，权重{fmt_points(weight)} → "
            f"{fmt_points(computed)}；{how}")
    return Finding(row.name, "部分完成行的比例得分", weight, computed,
                   OK if abs(computed - row.points_got) <= 0.01 else BAD, note, row.prov.get("points_got"))


def fmt_points(x: float | None) -> str:
    """Given an amount, write it without a trailing .0."""
    if x is None:
        return "—"
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _reconcile_prose(reading: ResultsReading) -> Reconciliation:
    """Given a 整改方案, check each sub-item, sum lost points per item, 科室 and domain, and its counts."""
    rec = Reconciliation(kind="prose")
    for row in reading.rows:
        if row.points_due is not None and row.points_got is not None and not 0 <= row.points_got <= row.points_due:
            rec.findings.append(Finding(row.name, "实得应在 0 与应得之间", row.points_due, row.points_got, BAD,
                                        prov=row.prov.get("points_got")))
    for warning in reading.warnings:
        rec.findings.append(Finding("文字", "原文笔误", None, None, INFO, warning))
    items: dict[tuple, list[ResultRow]] = {}
    for row in reading.rows:
        items.setdefault((row.group, tuple(row.path)), []).append(row)
    for (group, path), rows in items.items():
        label = "·".join(p for p in (group, *path) if p)
        rec.losses.append(Loss(label, _sum(r.points_due for r in rows), _sum(r.points_got for r in rows),
                               rows[0].department))
    for key, attr in (("department", rec.by_department), ("group", rec.by_group)):
        totals: dict[str, list[ResultRow]] = {}
        for row in reading.rows:
            totals.setdefault(getattr(row, key) or "（未注明）", []).append(row)
        attr += [Loss(k, _sum(r.points_due for r in v), _sum(r.points_got for r in v)) for k, v in totals.items()]
    due, got = _sum(r.points_due for r in reading.rows), _sum(r.points_got for r in reading.rows)
    rec.findings.append(Finding("合计", f"{len(reading.rows)} 个子项应得 vs 实得（失分 {fmt_points(round(due - got, 2))}）",
                                due, got, INFO))
    by_id = {r.id: r for r in reading.rows}
    for claim in reading.claims:
        rec.findings.append(_claim_check(claim, by_id, reading.rows))
    return rec


def _claim_check(claim, by_id: dict[str, ResultRow], rows: list[ResultRow]) -> Finding:
    """Given a stated count, compare it with the rows it speaks about."""
    if claim.row_ids:  # 以上[N条]M项：M sub-items (and N items) just above
        covered = [by_id[i] for i in claim.row_ids]
        counted = [len({(r.group, tuple(r.path)) for r in covered}), len(covered)][-len(claim.counts):]
        what = "条/项数" if len(claim.counts) == 2 else "项数"
    else:  # 4大项13小项25个子项目
        counted = [len({r.group for r in rows}), len({(r.group, tuple(r.path)) for r in rows}), len(rows)]
        what = "大项/小项/子项目数"
    stated, computed = "/".join(map(str, claim.counts)), "/".join(map(str, counted))
    verdict = OK if list(claim.counts) == counted[: len(claim.counts)] else BAD
    scope = claim.text if len(claim.text) <= 24 else claim.text[:23] + "…"
    return Finding(scope, f"文中{what} {stated} vs 实列 {computed}", None, None, verdict, prov=claim.prov)
