"""Column names of scoring tables: one vocabulary for every text-layout recogniser.

A header cell is compared after white space is removed and traditional forms and widths are folded
(`normal.fold`). Each name says what its column usually holds (a 分值 column numbers, a 类别 column a
label merged over rows); recognisers use that as evidence for rebuilding a grid, never as the final
reading of the table, which the indicator builder makes.
"""
from __future__ import annotations

import re
from enum import Enum


class Role(str, Enum):
    SERIAL = "serial"      # 序号
    GROUP = "group"        # 类别 / 考核项目: a label merged over several rows
    NAME = "name"          # 指标名称 / 子项
    CONTENT = "content"    # 考核内容 / 考核要求
    POINTS = "points"      # 分值 / 标准分
    CRITERIA = "criteria"  # 评分标准 / 扣分标准
    METHOD = "method"      # 考核方法 / 考评方式
    DEPT = "dept"          # 责任单位
    SCORE = "score"        # 得分 / 自评分: a blank a form leaves to fill
    NOTE = "note"          # 备注
    TIME = "time"          # 考评时间
    TARGET = "target"      # 目标值
    ACTUAL = "actual"      # 完成值


# Exact names, in simplified characters; the longest match wins when names are glued together.
WORDS: dict[Role, tuple[str, ...]] = {
    Role.SERIAL: ("序号", "编号", "条目号"),
    Role.GROUP: (
        "事项", "项目", "专案", "类别", "工作类别", "考核类别", "考评类别", "指标类别", "考核项目", "考评项目",
        "大项", "大项内容", "一级指标", "二级指标", "一级要素", "二级要素", "考评要素", "主要考评方面", "考核事项",
        "评估项目",
    ),
    Role.NAME: (
        "指标", "指标名称", "三级指标", "考核指标", "考评指标", "子项", "小项", "小项内容", "项目名称", "具体项目",
    ),
    Role.CONTENT: (
        "内容", "考核内容", "考评内容", "工作内容", "工作要求", "考核要求", "考核目标", "目标任务", "工作任务",
        "具体内容", "考核要点", "考评要点", "具体考评内容", "评估内容", "指标内容", "考核内容及计分标准",
        "考核内容及评分标准",
    ),
    Role.POINTS: (
        "分值", "分数", "标准分", "标准分值", "基本分", "权重", "满分", "应得分", "考评分值", "考核分值", "各项分值",
        "总分",
    ),
    Role.CRITERIA: (
        "评分标准", "扣分标准", "考核标准", "考评标准", "评分细则", "扣分细则", "考核细则", "计分标准", "计分方法",
        "计分办法", "评分办法", "评分方法", "打分方法", "赋分办法", "加分标准", "扣分办法", "扣分项目", "加分项目",
        "评分标准及依据", "扣分内容", "减分标准", "评分规则", "计分规则", "考核规则", "扣分规则",
    ),
    Role.METHOD: (
        "考核方法", "考核方式", "考评方法", "考评方式", "考评办法", "考核办法", "评估方式", "现场评估方式",
        "检查方法", "考核依据",
    ),
    Role.DEPT: (
        "责任单位", "责任部门", "责任科室", "牵头单位", "牵头部门", "牵头科室", "协助单位", "配合单位", "考核单位",
        "考评单位", "考核部门", "考评部门", "考评科室", "考核科室", "负责考核单位", "责任股室", "科室", "部门",
    ),
    Role.SCORE: (
        "得分", "自评得分", "考核得分", "自测评分", "评审得分", "实得分", "考核分", "自评分", "实际得分", "扣分分值",
    ),
    Role.NOTE: ("备注", "扣分说明", "详细情况", "偏差原因分析及改进措施", "偏差原因分析", "偏差原因"),
    Role.TIME: ("考评时间", "考核时间", "完成时限", "时间节点"),
    Role.TARGET: ("目标值", "年初目标值", "年度指标值"),
    Role.ACTUAL: ("完成值", "实际完成值", "实际完成情况"),
}
ROLE_OF: dict[str, Role] = {w: role for role, words in WORDS.items() for w in words}
# Leveled names written with other numerals: Ⅰ指标, 2级指标.
_LEVELED = r"[一二三四ⅠⅡⅢⅣIV1-4]{1,2}级?(?:指标|要素)"

# Whole header cells: the exact names plus the families a table writes them in.
HEADER_NAME = re.compile(
    r"(序号|编号|事项|项目|.{0,4}类别|.{0,2}[一二三四]?级?指标(名称)?|考[评核]?(内容|项目|要点|时间|方法|标准|科室|部门|单位)"
    r"|评分(标准|细则|办法)|[加减扣]分(标准|细则|内容|项目)|计分(标准|方法)|分值|分数|标准分|得分|权重|责任(部门|科室|单位)"
    r"|牵头(部门|单位|科室)|备注|年初目标值.*|实际完成值.*|工作(内容|要求)|目标值|完成值"
    rf"|{_LEVELED}|" + "|".join(sorted(ROLE_OF, key=len, reverse=True)) + ")"
)
SERIAL_NAME = re.compile(r"^(序号|编号)$")
POINTS_NAME = re.compile(r"^(分值|分数|标准分|权重)$")
# A column whose blank cells continue the cell above (a label or unit merged over rows).
GROUPING_NAME = re.compile(r"(事项|类别|项目|科室|部门|单位|处室|股室|[一二]级指标)$")
CATEGORY_NAME = re.compile(r"(类别|事项|项目)$")
DEPT_NAME = re.compile(r"(部门|科室|单位)$")
_UNIT = re.compile(r"[（(][^（）()]{0,4}[）)]$")  # '考评分值（分）', '权重(%)'
_UNIT_AFTER = re.compile(r"[（(](?:分|%|％|万元|元|个|次)[）)]")
# Glued names: the longest known word at each position.
_GLUED = re.compile(_LEVELED + "|" + "|".join(sorted(ROLE_OF, key=len, reverse=True)))


def role_of(name: str) -> Role | None:
    """Given a folded, space-free header name, return the role its column plays, or None."""
    name = _UNIT.sub("", name)
    if name in ROLE_OF:
        return ROLE_OF[name]
    if re.fullmatch(_LEVELED, name):
        return Role.GROUP if name[0] in "一二1Ⅰ2ⅡI" and "三" not in name else Role.NAME
    for role, words in WORDS.items():  # '考核内容（20分）', '工作类别' variants: the longest word inside
        if any(len(w) >= 3 and w in name for w in words):
            return role
    return None


# A table opens with what its rows are about; a title ends with 评分细则/考核办法, which a header
# read from the title's last word would take for its first column.
_TRAILING = {Role.CRITERIA, Role.METHOD, Role.POINTS, Role.SCORE, Role.NOTE, Role.DEPT, Role.TIME, Role.ACTUAL}


def settle_roles(names: list[str], roles: list[Role | None]) -> list[Role | None]:
    """Given a header's folded names and their roles, settle what only the whole header says: of
    leveled names (Ⅰ指标 / Ⅱ指标, 一级 / 二级 / 三级), the deepest names the row when nothing else does;
    naming columns before a content column are its category levels."""
    leveled = [i for i, n in enumerate(names) if re.fullmatch(_LEVELED, _UNIT.sub("", n))]
    if len(leveled) >= 2 and Role.NAME not in roles and Role.CONTENT not in roles:
        roles = list(roles)
        roles[leveled[-1]] = Role.NAME
    # 大项内容 / 小项内容 / 具体项目 / 具体内容: several naming columns before the content are its levels.
    if Role.CONTENT in roles:
        before = [i for i in range(roles.index(Role.CONTENT)) if roles[i] is Role.NAME]
        if len(before) >= 2:
            roles = [Role.GROUP if i in before else r for i, r in enumerate(roles)]
    return roles


def can_lead(name: str) -> bool:
    """Given a folded column name, tell whether a table's first column may bear it."""
    return role_of(name) not in _TRAILING


def is_header_name(name: str) -> bool:
    """Given a folded, space-free cell text, tell whether it is a column name."""
    return bool(HEADER_NAME.fullmatch(_UNIT.sub("", name)))


def glued_names(text: str, start: int) -> list[tuple[int, int, str]]:
    """Given folded, space-free text and a position, return the run of column names glued from there
    as (start, end, name) spans (a unit in brackets after a name, '分值(分)', goes with it); the run
    stops at the first character that starts no name."""
    out = []
    pos = start
    while pos < len(text):
        m = _GLUED.match(text, pos)
        if m is None:
            break
        end = m.end()
        unit = _UNIT_AFTER.match(text, end)
        out.append((pos, unit.end() if unit else end, m.group(0)))
        pos = out[-1][1]
    return out
