"""The corrections layer: each kind of correction on a real table, kept across a re-reading that numbers rows
differently, orphaned (never misapplied) when its row is gone, and stored in the archive database."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipeline.batch.store import Store
from pipeline.corrections import (anchors, apply_corrections, corrected_rulebook, corrected_table, load_corrections,
                                  new_correction, save_correction)
from pipeline.extract import extract_table
from pipeline.indicators.reconcile import table_checks
from schemas.corrections import CorrectionStatus

DOC = "0" * 64


@pytest.fixture(scope="module")
def wujin(corpus):
    return extract_table(corpus / "docs" / "wujin-2021-jixiao.docx")


def made(op, n=0, **fields):
    c = new_correction(DOC, op, "测试员", **fields)
    return c.model_copy(update={"created_at": c.created_at + timedelta(seconds=n)})


def test_set_points_changes_the_reconciliation(wujin):
    raw, table = wujin
    target = anchors(table.indicators)[0]
    fixed = apply_corrections(table, [made("set", target=target, field="points", value=8.0)])
    assert fixed.indicators[0].points == 8.0 and table.indicators[0].points == 10.0
    check = next(c for c in table_checks(fixed) if c.scope == "政务信息和新闻宣传工作")
    assert (check.stated, check.computed, check.ok) == (15.0, 13.0, False)
    assert fixed.corrections[0].before == 10.0 and fixed.corrections[0].status is CorrectionStatus.APPLIED


def test_category_name_and_department(wujin):
    _, table = wujin
    target = anchors(table.indicators)[1]
    fixed = apply_corrections(table, [made("set", target=target, field="category", value="宣传 ▸ 新闻"),
                                      made("set", 1, target=target, field="department", value="办公室"),
                                      made("set", 2, target=target, field="name", value="新闻宣传")])
    ind = fixed.indicators[1]
    assert ind.category_path == ["宣传", "新闻"] and ind.categories[0].points == 15.0
    assert (ind.department, ind.name) == ("办公室", "新闻宣传")


def test_split_then_correct_the_new_row_then_merge(wujin):
    _, table = wujin
    target = anchors(table.indicators)[1]
    criteria = table.indicators[1].criteria
    at = criteria.index("2.")
    split = made("split", target=target, index=at, value={"name": "舆情处置", "points": 0})
    fixed = apply_corrections(table, [split])
    assert len(fixed.indicators) == len(table.indicators) + 1
    new = fixed.indicators[2]
    assert new.name == "舆情处置" and new.criteria.startswith("2.") and fixed.indicators[1].criteria == criteria[:at].strip()
    assert new.prov["criteria"].charspan == (at, len(criteria))
    new_anchor = anchors(fixed.indicators)[2]
    assert new_anchor == target + "~1"
    fixed = apply_corrections(table, [split, made("set", 1, target=new_anchor, field="points", value=1.0),
                                      made("merge", 2, target=target)])
    assert len(fixed.indicators) == len(table.indicators)
    assert fixed.indicators[1].points == 6.0 and "2." in fixed.indicators[1].criteria


def test_corrections_follow_their_row_when_ids_change(wujin):
    """A newer kaoping may number rows differently: the anchor (source cells) still finds the row."""
    _, table = wujin
    target = anchors(table.indicators)[3]
    renumbered = table.model_copy(deep=True)
    for n, ind in enumerate(renumbered.indicators):
        ind.id = f"x{n + 100}"
    fixed = apply_corrections(renumbered, [made("set", target=target, field="points", value=7.0)])
    assert fixed.indicators[3].points == 7.0


def test_a_correction_whose_row_is_gone_is_kept_not_misapplied(wujin):
    _, table = wujin
    gone = made("set", target="t9r9c9", field="points", value=1.0)
    fixed = apply_corrections(table, [gone])
    assert [i.points for i in fixed.indicators] == [i.points for i in table.indicators]
    assert fixed.corrections[0].status is CorrectionStatus.ORPHANED and "找不到" in fixed.corrections[0].note


def test_bad_values_are_refused_with_a_reason(wujin):
    _, table = wujin
    target = anchors(table.indicators)[0]
    fixed = apply_corrections(table, [made("set", target=target, field="points", value="十分"),
                                      made("split", 1, target=target, index=100000)])
    assert [c.status for c in fixed.corrections] == [CorrectionStatus.ORPHANED] * 2
    assert "不是数字" in fixed.corrections[0].note and "拆分位置" in fixed.corrections[1].note


def test_not_an_indicator_table_and_column_roles_read_the_table_again(wujin):
    raw, table = wujin
    skipped = corrected_table(raw, [made("not_indicator_table", table_no=0, value=True)])
    assert skipped.indicators == []
    restored = corrected_table(raw, [made("not_indicator_table", table_no=0, value=True),
                                     made("not_indicator_table", 1, table_no=0, value=False)])
    assert len(restored.indicators) == len(table.indicators)
    # 责任部门 (column 6) read as 考评时间 instead: departments go, timings come.
    moved = corrected_table(raw, [made("column_role", table_no=0, col=5, value="timing")])
    assert all(i.department is None for i in moved.indicators if i.section_id == "s1")
    assert moved.indicators[0].timing == "办公室"


def test_atom_edits_reach_the_rulebook(wujin):
    raw, table = wujin
    target = anchors(table.indicators)[2]
    atom = {"kind": "deduct_per", "direction": "deduct", "points": 2.0, "per": "起", "text": "发现一起扣2分"}
    fixed = corrected_table(raw, [made("atom", target=target, index=0, value=atom), made("atom", 1, target=target,
                                                                                        index=1, value=None)])
    book = corrected_rulebook(fixed, raw)
    item = next(i for i in book.items if i.indicator_id == fixed.indicators[2].id)
    original = corrected_rulebook(table, raw)
    before = next(i for i in original.items if i.indicator_id == table.indicators[2].id)
    assert item.atoms[0].points == 2.0 and item.atoms[0].prov == before.atoms[0].prov
    assert len(item.atoms) == len(before.atoms) - 1


def test_stored_in_the_archive_and_read_back(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    first = made("set", target="t0r1c1", field="points", value=8.0)
    second = made("split", 5, target="t0r1c1", index=3, value={"name": "甲", "points": None})
    for c in (second, first):
        save_correction(store.con, c)
    back = load_corrections(store.con, DOC)
    assert [c.id for c in back] == [first.id, second.id] and back[1].value == {"name": "甲", "points": None}
    assert isinstance(back[0].created_at, datetime) and back[0].author == "测试员"
    store.close()
    # A new extraction of the document replaces its rows, never its corrections.
    store = Store(tmp_path / "a.duckdb")
    store.save([({"document": {"doc_id": DOC, "file": "x", "status": "SUCCESS"}}, ["x"])])
    assert len(load_corrections(store.con, DOC)) == 2
    store.close()
