"""Interpretation of tables and prose that are not shaped like the corpus: one case table per pattern of
issue 9, each with invented inputs built here (no corpus file is read)."""
from __future__ import annotations

import pytest

from pipeline.indicators import build_indicator_table
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

SOURCE = SourceInfo(file="t.txt", format=InputFormat.TEXT, sha256="0", size_bytes=0, extractor_version="t")


def table(rows: list[list[str | None]], spans: dict[tuple[int, int], tuple[int, int]] | None = None, no: int = 0) -> Table:
    """Build a table; None marks a position covered by a span given in ``spans`` as (rows, cols)."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            rs, cs = (spans or {}).get((r, c), (1, 1))
            cells.append(TableCell(row=r, col=c, row_span=rs, col_span=cs, text=text,
                                   prov=ProvenanceItem(file="t.txt", table_no=no, row=r, col=c)))
    return Table(table_no=no, num_rows=len(rows), num_cols=max(len(r) for r in rows), cells=cells,
                 prov=ProvenanceItem(file="t.txt", table_no=no))


def para(text: str, n: int = 0, label: BlockLabel = BlockLabel.PARAGRAPH) -> TextBlock:
    return TextBlock(label=label, text=text, prov=ProvenanceItem(file="t.txt", paragraph_no=n))


def read(*body):
    return build_indicator_table(RawDocument(source=SOURCE, body=list(body)))


def rows_of(out):
    return [(i.name, i.category_path, i.points, i.weight, i.department) for i in out.indicators]


# -- 1. hierarchy from the table's shape --------------------------------------------------------------
SHAPE_CASES = [
    pytest.param(
        [["序号", "考核项目", "考核内容", "分值", "评分标准"],
         ["1", "组织领导", "成立领导小组，明确分管领导", "10", "未成立的扣5分"],
         ["2", "队伍建设", "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["3", "制度建设", "建立工作台账和值班制度", "5", "未建立的扣2分"]],
        {},
        [("组织领导", [], 10.0, None, None), ("队伍建设", [], 10.0, None, None), ("制度建设", [], 5.0, None, None)],
        id="project-column-names-each-row",
    ),
    pytest.param(
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["基础工作", "成立领导小组", "10", "未成立的扣5分"],
         [None, "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20", "每逾期1件扣1分"],
         [None, "回访当事人", "10", "未回访的扣1分"]],
        {(1, 0): (2, 1), (3, 0): (2, 1)},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None), ("回访当事人", ["业务工作"], 10.0, None, None)],
        id="merged-project-column-is-a-category",
    ),
    pytest.param(
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["基础工作", "成立领导小组", "10", "未成立的扣5分"],
         ["基础工作", "配齐专职工作人员", "10", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20", "每逾期1件扣1分"],
         ["业务工作", "回访当事人", "10", "未回访的扣1分"]],
        {},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None), ("回访当事人", ["业务工作"], 10.0, None, None)],
        id="repeated-project-text-is-a-category",
    ),
    pytest.param(
        [["栏目", "要点", "标分", "办法"],
         ["基础工作", "成立领导小组", "10分", "未成立的扣5分"],
         [None, "配齐专职工作人员", "10分", "每缺1人扣2分"],
         ["业务工作", "按期办结案件", "20分", "每逾期1件扣1分"]],
        {(1, 0): (2, 1)},
        [("成立领导小组", ["基础工作"], 10.0, None, None), ("配齐专职工作人员", ["基础工作"], 10.0, None, None),
         ("按期办结案件", ["业务工作"], 20.0, None, None)],
        id="unknown-header-words-read-by-shape",
    ),
    pytest.param(
        [["一级指标", "二级指标", "三级指标", "分值"],
         ["1.基础条件（15分）", "1.1场地", "1.1.1办公面积", "5"],
         [None, None, "1.1.2功能分区", "5"],
         [None, "1.2设备", "1.2.1电脑配置", "5"]],
        {(1, 0): (3, 1), (1, 1): (2, 1)},
        [("办公面积", ["基础条件", "场地"], 5.0, None, None), ("功能分区", ["基础条件", "场地"], 5.0, None, None),
         ("电脑配置", ["基础条件", "设备"], 5.0, None, None)],
        id="numbered-names-split-their-number",
    ),
]


@pytest.mark.parametrize("rows,spans,want", SHAPE_CASES)
def test_hierarchy_from_shape(rows, spans, want):
    out = read(table(rows, spans))
    assert rows_of(out) == want


def test_numbered_name_keeps_its_number():
    out = read(table(SHAPE_CASES[4].values[0], SHAPE_CASES[4].values[1]))
    assert [i.number for i in out.indicators] == ["1.1.1", "1.1.2", "1.2.1"]
