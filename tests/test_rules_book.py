"""IndicatorTable → Rulebook, YAML/XLSX round trip, import errors, lint, and their CLI commands."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import Category, Indicator, IndicatorTable, Section, SectionRole
from pipeline.rules.book import build_rulebook
from pipeline.rules.bookio import BookError, read_rulebook, write_rulebook
from pipeline.rules.lint import lint_rulebook

CELL = ProvenanceItem(file="方案.docx", table_no=0, row=2, col=4)
CRITERIA = "1.每缺一项扣1分，最多扣3分；\n2.网办率低于90%的扣2分，低于70%的扣4分。"


def _table() -> IndicatorTable:
    """A small scheme: two indicators, a bonus one, a 备注 with category caps."""
    base = [Category(name="信息工作", points=10)]
    return IndicatorTable(
        source=SourceInfo(file="方案.docx", format=InputFormat.DOCX, sha256="0" * 64, size_bytes=1,
                          extractor_version="test"),
        sections=[Section(id="s1", title="业务工作", role=SectionRole.BASE),
                  Section(id="s2", title="加分项目", role=SectionRole.BONUS)],
        indicators=[
            Indicator(id="s1.i1", section_id="s1", categories=base, number="1", name="信息报送", criteria=CRITERIA,
                      points=5, prov={"criteria": CELL}),
            Indicator(id="s1.i2", section_id="s1", categories=base, number="1", name="宣传", points=4,
                      criteria="视情扣分；未报送的扣6分", prov={"criteria": CELL.model_copy(update={"row": 3})}),
            Indicator(id="s2.i1", section_id="s2", name="表彰", criteria="获省级表彰的加2分，市级的加1分，上限3分"),
        ],
        notes=["信息工作、宣传工作每月最多扣20分；考核分由局领导评分占60%、科室互评占40%构成。"],
    )


def test_build_rulebook_items_atoms_and_charspans():
    book = build_rulebook(_table())
    first = book.items[0]
    assert first.path == ["信息工作", "信息报送"] and first.points == 5 and first.reference == CELL
    assert [a.kind.value for a in first.atoms] == ["deduct_per", "tiered"]
    for atom in first.atoms:
        start, end = atom.prov.charspan
        assert (atom.prov.table_no, atom.prov.row) == (0, 2)
        assert CRITERIA[start:end] == atom.text
    assert book.items[2].section_role is SectionRole.BONUS
    assert [a.cap for a in book.items[2].atoms] == [3.0, 3.0]


def test_scheme_rules_from_notes():
    rules = build_rulebook(_table()).scheme_rules
    assert [r.kind.value for r in rules] == ["category_cap", "rater_weights"]
    assert rules[0].applies_to == ["信息工作", "宣传工作"] and rules[0].cap == 20 and rules[0].period.value == "month"
    assert rules[1].weights == {"局领导评分": 0.6, "科室互评": 0.4}


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_round_trip(tmp_path: Path, suffix: str):
    book = build_rulebook(_table())
    path = tmp_path / f"规则手册{suffix}"
    write_rulebook(book, path)
    assert read_rulebook(path) == book


def test_xlsx_edits_come_back_and_bad_labels_are_reported(tmp_path: Path):
    from openpyxl import load_workbook

    path = tmp_path / "book.xlsx"
    write_rulebook(build_rulebook(_table()), path)
    wb = load_workbook(path)
    ws = wb["规则"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("分值") + 1, value=0.5)
    ws.cell(row=3, column=headers.index("阈值") + 1, value="<0.95:1; <0.8:3")
    wb.save(path)
    book = read_rulebook(path)
    assert book.items[0].atoms[0].points == 0.5
    assert [(t.op, t.value, t.points) for t in book.items[0].atoms[1].thresholds] == [("<", 0.95, 1), ("<", 0.8, 3)]
    ws.cell(row=2, column=headers.index("规则类型") + 1, value="随便扣")
    wb.save(path)
    with pytest.raises(BookError, match="第2行.*无法识别“随便扣”"):
        read_rulebook(path)


def test_yaml_errors_are_chinese(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("items:\n  - indicator_id: a\n    atoms:\n      - kind: 乱写\n", encoding="utf-8")
    with pytest.raises(BookError, match="规则手册内容不符合格式"):
        read_rulebook(path)


def test_lint_finds_vague_overlarge_and_duplicates():
    table = _table()
    issues = [i.line() for i in lint_rulebook(build_rulebook(table), table)]
    assert any("没有分值范围" in line for line in issues)
    assert any("单项分值 6 分超过指标分值 4 分" in line for line in issues)
    assert any("序号 1 重复" in line for line in issues)
    assert any("类别分值 10 分，但所含指标合计 9 分" in line for line in issues)


def test_cli_rules_file_import_and_lint(tmp_path: Path):
    from pipeline.commands.lint import lint
    from pipeline.commands.rules import rules

    table_json = tmp_path / "方案.json"
    table_json.write_text(_table().model_dump_json(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(rules, [str(table_json), "-o", str(tmp_path / "book.xlsx")])
    assert result.exit_code == 0, result.output
    assert "指标 3 项" in result.output
    result = runner.invoke(rules, ["import", str(tmp_path / "book.xlsx"), "-o", str(tmp_path / "book.yaml")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(lint, [str(tmp_path / "book.yaml")])
    assert result.exit_code == 1 and "[错误]" in result.output


def test_cli_rules_bad_input_is_reported_in_chinese(tmp_path: Path):
    from pipeline.commands.rules import rules

    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(rules, [str(bad), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1 and "不是有效的指标表 JSON" in result.output
