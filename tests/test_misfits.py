"""Rows that belong to another kind of table (a grade scale, a work plan, a ranking of units, a sign-off block)
or points read from a 权重 column: the self-check says so; a scheme's own rows are left alone. Work plans with
dates and no points are set aside as tables without indicators. Every input is invented here."""
from __future__ import annotations

import pytest

from pipeline.indicators import build_indicator_table
from pipeline.indicators.kinds import skip_reason
from pipeline.indicators.misfits import misfit_reasons
from raw_builder import paragraphs, table
from schemas.common import ProvenanceItem
from schemas.indicators import Indicator, IndicatorTable
from schemas.raw import RawDocument

DOC = paragraphs("某某局年度工作考核办法")


def _doc(names) -> RawDocument:
    """A document holding the names, each on a line of its own (where a reading would have found them)."""
    return paragraphs("某某局年度工作考核办法", *names)


def _items(names, points=None) -> IndicatorTable:
    points = points or [10.0] * len(names)
    return IndicatorTable(source=DOC.source, indicators=[
        Indicator(id=f"i{n}", section_id="s1", name=name, points=p) for n, (name, p) in enumerate(zip(names, points))])


MISFITS = [
    pytest.param(["优秀", "良好", "合格", "不合格"], "考核等次", id="grade-scale"),
    pytest.param(["A级", "B级", "C级"], "考核等次", id="grade-letters"),
    pytest.param(["2023年5月", "2023年6月—10月", "2023年12月"], "日期或时段", id="work-plan-dates"),
    pytest.param(["第一季度", "第二季度", "上半年"], "日期或时段", id="periods"),
    pytest.param(["城关司法所", "东区司法所", "西区司法所", "办公室"], "单位或部门", id="ranking-of-units"),
    pytest.param(["编制", "审核", "批准"], "签批栏", id="sign-off-block"),
    pytest.param(["队伍建设", "业务工作", "小计"], "合计用词", id="subtotal-row"),
]


@pytest.mark.parametrize("names,words", MISFITS)
def test_rows_named_like_another_table_need_review(names, words):
    reasons = misfit_reasons(_items(names), _doc(names))
    assert any(words in r for r in reasons), reasons


SCHEME_NAMES = [
    pytest.param(["组织领导", "队伍建设", "业务工作", "信息宣传"], id="plain-items"),
    pytest.param(["优秀案卷评查", "合格率", "基层所建设"], id="grade-words-inside-names"),
    pytest.param(["月度例会", "季度分析", "年度总结"], id="periods-inside-names"),
    pytest.param(["司法所规范化建设", "调委会工作", "办公室管理制度落实"], id="unit-words-inside-names"),
    pytest.param(["优秀", "队伍建设", "业务工作"], id="one-odd-name"),
]


@pytest.mark.parametrize("names", SCHEME_NAMES)
def test_a_schemes_own_names_are_not_misfits(names):
    assert misfit_reasons(_items(names), _doc(names)) == []


def _weighted(head: str, cells: list[str]) -> tuple[IndicatorTable, RawDocument]:
    """A reading that took the third column for points."""
    grid = table([["序号", "指标", head, "评分标准"],
                  *[[str(n), f"指标{n}", c, "未完成的扣2分"] for n, c in enumerate(cells, 1)]])
    raw = paragraphs("考核办法", tables=(grid,))
    inds = [Indicator(id=f"i{n}", section_id="s1", name=f"指标{n}", points=float(c.rstrip("%")),
                      prov={"points": ProvenanceItem(file="t.txt", table_no=0, row=n, col=2)})
            for n, c in enumerate(cells, 1)]
    return IndicatorTable(source=raw.source, indicators=inds), raw


@pytest.mark.parametrize("head,cells,flagged", [
    pytest.param("权重", ["20", "30", "50"], True, id="weight-column"),
    pytest.param("占比", ["40", "60"], True, id="share-column"),
    pytest.param("考核分值", ["20%", "30%", "50%"], True, id="percent-cells"),
    pytest.param("分值", ["20", "30", "50"], False, id="points-column"),
    pytest.param("权重分值", ["20", "30", "50"], False, id="weight-and-points-column"),
])
def test_points_read_from_a_weight_column_need_review(head, cells, flagged):
    reading, raw = _weighted(head, cells)
    assert any("权重" in r for r in misfit_reasons(reading, raw)) is flagged


PLANS = [
    pytest.param([["阶段", "时间", "主要任务", "责任单位"], ["动员部署", "2023年5月", "制定方案，明确分工", "办公室"],
                  ["集中整改", "2023年6月—10月", "逐项整改，建立台账", "各责任单位"],
                  ["巩固提升", "2023年12月", "开展回头看", "办公室"]], id="phases-with-dates"),
    pytest.param([["序号", "工作任务", "完成时限", "牵头单位"], ["1", "修订制度", "6月底前", "法制科"],
                  ["2", "开展培训", "第三季度", "政治处"], ["3", "总结评估", "年底", "办公室"]], id="tasks-with-deadlines"),
]


@pytest.mark.parametrize("rows", PLANS)
def test_a_work_plan_holds_no_indicators(rows):
    assert "工作安排表" in skip_reason(table(rows))
    out = build_indicator_table(paragraphs("关于整改工作的实施方案", tables=(table(rows),)))
    assert out.indicators == [] and not out.needs_review, out.review_reasons


NOT_PLANS = [
    pytest.param([["序号", "工作任务", "完成时限", "分值"], ["1", "修订制度", "6月底前", "10"],
                  ["2", "开展培训", "第三季度", "10"], ["3", "总结评估", "年底", "10"]], id="deadlines-with-points"),
    pytest.param([["序号", "工作任务", "完成时限", "考核标准"], ["1", "修订制度", "6月底前", "未按期完成的扣2分"],
                  ["2", "开展培训", "第三季度", "少一次扣1分"], ["3", "总结评估", "年底", "未总结的扣2分"]],
                 id="deadlines-with-rules"),
]


@pytest.mark.parametrize("rows", NOT_PLANS)
def test_tasks_scored_by_points_or_rules_are_no_work_plan(rows):
    assert skip_reason(table(rows)) is None


def test_a_total_row_without_a_rule_is_no_item():
    reading = _items(["队伍建设", "业务工作", "信息宣传", "总体情况"], [20.0, 50.0, 30.0, 100.0])
    doc = _doc(i.name for i in reading.indicators)
    assert any("等于它前面各项之和" in r for r in misfit_reasons(reading, doc))
    reading.indicators[-1].criteria = "全面完成的得100分，每少一项扣5分"
    assert misfit_reasons(reading, doc) == []


NO_TOTAL = [["序号", "考核内容", "分值"], ["1", "队伍建设", "20"], ["2", "业务工作", "50"], ["3", "信息宣传", "30"],
            ["", "合计", "100"]]
RULES_ONLY = [["序号", "考核项目", "扣分标准"], ["1", "台账管理", "台账不全的每项扣0.5分"], ["2", "信息报送", "每迟报一次扣1分"],
              ["", "", "漏报的每次扣2分"], ["3", "业务培训", "每少一次扣2分"]]


# Without the rule or numbering gap a reader would see, only the unused 50 tells that a row was lost; with no
# points anywhere, the lost row's own name and rule tell (its continuation row has no name, and is no row).
@pytest.mark.parametrize("rows,lost,flagged", [
    pytest.param(NO_TOTAL, None, False, id="every-row-read"),
    pytest.param(NO_TOTAL, "业务工作", True, id="a-row-lost-between-rows"),
    pytest.param(RULES_ONLY, None, False, id="every-row-read-and-a-continued-rule"),
    pytest.param(RULES_ONLY, "信息报送", True, id="a-deduction-row-lost"),
])
def test_rows_no_item_took_need_review(rows, lost, flagged):
    raw = paragraphs("某某局考核表", tables=(table(rows),))
    reading = build_indicator_table(raw)
    assert [i.name for i in reading.indicators] == [r[1] for r in rows[1:] if r[0]] and not reading.needs_review
    reading.indicators = [i for i in reading.indicators if i.name != lost]
    assert any("没有归入任何指标" in r for r in misfit_reasons(reading, raw)) is flagged


def test_a_row_read_twice_needs_review_and_a_name_merged_over_rows_does_not():
    at = lambda r, c: ProvenanceItem(file="t.txt", table_no=0, row=r, col=c)  # noqa: E731
    merged = [Indicator(id=f"i{r}", section_id="s1", name="台账管理", points=5.0, prov={"name": at(1, 0), "points": at(r, 2)})
              for r in (1, 2)]
    reading = IndicatorTable(source=DOC.source, indicators=merged)
    doc = _doc(["台账管理"])
    assert not any("完全相同" in r for r in misfit_reasons(reading, doc))
    reading.indicators.append(merged[1].model_copy(update={"id": "again"}))
    assert any("完全相同" in r for r in misfit_reasons(reading, doc))


@pytest.mark.parametrize("name,flagged", [
    pytest.param("业务培训", False, id="a-cell"),
    pytest.param("业务培训每季度开展", False, id="a-cell-continued-below"),
    pytest.param("三、业务培训（10分）", False, id="marker-and-points-aside"),
    pytest.param("组织保障业务培训", True, id="two-cells-side-by-side-glued"),
])
def test_a_name_found_nowhere_in_the_document_needs_review(name, flagged):
    raw = paragraphs("某某局考核表", tables=(table([["类别", "考核项目", "分值"], ["组织保障", "业务培训", "10"],
                                                  [None, "每季度开展", None]]),))
    reading = _items([name])
    assert any("找不到" in r for r in misfit_reasons(reading, raw)) is flagged
