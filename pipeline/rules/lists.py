"""Amounts written as lists: 分别加5、4、3分 (by rank, grade or a person's choice), 各扣1分 after k listed
conditions, 国家级加10分、省级8分 (the verb written once)."""
from __future__ import annotations

import re

from schemas.rules import Direction, GradeTier, RankTier, RuleAtom, RuleKind

from . import lexicon as lx
from .numbers import NUM, cn_number
from .structure import grade_of

# The further amounts of a list whose verb is written once: 分别加10分和5分 / 省级加3分、市级2分.
_AFTER_RESPECTIVELY = re.compile(rf"[、和及与](?P<amt>{NUM})分")
_LABELLED = re.compile(rf"、(?P<label>[^，；。、\d每扣加减得计记奖*]{{1,6}}?)(?P<amt>{NUM})分(?=$|[，；。、)])")
# 各扣1分 / 分别扣2分 after k conditions: one atom for each.
_EACH_OF = re.compile(r"(?:各|分别)(?:予以|给予)?$")
# 按从低到高分别得10、8、6、4分 / 按排名分别加…: points in rank order.
_RANK_ORDER = re.compile(r"从低到高|从高到低|由高到低|由低到高|按排名|按名次|依次")
# 按获奖加3、2、1分 / 按等次加…: points by a level the text does not name.
_BY_LEVEL = re.compile(r"按(?:获奖|等次|等级|档次|奖项|级别)")
_NEGATED = "无未没不缺"


# 国家级表彰的加3分，省级2分，市级1分 / 迟报扣1分，漏报2分: a verbless amount after a comma continues the list when
# its label is parallel to the first trigger (the same last character) or both name a level; caps are no labels.
_COMMA_LABELLED = re.compile(rf"，(?P<label>(?!满分|最|上限|共|合计|累计|总|封顶|另|再|其中|分别|以)"
                             rf"[^，；。、\d每扣加减得计记奖罚*()]{{1,6}}?)(?<!分)的?(?P<amt>{NUM})分(?=$|[，；。)])")


# Levels of the awarding body: 全国优秀…的加3分，省级2分 continues a list of them.
_BODY_LEVEL = re.compile(r"(?:国家|全国|中央|省部|部|省|自治区|市|地市|州|县|区|乡镇|镇|街道)级?(?:以上)?")
_BODY_NAMED = re.compile(r"国家|全国|中央|省|[部市县区]级")


def _parallel(label: str, segment: str) -> bool:
    """Given a continued amount's label and the first amount's trigger, tell whether they name the same kind of thing:
    the same last character, levels of an awarding body, or grades."""
    return label[-1] in segment or bool(_BODY_LEVEL.fullmatch(label) and _BODY_NAMED.search(segment)) or bool(
        re.fullmatch(lx.GRADE, label) and grade_of(segment))


# 一级馆 / A类 / 三星级: a level by its number or letter, maybe with the short noun it grades; the levels of an event
# (一级事故, 二级响应, 三类问题) are severities each of which may occur, amounts each (unseen3 高校医院 第3条).
_LEVEL_NOUN = re.compile(r"(?:[1-5]A|A{1,5}|[A-E]|[一二三四五六七八九特甲乙丙丁])[档级等类星]奖?"
                         r"(?![^，；。]*(?:事|案|问题|隐患|差错|错误|风险|警|灾|投诉|违|响应|预警))[^\d以及]{0,3}")
_LEVEL_OF_EVENT = re.compile(r"(?:[A-E]|[一二三四五六七八九特甲乙丙丁])[级类等](?:[^\d以及]{0,3}"
                             r"(?:事故|事件|案件|问题|隐患|差错|错误|风险|警情|火灾|投诉|响应|预警))")
_BODY_FIRST = re.compile(r"(?:国家|全国|中央|省部|省|自治区|(?:地市|市|州|县|区|乡镇|镇|街道)级)")


def verbless_kind(labels: list[str]) -> str | None:
    """Given the labels of amounts listed without a verb, return "grade" when each names a level (优秀10分、良好8分;
    一级馆5分、二级馆3分), "each" when they are levels of an awarding body (全国文明单位10分、省级8分: D24) or severities
    of an event (一级事故10分、二级事故6分), else None (标识规范5分、制度健全3分 allocates points; it states no rule)."""
    labels = [label.removesuffix("的") for label in labels]
    if len(set(labels)) < len(labels):
        return None
    if all(re.fullmatch(lx.GRADE, label) or _LEVEL_NOUN.fullmatch(label) for label in labels):
        return "grade"
    if all(_BODY_FIRST.match(label) for label in labels) and all(_BODY_LEVEL.fullmatch(x) for x in labels[1:]):
        return "each"
    if all(_LEVEL_OF_EVENT.fullmatch(label) for label in labels):  # 一级事故10分、二级事故6分: severities, each
        return "each"
    return None


def continued(t: str, start: int, end: int, segment: str = "") -> list[re.Match]:
    """Given an amount's span and its trigger's last piece, return the amounts listed after it with the same verb
    (分别, labelled after 、, or parallel after a comma)."""
    respectively = "分别" in t[max(0, start - 4):start]
    found, pos = [], end
    while (nxt := _AFTER_RESPECTIVELY.match(t, pos) if respectively else _LABELLED.match(t, pos) or (
            (m := _COMMA_LABELLED.match(t, pos)) and _parallel(m["label"], segment) and m)):
        found.append(nxt)
        pos = nxt.end()
    return found


def _top_level(text: str, sep: str) -> list[str]:
    """Given text, split it at ``sep`` characters outside brackets."""
    out, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and ch in sep:
            out.append(text[begin:i])
            begin = i + 1
    out.append(text[begin:])
    return [p for p in out if p]


def listed_conditions(t: str, verb_at: int, cond: str) -> list[str]:
    """Given the clause, where the verb stands and its trigger, return the conditions 各/分别 distributes over:
    parallel comma pieces (无…，无…，无…的) or the 、-list of the last piece (未建台账、未自查的); one piece else."""
    if not _EACH_OF.search(t, 0, verb_at):
        return [cond]
    body = re.sub(r"(?:各|分别)(?:予以|给予)?$", "", cond).rstrip("，、的")
    pieces = _top_level(body, "，")
    if not pieces:
        return [cond]
    last, parallel = pieces[-1], [pieces[-1]]
    for piece in reversed(pieces[:-1]):
        if piece[:1] == last[:1] and piece[:1] in _NEGATED:
            parallel.insert(0, piece)
        else:
            break
    return parallel if len(parallel) > 1 else _top_level(last.removesuffix("的"), "、")


def list_atom(atom: RuleAtom, values: list[float], segment: str, rank) -> RuleAtom:
    """Given an amount's atom and the amounts listed in one go (5、4、3、2、1分), return what the list means:
    one rank tier each when ranks are named or ordered, a grade when levels are, else a choice among them."""
    if rank and rank[2] - rank[1] + 1 == len(values):  # 前五名分别加5、4、3、2、1分
        return atom.model_copy(update={"kind": RuleKind.RANK, "points": None, "per": None, "range": None,
                                       "ranks": [RankTier(rank_from=rank[1] + i, rank_to=rank[1] + i, points=v,
                                                          from_bottom=rank[3]) for i, v in enumerate(values)]})
    if _RANK_ORDER.search(segment):  # 辍学率按从低到高分别得10、8、6、4分
        return atom.model_copy(update={"kind": RuleKind.RANK, "points": None, "per": None, "range": None,
                                       "ranks": [RankTier(rank_from=i + 1, rank_to=i + 1, points=v)
                                                 for i, v in enumerate(values)]})
    if _BY_LEVEL.search(segment):  # 按获奖加3、2、1分: levels not named
        return atom.model_copy(update={"kind": RuleKind.GRADE, "points": None, "per": None, "range": None,
                                       "grades": []})
    return atom.model_copy(update={"kind": RuleKind.DISCRETIONARY, "points": None,
                                   "range": (min(values), max(values))})


def each_listed(atom: RuleAtom, values: list[float], grades: list[str | None]) -> list[RuleAtom]:
    """Given a list's atom, its amounts and the level each listed condition names (or None), return one atom per
    condition: a grade when every condition is a level (优秀、良好、合格的分别加3、2、1分), else one amount each."""
    if all(grades):
        return [atom.model_copy(update={"kind": RuleKind.GRADE, "points": None, "range": None, "per": None,
                                        "grades": [GradeTier(grade=g, points=v) for g, v in zip(grades, values)]})]
    deduct = atom.direction is Direction.DEDUCT
    kind = (RuleKind.DEDUCT_PER if deduct else RuleKind.ADD_PER) if atom.per else (
        RuleKind.DEDUCT_FIXED if deduct else RuleKind.ADD_FIXED)
    return [atom.model_copy(update={"kind": kind, "points": v, "range": None}) for v in values]


def graded_list(grades: list[GradeTier], values: list[float], stated: int | None) -> list[GradeTier] | None:
    """Given grades a cue listed, the amounts a list gives them and the count the cue states, return the grades
    with their points, or None when the counts disagree (…不合格和所有指标不合格五个等次 splits the last at 和)."""
    names = [g.grade for g in grades]
    if stated and len(names) + 1 == stated and "和" in names[-1]:
        names = names[:-1] + names[-1].split("和", 1)
    if len(names) != len(values):
        return None
    return [GradeTier(grade=n, points=v) for n, v in zip(names, values)]


def values_of(first: str, rest: str | None) -> list[float]:
    """Given the first amount and the listed rest (、4、3和0), return all amounts in order."""
    return [cn_number(first), *(cn_number(v) for v in re.split(r"[、和]", rest or "") if v)]
