"""file → RawDocument → IndicatorTable, the first arrows of the pipeline in one call."""
from __future__ import annotations

from pathlib import Path

from schemas.indicators import IndicatorTable
from schemas.raw import RawDocument


def extract_raw(path: str | Path) -> RawDocument:
    from extractors import extract

    return extract(path)


def extract_table(path: str | Path) -> tuple[RawDocument, IndicatorTable]:
    """Given a scheme file, return its RawDocument and its indicator table."""
    from .indicators import build_indicator_table

    raw = extract_raw(path)
    return raw, build_indicator_table(raw)


def warm_up() -> None:
    """Import every extractor backend and the indicator builder once, so that bounded workers
    forked per file (pipeline/isolate.py) start warm instead of each paying the imports."""
    import importlib

    from extractors import registry

    from . import indicators  # noqa: F401

    for target in set(registry._BACKENDS.values()):
        if isinstance(target, str):
            importlib.import_module(target.split(":")[0])


def no_indicator_reason(raw: RawDocument, table: IndicatorTable) -> str | None:
    """Given a read document and its table, say why no indicator was found (None when some were)."""
    if table.indicators or table.results:
        return None
    tables, blocks = len(raw.tables), len(raw.blocks)
    if not tables and not blocks:
        why = "文件中没有可读的文字"
    elif not tables:
        why = f"文件中没有表格（只有 {blocks} 段文字）"
    else:
        why = f"文件中的 {tables} 个表格都不像指标表（没有找到指标、分值、评分标准等列）"
    return f"未找到指标表：{why}"


def output_stems(paths: list[Path]) -> dict[Path, str]:
    """Given input paths, return a distinct output stem for each: the file's stem; the extension
    appended when inputs share a stem (wujin.docx, wujin.pdf); a number appended when they still
    clash (a/x.docx, b/x.docx)."""
    counts: dict[str, int] = {}
    for p in paths:
        counts[p.stem] = counts.get(p.stem, 0) + 1
    taken: set[str] = set()
    out: dict[Path, str] = {}
    for p in paths:
        stem = f"{p.stem}-{p.suffix.lstrip('.').lower()}" if counts[p.stem] > 1 else p.stem
        base, n = stem, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        out[p] = stem
    return out
