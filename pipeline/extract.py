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


def output_stems(paths: list[Path]) -> dict[Path, str]:
    """Given input paths, return an output stem for each; stems shared by several inputs
    (wujin.docx and wujin.pdf) get the extension appended so no output overwrites another."""
    counts: dict[str, int] = {}
    for p in paths:
        counts[p.stem] = counts.get(p.stem, 0) + 1
    return {p: (f"{p.stem}-{p.suffix.lstrip('.').lower()}" if counts[p.stem] > 1 else p.stem) for p in paths}
