"""Schemes written as prose, and the small tables beside them, that came out wrong (issue 9, round 3b): one case
(table) per general cause, every input invented here (no corpus file is read)."""
from __future__ import annotations

import pytest

from extractors.registry import extract
from pipeline.indicators import build_indicator_table
from raw_builder import leaves, paragraphs, prose, table
from schemas.common import InputFormat


OUTLINE_CASES = [
    pytest.param(
        ["二、日常管理", "()未按时报送月度报表的，每次扣2分。", "()未参加季度例会的，每次扣1分。"],
        [("未按时报送月度报表的", None, []), ("未参加季度例会的", None, [])],
        id="numbers-lost-by-a-converter-still-number-items",
    ),
    pytest.param(
        ["(-)基础工作（10分）", "1.建立工作台账（5分）。未建立的扣5分。", "2.召开工作例会（5分）。每少一次扣1分。"],
        [("建立工作台账", 5.0, ["基础工作"]), ("召开工作例会", 5.0, ["基础工作"])],
        id="a-dash-read-for-one-in-brackets",
    ),
    pytest.param(
        ["一、考核形式：实行百分制，总分为100分。", "二、工作考核（100分）",
         "1.成立领导小组（40分）。未成立的扣40分。", "2.制定年度计划（60分）。未制定的扣60分。"],
        [("成立领导小组", 40.0, ["工作考核"]), ("制定年度计划", 60.0, ["工作考核"])],
        id="a-stated-total-is-no-item",
    ),
]


@pytest.mark.parametrize("lines,expected", OUTLINE_CASES)
def test_outline_items(lines, expected):
    out = prose(*lines)
    assert leaves(out) == expected
    assert not out.needs_review, out.review_reasons


INLINE_LIST_CASES = [
    pytest.param(
        "一、考评内容。考评总分为100分，分别为组织领导20分、业务工作50分、附加项(加、扣分)30分。",
        [("组织领导", 20.0, ["考评内容"]), ("业务工作", 50.0, ["考评内容"]), ("附加项(加、扣分)", 30.0, ["考评内容"])],
        100.0,
        id="the-stated-total-is-the-heading's-and-a-name-keeps-its-bracket",
    ),
    pytest.param(
        "二、部门考评。共性指标60分，分别为党建工作20分、队伍建设30分、信息宣传10分。",
        [("党建工作", 20.0, ["部门考评", "共性指标"]), ("队伍建设", 30.0, ["部门考评", "共性指标"]),
         ("信息宣传", 10.0, ["部门考评", "共性指标"])],
        None,
        id="an-element-whose-parts-follow-heads-them",
    ),
]


@pytest.mark.parametrize("line,expected,heading_points", INLINE_LIST_CASES)
def test_inline_lists(line, expected, heading_points):
    out = prose(line)
    assert leaves(out) == expected
    assert out.indicators[0].categories[0].points == heading_points


def test_a_cut_item_under_a_heading_opened_just_before_the_cut_is_kept(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text("一、安全事故（共60分，扣完为止）\n1、人员伤亡事故\n(1)发生死亡事故的，每人扣30分；\n"
                    "(2)发生重伤事故的，每人扣15分。\n2、火灾事故\n(1)发生农房火灾或者森林火灾造成财产损失的按受灾户\n",
                    encoding="utf-8")
    out = build_indicator_table(extract(path))
    assert [(i.name, i.category_path, i.possibly_cut) for i in out.indicators][-1] == (
        "发生农房火灾或者森林火灾造成财产损失的按受灾户", ["安全事故", "火灾事故"], True)


def test_a_prose_weight_that_a_table_adds_up_to_heads_that_table():
    grid = table([["评价项目", "评价内容", "权重"],
                  ["工作作风", "责任意识和执行力", "10%"],
                  ["业务能力", "专业知识和技能", "10%"],
                  ["团队协作", "沟通和协调", "10%"]])
    out = build_indicator_table(paragraphs("5.1 组织绩效考核得分：按考核指标评分，权重70%。",
                                           "5.2 横向交叉评分：各部门互评，权重30%。", fmt=InputFormat.DOCX, tables=(grid,)))
    by_name = {i.name: i for i in out.indicators}
    assert not any(name.startswith("横向交叉评分") for name in by_name)
    assert by_name["团队协作"].category_path[0].startswith("横向交叉评分")
    assert not any("权重合计" in r for r in out.review_reasons), out.review_reasons


def test_a_new_table_inherits_no_category_from_the_table_before():
    first = table([["一级指标", "二级指标", "分值"],
                   ["队伍建设（10分）", "配齐人员", "5"],
                   [None, "业务培训", "5"]], spans={(1, 0): (2, 1)}, no=0)
    second = table([["项目", "指标", "分值", "评分标准"],
                    ["（10分）", "资金使用", "5", "违规使用的扣5分"],
                    [None, "资金分配", "5", "分配不当的扣2分"]], spans={(1, 0): (2, 1)}, no=1)
    out = build_indicator_table(paragraphs(fmt=InputFormat.DOCX, tables=(first, second)))
    paths = {i.name: i.category_path for i in out.indicators}
    assert paths["配齐人员"] == ["队伍建设"] and paths["资金使用"] == []
