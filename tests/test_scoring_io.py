"""Reading events and measures: CSV (UTF-8 / GB18030), XLSX and JSON lines with Chinese headers."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import Workbook

from pipeline.scoring.errors import ScoringError
from pipeline.scoring.events_io import read_events, read_measures, to_number
from pipeline.scoring.periods import expand, period_key
from schemas.rules import Period

ROWS = [
    ["单位", "日期", "指标", "事项", "次数", "数值", "扣分", "备注"],
    ["城关司法所", "2023-03-05", "d1", "行政应诉案件未录入", "2", "", "", "督查通报"],
    ["城东司法所", "2023/3/7", "", "视情扣分事项", "", "", "3", ""],
    ["城西司法所", "2023年3月", "d4", "", "1", "89.9%", "", ""],
    ["", "2023-03-05", "d1", "", "1", "", "", ""],
    ["城北司法所", "昨天", "d1", "", "1", "", "", ""],
    ["城南司法所", "2023-03-05", "d1", "", "两次", "", "", ""],
]


def check_events(frame, issues):
    assert list(frame["unit"]) == ["城关司法所", "城东司法所", "城西司法所"]
    assert list(frame["line"]) == [2, 3, 4]
    assert list(frame["count"]) == [2.0, 1.0, 1.0]  # an empty 次数 means one occurrence
    assert frame["decided"].iloc[1] == 3.0
    assert abs(frame["value"].iloc[2] - 0.899) < 1e-12
    assert [(i.line, i.reason) for i in issues] == [
        (5, "缺少单位"),
        (6, "日期/期间缺失或无法识别（应为 2023-03-05、2023-03、2023Q1 或 2023）"),
        (7, "次数不是非负数字"),
    ]
    assert all(i.kind == "unreadable" for i in issues)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_chinese_headers(tmp_path, encoding):
    path = tmp_path / "events.csv"
    path.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding=encoding)
    check_events(*read_events(path))


def test_xlsx_chinese_headers_and_real_dates(tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in ROWS:
        ws.append(row)
    ws["B2"] = datetime(2023, 3, 5)  # Excel gives real dates
    path = tmp_path / "events.xlsx"
    wb.save(path)
    frame, issues = read_events(path)
    check_events(frame, issues)
    assert frame["date"].iloc[0] == "2023-03-05"


def test_jsonl_english_keys_and_bad_line(tmp_path):
    lines = [json.dumps({"unit": "城关司法所", "date": "2023-03-05", "indicator": "d1", "count": 2}, ensure_ascii=False),
             "{not json",
             "",
             json.dumps({"单位": "城东司法所", "期间": "2023-03", "事项": "迟报"}, ensure_ascii=False)]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, issues = read_events(path)
    assert list(frame["line"]) == [1, 4]
    assert list(frame["unit"]) == ["城关司法所", "城东司法所"]
    assert [(i.line, i.reason) for i in issues] == [(2, "不是合法的 JSON 行")]


def test_measures_with_rater_and_target(tmp_path):
    path = tmp_path / "measures.csv"
    path.write_text("单位,期间,指标,数值,目标,测评主体\n"
                    "甲科,2021,述职测评,90,,局领导\n"
                    "甲科,2021,信息录用得分,8,10,\n"
                    "乙科,2021,调解成功率,,,\n", encoding="utf-8")
    frame, issues = read_measures(path)
    assert list(frame["rater"]) == ["局领导", ""]
    assert frame["target"].iloc[1] == 10.0
    assert [(i.line, i.reason) for i in issues] == [(4, "数值缺失或不是数字")]


def test_missing_required_column_is_a_typed_error(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("日期,指标\n2023-03-05,d1\n", encoding="utf-8")
    with pytest.raises(ScoringError, match="缺少列：单位"):
        read_events(path)


def test_unsupported_format(tmp_path):
    path = tmp_path / "events.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(ScoringError, match="不支持"):
        read_events(path)


NUMBERS = [("93%", 0.93), ("89.9％", 0.899), ("1,200", 1200.0), ("3分", 3.0), ("", None), (2, 2.0)]


@pytest.mark.parametrize("raw, expected", NUMBERS)
def test_to_number(raw, expected):
    got = to_number(raw)
    assert got == expected if expected is None else abs(got - expected) < 1e-12


PERIODS = [("2023-03-05", Period.MONTH, "2023-03"), ("2023年3月5日", Period.MONTH, "2023-03"),
           ("2023-03", Period.QUARTER, "2023Q1"), ("2023年第二季度", Period.MONTH, "2023Q2"),
           ("2023", Period.MONTH, "2023"), ("2023-11-30", Period.YEAR, "2023"), ("2023-13-01", Period.MONTH, None)]


@pytest.mark.parametrize("raw, granularity, expected", PERIODS)
def test_period_key(raw, granularity, expected):
    assert period_key(raw, granularity) == expected


def test_expand_periods():
    assert expand("2023-11..2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert expand("2021") == ["2021"]
    with pytest.raises(ValueError):
        expand("明年")


def test_eventset_json_document(tmp_path):
    from schemas.events import Event, EventSet, Measure

    doc = EventSet(events=[Event(unit="甲所", date="2023-03-05", indicator="d1", count=2)],
                   measures=[Measure(unit="甲所", period="2023-03", metric="调解成功率", value=0.93)])
    path = tmp_path / "data.json"
    path.write_text(doc.model_dump_json(), encoding="utf-8")
    events, issues = read_events(path)
    measures, more = read_measures(path)
    assert (list(events["unit"]), list(events["count"]), issues) == (["甲所"], [2.0], [])
    assert (list(measures["metric"]), list(measures["value"]), more) == (["调解成功率"], [0.93], [])


def test_csv_written_with_formula_like_text_is_quoted_and_reads_back(tmp_path):
    """Unit names and metrics come from documents: Excel must see text, kaoping the original value."""
    import pandas as pd

    from pipeline.scoring.synth import write_csv

    hostile = ['=HYPERLINK("http://x","a")', "+1+1", "@SUM(A1)", "-2+3"]
    frame = pd.DataFrame({"单位": hostile, "日期": ["2023-03-05"] * 4, "指标": ["d1"] * 4, "次数": [1, 2, 3, 4]})
    path = write_csv(frame, tmp_path / "events.csv")
    cells = [line.split(",", 1)[0] for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert all(cell.lstrip('"').startswith("'") for cell in cells)
    events, issues = read_events(path)
    assert sorted(events["unit"]) == sorted(hostile) and not issues
    assert list(events["count"]) == [1.0, 2.0, 3.0, 4.0]
