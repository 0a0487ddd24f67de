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


def build_archive(folder: Path, n_files: int) -> Path:
    """Given a folder, fill it with ``n_files`` distinct documents made from the corpus
    (each copy differs by a byte, so content-hash dedupe cannot skip it)."""
    import shutil
    import zipfile

    corpus = ROOT / "corpus"
    # Mostly the small formats archives are full of, with born-digital PDFs among them.
    sources = sorted((corpus / "seeds").glob("*.txt")) * 6 + sorted((corpus / "docs").glob("*.docx")) * 3
    sources += [corpus / "docs" / "wujin-2021-jixiao.pdf", corpus / "docs" / "qiaokou-2020-zipingbiao.pdf"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        src = sources[i % len(sources)]
        dst = folder / f"{i:04d}-{src.name}"
        shutil.copy(src, dst)
        if src.suffix == ".docx":
            with zipfile.ZipFile(dst, "a") as zf:
                zf.comment = f"copy {i}".encode()
        elif src.suffix == ".pdf":
            with open(dst, "ab") as fh:
                fh.write(f"\n%copy {i}\n".encode())
        else:
            with open(dst, "ab") as fh:
                fh.write(f"\n（副本 {i}）\n".encode("utf-8"))
    return folder


def bench_batch(n_files: int) -> None:
    import tempfile

    from .batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        archive = build_archive(Path(tmp) / "archive", n_files)
        timings = {}
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.duckdb"
            start = time.perf_counter()
            summary = run_batch([archive], db, workers=workers)
            timings[workers] = time.perf_counter() - start
            print(f"  {workers} 个进程：{n_files / timings[workers]:>7.1f} 文件/秒（{summary.message()}）")
        speedup = timings[1] / timings[2]
        print(f"  2 进程 / 1 进程加速比 = {speedup:.2f}×（目标 ≥ 1.8×）{'✓' if speedup >= 1.8 else '✗'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--files", type=int, default=500, help="批量基准的档案文件数")
    parser.add_argument("--only", choices=sorted(BENCHES), help="只运行一项")
    args = parser.parse_args(argv)
    for name, run in BENCHES.items():
        if args.only in (None, name):
            run(args)
            print()
    return 0


def _scoring(args) -> None:
    from .scoring.bench import bench_scoring

    print("计分：谯城 2023 规则手册，300 个单位 × 12 个月，含完整计分轨迹")
    bench_scoring()


def _ocr(args) -> None:
    from pipeline.bench_ocr import bench_ocr

    print("扫描件：OCR 全流程 vs 裸 rapidocr（同样的渲染页）")
    bench_ocr()


def _memory(args) -> None:
    from pipeline.bench_ocr import bench_memory

    print("内存：PDF 提取进程峰值（300 页 vs 30 页）")
    bench_memory()


def _batch(args) -> None:
    print(f"批量处理：{args.files} 个文件的档案")
    bench_batch(args.files)


def _web(args) -> None:
    from .web.bench import N_INDICATORS, bench_pages

    print(f"考评工作台：{N_INDICATORS} 项指标的文档，各页面响应时间（热缓存，取 {args.repeats} 次中最快）")
    bench_pages(args.repeats)


BENCHES = {
    "pdf": lambda args: bench_pdf(args.repeats),
    "ocr": _ocr,
    "scoring": _scoring,
    "memory": _memory,
    "batch": _batch,
    "web": _web,
}


if __name__ == "__main__":
    sys.exit(main())
