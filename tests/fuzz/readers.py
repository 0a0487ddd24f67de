"""Coverage-guided fuzzing (atheris) of the text, HTML, DOCX and XLSX readers: `make fuzz`.

    python -m tests.fuzz.readers TARGET SECONDS OUTDIR

Each input goes to the reader as a file; a typed ExtractionError is an honest outcome, anything
else is a crash and is saved under OUTDIR/TARGET/ for replay (`python -m tests.fuzz.readers
replay FILE TARGET`). DOCX and XLSX inputs are the main XML part of a real package, so the fuzzer
spends its time in our XML and table code rather than in zip checksums. Runs in a child with a
memory limit (-rss_limit_mb) and a per-input timeout (-timeout), like the bounded workers.
"""
from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {
    # name → (file suffix, seed files, package whose part the input replaces, that part)
    "text": (".txt", sorted((ROOT / "corpus" / "web").glob("d0*.txt"))[:6] + sorted((ROOT / "corpus" / "seeds").glob("*.txt")),
             None, None),
    "html": (".html", [ROOT / "corpus" / "variants" / "songjiang-2021-kaoping.html"], None, None),
    "docx": (".docx", [ROOT / "corpus" / "docs" / "wujin-2021-jixiao.docx", ROOT / "corpus" / "docs" / "qiaokou-2020-zipingbiao.docx"],
             ROOT / "corpus" / "docs" / "wujin-2021-jixiao.docx", "word/document.xml"),
    "xlsx": (".xlsx", [ROOT / "corpus" / "variants" / "qiaocheng-2023-xize.xlsx"],
             ROOT / "corpus" / "variants" / "qiaocheng-2023-xize.xlsx", "xl/worksheets/sheet1.xml"),
}


def seeds(target: str, folder: Path) -> Path:
    """Write the seed inputs of ``target`` (parts of packages for DOCX/XLSX) into ``folder``."""
    from tests.hostile import build

    suffix, files, package, part = TARGETS[target]
    folder.mkdir(parents=True, exist_ok=True)
    small = {"docx": build.scheme_docx, "xlsx": build.scheme_xlsx}.get(target)
    # Small packages built by the hostile generator start the fuzzer on short, valid parts.
    packages = [p.read_bytes() for p in files] + ([small()] if small else [])
    for n, raw in enumerate(packages):
        if package is None:
            data = raw
        else:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = zf.namelist()
                data = zf.read(part if part in names else next(n for n in names if n.endswith(".xml")))
        (folder / f"seed-{n}").write_bytes(data)
    return folder


def to_file(target: str, data: bytes, path: Path) -> Path:
    """Given fuzz bytes, write the file the reader will get (a package with the part replaced)."""
    suffix, _, package, part = TARGETS[target]
    path = path.with_suffix(suffix)
    if package is None:
        path.write_bytes(data)
        return path
    out = io.BytesIO()
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, data if item.filename == part else src.read(item))
    path.write_bytes(out.getvalue())
    return path


def reader(target: str):
    from extractors.docx.document import extract_docx
    from extractors.html.document import extract_html
    from extractors.registry import source_info
    from extractors.sheet.xlsx import extract_xlsx
    from extractors.text.document import extract_text
    from schemas.common import InputFormat

    backend, fmt = {"text": (extract_text, InputFormat.TEXT), "html": (extract_html, InputFormat.HTML),
                    "docx": (extract_docx, InputFormat.DOCX), "xlsx": (extract_xlsx, InputFormat.XLSX)}[target]

    def read(path: Path):
        return backend(path, source_info(path, fmt))
    return read


def one_input(target: str, read, scratch: Path):
    from extractors.errors import ExtractionError

    def test(data: bytes) -> None:
        path = to_file(target, data, scratch)
        try:
            read(path)
        except ExtractionError:
            pass  # an honest, typed outcome
    return test


def main(target: str, seconds: str, outdir: str) -> None:
    import atheris

    with atheris.instrument_imports(include=["extractors"]):
        read = reader(target)
    crashes = Path(outdir) / target
    crashes.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"kaoping-fuzz-{target}-"))
    corpus = seeds(target, work / "corpus")
    longest = max(p.stat().st_size for p in corpus.iterdir())
    args = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", "-rss_limit_mb=2048", "-timeout=30",
            f"-max_len={max(32768, longest)}",
            f"-artifact_prefix={crashes}/", "-print_final_stats=1"]
    atheris.Setup(args, one_input(target, read, work / "input"))
    atheris.Fuzz()


def replay(path: str, target: str) -> None:
    """Run one saved input through the reader, showing the full traceback of a crash."""
    work = Path(tempfile.mkdtemp(prefix="kaoping-replay-"))
    one_input(target, reader(target), work / "input")(Path(path).read_bytes())
    print("没有崩溃（得到了正常结果或规范的错误）")


def run_all(seconds: str, outdir: str) -> int:
    """Fuzz every reader in turn (each in its own process); print what was run and found."""
    import re
    import subprocess

    found = 0
    for target in TARGETS:
        log = Path(outdir) / f"{target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as fh:
            code = subprocess.run([sys.executable, "-m", "tests.fuzz.readers", target, seconds, outdir],
                                  stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT).returncode
        text = log.read_text(errors="replace")
        runs = re.findall(r"Done (\d+) runs", text)
        cov = re.findall(r"cov: (\d+)", text)
        crashes = sorted(p.name for p in (Path(outdir) / target).glob("*") if p.is_file())
        found += len(crashes)
        print(f"{target}: {runs[-1] if runs else '?'} 个输入，覆盖 {cov[-1] if cov else '?'} 条边，"
              f"崩溃 {len(crashes)} 个{'' if code == 0 or crashes else f'（退出码 {code}，见 {log}）'}")
        for name in crashes:
            print(f"  python -m tests.fuzz.readers replay {Path(outdir) / target / name} {target}")
    return 1 if found else 0


if __name__ == "__main__":
    if sys.argv[1] == "replay":
        replay(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "all":
        sys.exit(run_all(sys.argv[2], sys.argv[3]))
    else:
        main(*sys.argv[1:4])
