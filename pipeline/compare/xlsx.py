"""A Report as an Excel workbook: a 摘要 sheet, then one sheet per section; the heatmap is its share table
coloured by conditional formatting, shares are percent numbers and the marked differences stay marked."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..excel import Book, Column
from .report import Chart, Report, Share, Table


def write_xlsx(report: Report, path: Path) -> Path:
    """Write the report's tables as sheets of one workbook and return its path."""
    with Book(path) as book:
        book.sheet("摘要", ["摘要"], [[line] for line in report.summary], title=report.title,
                   notes=[report.subtitle] if report.subtitle else (), max_width=120)
        for section in report.sections:
            if section.chart is not None and section.chart.kind == "heatmap":
                _heatmap(book, section.title, section.chart)
            tables = [t for t in section.tables if t.rows or not t.collapsed]
            if tables:
                _tables(book, section.title, tables)
    return path


def _heatmap(book: Book, title: str, chart: Chart) -> None:
    """Domains down, schemes across, each share a percent coloured from white to deep blue."""
    columns = [Column("领域"), *(Column(name, "percent", heat=True) for name in chart.cols)]
    book.sheet(title, columns, ([row, *values] for row, values in zip(chart.rows, chart.values)))


def _tables(book: Book, title: str, tables: list[Table]) -> None:
    """One sheet per section: further tables follow the first, each under its title and headers."""
    columns = _columns(tables[0])
    rows: list[list[Any]] = []
    for k, table in enumerate(tables):
        if len(tables) > 1:
            rows.append([table.title])
            if k:
                rows.append(_header_cells(table))
        rows += [_cells(row) for row in table.rows]
    book.sheet(title, columns, rows)


def _columns(table: Table) -> list[Column]:
    """Given a table, return its columns typed by their values (a share becomes 占比 and 分值 columns)."""
    columns = []
    for i, header in enumerate(table.headers):
        values = [row[i] for row in table.rows if i < len(row) and row[i] is not None]
        if values and all(isinstance(v, Share) for v in values):
            unit = next((v.unit for v in values if v.weight), "分")
            columns += [Column(f"{header} 占比", "percent"), Column(f"{header} {'分值' if unit == '分' else '项数'}",
                                                                    "number")]
        elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            columns.append(Column(header, "number"))
        else:  # rule values such as 2, 95% or 10分 are numbers that keep their unit on screen
            columns.append(Column(header, "quantity"))
    return columns


def _header_cells(table: Table) -> list[str]:
    out: list[str] = []
    for i, header in enumerate(table.headers):
        if any(isinstance(row[i], Share) for row in table.rows if i < len(row)):
            out += [f"{header} 占比", f"{header} 分值"]
        else:
            out.append(header)
    return out


def _cells(row: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in row:
        if isinstance(value, Share):
            out += [value.share if value.weight else None, value.weight]
        else:
            out.append(value)
    return out
