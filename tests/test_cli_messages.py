"""The command line speaks Chinese: usage errors, help texts, warnings (and --quiet), progress only on a terminal."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import COMMANDS, cli

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ENGLISH = ("Usage:", "Options", "Show this message", "[OPTIONS]", "Missing argument", "Error:", "Try '")
HELP = [[name, "--help"] for name in COMMANDS] + [["events", "synth", "--help"], ["rules", "import", "--help"],
                                                  ["rules", "parse", "--help"], ["--help"]]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="kaoping", catch_exceptions=False)


@pytest.mark.parametrize("args", HELP, ids=" ".join)
def test_help_is_chinese(args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：") and "选项：" in result.output and "显示本帮助并退出" in result.output
    assert not [word for word in ENGLISH if word in result.output]


def test_rules_help_documents_rules_file_out():
    text = invoke("rules", "--help").output
    assert "kaoping rules FILE... [-o 规则手册.yaml|规则手册.xlsx|目录]" in text
    assert "rules FILE 的选项：" in text and "-o, --out 路径" in text and "kaoping rules 方案.docx -o 规则手册.xlsx" in text


# (arguments, words the error must contain): usage errors say what is missing, in Chinese, with exit status 2.
USAGE_ERRORS = [
    (["extract"], "缺少参数 FILES"),
    (["score"], "缺少参数 RULEBOOK"),
    (["score", "book.yaml"], "缺少参数 EVENTS"),
    (["check"], "缺少参数 FILE"),
    (["lint"], "缺少参数 FILES"),
    (["compare"], "缺少参数 SCHEMES"),
    (["diff", "old.docx"], "缺少参数 NEW"),
    (["batch"], "缺少参数 PATHS"),
    (["query"], "缺少参数 SQL"),
    (["events", "synth"], "缺少参数 RULEBOOK"),
    (["rules", "import", "book.xlsx"], "缺少选项 -o / --out"),
    (["extract", "--bogus", "x.docx"], "没有选项 '--bogus'"),
    (["events", "synth", "book.yaml", "--units", "许多"], "'许多' 不是有效的整数"),
    (["batch", "不存在的文件夹"], "不存在"),
    (["frobnicate"], "没有子命令 'frobnicate'"),
]


@pytest.mark.parametrize("args, words", USAGE_ERRORS, ids=lambda a: " ".join(a) if isinstance(a, list) else a)
def test_usage_errors_are_chinese(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    Path("book.xlsx").write_bytes(b"")
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "错误：" in result.output and words in result.output, result.output
    assert "用法：" in result.output and not [word for word in ENGLISH if word in result.output]


def test_extract_shows_warnings_and_quiet_hides_them(tmp_path):
    doc = CORPUS / "docs" / "jintan-2017-zhenggai.docx"
    shown = invoke("extract", str(doc), "-o", str(tmp_path))
    assert shown.exit_code == 0 and "警告 1 条" in shown.output
    warning_lines = [line for line in shown.output.splitlines() if line.startswith("  ⚠ ")]
    assert len(warning_lines) == 1 and len(warning_lines[0]) > 10
    quiet = invoke("extract", str(doc), "-o", str(tmp_path), "--quiet")
    assert quiet.exit_code == 0 and "警告 1 条" in quiet.output and "⚠" not in quiet.output


def test_no_progress_bars_when_output_is_not_a_terminal(tmp_path):
    docs = [str(CORPUS / "docs" / name) for name in ("wujin-2021-jixiao.docx", "jintan-2017-zhenggai.docx")]
    result = invoke("extract", *docs, "-o", str(tmp_path))
    assert result.exit_code == 0
    assert not [s for s in ("%|", "it/s", "个/s", "\r") if s in result.output]


def test_progress_bar_per_scanned_page_on_a_terminal(monkeypatch, capsys):
    from extractors.progress import page_done
    from pipeline.commands import common

    monkeypatch.setattr(common, "interactive", lambda: True)
    with common.page_progress("识别扫描页", silent=False):
        for done in (1, 2, 3):
            page_done("扫描件.pdf", done, 3)
    err = capsys.readouterr().err
    assert "识别扫描页：扫描件.pdf" in err and "3/3" in err
    with common.page_progress("识别扫描页", silent=True):
        page_done("扫描件.pdf", 1, 3)
    assert capsys.readouterr().err == ""


def test_ocr_reports_each_page():
    from extractors.ocr import pages as ocr
    from extractors.progress import listening

    seen: list[tuple] = []
    with listening(lambda *args: seen.append(args)):
        ocr.ocr_pages(CORPUS / "variants" / "wujin-2021-jixiao-scan.pdf", [5])
    assert seen == [("wujin-2021-jixiao-scan.pdf", 1, 1)]


def test_unwritable_output_is_one_chinese_line(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("不是文件夹", encoding="utf-8")
    result = invoke("extract", str(CORPUS / "docs" / "wujin-2021-jixiao.docx"), "-o", str(blocker))
    assert result.exit_code == 1
    # Checked once before any file is read: the line names the output and says to give a folder.
    assert str(blocker) in result.output and "是一个文件" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
