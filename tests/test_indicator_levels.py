"""Which level of a table is the scored one, decided by evidence (pipeline.indicators.reading, rows, text):
a name column numbered a level above the 序号 column, a title closed by its points, points stated with
their kind ('基本分'), score bands of a grading table. Invented tables only."""
from __future__ import annotations

import pytest

from pipeline.indicators.build import build_indicator_table
from schemas.common import InputFormat
from pipeline.indicators.columns import Role, header_role
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


# '考核项目 | 考核内容 | 分值 | 评分标准': the 考核内容 cells stand over several rows and state the points their
# rows add up to, so they are a level; the rules, one per row, name the rows.
CONTENT_LEVEL = [["考核项目", "考核内容", "分值", "评分标准"],
                 ["工作保障(20分)", "组织领导(9分)", "6分", "成立领导小组(3分),配备专职人员(3分)。"],
                 [None, None, "3分", "制定工作制度并落实(3分)。"],
                 [None, "经费保障(11分)", "5分", "工作经费列入财政预算(5分)。"],
                 [None, None, "6分", "按时拨付专项经费(6分)。"]]
CONTENT_SPANS = {(1, 0): (4, 1), (1, 1): (2, 1), (3, 1): (2, 1)}


@pytest.mark.parametrize("dump", [False, True], ids=["merged", "text-dump"])
def test_content_cells_whose_points_their_rows_add_up_to_are_a_level(dump):
    rows, spans = CONTENT_LEVEL, CONTENT_SPANS
    if dump:  # a text dump prints a merged cell once, blank below
        rows, spans = [[t if t is not None else "" for t in r] for r in rows], {}
    got = _read(table(rows, spans))
    assert [([(c.name, c.points) for c in i.categories], i.name, i.points) for i in got.indicators] == [
        ([("工作保障", 20), ("组织领导", 9)], "成立领导小组(3分),配备专职人员(3分)。", 6),
        ([("工作保障", 20), ("组织领导", 9)], "制定工作制度并落实(3分)。", 3),
        ([("工作保障", 20), ("经费保障", 11)], "工作经费列入财政预算(5分)。", 5),
        ([("工作保障", 20), ("经费保障", 11)], "按时拨付专项经费(6分)。", 6),
    ]


def test_content_with_one_text_per_row_names_the_rows():
    # Negative case: 考核内容 has its own text on every row; it names them and no level is made up.
    rows = [["考核项目", "考核内容", "分值", "评分标准"],
            ["工作保障(9分)", "组织领导", "6分", "未成立领导小组扣3分。"],
            [None, "工作制度", "3分", "未制定制度扣3分。"]]
    got = _read(table(rows, {(1, 0): (2, 1)}))
    assert [([c.name for c in i.categories], i.name, i.points) for i in got.indicators] == [
        (["工作保障"], "组织领导", 6), (["工作保障"], "工作制度", 3)]


def test_merged_total_column_gives_the_level_its_points_and_the_text_numbers_the_row():
    rows = [["序号", "考核内容", "考核标准", "考核分值", "总分"],
            ["1", "机构建设", "(1)建立应急领导机构,明确工作职责", "5分", "9分"],
            [None, None, "(2)确定专兼职应急管理人员", "4分", None],
            ["2", "预案建设", "(1)应急预案覆盖率达到100%,每少1个百分点扣1分", "6分", "6分"]]
    spans = {(1, 0): (2, 1), (1, 1): (2, 1), (1, 4): (2, 1)}
    got = build_indicator_table(paragraphs("应急管理考核标准", fmt=InputFormat.DOCX, tables=(table(rows, spans),)))
    assert [([(c.name, c.points) for c in i.categories], i.number, i.points) for i in got.indicators] == [
        ([("机构建设", 9)], "(1)", 5), ([("机构建设", 9)], "(2)", 4), ([("预案建设", 6)], "(1)", 6)]


@pytest.mark.parametrize("text,role", [
    ("一级要素", Role.CATEGORY), ("二级项目", Role.CATEGORY), ("三级指标", Role.NAME),  # the word wins
    ("一级", None), ("一级要素之外附加说明", None), ("第一级", None), ("二级单位", None)])
def test_a_level_header_is_a_category_whatever_it_is_called(text, role):
    assert header_role(text) is role


def test_two_row_header_of_levels_names_rows_by_the_innermost():
    rows = [["考评要素", "考评要素", "标准分值", "评分标准"],
            ["一级要素", "二级要素", None, None],
            ["制度建设(20分)", "工作方案(10分)", "10分", "未制定方案的扣10分。"],
            [None, "工作台账(10分)", "10分", "台账不全的每项扣2分。"]]
    got = _read(table(rows, {(0, 0): (1, 2), (1, 2): (1, 1), (2, 0): (2, 1)}))
    assert [([(c.name, c.points) for c in i.categories], i.name, i.points) for i in got.indicators] == [
        ([("制度建设", 20)], "工作方案", 10), ([("制度建设", 20)], "工作台账", 10)]


def test_a_name_stating_other_points_than_its_column_keeps_them():
    # The name's '（8分）' against 分值 10 is a discrepancy to show, not to tidy away.
    rows = [["序号", "考核指标", "分值", "评分标准"],
            ["1", "工作方案（8分）", "10", "未制定方案的扣10分。"],
            ["2", "工作台账（10分）", "10", "台账不全的每项扣2分。"]]
    got = _read(table(rows))
    assert [i.name for i in got.indicators] == ["工作方案（8分）", "工作台账"]
    assert got.needs_review


def test_a_subtotal_row_beside_cells_merged_from_above_is_no_item():
    # The category cell spans the 小计 row too: the row's own first cell is '小计', so it is a subtotal.
    rows = [["类别", "序号", "考核内容", "分值"],
            ["组织建设", "1", "调委会依法推选产生", "5"],
            [None, "2", "有固定调解场所", "5"],
            [None, "小计", None, "10"],
            ["业务工作", "3", "纠纷调解成功率达到95%以上", "20"],
            [None, "小计", None, "20"],
            ["合计", None, None, "30"]]
    got = _read(table(rows, {(1, 0): (3, 1), (4, 0): (2, 1), (3, 1): (1, 2), (5, 1): (1, 2), (6, 0): (1, 3)}))
    assert [(i.name, i.points) for i in got.indicators] == [
        ("调委会依法推选产生", 5), ("有固定调解场所", 5), ("纠纷调解成功率达到95%以上", 20)]
