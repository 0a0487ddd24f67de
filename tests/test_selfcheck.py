"""The self-check against wrong readings: invented documents are read right (no 需复核), then the reading
is spoiled the ways readers go wrong (rows lost, a category taken for names, a header read as a row, points
lost or shifted, rows merged, digits glued …) and the check must say 需复核 with a reason naming what it saw.
Everything is built here; no corpus file is read."""
from __future__ import annotations

import pytest

from pipeline.indicators import build_indicator_table
from pipeline.indicators.check import run_check
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import Category, Indicator, IndicatorTable
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

SOURCE = SourceInfo(file="c.docx", format=InputFormat.DOCX, sha256="0", size_bytes=0, extractor_version="t")
ROWS = [  # 类别 (merged) | 指标 | 分值 | 评分标准
    ("组织领导", 20, "成立工作领导小组", 8, "未成立领导小组的扣8分。"),
    ("组织领导", 20, "明确分管领导", 6, "未明确分管领导的扣6分。"),
    ("组织领导", 20, "制定年度计划", 6, "未制定年度计划的扣6分；计划不具体的扣2分。"),
    ("业务工作", 50, "按期办结案件", 20, "每逾期办结一件扣2分。"),
    ("业务工作", 50, "开展回访", 15, "每少回访一人次扣1分。"),
    ("业务工作", 50, "规范卷宗归档", 15, "卷宗不规范的每卷扣0.5分。"),
    ("信息宣传", 30, "报送工作信息", 10, "每少报送一篇扣1分。"),
    ("信息宣传", 30, "开展法治宣传", 12, "每少开展一次扣2分。"),
    ("信息宣传", 30, "维护宣传阵地", 8, "阵地未及时更新的扣2分。"),
]


def _cell(r, c, text, rs=1):
    return TableCell(row=r, col=c, row_span=rs, text=text, prov=ProvenanceItem(file="c.docx", table_no=0, row=r, col=c))


def table_document() -> RawDocument:
    """A scheme table with 序号, merged 类别（N分）, 指标, 分值, 评分标准, and a stated total."""
    cells = [_cell(0, c, t) for c, t in enumerate(["序号", "考核项目", "考核指标", "分值", "评分标准"])]
    for r, (cat, cat_points, name, points, rule) in enumerate(ROWS, start=1):
        cells.append(_cell(r, 0, str(r)))
        if r == 1 or ROWS[r - 2][0] != cat:
            cells.append(_cell(r, 1, f"{cat}（{cat_points}分）", rs=sum(1 for x in ROWS if x[0] == cat)))
        cells += [_cell(r, 2, name), _cell(r, 3, str(points)), _cell(r, 4, rule)]
    grid = Table(table_no=0, num_rows=len(ROWS) + 1, num_cols=5, cells=cells, prov=ProvenanceItem(file="c.docx", table_no=0))
    head = [TextBlock(label=BlockLabel.TITLE, text="司法所年度工作考核细则", prov=ProvenanceItem(file="c.docx", paragraph_no=1)),
            TextBlock(label=BlockLabel.PARAGRAPH, text="考核实行百分制，满分100分。", prov=ProvenanceItem(file="c.docx", paragraph_no=2))]
    return RawDocument(source=SOURCE, body=[*head, grid])


def prose_document() -> RawDocument:
    """The same scheme written as a numbered outline with allocations and rules."""
    lines = ["司法所年度工作考核细则", "考核实行百分制，满分100分。"]
    cats: list[str] = []
    n = 0
    for cat, cat_points, name, points, rule in ROWS:
        if cat not in cats:
            cats.append(cat)
            lines.append(f"{'一二三'[len(cats) - 1]}、{cat}（{cat_points}分）")
            n = 0
        n += 1
        lines.append(f"{n}．{name}（{points}分）。{rule}")
    return RawDocument(source=SOURCE.model_copy(update={"file": "c.txt", "format": InputFormat.TEXT}), body=[
        TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="c.txt", paragraph_no=i))
        for i, t in enumerate(lines, 1)])


def recheck(table: IndicatorTable, raw: RawDocument) -> IndicatorTable:
    """Given a (spoiled) reading and its document, run the self-check on it again."""
    table.needs_review, table.review_reasons = False, []
    run_check(table, raw, [], [], [])
    return table


# -- how readings go wrong ---------------------------------------------------------------------------
def drop_rows(t: IndicatorTable) -> None:
    del t.indicators[3:7]


def category_for_names(t: IndicatorTable) -> None:
    for i in t.indicators:
        i.name = i.categories[-1].name
        i.categories = []


def header_as_row(t: IndicatorTable) -> None:
    first = t.indicators[0]
    t.indicators.insert(0, first.model_copy(update={"id": "h", "name": "评分标准", "points": None, "number": None}))


def second_header_row_as_row(t: IndicatorTable) -> None:
    first = t.indicators[0]
    t.indicators.insert(0, first.model_copy(update={"id": "h", "name": "分值（分）", "points": None, "number": None,
                                                    "criteria": "评分标准"}))


def points_lost(t: IndicatorTable) -> None:
    for i in t.indicators:
        i.points = None


def category_row_as_item(t: IndicatorTable) -> None:
    first = t.indicators[0]
    t.indicators.insert(0, first.model_copy(update={"id": "c", "name": "组织领导（20分）", "points": 20.0, "number": None,
                                                    "categories": [], "criteria": None}))
    for i in t.indicators:
        i.categories = []


def rows_merged(t: IndicatorTable) -> None:
    a, b = t.indicators[4], t.indicators[5]
    a.criteria = f"{a.criteria}\n{b.name}\n{b.criteria}"
    del t.indicators[5]
    for i in t.indicators:
        i.categories = []


def points_shifted(t: IndicatorTable) -> None:
    values = [i.points for i in t.indicators]
    for i, v in zip(t.indicators, values[1:] + [None]):
        i.points = v


def criteria_for_names(t: IndicatorTable) -> None:
    for i in t.indicators:
        i.name = i.criteria


def digits_glued(t: IndicatorTable) -> None:
    t.indicators[1].points = float(f"{t.indicators[1].points:g}{t.indicators[2].number or 3}")


def cells_as_prose(t: IndicatorTable) -> None:
    a, b = t.indicators[0], t.indicators[1]
    a.criteria = f"{a.criteria}\n{b.name}\n{b.points:g}\n{b.criteria}"
    a.prov["name"] = a.prov["name"].model_copy(update={"table_no": None})
    del t.indicators[1]


def cells_glued_to_names(t: IndicatorTable) -> None:
    for i in t.indicators:
        i.name = i.categories[-1].name.split("（")[0] + i.name
        i.categories = []


def names_pushed_into_categories(t: IndicatorTable) -> None:
    names = [i.name for i in t.indicators]
    for i, name in zip(t.indicators, names[1:] + names[:1]):
        i.categories = [Category(name=i.name)]
        i.name = name


def form_read_as_items(t: IndicatorTable) -> None:
    template = t.indicators[0]
    t.indicators[:] = [template.model_copy(update={"id": f"f{n}", "name": name, "points": None, "criteria": None,
                                                    "categories": []})
                       for n, name in enumerate(["日期", "姓名", "事由", "备注"])]


def row_too_many(t: IndicatorTable) -> None:
    last = t.indicators[-1]
    t.indicators.append(last.model_copy(update={"id": "x", "name": "工作亮点", "points": 5.0, "number": None}))


def points_moved(t: IndicatorTable) -> None:
    t.indicators[0].points -= 2
    t.indicators[3].points += 2


def _tail_rows(t: IndicatorTable, rows: list[tuple[str, float | None]]) -> None:
    template = t.indicators[-1]
    t.indicators += [template.model_copy(update={"id": f"t{n}", "name": name, "points": p, "number": None,
                                                 "criteria": None, "categories": []}) for n, (name, p) in enumerate(rows)]


def grade_scale_taken(t: IndicatorTable) -> None:
    _tail_rows(t, [("优秀", 90.0), ("合格", 60.0), ("不合格", 0.0)])


def sign_off_taken(t: IndicatorTable) -> None:
    _tail_rows(t, [("编制", None), ("审核", None), ("批准", None)])


def plan_dates_for_names(t: IndicatorTable) -> None:
    for n, i in enumerate(t.indicators, 1):
        i.name = f"2023年{n}月"


def total_read_as_item(t: IndicatorTable) -> None:
    template = t.indicators[0]
    t.sections.append(t.sections[0].model_copy(update={"id": "s9", "title": "考核方式"}))
    t.indicators.append(template.model_copy(update={
        "id": "t", "section_id": "s9", "number": "二", "name": "考核方式", "points": 100.0, "categories": [],
        "criteria": "考核方式：日常考核与年终考核相结合，满分100分。"}))


SPOILERS = [
    pytest.param(drop_rows, "不在读出的指标里", id="rows-not-read"),
    pytest.param(category_for_names, "重复", id="category-taken-for-names"),
    pytest.param(header_as_row, "表头用词", id="header-read-as-row"),
    pytest.param(second_header_row_as_row, "表头用词", id="second-header-row-with-a-unit-read-as-row"),
    pytest.param(points_lost, "分值", id="points-column-lost"),
    pytest.param(category_row_as_item, ("名称写明的分值", "其后几项之和"), id="category-row-read-as-item"),
    pytest.param(rows_merged, "序号不连续", id="two-rows-merged"),
    pytest.param(points_shifted, "合计", id="points-shifted-by-a-row"),
    pytest.param(criteria_for_names, "评分标准", id="criteria-taken-for-names"),
    pytest.param(digits_glued, "超过", id="digits-glued"),
    pytest.param(form_read_as_items, "表头用词", id="blank-form-read-as-items"),
    pytest.param(cells_glued_to_names, "说的是别的名称", id="category-cells-glued-to-names"),
    pytest.param(names_pushed_into_categories, "说的是别的名称", id="names-pushed-a-level-up"),
    pytest.param(row_too_many, "合计", id="a-row-too-many"),
    pytest.param(points_moved, "标明", id="points-moved-to-another-category"),
    pytest.param(grade_scale_taken, "考核等次", id="grade-scale-read-as-items"),
    pytest.param(sign_off_taken, "签批栏", id="sign-off-read-as-items"),
    pytest.param(plan_dates_for_names, "日期", id="work-plan-dates-read-as-names"),
    pytest.param(total_read_as_item, "等于文件所述总分", id="stated-total-read-as-an-item"),
]


def test_the_right_readings_reconcile():
    for raw in (table_document(), prose_document()):
        out = build_indicator_table(raw)
        assert [i.name for i in out.indicators] == [r[2] for r in ROWS]
        assert not out.needs_review, out.review_reasons


@pytest.mark.parametrize("spoil,words", SPOILERS)
def test_a_wrong_table_reading_says_why(spoil, words):
    _says_why(table_document(), spoil, words)


def _says_why(raw, spoil, words: str | tuple[str, ...]) -> None:
    """Spoil the right reading of a document; the self-check must flag it with one of the words."""
    table = build_indicator_table(raw)
    spoil(table)
    out = recheck(table, raw)
    assert out.needs_review
    words = (words,) if isinstance(words, str) else words
    assert any(w in r for r in out.review_reasons for w in words), out.review_reasons


PROSE_SPOILERS = [
    pytest.param(drop_rows, "不在读出的指标里", id="items-not-read"),
    pytest.param(points_lost, "分值", id="allocations-lost"),
    pytest.param(cells_as_prose, "只写着数字", id="table-cells-read-as-prose"),
    pytest.param(category_row_as_item, ("名称写明的分值", "其后几项之和"), id="heading-read-as-item"),
    pytest.param(row_too_many, "合计", id="an-item-too-many"),
    pytest.param(grade_scale_taken, "考核等次", id="grade-bands-read-as-items"),
]


@pytest.mark.parametrize("spoil,words", PROSE_SPOILERS)
def test_a_wrong_prose_reading_says_why(spoil, words):
    _says_why(prose_document(), spoil, words)


NOTHING_READ = [
    pytest.param(["乡镇工作考核细则", "各乡镇要高度重视，认真组织，确保考核工作顺利开展。", "具体考核标准另行通知。"],
                 "标题", id="titled-scheme-gives-nothing"),
    pytest.param(["关于做好年度工作的通知", "工作目标得分为__分，其中服务类目标为__分，治安类目标为__分，文化类目标为__分。"],
                 "分值或计分规则", id="template-with-blank-allocations"),
    # The saved file's name titles a 自评表: a results form from which no row was read.
    pytest.param(["2021年项目经费绩效自评表.xls", "项目名称 业务经费 主管部门 某某局 年初预算数 全年预算数 全年执行数 执行率"],
                 "自评表", id="untitled-page-opening-with-a-file-name"),
]


@pytest.mark.parametrize("lines,words", NOTHING_READ)
def test_nothing_read_from_a_scoring_text_says_why(lines, words):
    raw = RawDocument(source=SOURCE, body=[TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="c", paragraph_no=i))
                                           for i, t in enumerate(lines, 1)])
    out = build_indicator_table(raw)
    assert not out.indicators
    assert out.needs_review and any(words in r for r in out.review_reasons), out.review_reasons


def test_a_category_whose_items_fill_it_is_no_item():
    """A right reading whose first item happens to equal the sum of the next two is not flagged for it."""
    cats = [Category(name="考核", points=None)]
    inds = [Indicator(id=f"i{n}", section_id="s1", name=name, points=p, criteria=c, categories=cats)
            for n, (name, p, c) in enumerate([("台账", 10.0, "未建立扣10分。"), ("例会", 5.0, "少一次扣1分。"), ("培训", 5.0, "少一次扣1分。")])]
    from pipeline.indicators.evidence import row_reasons

    table = IndicatorTable(source=SOURCE, indicators=inds)
    assert not any("其后几项之和" in r for r in row_reasons(table, RawDocument(source=SOURCE)))


# -- what a person need not check: the reading is whole, the document is not ------------------------------------
def _text(tmp_path, lines: list[str]) -> RawDocument:
    from extractors.registry import extract

    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract(path)


def test_a_text_cut_off_is_said_beside_a_reading_that_holds(tmp_path):
    out = build_indicator_table(_text(tmp_path, [
        "一、组织领导（30分）", "1．成立领导小组（10分）。未成立的扣10分。", "2．明确分管领导（10分）。未明确的扣10分。",
        "3．制定年度工作计划并报送上级机关备案，明确各项工作任务的责任部门和完成"]))
    assert out.indicators[-1].possibly_cut and any("中断" in w for w in out.warnings)
    assert not out.needs_review, out.review_reasons


def test_a_text_cut_off_whose_category_overflows_is_still_flagged(tmp_path):
    out = build_indicator_table(_text(tmp_path, [
        "一、组织领导（10分）", "1．成立领导小组（10分）。未成立的扣10分。", "2．明确分管领导（10分）。未明确的扣10分。",
        "3．制定年度工作计划并报送上级机关备案，明确各项工作任务的责任部门和完成"]))
    assert out.needs_review and any("合计" in r for r in out.review_reasons), out.review_reasons


def test_items_of_a_category_scored_by_deduction_need_no_points():
    out = build_indicator_table(RawDocument(source=SOURCE.model_copy(update={"file": "c.txt", "format": InputFormat.TEXT}), body=[
        TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="c.txt", paragraph_no=i)) for i, t in enumerate([
            "一、队伍建设（20分）", "（一）专职人员不少于3人，少于3人的扣5分。", "（二）每年参加业务培训，未参加的每人次扣2分。",
            "二、业务工作（80分）", "1．按期办结案件（50分）。每逾期一件扣2分。", "2．开展回访（30分）。每少回访一人次扣1分。"])]))
    assert [i.points for i in out.indicators] == [None, None, 50.0, 30.0]
    assert not out.needs_review, out.review_reasons


def test_an_empty_name_cell_the_sums_confirm_is_a_gap_of_the_document():
    raw = table_document()
    grid = raw.body[-1]
    grid.cells = [c.model_copy(update={"text": ""}) if (c.row, c.col) == (5, 2) else c for c in grid.cells]
    out = build_indicator_table(raw)
    assert sum(1 for i in out.indicators if not i.name) == 1
    assert any("没有名称" in w for w in out.warnings) and not out.needs_review, out.review_reasons


def test_the_only_item_of_a_category_with_points_needs_none_of_its_own():
    from raw_builder import table

    grid = table([["一级指标", "二级指标", "三级指标", "分值"],
                  ["履职效能（30分）", "重点任务（20分）", "年度重点任务", None],
                  [None, "日常管理（10分）", "制度执行", "6"],
                  [None, None, "档案管理", "4"]], spans={(1, 0): (3, 1), (2, 1): (2, 1)})
    out = build_indicator_table(RawDocument(source=SOURCE, body=[grid]))
    assert [(i.name, i.points) for i in out.indicators] == [("年度重点任务", None), ("制度执行", 6.0), ("档案管理", 4.0)]
    assert not out.needs_review, out.review_reasons


@pytest.mark.parametrize("total,flagged", [("总分 5", False), ("总分 9", True)])
def test_results_rows_are_checked_against_the_stated_total(total, flagged):
    from test_results import LINES, block, doc

    lines = LINES.replace("100% 100%\n总分 5", f"100% 100% 0\n{total}").splitlines()
    out = build_indicator_table(doc(*[block(line, i + 1) for i, line in enumerate(lines)]))
    assert len(out.results) == 3
    assert any("实得分合计" in r for r in out.review_reasons) is flagged, out.review_reasons


OUTLINE = ["某某区年度工作考核细则", "考核总分为100分，加分和扣分项目另计。",
           "一、组织领导（40分）", "（一）成立领导小组（20分）。未成立的扣20分。", "（二）开展宣传活动（20分）",
           "①进社区活动不少于4次，每少1次扣1分；", "②进学校活动不少于2次，每少1次扣2分。",
           "二、业务工作（60分）", "（一）按期办结案件（30分）。每逾期一件扣2分。", "（二）开展回访（30分）。每少回访一人次扣1分。",
           "三、加分和扣分项目", "（一）工作经验被上级推广的（加分项，最高4分）。每推广1次加2分。"]


def _outline_document(lines: list[str]) -> RawDocument:
    return RawDocument(source=SOURCE.model_copy(update={"file": "c.txt", "format": InputFormat.TEXT}), body=[
        TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="c.txt", paragraph_no=i)) for i, t in enumerate(lines)])


def _outline(lines: list[str]) -> IndicatorTable:
    return build_indicator_table(_outline_document(lines))


def test_a_category_holding_its_deduction_items_counts_once_and_bonus_items_apart():
    """The 20 分 of an item scored by its sub-items' deductions and the bonus heading's items reconcile with 100 分."""
    out = _outline(OUTLINE)
    assert out.check.extracted_total == 100.0 and not out.needs_review, out.review_reasons


def test_allocations_lost_from_a_categorys_items_are_not_held_by_it():
    raw = _outline_document(OUTLINE)
    out = build_indicator_table(raw)
    for i in out.indicators:
        if i.categories[0].name == "业务工作":
            i.points = None
    out = recheck(out, raw)
    assert out.needs_review, out.check


@pytest.mark.parametrize("second,flagged", [
    pytest.param(["二、机关单位考评指标（100分）", "1．依法行政（60分）。未落实的扣5分。", "2．普法宣传（40分）。未开展的扣5分。"],
                 False, id="two-schemes-of-100-each"),
    pytest.param(["二、机关单位考评指标（100分）", "1．依法行政（60分）。未落实的扣5分。", "2．普法宣传（30分）。未开展的扣5分。"],
                 True, id="second-scheme-short"),
])
def test_parallel_schemes_for_two_kinds_of_unit_each_meet_the_total(second, flagged):
    lines = ["某某市法治建设考评细则", "考评总分为100分。", "一、县区考评指标（100分）",
             "1．立法工作（50分）。未完成的扣5分。", "2．执法工作（50分）。未完成的扣5分。", *second]
    out = _outline(lines)
    assert out.needs_review is flagged, out.review_reasons


@pytest.mark.parametrize("lines,total", [
    pytest.param(["考核实行百分制，满分100分。"], 100.0, id="stated-in-a-sentence"),
    pytest.param(["某某局年度工作考核细则", "考核总分为100分。"], 100.0, id="title-above-is-no-part"),
    pytest.param(["1．案件质量（满分10分）。每错一件扣1分。", "考核满分100分。"], 100.0, id="item-maximum-then-total"),
    pytest.param(["1．案件质量（满分10分）。每错一件扣1分。"], None, id="an-items-maximum-only"),
    pytest.param(["业务工作满分为60分。"], None, id="a-parts-maximum-only"),
])
def test_the_documents_stated_total(lines, total):
    from pipeline.indicators.check import stated_total

    assert stated_total(_outline_document(lines), []) == total


NOTICE = ["关于做好年度考核工作的通知", "一、考核对象：在编在岗人员。", "二、考核程序：个人总结、民主测评、公示。"]


@pytest.mark.parametrize("more,flagged", [
    pytest.param([], False, id="a-notice-about-the-work"),
    pytest.param(["附件：年度考核结果汇总表（另发）"], False, id="an-annex-sent-apart"),
    pytest.param(["附件：年度考核评分细则"], True, id="a-scoring-annex-missing"),
    pytest.param(["考核组织不力的扣5分，台账不全的扣2分，未按时上报的扣3分。"], True, id="rules-in-the-text"),
])
def test_a_notice_without_points_rules_or_tables_holds_no_indicators(more, flagged):
    out = _outline(NOTICE + more)
    assert not out.indicators and out.needs_review is flagged, out.review_reasons


FORM_NOTES = ["项目支出绩效自评表", "填表说明：", "1、年初设定目标：所有计划任务中设定的指标总和。", "2、服务对象满意度：问卷调查获知满意程度。"]


@pytest.mark.parametrize("more,flagged", [
    pytest.param([], False, id="instructions-only"),
    pytest.param(["1 城关司法所 97.5 优秀", "2 东区司法所 93 良好"], False, id="a-ranking-one-score-per-unit"),
    pytest.param(["产出数量 20 18", "产出质量 30 27"], True, id="rows-with-points-due-and-got-unread"),
])
def test_a_results_form_without_rows_to_read_is_said_not_doubted(more, flagged):
    out = _outline(FORM_NOTES + more)
    assert not out.results and out.needs_review is flagged, out.review_reasons
