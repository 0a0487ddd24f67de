"""Binary files for invented schemes: a table with merged cells written as DOCX (python-docx) or XLSX
(openpyxl), in memory. Rows hold texts, ``up`` under a merged cell and None right of a full-width cell."""
from __future__ import annotations

import io


def _spans(rows: list[list], r: int, c: int, up) -> tuple[int, int]:
    """Given rows and a cell's position, return how many rows and columns it covers."""
    span = 1
    while r + span < len(rows) and rows[r + span][c] is up:
        span += 1
    cols = 1
    while c + cols < len(rows[r]) and rows[r][c + cols] is None:
        cols += 1
    return span, cols


def write_docx(paragraphs: list[str], rows: list[list], up) -> bytes:
    """Given paragraphs and a table's rows, return a DOCX with the paragraphs, then the table."""
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is up or cell is None:
                continue
            span, cols = _spans(rows, r, c, up)
            target = table.cell(r, c)
            if span > 1 or cols > 1:
                target = target.merge(table.cell(r + span - 1, c + cols - 1))
            target.text = cell
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_xlsx(title: str, rows: list[list], up) -> bytes:
    """Given a title and a table's rows, return an XLSX sheet: the title on top, the table below."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is up or cell is None:
                continue
            ws.cell(row=r + 2, column=c + 1, value=cell)
            span, cols = _spans(rows, r, c, up)
            if span > 1 or cols > 1:
                ws.merge_cells(start_row=r + 2, start_column=c + 1, end_row=r + 1 + span, end_column=c + cols)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
