"""Word tables: place w:tr/w:tc on the column grid, turning gridSpan/vMerge/hMerge into spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from lxml import etree

from ..limits import MAX_TABLE_COLS, check_table
from .text import W, is_on, iter_blocks, wval

ParagraphText = Callable[[etree._Element], str]


@dataclass
class CellDraft:
    """A logical cell while its spans are still growing."""

    row: int
    col: int
    col_span: int
    texts: list[str]
    header: bool
    row_span: int = 1

    @property
    def text(self) -> str:
        return "\n".join(t for t in self.texts if t)


@dataclass
class TableDraft:
    """A table laid out on its grid, plus the tables nested in its cells (in cell order)."""

    cells: list[CellDraft] = field(default_factory=list)
    num_rows: int = 0
    num_cols: int = 0
    nested: list[etree._Element] = field(default_factory=list)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Given a table or row, yield its w:<tag> children, looking through content controls."""
    for child in el:
        if child.tag == f"{W}{tag}":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == f"{W}customXml":
            yield from _children(child, tag)


def single_cell(tbl: etree._Element) -> etree._Element | None:
    """Given a w:tbl, return its only w:tc when it is a 1×1 frame around text, else None."""
    rows = list(_children(tbl, "tr"))
    cells = list(_children(rows[0], "tc")) if len(rows) == 1 else []
    return cells[0] if len(cells) == 1 else None


def _int_val(el: etree._Element | None, default: int) -> int:
    """Given a w:gridSpan-like element, return its integer value (default when absent or bad)."""
    raw = wval(el)
    try:
        return max(int(raw), 0) if raw is not None else default
    except ValueError:
        return default


def _tc_prop(tc: etree._Element, tag: str) -> etree._Element | None:
    return tc.find(f"{W}tcPr/{W}{tag}")


def _merge_mode(el: etree._Element | None) -> str | None:
    """Given w:vMerge/w:hMerge, return 'restart', 'continue' or None when the cell is not merged."""
    if el is None:
        return None
    return "restart" if wval(el) == "restart" else "continue"


def cell_content(tc: etree._Element, paragraph_text: ParagraphText) -> tuple[list[str], list[etree._Element]]:
    """Given a w:tc, return its paragraph texts and the tables nested in it (kept out of the text)."""
    texts: list[str] = []
    nested: list[etree._Element] = []
    for block in iter_blocks(tc):
        if block.tag == f"{W}tbl":
            nested.append(block)
            continue
        text = paragraph_text(block).strip()
        if text:
            texts.append(text)
    return texts, nested


def read_table(tbl: etree._Element, paragraph_text: ParagraphText, file: str = "", where: str = "") -> TableDraft:
    """Given a w:tbl and a paragraph reader, return its cells on the grid with row/column spans resolved.

    gridBefore, gridSpan and gridAfter are clamped to the real grid (the declared w:gridCol count or
    the most cells a row has, whichever is larger), so no value in the file can widen the table
    beyond what its cells fill.
    """
    draft = TableDraft()
    owners: list[dict[int, CellDraft]] = []
    rows = [(tr, list(_children(tr, "tc"))) for tr in _children(tbl, "tr")]
    declared = sum(1 for _ in tbl.iterfind(f"{W}tblGrid/{W}gridCol"))
    width = max([declared, 1] + [len(cells) for _, cells in rows])
    if not declared:
        # No declared grid: the widest row, counting its spans (each span at most the column cap).
        spans = [sum(min(max(_int_val(_tc_prop(tc, "gridSpan"), 1), 1), MAX_TABLE_COLS) for tc in cells)
                 for _, cells in rows]
        width = max([width] + [min(n, MAX_TABLE_COLS) for n in spans])
    check_table(file, where, len(rows), width, sum(len(cells) for _, cells in rows))
    for r, (tr, cells) in enumerate(rows):
        trpr = tr.find(f"{W}trPr")
        find = (lambda tag: trpr.find(f"{W}{tag}")) if trpr is not None else (lambda tag: None)
        header = bool(is_on(find("tblHeader")))
        col = min(_int_val(find("gridBefore"), 0), width - 1)
        row_owner: dict[int, CellDraft] = {}
        owners.append(row_owner)
        last: CellDraft | None = None
        for tc in cells:
            tcpr = tc.find(f"{W}tcPr")
            prop = (lambda tag: tcpr.find(f"{W}{tag}")) if tcpr is not None else (lambda tag: None)
            span = min(max(_int_val(prop("gridSpan"), 1), 1), max(width - col, 1))
            texts, nested = cell_content(tc, paragraph_text)
            draft.nested.extend(nested)
            target = _merge_target(owners, r, col, last, _merge_mode(prop("vMerge")), _merge_mode(prop("hMerge")))
            if target is None:
                target = CellDraft(row=r, col=col, col_span=span, texts=texts, header=header)
                draft.cells.append(target)
            else:
                # Word hides text in continuation cells; keep it rather than lose words.
                target.texts.extend(texts)
                if target.row == r:
                    target.col_span = col + span - target.col
                else:
                    target.row_span = r - target.row + 1
            for c in range(col, col + span):
                row_owner[c] = target
            last = target
            col += span
        draft.num_cols = max(draft.num_cols, col + min(_int_val(find("gridAfter"), 0), width))
        draft.num_rows = r + 1
    return draft


def _merge_target(
    owners: list[dict[int, CellDraft]], r: int, col: int, last: CellDraft | None, vmode: str | None, hmode: str | None
) -> CellDraft | None:
    """Given a cell's merge marks, return the earlier cell it continues, or None when it starts a new one."""
    if hmode == "continue" and last is not None and last.row == r:
        return last
    if vmode == "continue" and r > 0:
        above = owners[r - 1].get(col)
        # Only a cell that starts in this column and reaches the row above can grow downwards.
        if above is not None and above.col == col and above.row + above.row_span == r:
            return above
    return None
