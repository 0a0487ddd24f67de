"""The commands people run, end to end as subprocesses, at three sizes each, beside a floor measured in the
same run: PDF pages, table rows, events, batch files; then OCR, Dask and `rules parse`."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import inputs
from .measure import Series, interleave, kaoping, python, row, verdict

PDF_PAGES = (50, 200, 1000)
TABLE_ROWS = (2_000, 6_000, 20_000)
EVENTS = (100_000, 300_000, 1_000_000)
BATCH_FILES = (60, 120, 240)
SCANNED_FILES = 4


def _floor(kind: str, path: Path) -> list[str]:
    return python("-m", "pipeline.bench.floors", kind, str(path))


def _growth(label: str, sizes: tuple, series: dict[int, Series], wall: bool = False) -> float:
    """Print how time grows from the smallest to the largest size; return the ratio of CPU time (of wall
    time with ``wall``, where several processes share the work)."""
    small, large = series[sizes[0]], series[sizes[-1]]
    cpu, elapsed = large.cpu / small.cpu, large.best / small.best
    print(f"  增长：{label} ×{sizes[-1] // sizes[0]} → CPU 时间 ×{cpu:.1f}，墙钟时间 ×{elapsed:.1f}，"
          f"峰值内存 ×{large.peak / small.peak:.2f}")
    return elapsed if wall else cpu


def pdf_pages(tmp: Path, repeats: int) -> None:
    """`kaoping extract` on long PDFs vs pdfplumber's own extract_tables on the same pages."""
    print("PDF 页数：kaoping extract（提取 + 指标表 + JSON/Excel）vs pdfplumber extract_tables（下限）")
    ours, floors = {}, {}
    for pages in PDF_PAGES:
        pdf = inputs.long_pdf(pages, tmp / f"{pages}.pdf")
        times = repeats if pages < PDF_PAGES[-1] else max(1, repeats - 1)
        runs = interleave({"ours": kaoping("extract", str(pdf), "-o", str(tmp / "out"), "--silent"),
                           "floor": _floor("pdf", pdf)}, times)
        ours[pages], floors[pages] = runs["ours"], runs["floor"]
        print(row(f"{pages} 页", ours[pages], floors[pages]))
    _growth("页数", PDF_PAGES, ours)
    largest = PDF_PAGES[-1]
    verdict(f"PDF 全流程 / extract_tables 速度比（{largest} 页，CPU）", floors[largest].cpu / ours[largest].cpu,
            "≥ 0.9", floors[largest].cpu / ours[largest].cpu >= 0.9)
    memory = ours[largest].peak / ours[PDF_PAGES[0]].peak
    verdict(f"PDF 峰值内存 {largest} 页 / {PDF_PAGES[0]} 页", memory, "≤ 1.3", memory <= 1.3)


def table_rows(tmp: Path, repeats: int) -> None:
    """`kaoping extract` on a workbook with one long scoring table vs openpyxl reading it."""
    print("表格行数：kaoping extract（XLSX 一张长表）vs openpyxl 读取全部单元格（下限）")
    ours, floors = {}, {}
    for rows in TABLE_ROWS:
        book = inputs.long_table(rows, tmp / f"rows{rows}.xlsx")
        runs = interleave({"ours": kaoping("extract", str(book), "-o", str(tmp / "out"), "--silent"),
                           "floor": _floor("xlsx", book)}, repeats)
        ours[rows], floors[rows] = runs["ours"], runs["floor"]
        print(row(f"{rows:,} 行", ours[rows], floors[rows]))
    growth = _growth("行数", TABLE_ROWS, ours)
    verdict(f"{TABLE_ROWS[-1]:,} 行 / {TABLE_ROWS[0]:,} 行 时间比", growth, "≤ 12（线性为 10）", growth <= 12)


def events(tmp: Path, repeats: int) -> None:
    """`kaoping score` with every output vs pandas reading the events and summing per unit and indicator."""
    print("事件条数：kaoping score（300 个单位 × 12 个月，谯城规则，JSON + Excel + 说明）vs pandas 读取 + 分组求和（下限）")
    book = inputs.rulebook(tmp)
    ours, floors = {}, {}
    for n in EVENTS:
        path = inputs.events(book, n, tmp)
        measures = path.with_name(f"{path.stem}_measures.csv")
        runs = interleave({"ours": kaoping("score", str(book), str(path), "-m", str(measures), "-o",
                                           str(tmp / f"score{n}")),
                           "floor": _floor("events", path)}, repeats)
        ours[n], floors[n] = runs["ours"], runs["floor"]
        print(row(f"{n:,} 条", ours[n], floors[n]))
        shutil.rmtree(tmp / f"score{n}", ignore_errors=True)
    growth = _growth("事件", EVENTS, ours)
    largest = EVENTS[-1]
    times = ours[largest].cpu / floors[largest].cpu
    verdict(f"计分 {largest:,} 条 / 下限（CPU）", times, "≤ 8", times <= 8)
    verdict(f"计分 {largest:,} 条峰值内存（MiB）", ours[largest].peak, "≤ 1024", ours[largest].peak <= 1024)
    verdict(f"事件 ×{largest // EVENTS[0]} 的时间比", growth, "≤ 10", growth <= 10)


def batch_files(tmp: Path, repeats: int) -> None:
    """`kaoping batch` over archives of corpus documents: 2 workers at three sizes, 1 worker and Dask beside."""
    print("批量文件数：kaoping batch（语料各格式的副本）2 进程；1 进程与 Dask 2 进程为对照")
    middle = BATCH_FILES[1]
    ours = {}
    for n in BATCH_FILES:
        folder = inputs.archive(tmp / f"archive{n}", n)
        commands = {"local2": _batch(folder, tmp, 2)}
        if n == middle:
            commands |= {"local1": _batch(folder, tmp, 1), "dask2": _batch(folder, tmp, 2, "dask")}
        runs = interleave(commands, repeats, before=lambda label: _clean(tmp))
        ours[n] = two = runs["local2"]
        print(f"  {n:>6} 个文件  2 进程 {two.best:6.2f}s / {two.median:6.2f}s {n / two.best:6.1f} 文件/秒 "
              f"峰值 {two.peak:.0f} MiB")
        if n == middle:
            print(row(f"{n} 个文件", runs["local2"], runs["local1"], "（下限列为 1 进程）"))
            speedup = runs["local1"].best / runs["local2"].best
            dask = runs["local2"].best / runs["dask2"].best
            print(f"  Dask 2 进程 {runs['dask2'].best:.2f}s / {runs['dask2'].median:.2f}s {runs['dask2'].peak:.0f} MiB")
            verdict("批量 2 进程 / 1 进程 加速比", speedup, "≥ 1.8", speedup >= 1.8)
            verdict("Dask 2 进程 / 本机进程池 速度比", dask, "≥ 0.9", dask >= 0.9)
    _growth("文件", BATCH_FILES, ours, wall=True)


def _batch(folder: Path, tmp: Path, workers: int, executor: str = "local") -> list[str]:
    return kaoping("batch", str(folder), "--db", str(tmp / "bench.duckdb"), "--workers", str(workers),
                   "--executor", executor, "--silent")


def _clean(tmp: Path) -> None:
    """Remove the archive database, so every run processes every file."""
    for path in tmp.glob("bench.*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def ocr(tmp: Path, repeats: int) -> None:
    """Scanned pages: kaoping's OCR step vs RapidOCR alone on the same rendered page (in one process, taking
    turns), the CLI on a scan vs rendering + RapidOCR, and a batch of scans on one and two workers."""
    import json
    import subprocess

    print("扫描件：每页 OCR（本流程含纠偏、表格线与单元格）vs 同样选项的裸 RapidOCR；命令行；批量 1/2 进程")
    turns = json.loads(subprocess.run(_floor("ocr-turns", inputs.SCAN) + [str(repeats)], cwd=inputs.CORPUS.parent,
                                      capture_output=True, text=True, check=True).stdout)
    ours_t, raw_t, pages = turns["ours"], turns["raw"], (2, 3)
    per_page = sum(sorted(ours_t)[:len(pages)]) / sum(sorted(raw_t)[:len(pages)])
    print(f"  每页：本流程 {min(ours_t):.2f}s，裸 RapidOCR {min(raw_t):.2f}s（各取最快的 {len(pages)} 次）")
    verdict("OCR 每页 本流程 / 裸 RapidOCR", per_page, "≤ 1.05", per_page <= 1.05)
    runs = interleave({"ours": kaoping("extract", str(inputs.SCAN), "-o", str(tmp / "out"), "--silent"),
                       "floor": _floor("ocr", inputs.SCAN)}, max(1, repeats - 1))
    print(row("扫描 PDF 5 页", runs["ours"], runs["floor"]))
    scans = inputs.archive(tmp / "scans", SCANNED_FILES, [inputs.SCAN])
    runs = interleave({"2": _batch(scans, tmp, 2), "1": _batch(scans, tmp, 1)}, max(1, repeats - 1),
                      before=lambda label: _clean(tmp))
    speedup = runs["1"].best / runs["2"].best
    print(f"  批量 {SCANNED_FILES} 份扫描件：1 进程 {runs['1'].best:.1f}s，2 进程 {runs['2'].best:.1f}s")
    verdict("扫描件批量 2 进程 / 1 进程 加速比", speedup, "≥ 1.6", speedup >= 1.6)


CLAUSE = "每有一次不达标扣0.2分，最高扣2分"
RATE_CLAUSE = "重新犯罪率超过0.8%的视情扣1-4分"


def rules_parse(tmp: Path, repeats: int) -> None:
    """`kaoping rules parse` for one clause: without a metric (no segmenter), with a rate (segmenter loads)."""
    print("条款解析：kaoping rules parse 一条条款 vs Python 启动并导入命令行（下限）")
    runs = interleave({"plain": kaoping("rules", "parse", CLAUSE), "rate": kaoping("rules", "parse", RATE_CLAUSE),
                       "floor": _floor("startup", tmp)}, repeats + 1)
    print(row("不需分词", runs["plain"], runs["floor"]))
    print(row("需分词（…率）", runs["rate"], runs["floor"]))
    verdict("rules parse 一条不需分词的条款（秒）", runs["plain"].best, "< 0.5", runs["plain"].best < 0.5)


def web(tmp: Path, repeats: int) -> None:
    """The workbench's pages for a 100-indicator document (pipeline/web/bench.py)."""
    from pipeline.web.bench import N_INDICATORS, bench_pages

    print(f"考评工作台：{N_INDICATORS} 项指标的文档，各页面响应时间（热缓存，取 {repeats} 次中最快）")
    bench_pages(repeats)


SUITES = {"pdf": pdf_pages, "rows": table_rows, "events": events, "batch": batch_files, "ocr": ocr,
          "rules": rules_parse, "web": web}
