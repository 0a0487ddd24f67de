"""Headerless fragments of a self-evaluation form (pipeline.results.fragment), with invented texts."""
from __future__ import annotations

import pytest

from pipeline.indicators.build import build_indicator_table
from pipeline.results.fragment import DOUBT, read_fragment
from pipeline.results.read import is_results_document
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import DocumentKind
from schemas.raw import BlockLabel, RawDocument, TextBlock

SOURCE = SourceInfo(file="t.txt", format=InputFormat.TEXT, sha256="0", size_bytes=1, extractor_version="t")

ONE_NUMBER = ("产出指标质量指标验收合格率≥95% 20 培训满意度=100% 20 时效指标完成及时率=100% 10 "
              "合计50 评价结论基本完成。存在问题无")
TWO_NUMBERS = ("产出指标数量指标培训人次 ≥500人次 10 9 宣传场次不少于12场 10 10 效益指标社会效益指标群众知晓率 ≥80% 20 16 "
               "总分35 偏差原因 个别场次延期")
# Each case: text, expected rows as (path, name, target, points_due, points_got), whether a doubt is raised.
POSITIVE = [
    (ONE_NUMBER, [(["产出指标", "质量指标"], "验收合格率", "≥95%", 20, None),
                  (["产出指标", "质量指标"], "培训满意度", "=100%", 20, None),
                  (["产出指标", "时效指标"], "完成及时率", "=100%", 10, None)], True),
    (TWO_NUMBERS, [(["产出指标", "数量指标"], "培训人次", "≥500人次", 10, 9),
                   (["产出指标", "数量指标"], "宣传场次", "不少于12场", 10, 10),
                   (["效益指标", "社会效益指标"], "群众知晓率", "≥80%", 20, 16)], False),
]
NEGATIVE = [
    # A blank 申报表 lists the same rows, with no word of an evaluation having been made.
    "产出指标质量指标验收合格率≥95% 20 培训满意度=100% 20 时效指标完成及时率=100% 10 合计50 填报人:",
    # A scheme's rows with points and no 指标值: indicators, not results.
    "产出指标数量指标培训人次 10 宣传场次 10 效益指标社会效益指标群众知晓率 20 自评说明",
    # Too few rows to say it is a form.
    "产出指标数量指标培训人次≥500人次 10 9 合计9 评价结论 完成",
    # Two names in a row: sentences of a report, not a form's rows.
    "产出指标数量指标培训人次≥500人次 全年共开展培训，效果良好。 10 宣传场次≥12场 10 效益指标社会效益指标知晓率≥80% 20 自评",
]


def blocks(text: str) -> list[TextBlock]:
    return [TextBlock(label=BlockLabel.PARAGRAPH, text=text, prov=ProvenanceItem(file="t.txt", paragraph_no=1))]


def doc(text: str) -> RawDocument:
    return RawDocument(source=SOURCE, body=blocks(text))


@pytest.mark.parametrize("text,rows,doubt", POSITIVE)
def test_fragment_rows(text, rows, doubt):
    reading = read_fragment(blocks(text))
    assert [(r.path, r.name, r.target, r.points_due, r.points_got) for r in reading.rows] == rows
    assert (DOUBT in reading.doubts) is doubt
    first = reading.rows[0]
    start, end = first.prov["name"].charspan
    assert text[start:end] == first.name  # provenance points at the name itself, not the labels before it


@pytest.mark.parametrize("text", NEGATIVE)
def test_fragment_negative(text):
    assert read_fragment(blocks(text)).rows == []
    assert not is_results_document(doc(text))


def test_fragment_that_stops_reading_before_its_numbers_end_says_so():
    text = ("产出指标数量指标培训人次≥500人次 10 9 宣传场次≥12场 10 10 质量指标合格率≥90% 20 18 "
            "时效指标办结时限≤30日 按期办结 10 8 合计45 评价结论 完成")
    reading = read_fragment(blocks(text))
    assert [(r.name, r.actual, r.points_got) for r in reading.rows][-1] == ("办结时限", "按期办结", 8)
    assert not reading.doubts
    damaged = read_fragment(blocks(text.replace("按期办结", "按期 未能 办结")))
    assert [r.name for r in damaged.rows] == ["培训人次", "宣传场次", "合格率"]
    assert any("办结时限" in d and "漏行" in d for d in damaged.doubts)


def test_fragment_is_a_results_document_flagged_when_its_numbers_are_unsure():
    table = build_indicator_table(doc(ONE_NUMBER))
    assert table.meta.kind is DocumentKind.RESULTS and len(table.results) == 3 and not table.indicators
    assert table.needs_review and DOUBT in table.review_reasons
    sure = build_indicator_table(doc(TWO_NUMBERS))
    assert len(sure.results) == 3 and DOUBT not in sure.review_reasons


# Budget blocks of a form dumped as lines: (text, expected (name, target, actual, rate, due, got) rows, doubt).
BUDGET = [
    # The 得分 header cell printed after the rows; the 其中 breakdown repeats the numbers; the goals follow.
    ("项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) "
     "资金总额: 50万元 48万元 48万元 10 100% 10 其中:财政拨款 50万元 48万元 48万元 10 100% 10 得分 其他资金 "
     "预期目标 完成全年调解培训任务,提升调解员业务能力", [("资金总额", "48万元", "48万元", "100%", 10, 10)], False),
    # A breakdown filling the money columns only is no scored row; the 分值 a full execution contradicts is dropped.
    ("年初预算数 全年预算数 全年执行数 分值 执行率 得分 资金总额: 30 30 30 100 100% 8 其中:本级拨款 30 30 30 "
     "上年结转资金 年度总体目标 做好法律援助", [("资金总额", "30", "30", "100%", None, 8)], True),
    # Partly executed: a 得分 below the 分值 is the rule at work, not a misreading.
    ("预算数 执行数 分值 执行率 得分 项目资金 200 180 10 90% 9 年度总体目标 完成", [("项目资金", "200", "180", "90%", 10, 9)], False),
    # A row whose cells do not fit the header is not guessed at.
    ("预算数 执行数 分值 执行率 得分 项目资金 200 10 90% 9 年度总体目标 完成", [], True),
]


@pytest.mark.parametrize("text,rows,doubt", BUDGET)
def test_budget_rows_from_lines(text, rows, doubt):
    from pipeline.results.lines import read_lines

    reading = read_lines(blocks(text))
    assert [(r.name, r.target, r.actual, r.rate, r.points_due, r.points_got) for r in reading.rows] == rows
    assert bool(reading.doubts) is doubt


@pytest.mark.parametrize("title,expected", [
    ("2021年司法业务经费绩效自评表 -.xls", True),
    ("某某局项目支出绩效自评表.XLSX", True),
    ("关于开展绩效自评工作的通知.doc", False),
])
def test_saved_file_name_as_title(title, expected):
    assert is_results_document(doc(title)) is expected


def test_budget_lines_join_the_goal_table_the_layout_recovery_rebuilt():
    from raw_builder import paragraphs, table
    from pipeline.results.read import read_results

    goals = table([["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
                   ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "20", "20"],
                   ["产出指标", "质量指标", "合格率", "≥90%", "95%", "20", "20"]])
    raw = paragraphs("项目支出绩效自评表", "年初预算数 全年预算数 全年执行数 分值 执行率 得分", "资金总额: 20 20 20 10 100% 10",
                     tables=(goals,))
    rows = read_results(raw).rows
    assert [(r.id, r.name, r.points_got) for r in rows] == [("res.1", "资金总额", 10), ("res.2", "培训人次", 20),
                                                              ("res.3", "合格率", 20)]


@pytest.mark.parametrize("numbers", ["520 10", "480 10", "10 12"])
def test_fragment_numbers_that_contradict_their_columns_are_doubted(numbers):
    text = (f"产出指标数量指标培训人次≥500人次 {numbers} 宣传场次≥12场 10 10 质量指标合格率≥90% 20 18 "
            "合计38 评价结论 完成")
    reading = read_fragment(blocks(text))
    assert len(reading.rows) == 3 and any("栏" in d for d in reading.doubts)
