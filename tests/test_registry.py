import subprocess
import sys
from pathlib import Path

import pytest

from extractors import UnsupportedFormat, available, get_extractor
from extractors.registry import detect_format, sniff
from schemas.common import InputFormat

SNIFF_CASES = [
    (b"%PDF-1.7\n", "x.bin", InputFormat.PDF),
    (b"<!DOCTYPE html><html>", "page.txt", InputFormat.HTML),
    (b"<html><body><table>", "page", InputFormat.HTML),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.doc", InputFormat.DOC),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "sheet.xls", InputFormat.XLS),
    (b"plain words", "notes.txt", None),
]


@pytest.mark.parametrize("head,name,expected", SNIFF_CASES)
def test_sniff(head, name, expected):
    assert sniff(Path(name), head) == expected


def test_text_without_extension_is_text(tmp_path):
    p = tmp_path / "scheme"
    p.write_bytes("考评细则\n未报扣5分\n".encode("gbk"))
    assert detect_format(p) == InputFormat.TEXT


def test_unregistered_format_names_what_is_available(monkeypatch):
    from extractors import registry

    monkeypatch.delitem(registry._BACKENDS, InputFormat.PDF)
    with pytest.raises(UnsupportedFormat) as info:
        get_extractor(InputFormat.PDF, Path("a.pdf"))
    assert "a.pdf" in info.value.message()
    assert ".docx" in info.value.message()


def test_available_lists_known_extensions():
    assert {".pdf", ".docx", ".txt", ".xlsx", ".html"} <= set(available())


def test_help_does_not_import_heavy_packages():
    code = (
        "import sys; from click.testing import CliRunner; from pipeline.cli import cli;"
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output;"
        "heavy = [m for m in ('pdfplumber', 'spacy', 'pandas', 'docx', 'openpyxl') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
