"""Render the compact trail into indicator entries: applied rules with events and Chinese explanations."""
from __future__ import annotations

import numpy as np

from schemas.rules import Rulebook

from . import explain
from .match import SCHEME_ITEM, item_name
from .semantics import item_start
from .slots import METHODS


def render(book: Rulebook, scored, cells: list[dict]) -> None:
    """Fill each cell's ``indicators``: every item with its start, and touched items with their applied rules."""
    index, slots, out, settled = scored.index, scored.slots, scored.out, scored.settled
    label = explain.doc_label(book)
    targets = index.targets_list
    locations = [explain.where(label, t) for t in targets]
    templates = [_template(i) for i in index.items]
    order = [k for k, i in enumerate(index.items) if i.indicator_id != SCHEME_ITEM]
    scheme = next(k for k, i in enumerate(index.items) if i.indicator_id == SCHEME_ITEM)
    fired = np.flatnonzero(out.fired)
    by_pair = np.argsort(scored.inverse, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(scored.inverse, minlength=len(scored.pairs)))]
    columns = _columns(slots, out)
    touched: dict[int, dict[int, dict]] = {}
    for p in range(len(scored.pairs)):
        k = int(settled["item"][p])
        entry = dict(templates[k], raw=float(settled["raw"][p]), final=float(settled["final"][p]),
                     low=float(settled["low"][p]), high=float(settled["high"][p]),
                     provisional=bool(settled["prov"][p]), zeroed=bool(settled["zero"][p]))
        cell = cells[int(settled["cell"][p])]
        entry["applied"] = [_applied(i, columns, out, targets, locations, cell)
                            for i in fired[by_pair[bounds[p]:bounds[p + 1]]].tolist()]
        touched.setdefault(int(settled["cell"][p]), {})[k] = entry
    n_periods, allowed = max(len(scored.periods), 1), scored.allowed
    for c, cell in enumerate(cells):
        own, assessed = touched.get(c, {}), allowed[c // n_periods]
        cell["indicators"] = [own.get(k, templates[k]) for k in order if assessed[k]] + (
            [own[scheme]] if scheme in own else [])


def _template(item) -> dict:
    start = item_start(item)
    return {"indicator_id": item.indicator_id, "name": item_name(item), "path": list(item.path),
            "section_role": item.section_role.value, "points": item.points, "start": start, "raw": start,
            "final": start, "low": start, "high": start, "provisional": False, "zeroed": False, "applied": []}


def _columns(slots, out) -> dict[str, list]:
    """Slot and outcome arrays as Python lists: indexing lists per slot is much cheaper than numpy scalars."""
    names = ["target", "line_start", "line_end", "count", "first_when", "measure_line", "metric", "method", "conf"]
    columns = {name: getattr(slots, name).tolist() for name in names}
    columns["lines"] = slots.lines.tolist()
    columns["measure"] = [None if v != v else v for v in slots.measure.tolist()]
    columns["value"] = [None if v != v else v for v in out.value.tolist()]
    for name in ("lo", "hi", "raw", "provisional", "zero", "veto"):
        columns[name] = getattr(out, name).tolist()
    return columns


def _applied(i: int, col: dict[str, list], out, targets, locations, cell) -> dict:
    """One applied rule of the trail, with the line a person can read aloud."""
    code = col["target"][i]
    target, unit, period = targets[code], cell["unit"], cell["period"]
    lines = col["lines"][col["line_start"][i]:col["line_end"][i]]
    count = col["count"][i]
    evidence = explain.events_text(unit, col["first_when"][i], lines, count) if lines else ""
    if col["measure_line"][i] >= 0:
        evidence = "；".join(x for x in (evidence, explain.measure_text(unit, period, col["metric"][i],
                                                                       col["measure"][i], col["measure_line"][i])) if x)
    lo, hi, provisional = col["lo"][i], col["hi"][i], col["provisional"][i]
    note = (out.needs.get(i) or explain.range_note(lo, hi)) if provisional else out.notes.get(i, "")
    if col["zero"][i]:
        note = "该项不得分"
    elif col["veto"][i]:
        note = "一票否决"
    return {
        "atom": target.key, "kind": target.atom.kind.value, "text": target.atom.text, "location": locations[code],
        "events": lines, "count": count, "value": col["value"][i], "raw": col["raw"][i], "points": lo,
        "low": min(lo, hi), "high": max(lo, hi), "provisional": provisional,
        "match": {"method": METHODS[col["method"][i]], "confidence": round(col["conf"][i], 4)},
        "explanation": explain.rule_line(target, locations[code], lo, evidence, note),
    }
