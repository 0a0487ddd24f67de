"""OCR path: garbled text layers, skew, ruling lines → merged-cell grids, OCR text split into cells."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractors.ocr import detect
from extractors.ocr import pages as ocr
from extractors.errors import MissingTool
from extractors.ocr.image import Segment, binarize, long_runs, ruling_segments, skew_angle
from extractors.ocr.table import OcrLine, cell_boxes, split_words, table_parts
from extractors.pdf.document import extract_pdf
from extractors.pdf.stitch import same_columns
from extractors.registry import source_info
from schemas.common import InputFormat

SCAN = Path(__file__).resolve().parent.parent / "corpus" / "variants" / "wujin-2021-jixiao-scan.pdf"
_PAGES: dict[int, np.ndarray] = {}


def _page(no: int) -> np.ndarray:
    if no not in _PAGES:
        pdf = pdfium.PdfDocument(str(SCAN))
        _PAGES[no] = ocr.render(pdf, no)
        pdf.close()
    return _PAGES[no]


def _chars(text: str) -> list[dict]:
    return [{"text": t} for t in text]


GARBLED = [
    ("关于印发《2021年度基层司法行政高质量发展绩效监测评价办法》的通知", False),
    ("Annual report 2021: scores and weights for each unit", False),
    ("(cid:12)", True),
    ("¹ØÓÚÓ¡·¢¡¶2021Äê¶È»ù²ãË¾·¨ÐÐÕþ¸ßÖÊÁ¿·¢Õ¹¡·µÄÍ¨Öª", True),
    ("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~!\"#$%", True),
    ("第1页", False),  # too little text to judge
]


@pytest.mark.parametrize("text,garbled", GARBLED)
def test_garbled_text_layers_are_recognised(text, garbled):
    chars = [{"text": "(cid:12)"}] * 20 if text == "(cid:12)" else _chars(text)
    assert detect.is_garbled(chars) is garbled


FULL_PAGE = {"x0": 0, "x1": 842, "top": 0, "bottom": 596}
LOGO = {"x0": 60, "x1": 160, "top": 40, "bottom": 140}
PAGES = [
    ("", [], False),  # a blank page: nothing to read
    ("", [FULL_PAGE], True),  # a scan: a picture and no text layer
    ("— 2 —", [FULL_PAGE], True),  # a scanned attachment that only got a page number
    ("— 2 —", [], False),  # a blank page
    ("2021年度基层司法行政高质量发展绩效监测评价办法", [LOGO], False),  # a cover with a small emblem
    ("积极向区局办公室报送工作信息稿件，按照区局《2021年司法行政系统政务信息考评细则》完成信息工作录用得分目标。",
     [FULL_PAGE], False),  # a real text layer over a background picture
]


@pytest.mark.parametrize("text,images,expected", PAGES)
def test_pages_needing_ocr(text, images, expected):
    page = SimpleNamespace(chars=_chars(text), images=images, width=842, height=596)
    assert detect.needs_ocr(page) is expected


def test_long_runs_keep_only_lines():
    mask = np.zeros((5, 60), dtype=bool)
    mask[1, 5:50] = True  # a rule
    mask[3, 10:20] = True  # a stroke
    kept = long_runs(mask, 30)
    assert kept[1, 5:50].all() and not kept[1, :5].any() and not kept[3].any()


@pytest.mark.parametrize("angle", [0.6, -0.8])
def test_skew_is_measured_from_horizontal_rules(angle):
    page = Image.new("L", (1200, 900), 255)
    rows = np.asarray(page).copy()
    for y in range(150, 800, 90):
        rows[y:y + 2, 100:1100] = 0
    skewed = np.asarray(Image.fromarray(rows).rotate(-angle, resample=Image.BICUBIC, fillcolor=255))
    assert skew_angle(binarize(skewed), 150) == pytest.approx(angle, abs=0.1)


def test_missing_inner_lines_become_spans():
    # Three columns, three rows; the first column has no line between rows 1 and 2 (a merged cell).
    h = [Segment(0, 0, 300), Segment(50, 0, 300), Segment(100, 100, 300), Segment(150, 0, 300)]
    v = [Segment(x, 0, 150) for x in (0, 100, 200, 300)]
    tables = cell_boxes(h, v)
    assert len(tables) == 1
    part = table_parts(tables, [], 1, 1.0)[0]
    assert (part.num_rows, part.num_cols) == (3, 3)
    merged = part.covering(1, 0)
    assert (merged.row, merged.row_span) == (1, 2) and part.covering(2, 1).row_span == 1


def test_a_line_read_across_a_cell_border_is_split():
    line = OcrLine(["1", "0", "分", "按", "实", "际"],
                   [(766, 339, 778, 368), (780, 339, 792, 368), (796, 339, 815, 368),
                    (839, 340, 859, 369), (859, 340, 878, 369), (883, 340, 902, 369)])
    words = split_words([line], [Segment(827.0, 227, 1087)], 150 / 72)
    assert [w["text"] for w in words] == ["10分", "按实际"]
    assert words[0]["x1"] < 827 / (150 / 72) < words[1]["x0"]


def test_scan_pages_rebuild_one_six_column_table_with_merged_cells():
    parts = []
    for no in (2, 3):
        grey, mask, angle = ocr.level_page(_page(no))
        assert 0.3 < abs(angle) < 1.0  # the scan is visibly skewed, by under a degree
        horizontal, vertical = ruling_segments(mask, ocr.OCR_DPI)
        tables = cell_boxes(horizontal, vertical)
        assert len(tables) == 1
        parts.append(table_parts(tables, [], no, ocr.OCR_DPI / 72)[0])
    first, second = parts
    assert first.num_cols == 6 and first.num_rows == 7
    # 工作类别 cells span the rows of their indicators; 普法科 spans two rows in the last column.
    assert first.covering(1, 0).row_span == 2 and first.covering(4, 5).row_span == 2
    assert same_columns(first, second)


def test_ocr_reads_a_scanned_table_into_cells():
    # The top of page 2: title, header row and the first two indicator rows (keeps the test fast).
    crop = _page(2)[:560, :]
    parts, words = ocr.ocr_image(crop, 2)
    assert any("绩效监测评价办法" in w["text"] for w in words)
    part = parts[0]
    texts = [[(cell.text if (cell := part.covering(r, c)) else "") for c in range(6)] for r in range(part.num_rows)]
    assert texts[0] == ["工作类别", "指标名称", "考核内容", "分值", "扣分标准", "责任部门"]
    assert texts[1][1] == "信息工作" and texts[1][3] == "10分" and texts[1][4].startswith("按实际录用得分")
    assert texts[1][5] == "办公室" and texts[2][1] == "新闻宣传工作" and texts[2][5] == "普法科"
    assert part.covering(1, 0) is part.covering(2, 0) and "政务信息" in texts[1][0]


def test_without_the_ocr_package_a_scan_gives_a_warning(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    ocr.engine.cache_clear()
    try:
        doc = extract_pdf(SCAN, source_info(SCAN, InputFormat.PDF))
        with pytest.raises(MissingTool):
            ocr.engine()
    finally:
        ocr.engine.cache_clear()
    assert doc.body == [] and len(doc.pages) == 5
    assert "第1、2、3、4、5页" in doc.warnings[0] and ocr.OCR_PACKAGE in doc.warnings[0]
