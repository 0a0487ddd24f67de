"""Floors for `make bench`: the least a program must do to read the same input with the same libraries.

Run as ``python -m pipeline.bench.floors KIND FILE`` so each floor is a fresh process, like the command it
is compared with.
"""
from __future__ import annotations

import sys


def pdf_tables(path: str) -> None:
    """pdfplumber's own ``extract_tables`` on every page, pages closed as it goes."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def xlsx_values(path: str) -> None:
    """openpyxl loading the workbook (merged ranges need the full mode) and reading every value."""
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            pass
        list(ws.merged_cells.ranges)


def events_groupby(path: str) -> None:
    """pandas reading the events and summing points and counts per unit and indicator."""
    import pandas as pd

    frame = pd.read_csv(path)
    frame.groupby(["单位", "指标"])[["次数", "扣分"]].sum()


def startup(_: str) -> None:
    """Python starting and importing the command line."""
    import pipeline.cli  # noqa: F401


def rapidocr_pages(path: str) -> None:
    """RapidOCR reading every page of a scanned PDF, rendered at the OCR resolution, nothing else."""
    import numpy as np
    import pypdfium2 as pdfium
    from rapidocr_onnxruntime import RapidOCR

    from extractors.ocr.pages import OCR_DPI

    engine = RapidOCR()
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        grey = page.render(scale=OCR_DPI / 72, grayscale=True).to_numpy()
        engine(np.stack([grey] * 3, axis=-1), use_cls=False)
    pdf.close()


def ocr_turns(path: str, repeats: str = "2") -> None:
    """kaoping's OCR step and RapidOCR alone (same options) taking turns on pages 2 and 3 of a scan; print
    the seconds of each as JSON. Run apart, so the bench's own process stays small: a child's peak memory
    counts the parent's pages up to its exec."""
    import json
    import time

    import numpy as np
    import pypdfium2 as pdfium

    from extractors.ocr.pages import engine, ocr_image, render

    pdf = pdfium.PdfDocument(path)
    pages = {n: render(pdf, n) for n in (2, 3)}
    pdf.close()
    raw = engine()
    raw(np.stack([pages[2]] * 3, axis=-1), use_cls=False)  # model loading is not measured
    out: dict[str, list[float]] = {"ours": [], "raw": []}
    for _ in range(int(repeats)):
        for n, image in pages.items():
            start = time.perf_counter()
            raw(np.stack([image] * 3, axis=-1), use_cls=False, return_word_box=True)
            out["raw"].append(time.perf_counter() - start)
            start = time.perf_counter()
            ocr_image(image, n)
            out["ours"].append(time.perf_counter() - start)
    print(json.dumps(out))


FLOORS = {"pdf": pdf_tables, "xlsx": xlsx_values, "events": events_groupby, "startup": startup,
          "ocr": rapidocr_pages, "ocr-turns": ocr_turns}

if __name__ == "__main__":
    FLOORS[sys.argv[1]](*sys.argv[2:])
