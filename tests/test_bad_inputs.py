"""Deliberately broken inputs, each paired with the words its error must contain."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors import ExtractionError, extract
from pipeline.cli import cli

BAD = Path(__file__).resolve().parent.parent / "corpus" / "bad"

# file → words the error must contain
BROKEN = [
    ("empty.pdf", ["empty.pdf", "为空"]),
    ("truncated.pdf", ["truncated.pdf", "损坏"]),
    ("not-a-zip.docx", ["not-a-zip.docx", "DOCX"]),
    ("unknown.bin", ["unknown.bin", "不支持", ".docx"]),
]


@pytest.mark.parametrize("name,words", BROKEN)
def test_broken_input_raises_typed_error(name, words):
    with pytest.raises(ExtractionError) as info:
        extract(BAD / name)
    for word in words:
        assert word in info.value.message()


@pytest.mark.parametrize("name,words", BROKEN)
def test_cli_reports_broken_input_without_traceback(tmp_path, name, words):
    result = CliRunner().invoke(cli, ["extract", str(BAD / name), "-o", str(tmp_path), "--silent"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output


def test_batch_of_files_goes_on_after_a_bad_one(tmp_path):
    files = [str(BAD / "empty.pdf"), str(BAD / "gbk-scheme.txt")]
    result = CliRunner().invoke(cli, ["extract", *files, "-o", str(tmp_path), "--silent"])
    assert result.exit_code == 1
    assert "1 个文件成功，1 个失败" in result.output
    assert (tmp_path / "gbk-scheme.json").exists()


def test_wrong_extension_is_read_by_content():
    raw = extract(BAD / "wrong-extension.pdf")
    assert raw.source.format.value == "docx"
    assert any("坛司发" in b.text for b in raw.blocks)


def test_missing_file():
    with pytest.raises(ExtractionError) as info:
        extract(BAD / "no-such-file.pdf")
    assert "不存在" in info.value.message()
