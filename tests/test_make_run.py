"""`make run` as a new user runs it: a few lines saying what it does, then every workbook it wrote opened and
checked (no formula, no JSON, numbers as numbers, widths, frozen bold headers), and the README's archive
queries run as written through `kaoping query`."""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.excel import read_cell

ROOT = Path(__file__).resolve().parent.parent
NUMBER_TEXT = re.compile(r"^\s*[+-]?(?:[1-9]\d*|0)(?:\.\d+)?\s*[%％]?\s*$")
MACHINE_SHEETS = {"数据"}  # the rulebook's hidden sheet: typed by its own 类型 column


@pytest.fixture(scope="module")
def made_run(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("run") / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(["make", "--no-print-directory", "run", f"OUT={out}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1500)
    if done.returncode:
        pytest.fail(f"make run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return out, done.stdout + done.stderr


def test_make_run_says_what_it_does_in_a_few_lines(made_run):
    out, text = made_run
    lines = text.strip().splitlines()
    assert len(lines) <= 25, text
    assert not [w for w in ("Error", "ignored", "pip", "apt-get", "Traceback", "WARNING", "%|") if w in text], text
    assert sum(line.startswith("▸ ") for line in lines) == 7
    assert lines[-2].startswith(f"完成。结果在 {out}/") and "kaoping query" in lines[-1]


def _books(out: Path) -> list[Path]:
    return sorted(out.rglob("*.xlsx"))


def test_make_run_writes_the_expected_workbooks(made_run):
    out, _ = made_run
    names = {str(p.relative_to(out)) for p in _books(out)}
    assert len([n for n in names if n.startswith("extract/")]) == 20
    assert {"rules/qiaocheng-2023-kaoping.xlsx", "check/qiaokou/qiaokou-2020-zipingbiao-核对.xlsx",
            "check/jintan/jintan-2017-zhenggai-核对.xlsx", "score-qiaocheng/score.xlsx", "score-songjiang/score.xlsx",
            "compare/report.xlsx"} <= names


def _widths(ws) -> dict[int, float]:
    out = {}
    for dim in ws.column_dimensions.values():
        if dim.width:
            out.update({i: dim.width for i in range(dim.min, dim.max + 1)})
    return out


def _is_json(text: str) -> bool:
    text = text.strip()
    if text[:1] not in "[{":
        return False
    try:
        return isinstance(json.loads(text), (list, dict))
    except ValueError:
        return False


def test_every_workbook_has_no_formula_no_json_numbers_as_numbers_and_widths(made_run):
    out, _ = made_run
    problems = []
    for path in _books(out):
        wb = load_workbook(path)
        for ws in wb.worksheets:
            where = f"{path.relative_to(out)} [{ws.title}]"
            if not ws.freeze_panes:
                problems.append(f"{where}: header not frozen")
                continue
            head = int(re.sub(r"\D", "", ws.freeze_panes)) - 1
            headers = [c.value for c in ws[head]]
            if not all(c.font.b for c in ws[head] if c.value is not None):
                problems.append(f"{where}: header not bold")
            widths = _widths(ws)
            problems += [f"{where}: column {i} has no width" for i in range(1, ws.max_column + 1) if i not in widths]
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        problems.append(f"{where} {cell.coordinate}: formula {cell.value!r}")
                    value = read_cell(cell.value)
                    if not isinstance(value, str):
                        continue
                    if _is_json(value):
                        problems.append(f"{where} {cell.coordinate}: JSON {value[:40]!r}")
                    if cell.row > head and ws.title not in MACHINE_SHEETS and NUMBER_TEXT.match(value):
                        header = headers[cell.column - 1] if cell.column <= len(headers) else None
                        problems.append(f"{where} {cell.coordinate} ({header}): number stored as text {value!r}")
    assert not problems, "\n".join(problems[:40])


def test_percentages_heatmap_and_drop_downs(made_run):
    out, _ = made_run
    report = load_workbook(out / "compare" / "report.xlsx")
    heat = next(ws for ws in report.worksheets if "热力图" in ws.title)
    assert heat["B2"].number_format == "0.0%" and isinstance(heat["B2"].value, float)
    assert any(r.type == "colorScale" for rng in heat.conditional_formatting for r in rng.rules)
    shares = report["各领域分值占比"]
    assert shares["B1"].value.endswith("占比") and shares["B2"].number_format == "0.0%"
    results = load_workbook(out / "extract" / "qiaokou-2020-zipingbiao-docx.xlsx")["结果"]
    rates = [c for c in results["H"][1:] if c.value is not None]
    assert rates and all(isinstance(c.value, (int, float)) and "%" in c.number_format for c in rates)
    book = load_workbook(out / "rules" / "qiaocheng-2023-kaoping.xlsx")
    assert any(dv.type == "list" for dv in book["规则"].data_validations.dataValidation)
    assert book["数据"].sheet_state == "hidden"


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
    queries = [q.strip() for block in blocks for q in block.split(";")]
    return [q for q in queries if re.search(r"\bSELECT\b", q)]


def test_readme_queries_run_as_written_through_kaoping_query(made_run):
    out, _ = made_run
    db = out / "archive.duckdb"
    queries = _readme_queries()
    assert len(queries) >= 3
    for sql in queries:
        result = CliRunner().invoke(cli, ["query", sql, "--db", str(db)], prog_name="kaoping")
        assert result.exit_code == 0, (sql, result.output)
        assert result.output.strip().endswith("行")
    con = duckdb.connect(str(db), read_only=True)
    try:
        first = con.execute(queries[0]).fetchall()
        assert first and all(row[0] for row in first)  # no row without its district
        assert {row[0]: row[3] for row in first}["松江区"] == 42
        second = con.execute(queries[1]).fetchall()
        squeezed = [tuple(re.sub(r"\s+", "", v) if isinstance(v, str) else v for v in row) for row in second]
        assert len(squeezed) == len(set(squeezed))  # the same clause once, however it was spaced
    finally:
        con.close()


def test_kaoping_query_reads_and_changes_nothing(made_run, tmp_path):
    out, _ = made_run
    db = str(out / "archive.duckdb")
    runner = CliRunner()
    ok = runner.invoke(cli, ["query", "SELECT status, count(*) AS 文件数 FROM documents GROUP BY ALL ORDER BY 1",
                             "--db", db, "-o", str(tmp_path / "结果.xlsx")], prog_name="kaoping")
    assert ok.exit_code == 0 and "SUCCESS" in ok.output and (tmp_path / "结果.xlsx").exists()
    for sql, words in [("DELETE FROM documents", "查询出错"), ("DROP TABLE rules", "查询出错"),
                       (f"COPY documents TO '{tmp_path / 'x.csv'}'", "查询出错"),
                       (f"ATTACH '{tmp_path / 'other.db'}' AS other", "查询出错"),
                       ("SET enable_external_access = true", "查询出错"),
                       ("SELECT * FROM read_csv('/etc/passwd')", "查询出错"), ("SELEC 1", "查询出错")]:
        result = runner.invoke(cli, ["query", sql, "--db", db], prog_name="kaoping")
        assert result.exit_code == 1 and f"错误：{words}" in result.output, (sql, result.output)
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "other.db").exists()
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    con.close()
    missing = runner.invoke(cli, ["query", "SELECT 1", "--db", str(tmp_path / "无.duckdb")], prog_name="kaoping")
    assert missing.exit_code == 1 and "找不到数据库" in missing.output
