"""Inputs for `make bench`, built once per run from the corpus: long PDFs, long tables, events, archives."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from .measure import ROOT, kaoping, run

CORPUS = ROOT / "corpus"
BORN_DIGITAL = sorted((CORPUS / "docs").glob("*.pdf"))
SCAN = CORPUS / "variants" / "wujin-2021-jixiao-scan.pdf"
SCHEME = CORPUS / "docs" / "qiaocheng-2023-kaoping.docx"


def long_pdf(pages: int, out: Path) -> Path:
    """Given a page count, write a PDF of that many pages by repeating the born-digital corpus PDFs."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in BORN_DIGITAL]
    try:
        while len(doc) < pages:
            for src in sources:
                take = min(len(src), pages - len(doc))
                if take > 0:
                    doc.import_pages(src, list(range(take)))
        doc.save(str(out))
    finally:
        for src in sources:
            src.close()
        doc.close()
    return out


HEADER = ["序号", "考核项目", "考核内容", "评分标准", "分值", "责任部门"]
DEPARTMENTS = ["办公室", "政治处", "法治宣传科", "社区矫正科", "公共法律服务科"]


def long_table(rows: int, out: Path) -> Path:
    """Given a row count, write a workbook with one scoring table of that many rows (categories merged over five)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "考核细则"
    ws.append(["年度绩效考核细则"])
    ws.append(HEADER)
    for r in range(1, rows + 1):
        category = f"第{(r - 1) // 5 + 1}类工作（10分）" if (r - 1) % 5 == 0 else None
        ws.append([r, category, f"落实第{r}项工作任务，按时报送台账", "未按时完成的扣1分，发现一起扣0.5分，扣完为止",
                   2, DEPARTMENTS[r % len(DEPARTMENTS)]])
        if category and r + 4 <= rows:
            ws.merge_cells(start_row=r + 2, start_column=2, end_row=r + 6, end_column=2)
    wb.save(out)
    return out


def rulebook(folder: Path) -> Path:
    """Write the 谯城 2023 rulebook as YAML, as a user does before scoring."""
    out = folder / "qiaocheng.yaml"
    if not out.exists():
        run(kaoping("rules", str(SCHEME), "-o", str(out)))
    return out


def events(book: Path, n_events: int, folder: Path) -> Path:
    """Given a rulebook file and a count, write about that many synthetic events (300 units × 12 months)."""
    out = folder / f"events_{n_events}.csv"
    run(kaoping("events", "synth", str(book), "--units", "300", "--periods", "2023-01..2023-12", "--seed", "7",
                "--events", str(n_events), "-o", str(out)))
    return out


def archive(folder: Path, n_files: int, sources: list[Path] | None = None) -> Path:
    """Given a folder, fill it with ``n_files`` distinct documents made from ``sources`` (by default a mix of
    the corpus formats); each copy differs by a byte, so the content-hash dedupe cannot skip it."""
    if sources is None:
        # Mostly the small formats archives are full of, with born-digital PDFs among them.
        sources = sorted((CORPUS / "seeds").glob("*.txt")) * 6 + sorted((CORPUS / "docs").glob("*.docx")) * 3
        sources += [CORPUS / "docs" / "wujin-2021-jixiao.pdf", CORPUS / "docs" / "qiaokou-2020-zipingbiao.pdf"]
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
