"""Raw HTML tables saved as text (a page's source, a template), with other lines before them.

The markup from the first <table> to its matching </table> is read by the HTML extractor, so
rowspan/colspan are placed the way browsers place them; template placeholders (${…}, <%…%>) are not
the document's text and are dropped first. Text inside the markup before the table becomes its lead.
"""
from __future__ import annotations

import re

from lxml import etree

from schemas.raw import Table

from .grid import Cell, Found, Grid

_OPEN = re.compile(r"<table\b", re.I)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>")
_LEAD_LINES = 30
_CLOSE = re.compile(r"</table\s*>", re.I)
_TEMPLATE = re.compile(r"\$\{[^}\n]*\}|<%.*?%>|\{\{[^}\n]*\}\}", re.S)
_MAX_LINES = 20000


def _table_line(lines: list[str], start: int) -> int | None:
    """Given a line that holds a tag, return the line where a <table> opens, when only markup (or
    blank lines) stands between them."""
    for i in range(start, min(len(lines), start + _LEAD_LINES)):
        if _OPEN.search(lines[i]):
            return i
        if lines[i].strip() and not _TAG.search(lines[i]):
            return None
    return None


def _region(lines: list[str], start: int, table_at: int) -> tuple[int, int]:
    """Given the first markup line and the line where the <table> opens, return where the markup
    starts (offset in the first line) and the index of the line after its matching </table>."""
    at = _TAG.search(lines[start]).start()
    depth = 0
    for i in range(table_at, min(len(lines), table_at + _MAX_LINES)):
        text = lines[i][_OPEN.search(lines[i]).start():] if i == table_at else lines[i]
        depth += len(_OPEN.findall(text)) - len(_CLOSE.findall(text))
        if depth <= 0:
            return at, i + 1
    return at, len(lines)


def _grid(table: Table, line: int) -> Grid:
    """Given a table read from markup, return it as a grid whose cells point at the markup's first line."""
    cells = [Cell(c.row, c.col, c.text, line, c.row_span, c.col_span, c.column_header) for c in table.cells]
    return Grid(cells=cells, num_rows=table.num_rows, num_cols=table.num_cols, line=line)


def find_markup_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, read the HTML table whose <table> tag is on that line."""
    if not _TAG.search(lines[start]):
        return None
    table_at = _table_line(lines, start)
    if table_at is None:
        return None
    from ..html.document import read_markup

    at, end = _region(lines, start, table_at)
    markup = _TEMPLATE.sub("", "\n".join([lines[start][at:]] + lines[start + 1: end]))
    try:
        items = read_markup(markup, "")
    except (etree.ParserError, ValueError):
        return None
    grids = [_grid(item, start + 1) for item in items if isinstance(item, Table)]
    if not grids:
        return None
    first = next(i for i, item in enumerate(items) if isinstance(item, Table))
    lead = "\n".join([lines[start][:at]] + [item.text for item in items[:first]])
    return Found(grids, end, lead=lead.strip())
