"""Atom outcomes for many slots at once: one numpy pass per atom; rarer kinds go through semantics.apply."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from schemas.rules import RuleKind

from .match import Target
from .semantics import Hit, apply, countable, proportion, sign, step_size

_OPS = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "==": np.equal,
        "!=": np.not_equal}
_AMOUNT = {RuleKind.DEDUCT_FIXED, RuleKind.ADD_FIXED, RuleKind.DEDUCT_PER, RuleKind.ADD_PER}


@dataclass
class Slots:
    """Columnar trail: one row per (unit, period, atom) that event or measure rows fired."""

    unit: np.ndarray
    period: np.ndarray
    target: np.ndarray
    count: np.ndarray
    decided: np.ndarray
    n_decided: np.ndarray
    undecided: np.ndarray
    measure: np.ndarray
    measure_target: np.ndarray
    measure_line: np.ndarray
    metric: np.ndarray
    first_when: np.ndarray
    method: np.ndarray
    conf: np.ndarray
    line_start: np.ndarray
    line_end: np.ndarray
    lines: np.ndarray
    values: dict[int, list[float]] = field(default_factory=dict)
    texts: dict[int, list[str]] = field(default_factory=dict)
    raters: dict[int, dict[str, float]] = field(default_factory=dict)
    rank: dict[int, tuple[int, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.unit)

    def hit(self, i: int) -> Hit:
        """The slot as a Hit, for atoms scored one at a time."""
        measure = self.measure[i]
        rank, size = self.rank.get(i, (None, 0))
        return Hit(count=float(self.count[i]), values=self.values.get(i, []),
                   decided=[float(self.decided[i])] if self.n_decided[i] else [], undecided=float(self.undecided[i]),
                   measure=None if np.isnan(measure) else float(measure),
                   target=None if np.isnan(self.measure_target[i]) else float(self.measure_target[i]),
                   rank=rank, rank_size=size, texts=self.texts.get(i, []), raters=self.raters.get(i, {}))


@dataclass
class Outcomes:
    """Per slot: signed points at the smallest (lo) and largest (hi) amount, flags and notes."""

    lo: np.ndarray
    hi: np.ndarray
    raw: np.ndarray
    fired: np.ndarray
    provisional: np.ndarray
    zero: np.ndarray
    veto: np.ndarray
    value: np.ndarray
    exempt: np.ndarray
    factor: np.ndarray
    downgrade: np.ndarray
    needs: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    out_of_range: dict[int, str] = field(default_factory=dict)


def outcomes(targets: list[Target], slots: Slots, starts: list[float]) -> Outcomes:
    """Given slots and the targets their codes index, return every slot's outcome."""
    n = len(slots)
    out = Outcomes(*(np.zeros(n) for _ in range(3)), np.ones(n, bool), *(np.zeros(n, bool) for _ in range(3)),
                   slots.measure.copy(), np.zeros(n, bool), np.ones(n), np.zeros(n))
    if not n:
        return out
    order = np.argsort(slots.target, kind="stable")
    bounds = np.flatnonzero(np.r_[True, slots.target[order][1:] != slots.target[order][:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        idx = order[a:b]
        code = int(slots.target[idx[0]])
        target = targets[code]
        if not _vector(target, slots, idx, out, starts[code]):
            for i in idx:
                _one(target, slots, int(i), out, starts[code])
    return out


def _one(target: Target, slots: Slots, i: int, out: Outcomes, start: float) -> None:
    result = apply(target.atom, target.item, slots.hit(i), start)
    out.lo[i], out.hi[i], out.raw[i] = result.lo, result.hi, result.raw_lo
    out.fired[i], out.provisional[i], out.zero[i], out.veto[i] = (result.fired, result.provisional, result.zero,
                                                                   result.veto)
    out.value[i] = np.nan if result.value is None else result.value
    out.exempt[i], out.factor[i], out.downgrade[i] = result.exempt, result.factor, result.downgrade
    if result.needs:
        out.needs[i] = result.needs
    if result.note and not result.needs:
        out.notes[i] = result.note


def _vector(target: Target, slots: Slots, idx: np.ndarray, out: Outcomes, start: float) -> bool:
    """Score the common kinds for all of ``idx`` at once; False means 'do them one by one'."""
    atom, kind = target.atom, target.atom.kind
    if kind in _AMOUNT:
        if atom.points is None or step_size(atom) is not None or atom.start is not None:  # steps: one by one
            return False
        per = kind in (RuleKind.DEDUCT_PER, RuleKind.ADD_PER)
        magnitude = atom.points * slots.count[idx] if per else np.full(len(idx), float(atom.points))
        _amount(target, idx, out, magnitude, magnitude)
        return True
    if kind == RuleKind.DISCRETIONARY and not atom.thresholds:
        if atom.range is None:
            return False
        open_ = slots.undecided[idx] if atom.per else (slots.n_decided[idx] == 0).astype(float)
        _check_decided(atom, slots, idx, out)
        _amount(target, idx, out, slots.decided[idx] + atom.range[0] * open_,
                slots.decided[idx] + atom.range[1] * open_)
        return True
    if kind == RuleKind.TIERED:
        if any(t.points is None for t in atom.thresholds) or any(int(i) in slots.values for i in idx):
            return False
        measure = slots.measure[idx]
        if np.isnan(measure).any() and not countable(atom):
            return False  # events without a value cannot be compared with a rate: one by one, reported
        value = np.where(np.isnan(measure), slots.count[idx], measure)
        met = np.array([_OPS[t.op](np.round(value, 9), round(t.value, 9)) for t in atom.thresholds]).T
        amounts = np.array([t.points for t in atom.thresholds], dtype=float)
        policy = atom.hit_policy or "max"
        if policy == "sum":
            magnitude = (met * amounts).sum(axis=1)
        elif policy == "first":
            magnitude = amounts[met.argmax(axis=1)]
        else:
            magnitude = np.where(met, amounts, -np.inf).max(axis=1)
        fired = met.any(axis=1)
        magnitude = np.where(fired, magnitude, 0.0)
        _amount(target, idx, out, magnitude, magnitude)
        out.fired[idx] = fired
        return True
    if kind == RuleKind.PROPORTIONAL:
        full = atom.points if atom.points is not None else target.item.points
        if full is None:
            return False
        measure, goal = slots.measure[idx], slots.measure_target[idx]
        ratio = proportion(atom, measure, goal)
        worth = full * np.clip(ratio, 0.0, 1.0) - start
        out.lo[idx] = out.hi[idx] = out.raw[idx] = np.nan_to_num(worth)
        out.fired[idx] = ~np.isnan(measure)
        return True
    if kind in (RuleKind.ZERO_ITEM, RuleKind.VETO):
        (out.zero if kind == RuleKind.ZERO_ITEM else out.veto)[idx] = True
        return True
    return False


def _amount(target: Target, idx: np.ndarray, out: Outcomes, low: np.ndarray, high: np.ndarray) -> None:
    """Apply the atom's own cap and sign to (smallest, largest) magnitudes."""
    atom, item = target.atom, target.item
    cap = float(item.points) if atom.cap == "item" and item.points is not None else (
        float(atom.cap) if atom.cap not in (None, "item") else np.inf)
    s = sign(atom, item)
    out.raw[idx] = s * low
    out.lo[idx] = s * np.minimum(low, cap)
    out.hi[idx] = s * np.minimum(high, cap)
    out.provisional[idx] = low != high
    capped = np.flatnonzero(np.minimum(high, cap) < high)
    if len(capped):
        note = f"本条最多{'扣' if s < 0 else '加'}{cap:g}分，已封顶"
        out.notes.update({int(i): note for i in idx[capped]})


def _check_decided(atom, slots: Slots, idx: np.ndarray, out: Outcomes) -> None:
    """Decided amounts outside the clause's range are used as decided, and reported."""
    low, high = atom.range
    times = (slots.count[idx] - slots.undecided[idx]) if atom.per else np.ones(len(idx))
    decided = slots.decided[idx]
    bad = (slots.n_decided[idx] > 0) & ((decided < low * times - 1e-9) | (decided > high * times + 1e-9))
    for i, amount, n in zip(idx[bad], decided[bad], times[bad]):
        out.out_of_range[int(i)] = (f"认定分值 {amount:g} 超出条款范围 {low:g}–{high:g} 分"
                                    + (f"（共{n:g}次）" if atom.per else "") + "，已按认定分值计，请核对")
