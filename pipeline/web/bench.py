"""`make bench` for the workbench: page times for a 100-indicator document, against /healthz in the same run."""
from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

N_INDICATORS = 100
PAGES = {"文档库": "/", "复核": "/doc/{doc}", "规则": "/doc/{doc}/rules", "计分": "/doc/{doc}/score"}
TARGET_MS = 300


def scheme_docx(path: Path, n: int = N_INDICATORS) -> Path:
    """Given a path, write a scheme DOCX with one table of ``n`` indicators in ten categories."""
    from docx import Document

    doc = Document()
    doc.add_heading("某区司法局2024年度考评细则", level=1)
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["工作类别", "指标名称", "分值", "评分标准", "责任部门"]):
        cell.text = text
    for k in range(n):
        cells = table.add_row().cells
        cells[0].text = f"第{k // 10 + 1}类工作（10分）"
        cells[1].text = f"指标{k + 1}"
        cells[2].text = "1分"
        cells[3].text = f"1.未按要求完成第{k + 1}项工作的，发现一次扣0.5分；2.台账不全的扣0.2分，最多扣1分。"
        cells[4].text = ["办公室", "政治处", "普法科", "法服科"][k % 4]
    doc.save(path)
    return path


def best_ms(client, url: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        answer = client.get(url)
        times.append(time.perf_counter() - start)
        assert answer.status_code == 200, (url, answer.status_code)
    return 1000 * min(times)


def bench_pages(repeats: int = 5) -> None:
    from starlette.testclient import TestClient

    from . import create_app

    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "a.duckdb", author="bench")
        lib = app.state.library
        source = scheme_docx(Path(tmp) / "scheme.docx")
        stored = lib.keep_file(source.read_bytes(), source.name)
        lib.ingest([stored], {stored: source.name})
        doc = stored.name[:64]
        try:
            client = TestClient(app)
            floor = best_ms(client, "/healthz", repeats)
            start = time.perf_counter()
            client.get(f"/doc/{doc}")
            first = 1000 * (time.perf_counter() - start)
            n = len(lib.read(doc)[1].indicators)
            print(f"  文档：{n} 项指标；/healthz（框架下限）{floor:.1f} ms；首次打开复核（提取+规则）{first:.0f} ms")
            for name, url in PAGES.items():
                ms = best_ms(client, url.format(doc=doc), repeats)
                verdict = "✓" if ms < TARGET_MS else "✗"
                print(f"  {name:<6}{ms:>8.1f} ms = {ms / floor:>6.1f}× 下限（目标 < {TARGET_MS} ms）{verdict}")
        finally:
            app.state.jobs.stop()
            lib.close()
