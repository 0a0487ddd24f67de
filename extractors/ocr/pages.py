"""OCR for PDF pages without a usable text layer: render, level, read with RapidOCR, rebuild ruled tables.

The ONNX models ship inside the rapidocr-onnxruntime wheel and are loaded from its package
directory, so nothing is downloaded at run time (the machines are offline).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from ..errors import CorruptFile, MissingTool
from ..limits import MAX_OCR_PIXELS
from . import THREADS_VARIABLE
from .image import binarize, deskew, ruling_segments, skew_angle
from .table import OcrLine, cell_boxes, split_words, table_parts
from ..pdf.tables import TablePart
from ..progress import page_done

OCR_DPI = 150  # what office scanners deliver; 10.5 pt characters come out about 22 px tall
MIN_OCR_DPI = 60  # below this, body text is a few pixels tall and OCR reads nothing
OCR_PACKAGE = "rapidocr-onnxruntime==1.4.4"


def ocr_threads() -> int:
    """Return how many threads the OCR engine runs on (KAOPING_OCR_THREADS, else every core)."""
    try:
        return max(1, int(os.environ[THREADS_VARIABLE]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


@lru_cache(maxsize=1)
def engine():
    """Return the shared RapidOCR engine (models load once per process, about a second)."""
    try:
        import cv2
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        # opencv, which rapidocr imports, fails the same way when libGL/glib are missing.
        raise MissingTool("OCR", f"文字识别组件 {OCR_PACKAGE} 未安装或无法加载（{exc}），扫描页无法识别",
                          f"请执行：pip install {OCR_PACKAGE}；若提示缺少 libGL 或 glib，"
                          "再执行：apt-get install -y --no-install-recommends libgl1 libglib2.0-0") from exc
    threads = ocr_threads()
    cv2.setNumThreads(threads)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)


def read_lines(image: np.ndarray) -> list[OcrLine]:
    """Given a greyscale page image, return the recognised lines with per-character pixel boxes."""
    # No angle classifier: pages are levelled first, and upside-down lines do not occur in scans of forms.
    result, _ = engine()(np.stack([image] * 3, axis=-1), use_cls=False, return_word_box=True)
    lines = []
    for box, text, _score, piece_boxes, pieces, *_ in result or []:
        if len(pieces) == len(piece_boxes) and pieces:
            boxes = [_quad_box(q) for q in piece_boxes]
        else:
            pieces, boxes = [text], [_quad_box(box)]
        lines.append(OcrLine(list(pieces), boxes))
    return lines


def _quad_box(quad) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))


def level_page(grey: np.ndarray, dpi: float = OCR_DPI) -> tuple[np.ndarray, np.ndarray, float]:
    """Given a greyscale page image, return it levelled, its ink mask and the skew that was removed."""
    angle = skew_angle(binarize(grey), dpi)
    if angle:
        grey = np.asarray(deskew(Image.fromarray(grey), angle))
    return grey, binarize(grey), angle


def ocr_image(grey: np.ndarray, page_no: int, dpi: float = OCR_DPI) -> tuple[list[TablePart], list[dict]]:
    """Given a rendered page, return its ruled tables and all its words, in points on the levelled page."""
    grey, mask, _ = level_page(grey, dpi)
    horizontal, vertical = ruling_segments(mask, dpi)
    scale = dpi / 72
    words = split_words(read_lines(grey), vertical, scale)
    return table_parts(cell_boxes(horizontal, vertical), words, page_no, scale), words


def render(pdf: pdfium.PdfDocument, page_no: int, dpi: float = OCR_DPI) -> np.ndarray:
    """Given an open pdfium document and a 1-based page number, return the page as a greyscale array."""
    page = pdf[page_no - 1]
    try:
        return np.array(page.render(scale=dpi / 72, grayscale=True).to_numpy())
    finally:
        page.close()


def ocr_dpi(width_pt: float, height_pt: float) -> float | None:
    """Given a page size in points, return the resolution to render it at for OCR: OCR_DPI, lowered so
    the image stays within MAX_OCR_PIXELS; None when even MIN_OCR_DPI would exceed it (a poster-sized
    or hostile page)."""
    area = max(width_pt, 1.0) * max(height_pt, 1.0) / 72**2  # square inches
    dpi = min(OCR_DPI, (MAX_OCR_PIXELS / area) ** 0.5)
    return dpi if dpi >= MIN_OCR_DPI else None


def ocr_pages(path: Path, page_numbers: list[int], notes: list[str] | None = None
              ) -> dict[int, tuple[list[TablePart], list[dict]]]:
    """Given a PDF and 1-based page numbers, return each page's tables and words read by OCR
    (pages too large to render within the pixel cap are left out, with a note).

    Raise MissingTool when the OCR package is absent (callers turn it into a warning).
    """
    engine()
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(path.name, "PDF 页面无法渲染，不能做文字识别", "请用 PDF 阅读器打开确认，或重新导出") from exc
    found = {}
    try:
        for done, n in enumerate(page_numbers, start=1):
            width, height = pdf[n - 1].get_size()
            dpi = ocr_dpi(width, height)
            if dpi is None:
                if notes is not None:
                    notes.append(f"第{n}页尺寸过大（{width / 72 * 2.54:.0f}×{height / 72 * 2.54:.0f} 厘米），"
                                 f"超过文字识别的图像上限 {MAX_OCR_PIXELS // 1_000_000} 百万像素，未识别")
            else:
                found[n] = ocr_image(render(pdf, n, dpi), n, dpi)
            page_done(path.name, done, len(page_numbers))
        return found
    finally:
        pdf.close()
