"""Run-on tables whose header was cut off above them, and category labels with their points glued on.

Invented inputs only: a preview that starts mid-table, rows of item / bare 'N分' / deduction rule,
and a new category written as '宣传教育12分' right before its first item.
"""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.text.flat import implied_header
from pipeline.indicators.build import build_indicator_table
from pipeline.indicators.categories import parse_category

ROWS = [
    ("", "按时召开专题会议研究部署工作。", "3分", "未召开的扣3分。"),
    ("", "制定年度工作计划并报送备案。", "2分", "未制定的扣2分;未报送的扣1分。"),
    ("宣传教育8分", "组织开展集中宣传活动不少于2次。", "5分", "提供活动照片。每少1次扣2.5分。"),
    ("", "在公共场所设置宣传专栏。", "3分", "未设置的扣3分。"),
    ("队伍建设6分", "配备专职工作人员。", "4分", "未配备的扣4分。"),
    ("", "定期组织业务培训。", "2分", "未组织培训的扣2分。"),
]


def _runon(cut_front: str = "作的通知精神,") -> str:
    return "文档预览\n\n" + cut_front + "".join(label + item + pts + rule for label, item, pts, rule in ROWS) + "\n"


@pytest.mark.parametrize("front", ["", "作的通知精神,", "关于加强基层工作的意见。"])
def test_a_run_on_table_without_its_header_gives_its_rows(tmp_path, front):
    path = tmp_path / "preview.txt"
    path.write_text(_runon(front), encoding="utf-8")
    table = build_indicator_table(extract(path))
    got = [(tuple((c.name, c.points) for c in i.categories), i.points) for i in table.indicators]
    assert got[-4:] == [((("宣传教育", 8.0),), 5.0), ((("宣传教育", 8.0),), 3.0),
                        ((("队伍建设", 6.0),), 4.0), ((("队伍建设", 6.0),), 2.0)]
    assert [i.points for i in table.indicators][:2] == [3.0, 2.0]
    assert table.indicators[2].name.startswith("组织开展集中宣传活动")


NO_IMPLIED_HEADER = [
    ("prose with bracketed points", "一、组织领导（10分）。成立领导小组。未成立扣5分。二、宣传（5分）。开展宣传。未开展扣5分。"),
    ("points without rules", "建立台账。3分组织培训。2分开展宣传。5分报送信息。4分"),
    ("two rows only", "建立台账。3分未建立扣3分。组织培训。2分未组织扣2分。"),
    ("a sentence about totals", "总分100分,其中基础分80分,加分20分。考核结果分为优秀、良好、一般、较差四个等次。"),
]


@pytest.mark.parametrize("case,text", NO_IMPLIED_HEADER, ids=[c for c, _ in NO_IMPLIED_HEADER])
def test_no_header_is_implied_without_the_evidence(case, text):
    assert implied_header([text], 0) is None


CATEGORY_CASES = [
    ("法律宣传15分", "法律宣传", 15.0),
    ("队伍建设（20分）", "队伍建设", 20.0),
    ("制度建设 6.5分", "制度建设", 6.5),
    ("组织领导", "组织领导", None),
    ("每项2分", "每项2分", None),      # a rule, not a label
    ("扣5分", "扣5分", None),
    ("第3分", "第3分", None),          # too short to be a label
]


@pytest.mark.parametrize("text,name,points", CATEGORY_CASES)
def test_category_labels_with_glued_points(text, name, points):
    category = parse_category(text)
    assert (category.name, category.points) == (name, points)


UNIT_CASES = [
    # (pieces as cut, pieces after units are split off)
    (["全面完成年度任务。", "县司法局县法宣办、各乡镇落实到位。"],
     ["全面完成年度任务。", "县司法局", "县法宣办", "、各乡镇落实到位。"]),
    (["达标率达到90%。", "市教育局市禁毒办、市公安局对照标准检查。"],
     ["达标率达到90%。", "市教育局", "市禁毒办、市公安局", "对照标准检查。"]),
    (["建立工作台账。", "组织开展培训。"], ["建立工作台账。", "组织开展培训。"]),  # no unit at all
    (["开展宣传", "县教育局配合"], ["开展宣传", "县教育局配合"]),  # not after a sentence: part of the text
]


@pytest.mark.parametrize("before,after", UNIT_CASES)
def test_units_glued_after_a_sentence_are_cells_of_their_own(before, after):
    from extractors.text.align import Piece
    from extractors.text.flat import split_units

    assert [p.text for p in split_units([Piece(t, 1) for t in before])] == after


@pytest.mark.parametrize("names,roles", [
    (["大项内容", "小项内容", "具体项目", "具体内容", "责任单位"], ["group", "group", "group", "content", "dept"]),
    (["指标名称", "考核内容", "分值"], ["name", "content", "points"]),  # one naming column names the row
    (["小项", "具体项目", "分值", "评分标准"], ["name", "name", "points", "criteria"]),  # no content column
])
def test_naming_columns_before_the_content_are_its_levels(names, roles):
    from extractors.text.headers import role_of, settle_roles

    assert [r.value for r in settle_roles(names, [role_of(n) for n in names])] == roles
