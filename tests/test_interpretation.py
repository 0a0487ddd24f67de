"""Interpretation of tables and prose that are not shaped like the corpus: one case table per pattern of
issue 9, each with invented inputs built here (no corpus file is read)."""
from __future__ import annotations

import pytest

from extractors.registry import extract
from pipeline.indicators import build_indicator_table
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, TextBlock
from raw_builder import table

SOURCE = SourceInfo(file="t.txt", format=InputFormat.TEXT, sha256="0", size_bytes=0, extractor_version="t")


def para(text: str, n: int = 0, label: BlockLabel = BlockLabel.PARAGRAPH) -> TextBlock:
    return TextBlock(label=label, text=text, prov=ProvenanceItem(file="t.txt", paragraph_no=n))


def read(*body):
    return build_indicator_table(RawDocument(source=SOURCE, body=list(body)))


def rows_of(out):
    return [(i.name, i.category_path, i.points, i.weight, i.department) for i in out.indicators]


# -- 1. hierarchy from the table's shape --------------------------------------------------------------
SHAPE_CASES = [
    pytest.param(
        [["序号", "考核项目", "考核内容", "分值", "评分标准"],
         ["1", "组织领导", "成立领导小组，明确分管领导", "10", "未成立的扣5分"],
         ["2", "队伍建设", "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["3", "制度建设", "建立工作台账和值班制度", "5", "未建立的扣2分"]],
        {},
        [("组织领导", [], 10.0, None, None), ("队伍建设", [], 10.0, None, None), ("制度建设", [], 5.0, None, None)],
        id="project-column-names-each-row",
    ),
    pytest.param(
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["基础工作", "成立领导小组", "10", "未成立的扣5分"],
         [None, "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20", "每逾期1件扣1分"],
         [None, "回访当事人", "10", "未回访的扣1分"]],
        {(1, 0): (2, 1), (3, 0): (2, 1)},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None), ("回访当事人", ["业务工作"], 10.0, None, None)],
        id="merged-project-column-is-a-category",
    ),
    pytest.param(
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["基础工作", "成立领导小组", "10", "未成立的扣5分"],
         ["基础工作", "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20", "每逾期1件扣1分"],
         ["业务工作", "回访当事人", "10", "未回访的扣1分"]],
        {},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None), ("回访当事人", ["业务工作"], 10.0, None, None)],
        id="repeated-project-text-is-a-category",
    ),
    pytest.param(
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["基础工作", "成立领导小组", "10", "未成立的扣5分"],
         ["", "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20", "每逾期1件扣1分"],
         ["", "回访当事人", "10", "未回访的扣1分"]],
        {},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None), ("回访当事人", ["业务工作"], 10.0, None, None)],
        id="project-text-once-then-blanks-is-a-category",
    ),
    pytest.param(
        [["栏目", "要点", "标分", "办法"],
         ["基础工作", "成立领导小组", "10分", "未成立的扣5分"],
         [None, "配齐专职工作人员", "10分", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20分", "每逾期1件扣1分"]],
        {(1, 0): (2, 1)},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None)],
        id="unknown-header-words-read-by-shape",
    ),
    pytest.param(
        [["一级指标", "二级指标", "三级指标", "分值"],
         ["1.基础条件（15分）", "1.1场地", "1.1.1办公面积", "5"],
         [None, None, "1.1.2功能分区", "5"],
         [None, "1.2设备", "1.2.1电脑配置", "5"]],
        {(1, 0): (3, 1), (1, 1): (2, 1)},
        [("办公面积", ["基础条件", "场地"], 5.0, None, None), ("功能分区", ["基础条件", "场地"], 5.0, None, None),
         ("电脑配置", ["基础条件", "设备"], 5.0, None, None)],
        id="numbered-names-split-their-number",
    ),
]


SHAPE_CASES.append(pytest.param(
    [["一级指标", "二级指标", "三级指标"],
     ["部门决策(25分)", "目标任务(15分)", "相关性(5分)"],
     [None, None, "明确性(10分)"],
     [None, "预算编制(10分)", "测算依据(10分)"]],
    {(1, 0): (3, 1), (1, 1): (2, 1)},
    # The last level is named as the levels above it are, without its points (hand-read web d20).
    [("相关性", ["部门决策", "目标任务"], 5.0, None, None), ("明确性", ["部门决策", "目标任务"], 10.0, None, None),
     ("测算依据", ["部门决策", "预算编制"], 10.0, None, None)],
    id="rows-stating-points-are-never-a-header",
))


@pytest.mark.parametrize("rows,spans,want", SHAPE_CASES)
def test_hierarchy_from_shape(rows, spans, want):
    out = read(table(rows, spans))
    assert rows_of(out) == want


def test_numbered_name_keeps_its_number():
    out = read(table(SHAPE_CASES[5].values[0], SHAPE_CASES[5].values[1]))
    assert [i.number for i in out.indicators] == ["1.1.1", "1.1.2", "1.2.1"]


# -- 2. full-width category rows; a category row with its own criteria is a leaf -----------------------
def test_full_width_row_is_a_category_not_an_empty_indicator():
    rows = [["序号", "考核内容", "分值", "评分标准"],
            ["一、基础建设（20分）", None, None, None],
            ["1", "建立工作台账", "10", "未建立的扣2分"],
            ["2", "配齐工作人员", "10", "每缺1人扣2分"],
            ["二、队伍建设（10分）", None, None, None],
            ["1", "开展业务培训", "10", "少1次扣1分"]]
    spans = {(1, 0): (1, 4), (4, 0): (1, 4)}
    out = read(table(rows, spans))
    assert [(i.name, i.points) for i in out.indicators] == [("建立工作台账", 10.0), ("配齐工作人员", 10.0), ("开展业务培训", 10.0)]
    assert all(i.name for i in out.indicators)
    assert [(s.title, s.points) for s in out.sections] == [("一、基础建设", 20.0), ("二、队伍建设", 10.0)]


def test_category_row_with_its_own_criteria_is_a_leaf():
    rows = [["考核项目", "考核内容", "分值", "评分标准", "责任部门"],
            ["党建工作", "", "5", "未开展主题党日的扣1分", "办公室"],
            ["业务工作", "按期办结案件", "10", "每逾期1件扣1分", "业务科"],
            [None, "回访当事人", "5", "未回访的扣1分", "业务科"]]
    out = read(table(rows, {(2, 0): (2, 1)}))
    assert rows_of(out) == [("党建工作", [], 5.0, None, "办公室"), ("按期办结案件", ["业务工作"], 10.0, None, "业务科"),
                            ("回访当事人", ["业务工作"], 5.0, None, "业务科")]


# -- 3. points in the row's own text ---------------------------------------------------------------------
OWN_POINTS_CASES = [
    pytest.param([["序号", "考核内容", "评分标准"], ["1", "建立工作台账（3分）", "未建立的扣1分"],
                  ["2", "落实值班制度（2分）", "缺1次扣0.5分"]], {},
                 [("建立工作台账（3分）", 3.0, None), ("落实值班制度（2分）", 2.0, None)], id="points-in-name"),
    pytest.param([["序号", "考核项目", "考核要求"], ["1", "信息报送", "按时报送信息（5分）"],
                  ["2", "档案管理", "档案规范完整（5分）"]], {},
                 [("信息报送", 5.0, None), ("档案管理", 5.0, None)], id="points-closing-the-content"),
    pytest.param([["序号", "考核内容", "评分标准"], ["1", "落实值班制度（15分+5分）", "缺1次扣1分；创新做法加5分"]], {},
                 [("落实值班制度（15分+5分）", 15.0, 5.0)], id="base-plus-bonus"),
    pytest.param([["序号", "考核内容", "评分标准"], ["一、基础建设（20分）", None, None],
                  ["1", "建立工作台账", "未建立的扣1分"], ["2", "配齐人员", "每缺1人扣2分"]],
                 {(1, 0): (1, 3)},
                 [("建立工作台账", None, None), ("配齐人员", None, None)], id="category-points-not-copied"),
    pytest.param([["序号", "考核内容", "评分规则"],
                  ["1", "断面水质达到考核要求（100分）根据实施方案规定的断面考核。", "每月不达标扣5分。"],
                  ["2", "交界断面水质考核（60分）按省考核办法进行，指标为氨氮、总磷。", "每项不达标扣10分。"]], {},
                 [("断面水质达到考核要求（100分）根据实施方案规定的断面考核。", 100.0, None),
                  ("交界断面水质考核（60分）按省考核办法进行，指标为氨氮、总磷。", 60.0, None)],
                 id="points-closing-the-contents-title"),
    pytest.param([["序号", "考核内容", "评分规则"],
                  ["1", "按时报送信息，未报送的扣2分（10分）后逐月通报。", "每迟报1次扣1分。"]], {},
                 [("按时报送信息，未报送的扣2分（10分）后逐月通报。", None, None)], id="a-rule-before-the-bracket-is-no-title"),
]


@pytest.mark.parametrize("rows,spans,want", OWN_POINTS_CASES)
def test_points_in_the_rows_own_text(rows, spans, want):
    out = read(table(rows, spans))
    assert [(i.name, i.points, i.bonus_points) for i in out.indicators] == want


# -- 4. weights ------------------------------------------------------------------------------------------
WEIGHT_CASES = [
    pytest.param([["序号", "指标", "权重", "评分标准"], ["1", "工作作风", "40%", "好的得满分"],
                  ["2", "业务能力", "40%", "差的不得分"], ["3", "团队协作", "20%", "酌情扣分"]], {},
                 [(0.4, None), (0.4, None), (0.2, None)], id="percent-column"),
    pytest.param([["序号", "指标", "权重", "评分标准"], ["1", "工作作风", "40", "好的得满分"],
                  ["2", "业务能力", "40", "差的不得分"], ["3", "团队协作", "20", "酌情扣分"]], {},
                 [(0.4, None), (0.4, None), (0.2, None)], id="plain-numbers-are-still-weights"),
    pytest.param([["序号", "指标", "权重/分值", "评分标准"], ["1", "工作作风", "40%\n40", "好的得满分"],
                  ["2", "业务能力", "60%\n60", "差的不得分"]], {},
                 [(0.4, 40.0), (0.6, 60.0)], id="weight-and-points-in-one-cell"),
    pytest.param([["序号", "考核内容", "评分标准"], ["1", "安全生产", "占考核分值40%，发生事故的不得分"],
                  ["2", "经营管理", "占考核分值60%，未完成的按比例扣分"]], {},
                 [(0.4, None), (0.6, None)], id="weight-stated-in-the-text"),
    pytest.param([["一级指标", "权重", "二级指标", "分值"], ["产出", "60%", "数量", "10"], [None, None, "质量", "10"],
                  ["效益", "40%", "满意度", "10"]], {(1, 0): (2, 1), (1, 1): (2, 1)},
                 [(0.6, 10.0), (0.6, 10.0), (0.4, 10.0)], id="category-weight-merged-like-the-category"),
]


@pytest.mark.parametrize("rows,spans,want", WEIGHT_CASES)
def test_weights_are_weights(rows, spans, want):
    out = read(table(rows, spans))
    assert [(i.weight, i.points) for i in out.indicators] == want


def test_weights_that_add_up_to_category_points_are_also_points():
    rows = [["一级指标", "三级指标", "权重", "评分方法"], ["党建（10分）", "学习", "4", "未学习扣1分"],
            [None, "廉政", "6", "未开展扣2分"], ["业务（20分）", "调解", "20", "每低1个百分点扣1分"]]
    out = read(table(rows, {(1, 0): (2, 1)}))
    assert [(i.name, i.weight, i.points) for i in out.indicators] == [
        ("学习", 0.04, 4.0), ("廉政", 0.06, 6.0), ("调解", 0.2, 20.0)]


# -- 5. criteria laid out as columns (rating sheets) ------------------------------------------------------
def test_rater_rows_criteria_columns_with_score_columns():
    rows = [["部门", "工作作风", "打分", "业务能力", "打分", "团队协作", "打分"],
            ["综合科", "主要考核责任意识、执行力度和工作态度", "", "重点考察专业知识和业务技能", "", "主要考核协作态度和沟通能力", ""],
            ["业务科", None, "", None, "", None, ""],
            ["保障科", None, "", None, "", None, ""]]
    spans = {(1, 1): (3, 1), (1, 3): (3, 1), (1, 5): (3, 1)}
    out = read(table(rows, spans))
    assert [i.name for i in out.indicators] == ["工作作风", "业务能力", "团队协作"]
    assert out.indicators[0].criteria.startswith("主要考核")


def test_criteria_columns_with_tick_boxes_and_a_header_formula():
    rows = [["序号", "单位名称", "进度得分", "质量得分", "服务得分", "综合得分\n总分＝P1×50%＋P2×30%＋P3×20%"],
            ["1", "", "", "", "", ""], ["2", "", "", "", "", ""], ["3", "", "", "", "", ""]]
    out = read(table(rows))
    assert [(i.name, i.weight) for i in out.indicators] == [("进度得分", 0.5), ("质量得分", 0.3), ("服务得分", 0.2)]


def test_aspects_rated_on_tick_box_scales():
    rows = [["演练名称", "", "地点", ""],
            ["效果评价", "人员到位", "□迅速准确 □基本到位 □个别未到位", None],
            [None, "物资保障", "□充分 □不充分", None],
            [None, "应急处置", "□处置到位 □部分到位", None],
            ["存在问题", "", None, None]]
    spans = {(1, 0): (3, 1), (1, 2): (1, 2), (2, 2): (1, 2), (3, 2): (1, 2), (4, 1): (1, 3)}
    out = read(table(rows, spans))
    assert [(i.name, i.category_path) for i in out.indicators] == [
        ("人员到位", ["效果评价"]), ("物资保障", ["效果评价"]), ("应急处置", ["效果评价"])]


# -- 6. one indicator over two rows ----------------------------------------------------------------------
def test_one_indicator_over_a_criteria_row_and_a_source_row():
    rows = [["序号", "指标名称", "评分标准", "分值"],
            ["1", "调解成功率", "成功率低于95%的每低1个百分点扣1分", "10"],
            [None, None, "数据来源：调解统计台账", None],
            ["2", "案件办结率", "未按期办结的每件扣1分", "10"],
            [None, None, "数据来源：办案系统", None]]
    spans = {(1, 0): (2, 1), (1, 1): (2, 1), (1, 3): (2, 1), (3, 0): (2, 1), (3, 1): (2, 1), (3, 3): (2, 1)}
    out = read(table(rows, spans))
    assert [(i.name, i.points) for i in out.indicators] == [("调解成功率", 10.0), ("案件办结率", 10.0)]
    assert "数据来源" in out.indicators[0].criteria


def test_points_cut_onto_a_row_of_their_own_complete_the_row_above():
    """A recovered dump may leave an item's text on one row and its 分值 (with the rest of the rule) on the
    next, which has no name or number: the points are the item's, not a nameless indicator's."""
    rows = [["考核项目", "考核内容", "分值", "评分标准"],
            ["组织领导（20分）", "1.成立领导小组，明确分管领导。", "8", "未成立的扣4分。"],
            [None, "2.每季度开展排查（全年不少于4次）；", "", "对排查出的问题认真处理，否则酌情扣分。"],
            [None, "", "12", "没有及时上报排查表的，每少1次扣1分。"]]
    out = read(table(rows, {(1, 0): (3, 1)}))
    assert [(i.name, i.points) for i in out.indicators] == [
        ("成立领导小组，明确分管领导。", 8.0), ("每季度开展排查（全年不少于4次）；", 12.0)]
    assert "每少1次扣1分" in out.indicators[1].criteria


def test_a_header_over_two_columns_the_left_grouping_the_rows():
    """'考核内容' spans two columns; the left one is merged over rows that each name their own item in the
    right one: the left is a category, the right names the rows (not '场所设置基础设施')."""
    rows = [["考核内容", None, "分值", "考核标准"],
            ["场所设置", "基础设施", "6", "标识符合统一标准（3分）；指示牌醒目（3分）"],
            [None, "功能区划", "4", "设有受理厅（2分）；设有调解室（2分）"],
            ["队伍建设", "人员配备", "10", "配齐专职人员，每缺1人扣2分。"]]
    out = read(table(rows, {(0, 0): (1, 2), (1, 0): (2, 1)}))
    assert [(i.name, i.category_path, i.points) for i in out.indicators] == [
        ("基础设施", ["场所设置"], 6.0), ("功能区划", ["场所设置"], 4.0), ("人员配备", ["队伍建设"], 10.0)]


def test_points_merged_over_a_categorys_rows_are_the_categorys():
    """A 分值 cell merged over exactly the rows of a merged category, beside rows that each name an item,
    states the category's points: copied onto every row they would add up to twice the category."""
    rows = [["考核内容", None, "分值", "考核标准"],
            ["场所设置", "基础设施", "40", "标识不符合标准扣5分。"],
            [None, "功能区划", None, "未设受理厅扣2分。"],
            ["队伍建设", "人员配备", "20", "每缺1人扣2分。"],
            [None, "业务培训", None, "未开展培训扣5分。"]]
    out = read(table(rows, {(0, 0): (1, 2), (1, 0): (2, 1), (1, 2): (2, 1), (3, 0): (2, 1), (3, 2): (2, 1)}))
    assert [(i.name, i.points, i.category_path) for i in out.indicators] == [
        ("基础设施", None, ["场所设置"]), ("功能区划", None, ["场所设置"]), ("人员配备", None, ["队伍建设"]),
        ("业务培训", None, ["队伍建设"])]
    assert [out.indicators[0].categories[0].points, out.indicators[2].categories[0].points] == [40.0, 20.0]


def test_a_table_without_header_or_serials_is_read_by_shape():
    """The header stood on the page before: a merged column groups the rows, a short column names them,
    numbers are their points, the long text their rules."""
    rows = [["领导干部", "制度建立", "1", "制定学法制度，未制定的扣1分。"],
            [None, "任前考试", "1.5", "实施任前法律知识考试制度，未实施的不得分。"],
            [None, "法制讲座", "1", "每年不少于2次，每少1次扣0.5分。"],
            ["公务员", "教育培训", "2", "开展法律知识培训，未开展的扣2分。"],
            [None, "学法考试", "1.5", "组织年度学法考试，未组织的不得分。"]]
    out = read(table(rows, {(0, 0): (3, 1), (3, 0): (2, 1)}))
    assert [(i.name, i.category_path, i.points) for i in out.indicators] == [
        ("制度建立", ["领导干部"], 1.0), ("任前考试", ["领导干部"], 1.5), ("法制讲座", ["领导干部"], 1.0),
        ("教育培训", ["公务员"], 2.0), ("学法考试", ["公务员"], 1.5)]


def test_words_beside_numbers_without_header_levels_or_rules_are_no_table():
    rows = [[f"项{i}", "评分", "10"] for i in range(6)]
    assert read(table(rows)).indicators == []


# -- 7. tables that hold no indicators -------------------------------------------------------------------
SKIPPED_CASES = [
    pytest.param([["文件名称", "绩效考核管理程序", "文件编号", "QM-06"], ["版次", "B", "页次", "共6页"],
                  ["分发部门", "办公室", "份数", "3"], ["编制", "", "批准", ""]], "文件控制", id="document-control"),
    pytest.param([["编制：", "审核：", "批准："]], "签批", id="sign-off"),
    pytest.param([["工作任务", "办公室", "政治处", "业务科", "保障科"], ["组织学习", "√", "", "√", ""],
                  ["安全检查", "", "√", "", "√"], ["信息报送", "√", "√", "", ""]], "矩阵", id="responsibility-matrix"),
    pytest.param([["单位", "调解率", "办结率", "满意度"], ["城关司法所", "30", "40", "30"], ["南渡司法所", "30", "40", "30"],
                  ["东坝司法所", "30", "40", "30"]], "矩阵", id="unit-by-indicator-weights"),
    pytest.param([["序号", "产品编号", "计划交付日期", "实际交付日期", "延迟原因"], ["1", "", "", "", ""],
                  ["2", "", "", "", ""], ["3", "", "", "", ""]], "空白", id="blank-record-form"),
    pytest.param([["序号", "工作任务", "城关所", "南渡所", "东坝所"], ["1", "排查矛盾纠纷", "完成", "完成", "未完成"],
                  ["2", "走访重点人员", "完成", "未完成", "完成"], ["3", "开展法治宣传", "完成", "完成", "完成"]],
                 "矩阵", id="per-unit-result-columns"),
]


@pytest.mark.parametrize("rows,why", SKIPPED_CASES)
def test_tables_without_indicators_are_skipped_with_a_reason(rows, why):
    out = read(table(rows))
    assert out.indicators == []
    assert len(out.check.tables_skipped) == 1 and why in out.check.tables_skipped[0].reason
    assert all(i.department not in ("份数", "3") for i in out.indicators)


def test_skipped_table_beside_an_indicator_table():
    control = table([["文件编号", "QM-06", "版次", "A"], ["分发部门", "办公室", "份数", "3"], ["编制", "", "审核", ""]], no=0)
    scoring = table([["序号", "考核内容", "分值", "责任部门"], ["1", "安全生产", "10", "安全科"], ["2", "质量管理", "10", "质量科"]], no=1)
    out = read(control, scoring)
    assert [(i.name, i.points, i.department) for i in out.indicators] == [("安全生产", 10.0, "安全科"), ("质量管理", 10.0, "质量科")]
    assert [t.table_no for t in out.check.tables_skipped] == [0]


# -- 8. departments written on several lines ---------------------------------------------------------------
def test_department_cell_of_several_lines_is_a_list():
    rows = [["序号", "考核内容", "分值", "责任单位"], ["1", "开展法治宣传", "10", "县委宣传部\n县教育局"],
            ["2", "落实河长制", "10", "县水利局、县生态环境局"]]
    out = read(table(rows))
    assert [i.departments for i in out.indicators] == [["县委宣传部", "县教育局"], ["县水利局", "县生态环境局"]]
    assert out.indicators[0].department == "县委宣传部 县教育局"


# -- 9. footer rows ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("footer", ["合计", "总分", "总计", "工作亮点", "说明"])
def test_footer_rows_are_not_indicators(footer):
    rows = [["序号", "考核内容", "分值", "评分标准"], ["1", "安全生产", "60", "发生事故的扣10分"],
            ["2", "质量管理", "40", "每发现一次问题扣2分"], [footer, "", "100", ""]]
    out = read(table(rows))
    assert [i.name for i in out.indicators] == ["安全生产", "质量管理"]


def test_remark_row_is_kept_as_a_note():
    rows = [["序号", "考核内容", "分值", "评分标准"], ["1", "安全生产", "60", "发生事故的扣10分"],
            ["备注", "各项扣分以该项分值为限。", None, None]]
    out = read(table(rows, {(2, 1): (1, 3)}))
    assert [i.name for i in out.indicators] == ["安全生产"] and out.notes == ["各项扣分以该项分值为限。"]


# -- 10. indicator tables written as prose ------------------------------------------------------------------
def prose(*lines: str):
    return read(*[para(t, n) for n, t in enumerate(lines)])


def leaves(out):
    return [(i.number, i.name, i.points, i.weight, i.category_path) for i in out.indicators]


PROSE_CASES = [
    pytest.param(
        ["某局业务考核办法", "一、考核内容及标准",
         "(一)队伍建设20分 1、政治理论学习每月一次8分,缺一次扣1分。 2、廉政教育12分,视情扣分。 (二)业务工作10分 "
         "1、按期办结案件10分,每逾期一件扣2分。"],
        [("1", "政治理论学习每月一次", 8.0, None, ["队伍建设"]), ("2", "廉政教育", 12.0, None, ["队伍建设"]),
         ("1", "按期办结案件", 10.0, None, ["业务工作"])],
        id="run-on-paragraph",
    ),
    pytest.param(
        ["一、组织领导（20分）", "1.成立领导小组（5分）。未成立的扣5分。", "2.制定工作方案（15分）。没有方案的不得分。",
         "二、宣传教育（10分）", "3.开展集中宣传（10分）。每少一次扣2分。"],
        [("1", "成立领导小组", 5.0, None, ["组织领导"]), ("2", "制定工作方案", 15.0, None, ["组织领导"]),
         ("3", "开展集中宣传", 10.0, None, ["宣传教育"])],
        id="numbering-runs-on-across-headings",
    ),
    pytest.param(
        ["一、信息系统建设（10分）", "1.系统运行情况（4分）。无法正常运行的扣2分。",
         "2.信访办理情况（6分）。要素不规范的每一小点扣1分，共6分，扣完为止。"],
        [("1", "系统运行情况", 4.0, None, ["信息系统建设"]), ("2", "信访办理情况", 6.0, None, ["信息系统建设"])],
        id="a-rule-capped-at-the-items-points",
    ),
    pytest.param(
        ["一、考核原则", "坚持客观公正。", "二、计分办法", "考核实行百分制。年度得分＝各单项分值－扣分＋加分。",
         "三、考核内容及评分标准", "（一）水环境质量（10分）", "1、断面水质达标（6分）：每降一类扣2分。",
         "2、饮用水源地水质（4分）：不达标的不得分。"],
        [("1", "断面水质达标", 6.0, None, ["水环境质量"]), ("2", "饮用水源地水质", 4.0, None, ["水环境质量"])],
        id="the-schemes-own-parts-are-not-items",
    ),
    pytest.param(
        ["二、宣传教育（20分）", "1、集中宣传10分。未开展的不得分。",
         "2、在报刊发表禁毒宣传文章10分、国家级每份2分、省级每份1分、市级0.5分。",
         "三、公众评价（5分）", "1、群众评价按差、较差、一般、较好、好5档划分，计分标准为1分、2分、3分、4分、5分。"],
        [("1", "集中宣传", 10.0, None, ["宣传教育"]), ("2", "在报刊发表禁毒宣传文章", 10.0, None, ["宣传教育"]),
         ("1", "群众评价按差、较差、一般、较好、好5档划分，计分标准为", 5.0, None, ["公众评价"])],
        id="rates-and-a-graded-scale-inside-an-item",
    ),
    pytest.param(
        ["（一）领导重视（4分）", "1、重视信访工作（2分）。未研究的扣1分。", "2、经费落实（2分）。未落实的不计分。",
         "（二）机构建设（5分）  全面推行群众工作统揽信访工作（5分）。建立群众工作站的记3分，建立工作组的记2分。",
         "三、禁种铲毒（15分）", "当年实现零种植或零产量计15分，每铲除200株扣1分。"],
        [("1", "重视信访工作", 2.0, None, ["领导重视"]), ("2", "经费落实", 2.0, None, ["领导重视"]),
         (None, "全面推行群众工作统揽信访工作", 5.0, None, ["机构建设"]), ("三", "禁种铲毒", 15.0, None, [])],
        id="an-unnumbered-item-holding-all-its-headings-points",
    ),
    pytest.param(
        ["甲方对乙方考核以下指标：", "（一）管理类指标", "1.行政管理指标（权重20%）：", "（1）文件签收及时率100%；",
         "2.安全生产指标（权重30%）：", "（1）事故为零。", "3.经营指标（权重50%）：", "（1）成本控制在指标内。",
         "（二）约束性指标", "未达要求的，相应给予减分。"],
        [("1", "行政管理指标", None, 0.2, ["管理类指标"]), ("2", "安全生产指标", None, 0.3, ["管理类指标"]),
         ("3", "经营指标", None, 0.5, ["管理类指标"]), ("（二）", "约束性指标", None, None, [])],
        id="weights-and-targets-under-them",
    ),
    pytest.param(
        ["班主任考核细则", "1、每学期完成班级工作计划。（缺一项扣2分）", "2、每周召开一次班会。（缺一次扣1分）",
         "3、组织学生参加竞赛。（根据等级加3、2、1分）"],
        [("1", "每学期完成班级工作计划", None, None, []), ("2", "每周召开一次班会", None, None, []),
         ("3", "组织学生参加竞赛", None, None, [])],
        id="rules-without-points",
    ),
    pytest.param(
        ["三、考评细则", "1、备课", "学期初提出要求：分别从教学内容（20分）、教学目标（30分）、板书（50分）等三项进行考评。",
         "2、作业", "从作业总量（40分）、批改（60分）两方面考评。"],
        [(None, "教学内容", 20.0, None, ["备课"]), (None, "教学目标", 30.0, None, ["备课"]),
         (None, "板书", 50.0, None, ["备课"])],
        id="inline-list-of-items-with-points",
    ),
    pytest.param(
        ["考核内容", "①信息报送（3分）：未按时报送的扣1分。", "②档案管理（2分）：档案不全的扣1分。",
         "③安全生产（5分）：发生事故的不得分。"],
        [("①", "信息报送", 3.0, None, []), ("②", "档案管理", 2.0, None, []), ("③", "安全生产", 5.0, None, [])],
        id="circled-numbers",
    ),
]


PROSE_CASES.append(pytest.param(
    ["1、本文档共7页，可阅读全部内容。", "2、本站不对文档的完整性做任何保证。", "考核细则", "一、安全事故（共60分，扣完为止）",
     "1、伤亡事故", "（1）死亡事故：死亡1人扣30分/次；", "（2）伤残事故：重伤1人扣15分/次。", "2、火灾事故",
     "（1）农房火灾：按受灾户数扣10分/户；"],
    [("（1）", "死亡事故", None, None, ["安全事故", "伤亡事故"]),
     ("（2）", "伤残事故", None, None, ["安全事故", "伤亡事故"]), ("（1）", "农房火灾", None, None, ["安全事故", "火灾事故"])],
    id="usual-order-of-numbering-over-site-notices"))


@pytest.mark.parametrize("lines,want", PROSE_CASES)
def test_prose_outline_gives_indicators(lines, want):
    assert leaves(prose(*lines)) == want


def test_prose_bonus_items_go_to_a_bonus_section():
    out = prose("一、基础工作（10分）", "1.按时报送信息（10分）。迟报的扣1分。", "二、加分项目（5分）",
                "（一）经验在全省推广的，加3分", "（二）获市级表彰的，加2分")
    roles = {s.id: s.role.value for s in out.sections}
    assert [(i.name, i.points, roles[i.section_id]) for i in out.indicators] == [
        ("按时报送信息", 10.0, "base"), ("经验在全省推广的", 3.0, "bonus"), ("获市级表彰的", 2.0, "bonus")]


def test_prose_outline_read_twice_counts_once():
    out = prose("提纲：", "一、组织领导（10分）", "（一）成立领导小组，未成立的扣5分", "（二）制定方案，没有方案的扣5分",
                "正文", "一、组织领导（10分）", "（一）成立领导小组，未成立的扣5分", "（二）制定方案，没有方案的扣5分")
    assert [i.name for i in out.indicators] == ["成立领导小组", "制定方案"]


def test_page_numbers_of_a_document_site_are_not_items():
    out = prose("1、考核办法 一、组织领导(10分) 1、成立领导小组(4分);2、制定方案(",
                "2、6分);3、落实经费(3分)。")
    assert [(i.name, i.points) for i in out.indicators] == [("成立领导小组", 4.0), ("制定方案", 6.0), ("落实经费", 3.0)]


def test_department_in_brackets_after_the_points():
    out = prose("（一）共性工作50分", "1.机关党建5分(机关党委牵头,人事科配合考核)", "按细则考核。",
                "2.督查督办5分(办公室负责考核)", "未按期办结的每件扣1分。")
    assert [(i.name, i.points, i.department) for i in out.indicators] == [
        ("机关党建", 5.0, "机关党委牵头,人事科配合考核"), ("督查督办", 5.0, "办公室负责考核")]


def test_items_are_assessed_by_the_unit_their_category_names():
    out = prose("（一）共性工作50分", "1.机关党建5分(机关党委牵头,人事科配合考核)", "按细则考核。",
                "2.党风廉政建设10分(机关党委负责考核)", "(1)专项整治2分。未完成的每项扣0.5分。",
                "(2)廉政教育8分(纪检组负责考核)。未开展的不得分。")
    assert [(i.name, i.points, i.department) for i in out.indicators] == [
        ("机关党建", 5.0, "机关党委牵头,人事科配合考核"), ("专项整治", 2.0, "机关党委负责考核"), ("廉政教育", 8.0, "纪检组负责考核")]


def test_a_cut_stub_of_a_name_does_not_make_the_outline_a_regulation(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text("（一）共性工作50分\n1.机关党建5分。按细则考核。\n2.党风廉政建设10分\n"
                    "(1)专项整治2分。未完成的每项扣0.5分。\n(2)廉政\n", encoding="utf-8")
    out = build_indicator_table(extract(path))
    assert [(i.name, i.points) for i in out.indicators] == [("机关党建", 5.0), ("专项整治", 2.0), ("廉政", None)]
    assert out.indicators[-1].possibly_cut


def test_cut_text_keeps_its_last_visible_item():
    raw = RawDocument(source=SOURCE, body=[para("一、组织领导（10分）", 0), para("1、成立领导小组（5分），未成立扣5分。", 1),
                                           para("2、制定工作方案并报送上级机关备案，明确各项工作任务的责任部门和完成时", 2)])
    out = build_indicator_table(raw)
    assert [(i.name, i.points, i.possibly_cut) for i in out.indicators] == [
        ("成立领导小组", 5.0, False), ("制定工作方案并报送上级机关备案，明确各项工作任务的责任部门和完成时", None, True)]
    # The cut is the text's, said beside the table; the visible part reads whole (its open category falls short).
    assert any("中断" in w for w in out.warnings) and not out.needs_review


# -- negative controls ---------------------------------------------------------------------------------------
def test_regulation_without_scoring_table_gives_no_indicators_and_says_why():
    out = prose("记分管理规定", "第一章 总则", "第一条 为规范管理，制定本规定。", "第二条 本规定适用于公司全体员工。",
                "第二章 记分", "第三条 违章行为按负面清单记分。", "第四条 记分周期为一个财年，记分每年清零。",
                "第五条 员工对记分有异议的，可以申诉。")
    assert out.indicators == []
    assert any(w.startswith("未找到指标表：") for w in out.warnings)


def test_blank_form_gives_no_indicators_and_says_why():
    form = table([["序号", "姓名", "部门", "日期", "备注"], ["1", "", "", "", ""], ["2", "", "", "", ""], ["3", "", "", "", ""]])
    out = read(para("人员登记表", 0), form)
    assert out.indicators == []
    why = next(w for w in out.warnings if w.startswith("未找到指标表："))
    assert "空白记录表单" in why and out.check.tables_skipped[0].table_no == 0


# -- self-check --------------------------------------------------------------------------------------------
def test_reconciled_table_needs_no_review():
    rows = [["类别", "考核内容", "分值"], ["基础工作（20分）", "建立台账", "10"], [None, "配齐人员", "10"], ["业务工作（10分）", "办结案件", "10"]]
    out = read(para("考核满分30分。", 0), table(rows, {(1, 0): (2, 1)}))
    assert not out.needs_review and out.check.stated_total == 30 and out.check.extracted_total == 30
    assert all(c.ok for c in out.check.categories)


def test_category_that_does_not_add_up_needs_review():
    rows = [["类别", "考核内容", "分值"], ["基础工作（25分）", "建立台账", "10"], [None, "配齐人员", "10"]]
    out = read(table(rows, {(1, 0): (2, 1)}))
    assert out.needs_review and any("25" in r and "20" in r for r in out.review_reasons)


def test_stated_total_that_does_not_add_up_needs_review():
    rows = [["序号", "考核内容", "分值"], ["1", "建立台账", "40"], ["2", "配齐人员", "50"]]
    out = read(para("本办法实行百分制。", 0), table(rows))
    assert out.needs_review and out.check.stated_total == 100 and out.check.extracted_total == 90


def test_rows_without_points_among_rows_with_points_need_review():
    rows = [["序号", "考核内容", "分值"], ["1", "建立台账", "40"], ["2", "配齐人员", ""], ["3", "办结案件", "60"]]
    out = read(table(rows))
    assert out.needs_review and out.check.rows_without_points == 1


def test_text_dump_grid_that_does_not_hold_together_is_read_as_lines():
    """A text dump's grid is a guess: when it gives nothing sound, its rows are read as the lines they were."""
    grid = table([["一、组织领导（10分）", "1、成立领导小组（5分）", "未成立扣5分"],
                  ["", "2、制定工作方案（5分）", "没有方案扣5分"],
                  ["二、宣传教育（5分）", "3、开展集中宣传（5分）", "每少一次扣1分"]])
    out = read(para("某镇考核细则", 0), grid)
    assert [(i.name, i.points, i.category_path) for i in out.indicators] == [
        ("成立领导小组", 5.0, ["组织领导"]), ("制定工作方案", 5.0, ["组织领导"]), ("开展集中宣传", 5.0, ["宣传教育"])]
    assert out.needs_review and any("逐行文字" in r for r in out.review_reasons)


def test_nothing_found_in_an_assessment_text_needs_review():
    out = prose("产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 合计100 评价结论及时。",
                "考核得分由评分小组确定。")
    assert out.indicators == [] and out.needs_review
