"""PDF layouts met in real documents, drawn at test time: blank and non-Chinese pages, sideways pages, a row
left open by a page break, text that runs up to a ruling, a line of blank glyphs. Each case is the words
its document must yield."""
from __future__ import annotations

import re

import pytest

from extractors.pdf.document import extract_pdf
from extractors.registry import source_info
from schemas.common import InputFormat

from pdf_builder import Page, write

XS = [60.0, 200.0, 420.0, 530.0]
HEADER = ["考核项目", "评分标准", "分值"]
ROWS = [["信息工作", "未按时报送的扣1分", "10"], ["宣传工作", "未按期发布的扣2分", "5"]]


def _ys(top: float, n: int, pitch: float = 30.0) -> list[float]:
    return [top + i * pitch for i in range(n + 1)]


def _scheme(top: float = 100.0) -> Page:
    return Page().text(60, 60, "年度考核细则", 16).grid(XS, _ys(top, 3), [HEADER, *ROWS])


def _flush(xs: list[float], top: float, texts: list[str], size: float = 10.5) -> Page:
    """One ruled row whose texts touch the rulings: each cell's text ends a point before its right line
    and the next one starts a point after it, closer than pdfplumber's word tolerance."""
    page = Page().grid(xs, [top, top + 24])
    for c, text in enumerate(texts):
        width = len(text) * (size if re.search(r"[\u4e00-\u9fff]", text) else size / 2)
        x = xs[c] + 1 if c % 2 else xs[c + 1] - 1 - width
        page.text(x, top + 6, text, size)
    return page


def _cells(doc) -> list[list[str]]:
    return [[re.sub(r"\s+", "", c.text) if c else "" for c in row] for t in doc.tables for row in t.grid()]


def _text(doc) -> str:
    return re.sub(r"\s+", "", "".join(b.text for b in doc.blocks) + "".join(c.text for t in doc.tables for c in t.cells))


CASES = [
    # A text layer that is there is trusted: no OCR, no warning.
    ("blank first page", [Page(), _scheme()], lambda d: not d.warnings and _cells(d) == [HEADER, *ROWS]),
    ("a page of Russian text", [Page().text(60, 80, "Годовой отчёт о работе учреждений района за год").text(
        60, 100, "Оценка проводится ежеквартально"), _scheme()],
     lambda d: not d.warnings and "Годовойотчёт" in _text(d) and _cells(d) == [HEADER, *ROWS]),
    ("a page of English text", [Page().text(60, 80, "Annex 2: weights of each unit, reviewed every quarter")],
     lambda d: not d.warnings and "Annex2" in _text(d)),
    # A page that shows a picture and has no text is a scan: OCR, and the warning says so.
    ("a scanned page", [_scheme(), Page().picture(0, 0, 595, 842)],
     lambda d: len(d.warnings) == 1 and "第2页" in d.warnings[0] and "OCR" in d.warnings[0]),
    # Sideways pages are turned and read; sideways words on an upright page are kept.
    ("a page turned counter-clockwise", [_scheme_turned := Page(turn=90, texts=_scheme().texts, lines=_scheme().lines)],
     lambda d: _cells(d) == [HEADER, *ROWS] and d.pages[0].orientation.value == "landscape"),
    ("a page turned clockwise", [Page(turn=-90, texts=_scheme().texts, lines=_scheme().lines)],
     lambda d: _cells(d) == [HEADER, *ROWS]),
    ("a sideways note on an upright page", [_scheme().text(560, 700, "本页附注竖排", angle=90)],
     lambda d: _cells(d) == [HEADER, *ROWS] and "附注竖排" in _text(d)),
    # A row at the top of the next page without its top border belongs to the table above.
    ("an open row starting the next page",
     [_scheme(), Page().grid(XS, _ys(60, 2), [["调研工作", "未完成调研的扣3分", "5"], ["督查工作", "未整改的扣2分", "5"]],
                             open_top=True)],
     lambda d: _cells(d) == [HEADER, *ROWS, ["调研工作", "未完成调研的扣3分", "5"], ["督查工作", "未整改的扣2分", "5"]]),
    ("an open row finishing the row above",
     [_scheme(), Page().grid(XS, _ys(60, 2), [["", "每缺一次另扣1分", ""], ["督查工作", "未整改的扣2分", "5"]],
                             open_top=True)],
     lambda d: _cells(d) == [HEADER, ROWS[0], ["宣传工作", "未按期发布的扣2分每缺一次另扣1分", "5"],
                             ["督查工作", "未整改的扣2分", "5"]]),
    # Characters go to cells one by one: nothing is dragged or glued across a ruling.
    ("text touching a ruling", [_flush([60, 200, 330, 460], 100, ["未报送的扣2分", "办公室", "政治处"])],
     lambda d: _cells(d) == [["未报送的扣2分", "办公室", "政治处"]]),
    ("numbers in neighbouring cells", [_flush([60, 120, 180, 240, 300], 100, ["74", "115", "73", "159"])],
     lambda d: _cells(d) == [["74", "115", "73", "159"]]),
    # No single line fails a document.
    ("a line of blank glyphs", [Page().text(60, 80, "考核办法").text(60, 110, "          ").text(
        60, 140, "第一条 本办法适用于各司法所。")],
     lambda d: "考核办法" in _text(d) and "本办法适用于各司法所" in _text(d)),
]


@pytest.mark.parametrize("name,pages,check", CASES, ids=[c[0] for c in CASES])
def test_pdf_layouts(tmp_path, name, pages, check):
    path = write(tmp_path / "case.pdf", pages)
    doc = extract_pdf(path, source_info(path, InputFormat.PDF))
    assert check(doc), (doc.warnings, _cells(doc), [b.text for b in doc.blocks])
