"""Which level of a table is the scored one, decided by evidence (pipeline.indicators.reading, rows, text):
a name column numbered a level above the 序号 column, a title closed by its points, points stated with
their kind ('基本分'), score bands of a grading table. Invented tables only."""
from __future__ import annotations

import pytest

from pipeline.indicators.build import build_indicator_table
from pipeline.indicators.text import stated_points
from raw_builder import paragraphs, table


def _read(*tables):
    return build_indicator_table(paragraphs("某区年度目标考核细则", tables=tables))


def _rows(got):
    return [([c.name for c in i.categories], i.number, i.name, i.points) for i in got.indicators]


HEADER = ["考核指标", "序号", "考核内容", "评分规则", "牵头单位"]
# A text dump: the group cell printed once with blanks below; each row titled by its content cell.
OUTLINE_ABOVE = [
    HEADER,
    ["一、大气环境质量(基本分100分)", "1", "空气优良天数比例达到目标(60分)按省定目标考核。", "每低1个百分点扣2分。", "区环保局"],
    ["", "2", "细颗粒物浓度下降(40分)按年均浓度考核。", "未完成的扣10分。", "区环保局"],
    ["二、水环境质量(基本分50分)", "3", "断面水质达标(50分)按月监测。", "每月次不达标扣5分。", "区水利局"],
    ["", "4", "饮用水源地保护(0分)按规范整治。", "发现问题每处扣1分。", "区水利局"],
]


def test_name_column_numbered_above_the_serial_is_a_category():
    got = _read(table(OUTLINE_ABOVE))
    assert _rows(got) == [
        (["大气环境质量"], "1", "空气优良天数比例达到目标", 60),
        (["大气环境质量"], "2", "细颗粒物浓度下降", 40),
        (["水环境质量"], "3", "断面水质达标", 50),
        (["水环境质量"], "4", "饮用水源地保护", 0),
    ]
    assert [c.points for c in got.indicators[0].categories] == [100]
    assert got.indicators[0].content == "按省定目标考核。"


def test_name_column_without_a_higher_outline_number_still_names_its_rows():
    # Negative case: the same shape, the first column's texts not numbered above the 序号 — each row's own name.
    rows = [HEADER,
            ["空气质量", "1", "空气优良天数比例达到目标。", "每低1个百分点扣2分。", "区环保局"],
            ["颗粒物浓度", "2", "细颗粒物浓度下降。", "未完成的扣10分。", "区环保局"],
            ["断面水质", "3", "断面水质达标。", "每月次不达标扣5分。", "区水利局"]]
    got = _read(table(rows))
    assert [i.name for i in got.indicators] == ["空气质量", "颗粒物浓度", "断面水质"]
    assert all(not i.categories for i in got.indicators)


@pytest.mark.parametrize("text,expected", [
    ("水环境质量(基本分200分)", ("水环境质量", 200.0)),
    ("队伍建设（共20分）", ("队伍建设", 20.0)),
    ("组织领导（计：15分）", ("组织领导", 15.0)),
    ("业务工作（60 分）", ("业务工作", 60.0)),
    # The document's total beside its title is no category's points.
    ("某某考核评分标准(总分:100分)", ("某某考核评分标准(总分:100分)", None)),
    ("台账管理（扣2分）", ("台账管理（扣2分）", None)),
])
def test_stated_points(text, expected):
    assert stated_points(text) == expected


def test_grading_table_after_the_indicators_gives_no_rows():
    items = table([["序号", "考核项目", "考核内容", "分值"],
                   ["1", "案件质量", "案卷评查合格率达到95%", "60"],
                   ["2", "群众满意", "满意度测评达到90%", "40"]])
    # A table of grades and their score bands: '90分以上' bounds a grade, no item has those points.
    grades = table([["等次", "分数段", "说明"],
                    ["优秀", "90分以上（含90分）", "不超过参评单位的20%"],
                    ["良好", "75分至89分", ""],
                    ["一般", "60分-74分", ""],
                    ["较差", "60分以下", "限期整改"]], no=1)
    got = _read(items, grades)
    assert [(i.name, i.points) for i in got.indicators] == [("案件质量", 60), ("群众满意", 40)]


# '大项 | 小项 | 具体项目 | 具体内容': each level merged over the next, points only on the levels; the header's
# words ('内容' on every column) say nothing of which one names the rows.
LEVELS = [["大项内容", "小项内容", "具体项目", "具体内容", "责任单位"],
          ["安全宣传(10分)", "宣传活动(6分)", "集中宣传(4分)", "每季度开展一次集中宣传活动。", "区应急局"],
          [None, None, None, "重点时段开展专题宣传。", "区应急局"],
          [None, None, "媒体宣传(2分)", "在区级媒体刊发宣传稿件。", "区融媒体中心"],
          [None, "宣传阵地(4分)", "阵地建设(4分)", "每个街道建成一处宣传阵地。", "区应急局"]]
LEVEL_SPANS = {(1, 0): (4, 1), (1, 1): (3, 1), (1, 2): (2, 1)}


def test_levels_merged_over_each_other_are_categories_of_the_distinct_texts():
    got = _read(table(LEVELS, LEVEL_SPANS))
    assert [([c.name for c in i.categories], i.name, i.points) for i in got.indicators] == [
        (["安全宣传", "宣传活动", "集中宣传"], "每季度开展一次集中宣传活动。", None),
        (["安全宣传", "宣传活动", "集中宣传"], "重点时段开展专题宣传。", None),
        (["安全宣传", "宣传活动", "媒体宣传"], "在区级媒体刊发宣传稿件。", None),
        (["安全宣传", "宣传阵地", "阵地建设"], "每个街道建成一处宣传阵地。", None),
    ]
    assert got.needs_review  # the header's reading came close: a person should look


def test_levels_need_every_column_left_of_the_names_to_group_rows():
    # Negative case: the first column has one text per row, so it names the rows and nothing is a level.
    rows = [["项目内容", "具体内容", "分值"],
            ["安全宣传", "每季度开展一次集中宣传活动。", "4"],
            ["媒体宣传", "在区级媒体刊发宣传稿件。", "2"],
            ["阵地建设", "每个街道建成一处宣传阵地。", "4"]]
    got = _read(table(rows))
    assert [(i.name, i.points, i.categories) for i in got.indicators] == [
        ("安全宣传", 4, []), ("媒体宣传", 2, []), ("阵地建设", 4, [])]
