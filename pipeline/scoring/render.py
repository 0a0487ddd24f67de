"""Render the compact trail into indicator entries: applied rules with events and Chinese explanations."""
from __future__ import annotations

import gc
from contextlib import contextmanager

import numpy as np
import pandas as pd

from schemas.rules import Rulebook

from . import explain
from .match import SCHEME_ITEM, item_name
from .semantics import item_start
from .slots import METHODS


@contextmanager
def gc_paused():
    """Pause the cycle collector: building a million acyclic dicts makes it rescan them all, again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render(book: Rulebook, scored, cells: list[dict]) -> None:
    """Fill each cell's ``indicators``: every item with its start, and touched items with their applied rules."""
    Renderer(book, scored, cells).fill(range(len(cells)))


class Renderer:
    """Fills cells' indicator entries on demand, so a large report can be written a unit at a time
    instead of holding every applied rule of a million events at once."""

    def __init__(self, book: Rulebook, scored, cells: list[dict]):
        index, self.slots, self.out, settled = scored.index, scored.slots, scored.out, scored.settled
        self.cells = cells
        label = explain.doc_label(book)
        self.statics = [_static(t, explain.where(label, t)) for t in index.targets_list]
        self.templates = [_template(i) for i in index.items]
        self.order = [k for k, i in enumerate(index.items) if i.indicator_id != SCHEME_ITEM]
        self.scheme = next(k for k, i in enumerate(index.items) if i.indicator_id == SCHEME_ITEM)
        fired = np.flatnonzero(self.out.fired)
        self.by_pair = fired[np.argsort(scored.inverse, kind="stable")]
        self.bounds = np.r_[0, np.cumsum(np.bincount(scored.inverse, minlength=len(scored.pairs)))]
        self.item_of = settled["item"].tolist()
        self.numbers = list(zip(*(settled[k].tolist() for k in ("raw", "final", "low", "high", "prov", "zero"))))
        cell_of = np.asarray(settled["cell"])
        self.cell_of = cell_of.tolist()
        # Settled pairs grouped by cell: pairs_by_cell[first[c]:first[c + 1]] are cell c's, in order.
        self.pairs_by_cell = np.argsort(cell_of, kind="stable")
        self.first = np.searchsorted(cell_of[self.pairs_by_cell], np.arange(len(cells) + 1))
        self.n_periods, self.allowed = max(len(scored.periods), 1), scored.allowed

    def fill(self, which) -> None:
        """Given cell positions, fill those cells' ``indicators`` (all their applied rules in one pass)."""
        which = list(which)
        with gc_paused():
            cells = np.asarray(which, dtype=np.int64)
            pairs = self.pairs_by_cell[_ranges(self.first[cells], self.first[cells + 1])[0]]
            positions, at = _ranges(self.bounds[pairs], self.bounds[pairs + 1])
            applied = _applied(self.by_pair[positions], self.slots, self.out, self.statics)
            touched: dict[int, dict[int, dict]] = {}
            for p, a, b in zip(pairs.tolist(), at.tolist(), at[1:].tolist()):
                k = self.item_of[p]
                raw, final, low, high, prov, zero = self.numbers[p]
                entry = dict(self.templates[k], raw=raw, final=final, low=low, high=high, provisional=prov,
                             zeroed=zero, applied=applied[a:b])
                touched.setdefault(self.cell_of[p], {})[k] = entry
            for c in which:
                own, assessed = touched.get(c, {}), self.allowed[c // self.n_periods]
                self.cells[c]["indicators"] = [own.get(k, self.templates[k]) for k in self.order if assessed[k]] + (
                    [own[self.scheme]] if self.scheme in own else [])

    def release(self, which) -> None:
        """Given cell positions already written out, drop their entries again."""
        for c in which:
            self.cells[c]["indicators"] = []


def _template(item) -> dict:
    start = item_start(item)
    return {"indicator_id": item.indicator_id, "name": item_name(item), "path": list(item.path),
            "section_role": item.section_role.value, "points": item.points, "start": start, "raw": start,
            "final": start, "low": start, "high": start, "provisional": False, "zeroed": False, "applied": []}


def _static(target, location: str) -> tuple:
    """What every applied rule of a target shares: key, kind, clause, location and the explanation's middle."""
    condition = target.atom.condition or target.atom.text or "/".join(target.item.path)
    clause = f" ‘{target.atom.text}’" if target.atom.text and target.atom.text != condition else ""
    return target.key, target.atom.kind.value, target.atom.text, location, f"：{condition}（{location}{clause}）"


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Given ranges [start, end), return every position inside them in order, and where each range begins
    among those positions (one more at the end): a unit's slices gathered without a Python loop."""
    lengths = ends - starts
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    return np.arange(offsets[-1], dtype=np.int64) - np.repeat(offsets[:-1] - starts, lengths), offsets


def _applied(idx: np.ndarray, slots, out, statics: list[tuple]) -> list[dict]:
    """The applied rules of the slots ``idx``, in order, each with the line a person can read aloud.

    A million of these are built for a large run, so the explanations are assembled column-wise (numpy
    object arrays concatenate strings in C); only rare parts (notes, several event lines, measures) loop.
    The text is the same as explain.rule_line's."""
    code = slots.target[idx]
    key, kind, text, location, middle = (np.array([s[f] for s in statics] + [""], dtype=object)[code]
                                         for f in range(5))
    lo, hi, raw = out.lo[idx], out.hi[idx], out.raw[idx]
    provisional, count = out.provisional[idx], slots.count[idx]
    # Only this unit's event lines become Python numbers (millions of them for a whole large run).
    positions, offsets = _ranges(slots.line_start[idx], slots.line_end[idx])
    flat, offsets = slots.lines[positions].tolist(), offsets.tolist()
    lines = [flat[a:b] for a, b in zip(offsets, offsets[1:])]
    explanation = [a + m + n + e for a, m, n, e in zip(_column(lo, explain.amount).tolist(), middle.tolist(),
                                                        _notes(idx, out, lo, hi, provisional).tolist(),
                                                        _evidence(idx, slots, count, lines))]
    match = [{"method": m, "confidence": c} for m, c in zip(
        np.array(METHODS, dtype=object)[slots.method[idx]].tolist(), np.round(slots.conf[idx].astype(float), 4).tolist())]
    value = [None if v != v else v for v in out.value[idx].tolist()]
    return [{"atom": a, "kind": k, "text": t, "location": w, "events": e, "count": n, "value": v, "raw": r,
             "points": p, "low": l, "high": h, "provisional": q, "match": m, "explanation": x}
            for a, k, t, w, e, n, v, r, p, l, h, q, m, x in zip(
                key.tolist(), kind.tolist(), text.tolist(), location.tolist(), lines, count.tolist(), value,
                raw.tolist(), lo.tolist(), np.minimum(lo, hi).tolist(), np.maximum(lo, hi).tolist(),
                provisional.tolist(), match, explanation)]


def _column(values: np.ndarray, fmt) -> np.ndarray:
    """Format each distinct value once: amounts and counts repeat across a million rows."""
    codes, uniques = pd.factorize(values)
    return np.array([fmt(u) for u in uniques] + [""], dtype=object)[codes]


def _notes(idx, out, lo, hi, provisional) -> np.ndarray:
    """'；<note>' per slot: what a person must decide, a rule's own cap, 不得分, 一票否决; '' if none."""
    notes = np.full(len(idx), "", dtype=object)
    position = {int(i): k for k, i in enumerate(idx.tolist())} if (out.needs or out.notes or provisional.any()) else {}
    for i, note in out.notes.items():
        if i in position:
            notes[position[i]] = "；" + note
    for k in np.flatnonzero(provisional).tolist():
        i = int(idx[k])
        notes[k] = "；" + (out.needs.get(i) or explain.range_note(float(lo[k]), float(hi[k])))
    notes[out.veto[idx]] = "；一票否决"
    notes[out.zero[idx]] = "；该项不得分"
    return notes


def _evidence(idx, slots, count: np.ndarray, lines: list[list[int]]) -> list[str]:
    """'；事件 <date> <unit> 共N起（第a、b行）' and '；度量 …' per slot (same text as explain.events_text)."""
    more = _column(count, lambda n: f" 共{explain.number(n)}起" if n > 1 else "").tolist()
    units = slots.unit[idx].tolist()
    evidence = [f"；事件 {w} {u}{m}（第{'、'.join(map(str, own[:5]))}{'…' if len(own) > 5 else ''}行）"
                if own else "" for w, u, m, own in zip(slots.first_when[idx].tolist(), units, more, lines)]
    for k in np.flatnonzero(slots.measure_line[idx] >= 0).tolist():
        i = int(idx[k])
        measure = slots.measure[i]
        text = explain.measure_text(units[k], slots.period[i], slots.metric[i],
                                    None if measure != measure else float(measure), int(slots.measure_line[i]))
        evidence[k] = evidence[k] + "；" + text
    return evidence
