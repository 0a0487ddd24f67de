"""Rule differences of two aligned indicators: same clause kind, different points, caps or thresholds."""
from __future__ import annotations

from dataclasses import dataclass

from schemas.normalized import NormalizedIndicator
from schemas.rules import Direction, RuleAtom, RuleKind

from ..normalize.metrics import canonical_metric, metric_spec
from .align import dice

KIND_ZH = {
    "deduct_fixed": "定额扣分", "add_fixed": "定额加分", "deduct_per": "按次扣分", "add_per": "按次加分",
    "zero_item": "该项不得分", "proportional": "按比例", "tiered": "分档", "discretionary": "视情",
    "rank": "按名次", "grade": "按等次", "veto": "一票否决", "cap_only": "封顶", "weight": "权重", "other": "其他规则",
    "unparsed": "未解析",
}
_NO_PARAMETERS = {RuleKind.VETO, RuleKind.ZERO_ITEM, RuleKind.UNPARSED, RuleKind.WEIGHT}
SAME_CLAUSE = 0.3  # condition similarity from which two atoms of one kind are the same clause


@dataclass
class RuleChange:
    kind: str
    field: str  # 分值 / 封顶 / 幅度 / 阈值 / 指标分值
    left: str
    right: str
    verdict: str  # 左更严 / 右更严 / 不同
    condition: str = ""


def _fmt(value) -> str:
    if value is None:
        return "—"
    if value == "item":
        return "扣完为止"
    if isinstance(value, tuple):
        return f"{value[0]:g}–{value[1]:g}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _cap_size(cap) -> float:
    """A missing cap or 扣完为止 lets a rule go furthest."""
    return float("inf") if cap in (None, "item") else float(cap)


def _verdict(bigger_left: bool | None, deducts: bool) -> str:
    """More deduction is stricter; more bonus is looser."""
    if bigger_left is None:
        return "不同"
    return "左更严" if bigger_left == deducts else "右更严"


def _pair_atoms(left: list[RuleAtom], right: list[RuleAtom]) -> list[tuple[RuleAtom, RuleAtom]]:
    """Given two atom lists, pair atoms of the same kind, most similar conditions first."""
    pairs, used = [], set()
    for a in left:
        if a.kind in _NO_PARAMETERS:
            continue
        options = [(dice(a.condition or a.text, b.condition or b.text), j) for j, b in enumerate(right)
                   if j not in used and b.kind == a.kind and b.direction == a.direction]
        if not options:
            continue
        sim, j = max(options)
        if sim >= SAME_CLAUSE or sum(1 for b in right if b.kind == a.kind) == 1:
            used.add(j)
            pairs.append((a, right[j]))
    return pairs


def _threshold_change(a: RuleAtom, b: RuleAtom, kind: str, cond: str) -> RuleChange | None:
    ta, tb = a.thresholds[0], b.thresholds[0]
    if (ta.op, ta.value) == (tb.op, tb.value):
        return None
    metric = canonical_metric(a.metric or a.condition) or canonical_metric(b.metric or b.condition)
    verdict = "不同"
    if metric and ta.op == tb.op:
        lower_better = metric_spec(metric)["direction"] == "lower"
        # A deduction triggered at a tighter bar (超过0.1% vs 超过0.8% for a lower-is-better rate) is stricter.
        verdict = "左更严" if (ta.value < tb.value) == lower_better else "右更严"
    return RuleChange(kind, "阈值", f"{ta.op}{ta.value:g}", f"{tb.op}{tb.value:g}", verdict, cond)


def rule_changes(left: NormalizedIndicator, right: NormalizedIndicator) -> list[RuleChange]:
    """Given two aligned indicators, return their differing points, caps, ranges and thresholds."""
    changes = []
    if left.points is not None and right.points is not None and left.points != right.points:
        changes.append(RuleChange("指标", "指标分值", _fmt(left.points), _fmt(right.points), "不同"))
    for a, b in _pair_atoms(left.atoms, right.atoms):
        kind = KIND_ZH.get(a.kind.value, a.kind.value)
        deducts = a.direction != Direction.ADD
        cond = a.condition or a.text
        if a.points is not None and b.points is not None and a.points != b.points:
            changes.append(RuleChange(kind, "分值", _fmt(a.points), _fmt(b.points),
                                      _verdict(a.points > b.points, deducts), cond))
        if a.cap != b.cap:
            bigger = None if _cap_size(a.cap) == _cap_size(b.cap) else _cap_size(a.cap) > _cap_size(b.cap)
            changes.append(RuleChange(kind, "封顶", _fmt(a.cap), _fmt(b.cap), _verdict(bigger, deducts), cond))
        if a.range and b.range and a.range != b.range:
            changes.append(RuleChange(kind, "幅度", _fmt(a.range), _fmt(b.range),
                                      _verdict(a.range[1] > b.range[1] if a.range[1] != b.range[1] else None,
                                               deducts), cond))
        if a.thresholds and b.thresholds and (change := _threshold_change(a, b, kind, cond)):
            changes.append(change)
    return changes
