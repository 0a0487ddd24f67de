"""Tables from binary files read by evidence, and the self-check's reasons for what it cannot confirm: one
case table per pattern (issue 9, round 4b), with invented inputs built here (no corpus file is read)."""
from __future__ import annotations

import pytest

from pipeline.indicators import build_indicator_table
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, TextBlock
from raw_builder import table

SOURCE = SourceInfo(file="t.docx", format=InputFormat.DOCX, sha256="0", size_bytes=0, extractor_version="t")


def para(text: str, n: int = 0) -> TextBlock:
    return TextBlock(label=BlockLabel.PARAGRAPH, text=text, prov=ProvenanceItem(file="t.docx", paragraph_no=n))


def read(*body, fmt: InputFormat = InputFormat.DOCX):
    return build_indicator_table(RawDocument(source=SOURCE.model_copy(update={"format": fmt}), body=list(body)))


# -- forms to fill: a label on each row beside blanks, ticks and places to sign -----------------------------
FORM_CASES = [
    pytest.param([["评定项目", "评定结果"], ["基本得分", ""], ["奖励分", ""], ["处罚分", ""], ["综合得分", ""],
                  ["评定小组意见", "签名："], ["受评单位意见", "□ 同意 □ 不同意\n负责人签名："]], id="result-sign-off"),
    pytest.param([["序号", "事项", "结论"], ["1", "年度总结", ""], ["2", "台账资料", "□齐全 □不齐全"],
                  ["3", "检查人员", "签字："]], id="serials-and-ticks"),
]


@pytest.mark.parametrize("rows", FORM_CASES)
def test_labels_beside_blanks_are_a_form_not_indicators(rows):
    out = read(table(rows))
    assert out.indicators == []
    assert "待填写的表单" in out.check.tables_skipped[0].reason


NOT_FORM_CASES = [
    pytest.param([["考核项目", "分值"], ["队伍建设", "20"], ["业务工作", "50"], ["信息宣传", "30"]],
                 [("队伍建设", 20.0), ("业务工作", 50.0), ("信息宣传", 30.0)], id="names-with-points"),
    pytest.param([["考核项目", "评分标准"], ["队伍建设", "未开展学习的扣2分"], ["业务工作", "每逾期一件扣1分"],
                  ["信息宣传", "每少报送一篇扣1分"]],
                 [("队伍建设", None), ("业务工作", None), ("信息宣传", None)], id="names-with-rules"),
]


@pytest.mark.parametrize("rows,want", NOT_FORM_CASES)
def test_rows_with_points_or_rules_are_not_a_form(rows, want):
    out = read(table(rows))
    assert [(i.name, i.points) for i in out.indicators] == want


# -- one indicator over a criteria row and a 数据来源 row, named by its 内容 column -------------------------
def test_two_row_indicator_named_by_its_content_column_counts_once():
    rows = [["序号", "评价指标", "评价标准", "分值", "责任科室"],
            ["1", "档案管理", "档案建档率不低于90%", "12", "档案科"],
            [None, None, "数据来源：档案系统", None, None],
            ["2", "经费保障", "经费及时拨付，专款专用", "8", "计财科"],
            [None, None, "数据来源：财务账目", None, None]]
    spans = {(r, c): (2, 1) for r in (1, 3) for c in (0, 1, 3, 4)}
    out = read(table(rows, spans))
    assert [(i.name, i.points, i.department) for i in out.indicators] == [("档案管理", 12.0, "档案科"), ("经费保障", 8.0, "计财科")]
    assert "数据来源：档案系统" in out.indicators[0].criteria
    assert not out.needs_review


# -- self-check: what a careful person would act on --------------------------------------------------------
def test_items_with_nothing_but_a_name_need_review():
    """Names alone under a header (no points, rule, weight or unit anywhere) are no evidence of a scheme."""
    rows = [["类别", "工作事项", "完成情况"], ["综合", "年度总结", ""], [None, "台账整理", ""], ["宣传", "宣传报道", ""]]
    out = read(table(rows, {(1, 0): (2, 1)}))
    assert [i.name for i in out.indicators] == ["年度总结", "台账整理", "宣传报道"]
    assert out.needs_review and any("只有名称" in r for r in out.review_reasons)


def test_a_header_row_written_out_above_prose_items_needs_review():
    """A text whose table rows were glued into paragraphs still shows the header line above them."""
    lines = ["某区学校安全工作考核细则", "考核实行百分制。", "序号 考核项目 考核内容 分值 考核方法",
             "一、组织管理（40分）",
             "1 责任制 签订责任书 20 缺1份扣1分2 制度 建立制度 20 缺1项扣1分",
             "二、安全教育（60分）",
             "3 课程 每学期不少于8课时 30 每少1课时扣1分4 演练 每学期2次 30 每少1次扣5分"]
    out = read(*[para(t, n) for n, t in enumerate(lines)], fmt=InputFormat.TEXT)
    assert out.needs_review
    assert any("表头" in r for r in out.review_reasons)


def test_a_prose_outline_without_a_header_line_is_not_doubted_for_it():
    lines = ["某区学校安全工作考核细则", "考核实行百分制。", "一、组织管理（40分）", "1．签订责任书（20分）。缺1份扣1分。",
             "2．建立制度（20分）。缺1项扣1分。", "二、安全教育（60分）", "3．开设课程（30分）。每少1课时扣1分。",
             "4．组织演练（30分）。每少1次扣5分。"]
    out = read(*[para(t, n) for n, t in enumerate(lines)], fmt=InputFormat.TEXT)
    assert not any("表头" in r for r in out.review_reasons)


# -- rating sheets: criteria as columns under a two-row header ----------------------------------------------
def test_criteria_columns_under_group_headings_with_their_points():
    rows = [["序号", "街道", "队伍建设（30分）", None, "业务工作（60分）", None, None, "宣传（10分）", "总分"],
            [None, None, "学习制度（10分）", "廉政教育（20分）", "调解（20分）", "帮教（25分）", "普法（15分）", "信息报送（10分）", None],
            ["1", "城关街道", "", "", "", "", "", "", ""], ["2", "南渡镇", "", "", "", "", "", "", ""],
            ["3", "东坝镇", "", "", "", "", "", "", ""]]
    spans = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 2), (0, 4): (1, 3), (0, 8): (2, 1)}
    out = read(table(rows, spans))
    assert [(i.category_path, i.name, i.points) for i in out.indicators] == [
        (["队伍建设"], "学习制度", 10.0), (["队伍建设"], "廉政教育", 20.0), (["业务工作"], "调解", 20.0),
        (["业务工作"], "帮教", 25.0), (["业务工作"], "普法", 15.0), (["宣传"], "信息报送", 10.0)]
    assert all(c.ok for c in out.check.categories) and not out.needs_review


def test_score_columns_to_fill_under_a_two_row_header_are_no_criteria():
    """A results summary: one row per unit, columns of '…得分' to fill, none stating its points."""
    rows = [["部门", "基础得分", "交叉评分", None, "总分"], [None, None, "互评得分", "领导评分", None],
            ["办公室", "", "", "", ""], ["政治处", "", "", "", ""], ["业务科", "", "", "", ""]]
    spans = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 2), (0, 4): (2, 1)}
    out = read(table(rows, spans))
    assert out.indicators == []


# -- the margin of a column reading: only a real alternative makes it a doubt --------------------------------
def test_a_project_column_naming_every_row_is_read_as_names_and_still_doubted():
    """'考核项目' says category, but every row has its own text there: it names the rows. Categories of one item
    each are a real reading too, so the close call stays a doubt for a person to settle."""
    rows = [["序号", "考核项目", "考核内容", "分值", "评分标准"],
            ["1", "节能制度", "建立节能管理制度，明确责任人", "10", "未建立的扣5分"],
            ["2", "用电管理", "办公区域人走灯灭，空调温度设置规范", "10", "发现一次扣1分"],
            ["3", "用水管理", "节水器具普及率达到100%", "10", "未达到的扣3分"]]
    out = read(table(rows))
    assert [i.name for i in out.indicators] == ["节能制度", "用电管理", "用水管理"]
    assert any("两种读法" in r for r in out.review_reasons)


@pytest.mark.parametrize("roles,plausible", [
    ({0: "CATEGORY", 1: "NAME", 2: "POINTS"}, True),
    ({0: "CRITERIA", 1: "CRITERIA", 2: "POINTS"}, False),   # no column names a row; two hold rules
    ({0: "CATEGORY", 1: "CRITERIA", 2: "POINTS"}, True),
])
def test_a_losing_reading_is_an_alternative_unless_it_names_no_row(roles, plausible):
    from pipeline.indicators.columns import Role
    from pipeline.indicators.reading import _plausible, column_stats

    rows = [["考核项目", "考核内容", "分值"], ["安全", "制度健全，未建立的扣2分", "5"], ["消防", "台账齐全，缺一项扣1分", "5"],
            ["卫生", "环境整洁，发现一次扣1分", "5"]]
    grid = table(rows).grid()
    stats = {c: column_stats(grid, c, [1, 2, 3]) for c in range(3)}
    assert _plausible({c: Role[r] for c, r in roles.items()}, stats) is plausible


# -- rows without points: an event scored when it happens is no lost allocation -----------------------------
@pytest.mark.parametrize("heading", ["四、加分和扣分项目", "四、奖罚分", "四、加减分"])
def test_an_event_deduction_under_an_adjustments_heading_needs_no_points(heading):
    rows = [["序号", "考核内容", "分值", "评分标准"], ["一、基础工作（30分）", None, None, None],
            ["1", "建立工作台账", "10", "未建立的扣10分"], ["2", "按期报送信息", "20", "每迟报一次扣2分"],
            [heading, None, None, None], ["3", "发生被上级通报的案件", "—", "每发生1宗扣5分"]]
    spans = {(1, 0): (1, 4), (4, 0): (1, 4)}
    out = read(table(rows, spans))
    assert [i.name for i in out.indicators][-1] == "发生被上级通报的案件"
    assert not any("没有分值" in r for r in out.review_reasons)


def test_a_base_row_without_points_is_still_doubted():
    rows = [["序号", "考核内容", "分值", "评分标准"], ["一、基础工作（30分）", None, None, None],
            ["1", "建立工作台账", "10", "未建立的扣10分"], ["2", "按期报送信息", "20", "每迟报一次扣2分"],
            ["3", "开展业务培训", "", "未开展的扣5分"]]
    out = read(table(rows, {(1, 0): (1, 4)}))
    assert any("没有分值" in r for r in out.review_reasons)


# -- no 分值 column: the allocation closing the requirement's first sentence is the row's -------------------
@pytest.mark.parametrize("cell,points", [
    ("镇级河长每月巡河不少于2次，村级河长每周巡河不少于1次，并有完整巡河记录（15分）。每少1次扣1分。", 15.0),
    ("建立台账（5分）。缺1项扣1分。", 5.0),
    ("每月巡河不少于2次，每少1次扣1分，全年累计扣满为止，最高扣除本项全部（15分）的分值，另行通报。", None),
])
def test_points_closing_the_first_sentence_of_a_long_cell(cell, points):
    rows = [["考核项目", "考核内容及评分标准", "考核单位"], ["河长履职（20分）", cell, "区河长办"],
            [None, "制定工作方案（5分）。未制定扣5分。", "区河长办"]]
    out = read(table(rows, {(1, 0): (2, 1)}))
    assert out.indicators[0].points == points


# -- several columns said to hold rules, none to name the row ------------------------------------------------
def test_the_leftmost_short_rule_column_names_the_rows():
    rows = [["序号", "类别", "考核标准", "考核细则", "处罚标准"],
            ["1", "红线", "安全事故", "参照公司安全事故管理制度的考核标准执行，发生一起即按制度追究", "降职"],
            ["2", "红线", "巡检到位率低于100%", "1、实施季度考核；2、巡检到位率含到访不遇；3、按季度通报排名", "降薪两级"],
            ["3", "黄线", "隐患整改率低于95%", "1、隐患数据全部上线系统；2、整改率按财年统计；3、逾期未整改的通报", "降薪一级"]]
    out = read(table(rows))
    assert [(i.name, i.category_path) for i in out.indicators] == [
        ("安全事故", ["红线"]), ("巡检到位率低于100%", ["红线"]), ("隐患整改率低于95%", ["黄线"])]
    assert not out.needs_review


# -- a text cut off inside a table rebuilt from its lines ---------------------------------------------------
def _dump(tmp_path, lines: list[str]):
    from extractors.registry import extract

    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return build_indicator_table(extract(path))


def test_a_cut_grid_read_one_way_with_points_on_every_row_is_not_doubted(tmp_path):
    out = _dump(tmp_path, ["某镇安全生产考核细则", "| 序号 | 考核内容 | 分值 | 评分标准 |", "| 1 | 建立工作台账 | 10 | 未建立的扣10分 |",
                           "| 2 | 按期报送信息 | 10 | 每迟报一次扣2分 |", "| 3 | 开展业务培训 | 10 | 每少一次扣2分 |",
                           "| 4 | 组织应急演练并形成书面总结报送镇安委会办公室备"])
    assert out.indicators and any("中断" in w for w in out.warnings)
    assert not any("还原的表格中间中断" in r for r in out.review_reasons), out.review_reasons


def test_a_cut_grid_with_rows_lacking_points_is_doubted(tmp_path):
    out = _dump(tmp_path, ["某镇安全生产考核细则", "| 序号 | 考核内容 | 分值 | 评分标准 |", "| 1 | 建立工作台账 | 10 | 未建立的扣10分 |",
                           "| 2 | 按期报送信息 |  | 每迟报一次扣2分 |", "| 3 | 开展业务培训 | 10 | 每少一次扣2分 |",
                           "| 4 | 组织应急演练并形成书面总结报送镇安委会办公室备"])
    assert out.needs_review


# -- rules as names: the document's own layout when nothing else could name the rows ---------------------------
def test_rule_cells_naming_rows_beside_merged_categories_that_add_up_are_not_doubted():
    rows = [["考核项目", "考核内容及评分标准", "考核单位"],
            ["组织体系（20分）", "建立三级河长体系，名单及时公示（10分）。未公示扣5分。", "区河长办"],
            [None, "制定工作方案和配套制度（10分）。缺1项制度扣2分。", "区河长办"],
            ["河道管护（30分）", "河长每月巡河不少于2次，有巡河记录（15分）。每少1次扣1分。", "区水务局"],
            [None, "河道保洁到位，无垃圾漂浮（15分）。每发现1处扣1分。", "区水务局"]]
    out = read(table(rows, {(1, 0): (2, 1), (3, 0): (2, 1)}))
    assert [i.points for i in out.indicators] == [10.0, 10.0, 15.0, 15.0]
    assert not out.needs_review, out.review_reasons


def test_rule_cells_naming_rows_under_categories_that_do_not_add_up_are_doubted():
    rows = [["考核项目", "考核内容及评分标准", "考核单位"],
            ["组织体系（30分）", "建立三级河长体系，名单及时公示（10分）。未公示扣5分。", "区河长办"],
            [None, "制定工作方案和配套制度（10分）。缺1项制度扣2分。", "区河长办"],
            ["河道管护（30分）", "河长每月巡河不少于2次，有巡河记录（15分）。每少1次扣1分。", "区水务局"],
            [None, "河道保洁到位，无垃圾漂浮（15分）。每发现1处扣1分。", "区水务局"]]
    out = read(table(rows, {(1, 0): (2, 1), (3, 0): (2, 1)}))
    # Each cell's title, closed by its points, names the row and its rules are the criteria; the categories
    # that do not add up are the doubt.
    assert [(i.name, i.criteria) for i in out.indicators][:1] == [("建立三级河长体系，名单及时公示", "未公示扣5分。")]
    assert any("合计" in r for r in out.review_reasons)


# -- a column the header does not name, holding rules --------------------------------------------------------
@pytest.mark.parametrize("head", ["扣分依据", "計分方法"])
def test_an_unnamed_column_of_rules_is_the_criteria(head):
    rows = [["序号", "项目名称", "考核内容", head, "分值"],
            ["1", "台账管理", "建立规范的工作台账", "台账不全的每项扣0.5分", "10"],
            ["2", "信息报送", "按时报送工作信息", "每迟报一次扣1分", "10"],
            ["3", "业务培训", "每季度开展一次培训", "每少一次扣2分", "10"]]
    out = read(table(rows))
    assert [(i.name, i.criteria) for i in out.indicators] == [
        ("台账管理", "台账不全的每项扣0.5分"), ("信息报送", "每迟报一次扣1分"), ("业务培训", "每少一次扣2分")]


# -- a notice whose scoring standards are issued elsewhere -----------------------------------------------------
@pytest.mark.parametrize("says,doubted", [("考核按百分制评分，具体评分细则另行下发。", False), ("考核按百分制评分。", True)])
def test_a_notice_announcing_standards_issued_separately_is_not_doubted(says, doubted):
    lines = ["某区司法局关于开展2024年度司法所工作考核的通知", "各司法所：", "现将有关事项通知如下：", "一、考核内容",
             "（一）队伍建设情况；", "（二）业务工作情况。", "二、考核方式", says, "某区司法局"]
    out = read(*[para(t, n) for n, t in enumerate(lines)], fmt=InputFormat.TEXT)
    assert out.indicators == []
    assert out.needs_review is doubted, out.review_reasons


# -- a blank row inside a merged category cell; a target share is no weight ---------------------------------
def test_a_blank_row_inside_a_merged_category_is_no_title_row():
    rows = [["考核类别", "考核指标", "分值", "考核办法"],
            ["信访秩序（20分）", "越级上访", "12", "每发生1批次扣2分"], [None, "集体上访", "8", "每发生1批次扣4分"],
            [None, "", "", ""],
            ["业务规范（30分）", "网上受理", "15", "每低1个百分点扣1分"], [None, "按期办结", "15", "每逾期一件扣1分"]]
    out = read(table(rows, {(1, 0): (3, 1), (4, 0): (2, 1)}))
    assert [(i.category_path, i.name) for i in out.indicators] == [
        (["信访秩序"], "越级上访"), (["信访秩序"], "集体上访"), (["业务规范"], "网上受理"), (["业务规范"], "按期办结")]
    assert not out.needs_review, out.review_reasons


@pytest.mark.parametrize("rule,weight", [("网上信访占信访总量比例达到60%以上得满分，每低1个百分点扣0.5分", None),
                                         ("本项占考核总分的20%，未完成的扣5分", 0.2)])
def test_a_target_share_is_no_weight(rule, weight):
    rows = [["序号", "考核指标", "分值", "考核办法"], ["1", "网上信访", "10", rule], ["2", "按期办结", "10", "每逾期一件扣1分"]]
    out = read(table(rows))
    assert out.indicators[0].weight == weight


# -- levels written alike: the last one is named as the others are ---------------------------------------------
def test_the_last_of_several_levels_written_alike_drops_its_points_from_its_name():
    rows = [["一级指标", "二级指标", "三级指标", "得分"],
            ["决策（20分）", "目标设定（10分）", "相关性（5分）", ""], [None, None, "明确性（5分）", ""],
            [None, "预算编制（10分）", "测算依据（10分）", ""]]
    out = read(table(rows, {(1, 0): (3, 1), (1, 1): (2, 1)}))
    assert [(i.category_path, i.name, i.points) for i in out.indicators] == [
        (["决策", "目标设定"], "相关性", 5.0), (["决策", "目标设定"], "明确性", 5.0), (["决策", "预算编制"], "测算依据", 10.0)]


def test_a_name_with_its_points_and_no_levels_above_is_kept_as_written():
    rows = [["序号", "考核项目", "责任科室"], ["1", "信息报送（10分）", "办公室"], ["2", "档案管理（5分）", "办公室"]]
    out = read(table(rows))
    assert [(i.name, i.points) for i in out.indicators] == [("信息报送（10分）", 10.0), ("档案管理（5分）", 5.0)]


# -- the same patterns end to end from workbooks written here ------------------------------------------------
def _workbook(tmp_path, rows: list[list], merges: list[str]):
    import openpyxl

    from extractors.registry import extract

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for rng in merges:
        sheet.merge_cells(rng)
    path = tmp_path / "t.xlsx"
    book.save(path)
    return build_indicator_table(extract(path))


def test_xlsx_rating_sheet_with_group_headings(tmp_path):
    rows = [["某区2024年度各镇人民调解工作考核评分汇总表"] + [None] * 7,
            ["序号", "镇", "组织建设（20分）", None, "调解成效（30分）", None, "总分", "排名"],
            [None, None, "机构设置（10分）", "人员配备（10分）", "调解成功率（20分）", "回访率（10分）", None, None],
            [1, "东镇"] + [None] * 6, [2, "西镇"] + [None] * 6, [3, "南镇"] + [None] * 6,
            ["说明：各项得分由考核组填写，满分50分。"] + [None] * 7]
    merges = ["A1:H1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3", "H2:H3", "A7:H7"]
    out = _workbook(tmp_path, rows, merges)
    assert [(i.category_path, i.name, i.points) for i in out.indicators] == [
        (["组织建设"], "机构设置", 10.0), (["组织建设"], "人员配备", 10.0), (["调解成效"], "调解成功率", 20.0),
        (["调解成效"], "回访率", 10.0)]
    assert not out.needs_review, out.review_reasons


def test_xlsx_item_over_a_criteria_row_and_a_source_row(tmp_path):
    rows = [["序号", "评价指标", "评价标准", "分值", "责任科室"],
            ["一、组织管理（20分）", None, None, None, None],
            [1, "方案制定", "制定年度实施方案", 10, "业务科"], [None, None, "数据来源：实施方案", None, None],
            [2, "资金管理", "资金专款专用", 10, "财务科"], [None, None, "数据来源：财务账目", None, None],
            ["合计", None, None, 20, None]]
    merges = ["A2:E2", "A3:A4", "B3:B4", "D3:D4", "E3:E4", "A5:A6", "B5:B6", "D5:D6", "E5:E6", "A7:C7"]
    out = _workbook(tmp_path, rows, merges)
    assert [(i.name, i.points, i.department) for i in out.indicators] == [("方案制定", 10.0, "业务科"), ("资金管理", 10.0, "财务科")]
    assert not out.needs_review, out.review_reasons
