"""Rows to slots: match event and measure rows to atoms and group them by (unit, period, atom)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from schemas.events import InputIssue
from schemas.rules import OtherSubtype, RuleKind

from .match import SCHEME_ITEM, RuleIndex
from .semantics import is_measured
from .vector import Slots

METHODS = ["id", "name", "text", "metric", "rater", "scheme"]
_VALUED = {RuleKind.TIERED, RuleKind.DISCRETIONARY}


def build_slots(index: RuleIndex, events, measures, to_period, issues: list[InputIssue]):
    """Given read rows, return (slots, scheme rater scores, units, periods, events scored); bad rows → issues."""
    codes = {key: k for k, key in enumerate(index.targets)}
    parts, units, periods = [], set(), set()
    n_scored = 0
    if events is not None and len(events):
        # A row with a unit and a period but no indicator or text is a roll call: the unit is assessed
        # in that period even if nothing happened to it.
        roll = (events["indicator"].to_numpy() == "") & (events["text"].to_numpy() == "")
        for unit, when in zip(events["unit"].to_numpy()[roll], events["date"].where(events["date"] != "",
                                                                                   events["period"]).to_numpy()[roll]):
            units.add(unit)
            periods.add(to_period(when))
        rows = events[~roll].reset_index(drop=True) if roll.any() else events
        part, n_scored = _event_slots(index, rows, to_period, codes, issues)
        parts.append(part)
        parts.extend(_companions(index, codes, part))
    raters: dict[tuple[str, str], dict[str, tuple[float, int]]] = {}
    if measures is not None and len(measures):
        parts.append(_measure_slots(index, measures, to_period, codes, issues, raters))
    slots = _concat(parts)
    units.update(slots.unit.tolist())
    periods.update(slots.period.tolist())
    for unit, period in raters:
        units.add(unit)
        periods.add(period)
    _rank(index, slots)
    return slots, raters, units, periods, n_scored


def _event_slots(index: RuleIndex, events: pd.DataFrame, to_period, codes, issues) -> tuple[dict, int]:
    """Match each distinct (indicator, text) once, then group matched rows with numpy."""
    dates, labels = events["date"].to_numpy(), events["period"].to_numpy()
    when = np.where(dates != "", dates, labels)
    when_codes, when_uniques = pd.factorize(when)
    # Rows group by period, not by date: a fixed deduction applies once per month however many days it hit.
    period_codes, keys = pd.factorize(np.array([to_period(w) for w in when_uniques], dtype=object))
    keys = np.asarray(keys, dtype=object)
    row_period = period_codes[when_codes]
    unit_all, text_all, indicator_all = (events[c].to_numpy() for c in ("unit", "text", "indicator"))
    # factorize the two columns apart and pair their codes: joining a million strings first is slow
    ind_codes, ind_uniques = pd.factorize(indicator_all)
    text_codes, text_uniques = pd.factorize(text_all)
    combo_codes, pairs = pd.factorize(ind_codes.astype(np.int64) * max(len(text_uniques), 1) + text_codes)
    combos = [(ind_uniques[c // max(len(text_uniques), 1)], text_uniques[c % max(len(text_uniques), 1)])
              for c in pairs.tolist()]
    matches = [index.match_event(*c) for c in combos]
    combo_target = np.array([codes[m.targets[0].key] if m.targets else -1 for m in matches], dtype=np.int64)
    row_target = combo_target[combo_codes]
    lines_all = events["line"].to_numpy()
    file = events.attrs.get("file")  # kept by reset_index: attrs travel with the frame
    for i in np.flatnonzero(row_target < 0):
        m = matches[combo_codes[i]]
        issues.append(InputIssue(kind=m.issue, file=file, line=int(lines_all[i]), unit=unit_all[i],
                                 text=text_all[i] or indicator_all[i], reason=m.reason, candidates=m.candidates))
    if index.occurrences:
        _by_occurrence(index, codes, row_target, unit_all, when, row_period, lines_all)
    once = _counted_once(index)
    if once is not None:
        _drop_repeats(index, once, row_target, unit_all, when, text_all, indicator_all, lines_all, file, issues)
    ok = np.flatnonzero(row_target >= 0)
    unit_codes, unit_uniques = pd.factorize(unit_all[ok])
    method = np.array([METHODS.index(m.method) if m.targets else 0 for m in matches])[combo_codes[ok]]
    conf = np.array([m.confidence for m in matches])[combo_codes[ok]]
    n_p, n_t = max(len(keys), 1), max(len(codes), 1)
    key = (unit_codes.astype(np.int64) * n_p + row_period[ok]) * n_t + row_target[ok]
    order = np.argsort(key, kind="stable")
    key, take = key[order], ok[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(key)].astype(np.int64)
    count = events["count"].to_numpy()[take]
    decided = events["decided"].to_numpy()[take]
    open_rows = np.isnan(decided)
    group_key = key[starts]
    target = group_key % n_t
    rest = group_key // n_t
    part = {
        "unit": np.asarray(unit_uniques, dtype=object)[rest // n_p] if len(starts) else np.zeros(0, object),
        "period": keys[rest % n_p], "target": target,
        "count": _sum(count, starts), "decided": _sum(np.where(open_rows, 0.0, decided), starts),
        "n_decided": _sum((~open_rows).astype(float), starts), "undecided": _sum(np.where(open_rows, count, 0.0), starts),
        "measure": np.full(len(starts), np.nan), "measure_target": np.full(len(starts), np.nan),
        "measure_line": np.full(len(starts), -1, np.int64), "metric": np.full(len(starts), "", object),
        "first_when": when[take][starts], "method": np.maximum.reduceat(method[order], starts) if len(starts) else
        np.zeros(0, np.int64), "conf": np.minimum.reduceat(conf[order], starts) if len(starts) else np.zeros(0),
        "line_start": starts, "line_end": ends, "lines": lines_all[take], "values": {}, "texts": {},
    }
    values, texts = events["value"].to_numpy()[take], text_all[take]
    wanted = {RuleKind.GRADE} | (_VALUED if not np.isnan(values).all() else set())
    valued = not np.isnan(values).all()
    keep = [codes[k] for k, t in index.targets.items() if t.atom.kind in wanted or valued and is_measured(t.atom)]
    for g in np.flatnonzero(np.isin(target, keep)):
        s, e = starts[g], ends[g]
        found = [float(v) for v in values[s:e] if not np.isnan(v)]
        if found:
            part["values"][int(g)] = found
        if index.targets_list[target[g]].atom.kind == RuleKind.GRADE:
            part["texts"][int(g)] = list(texts[s:e])
    return part, len(ok)


def _by_occurrence(index: RuleIndex, codes, row_target, unit_all, when, row_period, lines_all) -> None:
    """第一次每辆次扣0.2分，第二次…: a unit's rows on one clause, in date order, go to the tier of their occurrence."""
    keys = [t.key for t in index.targets_list]
    rows = [i for i in np.flatnonzero(row_target >= 0) if keys[row_target[i]] in index.occurrences]
    seen: dict[tuple, int] = {}
    for i in sorted(rows, key=lambda i: (str(when[i]), int(lines_all[i]))):
        group = index.occurrences[keys[row_target[i]]]
        clause = (unit_all[i], row_period[i], group[0][1])
        seen[clause] = k = seen.get(clause, 0) + 1
        row_target[i] = codes[max((tier for tier in group if tier[0] <= k), default=group[0])[1]]


def _counted_once(index: RuleIndex) -> set[str] | None:
    """Items whose repeated rows count once (同一问题不重复扣分): their ids, or every item ('*') for a scheme rule."""
    items = {t.item.indicator_id for t in index.targets_list
             if t.atom.kind == RuleKind.OTHER and t.atom.subtype == OtherSubtype.NO_DOUBLE_COUNT}
    if SCHEME_ITEM in items:
        return {"*"}
    return items or None


def _drop_repeats(index, once, row_target, unit_all, when, text_all, indicator_all, lines_all, file, issues) -> None:
    """Rows repeating an earlier row (same unit, date and 事项) on a rule that counts a problem once are dropped."""
    targets = index.targets_list
    first: dict[tuple, int] = {}
    for i in np.flatnonzero(row_target >= 0):
        item = targets[row_target[i]].item.indicator_id
        if "*" not in once and item not in once:
            continue
        key = (unit_all[i], when[i], text_all[i] or indicator_all[i], "" if "*" in once else item)
        if key in first:
            issues.append(InputIssue(kind="duplicate_event", file=file, line=int(lines_all[i]), unit=unit_all[i],
                                     text=text_all[i] or indicator_all[i],
                                     reason=f"与第{first[key]}行为同一事项，按“不重复扣分”只计一次"))
            row_target[i] = -2
        else:
            first[key] = int(lines_all[i])


def _companions(index: RuleIndex, codes, part: dict) -> list[dict]:
    """一票否决并扣20分: a row that fires one atom of a veto clause fires the clause's other atoms too."""
    by_clause: dict[tuple[str, str], list[int]] = {}
    for key, t in index.targets.items():
        by_clause.setdefault((t.item.indicator_id, t.atom.text), []).append(codes[key])
    partners: dict[int, list[int]] = {}
    for group in by_clause.values():
        kinds = [index.targets_list[c].atom.kind for c in group]
        if len(group) > 1 and RuleKind.VETO in kinds:
            for c in group:
                partners[c] = [o for o in group if o != c]
    extra = []
    for code, others in partners.items():
        rows = np.flatnonzero(part["target"] == code)
        for other in others if len(rows) else ():
            copy = {k: (v[rows] if isinstance(v, np.ndarray) and k != "lines" else v) for k, v in part.items()}
            copy.update(target=np.full(len(rows), other, np.int64), values={}, texts={}, lines=part["lines"])
            extra.append(copy)
    return extra


def _sum(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.add.reduceat(values, starts) if len(starts) else np.zeros(0)


def _measure_slots(index: RuleIndex, measures: pd.DataFrame, to_period, codes, issues, raters) -> dict:
    """Match measure rows (cached per metric and rater); metric rows become slots, rater rows scores."""
    file = measures.attrs.get("file")
    cache: dict = {}
    rows: dict[tuple[str, str, int], tuple] = {}
    item_raters: dict[tuple[str, str, int], dict[str, float]] = {}
    columns = ("unit", "period", "metric", "rater", "value", "target", "line")
    for unit, raw_period, metric, rater, value, goal, line in zip(*(measures[c].to_numpy() for c in columns)):
        period = to_period(raw_period)
        match = cache.get((metric, rater))
        if match is None:
            match = cache[(metric, rater)] = index.match_measure(metric, rater)
        if match.issue:
            issues.append(InputIssue(kind=match.issue, file=file, line=int(line), unit=unit, period=period,
                                     text=metric, reason=match.reason, candidates=match.candidates))
            continue
        if match.method == "rater":
            if match.targets:
                for t in match.targets:
                    item_raters.setdefault((unit, period, codes[t.key]), {})[rater or metric] = float(value)
            else:
                raters.setdefault((unit, period), {})[rater or metric] = (float(value), int(line))
            continue
        for t in match.targets:
            slot = (unit, period, codes[t.key])
            if slot in rows:
                issues.append(InputIssue(kind="duplicate_measure", file=file, line=int(line), unit=unit,
                                         period=period, text=metric,
                                         reason=f"同一单位同一期间的度量重复（已有第{rows[slot][2]}行），按本行计"))
            rows[slot] = (float(value), float(goal), int(line), metric, METHODS.index(match.method), match.confidence)
    keys = list(rows) + list(item_raters)
    n = len(keys)
    info = [rows.get(k, (np.nan, np.nan, -1, "", METHODS.index("rater"), 1.0)) for k in keys]
    return {
        "unit": np.array([k[0] for k in keys], dtype=object), "period": np.array([k[1] for k in keys], dtype=object),
        "target": np.array([k[2] for k in keys], dtype=np.int64), "count": np.zeros(n), "decided": np.zeros(n),
        "n_decided": np.zeros(n), "undecided": np.zeros(n),
        "measure": np.array([r[0] for r in info], dtype=float), "measure_target": np.array([r[1] for r in info]),
        "measure_line": np.array([r[2] for r in info], dtype=np.int64),
        "metric": np.array([r[3] for r in info], dtype=object), "first_when": np.full(n, "", object),
        "method": np.array([r[4] for r in info], dtype=np.int64), "conf": np.array([r[5] for r in info], dtype=float),
        "line_start": np.zeros(n, np.int64), "line_end": np.zeros(n, np.int64), "lines": np.zeros(0, np.int64),
        "values": {}, "texts": {}, "raters": {len(rows) + j: item_raters[k] for j, k in enumerate(item_raters)},
    }


def _concat(parts: list[dict]) -> Slots:
    """Join event and measure slots into one Slots; per-slot dicts and line offsets are shifted."""
    fields = ["unit", "period", "target", "count", "decided", "n_decided", "undecided", "measure", "measure_target",
              "measure_line", "metric", "first_when", "method", "conf"]
    if not parts:
        empty = {f: np.zeros(0, object if f in ("unit", "period", "metric", "first_when") else float) for f in fields}
        empty["target"] = empty["measure_line"] = empty["method"] = np.zeros(0, np.int64)
        return Slots(**empty, line_start=np.zeros(0, np.int64), line_end=np.zeros(0, np.int64),
                     lines=np.zeros(0, np.int64))
    slots = Slots(**{f: np.concatenate([p[f] for p in parts]) for f in fields},
                  line_start=np.zeros(0, np.int64), line_end=np.zeros(0, np.int64), lines=np.zeros(0, np.int64))
    offset_rows = offset_lines = 0
    starts, ends, lines = [], [], []
    for part in parts:
        starts.append(part["line_start"] + offset_lines)
        ends.append(part["line_end"] + offset_lines)
        lines.append(part["lines"])
        for name in ("values", "texts", "raters"):
            getattr(slots, name).update({i + offset_rows: v for i, v in part.get(name, {}).items()})
        offset_rows += len(part["unit"])
        offset_lines += len(part["lines"])
    slots.line_start, slots.line_end, slots.lines = np.concatenate(starts), np.concatenate(ends), np.concatenate(lines)
    slots.target = slots.target.astype(np.int64)
    return slots


def _rank(index: RuleIndex, slots: Slots) -> None:
    """Rank units per (period, rank atom) by their measure: higher is better unless the metric is a rank."""
    targets = list(index.targets.values())
    rank_codes = [k for k, t in enumerate(targets) if t.atom.kind == RuleKind.RANK]
    boards: dict[tuple[str, int], list[int]] = {}
    for i in np.flatnonzero(np.isin(slots.target, rank_codes) & ~np.isnan(slots.measure)):
        boards.setdefault((slots.period[i], int(slots.target[i])), []).append(int(i))
    for (_, code), board in boards.items():
        words = (targets[code].atom.metric or "") + str(slots.metric[board[0]])
        given = "排名" in words or "名次" in words
        values = slots.measure[board]
        for i in board:
            rank = int(slots.measure[i]) if given else 1 + int((values > slots.measure[i]).sum())
            slots.rank[i] = (rank, len(board))

