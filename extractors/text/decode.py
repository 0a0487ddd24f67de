"""Text dumps: bytes → str (encoding detected, not assumed) and per-line artefact cleaning."""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..hanzi import HANZI
from ..errors import EncodingError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Chinese Windows tools save as GBK/GB18030 when they do not write UTF-8; GB18030 is the superset.
_LEGACY = ("gb18030",)
# A real text dump has next to no control characters; garbage that happens to decode has many.
_MAX_CONTROL_RATIO = 0.01
_HINT = "请用记事本或 WPS 将文件“另存为”UTF-8 编码的文本后重试"

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# Markdown bold comes in pairs on a line; a lone '**' is text (a redacted name: '**省').
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_LIST_DASH = re.compile(r"^(\s*)[-–]\s+(?=\S)(?!-)")
# A markdown table's alignment row ('|---|:---:|'): it draws the header's rule, it holds no cells.
_ALIGNMENT_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_SEPARATOR = re.compile(r"^[\s|:：+\-–—=]*$")
# A scan's OCR reads the dashes of "— 2 —" as 一 when they stand alone around the number.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]+\s*\d{1,4}\s*[-—–]+|一\s+\d{1,4}\s+一|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)
# This many full-width bars on a line separate cells; one or two are text (a title's divider).
_FULL_WIDTH_PIPES = 3
_PARA_BREAK = re.compile(r"</p>\s*<p>", re.I)
_PARA_TAG = re.compile(r"</?p>|<br\s*/?>", re.I)
_CJK = f"[{HANZI}]"
_CJK_RE = re.compile(_CJK)
_CJK_GAP = re.compile(rf"(?<={_CJK}) (?={_CJK})")
_LETTER_SPACED = re.compile(rf"(?<!\S){_CJK}(?: {_CJK})+(?!\S)")


def _control_ratio(text: str) -> float:
    """Given decoded text, return the share of control characters other than tab/newline."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return bad / len(text)


def _plausible(text: str) -> bool:
    """Given a candidate decoding, tell whether it reads as text rather than binary."""
    return "\x00" not in text and _control_ratio(text) <= _MAX_CONTROL_RATIO


def _try(data: bytes, encoding: str) -> str | None:
    """Given bytes and an encoding, return the strict decoding when it is plausible text."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _plausible(text) else None


def _normaliser_guess(data: bytes) -> tuple[str, str] | None:
    """Given bytes no fixed candidate decodes, ask charset-normalizer for a confident guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        return None
    text = _try(data, best.encoding)
    if text is None:
        return None
    # Only a guess that yields Chinese is worth keeping; Cyrillic or Latin mojibake is not.
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    cjk = sum(1 for ch in foreign if _CJK_RE.match(ch))
    return (text, best.encoding) if foreign and cjk * 2 >= len(foreign) else None


# A UTF-8 file with a few damaged bytes (a cut download, a bad sector) is still that text.
_MAX_DAMAGED_SHARE = 0.01


def _damaged_utf8(data: bytes, warnings: list[str] | None) -> tuple[str, str] | None:
    """Given bytes that are UTF-8 but for a few damaged sequences, return them decoded with the damage marked."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if not damaged or damaged > _MAX_DAMAGED_SHARE * len(text) or not _plausible(text):
        return None
    if warnings is not None:
        warnings.append(f"文件中有 {damaged} 处字节不是有效的 UTF-8 编码，已替换为“\ufffd”，请与原件核对")
    return text, "utf-8"


def decode_bytes(data: bytes, file: str, warnings: list[str] | None = None) -> tuple[str, str]:
    """Given raw bytes, return (text, encoding): BOM, then strict UTF-8, then GB18030, then a guess,
    then UTF-8 with a few damaged bytes marked (noted in ``warnings``)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is None:
                break
            return text.lstrip("\ufeff"), encoding
    else:
        for encoding in ("utf-8", *_LEGACY):
            text = _try(data, encoding)
            if text is not None:
                return text, encoding
        guess = _normaliser_guess(data) if b"\x00" not in data else None
        if guess is None and b"\x00" not in data:
            guess = _damaged_utf8(data, warnings)
        if guess is not None:
            return guess
    reason = "无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 文本，可能是二进制文件或已损坏）"
    raise EncodingError(file, reason, _HINT)


def normalise_newlines(text: str) -> str:
    """Given decoded text, turn CRLF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_separator(line: str) -> bool:
    """Given a raw line, tell whether it is a markdown rule row (dashes between tabs) or a page number."""
    if _PAGE_NUMBER.match(line):
        return True
    return "-" in line and line.count("-") >= 3 and bool(_SEPARATOR.match(line))


def is_blank(line: str) -> bool:
    """Given a cleaned line, tell whether it holds nothing a reader would see."""
    return not line.strip() or is_separator(line)


def clean_line(line: str) -> str:
    """Given a raw line, drop bookmarks, markdown bold, a leading list dash and a table's alignment row;
    full-width bars separating cells become pipes."""
    if line.count("｜") >= _FULL_WIDTH_PIPES:
        line = line.replace("｜", "|")  # a row typed with an input method's full-width bars
    if _ALIGNMENT_ROW.match(line):
        return ""
    line = _BOOKMARK.sub("", line)
    line = _BOLD.sub(r"\1", line)
    return _LIST_DASH.sub(r"\1", line)


def clean_cell(text: str) -> str:
    """Given a cell's raw text, turn <p> paragraphs into lines and join spaced-out CJK characters."""
    text = _PARA_BREAK.sub("\n", text)
    text = _PARA_TAG.sub("", text)
    lines = [_CJK_GAP.sub("", part.strip()) for part in text.split("\n")]
    return "\n".join(part for part in lines if part)


def unspace_letters(text: str) -> str:
    """Given prose, remove the spaces of letter-spaced runs ('事 项' → '事项'), keeping word gaps."""
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
