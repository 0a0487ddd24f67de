"""Scheme-level rules: 备注 and prose clauses (category caps, rater weights, grades, rewards, vetoes)."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.rules import Period, RuleAtom, RuleKind, SchemeRule, SchemeRuleKind

from .grammar import normalize
from .numbers import NUM

# "A、B和C(每月)最多扣N分": the categories a cap governs, in text order.
_CAPPED = re.compile(rf"(?P<names>[^，；。：]+?)(?:每月|每季度|每年|全年|当月)?(?:最多|最高|至多)扣(?:除)?{NUM}分")
_UPPER = re.compile(rf"(?P<names>[^，；。：]+?)(?:分值)?(?:上限|满分)(?:为|是)?{NUM}分")
_REWARD = re.compile(r"\d+(?:\.\d+)?\s*(?:万)?元")
_SUBJECT_TAIL = re.compile(r"(?:分值|得分|考核分)$")


def _names(text: str) -> list[str]:
    """Given the subject before a cap, return the categories it lists (A、B和C → [A, B, C])."""
    text = re.sub(r"^(?:其中|另外|同时|此外|对)", "", text.strip("，、 "))
    return [n for n in re.split(r"、|和|及|与", text) if n]


def _kind(atoms: list[RuleAtom], text: str) -> SchemeRuleKind:
    """Given a clause's atoms and text, return the scheme rule kind it states."""
    kinds = {a.kind for a in atoms}
    if RuleKind.WEIGHT in kinds:
        return SchemeRuleKind.RATER_WEIGHTS
    if RuleKind.VETO in kinds:
        return SchemeRuleKind.GRADE_BAR if "优秀" in text or "评优" in text else SchemeRuleKind.VETO
    if RuleKind.GRADE in kinds:
        return SchemeRuleKind.GRADES
    ranks = [a for a in atoms if a.kind is RuleKind.RANK]
    if ranks and all(t.points is None for a in ranks for t in a.ranks) and ranks[0].direction.value == "add":
        return SchemeRuleKind.RANK_REWARD
    if kinds == {RuleKind.CAP_ONLY}:
        if "满分" in text:
            return SchemeRuleKind.BASE_POINTS
        if any(a.direction and a.direction.value == "add" for a in atoms) or re.search("加分|特色|奖励", text):
            return SchemeRuleKind.BONUS_CAP
        return SchemeRuleKind.CATEGORY_CAP
    return SchemeRuleKind.GENERAL


def scheme_rules(text: str, atoms: list[RuleAtom], prov: ProvenanceItem | None) -> list[SchemeRule]:
    """Given one clause of a 备注 or of prose and its atoms, return the scheme rules it states."""
    if not atoms or all(a.kind is RuleKind.UNPARSED for a in atoms):
        return []
    kind = _kind(atoms, text)
    if kind in (SchemeRuleKind.CATEGORY_CAP, SchemeRuleKind.BONUS_CAP, SchemeRuleKind.BASE_POINTS):
        t = normalize(text)
        subjects = [m["names"] for m in (_CAPPED if kind is SchemeRuleKind.CATEGORY_CAP else _UPPER).finditer(t)]
        rules = []
        for i, atom in enumerate(atoms):
            names = _names(_SUBJECT_TAIL.sub("", subjects[i])) if i < len(subjects) else []
            rules.append(SchemeRule(kind=kind, applies_to=names, cap=atom.cap if isinstance(atom.cap, float) else None,
                                    period=atom.period, direction=atom.direction, atoms=[atom], text=text, prov=prov))
        return rules
    rule = SchemeRule(kind=kind, text=text, prov=prov, atoms=atoms,
                      direction=next((a.direction for a in atoms if a.direction), None),
                      period=next((Period(a.period) for a in atoms if a.period), None))
    for atom in atoms:
        rule.weights.update(atom.weights)
        rule.grades.extend(atom.grades)
        rule.ranks.extend(atom.ranks)
    reward = _REWARD.search(text)
    if kind is SchemeRuleKind.RANK_REWARD and reward:
        rule.reward = re.sub(r"\s+", "", reward.group())
    return [rule]
