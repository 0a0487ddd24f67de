"""`make bench`: throughput of kaoping against baselines measured in the same run.

Ratios, not absolute times, are what to read: the machines are shared and noisy, so each
measurement is the best of several repeats and the baseline runs on the same pages.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "corpus" / "docs").glob("*.pdf"))


def best_of(repeats: int, fn) -> float:
    """Given a zero-argument function, return its fastest wall time over ``repeats`` runs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def raw_extract_tables(paths: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages


def raw_pdfium_text(paths: list[Path]) -> None:
    import pypdfium2 as pdfium

    for path in paths:
        doc = pdfium.PdfDocument(path)
        for page in doc:
            page.get_textpage().get_text_range()
        doc.close()


def full_pipeline(paths: list[Path]) -> None:
    from .extract import extract_table

    for path in paths:
        extract_table(path)


def bench_pdf(repeats: int) -> None:
    pages = raw_extract_tables(PDFS)  # also warms caches and imports
    full_pipeline(PDFS[:1])
    t_raw = best_of(repeats, lambda: raw_extract_tables(PDFS))
    t_pdfium = best_of(repeats, lambda: raw_pdfium_text(PDFS))
    t_pipe = best_of(repeats, lambda: full_pipeline(PDFS))
    print(f"PDF 语料：{len(PDFS)} 个文件，{pages} 页；每项取 {repeats} 次中最快一次")
    print(f"  {'pypdfium2 纯文本（物理下限）':<28}{pages / t_pdfium:>9.1f} 页/秒")
    print(f"  {'pdfplumber extract_tables':<28}{pages / t_raw:>9.1f} 页/秒")
    print(f"  {'kaoping 全流程（提取+指标表）':<28}{pages / t_pipe:>9.1f} 页/秒")
    ratio = t_raw / t_pipe
    print(f"  全流程 / extract_tables = {ratio:.2f}×（目标 ≥ 0.5×）{'✓' if ratio >= 0.5 else '✗'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    bench_pdf(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
