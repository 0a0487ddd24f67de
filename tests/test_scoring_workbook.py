"""A rulebook edited in Excel is the rulebook that scores, synthesizes and lints, wherever it is accepted;
periods are checked against the scheme; a scheme without a base score says so and `--base` supplies one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.rules.bookio import is_rulebook, read_rulebook, write_rulebook
from pipeline.scoring.periods import PeriodError, expand, fit, period_label
from schemas.rules import Period

RULEBOOKS = Path(__file__).parent / "scoring_cases" / "rulebooks"
QIAOCHENG = RULEBOOKS / "qiaocheng_like.yaml"
SONGJIANG = RULEBOOKS / "songjiang_like.yaml"
EVENTS = "单位,日期,指标,事项,次数\n城关司法所,2023-03-05,q1,,2\n城东司法所,2023-03-07,q2,,1\n"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="kaoping", catch_exceptions=False)


def _totals(out: Path) -> dict[str, float]:
    report = json.loads((out / "score.json").read_text(encoding="utf-8"))
    return {u["unit"]: u["total"] for u in report["units"]}


def _book_xlsx(tmp_path: Path, source: Path = QIAOCHENG) -> Path:
    path = tmp_path / "规则手册.xlsx"
    write_rulebook(read_rulebook(source), path)
    return path


def _set_cell(path: Path, indicator_id: str, header: str, value) -> None:
    """Edit one cell of the 规则 sheet, as a person does in Excel."""
    wb = load_workbook(path)
    ws = wb["规则"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "指标ID")
    column = [c.value for c in ws[head]].index(header) + 1
    row = next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value == indicator_id)
    ws.cell(row, column, value)
    wb.save(path)


def test_an_edit_in_the_rulebook_workbook_changes_the_score(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    book = _book_xlsx(tmp_path)
    assert invoke("score", book, events, "-o", tmp_path / "before").exit_code == 0
    assert _totals(tmp_path / "before")["城关司法所"] == -20  # 2 起 × 10 分, as the YAML says
    _set_cell(book, "q1", "分值", 3)
    result = invoke("score", book, events, "-o", tmp_path / "after")
    assert result.exit_code == 0, result.output
    totals = _totals(tmp_path / "after")
    assert totals["城关司法所"] == -6 and totals["城东司法所"] == -1


def test_a_rulebook_is_recognised_by_content_not_by_name(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    renamed = tmp_path / "导出的文件.dat"
    _book_xlsx(tmp_path).rename(renamed)
    assert is_rulebook(renamed) and not is_rulebook(events)
    assert not is_rulebook(Path(__file__).parent.parent / "corpus" / "variants" / "qiaocheng-2023-xize.xlsx")
    result = invoke("score", renamed, events, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert _totals(tmp_path / "out")["城关司法所"] == -20


def test_synth_lint_and_import_take_the_workbook(tmp_path):
    book = _book_xlsx(tmp_path)
    _set_cell(book, "q1", "规则类型", "区间酌情")
    result = invoke("lint", book)
    assert "没有分值范围" in result.output  # lint reads the edit, not a re-extraction of the workbook
    synth = invoke("events", "synth", book, "--units", 3, "--periods", "2023-01..2023-02", "-o", tmp_path / "e.csv")
    assert synth.exit_code == 0 and (tmp_path / "e.csv").exists()
    converted = invoke("rules", book, "-o", tmp_path / "book.yaml")
    assert converted.exit_code == 0 and read_rulebook(tmp_path / "book.yaml") == read_rulebook(book)


def test_a_bad_cell_stops_scoring_with_its_place(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    book = _book_xlsx(tmp_path)
    _set_cell(book, "q2", "分值", "一分")
    result = invoke("score", book, events, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "工作表 规则 行" in result.output and "列「分值」：应为数字，而不是“一分”" in result.output


# (period range as typed, the words its error must contain)
BAD_PERIODS = [
    ("2021-01..2021-13", "2021-13 的月份应为 1–12"),
    ("2021-00", "月份应为 1–12"),
    ("2023-05..2023-01", "起点 2023-05 晚于终点 2023-01"),
    ("2023-01..2023Q4", "起点和终点应同为月份、季度或年份"),
    ("2023Q5", "季度应为 1–4"),
    ("0023", "不像考评年度"),
    ("明年", "格式不对"),
]


@pytest.mark.parametrize("spec, words", BAD_PERIODS)
def test_bad_periods_are_refused_with_the_reason(spec, words):
    with pytest.raises(PeriodError, match=words):
        expand(spec)
    result = invoke("score", QIAOCHENG, "events.csv", "--periods", spec)
    assert result.exit_code == 1 and f"无法识别期间“{spec}”：" in result.output and words in result.output


def test_periods_fit_the_scheme_and_read_in_chinese():
    assert fit(expand("2023-01..2023-12"), Period.YEAR) == (["2023"], True)
    assert fit(["2023"], Period.MONTH)[0] == expand("2023-01..2023-12")
    assert fit(["2023Q2"], Period.MONTH)[0] == ["2023-04", "2023-05", "2023-06"]
    assert fit(["2023-03"], Period.MONTH) == (["2023-03"], False)
    assert [period_label(k) for k in ("2023-03", "2023Q1", "2023")] == ["2023年3月", "2023年第1季度", "2023年"]


def test_monthly_periods_on_a_yearly_scheme_are_scored_once_and_said(tmp_path):
    events = tmp_path / "events.csv"
    synth = invoke("events", "synth", SONGJIANG, "--units", 4, "--periods", "2021", "-o", events)
    assert synth.exit_code == 0
    plain = invoke("score", SONGJIANG, events, "-o", tmp_path / "plain")
    monthly = invoke("score", SONGJIANG, events, "--periods", "2021-01..2021-12", "-o", tmp_path / "monthly")
    assert monthly.exit_code == 0, monthly.output
    assert "方案按年度计分：--periods 2021-01..2021-12 按 2021 计" in monthly.output
    assert _totals(tmp_path / "monthly") == _totals(tmp_path / "plain") and plain.exit_code == 0
    report = json.loads((tmp_path / "monthly" / "score.json").read_text(encoding="utf-8"))
    assert report["periods"] == ["2021"] and "按 2021 计" in report["warnings"][0]


def test_events_of_another_year_or_coarser_periods_are_warned(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("单位,日期,指标,次数\n城关司法所,2022-03-05,q1,1\n城东司法所,2023,q2,1\n", encoding="utf-8")
    result = invoke("score", QIAOCHENG, events, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "事件属于 2022 年，而方案《司法所综合考评》是 2023 年度的" in result.output
    assert "方案按月计分，而有的事件只写到 2023" in result.output
    quiet = invoke("score", QIAOCHENG, events, "-o", tmp_path / "quiet", "--quiet")
    assert "⚠" not in quiet.output.replace("⚠ 待处理", "")


def test_no_base_score_is_said_in_the_ranking_and_base_supplies_one(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    result = invoke("score", QIAOCHENG, events, "-o", tmp_path / "bare")
    assert "没有写明基础分" in result.output and "--base 100" in result.output
    ranking = load_workbook(tmp_path / "bare" / "score.xlsx")["排名"]
    assert any("没有写明基础分" in str(ranking.cell(r, 1).value) for r in range(1, 5))
    based = invoke("score", QIAOCHENG, events, "-o", tmp_path / "based", "--base", 100)
    assert based.exit_code == 0 and "基础分" not in based.output
    bare, with_base = _totals(tmp_path / "bare"), _totals(tmp_path / "based")
    assert all(with_base[u] == bare[u] + 100 for u in bare)  # one period (2023-03): one base score each
