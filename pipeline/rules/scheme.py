"""Scheme-level rules: 备注 and prose clauses (category caps, rater weights, grades, rewards, vetoes)."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.rules import (Direction, GradeTier, OtherSubtype, Period, RankTier, RuleAtom, RuleKind, SchemeRule,
                           SchemeRuleKind)

from .grammar import normalize
from .numbers import NUM, cn_number
from .structure import listed_grades, rank_mentions

# "A、B和C(每月)最多扣N分": the categories a cap governs, in text order.
_CAPPED = re.compile(rf"(?P<names>[^，；。：]+?)(?:每月|每季度|每年|全年|当月)?(?:最多|最高|至多)扣(?:除)?{NUM}分")
_UPPER = re.compile(rf"(?P<names>[^，；。：]+?)(?:分值|得分|加分)?(?:上限|满分)(?:为|是)?(?P<num>{NUM})分")
# 特色工作分值上限为10分，…加分: a section's cap leading a clause of amounts.
_LEADING_CAP = re.compile(rf"(?P<names>[^，；。：]+?)(?:分值|得分|加分)?上限(?:为|是)?(?P<num>{NUM})分")
_REWARD = re.compile(r"\d+(?:\.\d+)?(?:万)?元")
# What a band without money leads to: 调配车辆奖励, 进行约谈.
_CONSEQUENCE = re.compile(r"(?:[^，；。：]{0,6}奖励|进行约谈|约谈|诫勉谈话|通报批评|作检讨)")
_SUBJECT_TAIL = re.compile(r"(?:分值|得分|考核分|加分)$")
# 各科室业务工作 → 业务工作: the distributive prefix names who is scored, not what.
_EACH = re.compile(r"^(?:其中|另外|同时|此外|对)?(?:各|每个|每一)(?:科室|单位|部门|司法所|街镇|处室)")
# 前3名评选为优秀 / 第4-10名为良好 / 90分以上为优秀: how a grade is reached.
_RANK_GRADE = re.compile(rf"(?:前(?P<top>{NUM})名|第(?P<a>{NUM})(?:名)?(?:-|至|到|—)第?(?P<b>{NUM})名)[^，；。]{{0,8}}?"
                         r"(?:评选|评定|确定|评)?为(?P<grade>[^，；。、的]{1,4}?)(?:等次|等级)?(?=$|[，；。、])")
_SCORE_GRADE = re.compile(rf"(?P<score>{NUM})分(?:及)?以上(?:的)?(?:为|评为|评定为|确定为)(?P<grade>[^，；。、的]{{1,4}}?)"
                          r"(?:等次|等级)?(?=$|[，；。、])")
_LISTED = re.compile(r"分为(?P<list>(?:[^，；。：、]+、)+[^，；。：、]+?)(?:[一二三四五六七八九\d]+个)?(?:等次|档次|等级)")


def _names(text: str) -> list[str]:
    """Given the subject before a cap, return the categories it lists (A、B和C → [A, B, C])."""
    text = _EACH.sub("", re.sub(r"^(?:其中|另外|同时|此外|对)", "", text.strip("，、 ")))
    return [n for n in re.split(r"、|和|及|与", text) if n]


def _kind(atoms: list[RuleAtom], text: str) -> SchemeRuleKind:
    """Given a clause's atoms and text, return the scheme rule kind it states."""
    kinds = {a.kind for a in atoms}
    if any(a.kind is RuleKind.OTHER and a.subtype is OtherSubtype.GRADE_MAP for a in atoms):
        return SchemeRuleKind.GRADES  # 90分以上为优秀…: grades by total score
    if RuleKind.WEIGHT in kinds:
        return SchemeRuleKind.RATER_WEIGHTS
    if RuleKind.VETO in kinds:
        return SchemeRuleKind.GRADE_BAR if "优秀" in text or "评优" in text else SchemeRuleKind.VETO
    if RuleKind.GRADE in kinds:
        return SchemeRuleKind.GRADES
    ranks = [a for a in atoms if a.kind is RuleKind.RANK]
    if ranks and all(t.points is None for a in ranks for t in a.ranks) and kinds == {RuleKind.RANK}:
        return SchemeRuleKind.RANK_REWARD
    if kinds == {RuleKind.CAP_ONLY}:
        if "满分" in text:
            return SchemeRuleKind.BASE_POINTS
        if any(a.direction and a.direction.value == "add" for a in atoms) or re.search("加分|特色|奖励", text):
            return SchemeRuleKind.BONUS_CAP
        return SchemeRuleKind.CATEGORY_CAP
    return SchemeRuleKind.GENERAL


def _grades(text: str, atoms: list[RuleAtom]) -> tuple[list[GradeTier], list[RankTier]]:
    """Given a grading clause, return its grades (rank-banded ones first, aligned with their bands) and bands."""
    listed = [g for a in atoms for g in a.grades] or (listed_grades(m["list"]) if (m := _LISTED.search(text)) else [])
    banded: list[tuple[GradeTier, RankTier]] = []
    for m in _RANK_GRADE.finditer(text):
        lo, hi = (1, int(cn_number(m["top"]))) if m["top"] else (int(cn_number(m["a"])), int(cn_number(m["b"])))
        banded.append((GradeTier(grade=m["grade"]), RankTier(rank_from=lo, rank_to=hi)))
    scored = {m["grade"]: cn_number(m["score"]) for m in _SCORE_GRADE.finditer(text)}
    names = [g.grade for g, _ in banded]
    rest = [GradeTier(grade=g.grade, points=scored.get(g.grade, g.points), full=g.full)
            for g in listed if g.grade not in names]
    rest += [GradeTier(grade=g, points=p) for g, p in scored.items() if g not in names + [t.grade for t in rest]]
    return [g for g, _ in banded] + rest, [r for _, r in banded]


def _rewards(text: str, atoms: list[RuleAtom], prov: ProvenanceItem | None) -> list[SchemeRule]:
    """Given a clause naming rank bands without points, return one rank_reward rule per band and its reward."""
    rules, start = [], 0
    amounts = list(_REWARD.finditer(text))
    for m in amounts or [None]:  # each band takes the amount after it (前3名各3000元，第4名、第5名各2000元)
        end = m.end() if m else len(text)
        piece, start = text[start:end], end
        bands = rank_mentions(piece)
        if not bands:
            continue
        reward = m.group() if m else ((c := _CONSEQUENCE.search(piece)) and c.group().lstrip("，、"))
        direction = Direction.DEDUCT if all(b.from_bottom for b in bands) else Direction.ADD
        rules.append(SchemeRule(kind=SchemeRuleKind.RANK_REWARD, ranks=bands, reward=reward or None,
                                direction=direction, atoms=atoms, text=text, prov=prov))
    return rules


def _subject_caps(t: str, kind: SchemeRuleKind, atoms: list[RuleAtom], text: str,
                  prov: ProvenanceItem | None) -> list[SchemeRule]:
    """Given a cap clause, return one rule per cap, each with the categories its subject lists."""
    pattern = _CAPPED if kind is SchemeRuleKind.CATEGORY_CAP else _UPPER
    subjects = [m["names"] for m in pattern.finditer(t)]
    rules = []
    for i, atom in enumerate(atoms):
        names = _names(_SUBJECT_TAIL.sub("", subjects[i])) if i < len(subjects) else []
        rules.append(SchemeRule(kind=kind, applies_to=names, cap=atom.cap if isinstance(atom.cap, float) else None,
                                period=atom.period, direction=atom.direction, atoms=[atom], text=text, prov=prov))
    return rules


def _general(text: str, atoms: list[RuleAtom], prov: ProvenanceItem | None) -> list[SchemeRule]:
    """Given a clause of amounts, return it as a general rule; a leading 'X分值上限为N分' is X's bonus cap."""
    t = normalize(text)
    upper = _LEADING_CAP.match(t)
    rule = SchemeRule(kind=SchemeRuleKind.GENERAL, text=text, prov=prov, atoms=atoms,
                      direction=next((a.direction for a in atoms if a.direction), None),
                      period=next((Period(a.period) for a in atoms if a.period), None))
    if not upper:
        return [rule]
    names = _names(_SUBJECT_TAIL.sub("", upper["names"]))
    cap = cn_number(upper["num"])
    # the cap belongs to the section, not to the first amount that happened to follow it
    rule.atoms = [a.model_copy(update={"cap": None}) if a.cap == cap else a for a in atoms]
    rule.applies_to = names
    adds = rule.direction is not Direction.DEDUCT
    capped = SchemeRule(kind=SchemeRuleKind.BONUS_CAP if adds else SchemeRuleKind.CATEGORY_CAP, applies_to=names,
                        cap=cap, period=rule.period, direction=Direction.ADD if adds else Direction.DEDUCT,
                        text=text, prov=prov)
    return [capped, rule]


def scheme_rules(text: str, atoms: list[RuleAtom], prov: ProvenanceItem | None) -> list[SchemeRule]:
    """Given one clause of a 备注 or of prose and its atoms, return the scheme rules it states."""
    if not atoms or all(a.kind is RuleKind.UNPARSED for a in atoms):
        return []
    kind = _kind(atoms, text)
    if kind in (SchemeRuleKind.CATEGORY_CAP, SchemeRuleKind.BONUS_CAP, SchemeRuleKind.BASE_POINTS):
        return _subject_caps(normalize(text), kind, atoms, text, prov)
    if kind is SchemeRuleKind.RANK_REWARD:
        return _rewards(normalize(text), atoms, prov)
    if kind is SchemeRuleKind.GENERAL:
        return _general(text, atoms, prov)
    rule = SchemeRule(kind=kind, text=text, prov=prov, atoms=atoms,
                      direction=next((a.direction for a in atoms if a.direction), None),
                      period=next((Period(a.period) for a in atoms if a.period), None))
    for atom in atoms:
        rule.weights.update(atom.weights)
    if kind is SchemeRuleKind.GRADES:
        rule.grades, rule.ranks = _grades(normalize(text), atoms)
    if kind is SchemeRuleKind.GRADE_BAR:
        rule.grades = [GradeTier(grade=g) for g in dict.fromkeys(re.findall(r"(?:评为|评选为|评定为|评)(优秀|先进)", text))]
    return [rule]
