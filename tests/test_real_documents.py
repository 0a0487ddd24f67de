"""Every real document from elsewhere (corpus/wild, corpus/web) goes through extraction and interpretation
without an error, and whatever it gives carries its own self-check."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_table
from schemas.indicators import DocumentKind

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(p for group in ("wild", "web") for p in (CORPUS / group).iterdir()
               if p.is_file() and p.suffix.lower() not in (".md", ".tsv"))


def test_the_real_documents_are_there():
    assert len(FILES) == 63


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_document_extracts_without_error(path):
    _, table = extract_table(path)
    assert table.needs_review == bool(table.review_reasons)
    if table.meta.kind is DocumentKind.RESULTS and not table.results:
        # Read as a 自评表 but no row came out: a person must look, unless no line holds a row to read.
        assert table.needs_review or any("没有可读的结果行" in w for w in table.warnings)
    elif not table.indicators and not table.results:
        assert any(w.startswith("未找到指标表：") for w in table.warnings)
