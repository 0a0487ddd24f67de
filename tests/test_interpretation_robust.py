"""Hostile inputs for the interpretation layer: random grids with spans, header words, numbers, rules and
junk, and random outlines, built here with a fixed seed. Every one must give a table, never an error."""
from __future__ import annotations

import random

import pytest

from pipeline.indicators import build_indicator_table
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

SOURCE = SourceInfo(file="r.txt", format=InputFormat.TEXT, sha256="0", size_bytes=0, extractor_version="t")
WORDS = ["序号", "考核项目", "考核内容", "分值", "权重", "评分标准", "责任部门", "合计", "备注", "说明", "一、基础工作（20分）",
         "（二）", "1.1.1总床位数", "10分", "40%", "40%\n40", "未完成的扣2分", "每少一次扣0.5分", "办公室", "县委宣传部\n县教育局",
         "□是 □否", "打分", "编制", "审核", "文件编号", "份数", "3", "", "", "", "√", "完成", "（15分+5分）", "P1×40%+P2×60%",
         "数据来源：台账", "—", "100", "0.5", "工作作风", "┼", "|", "第一条", "①", "l、", "扣完为止"]
LINES = ["一、组织领导（20分）", "（一）", "1、成立小组（5分），未成立扣5分。", "2、", "（1）", "①落实（3分）", "权重20%",
         "第一章 总则", "第二条 本办法", "5.2.1考核得分：", "得分权重为60%。", "分别从A（10分）、B（20分）、C（30分）考核",
         "1、", "2、接上页 6分);", "满分100分", "加3分", "", "（", "）", "。", "十二、环境执", "l、集中宣传计15分"]


def random_table(rng: random.Random, no: int) -> Table:
    rows, cols = rng.randint(1, 9), rng.randint(1, 7)
    taken: set[tuple[int, int]] = set()
    cells = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) in taken:
                continue
            rs = rng.choice([1, 1, 1, 2, 3]) if r + 1 < rows else 1
            cs = rng.choice([1, 1, 1, 2]) if c + 1 < cols else 1
            rs, cs = min(rs, rows - r), min(cs, cols - c)
            if any((r + i, c + j) in taken for i in range(rs) for j in range(cs)):
                rs = cs = 1
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            cells.append(TableCell(row=r, col=c, row_span=rs, col_span=cs, text=rng.choice(WORDS),
                                   prov=ProvenanceItem(file="r.txt", table_no=no, row=r, col=c)))
    return Table(table_no=no, num_rows=rows, num_cols=cols, cells=cells, prov=ProvenanceItem(file="r.txt", table_no=no))


def random_document(seed: int) -> RawDocument:
    rng = random.Random(seed)
    body = []
    tables = 0
    for n in range(rng.randint(0, 12)):
        if rng.random() < 0.3:
            body.append(random_table(rng, tables))
            tables += 1
        else:
            text = "".join(rng.choice(LINES) for _ in range(rng.randint(1, 4))) or "。"
            body.append(TextBlock(label=rng.choice(list(BlockLabel)), text=text,
                                  prov=ProvenanceItem(file="r.txt", paragraph_no=n)))
    return RawDocument(source=SOURCE, body=body)


@pytest.mark.parametrize("seed", range(300))
def test_random_documents_give_a_table(seed):
    out = build_indicator_table(random_document(seed))
    assert out.needs_review == bool(out.review_reasons)
    assert len({i.id for i in out.indicators}) == len(out.indicators)
    assert all(i.section_id in {s.id for s in out.sections} for i in out.indicators)
