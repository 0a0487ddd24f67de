"""PDF → RawDocument with pdfplumber: ruled and text-aligned tables, stitched across pages, and prose."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from schemas.common import BoundingBox, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, Orientation, PageInfo, RawDocument, Table, TableCell, TextBlock

from ..errors import CorruptFile, EmptyFile, ExtractionError, MissingTool, TooLarge
from ..limits import MAX_PAGE_CHARS, MAX_PAGE_EDGES, MAX_PAGE_TABLE_CELLS
from ..ocr.detect import OCR_WARNING, needs_ocr
from .page import open_pdf, pages, reraise_typed
from .rotate import upright
from .ruled import table_boxes
from .stitch import same_columns, stitch
from .tables import TablePart, fill_part, layout_part, words_in
from .text import Line, block_label, group_lines, is_furniture, join_lines, paragraphs
from .unruled import find_unruled
from .words import place_words

_TEXT_HINT = "如为扫描件，请先做文字识别（OCR）后再导入"


@dataclass
class PageContent:
    """What one page yields before cross-page assembly: tables and prose lines, top to bottom."""

    page_no: int
    width: float
    height: float
    items: list[TablePart | list[Line]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # caps that changed how the page was read


def extract_pdf(path: Path, source: SourceInfo) -> RawDocument:
    """Given a PDF path, return its RawDocument; raise typed errors for encrypted/corrupt/empty files."""
    name = source.file
    pdf = open_pdf(path, name)
    contents: list[PageContent] = []
    scanned: list[int] = []
    warnings: list[str] = []
    # Not `with pdf`: PDF.close() builds the full page list just to close it.
    with pdf.stream:
        prev_xs: list[float] | None = None
        for page in pages(pdf, name):
            try:
                # OCR hook: a page that shows something without a usable text layer.
                content = None if needs_ocr(page) else _read_page(page, prev_xs)
            except ExtractionError:
                raise  # a cap or a guard: the file's outcome, not a page to read as plain text
            except (PdfminerException, PDFSyntaxError, PSException, MalformedPDFException) as exc:
                reraise_typed(exc)
                raise CorruptFile(name, f"第{page.page_number}页已损坏，无法读取", "请重新导出或下载该 PDF",
                                  location=f"第{page.page_number}页") from exc
            except Exception as exc:  # one page the layout reading trips over must not cost the document
                content = _plain_page(page)
                warnings.append(f"第{page.page_number}页版面未能解析（{type(exc).__name__}），已按纯文本读取，"
                                "表格可能未还原，请与原件核对")
            finally:
                page.close()
            if content is None:
                scanned.append(page.page_number)
                content = PageContent(page.page_number, float(page.width), float(page.height))
            contents.append(content)
            last = content.items[-1] if content.items else None
            prev_xs = last.xs if isinstance(last, TablePart) and not last.ruled else None
    if not contents:
        raise EmptyFile(name, "PDF 中没有任何页面", "请确认导出时选择了正确的页面范围")
    if scanned:
        warnings.insert(0, _ocr_fill(path, contents, scanned))
    warnings += [note for content in contents for note in content.notes]
    doc = RawDocument(source=source, pages=[_page_info(p) for p in contents], warnings=warnings)
    doc.body = _assemble(contents, name)
    return doc


def _ocr_fill(path: Path, contents: list[PageContent], scanned: list[int]) -> str:
    """OCR hook (extractors/ocr/): fill the pages that have no usable text layer; return the warning."""
    listed = "、".join(str(n) for n in scanned)
    try:
        from ..ocr.pages import ocr_pages  # the OCR stack loads only for documents that need it

        notes: list[str] = []
        found = ocr_pages(path, scanned, notes)
    except MissingTool as exc:
        return f"第{listed}页没有文字层（可能是扫描件），其内容未能提取：{exc.reason}。{exc.hint}；{_TEXT_HINT}"
    contents[0].notes.extend(notes)
    for content in contents:
        if content.page_no in found:
            parts, words = found[content.page_no]
            content.items = _interleave(parts, _prose(words, parts, content.height))
    return OCR_WARNING.format(pages=listed)


def _read_page(page, prev_xs: list[float] | None) -> PageContent:
    """Given a pdfplumber page with a usable text layer (or none at all: a blank page), return its tables
    and prose lines, turned upright when its text is set sideways.

    ``prev_xs``: columns of a text-aligned table the previous page ended with.
    """
    view = upright(page)
    if len(view.chars) > MAX_PAGE_CHARS:
        raise TooLarge("", f"第{page.page_number}页的字符过多（{len(view.chars)} 个，上限 {MAX_PAGE_CHARS} 个）",
                       "该页可能是恶意构造的；请确认文件来源", location=f"第{page.page_number}页")
    # dedupe_chars sorts every char; most pages have no fake bold, so look before paying.
    if has_doubled_chars(view.chars):
        view = view.dedupe_chars()
    height = float(view.height)
    content = PageContent(page.page_number, float(view.width), height)
    if not view.chars:
        return content
    # A one-cell "table" is a frame drawn around text (a boxed note, a page border): prose.
    laid = [layout_part(boxes, page.page_number) for boxes in _ruled_boxes(view, content) if len(boxes) > 1]
    per_cell, words = place_words(view.chars, [p for p, _ in laid], [g for _, g in laid])
    parts = [fill_part(part, cells) for (part, _), cells in zip(laid, per_cell)]
    if not parts:
        parts = find_unruled(words, page.page_number, height, prev_xs)
    content.items = _interleave(parts, _prose(words, [p for p in parts if not p.ruled], height))
    return content


def _ruled_boxes(view, content: PageContent) -> list[list[tuple[float, float, float, float]]]:
    """Given a page, return its ruled tables' cell boxes, unless it is drawn with more lines than any
    table has (a chart or a trap: table finding grows with the product of ruling lines)."""
    edges = view.edges
    across = sum(1 for e in edges if e["orientation"] == "h")
    if len(edges) > MAX_PAGE_EDGES or across * (len(edges) - across) > 4 * MAX_PAGE_TABLE_CELLS:
        content.notes.append(f"第{content.page_no}页的线条过多（{len(edges)} 条，上限 {MAX_PAGE_EDGES} 条、"
                             f"{4 * MAX_PAGE_TABLE_CELLS} 个交叉格），未按表格线识别该页的表格")
        return []
    boxes = table_boxes(view)
    if sum(len(b) for b in boxes) > MAX_PAGE_TABLE_CELLS:
        raise TooLarge("", f"第{content.page_no}页的表格单元格过多（上限 {MAX_PAGE_TABLE_CELLS} 个）",
                       "该页可能是恶意构造的；请确认文件来源", location=f"第{content.page_no}页")
    return boxes


def _plain_page(page) -> PageContent:
    """Given a page whose layout could not be read, return its text as prose lines only."""
    words = [w for w in page.extract_words(x_tolerance=3, y_tolerance=3) if w["text"].strip()]
    content = PageContent(page.page_number, float(page.width), float(page.height))
    content.items = _interleave([], _prose(words, [], float(page.height)))
    return content


def _prose(words: list[dict], parts: list[TablePart], height: float) -> list[Line]:
    """Given a page's words and tables, return the prose lines outside the tables, furniture dropped.

    The lines keep no words: pages are held until the document ends, and only reading the page needs them.
    """
    lines = [line for line in group_lines(_outside(words, [p.bbox for p in parts]))
             if line.text.strip() and not is_furniture(line, height)]
    for line in lines:
        line.words = []
    return lines


def has_doubled_chars(chars: list[dict]) -> bool:
    """Given a page's chars, tell whether a glyph is drawn twice at (almost) one spot, as fake bold is."""
    seen: set[tuple[str, int, int]] = set()
    for char in chars:
        text = char["text"]
        if text.isspace():
            continue
        top, x0 = round(char["top"]), int(char["x0"])
        if (text, top, x0) in seen or (text, top, x0 - 1) in seen or (text, top, x0 + 1) in seen:
            return True
        seen.add((text, top, x0))
    return False


def _outside(words: list[dict], bboxes: list[tuple]) -> list[dict]:
    """Given words and table boxes, return the words outside every table."""
    if not bboxes:
        return words
    inside = {id(w) for box in bboxes for w in words_in(words, box)}
    return [w for w in words if id(w) not in inside]


def _interleave(parts: list[TablePart], lines: list[Line]) -> list[TablePart | list[Line]]:
    """Given a page's tables and prose lines, return them top to bottom, prose split at each table."""
    items: list[TablePart | list[Line]] = []
    marks = sorted([(p.bbox[1], 0, p) for p in parts] + [(l.top, 1, l) for l in lines], key=lambda t: t[:2])
    for _, kind, obj in marks:
        if kind == 0:
            items.append(obj)
        elif items and isinstance(items[-1], list):
            items[-1].append(obj)
        else:
            items.append([obj])
    return items


def _page_info(page: PageContent) -> PageInfo:
    orientation = Orientation.LANDSCAPE if page.width > page.height else Orientation.PORTRAIT
    return PageInfo(page_no=page.page_no, width=page.width, height=page.height, orientation=orientation)


def _assemble(pages: list[PageContent], name: str) -> list[TextBlock | Table]:
    """Given every page's content, stitch tables and paragraphs across pages into body items."""
    margins = _margins(pages)
    body_size = _body_size(pages)
    merged: list[tuple[int, TablePart | list[list[Line]]]] = []
    for page in pages:
        left, right = margins[(round(page.width), round(page.height))]
        for i, item in enumerate(page.items):
            first = i == 0
            if isinstance(item, TablePart):
                prev = merged[-1][1] if merged and first else None
                if isinstance(prev, TablePart) and prev.pages[-1] == page.page_no - 1 and same_columns(prev, item):
                    stitch(prev, item)
                else:
                    merged.append((page.page_no, item))
                continue
            groups = paragraphs(item, left, right, body_size)
            prev = merged[-1][1] if merged and first else None
            if isinstance(prev, list) and _runs_on(prev[-1], groups[0], left, right):
                prev[-1].extend(groups.pop(0))
            if groups:
                merged.append((page.page_no, groups))
        page.items = []  # now held by `merged` alone, which _to_body empties as it goes
    return _to_body(merged, name, body_size, margins, pages)


def _runs_on(prev: list[Line], nxt: list[Line], left: float, right: float) -> bool:
    """Given the last paragraph of a page and the first of the next, tell whether the page break cut it."""
    last, first = prev[-1], nxt[0]
    return (abs(last.size - first.size) <= 0.5 and last.bold == first.bold
            and last.x1 >= right - 1.5 * last.size and first.x0 <= left + first.size)


def _margins(pages: list[PageContent]) -> dict[tuple[int, int], tuple[float, float]]:
    """Given all pages, return the prose left/right margins per page size (portrait and landscape differ)."""
    xs: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
    for page in pages:
        lefts, rights = xs.setdefault((round(page.width), round(page.height)), ([], []))
        for item in page.items:
            if isinstance(item, list):
                lefts.extend(l.x0 for l in item)
                rights.extend(l.x1 for l in item)
            else:
                # Tables fill the text width: they fix the margins of pages with little prose.
                lefts.append(item.bbox[0])
                rights.append(item.bbox[2])
    out = {}
    for key, (lefts, rights) in xs.items():
        out[key] = (min(lefts), max(rights)) if lefts else (0.0, float(key[0]))
    return out


def _body_size(pages: list[PageContent]) -> float:
    """Given all pages, return the font size most prose text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, list):
                for line in item:
                    sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _to_body(merged, name: str, body_size: float, margins, pages) -> list[TextBlock | Table]:
    """Given stitched tables and paragraph groups in order, build schema blocks and tables; ``merged`` is
    emptied as they are built, so a long document's pages and its schema objects are not all held at once."""
    body: list[TextBlock | Table] = []
    sizes = {p.page_no: (round(p.width), round(p.height)) for p in pages}
    table_no = 0
    sizes_of: dict[int, float] = {}
    merged.reverse()
    while merged:
        page_no, item = merged.pop()
        if isinstance(item, TablePart):
            body.append(_to_table(item, table_no, name))
            table_no += 1
            continue
        right = margins[sizes[page_no]][1]
        for lines in item:
            text = join_lines([l.text for l in lines])
            label, level = block_label(text, lines, body_size, right)
            box = BoundingBox(x0=min(l.x0 for l in lines), top=lines[0].top,
                              x1=max(l.x1 for l in lines), bottom=lines[-1].bottom)
            block = TextBlock(label=BlockLabel(label), text=text, level=level,
                              prov=ProvenanceItem(file=name, page_no=page_no, bbox=box))
            sizes_of[id(block)] = max(l.size for l in lines)
            body.append(block)
    _one_title(body, sizes_of)
    return body


def _one_title(body: list[TextBlock | Table], sizes_of: dict[int, float]) -> None:
    """Given body items and each block's font size, keep one display block as the title.

    The title is the largest display text of the first page that has any (the longest on a
    tie); the others (a red-head issuer line, an attachment's title) become headings.
    """
    titles = [b for b in body if isinstance(b, TextBlock) and b.label == BlockLabel.TITLE]
    if not titles:
        return
    first_page = titles[0].prov.page_no
    main = max((b for b in titles if b.prov.page_no == first_page),
               key=lambda b: (round(sizes_of[id(b)]), len(b.text)))
    for block in titles:
        if block is not main:
            block.label, block.level = BlockLabel.HEADING, 1


def _to_table(part: TablePart, table_no: int, name: str) -> Table:
    """Given a stitched part, return the schema Table with per-cell provenance."""
    cells = []
    for c in sorted(part.cells, key=lambda c: (c.row, c.col)):
        box = BoundingBox(x0=c.bbox[0], top=c.bbox[1], x1=c.bbox[2], bottom=c.bbox[3])
        prov = ProvenanceItem(file=name, page_no=c.page_no, table_no=table_no, row=c.row, col=c.col, bbox=box)
        cells.append(TableCell(row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text,
                               column_header=c.row < part.header_rows, prov=prov))
    box = BoundingBox(x0=part.bbox[0], top=part.bbox[1], x1=part.bbox[2], bottom=part.bbox[3])
    return Table(table_no=table_no, num_rows=part.num_rows, num_cols=part.num_cols, cells=cells,
                 pages=part.pages, bbox=box,
                 prov=ProvenanceItem(file=name, page_no=part.page_no, table_no=table_no, bbox=box))
