"""Render a reconciliation: a Chinese text table for the terminal, an XLSX workbook and an SVG chart."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from schemas.indicators import ResultRow

from .check import BAD, Loss, Reconciliation, fmt_points

CHART_WIDTH = 900
BAR_HEIGHT = 22
LABEL_WIDTH = 360
# One shade per level, dark to light, so the levels stay apart when printed in grey.
LEVEL_COLOURS = {"小项": "#8b1a1a", "科室": "#c0504d", "部分": "#e6a09e"}


def width(text: str) -> int:
    """Given text, return its width in terminal columns (CJK counts two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """Given headers and rows of strings, return them as an aligned plain-text table."""
    widths = [max(width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    pad = lambda cells: "  ".join(str(c) + " " * (w - width(str(c))) for c, w in zip(cells, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([pad(headers), rule, *(pad(r) for r in rows)])


FINDING_HEADERS = ["对象", "核对", "文中", "计算", "结论", "说明", "位置"]
LOSS_HEADERS = ["项目", "应得", "实得", "失分", "责任科室"]


def finding_rows(rec: Reconciliation) -> list[list[str]]:
    """Given a reconciliation, return its findings as table rows."""
    return [[f.scope, f.check, fmt_points(f.stated), fmt_points(f.computed), f.verdict, f.note,
             f.prov.label() if f.prov else ""] for f in rec.findings]


def loss_rows(losses: list[Loss]) -> list[list[str]]:
    """Given losses, return them as table rows."""
    return [[l.label, fmt_points(l.due), fmt_points(l.got), fmt_points(l.lost), l.department or ""] for l in losses]


def render(file: str, kind_label: str, rows: list[ResultRow], rec: Reconciliation, title: str | None = None) -> str:
    """Given a checked document, return the whole terminal report in Chinese."""
    parts = [f"文件：{file}", *([f"标题：{title}"] if title else []), f"类型：{kind_label}；结果行 {len(rows)} 条", "",
             "【核对结果】",
             text_table(FINDING_HEADERS[:-1], [r[:-1] for r in finding_rows(rec)])]
    for level, losses in loss_groups(rec):
        shown = [l for l in losses if l.lost]
        if shown:
            parts += ["", f"【各{level}失分】", text_table(LOSS_HEADERS, loss_rows(shown))]
    bad = len(rec.discrepancies)
    parts += ["", f"共 {len(rec.findings)} 项核对，{bad} 项不一致。" if bad else f"共 {len(rec.findings)} 项核对，全部一致。"]
    return "\n".join(parts)


def write_xlsx(path: Path, rows: list[ResultRow], rec: Reconciliation) -> None:
    """Given result rows and their reconciliation, write a workbook with 结果行, 核对 and 失分 sheets."""
    from ..excel import Book, Column
    from ..export import result_sheet

    with Book(path) as book:
        result_sheet(book, "结果行", rows)
        book.sheet("核对", [Column("对象"), Column("核对"), Column("文中", "number"), Column("计算", "number"),
                           Column("结论"), Column("说明"), Column("位置")],
                   ([f.scope, f.check, f.stated, f.computed, *values[4:]]
                    for f, values in zip(rec.findings, finding_rows(rec))), flag=("结论", BAD))
        book.sheet("失分", [Column("层级"), Column("项目"), Column("应得", "number"), Column("实得", "number"),
                           Column("失分", "number"), Column("责任科室")],
                   ([level, l.label, l.due, l.got, l.lost, l.department]
                    for level, items in loss_groups(rec) for l in items))


def loss_groups(rec: Reconciliation) -> list[tuple[str, list[Loss]]]:
    """Given a reconciliation, return its losses by level (小项, 科室, 部分), the levels the text lists."""
    return [("小项", rec.losses), ("科室", rec.by_department), ("部分", rec.by_group)]


def write_svg(path: Path, title: str, rec: Reconciliation) -> None:
    """Given a reconciliation, write bar charts of points lost per 小项, 科室 and 部分, largest first."""
    groups = [(level, sorted((l for l in items if l.lost > 0), key=lambda l: -l.lost))
              for level, items in loss_groups(rec)]
    groups = [(level, shown) for level, shown in groups if shown]
    bars = sum(len(shown) for _, shown in groups)
    height = 50 + BAR_HEIGHT * max(bars, 1) + 30 * len(groups) + 30
    most = max((l.lost for _, shown in groups for l in shown), default=1.0)
    scale = (CHART_WIDTH - LABEL_WIDTH - 190) / most  # room for the value text
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'font-family="SimSun, Microsoft YaHei, Noto Sans CJK SC, sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="24" font-size="16" font-weight="bold">{escape(title)}</text>',
    ]
    if not groups:
        out.append('<text x="10" y="65">没有失分。</text>')
    y = 50
    for level, shown in groups:
        out.append(f'<text x="10" y="{y + 16}" font-weight="bold">各{level}失分</text>')
        y += 26
        for l in shown:
            bar = max(l.lost * scale, 1)
            out += [
                f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(l.label[:28])}</text>',
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar:.1f}" height="{BAR_HEIGHT - 6}" '
                f'fill="{LEVEL_COLOURS[level]}"/>',
                f'<text x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + 15}">{fmt_points(l.lost)} 分'
                f'（应得{fmt_points(l.due)}，实得{fmt_points(l.got)}）</text>',
            ]
            y += BAR_HEIGHT
        y += 4
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
