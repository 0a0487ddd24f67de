"""Legacy office formats: .doc/.wps through LibreOffice → DOCX, .xls through xlrd into the XLSX table shape."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.docx import legacy
from extractors.errors import CorruptFile, MissingTool
from extractors.registry import detect_format, extract
from schemas.common import InputFormat

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
XLS = ROOT / "tests" / "fixtures" / "qiaocheng-2023-xize.xls"
needs_soffice = pytest.mark.skipif(legacy.find_soffice() is None,
                                   reason="LibreOffice (soffice) 未安装：make system-deps 会安装 libreoffice-writer-nogui")


def _blocks(doc) -> list[tuple]:
    return [(b.label, b.text, b.level) for b in doc.blocks]


def _cells(doc) -> list[tuple]:
    return [(t.num_rows, t.num_cols, [(c.row, c.col, c.row_span, c.col_span, c.text, c.column_header) for c in t.cells])
            for t in doc.tables]


@needs_soffice
@pytest.mark.parametrize("suffix,fmt", [(".doc", InputFormat.DOC), (".wps", InputFormat.WPS)])
def test_legacy_word_reads_like_its_docx(tmp_path, suffix, fmt):
    # WPS Office writes .wps in the same OLE container as Word 97; the content, not the name, picks the filter.
    path = tmp_path / f"整改方案{suffix}"
    shutil.copyfile(CORPUS / "variants" / "jintan-2017-zhenggai.doc", path)
    doc = extract(path)
    assert doc.source.format == fmt and doc.source.file == path.name
    assert _blocks(doc) == _blocks(extract(CORPUS / "docs" / "jintan-2017-zhenggai.docx"))
    assert all(b.prov.file == path.name for b in doc.blocks)
    assert any("LibreOffice" in w for w in doc.warnings)


def test_missing_libreoffice_names_package_and_command(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(legacy, "_KNOWN_PLACES", ())
    with pytest.raises(MissingTool) as info:
        extract(CORPUS / "variants" / "jintan-2017-zhenggai.doc")
    message = info.value.message()
    assert "LibreOffice" in message and "apt-get install" in message and legacy.DEBIAN_PACKAGE in message


@needs_soffice
def test_unreadable_doc_is_a_corrupt_file(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CorruptFile):
        extract(path)


def test_xls_is_detected_and_matches_the_xlsx():
    assert detect_format(XLS) == InputFormat.XLS
    doc = extract(XLS)
    assert _cells(doc) == _cells(extract(CORPUS / "variants" / "qiaocheng-2023-xize.xlsx"))
    assert [b.text for b in doc.blocks] == ["谯城区司法局 2023 年对基层司法所工作综合考评细则"]


def test_xls_merged_cells_become_spans():
    table = extract(XLS).tables[0]
    grid = table.grid()
    assert table.num_cols == 6 and [c.text for c in grid[0]] == ["事项", "序号", "考评内容", "考评时间", "扣分标准", "分值"]
    # The print-title row is the header; the first 事项 cell is merged down over eight rows.
    assert all(c.column_header for c in grid[0]) and not any(c.column_header for c in grid[1])
    first = grid[1][0]
    assert (first.row, first.col, first.row_span, first.col_span) == (1, 0, 8, 1)
    assert all(grid[r][0] is first for r in range(1, 9)) and grid[9][0] is not first
    note = [c for c in table.cells if c.col_span == 5]
    assert note and note[0].col == 1


def test_damaged_xls_is_a_corrupt_file(tmp_path):
    path = tmp_path / "细则.xls"
    path.write_bytes(XLS.read_bytes()[:3000])
    with pytest.raises(CorruptFile):
        extract(path)
