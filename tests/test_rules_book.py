"""IndicatorTable → Rulebook, YAML/XLSX round trip, import errors, lint, and their CLI commands."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import Category, DocumentMeta, Indicator, IndicatorTable, Section, SectionRole
from schemas.rules import (Bound, Direction, GradeTier, OtherSubtype, Period, RankTier, RuleAtom, Rulebook,
                           RuleItem, RuleKind, SchemeRule, SchemeRuleKind, ScoringSettings, Threshold, WeightPart)
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


# Text people and documents really contain, and text that breaks naive spreadsheets and parsers.
NASTY = ["=1+1", "+2", "-3", "@SUM(A1)", "\t制表", "\r回车", "a\r\nb", "控制\x01字符", "_x0041_", " 前空格", "后空格 ",
         "法治/普法 ▸ 宣传", "x\x00y", "😀", "a\u2028b", "\x1f", "\ufffe", "1", "0.5", "是", "扣完为止", '{"a": 1}',
         "[1, 2]", "第1名:3", "甲:乙; 丙", "", "null", "~", "- 列表"]


def _nasty_book() -> Rulebook:
    items = []
    for i, t in enumerate(NASTY):
        items.append(RuleItem(
            indicator_id=f"id{i}{t}", path=[t, "类别/子类", f"指标{t}"], number=t or None, points=0.1 + 0.2,
            department=t, criteria=t, section_role=SectionRole.BONUS if i % 2 else SectionRole.BASE,
            atoms=[RuleAtom(kind=RuleKind.TIERED, direction=Direction.DEDUCT, points=0.7 / 100, per=t, cap=1 / 3,
                            thresholds=[Threshold(op="<", value=0.7 / 100, points=None)], hit_policy="max",
                            grades=[GradeTier(grade=t or "优", points=1.5), GradeTier(grade="良", full=True)],
                            ranks=[RankTier(rank_from=1, rank_to=3, points=2), RankTier(rank_from=1, rank_to=1,
                                                                                    from_bottom=True)],
                            weights={t: 0.6, "科室": 0.4}, metric=t, condition=t, text=t, period=Period.MONTH,
                            prov=ProvenanceItem(file=t or "f", page_no=2, table_no=0, row=1, col=2, charspan=(1, 5))),
                   RuleAtom(kind=RuleKind.DEDUCT_PER, direction=Direction.DEDUCT, points=2, per="1%", cap="item",
                            start=Bound(op="<", value=0.95), occurrence=3, text=t),
                   RuleAtom(kind=RuleKind.WEIGHT, values=[WeightPart(label=t or "季度", weight=0.2),
                                                          WeightPart(label="业务考核", points=70),
                                                          WeightPart(label="其他")], text=t),
                   RuleAtom(kind=RuleKind.OTHER, subtype=OtherSubtype.MONEY_PER_POINT, factor=100, text=t)]))
    scheme = [SchemeRule(kind=SchemeRuleKind.CATEGORY_CAP, applies_to=["法治/普法", NASTY[0]], cap=40, text=t,
                         atoms=[RuleAtom(kind=RuleKind.CAP_ONLY, cap=40, text=t)]) for t in NASTY[:4]]
    return Rulebook(items=items, scheme_rules=scheme, meta=DocumentMeta(title="=标题/一", year=2023),
                    scoring=ScoringSettings(base_score=100))


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_round_trip_keeps_any_text_exactly(tmp_path: Path, suffix: str):
    book = _nasty_book()
    path = tmp_path / f"book{suffix}"
    write_rulebook(book, path)
    back = read_rulebook(path)
    assert back == book
    again = tmp_path / f"again{suffix}"
    write_rulebook(back, again)
    assert read_rulebook(again) == book


def _rule_sheet(path: Path):
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["规则"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "指标ID")
    headers = [c.value for c in ws[head]]
    return wb, ws, head, headers


def test_rulebook_workbook_is_fit_to_edit(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    write_rulebook(build_rulebook(_table()), path)
    wb, ws, head, headers = _rule_sheet(path)
    assert wb.sheetnames == ["规则", "方案规则", "说明", "数据"] and wb["数据"].sheet_state == "hidden"
    assert {"指标ID", "类别 ▸ 指标", "规则类型", "方向", "分值", "上限", "阈值", "位置"} <= set(headers)
    row = {h: ws.cell(head + 1, k + 1).value for k, h in enumerate(headers)}
    assert row["规则类型"] == "每次扣分" and row["方向"] == "扣分" and row["分值"] == 1 and row["位置"] == "表1 行3 列5"
    assert row["类别 ▸ 指标"] == "信息工作 ▸ 信息报送" and row["部分"] == "基础指标" and row["上限"] == 3
    lists = {headers[next(iter(dv.sqref.ranges)).min_col - 1]: dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    assert set(lists) == {"部分", "规则类型", "规则细类", "方向", "命中方式", "周期"}
    assert "区间酌情" in lists["规则类型"] and "一票否决" in lists["规则类型"]
    assert ws.freeze_panes == f"D{head + 1}" and all(c.font.b for c in ws[head] if c.value)
    assert all(not (isinstance(c.value, str) and c.value[:1] in "[{") for r in ws.iter_rows() for c in r)


def _edit(path: Path, changes: dict[tuple[int, str], object]) -> None:
    """Given {(rule number from 1, header): value}, edit the 规则 sheet as a person would and save."""
    wb, ws, head, headers = _rule_sheet(path)
    for (n, header), value in changes.items():
        ws.cell(row=head + n, column=headers.index(header) + 1, value=value)
    wb.save(path)


def test_xlsx_edits_come_back(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    original = build_rulebook(_table())
    write_rulebook(original, path)
    _edit(path, {(1, "分值"): 0.5, (2, "阈值"): "<0.95:1; <80%:3", (3, "规则类型"): "加分", (4, "类别 ▸ 指标"): "信息工作 ▸ 宣传/报道",
                 (1, "上限"): "扣完为止", (5, "名次"): "第1-2名:2"})
    book = read_rulebook(path)
    first, second = book.items[0], book.items[1]
    assert first.atoms[0].points == 0.5 and first.atoms[0].cap == "item"
    assert [(t.op, t.value, t.points) for t in first.atoms[1].thresholds] == [("<", 0.95, 1), ("<", 0.8, 3)]
    assert second.atoms[0].kind is RuleKind.ADD_FIXED and second.atoms[0].direction is Direction.ADD
    assert second.path == ["信息工作", "宣传/报道"]
    assert book.items[2].atoms[0].ranks[0].rank_to == 2
    # untouched fields keep their exact values (text spans, provenance, the other rules)
    assert first.atoms[0].prov == original.items[0].atoms[0].prov and book.scheme_rules == original.scheme_rules


def test_rows_added_by_copying_and_rows_deleted(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    write_rulebook(build_rulebook(_table()), path)
    wb, ws, head, headers = _rule_sheet(path)
    copy = [c.value for c in ws[head + 1]]
    ws.insert_rows(head + 2)
    for k, value in enumerate(copy, start=1):
        ws.cell(head + 2, k, value)
    ws.cell(head + 2, headers.index("分值") + 1, 9)
    ws.delete_rows(head + 5)  # the 宣传 item's second rule
    wb.save(path)
    book = read_rulebook(path)
    assert [a.points for a in book.items[0].atoms] == [1, 9, None]
    assert len(book.items[1].atoms) == 1


def test_every_bad_cell_is_reported_with_sheet_row_and_column(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    write_rulebook(build_rulebook(_table()), path)
    _edit(path, {(1, "规则类型"): "随便扣", (2, "分值"): "三分", (2, "阈值"): "低于九成", (3, "位置"): "左上角"})
    with pytest.raises(BookError) as info:
        read_rulebook(path)
    message = str(info.value)
    wb, ws, head, headers = _rule_sheet(path)
    assert "有 4 处填写有误" in message
    assert f"工作表 规则 行{head + 1} 列「规则类型」：无法识别“随便扣”" in message
    assert f"工作表 规则 行{head + 2} 列「分值」：应为数字，而不是“三分”" in message
    assert f"工作表 规则 行{head + 2} 列「阈值」：阈值“低于九成”应写成 <0.9:2" in message
    assert f"工作表 规则 行{head + 3} 列「位置」" in message


def test_settings_on_the_about_sheet_are_editable(tmp_path: Path):
    from openpyxl import load_workbook

    path = tmp_path / "book.xlsx"
    write_rulebook(build_rulebook(_table()), path)
    wb = load_workbook(path)
    ws = wb["说明"]
    for row in ws.iter_rows():
        if row[0].value == "基础分":
            row[1].value = 100
        if row[0].value == "扣完为止":
            row[1].value = "否"
    wb.save(path)
    book = read_rulebook(path)
    assert book.scoring.base_score == 100 and book.scoring.item_floor is False


def test_workbook_without_its_hidden_sheet_still_imports(tmp_path: Path):
    from openpyxl import load_workbook

    path = tmp_path / "book.xlsx"
    original = build_rulebook(_table())
    write_rulebook(original, path)
    wb = load_workbook(path)
    del wb["数据"]
    wb.save(path)
    book = read_rulebook(path)
    assert [[(a.kind, a.points, a.cap) for a in i.atoms] for i in book.items] == \
        [[(a.kind, a.points, a.cap) for a in i.atoms] for i in original.items]
    assert [i.path for i in book.items] == [i.path for i in original.items]


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
