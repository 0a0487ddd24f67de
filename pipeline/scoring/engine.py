"""Score a rulebook against events and measures, vectorised: rows → slots (unit, period, atom) → items → cells."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from schemas.events import InputIssue
from schemas.indicators import Frequency, SectionRole
from schemas.rules import Direction, OtherSubtype, Period, Rulebook, RuleKind

from . import explain
from .aggregate import report
from .caps import cap_groups, cut
from .mappings import mapping_issues, mapping_records
from .scopes import UnitScope, unit_scope
from .match import SCHEME_ITEM, RuleIndex
from .periods import period_key
from .render import gc_paused, render
from .semantics import deduct_cap, item_flags, item_start, weighted
from .slots import build_slots
from .vector import outcomes

_BOTTOM = SectionRole.BOTTOM_LINE


@dataclass
class Settings:
    granularity: Period
    aggregate: str
    item_floor: bool
    base_score: float | None


@dataclass
class Scored:
    """Everything render() needs to write the trail out: slots, outcomes and the settled items."""

    index: RuleIndex
    slots: object
    out: object
    pairs: np.ndarray
    inverse: np.ndarray
    settled: dict[str, np.ndarray]
    units: list[str]
    periods: list[str]
    allowed: np.ndarray  # units × items: the unit is assessed on the item


def settings_of(book: Rulebook) -> Settings:
    """Given a rulebook, return its scoring settings with defaults filled in."""
    s = book.scoring
    granularity = s.period if s and s.period else {
        Frequency.MONTHLY: Period.MONTH, Frequency.QUARTERLY: Period.QUARTER,
    }.get(book.meta.frequency, Period.YEAR)
    base = s.base_score if s else None
    if base is None and not any(i.points for i in book.items):
        # 考核基础分为100分，实行扣分制: a scheme whose items carry no points starts every unit from its base
        base = next((a.points for r in book.scheme_rules for a in r.atoms
                     if a.kind == RuleKind.OTHER and a.subtype == OtherSubtype.BASE_SCORE and a.points), None)
    return Settings(granularity, s.aggregate if s else "sum", s.item_floor if s else True, base)


def compute(book: Rulebook, events: pd.DataFrame | None, measures: pd.DataFrame | None = None,
            issues: list[InputIssue] | None = None, *, periods: list[str] | None = None) -> tuple[Scored, dict]:
    """Given a rulebook and read events/measures, return the compact trail and the ranked report."""
    with gc_paused():
        return _compute(book, events, measures, issues, periods)


def _compute(book, events, measures, issues, periods) -> tuple[Scored, dict]:
    cfg = settings_of(book)
    index = RuleIndex(book)
    issues = list(issues or [])

    @lru_cache(maxsize=None)
    def to_period(raw: str) -> str | None:
        return period_key(raw, cfg.granularity)

    slots, raters, units, seen, n_scored = build_slots(index, events, measures, to_period, issues)
    units, all_periods = sorted(units), sorted(seen | set(periods or []))
    targets = list(index.targets.values())
    starts = {i.indicator_id: item_start(i) for i in index.items}
    out = outcomes(targets, slots, [starts[t.item.indicator_id] for t in targets])
    unit_code = pd.Index(units).get_indexer(slots.unit)
    period_code = pd.Index(all_periods).get_indexer(slots.period)
    groups, mappings = cap_groups(book, index.items, cfg.granularity)
    scope = unit_scope(index.items, units)
    file = events.attrs.get("file") if events is not None else None
    allowed = _out_of_scope(index, scope, slots, out, unit_code, units, issues, file)
    scored, cells = _settle(book, index, cfg, slots, out, unit_code, period_code, units, all_periods, starts,
                            groups, allowed)
    _flags(index, slots, out, cells, unit_code, period_code, len(all_periods), issues)
    for cell in cells:
        _components(index.rater_rules, raters.get((cell["unit"], cell["period"])), cell, issues)
    n_events = 0 if events is None else len(events)
    n_measures = 0 if measures is None else len(measures)
    result = report(book, cfg, cells, issues + mapping_issues(mappings, scope), n_events, n_scored, n_measures)
    result["scheme_mappings"] = mapping_records(mappings, scope, index)
    return scored, result


def score(book: Rulebook, events: pd.DataFrame | None, measures: pd.DataFrame | None = None,
          issues: list[InputIssue] | None = None, *, periods: list[str] | None = None) -> dict:
    """Given a rulebook and read events/measures, return the full report (a ScoreReport-shaped dict)."""
    scored, result = compute(book, events, measures, issues, periods=periods)
    render(book, scored, result["period_scores"])
    return result


def _settle(book, index, cfg, slots, out, unit_code, period_code, units, periods, starts, groups, allowed):
    """Settle every touched (cell, item) at once, cut caps per cell and build the cell records."""
    items = index.items
    item_pos = {i.indicator_id: k for k, i in enumerate(items)}
    target_item = np.array([item_pos[t.item.indicator_id] for t in index.targets.values()], dtype=np.int64)
    n_items, n_cells = len(items), len(units) * len(periods)
    start_arr = np.array([starts[i.indicator_id] for i in items])
    points = np.array([np.nan if i.points is None else float(i.points) for i in items])
    dcap = np.array([np.nan if (c := deduct_cap(i)) is None else c for i in items])
    bottom = np.array([i.section_role == _BOTTOM for i in items])
    fired = np.flatnonzero(out.fired)
    cell = unit_code[fired].astype(np.int64) * len(periods) + period_code[fired]
    pairs, inverse = np.unique(cell * n_items + target_item[slots.target[fired]], return_inverse=True)
    item_of, cell_of = pairs % n_items, pairs // n_items
    sums = {name: np.bincount(inverse, weights=w, minlength=len(pairs)) for name, w in (
        ("neg_lo", np.minimum(out.lo[fired], 0)), ("pos_lo", np.maximum(out.lo[fired], 0)),
        ("neg_hi", np.minimum(out.hi[fired], 0)), ("pos_hi", np.maximum(out.hi[fired], 0)),
        ("zero", out.zero[fired].astype(float)), ("prov", out.provisional[fired].astype(float)),
        ("exempt", out.exempt[fired].astype(float)), ("down", out.downgrade[fired]))}
    zero, start = sums["zero"] > 0, start_arr[item_of]
    p, cap, is_bottom = points[item_of], dcap[item_of], bottom[item_of]
    factors = _factors(index, slots, out, fired, inverse, len(pairs))
    flags = {name: arr[item_of] for name, arr in item_flags(items).items()}

    def settle(neg, pos):
        # 免扣 drops the deductions, 扣分加倍 multiplies them; 只减分不加分 / 只加分不扣分 drop the other side
        neg = np.where((sums["exempt"] > 0) | flags["add_only"], 0.0, neg * factors[0])
        pos = np.where(flags["deduct_only"], 0.0, pos * factors[1])
        raw = start + np.where(np.isnan(cap), neg, np.maximum(neg, -cap)) + pos
        final = np.where(zero, 0.0, raw)
        has_p = ~np.isnan(p)
        floor = cfg.item_floor
        final = np.where(has_p & is_bottom & floor, np.maximum(final, -np.nan_to_num(p)), final)
        lower = np.where(flags["no_floor"], final, np.maximum(final, 0.0) if floor else final)
        ordinary = np.where(flags["no_ceiling"], lower, np.minimum(lower, np.nan_to_num(p)))  # 加分不封顶
        return raw, np.where(has_p & ~is_bottom, ordinary, final)

    raw, final = settle(sums["neg_lo"], sums["pos_lo"])
    _, other = settle(sums["neg_hi"], sums["pos_hi"])
    d_lo, d_hi = final - start, other - start
    scored = Scored(index, slots, out, pairs, inverse, {
        "item": item_of, "cell": cell_of, "raw": raw, "final": final, "low": np.minimum(final, other),
        "high": np.maximum(final, other), "prov": sums["prov"] > 0, "zero": zero}, units, periods, allowed)
    total_lo = np.bincount(cell_of, weights=d_lo, minlength=n_cells)
    total_hi = np.bincount(cell_of, weights=d_hi, minlength=n_cells)
    downgrades = np.bincount(cell_of, weights=sums["down"], minlength=n_cells)
    deduct = np.bincount(cell_of, weights=np.minimum(d_lo, 0), minlength=n_cells)
    add = np.bincount(cell_of, weights=np.maximum(d_lo, 0), minlength=n_cells)
    bottom_cells = set(cell_of[is_bottom & (np.minimum(final, other) < start)].tolist())
    prov_cells = set(cell_of[sums["prov"] > 0].tolist())
    start_arr_scored = np.where([i.indicator_id == SCHEME_ITEM for i in items], 0.0, start_arr)
    unit_start = (cfg.base_score or 0.0) + (allowed.astype(float) @ start_arr_scored)
    cap_rows = _caps(groups, item_of, cell_of, d_lo, d_hi, n_cells, item_pos)
    cells = []
    for c in range(n_cells):
        unit, period = units[c // len(periods)], periods[c % len(periods)]
        start_total = float(unit_start[c // len(periods)])
        record = {"unit": unit, "period": period, "start": start_total, "vetoes": [], "bottom_line": c in bottom_cells,
                  "components": {}, "caps": [], "provisional": c in prov_cells, "rank": None,
                  "_deduct": float(deduct[c]), "_add": float(add[c]), "_downgrade": float(downgrades[c])}
        lo, hi = start_total + total_lo[c], start_total + total_hi[c]
        for group, raw_lo, raw_hi, adj_lo, adj_hi in cap_rows.get(c, ()):
            if group.yearly:
                record.setdefault("_yearly", []).append((group, raw_lo, raw_hi))
                continue
            lo, hi = lo + adj_lo, hi + adj_hi
            record["caps"].append({"scope": group.scope, "direction": group.direction, "cap": group.cap,
                                   "raw": raw_lo, "capped": raw_lo + adj_lo,
                                   "explanation": explain.cap_line(group.scope, group.direction, group.cap, raw_lo,
                                                                   period)})
        record.update(total=lo, _b=hi)
        cells.append(record)
    return scored, cells


def _factors(index, slots, out, fired, inverse, n_pairs) -> tuple[np.ndarray, np.ndarray]:
    """Per (cell, item): the factor its deductions and its additions count with (扣分加倍 fired → 2)."""
    adds = np.array([t.atom.direction == Direction.ADD for t in index.targets_list], dtype=bool)
    if not len(fired) or (out.factor[fired] == 1).all():
        return np.ones(n_pairs), np.ones(n_pairs)
    on_add = adds[slots.target[fired]]
    neg, pos = np.ones(n_pairs), np.ones(n_pairs)
    np.maximum.at(neg, inverse, np.where(on_add, 1.0, out.factor[fired]))
    np.maximum.at(pos, inverse, np.where(on_add, out.factor[fired], 1.0))
    return neg, pos


def _caps(groups, item_of, cell_of, d_lo, d_hi, n_cells, item_pos) -> dict[int, list]:
    """Per cell, the cap groups whose sums bite (or are yearly): (group, raw_lo, raw_hi, adj_lo, adj_hi)."""
    rows: dict[int, list] = {}
    for group in groups:
        member = np.zeros(len(item_pos), bool)
        member[[item_pos[k] for k in group.items]] = True
        inside = member[item_of]
        keep = (lambda d: d < 0) if group.direction == "deduct" else (lambda d: d > 0)
        sum_lo = np.bincount(cell_of, weights=np.where(inside & keep(d_lo), d_lo, 0.0), minlength=n_cells)
        sum_hi = np.bincount(cell_of, weights=np.where(inside & keep(d_hi), d_hi, 0.0), minlength=n_cells)
        if group.yearly:
            for c in np.flatnonzero((sum_lo != 0) | (sum_hi != 0)):
                rows.setdefault(int(c), []).append((group, float(sum_lo[c]), float(sum_hi[c]), 0.0, 0.0))
            continue
        adj_lo = np.array([cut(group, v) for v in sum_lo]) if n_cells else sum_lo
        adj_hi = np.array([cut(group, v) for v in sum_hi]) if n_cells else sum_hi
        for c in np.flatnonzero((adj_lo != 0) | (adj_hi != 0)):
            rows.setdefault(int(c), []).append((group, float(sum_lo[c]), float(sum_hi[c]), float(adj_lo[c]),
                                                float(adj_hi[c])))
    return rows


def _out_of_scope(index, scope: UnitScope, slots, out, unit_code, units, issues, file) -> np.ndarray:
    """Units × items the unit is assessed on; rows on another 科室's items are reported and not scored."""
    allowed = np.array([[scope.allows(u, i) for i in index.items] for u in units], dtype=bool).reshape(
        len(units), len(index.items))
    if allowed.all() or not len(slots):
        return allowed
    item_pos = {i.indicator_id: k for k, i in enumerate(index.items)}
    target_item = np.array([item_pos[t.item.indicator_id] for t in index.targets.values()], dtype=np.int64)
    outside = out.fired & ~allowed[unit_code, target_item[slots.target]]
    out.fired &= ~outside
    targets = index.targets_list
    for i in np.flatnonzero(outside).tolist():
        item = targets[slots.target[i]].item
        line = int(slots.lines[slots.line_start[i]]) if slots.line_end[i] > slots.line_start[i] else None
        issues.append(InputIssue(kind="unmatched", file=file, line=line, unit=units[unit_code[i]],
                                 period=str(slots.period[i]),
                                 text="/".join(item.path),
                                 reason=f"该指标属于{scope.owners.get(item.section_id, '其他科室')}，"
                                        f"不考核{units[unit_code[i]]}：未计分，请核对单位或指标"))
    return allowed


def _flags(index, slots, out, cells, unit_code, period_code, n_periods, issues) -> None:
    """Vetoes and clauses that need a person: few rows, recorded on their cells and as issues."""
    targets = list(index.targets.values())
    label = explain.doc_label(index.book)
    for i, reason in out.out_of_range.items():
        target = targets[slots.target[i]]
        cell = cells[int(unit_code[i]) * n_periods + int(period_code[i])]
        issues.append(InputIssue(kind="out_of_range", line=int(slots.lines[slots.line_start[i]]), unit=cell["unit"],
                                 period=cell["period"], text=target.atom.condition or target.atom.text, reason=reason))
    for i in np.flatnonzero(out.veto & out.fired).tolist() + sorted(out.needs):
        target = targets[slots.target[i]]
        cell = cells[int(unit_code[i]) * n_periods + int(period_code[i])]
        where = explain.where(label, target)
        what = target.atom.condition or target.atom.text
        if i in out.needs:
            line = int(slots.lines[slots.line_start[i]]) if slots.line_end[i] > slots.line_start[i] else (
                int(slots.measure_line[i]) if slots.measure_line[i] >= 0 else None)
            issues.append(InputIssue(kind="needs_person", line=line, unit=cell["unit"], period=cell["period"],
                                     text=what, reason=f"{out.needs[i]}（{where}）"))
            cell["provisional"] = True
        else:
            cell["vetoes"].append(f"{what}（{where}）")


def _components(rules, scores, cell, issues) -> None:
    """Weighted rater scores (局领导 60% / 各部门 40%) of a unit-period, added to its total."""
    if not scores or not rules:
        return
    for rule in rules:
        value, missing = weighted(rule.weights, {g: v for g, (v, _) in scores.items()})
        name = "测评（" + "、".join(f"{g}{w:.0%}" for g, w in rule.weights.items()) + "）"
        cell["components"][name] = round(value, 6)
        cell["total"] += value
        cell["_b"] += value
        if missing:
            cell["provisional"] = True
            issues.append(InputIssue(kind="needs_person", unit=cell["unit"], period=cell["period"], text=name,
                                     reason=f"缺少测评主体 {'、'.join(missing)} 的分数，测评分按已有部分计"))
