"""DOCX extractor: walk word/document.xml in body order into TextBlocks and Tables."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

from .labels import label_para, unwrap_lines
from .numbering import Numbering
from .table import TableDraft, read_table, single_cell
from .text import W, Styles, iter_blocks, plain_text, read_para, text_boxes
from ..ooxml_safe import open_package, read_xml, relations

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"


class _BodyBuilder:
    """Collects body items in order; prov.paragraph_no is the item's index in ``body``."""

    def __init__(self, file: str, styles: Styles, numbering: Numbering):
        self.file = file
        self.styles = styles
        self.numbering = numbering
        self.body: list[TextBlock | Table] = []
        self.table_count = 0
        self.images = 0
        self.warnings: list[str] = []

    def walk(self, container: etree._Element) -> None:
        """Given a body-like container, append its paragraphs and tables in order."""
        for block in iter_blocks(container):
            if block.tag == f"{W}tbl":
                self.add_table(block)
            else:
                self.add_paragraph(block)

    def add_paragraph(self, p: etree._Element) -> None:
        """Given a w:p, append its text boxes' content and then its own text as a block."""
        for box in text_boxes(p):
            self.walk(box)
        self.images += _count_pictures(p)
        para = read_para(p, self.styles, self.numbering.prefix(p))
        text = para.text.strip()
        if not text:
            return
        label, level = label_para(para)
        if label == BlockLabel.TITLE:
            text = unwrap_lines(text)
        prov = ProvenanceItem(file=self.file, paragraph_no=len(self.body))
        self.body.append(TextBlock(label=label, text=text, level=level, prov=prov))

    def add_table(self, tbl: etree._Element) -> None:
        """Given a w:tbl, append it as a Table, then the tables nested in its cells."""
        frame = single_cell(tbl)
        if frame is not None:
            # A one-cell table is a box drawn around text (版记, notes): read it as body text.
            self.walk(frame)
            return
        draft = read_table(tbl, self.cell_paragraph_text, self.file, f"第{self.table_count + 1}个")
        if draft.cells:
            self.body.append(self._to_table(draft))
        elif draft.num_rows:
            self.warnings.append("跳过了一个没有单元格的空表格")
        for inner in draft.nested:
            self.add_table(inner)

    def cell_paragraph_text(self, p: etree._Element) -> str:
        """Given a paragraph inside a cell, return its list number and text."""
        return self.numbering.prefix(p) + plain_text(p)

    def _to_table(self, draft: TableDraft) -> Table:
        """Given a laid-out draft, return the Table model numbered in body order."""
        table_no = self.table_count
        self.table_count += 1
        cells = [
            TableCell(
                row=c.row,
                col=c.col,
                row_span=c.row_span,
                col_span=c.col_span,
                text=c.text,
                column_header=c.header,
                prov=ProvenanceItem(file=self.file, table_no=table_no, row=c.row, col=c.col),
            )
            for c in draft.cells
        ]
        prov = ProvenanceItem(file=self.file, paragraph_no=len(self.body), table_no=table_no)
        return Table(table_no=table_no, num_rows=draft.num_rows, num_cols=draft.num_cols, cells=cells, prov=prov)


def _count_pictures(p: etree._Element) -> int:
    """Given a paragraph, count pictures in it (their text is not extractable)."""
    return sum(1 for _ in p.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"))


def extract_docx(path: Path, source: SourceInfo) -> RawDocument:
    """Given a .docx path, return its RawDocument with blocks and tables in body order."""
    path = Path(path)
    zf, main = open_package(path, "docx", DOCUMENT_PART)
    with zf:
        root = read_xml(zf, main, path)
        parts = relations(zf, main, path)
        styles = Styles(read_xml(zf, parts.get("styles", STYLES_PART), path))
        numbering = Numbering(read_xml(zf, parts.get("numbering", NUMBERING_PART), path), styles)
    body = root.find(f"{W}body")
    builder = _BodyBuilder(source.file, styles, numbering)
    if body is None:
        builder.warnings.append(f"{main} 中没有正文（w:body）")
    else:
        builder.walk(body)
        if body.find(f".//{W}altChunk") is not None:
            builder.warnings.append("文档含嵌入的外部内容块（altChunk），其中的文字未提取；请在 WPS/Word 中另存为后重试")
    if builder.images:
        builder.warnings.append(f"文档含 {builder.images} 张图片，图片中的文字未提取")
    return RawDocument(source=source, body=builder.body, warnings=builder.warnings)
