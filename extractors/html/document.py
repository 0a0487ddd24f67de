"""HTML extractor: decode the page, walk it in document order into blocks and span-aware tables."""
from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TextBlock

from ..docx.labels import label_para, unwrap_lines
from ..docx.text import Para
from ..errors import CorruptFile, EmptyFile, EncodingError
from ..limits import MAX_HTML_BYTES, check_file_size
from .style import BASE_PX, StyleSheet
from .table import layout_cells, read_html_table

SKIP_TAGS = {
    "script", "style", "noscript", "template", "head", "iframe", "object", "svg", "canvas", "select",
    "option", "textarea", "button", "input", "map", "title", "meta", "link",
}
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "pre", "section", "article", "header", "footer", "main", "nav", "aside", "form", "fieldset",
    "address", "center", "figure", "figcaption", "hr", "table", "body", "caption", "details", "summary",
    "tr", "td", "th", "thead", "tbody", "tfoot",
}
_WS = re.compile(r"[ \t\r\n\f\u200b]+")
# Runs of wide/non-breaking spaces are how pages fake a tab between two fields.
_FAKE_TAB = re.compile(r" ?[\u2002\u2003\u3000\xa0]{2,} ?")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# GB2312/GBK pages routinely contain characters only their superset GB18030 decodes.
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
Piece = tuple[str, "lxml_html.HtmlElement | None"]


def decode_html(data: bytes, path: Path) -> tuple[str, str]:
    """Given page bytes, return (text, encoding): BOM, valid UTF-8, <meta charset>, GB18030, detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc.replace("-le", "").replace("-be", "")
    # Valid UTF-8 wins over a stale <meta>: Chinese text in GBK is practically never valid UTF-8,
    # while UTF-8 bytes often decode (as mojibake) under a declared GB2312.
    candidates = ["utf-8"]
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        candidates.append(_ENCODING_ALIASES.get(declared, declared))
    candidates.append("gb18030")
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError(str(path), "无法识别网页的文字编码", "请用浏览器打开后另存为 UTF-8 编码的网页再处理")
    return str(best), best.encoding


class _Walker:
    """Walks an HTML tree, sending text blocks and tables to the RawDocument body in order."""

    def __init__(self, file: str, sheet: StyleSheet, base_px: float, collect_tables: bool = True):
        self.file = file
        self.collect_tables = collect_tables
        self.sheet = sheet
        self.base_px = base_px
        self.body: list[TextBlock | Table] = []
        self.table_count = 0

    def walk(self, el: lxml_html.HtmlElement) -> None:
        """Given an element, append its blocks and tables in document order."""
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS or self.sheet.look(el).hidden:
            return
        if el.tag == "table":
            self.add_table(el)
            return
        if not _has_block_child(el):
            self.emit(el, inline_pieces(el, self.sheet))
            return
        buffer: list[Piece] = [(el.text, el)] if el.text else []
        for child in el:
            if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
                self.emit(el, buffer)
                buffer = []
                self.walk(child)
            else:
                buffer.extend(inline_pieces(child, self.sheet))
            if child.tail:
                buffer.append((child.tail, el))
        self.emit(el, buffer)

    def emit(self, el: lxml_html.HtmlElement, pieces: list[Piece]) -> None:
        """Given a block element and its text pieces, append one labelled TextBlock."""
        text = join_pieces(pieces)
        if not text:
            return
        label, level = self._label(el, pieces, text)
        if label == BlockLabel.TITLE:
            text = unwrap_lines(text)
        prov = ProvenanceItem(file=self.file, paragraph_no=len(self.body))
        self.body.append(TextBlock(label=label, text=text, level=level, prov=prov))

    def _label(self, el: lxml_html.HtmlElement, pieces: list[Piece], text: str) -> tuple[BlockLabel, int | None]:
        """Given a block, label it by tag first, then by its look and text like a Word paragraph."""
        tag = el.tag
        if tag == "h1":
            return BlockLabel.TITLE, None
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return BlockLabel.HEADING, int(tag[1]) - 1
        parent = el.getparent()
        # Editors often wrap list text in <li><p>…</p></li>.
        if tag == "li" or (tag in ("p", "div", "span") and parent is not None and parent.tag == "li"):
            return BlockLabel.LIST_ITEM, sum(1 for a in el.iterancestors() if a.tag in ("ul", "ol")) or None
        if tag in ("caption", "figcaption"):
            return BlockLabel.CAPTION, None
        looks = [(len(t.strip()), self.sheet.look(owner)) for t, owner in pieces if owner is not None and t.strip()]
        chars = sum(n for n, _ in looks) or 1
        sizes: Counter = Counter()
        for n, look in looks:
            sizes[look.size_px] += n
        size_px = sizes.most_common(1)[0][0] if sizes else self.base_px
        para = Para(
            text=text,
            centered=self.sheet.look(el).centered,
            bold=bool(looks) and sum(n for n, look in looks if look.bold) == chars,
            # Official documents set body text in 三号 (16 pt); scale the page's body size to it.
            size=size_px / self.base_px * 16.0,
            red=sum(n for n, look in looks if look.red) * 2 > chars,
        )
        return label_para(para)

    def add_table(self, el: lxml_html.HtmlElement) -> None:
        """Given a <table>, append its caption and the Table, or the content of a layout frame."""
        if not self.collect_tables:
            return
        frame = layout_cells(el)
        if frame is not None:
            for cell in frame:
                self.walk(cell)
            return
        for caption in el.findall("caption"):
            self.emit(caption, inline_pieces(caption, self.sheet))
        grid = read_html_table(el, self.cell_text, self.is_bold, self.file, f"第{self.table_count + 1}个")
        if grid.cells:
            self.body.append(grid.to_table(self.file, self.table_count, len(self.body)))
            self.table_count += 1

    def cell_text(self, cell: lxml_html.HtmlElement) -> str:
        """Given a <td>/<th>, return its text with block children on their own lines."""
        sub = _Walker(self.file, self.sheet, self.base_px, collect_tables=False)
        sub.walk(cell)
        return "\n".join(item.text for item in sub.body)

    def is_bold(self, cell: lxml_html.HtmlElement) -> bool:
        """Given a cell, tell whether all its visible text is bold."""
        looks = [self.sheet.look(owner).bold for t, owner in inline_pieces(cell, self.sheet) if owner is not None and t.strip()]
        return bool(looks) and all(looks)


def _has_block_child(el: lxml_html.HtmlElement) -> bool:
    """Given an element, tell whether any descendant starts a block or table."""
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def inline_pieces(el: lxml_html.HtmlElement, sheet: StyleSheet) -> list[Piece]:
    """Given an element with inline content, return its text pieces with the element styling each."""
    if not isinstance(el.tag, str):
        return []  # comments and processing instructions; their tails belong to the caller
    if el.tag in SKIP_TAGS or el.tag == "table" or sheet.look(el).hidden:
        return []
    if el.tag == "br":
        return [("\n", None)]
    pieces: list[Piece] = [(el.text, el)] if el.text else []
    for child in el:
        pieces.extend(inline_pieces(child, sheet))
        if child.tail:
            pieces.append((child.tail, el))
    return pieces


def join_pieces(pieces: list[Piece]) -> str:
    """Given text pieces, collapse white space as a browser does, keeping <br> line breaks."""
    text = "".join(_WS.sub(" ", t) if owner is not None else t for t, owner in pieces)
    lines = (_FAKE_TAB.sub("\t", line.strip()).replace("\xa0", " ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _base_font_px(root: lxml_html.HtmlElement, sheet: StyleSheet) -> float:
    """Given a page, return the font size most of its visible text is set in."""
    sizes: Counter = Counter()
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            n = len((text or "").strip())
            if n and owner is not None and owner.tag not in SKIP_TAGS and not sheet.look(owner).hidden:
                sizes[sheet.look(owner).size_px] += n
    return sizes.most_common(1)[0][0] if sizes else BASE_PX


def _drop_repeated_page_heading(body: list, warnings: list[str]) -> list:
    """Given body items, drop a leading page heading that the document's own title repeats."""
    blocks = [(i, item) for i, item in enumerate(body[:12]) if isinstance(item, TextBlock)]
    if len(blocks) < 2 or blocks[0][1].label != BlockLabel.TITLE:
        return body
    first = _WS.sub("", blocks[0][1].text)
    if not any(_WS.sub("", b.text) == first for _, b in blocks[1:]):
        return body
    warnings.append("网页栏目标题与正文标题重复，已去掉栏目标题")
    kept = body[: blocks[0][0]] + body[blocks[0][0] + 1 :]
    for i, item in enumerate(kept):
        item.prov.paragraph_no = i
    return kept


def read_markup(text: str, file: str) -> list[TextBlock | Table]:
    """Given HTML markup (a page or a fragment of one), return its blocks and tables in reading order."""
    root = lxml_html.document_fromstring(text)
    sheet = StyleSheet(root)
    walker = _Walker(file, sheet, _base_font_px(root, sheet))
    body_el = root.find("body")
    walker.walk(body_el if body_el is not None else root)
    return walker.body


def extract_html(path: Path, source: SourceInfo) -> RawDocument:
    """Given an .html path, return its RawDocument with blocks and tables in document order."""
    path = Path(path)
    check_file_size(source.file, path.stat().st_size, MAX_HTML_BYTES, "网页文件")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile(str(path), "网页文件为空", "请确认网页已完整保存")
    text, encoding = decode_html(data, path)
    # lxml refuses str input that still carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        items = read_markup(text, source.file)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(str(path), f"无法解析网页（{exc}）", "请用浏览器打开后另存为网页（仅 HTML）再处理")
    warnings: list[str] = []
    body = _drop_repeated_page_heading(items, warnings)
    if not body:
        warnings.append("网页中没有找到正文文字")
    return RawDocument(source=source.model_copy(update={"encoding": encoding}), body=body, warnings=warnings)
