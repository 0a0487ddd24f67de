"""Canonical metrics (重新犯罪率, 调解成功率 …) and the levels a scheme requires of them."""
from __future__ import annotations

import re
from functools import lru_cache

from schemas.normalized import MetricRequirement
from schemas.rules import Direction, RuleAtom, RuleKind, Threshold

from .taxonomy import Taxonomy, compact, find_words, load_taxonomy

_NUMBER = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％|‰)"
# Wording → comparison, as schemas/RULES.md fixes it; the longest wording is tried first.
_WORDING = {
    "<": ["低于", "少于", "不足", "未达到", "未达", "小于", "＜", "<"],
    ">": ["超过", "高于", "大于", "超出", "＞", ">"],
    ">=": ["达到", "不低于", "不少于", "达", "≥", ">="],
    "<=": ["控制在", "控降在", "控制到", "不超过", "不高于", "≤", "<="],
}
_WORDS = sorted(((w, op) for op, ws in _WORDING.items() for w in ws), key=lambda p: -len(p[0]))
_SUFFIX_OP = {"以上": ">=", "以内": "<=", "以下": "<="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "=="}
_DEDUCTION_CUE = re.compile(r"扣|不得分|否决|倒数")
_CLAUSE = re.compile(r"[^；;。\n]+")
_SUBJECT_WINDOW = 10  # characters before a metric where its subject (社区服刑人员, 刑释人员) is written


@lru_cache(maxsize=4)
def _aliases(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    pairs = [(a, name) for name, spec in taxonomy.metrics.items() for a in [name, *spec["aliases"]]]
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def canonical_metric(text: str | None, taxonomy: Taxonomy | None = None) -> str | None:
    """Given a metric as written (社区服刑人员脱、漏管率), return its canonical name or None."""
    taxonomy = taxonomy or load_taxonomy()
    text = compact(text)
    return next((name for alias, name in _aliases(taxonomy) if alias in text), None)


def metric_spec(name: str, taxonomy: Taxonomy | None = None) -> dict:
    """Given a canonical metric name, return its unit and direction."""
    taxonomy = taxonomy or load_taxonomy()
    return taxonomy.metrics[name]


def _value(num: str, unit: str) -> float:
    return float(num) / (1000 if unit == "‰" else 100)


def _subject(metric: str, before: str, default: str | None, taxonomy: Taxonomy) -> str | None:
    """Given a metric and the text just before it, return the population (domain name) it is about.

    Only metrics with `subjects` in the taxonomy are kept apart by population; the indicator's own
    domain stands in when no population is written next to the metric."""
    allowed = [taxonomy.domain(code).name for code in taxonomy.metrics[metric].get("subjects") or []]
    if not allowed:
        return None
    scored: dict[str, float] = {}
    for _, weights in find_words(before[-_SUBJECT_WINDOW:], taxonomy):
        for code, w in weights.items():
            name = taxonomy.domain(code).name
            if name in allowed:
                scored[name] = scored.get(name, 0.0) + w
    if scored:
        return max(scored, key=scored.get)
    return default if default in allowed else None


def _op_in(text: str) -> str | None:
    return next((op for w, op in _WORDS if w in text), None)


def requirements_in_text(text: str | None, subject: str | None, *, source: str = "text",
                         taxonomy: Taxonomy | None = None) -> list[MetricRequirement]:
    """Given prose, return each 'metric compared with a rate' it states, as a requirement.

    A clause that deducts (…低于95%扣5分) states the failing side, so its comparison is negated."""
    taxonomy = taxonomy or load_taxonomy()
    found = []
    for clause in _CLAUSE.findall(compact(text)):
        taken = [False] * len(clause)
        for alias, name in _aliases(taxonomy):
            for m in re.finditer(re.escape(alias), clause):
                if any(taken[m.start():m.end()]):
                    continue
                taken[m.start():m.end()] = [True] * len(alias)
                tail = clause[m.end():m.end() + 16]
                num = re.search(_NUMBER + r"(?P<suffix>以上|以内|以下)?", tail)
                if not num or re.search(r"[，,]", tail[:num.start()]):
                    continue
                op = _SUFFIX_OP.get(num["suffix"] or "") or _op_in(tail[:num.start()]) or "=="
                if _DEDUCTION_CUE.search(clause[m.end():]) and not num["suffix"]:
                    op = _NEGATE[op]
                spec = taxonomy.metrics[name]
                found.append(MetricRequirement(
                    metric=name, subject=_subject(name, clause[:m.start()], subject, taxonomy), unit=spec["unit"],
                    better=spec["direction"], op=op, value=_value(num["num"], num["unit"]), source=source,
                    text=clause))
    return found


def requirement_of_target(name: str, target: str | None, subject: str | None,
                          taxonomy: Taxonomy | None = None) -> MetricRequirement | None:
    """Given a results row's metric name and its target cell (＜2%, ≥90%, 100%), return the requirement."""
    taxonomy = taxonomy or load_taxonomy()
    metric = canonical_metric(name, taxonomy)
    m = re.search(_NUMBER, compact(target))
    if not metric or not m:
        return None
    written_name = compact(name)
    before = written_name[:min((written_name.find(a) for a, n in _aliases(taxonomy) if n == metric and a in written_name))]
    spec = taxonomy.metrics[metric]
    written = _op_in(compact(target)[:m.start()])
    op = written or ("<=" if spec["direction"] == "lower" else ">=")
    return MetricRequirement(metric=metric, subject=_subject(metric, before, subject, taxonomy), unit=spec["unit"],
                             better=spec["direction"], op=op, value=_value(m["num"], m["unit"]), source="target",
                             text=f"{name}：{target}")


def requirements_of_atoms(atoms: list[RuleAtom], subject: str | None,
                          taxonomy: Taxonomy | None = None) -> list[MetricRequirement]:
    """Given rule atoms, return the requirement each thresholded atom implies (the bar for full points)."""
    taxonomy = taxonomy or load_taxonomy()
    found = []
    for atom in atoms:
        if atom.start is not None and not atom.thresholds:  # 低于95%的，每下降1个百分点扣…: the bar is where it starts
            atom = atom.model_copy(update={"thresholds": [Threshold(op=atom.start.op, value=atom.start.value)]})
        if not atom.thresholds or atom.kind in (RuleKind.RANK, RuleKind.GRADE, RuleKind.OTHER):
            continue
        metric = canonical_metric(atom.metric, taxonomy) or canonical_metric(atom.condition, taxonomy)
        if not metric:
            continue
        spec = taxonomy.metrics[metric]
        deducts = atom.direction != Direction.ADD
        # The bar is the tier reached first: the loosest failing tier of a deduction, the lowest bonus tier.
        tier = min(atom.thresholds, key=lambda t: t.value) if (atom.thresholds[0].op in (">", ">=")) \
            else max(atom.thresholds, key=lambda t: t.value)
        op = _NEGATE[tier.op] if deducts else tier.op
        where = compact(atom.condition or atom.text)
        idx = where.find(atom.metric or metric)
        found.append(MetricRequirement(
            metric=metric, subject=_subject(metric, where[:max(idx, 0)], subject, taxonomy), unit=spec["unit"],
            better=spec["direction"], op=op, value=tier.value,
            points=tier.points if tier.points is not None else atom.points, source="rule", text=atom.text))
    return found


def merge_requirements(groups: list[list[MetricRequirement]]) -> list[MetricRequirement]:
    """Given requirement lists from several readers, return them without repeats (rules win over prose)."""
    seen: dict[tuple, MetricRequirement] = {}
    for group in groups:
        for req in group:
            key = (req.metric, req.subject, req.op, round(req.value, 6))
            seen.setdefault(key, req)
    return list(seen.values())


def strictness(req: MetricRequirement) -> tuple[float, int]:
    """Given a requirement, return a sort key where a larger key is stricter."""
    strict_op = 1 if req.op in ("<", ">") else 0
    return ((-req.value if req.better == "lower" else req.value), strict_op)


def describe(req: MetricRequirement) -> str:
    """Given a requirement, return it as a short Chinese phrase, e.g. '≤0.1%'."""
    symbol = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "="}[req.op]
    pct = req.value * 100
    return f"{symbol}{pct:g}%" if req.unit == "%" else f"{symbol}{req.value:g}{req.unit}"
