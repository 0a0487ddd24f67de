"""What one rule atom does with the rows that fired it, and how an item settles its points."""
from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field

import numpy as np

from schemas.indicators import SectionRole
from schemas.rules import Direction, OtherSubtype, RuleAtom, RuleItem, RuleKind

from ..rules.other import FIRED
from .text import similarity

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
        "==": operator.eq, "!=": operator.ne}
_DEDUCT_KINDS = {RuleKind.DEDUCT_FIXED, RuleKind.DEDUCT_PER, RuleKind.ZERO_ITEM}
_ADD_KINDS = {RuleKind.ADD_FIXED, RuleKind.ADD_PER, RuleKind.PROPORTIONAL, RuleKind.GRADE, RuleKind.WEIGHT}
# Setter atoms state what the item is worth, not how much to add: contribution = worth − start.
SETTERS = {RuleKind.PROPORTIONAL, RuleKind.GRADE, RuleKind.WEIGHT}
# A step of a measured quantity: 1个百分点 / 3% / 0.5‰ / 1分 / 200株 / 1微克/立方米 (rates as fractions).
_STEP = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>.+)$")
_RATE_UNITS = {"%": 100.0, "个百分点": 100.0, "百分点": 100.0, "‰": 1000.0}


@dataclass(slots=True)
class Hit:
    """Everything that fired one atom for one unit in one period."""

    count: float = 0.0
    values: list[float] = field(default_factory=list)
    decided: list[float] = field(default_factory=list)
    undecided: float = 0.0
    measure: float | None = None
    target: float | None = None
    rank: int | None = None
    rank_size: int = 0
    texts: list[str] = field(default_factory=list)
    raters: dict[str, float] = field(default_factory=dict)


@dataclass
class Outcome:
    """Signed points at the smallest (lo) and largest (hi) amount the clause allows."""

    raw_lo: float = 0.0
    raw_hi: float = 0.0
    lo: float = 0.0
    hi: float = 0.0
    fired: bool = True
    provisional: bool = False
    zero: bool = False
    veto: bool = False
    exempt: bool = False
    factor: float = 1.0
    downgrade: float = 0.0
    needs: str = ""
    note: str = ""
    value: float | None = None


def sign(atom: RuleAtom, item: RuleItem) -> int:
    """−1 when the atom deducts, +1 when it adds (bonus items add unless told otherwise)."""
    if atom.kind in _DEDUCT_KINDS or atom.direction == Direction.DEDUCT:
        return -1
    if atom.kind in _ADD_KINDS or atom.direction == Direction.ADD or item.section_role == SectionRole.BONUS:
        return 1
    return -1


def subtypes(item: RuleItem) -> dict[OtherSubtype, RuleAtom]:
    """The `other` atoms of an item by subtype (the first of each)."""
    found: dict[OtherSubtype, RuleAtom] = {}
    for atom in item.atoms:
        if atom.kind == RuleKind.OTHER and atom.subtype is not None:
            found.setdefault(atom.subtype, atom)
    return found


def item_start(item: RuleItem) -> float:
    """Points an item starts with: its 基础分 when stated, full points if anything can deduct from it, else 0."""
    base = subtypes(item).get(OtherSubtype.BASE_SCORE)
    if base is not None and base.points is not None:
        return float(base.points)
    if item.points is None or item.section_role != SectionRole.BASE:
        return 0.0
    scoring = [a for a in item.atoms
               if a.kind not in (RuleKind.CAP_ONLY, RuleKind.VETO, RuleKind.UNPARSED, RuleKind.OTHER)]
    deducts = any(sign(a, item) < 0 and a.kind not in SETTERS for a in scoring)
    return float(item.points) if deducts or not scoring else 0.0


def item_flags(items: list[RuleItem]) -> dict[str, np.ndarray]:
    """Per item, what its `other` atoms say about settling it: only one side counts, no floor, no ceiling."""
    found = [subtypes(i) for i in items]
    uncapped = [f.get(OtherSubtype.UNCAPPED) for f in found]
    return {"deduct_only": np.array([OtherSubtype.DEDUCT_ONLY in f for f in found], dtype=bool),
            "add_only": np.array([OtherSubtype.ADD_ONLY in f for f in found], dtype=bool),
            "no_ceiling": np.array([u is not None and u.direction != Direction.DEDUCT for u in uncapped], dtype=bool),
            "no_floor": np.array([u is not None and u.direction == Direction.DEDUCT for u in uncapped], dtype=bool)}


def step_size(atom: RuleAtom) -> tuple[float, bool] | None:
    """The step a per rule counts by (每下降3% → (0.03, True), 每3次 → (3, False)), None for a plain unit."""
    m = _STEP.match(atom.per or "") if atom.kind in (RuleKind.DEDUCT_PER, RuleKind.ADD_PER) else None
    if not m:
        return None
    scale = _RATE_UNITS.get(m["unit"])
    return (float(m["n"]) / scale, True) if scale else (float(m["n"]), False)


def is_measured(atom: RuleAtom) -> bool:
    """Whether a per rule steps through a measured value (a rate, a score, an amount), so a measure can feed it."""
    step = step_size(atom)
    if atom.start is not None and atom.kind in (RuleKind.DEDUCT_PER, RuleKind.ADD_PER):
        return True  # 超过20起的，每增加1起: a count measured past its start steps by its unit
    return bool(step and (step[1] or not re.search(r"[次件人起项条篇天户辆台期]$", atom.per or "")))


def fires_on_events(atom: RuleAtom) -> bool:
    """Whether event rows can fire the atom: amounts, tiers, grades, vetoes, and the `other` atoms that act."""
    return atom.kind != RuleKind.OTHER or atom.subtype in FIRED


def steps(atom: RuleAtom, hit: Hit) -> float | str | None:
    """How many steps a per rule counts: from the measure past its start (or target), else from the events."""
    size, rate = step_size(atom) or (1.0, False)
    measure = hit.measure
    if measure is None and atom.start is not None and not rate and not hit.values:
        measure = hit.count  # 超过20起的，每增加1起: the events counted are what is compared with the start
    if measure is not None:
        bound = atom.start
        if bound is not None:
            if not _OPS[bound.op](round(measure, 9), round(bound.value, 9)):
                return None
            gap = abs(measure - bound.value)
        elif hit.target is not None:
            gap = hit.target - measure if atom.kind == RuleKind.DEDUCT_PER else measure - hit.target
            if gap <= 0:
                return None
        else:
            return "按幅度计分，度量没有目标值且规则没有起点：请在度量的目标列填写目标"
        return float(math.floor(gap / size + 1e-9)) or None
    if hit.values and rate:  # 数值 of an event: how far it fell (3% → 0.03)
        return float(sum(math.floor(v / size + 1e-9) for v in hit.values))
    return float(math.floor(hit.count / size + 1e-9)) if not rate else hit.count


def deduct_cap(item: RuleItem) -> float | None:
    """The most all deductions of an item may take (本项最多扣10分), from its cap_only atoms."""
    caps = [a.cap for a in item.atoms if a.kind == RuleKind.CAP_ONLY and a.cap is not None]
    numeric = [float(c) for c in caps if c != "item"]
    if numeric:
        return min(numeric)
    return float(item.points) if caps and item.points is not None else None


def apply(atom: RuleAtom, item: RuleItem, hit: Hit, start: float) -> Outcome:
    """Given an atom and what fired it, return its signed points before and after its own cap."""
    kind = atom.kind
    if kind == RuleKind.VETO:
        return Outcome(veto=True, note="一票否决")
    if kind == RuleKind.UNPARSED:
        return Outcome(provisional=True, needs="规则未能解析为机器规则，需人工判断")
    if kind == RuleKind.ZERO_ITEM:
        return Outcome(zero=True, note="该项不得分")
    if kind == RuleKind.OTHER:
        return _other(atom)
    full = atom.points if atom.points is not None else item.points
    if kind in SETTERS:
        worth = _worth(atom, item, hit, full)
        if isinstance(worth, str):
            return Outcome(provisional=True, needs=worth)
        if worth is None:
            return Outcome(fired=False)
        out = Outcome(raw_lo=worth - start, raw_hi=worth - start, lo=worth - start, hi=worth - start)
        out.value = hit.measure
        if kind == RuleKind.GRADE:  # the clause's trigger names one grade; say which one was met
            out.note = next((f"等次：{t.grade}" for t in atom.grades if any(t.grade in x for x in hit.texts)), "")
        return out
    lo_hi = _magnitude(atom, hit)
    if isinstance(lo_hi, str):
        return Outcome(provisional=True, needs=lo_hi)
    if lo_hi is None:
        return Outcome(fired=False, value=hit.measure)
    lo, hi = lo_hi
    s = sign(atom, item)
    cap = _cap(atom, item)
    out = Outcome(raw_lo=s * lo, raw_hi=s * hi, lo=s * min(lo, cap), hi=s * min(hi, cap),
                  provisional=lo != hi, value=hit.measure)
    if min(hi, cap) < hi:
        out.note = f"本条最多{'扣' if s < 0 else '加'}{cap:g}分，已封顶"
    return out


def _other(atom: RuleAtom) -> Outcome:
    """An `other` atom that fired: it changes how the item's points count, never adds points itself."""
    if atom.subtype == OtherSubtype.EXEMPT:
        return Outcome(exempt=True, note="免扣：本项不扣分")
    if atom.subtype == OtherSubtype.MULTIPLIER:
        factor = atom.factor or 2.0
        return Outcome(factor=factor, note=f"{'加分' if atom.direction == Direction.ADD else '扣分'}按{factor:g}倍计")
    if atom.subtype == OtherSubtype.DOWNGRADE:
        return Outcome(downgrade=atom.factor or 1.0, note=f"等次降低{atom.factor or 1:g}档")
    return Outcome(provisional=True, needs=f"规则“{atom.subtype.value if atom.subtype else '其他'}”不能按事件计分，需人工判断")


def _cap(atom: RuleAtom, item: RuleItem) -> float:
    if atom.cap == "item":
        return float(item.points) if item.points is not None else float("inf")
    return float(atom.cap) if atom.cap is not None else float("inf")


def _magnitude(atom: RuleAtom, hit: Hit) -> tuple[float, float] | str | None:
    """Given an amount-bearing atom, return (smallest, largest) magnitude, None if not met, or a reason."""
    kind = atom.kind
    if kind in (RuleKind.DEDUCT_FIXED, RuleKind.ADD_FIXED):
        return _need_points(atom) or (atom.points, atom.points)
    if kind in (RuleKind.DEDUCT_PER, RuleKind.ADD_PER):
        if step_size(atom) is None and atom.start is None:
            return _need_points(atom) or (atom.points * hit.count, atom.points * hit.count)
        n = steps(atom, hit)
        if n is None or isinstance(n, str):
            return n
        return _need_points(atom) or (atom.points * n, atom.points * n)
    if kind == RuleKind.RANK:
        return _rank_amount(atom, hit)
    if kind == RuleKind.TIERED or (kind == RuleKind.DISCRETIONARY and atom.thresholds):
        return _tiered(atom, hit)
    if kind == RuleKind.DISCRETIONARY:
        return _discretionary(atom, hit)
    return f"规则类型 {kind.value} 不能按事件计分"


def _need_points(atom: RuleAtom) -> str:
    return "" if atom.points is not None else "规则没有写明分值，需人工判断"


def _discretionary(atom: RuleAtom, hit: Hit) -> tuple[float, float] | str:
    """Decided amounts count as decided; the rest span the clause's range (per occurrence if 'per')."""
    decided = sum(hit.decided)
    open_count = hit.undecided if atom.per else float(not hit.decided)
    if not open_count:
        return decided, decided
    if atom.range is None:
        return "视情扣分但没有写明分值范围，需人工认定"
    low, high = atom.range
    return decided + low * open_count, decided + high * open_count


def _tiered(atom: RuleAtom, hit: Hit) -> tuple[float, float] | str | None:
    """Compare the measure, each valued event, or the event count with the tiers; None if no tier is met."""
    # A measure is compared once; valued events each once (每次); bare events by their count (上稿三条).
    if hit.measure is None and not hit.values and not countable(atom):
        return "分档规则比较的是比率或数值，事件没有数值：请填写数值列或提供度量数据"
    values = [hit.measure] if hit.measure is not None else (hit.values or [hit.count])
    lo_total = hi_total = 0.0
    met_any = False
    for value in values:
        met = [t for t in atom.thresholds if _OPS[t.op](round(value, 9), round(t.value, 9))]
        if not met:
            continue
        met_any = True
        lo, hi = _tier_points(atom, met)
        lo_total += lo
        hi_total += hi
    if not met_any:
        return None
    if any(t.points is None for t in atom.thresholds) and atom.range is None:
        return "分档没有写明分值，需人工认定"
    if atom.kind == RuleKind.DISCRETIONARY and hit.decided:
        return sum(hit.decided), sum(hit.decided)
    return lo_total, hi_total


def countable(atom: RuleAtom) -> bool:
    """Whether a tiered clause counts occurrences (一条/两条/三条及以上): whole thresholds of at least 1."""
    return bool(atom.thresholds) and all(t.value >= 1 and float(t.value).is_integer() for t in atom.thresholds)


def _tier_points(atom: RuleAtom, met) -> tuple[float, float]:
    amounts = [(t.points, t.points) if t.points is not None else tuple(atom.range or (0.0, 0.0)) for t in met]
    policy = atom.hit_policy or "max"
    if policy == "first":
        return amounts[0]
    if policy == "sum":
        return sum(a for a, _ in amounts), sum(b for _, b in amounts)
    return max(a for a, _ in amounts), max(b for _, b in amounts)


def _rank_amount(atom: RuleAtom, hit: Hit) -> tuple[float, float] | str | None:
    if hit.rank is None:
        return None
    for tier in atom.ranks:
        rank = hit.rank_size - hit.rank + 1 if tier.from_bottom else hit.rank
        if tier.rank_from <= rank <= tier.rank_to:
            if tier.points is not None:
                return tier.points, tier.points
            if atom.range is None:
                return "名次档没有写明分值，需人工认定"
            # 后5名按名次从1至5分扣分: the amount steps through the range with the position in the band.
            low, high = atom.range
            span = max(tier.rank_to - tier.rank_from, 1)
            step = (rank - tier.rank_from) / span
            amount = high - step * (high - low) if tier.from_bottom else low + step * (high - low)
            return amount, amount
    return None


def _worth(atom: RuleAtom, item: RuleItem, hit: Hit, full: float | None) -> float | str | None:
    """What a setter atom says the item is worth, None if nothing fired it, or a reason it cannot say."""
    if atom.kind == RuleKind.WEIGHT:
        return weighted(parts_of(atom), hit.raters)[0] if hit.raters else None
    if atom.kind == RuleKind.GRADE:
        for tier in atom.grades:
            if any(tier.grade in text for text in hit.texts):
                if tier.full:
                    return full if full is not None else "“满分”但该项没有分值，需人工判断"
                return tier.points if tier.points is not None else f"等次“{tier.grade}”没有写明分值，需人工判断"
        return "事项中没有写明等次（如 优秀/一般），需人工判断" if hit.texts else None
    if hit.measure is None:
        return None
    if full is None:
        return "按比例计分但没有写明满分，需人工判断"
    goal = np.nan if hit.target is None else hit.target
    return float(full * np.clip(proportion(atom, np.array([hit.measure]), np.array([goal]))[0], 0.0, 1.0))


def proportion(atom: RuleAtom, measure: np.ndarray, goal: np.ndarray) -> np.ndarray:
    """Actual over target (得分=权重*B/A); target over actual for 反向 indicators whose target is ≤X (权重*A/B).

    The target is the measure's own, else the value the atom's threshold states (目标值≥90%)."""
    stated = next((t for t in atom.thresholds), None)
    if stated is not None:
        goal = np.where(np.isnan(goal), stated.value, goal)
    with np.errstate(divide="ignore", invalid="ignore"):
        if stated is not None and stated.op in ("<", "<="):
            return np.where(measure == 0, 1.0, goal / measure)
        return np.where(np.isnan(goal) | (goal == 0), measure, measure / np.where(goal == 0, 1, goal))


def parts_of(atom: RuleAtom) -> dict[str, tuple[float | None, float | None]]:
    """The parts a weight atom combines: label → (share, points); the old shares-only mapping when no values."""
    if atom.values:
        return {p.label: (p.weight, p.points) for p in atom.values}
    return {label: (share, None) for label, share in atom.weights.items()}


def weighted(parts: dict[str, float | tuple[float | None, float | None]],
             raters: dict[str, float]) -> tuple[float, list[str]]:
    """Given parts (label → share, or (share, points)) and the parts' scores, return the total and missing parts.

    A share weighs its part's score (局领导 60%); a part with points adds its score, at most its points (业务考核 70分)."""
    total, missing = 0.0, []
    for group, part in parts.items():
        share, points = part if isinstance(part, tuple) else (part, None)
        score = raters.get(group)
        if score is None:
            best = max(raters, key=lambda name: similarity(name, group), default=None)
            score = raters[best] if best is not None and similarity(best, group) >= 0.5 else None
        if score is None:
            missing.append(group)
        elif share is not None:
            total += share * score
        else:
            total += min(score, points) if points is not None else score
    return total, missing
