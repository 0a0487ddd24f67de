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


def render(file: str, kind_label: str, rows: list[ResultRow], rec: Reconciliation) -> str:
    """Given a checked document, return the whole terminal report in Chinese."""
    parts = [f"文件：{file}", f"类型：{kind_label}；结果行 {len(rows)} 条", "", "【核对结果】",
             text_table(FINDING_HEADERS[:-1], [r[:-1] for r in finding_rows(rec)])]
    for title, losses in (("【各小项失分】", rec.losses), ("【各科室失分】", rec.by_department), ("【各部分失分】", rec.by_group)):
        shown = [l for l in losses if l.lost]
        if shown:
            parts += ["", title, text_table(LOSS_HEADERS, loss_rows(shown))]
    bad = len(rec.discrepancies)
    parts += ["", f"共 {len(rec.findings)} 项核对，{bad} 项不一致。" if bad else f"共 {len(rec.findings)} 项核对，全部一致。"]
    return "\n".join(parts)


def write_xlsx(path: Path, rows: list[ResultRow], rec: Reconciliation) -> None:
    """Given result rows and their reconciliation, write a workbook with 结果行, 核对 and 失分 sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    sheet = wb.active
    sheet.title = "结果行"
    sheet.append(["分组", "分组分值", "路径", "名称", "目标值/预算数", "完成值/执行数", "执行率", "应得", "实得",
                  "失分原因", "整改措施", "责任科室", "位置"])
    for r in rows:
        sheet.append([r.group, r.group_points, " ▸ ".join(r.path), r.name, r.target, r.actual, r.rate, r.points_due,
                      r.points_got, r.reason, r.measures, r.department,
                      r.prov["points_got"].label() if "points_got" in r.prov else ""])
    checks = wb.create_sheet("核对")
    checks.append(FINDING_HEADERS)
    red = PatternFill("solid", fgColor="F8CBAD")
    for finding, values in zip(rec.findings, finding_rows(rec)):
        checks.append([finding.scope, finding.check, finding.stated, finding.computed, *values[4:]])
        if finding.verdict == BAD:
            for cell in checks[checks.max_row]:
                cell.fill = red
    losses = wb.create_sheet("失分")
    losses.append(["层级", *LOSS_HEADERS])
    for level, items in (("小项", rec.losses), ("科室", rec.by_department), ("部分", rec.by_group)):
        for l in items:
            losses.append([level, l.label, l.due, l.got, l.lost, l.department])
    for ws in wb.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    wb.save(path)


def write_svg(path: Path, title: str, losses: list[Loss]) -> None:
    """Given losses, write a horizontal bar chart of points lost, largest first."""
    shown = sorted((l for l in losses if l.lost > 0), key=lambda l: -l.lost)
    top = 50
    height = top + BAR_HEIGHT * max(len(shown), 1) + 30
    most = max((l.lost for l in shown), default=1.0)
    scale = (CHART_WIDTH - LABEL_WIDTH - 190) / most  # room for the value text
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'font-family="SimSun, Microsoft YaHei, Noto Sans CJK SC, sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="24" font-size="16" font-weight="bold">{escape(title)}</text>',
    ]
    if not shown:
        out.append(f'<text x="10" y="{top + 15}">没有失分。</text>')
    for i, l in enumerate(shown):
        y = top + i * BAR_HEIGHT
        bar = max(l.lost * scale, 1)
        out += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(l.label[:28])}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar:.1f}" height="{BAR_HEIGHT - 6}" fill="#c0392b"/>',
            f'<text x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + 15}">{fmt_points(l.lost)} 分'
            f'（应得{fmt_points(l.due)}，实得{fmt_points(l.got)}）</text>',
        ]
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
