"""Results documents (自评表, 整改方案) as rulebooks: one item per result row, scored by the form's own rule.

A 自评表 states how a quantitative indicator is scored (正向指标 得分=权重*B/A, 反向指标 得分=权重*A/B); each
row whose target is a number gets that rule, with the target as its A. A row with 应得 points also takes
decided deductions (失分), so a 整改方案's own 实得 can be recomputed from its 应得 and 失分.
"""
from __future__ import annotations

import re

from schemas.indicators import IndicatorTable, ResultRow, SectionRole
from schemas.raw import RawDocument
from schemas.rules import Direction, RuleAtom, RuleItem, Rulebook, RuleKind, Threshold

# 目标值 ≥90% / ＜2% / 520 场 / 7000: a comparison (optional) and a number.
_TARGET = re.compile(r"^(?P<op>≥|>=|不低于|≤|<=|不高于|＜|<|低于|＞|>|高于)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%|％)?")
_OPS = {"≥": ">=", ">=": ">=", "不低于": ">=", "≤": "<=", "<=": "<=", "不高于": "<=", "＜": "<", "<": "<",
        "低于": "<", "＞": ">", ">": ">", "高于": ">"}
_POSITIVE = re.compile(r"B\s*/\s*A")
_NEGATIVE = re.compile(r"A\s*/\s*B")


def target_of(text: str | None) -> Threshold | None:
    """Given a 目标值 cell, return it as a comparison (plain numbers are ≥ targets), None if not a number."""
    m = _TARGET.match((text or "").strip())
    if not m:
        return None
    value = float(m["num"]) / (100 if m["pct"] else 1)
    return Threshold(op=_OPS.get(m["op"] or "≥", ">="), value=value)


def _formulas(book: Rulebook) -> dict[str, RuleAtom]:
    """The form's proportional rules, keyed 'positive' (权重*B/A) and 'negative' (权重*A/B)."""
    found: dict[str, RuleAtom] = {}
    for rule in book.scheme_rules:
        for atom in rule.atoms:
            if atom.kind is not RuleKind.PROPORTIONAL:
                continue
            own = (atom.metric or "") + (atom.condition or "")
            which = "negative" if _NEGATIVE.search(own) else "positive" if _POSITIVE.search(own) else None
            if which and which not in found:
                found[which] = atom.model_copy(update={"prov": atom.prov or rule.prov})
    return found


def _row_item(row: ResultRow, formulas: dict[str, RuleAtom]) -> RuleItem:
    """Given a result row, return its item: the form's proportional rule and, with 应得, decided deductions."""
    atoms = []
    target = target_of(row.target)
    if target is not None:
        formula = formulas.get("negative" if target.op in ("<", "<=") else "positive")
        if formula is not None:
            atoms.append(formula.model_copy(update={"points": row.points_due, "metric": row.name,
                                                    "thresholds": [target], "direction": Direction.ADD}))
    if row.points_due is not None:
        atoms.append(RuleAtom(kind=RuleKind.DISCRETIONARY, direction=Direction.DEDUCT, range=(0.0, row.points_due),
                              condition=row.reason or "失分", text=f"应得{row.points_due:g}分，按认定的失分扣分",
                              prov=row.prov.get("points_got") or row.prov.get("name")))
    path = [p for p in (row.group, *row.path, row.name) if p]
    return RuleItem(indicator_id=row.id, section_role=SectionRole.BASE, path=path, points=row.points_due,
                    department=row.department, criteria=row.reason, atoms=atoms, reference=row.prov.get("name"))


def with_results(book: Rulebook, table: IndicatorTable) -> Rulebook:
    """Given a rulebook and its indicator table, add one item per result row of a results document."""
    if table.results:
        formulas = _formulas(book)
        book.items += [_row_item(row, formulas) for row in table.results]
    return book


def form_rulebook(table: IndicatorTable, raw: RawDocument | None = None) -> Rulebook:
    """Given an indicator table (a results document or a scheme) and its raw document, return its rulebook."""
    from pipeline.rules.book import build_rulebook

    return with_results(build_rulebook(table, raw), table)
