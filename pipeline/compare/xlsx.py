"""A Report as an Excel workbook: a 摘要 sheet, then one sheet per section (a heatmap becomes its table)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..excel import add_sheet, new_workbook, save
from .report import Chart, Marked, Report


def _value(value: Any) -> Any:
    return value.plain() if isinstance(value, Marked) else value


def _chart_rows(chart: Chart) -> tuple[list[str], list[list[Any]]]:
    """A heatmap reads in Excel as its share table (percent numbers)."""
    return [""] + chart.cols, [[r] + [round(v * 100, 1) for v in vals] for r, vals in zip(chart.rows, chart.values)]


def write_xlsx(report: Report, path: Path) -> Path:
    """Write the report's tables as sheets of one workbook and return its path."""
    wb = new_workbook()
    add_sheet(wb, "摘要", ["摘要"], [[line] for line in report.summary], max_width=120)
    used: set[str] = {"摘要"}
    for section in report.sections:
        tables = [t for t in section.tables if t.rows or not t.collapsed]
        if section.chart is not None and section.chart.kind == "heatmap":
            headers, rows = _chart_rows(section.chart)
            headers[0] = "领域（占比 %）"
            add_sheet(wb, _sheet_name(section.title, used), headers, rows)
        if not tables:
            continue
        # One sheet per section: further tables follow the first, each under its title and headers.
        rows: list[list[Any]] = []
        for k, table in enumerate(tables):
            if len(tables) > 1:
                rows.append([table.title])
                if k:
                    rows.append(list(table.headers))
            rows += [[_value(v) for v in row] for row in table.rows]
        add_sheet(wb, _sheet_name(section.title, used), tables[0].headers, rows)
    return save(wb, path)


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, unique, without []:*?/\\."""
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28]
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}-{n}", n + 1
    used.add(name)
    return name
