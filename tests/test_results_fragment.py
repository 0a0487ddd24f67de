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
    "产出指标数量指标培训人次≥500人次 全年共开展培训 10 宣传场次≥12场 10 效益指标社会效益指标知晓率≥80% 20 自评",
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


def test_fragment_is_a_results_document_flagged_when_its_numbers_are_unsure():
    table = build_indicator_table(doc(ONE_NUMBER))
    assert table.meta.kind is DocumentKind.RESULTS and len(table.results) == 3 and not table.indicators
    assert table.needs_review and DOUBT in table.review_reasons
    sure = build_indicator_table(doc(TWO_NUMBERS))
    assert len(sure.results) == 3 and DOUBT not in sure.review_reasons
