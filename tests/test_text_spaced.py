"""A whole table copied onto one line, one space between cells (office-document text dumps).

Invented self-evaluation forms and scoring tables; each case states the rows the grid must hold.
"""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.text.flat import _spaced, find_header

FORM_HEADER = "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
FORM_ROWS = [
    # (一级, 二级, 三级, 目标值, 完成值, 分值, 得分)
    ("产出指标(40分)", "数量指标", "培训场次", "≥12次", "12", "10", "10"),
    ("", "", "宣传资料发放份数", "≥2000份", "2100", "10", "10"),
    ("", "质量指标", "群众知晓率", "≥90%", "92%", "10", "9"),
    ("", "时效指标", "按期完成率", "按计划完成", "达成预期指标", "10", "10"),
    ("效益指标(20分)", "社会效益指标", "矛盾纠纷化解效果", "效果明显", "达成预期指标", "10", "10"),
    ("", "可持续影响指标", "长效机制建立情况", "机制健全", "基本达成", "10", "8"),
]


def _form_text(prefix: str) -> str:
    cells = [c for row in FORM_ROWS for c in row if c]
    # '经济效益指标' is a second level with no row under it, right before the next first level.
    return prefix + FORM_HEADER + " " + " ".join(cells) + " 经济效益指标 满意度指标(10分) 满意度指标 群众满意度 ≥90% 95% 10 10"


@pytest.mark.parametrize("prefix", ["项目支出绩效自评表 项目名称 普法宣传经费 ", "附件: 自评表 "])
def test_results_form_on_one_line_keeps_every_cell_in_its_column(tmp_path, prefix):
    path = tmp_path / "form.txt"
    path.write_text(_form_text(prefix), encoding="utf-8")
    table = extract(path).tables[0]
    grid = [[c.text if c is not None else "" for c in row] for row in table.grid()]
    assert grid[0][:7] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    for got, want in zip(grid[1:], FORM_ROWS):
        assert got[2:7] == list(want[2:])  # name, target, actual, points, score each in its own column
    assert grid[-1][1:7] == ["满意度指标", "群众满意度", "≥90%", "95%", "10", "10"]


@pytest.mark.parametrize("text,names", [
    ("绩效指标 一级指标 二级指标 三级指标 分值 得分", ["一级指标", "二级指标", "三级指标", "分值", "得分"]),
    ("考核指标 考核内容 分值 评分标准", ["考核指标", "考核内容", "分值", "评分标准"]),
    ("序号考核内容分值评分标准", ["序号", "考核内容", "分值", "评分标准"]),  # glued names stay found
])
def test_a_name_glued_to_the_word_before_spaced_names_is_not_a_column(text, names):
    assert find_header([text], 0).names == names


SPACED = " ".join(["建立台账", "5", "未建立扣5分"] * 30)
SPACED_CASES = [
    (SPACED, True),
    ("本办法所称考核，是指对各单位年度工作目标完成情况进行的综合评价。" * 10, False),  # prose: no spaces
    ("建立 台账 5", False),  # short
    ("专兼 职工作人员" + "落实到位。" * 60, False),  # a stray space in a long sentence
]


@pytest.mark.parametrize("text,spaced", SPACED_CASES, ids=["cells", "prose", "short", "one-space"])
def test_spaces_are_cell_breaks_only_where_nearly_every_cell_has_one(text, spaced):
    assert _spaced(text) is spaced
