"""`kaoping score` and `kaoping events synth` in-process: exit codes, messages, files, synth → score round trip."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli
from schemas.scores import ScoreReport

RULEBOOKS = Path(__file__).parent / "scoring_cases" / "rulebooks"
QIAOCHENG = RULEBOOKS / "qiaocheng_like.yaml"
SONGJIANG = RULEBOOKS / "songjiang_like.yaml"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_score_writes_json_xlsx_and_lines(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("单位,日期,指标,事项,次数\n城关司法所,2023-03-05,q1,,5\n城东司法所,2023-03-07,,受到省厅书面表扬,1\n"
                      "城西司法所,2023-03-07,,今天天气很好,1\n", encoding="utf-8")
    result = invoke("score", QIAOCHENG, events, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "计分完成：2 个单位" in result.output
    assert "第1名 城东司法所 10 分" in result.output
    report = json.loads((tmp_path / "out" / "score.json").read_text(encoding="utf-8"))
    ScoreReport.model_validate(report)
    assert [(i["kind"], i["line"]) for i in report["issues"] if i["file"] != "规则手册"] == [("unmatched", 4)]
    # the fixture's cap names 基层工作… that its few categories lack: reported, with the mapping trail
    assert {m["name"]: m["status"] for m in report["scheme_mappings"]}["基层工作"] == "unmapped"
    wb = load_workbook(tmp_path / "out" / "score.xlsx")
    assert wb.sheetnames[:2] == ["排名", "待处理"] and "城关司法所" in wb.sheetnames
    ranking = wb["排名"]
    assert ranking["A1"].value == "司法所综合考评：排名"  # the document's title, then the header
    head = next(r for r in range(1, 6) if ranking.cell(r, 1).value == "名次")
    assert [c.value for c in ranking[head]][:6] == ["名次", "单位", "总分", "暂定", "可能范围", "等次"]
    assert ranking.freeze_panes == f"A{head + 1}"
    assert wb["待处理"]["C2"].value == 4
    text = (tmp_path / "out" / "score.说明.txt").read_text(encoding="utf-8")
    assert "社区矫正工作 2023-03 共扣50分，最多扣40分，按40分计" in text


ERRORS = [
    (["score", "missing.yaml", "events.csv"], "找不到规则手册或方案文件"),
    (["score", QIAOCHENG, "missing.csv"], "找不到文件"),
    (["score", QIAOCHENG, "bad_columns.csv"], "缺少列：单位"),
    (["score", "bad_book.yaml", "events.csv"], "规则手册格式不符"),
    (["score", QIAOCHENG, "events.csv", "--periods", "明年"], "无法识别期间"),
    (["events", "synth", QIAOCHENG, "--periods", "明年"], "无法识别期间"),
]


@pytest.mark.parametrize("args, message", ERRORS)
def test_errors_exit_1_with_chinese_message(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    Path("events.csv").write_text("单位,日期,指标\n甲所,2023-03-01,q1\n", encoding="utf-8")
    Path("bad_columns.csv").write_text("日期,指标\n2023-03-01,q1\n", encoding="utf-8")
    Path("bad_book.yaml").write_text("items:\n  - {indicator_id: x, colour: red}\n", encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 1
    assert "错误：" in result.output and message in result.output


def test_synth_then_score_round_trip(tmp_path):
    events = tmp_path / "data" / "events.csv"
    result = invoke("events", "synth", SONGJIANG, "--units", 8, "--periods", "2021", "--seed", 5, "-o", events)
    assert result.exit_code == 0, result.output
    measures = events.with_name("events_measures.csv")
    assert events.exists() and measures.exists()
    again = tmp_path / "again.csv"
    invoke("events", "synth", SONGJIANG, "--units", 8, "--periods", "2021", "--seed", 5, "-o", again)
    assert again.read_bytes() == events.read_bytes()  # same seed, same data
    result = invoke("score", SONGJIANG, events, "--measures", measures, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    report = ScoreReport.model_validate_json((tmp_path / "out" / "score.json").read_text(encoding="utf-8"))
    assert len(report.units) == 8  # the roll call ranks units that had no event
    assert report.events_scored > 0
    assert all(u.rank is not None for u in report.units)
    assert sum(u.grade == "优秀" for u in report.units) >= 1
    assert all(c.components for c in report.period_scores)  # rater scores were synthesized
    bad = [i for i in report.issues if i.kind in ("unreadable", "unmatched")]
    assert not bad, bad


def test_scheme_document_without_rule_parser_gives_chinese_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pipeline.rules.book", None)  # as if the parser were not installed
    events = tmp_path / "events.csv"
    events.write_text("单位,日期,指标\n甲所,2023-03-01,1\n", encoding="utf-8")
    scheme = Path(__file__).parent.parent / "corpus" / "docs" / "qiaocheng-2023-kaoping.docx"
    result = invoke("score", scheme, events, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "规则解析模块（pipeline.rules.book）尚未就绪" in result.output


def test_issues_beyond_a_sheet_are_said_in_the_workbook_and_all_kept_beside_it(tmp_path, monkeypatch):
    from pipeline import excel

    monkeypatch.setattr(excel, "EXCEL_ROWS", 10)  # Excel's real limit, a million rows, is too slow for a test
    events = tmp_path / "events.csv"
    bad = "".join(f"城关司法所,不是日期{i},q1,,1\n" for i in range(20))
    events.write_text("单位,日期,指标,事项,次数\n城东司法所,2023-03-07,q1,,1\n" + bad, encoding="utf-8")
    result = invoke("score", QIAOCHENG, events, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "score.json").read_text(encoding="utf-8"))
    unreadable = [i["line"] for i in report["issues"] if i["kind"] == "unreadable"]
    assert unreadable == list(range(3, 23))
    sheet = load_workbook(tmp_path / "out" / "score.xlsx")["待处理"]
    total = len(report["issues"])
    assert sheet["A1"].value.startswith(f"⚠ 共 {total:,} 条，超出 Excel 一张表的行数上限")
    assert "score.json 的 issues 与 score.说明.txt" in sheet["A1"].value
    assert sheet["A2"].value == "类型" and sheet.max_row == 10  # note, header, 7 issues, closing line
    assert sheet["A10"].value == f"…… 以下 {total - 7} 行超出 Excel 每张表 10 行的上限，未列入本表，完整内容见 score.json 的 issues"
    text = (tmp_path / "out" / "score.说明.txt").read_text(encoding="utf-8")
    assert all(f"第{line}行" in text for line in unreadable)


def test_a_workbook_streamed_or_built_in_memory_says_the_same(tmp_path, monkeypatch):
    from pipeline.scoring import output

    events = tmp_path / "events.csv"
    assert invoke("events", "synth", QIAOCHENG, "--units", 4, "--periods", "2023-01..2023-03", "--seed", 3,
                  "-o", events).exit_code == 0
    assert invoke("score", QIAOCHENG, events, "-o", tmp_path / "memory").exit_code == 0
    monkeypatch.setattr(output, "IN_MEMORY_CELLS", 10)  # any workbook is "large": rows stream to disk
    assert invoke("score", QIAOCHENG, events, "-o", tmp_path / "streamed").exit_code == 0
    paths = [tmp_path / folder / "score.xlsx" for folder in ("memory", "streamed")]
    shared = ["xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist() for path in paths]
    assert shared == [True, False]  # one string table, or every string inline as its row was written
    books = [load_workbook(path) for path in paths]
    assert books[0].sheetnames == books[1].sheetnames and "明细" in books[0].sheetnames
    for name in books[0].sheetnames:
        assert [[c.value for c in row] for row in books[0][name].iter_rows()] == \
               [[c.value for c in row] for row in books[1][name].iter_rows()], name
