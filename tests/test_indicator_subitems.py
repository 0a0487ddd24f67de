"""Numbered sub-items inside a cell read as the scored rows when their points add up to the row's
(pipeline.indicators.subitems), on invented cells and tables."""
from __future__ import annotations

import pytest

from pipeline.indicators.build import build_indicator_table
from pipeline.indicators.subitems import numbered_items, scored_items
from raw_builder import paragraphs, table

# (cell text, row points, expected [(number, name, points)] or None)
SCORED_CASES = [
    ("1、建立值班制度，计3分。\n2、落实值班人员，计2分。", 5,
     [("1", "建立值班制度", 3), ("2", "落实值班人员", 2)]),
    ("（1）制定年度计划（4分）\n（2）开展专项检查（6分）", 10,
     [("(1)", "制定年度计划", 4), ("(2)", "开展专项检查", 6)]),
    ("1.台账齐全2分\n2.资料归档及时3分", 5, [("1", "台账齐全", 2), ("2", "资料归档及时", 3)]),
    # A text dump runs the lines together: an item still opens after the sentence before it.
    ("1、建立值班制度，计3分。2、落实值班人员，计2分。", 5, [("1", "建立值班制度", 3), ("2", "落实值班人员", 2)]),
    # '按3.5分计' is no item: a number inside a sentence opens nothing.
    ("1、建立值班制度，计3分，按3.5分计。", 3, None),
    # The items do not make the row's points: the row stays one indicator.
    ("1、建立值班制度，计3分。\n2、落实值班人员，计2分。", 8, None),
    # Rules numbered in the cell, no allocation of their own ('扣2分' is a deduction, not points).
    ("1、未建立制度扣2分。\n2、未落实人员扣1分。", 3, None),
    # An item with two allocations is not one scored row.
    ("1、有制度（1分）有记录（1分）\n2、落实到人（1分）", 3, None),
    # Numbers out of order: a second list run in, not one list.
    ("1、建立制度，计2分。\n3、落实人员，计1分。", 3, None),
    # A lead-in sentence before the list: the cell is prose with a list inside, not the list.
    ("按以下要求考核：\n1、建立制度，计2分。\n2、落实人员，计1分。", 3, None),
    # One item is no split.
    ("1、建立制度，计2分。", 2, None),
    # An item that is only points names nothing.
    ("1、计2分。\n2、落实人员，计1分。", 3, None),
]


@pytest.mark.parametrize("text,total,expected", SCORED_CASES)
def test_scored_items(text, total, expected):
    items = scored_items(text, total)
    got = None if items is None else [(i.number, i.name, i.points) for i in items]
    assert got == expected


@pytest.mark.parametrize("text,count", [
    ("1、甲\n2、乙\n3、丙", 3),
    ("(1)甲\n(2)乙", 2),
    ("1.5分以下不得分\n2.乙", 0),  # '1.5' is a number, not an item marker: the list does not start at 1
    ("甲\n1、乙\n2、丙", 0),
    ("", 0),
])
def test_numbered_items(text, count):
    assert len(numbered_items(text)) == count


HEADER = ["序号", "项目", "分值", "目标任务", "考核标准"]


def _read(rows):
    return build_indicator_table(paragraphs("某镇安全生产目标考核细则", tables=(table([HEADER, *rows]),)))


def test_row_with_scored_subitems_becomes_their_category():
    got = _read([
        ["1", "组织保障", "5分", "1、成立领导小组，计3分。\n2、配备专职人员，计2分。",
         "1、未成立领导小组扣3分。\n2、未配备人员扣2分。"],
        ["2", "隐患排查", "10分", "每月开展隐患排查，建立台账。", "未排查的每次扣2分。"],
    ])
    rows = [([c.name for c in i.categories], i.number, i.name, i.points, i.criteria) for i in got.indicators]
    assert rows == [
        (["组织保障"], "1", "成立领导小组", 3, "未成立领导小组扣3分。"),
        (["组织保障"], "2", "配备专职人员", 2, "未配备人员扣2分。"),
        ([], "2", "隐患排查", 10, "未排查的每次扣2分。"),
    ]
    assert [i.id for i in got.indicators] == ["s1.i1", "s1.i2", "s1.i3"]
    assert got.indicators[0].categories[0].points == 5
    assert all(c.ok for c in got.check.categories)


def test_subitems_that_do_not_add_up_stay_one_row():
    got = _read([
        ["1", "组织保障", "6分", "1、成立领导小组，计3分。\n2、配备专职人员，计2分。", "未成立扣3分。"],
        ["2", "隐患排查", "10分", "每月开展隐患排查，建立台账。", "未排查的每次扣2分。"],
    ])
    assert [(i.name, i.points) for i in got.indicators] == [("组织保障", 6), ("隐患排查", 10)]
