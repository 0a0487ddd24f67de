"""The source beside the table: PDF pages as images with cell boxes, other formats as their RawDocument grid."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from schemas.common import ProvenanceItem
from schemas.raw import RawDocument, Table, TextBlock

PAGE_SCALE = 1.6  # 115 dpi: table text stays legible beside the indicator table
_PDFIUM = threading.Lock()  # pdfium is not thread-safe


def cell_key(prov: ProvenanceItem | None) -> str | None:
    """Given a provenance, return the key the page uses for its cell or block: t0r3c5, p12."""
    if prov is None:
        return None
    if prov.table_no is not None and prov.row is not None:
        return f"t{prov.table_no}r{prov.row}c{prov.col}"
    return f"p{prov.paragraph_no}" if prov.paragraph_no is not None else None


@dataclass
class Box:
    key: str
    left: float  # percentages of the page
    top: float
    width: float
    height: float
    text: str


@dataclass
class Page:
    number: int
    ratio: float  # height / width, so the box layer matches the image before it loads
    boxes: list[Box] = field(default_factory=list)


@dataclass
class GridCell:
    key: str
    text: str
    rowspan: int
    colspan: int
    header: bool


@dataclass
class GridTable:
    table_no: int
    num_cols: int
    rows: list[list[GridCell]]
    pages: list[int]


def pdf_pages(raw: RawDocument) -> list[Page]:
    """Given a PDF's raw document, return its pages with a box for every table cell and text block."""
    pages = {p.page_no: Page(p.page_no, p.height / p.width if p.width else 1.414) for p in raw.pages}
    sizes = {p.page_no: (p.width, p.height) for p in raw.pages}

    def add(prov: ProvenanceItem, key: str | None, text: str) -> None:
        if key is None or prov.bbox is None or prov.page_no not in pages:
            return
        w, h = sizes[prov.page_no]
        b = prov.bbox
        pages[prov.page_no].boxes.append(Box(key, 100 * b.x0 / w, 100 * b.top / h, 100 * (b.x1 - b.x0) / w,
                                             100 * (b.bottom - b.top) / h, text))

    for item in raw.body:
        if isinstance(item, Table):
            for cell in item.cells:
                add(cell.prov, cell_key(cell.prov), cell.text)
        else:
            add(item.prov, cell_key(item.prov), item.text)
    return [pages[n] for n in sorted(pages)]


def grid_items(raw: RawDocument) -> list[TextBlock | GridTable]:
    """Given a raw document, return its body with each table as rows of cells carrying their spans."""
    out: list[TextBlock | GridTable] = []
    for item in raw.body:
        if not isinstance(item, Table):
            out.append(item)
            continue
        rows: list[list[GridCell]] = [[] for _ in range(item.num_rows)]
        for cell in sorted(item.cells, key=lambda c: (c.row, c.col)):
            if cell.row < item.num_rows:
                rows[cell.row].append(GridCell(f"t{item.table_no}r{cell.row}c{cell.col}", cell.text, cell.row_span,
                                               cell.col_span, cell.column_header))
        out.append(GridTable(item.table_no, item.num_cols, rows, item.pages))
    return out


def render_page(pdf: Path, number: int, cache: Path) -> bytes:
    """Given a PDF and a 1-based page number, return the page as PNG (kept in ``cache``)."""
    target = cache / f"{number}.png"
    if target.exists():
        return target.read_bytes()
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(str(pdf))
        except pdfium.PdfiumError as exc:
            raise LookupError(f"无法打开 PDF：{exc}") from exc
        try:
            if not 1 <= number <= len(doc):
                raise LookupError(f"第{number}页不存在")
            image = doc[number - 1].render(scale=PAGE_SCALE).to_pil()
        finally:
            doc.close()
    cache.mkdir(parents=True, exist_ok=True)
    image.save(target, format="PNG", optimize=True)
    return target.read_bytes()
