"""Score a rulebook against events and measures: group rows by (unit, period, rule), apply, settle."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from schemas.events import InputIssue
from schemas.indicators import Frequency, SectionRole
from schemas.rules import Period, RuleKind, Rulebook

from . import explain
from .aggregate import report
from .caps import cap_groups, cut, group_total
from .match import SCHEME_ITEM, RuleIndex, Target, item_name
from .periods import period_key
from .semantics import Hit, apply, deduct_cap, item_start, settle, weighted

_METHODS = ["id", "name", "text", "metric", "rater", "scheme"]
_VALUED = {RuleKind.TIERED, RuleKind.DISCRETIONARY}


@dataclass
class Settings:
    granularity: Period
    aggregate: str
    item_floor: bool
    base_score: float | None


@dataclass
class Fired:
    """One atom fired for one unit in one period, with its trail."""

    target: Target
    hit: Hit = field(default_factory=Hit)
    lines: list[int] = field(default_factory=list)
    first_when: str = ""
    method: str | None = None
    confidence: float = 1.0
    measure_line: int | None = None
    metric: str | None = None


def settings_of(book: Rulebook) -> Settings:
    """Given a rulebook, return its scoring settings with defaults filled in."""
    s = book.scoring
    granularity = s.period if s and s.period else {
        Frequency.MONTHLY: Period.MONTH, Frequency.QUARTERLY: Period.QUARTER,
    }.get(book.meta.frequency, Period.YEAR)
    return Settings(granularity, s.aggregate if s else "sum", s.item_floor if s else True,
                    s.base_score if s else None)


def score(book: Rulebook, events: pd.DataFrame | None, measures: pd.DataFrame | None = None,
          issues: list[InputIssue] | None = None, *, periods: list[str] | None = None) -> dict:
    """Given a rulebook and read events/measures, return the score report (a ScoreReport-shaped dict)."""
    cfg = settings_of(book)
    index = RuleIndex(book)
    issues = list(issues or [])
    fired: dict[tuple[str, str, str], Fired] = {}
    units: set[str] = set()
    seen_periods: set[str] = set(periods or [])
    n_events, n_scored = _fire_events(events, index, cfg, fired, issues, units, seen_periods)
    raters = _fire_measures(measures, index, cfg, fired, issues, units, seen_periods)
    _rank_measures(fired, index)
    cells = _score_cells(book, index, cfg, fired, raters, sorted(units), sorted(seen_periods), issues)
    return report(book, cfg, cells, issues, n_events, n_scored, 0 if measures is None else len(measures))


def _fire_events(events, index: RuleIndex, cfg: Settings, fired, issues, units, periods) -> tuple[int, int]:
    """Match every event row, group matched rows by (unit, period, atom) and record them as fired."""
    if events is None or events.empty:
        return 0, 0
    when = np.where(events["date"].to_numpy() != "", events["date"].to_numpy(), events["period"].to_numpy())
    when_codes, when_uniques = pd.factorize(when)
    keys = np.array([period_key(w, cfg.granularity) for w in when_uniques], dtype=object)
    combo_codes, combos = pd.factorize(events["indicator"].to_numpy() + "\x1f" + events["text"].to_numpy())
    matches = [index.match_event(*c.split("\x1f", 1)) for c in combos]
    target_keys = [m.targets[0].key if m.targets else None for m in matches]
    target_codes, target_uniques = pd.factorize(np.array(target_keys, dtype=object), use_na_sentinel=True)
    row_target = target_codes[combo_codes]
    lines_all = events["line"].to_numpy()
    unit_all, text_all, indicator_all = (events[c].to_numpy() for c in ("unit", "text", "indicator"))
    file = events.attrs.get("file")
    for i in np.flatnonzero(row_target < 0):
        m = matches[combo_codes[i]]
        issues.append(InputIssue(kind=m.issue, file=file, line=int(lines_all[i]), unit=unit_all[i],
                                 text=text_all[i] or indicator_all[i], reason=m.reason, candidates=m.candidates))
    ok = np.flatnonzero(row_target >= 0)
    unit_codes, unit_uniques = pd.factorize(unit_all[ok])
    units.update(unit_uniques)
    periods.update(keys[np.unique(when_codes[ok])])
    method = np.array([_METHODS.index(m.method) if m.targets else 0 for m in matches])[combo_codes[ok]]
    conf = np.array([m.confidence for m in matches])[combo_codes[ok]]
    n_p, n_t = len(when_uniques), max(len(target_uniques), 1)
    key = (unit_codes.astype(np.int64) * n_p + when_codes[ok]) * n_t + row_target[ok]
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    take = ok[order]
    count = events["count"].to_numpy()[take]
    decided = events["decided"].to_numpy()[take]
    open_rows = np.isnan(decided)
    sums = {
        "count": np.add.reduceat(count, starts),
        "decided": np.add.reduceat(np.where(open_rows, 0.0, decided), starts),
        "n_decided": np.add.reduceat((~open_rows).astype(np.int64), starts),
        "undecided": np.add.reduceat(np.where(open_rows, count, 0.0), starts),
        "method": np.maximum.reduceat(method[order], starts),
        "conf": np.minimum.reduceat(conf[order], starts),
    }
    lines = lines_all[take]
    values = events["value"].to_numpy()[take]
    texts = text_all[take]
    whens = when[take]
    ends = np.r_[starts[1:], len(key)]
    for g, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
        k = int(key[s])
        t, rest = k % n_t, k // n_t
        unit, period = unit_uniques[rest // n_p], keys[rest % n_p]
        target = index.targets[target_uniques[t]]
        hit = Hit(count=float(sums["count"][g]), undecided=float(sums["undecided"][g]))
        if sums["n_decided"][g]:
            hit.decided = [float(sums["decided"][g])]
        if target.atom.kind in _VALUED:
            hit.values = [float(v) for v in values[s:e] if not np.isnan(v)]
        if target.atom.kind == RuleKind.GRADE:
            hit.texts = list(texts[s:e])
        fired[(unit, period, target.key)] = Fired(
            target, hit, lines[s:e].tolist(), whens[s], _METHODS[sums["method"][g]], float(sums["conf"][g]))
    return len(events), len(ok)


def _fire_measures(measures, index: RuleIndex, cfg: Settings, fired, issues, units, periods) -> dict:
    """Match every measure row; metric rows join ``fired``, rater rows are returned by (unit, period, scope)."""
    raters: dict[tuple[str, str, str], dict[str, tuple[float, int]]] = {}
    if measures is None or measures.empty:
        return raters
    cache: dict[tuple[str, str], object] = {}
    for row in measures.itertuples(index=False):
        period = period_key(row.period, cfg.granularity)
        match = cache.get((row.metric, row.rater)) or cache.setdefault(
            (row.metric, row.rater), index.match_measure(row.metric, row.rater))
        if match.issue:
            issues.append(InputIssue(kind=match.issue, file=measures.attrs.get("file"), line=int(row.line), unit=row.unit, period=period,
                                     text=row.metric, reason=match.reason, candidates=match.candidates))
            continue
        units.add(row.unit)
        periods.add(period)
        if match.method == "rater":
            scope = match.targets[0].key if match.targets else SCHEME_ITEM
            group = row.rater or row.metric
            raters.setdefault((row.unit, period, scope), {})[group] = (float(row.value), int(row.line))
            continue
        for target in match.targets:
            slot = fired.setdefault((row.unit, period, target.key), Fired(target, method=match.method,
                                                                           confidence=match.confidence))
            if slot.measure_line is not None:
                issues.append(InputIssue(kind="duplicate_measure", line=int(row.line), unit=row.unit, period=period,
                                         text=row.metric, reason=f"同一单位同一期间的度量重复（已有第{slot.measure_line}行），按本行计"))
            slot.hit.measure = float(row.value)
            slot.hit.target = None if np.isnan(row.target) else float(row.target)
            slot.measure_line, slot.metric = int(row.line), row.metric
    for (unit, period, scope), groups in raters.items():
        if scope != SCHEME_ITEM:
            target = index.targets[scope]
            slot = fired.setdefault((unit, period, scope), Fired(target, method="rater"))
            slot.hit.raters = {g: v for g, (v, _) in groups.items()}
            slot.lines = sorted(line for _, line in groups.values())
    return raters


def _rank_measures(fired: dict, index: RuleIndex) -> None:
    """Rank units per (period, rank atom) by their measure: higher is better unless the metric is a rank."""
    boards: dict[tuple[str, str], list[tuple[str, Fired]]] = {}
    for (unit, period, key), slot in fired.items():
        if slot.target.atom.kind == RuleKind.RANK and slot.hit.measure is not None:
            boards.setdefault((period, key), []).append((unit, slot))
    for (period, key), board in boards.items():
        metric = index.targets[key].atom.metric or ""
        given = any(word in metric or word in (board[0][1].metric or "") for word in ("排名", "名次"))
        values = [slot.hit.measure for _, slot in board]
        for unit, slot in board:
            slot.hit.rank = int(slot.hit.measure) if given else 1 + sum(v > slot.hit.measure for v in values)
            slot.hit.rank_size = len(board)


def _score_cells(book, index: RuleIndex, cfg: Settings, fired, raters, units, periods, issues) -> list[dict]:
    """Score every (unit, period): items with their applied rules, caps, components and vetoes."""
    label = explain.doc_label(book)
    locations = {key: explain.where(label, t) for key, t in index.targets.items()}
    items = {i.indicator_id: i for i in index.items}
    starts = {k: item_start(i) for k, i in items.items()}
    dcaps = {k: deduct_cap(i) for k, i in items.items()}
    templates = {k: _indicator(i, starts[k]) for k, i in items.items() if k != SCHEME_ITEM}
    start_total = (cfg.base_score or 0.0) + sum(starts[k] for k in templates)
    groups = cap_groups(book, index.items, cfg.granularity)
    rater_rules = index.rater_rules
    by_cell: dict[tuple[str, str], list[Fired]] = {}
    for (unit, period, _), slot in fired.items():
        by_cell.setdefault((unit, period), []).append(slot)
    cells = []
    for unit in units:
        for period in periods:
            cell = {"unit": unit, "period": period, "start": start_total, "vetoes": [], "bottom_line": False,
                    "components": {}, "caps": [], "provisional": False, "rank": None}
            touched: dict[str, dict] = {}
            parts: dict[str, tuple[list, list, bool]] = {}
            for slot in by_cell.get((unit, period), ()):
                _apply_slot(slot, unit, period, starts, locations, touched, parts, templates, cell, issues)
            deltas_lo, deltas_hi = {}, {}
            for key, entry in touched.items():
                lo, hi, zero = parts[key]
                item = items[key]
                raw, final = settle(item, starts[key], lo, zero, cfg.item_floor, dcaps[key])
                _, other = settle(item, starts[key], hi, zero, cfg.item_floor, dcaps[key])
                entry.update(raw=raw, final=final, low=min(final, other), high=max(final, other))
                deltas_lo[key], deltas_hi[key] = final - entry["start"], other - entry["start"]
                if item.section_role == SectionRole.BOTTOM_LINE and min(final, other) < entry["start"]:
                    cell["bottom_line"] = True
            adjust_lo = adjust_hi = 0.0
            for group in groups:
                raw, raw_hi = group_total(group, deltas_lo), group_total(group, deltas_hi)
                if group.yearly:
                    cell.setdefault("_yearly", []).append((group, raw, raw_hi))
                    continue
                adj, adj_hi = cut(group, raw), cut(group, raw_hi)
                if adj or adj_hi:
                    cell["caps"].append({"scope": group.scope, "direction": group.direction, "cap": group.cap,
                                         "raw": raw, "capped": raw + adj,
                                         "explanation": explain.cap_line(group.scope, group.direction, group.cap,
                                                                         raw, period)})
                adjust_lo, adjust_hi = adjust_lo + adj, adjust_hi + adj_hi
            component = _components(rater_rules, raters.get((unit, period, SCHEME_ITEM)), cell, issues, unit, period)
            total_lo = start_total + sum(deltas_lo.values()) + adjust_lo + component
            total_hi = start_total + sum(deltas_hi.values()) + adjust_hi + component
            cell.update(total=total_lo, _b=total_hi, low=min(total_lo, total_hi), high=max(total_lo, total_hi),
                        indicators=[touched.get(k, t) for k, t in templates.items()]
                        + ([touched[SCHEME_ITEM]] if SCHEME_ITEM in touched else []))
            cells.append(cell)
    return cells


def _apply_slot(slot: Fired, unit, period, starts, locations, touched, parts, templates, cell, issues) -> None:
    """Apply one fired atom: record its trail on its item and its points in the item's parts."""
    target = slot.target
    key = target.item.indicator_id
    out = apply(target.atom, target.item, slot.hit, starts[key])
    if not out.fired:
        return
    entry = touched.get(key)
    if entry is None:
        entry = touched[key] = dict(templates.get(key) or _indicator(target.item, starts[key]), applied=[])
        parts[key] = ([], [], False)
    lo, hi, zero = parts[key]
    lo.append(out.lo)
    hi.append(out.hi)
    parts[key] = (lo, hi, zero or out.zero)
    location = locations[target.key]
    evidence = explain.events_text(unit, slot.first_when, slot.lines, slot.hit.count) if slot.lines else ""
    if slot.measure_line is not None:
        evidence = "；".join(x for x in (evidence, explain.measure_text(unit, period, slot.metric, slot.hit.measure,
                                                                       slot.measure_line)) if x)
    note = out.note
    if out.provisional:
        cell["provisional"] = entry["provisional"] = True
        note = out.needs or explain.range_note(out.lo, out.hi)
        if out.needs:
            issues.append(InputIssue(kind="needs_person", line=slot.lines[0] if slot.lines else slot.measure_line,
                                     unit=unit, period=period, text=target.atom.condition or target.atom.text,
                                     reason=f"{out.needs}（{location}）"))
    if out.veto:
        cell["vetoes"].append(f"{target.atom.condition or target.atom.text}（{location}）")
    if out.zero:
        entry["zeroed"] = True
    line = explain.rule_line(target, location, out.lo, evidence, note)
    entry["applied"].append({
        "atom": target.key, "kind": target.atom.kind.value, "text": target.atom.text, "location": location,
        "events": slot.lines, "count": slot.hit.count, "value": out.value, "raw": out.raw_lo, "points": out.lo,
        "low": min(out.lo, out.hi), "high": max(out.lo, out.hi), "provisional": out.provisional,
        "match": {"method": slot.method or "id", "confidence": round(slot.confidence, 4)}, "explanation": line,
    })


def _components(rules, scores, cell, issues, unit, period) -> float:
    """Weighted rater scores (局领导 60% / 各部门 40%) for a unit-period, added to its total."""
    if not scores or not rules:
        return 0.0
    total = 0.0
    for rule in rules:
        value, missing = weighted(rule.weights, {g: v for g, (v, _) in scores.items()})
        name = "测评（" + "、".join(f"{g}{w:.0%}" for g, w in rule.weights.items()) + "）"
        cell["components"][name] = round(value, 6)
        total += value
        if missing:
            cell["provisional"] = True
            issues.append(InputIssue(kind="needs_person", unit=unit, period=period, text=name,
                                     reason=f"缺少测评主体 {'、'.join(missing)} 的分数，测评分按已有部分计"))
    return total


def _indicator(item, start: float) -> dict:
    return {"indicator_id": item.indicator_id, "name": item_name(item), "path": list(item.path),
            "section_role": item.section_role.value, "points": item.points, "start": start, "raw": start,
            "final": start, "low": start, "high": start, "provisional": False, "zeroed": False, "applied": []}
