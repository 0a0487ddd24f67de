"""Which PDF pages need OCR: no text layer on a page that shows something, or an unreadable one.

Light on purpose (no numpy, no image libraries): every PDF page is judged here, and most never
need OCR, so the OCR stack loads only for the pages that do.
"""
from __future__ import annotations

import unicodedata

OCR_WARNING = "第{pages}页没有可用的文字层，文字由 OCR 识别得到，可能有错字，请与原件核对"
GARBLED_SHARE = 0.3
MIN_CHARS = 10
# A scanned attachment inside an exported PDF keeps the Word page number as its only text.
FURNITURE_CHARS = 40
PICTURE_SHARE = 0.5
# A page without a text layer is a scan when a picture covers this share of it …
SCAN_SHARE = 0.1
# … or when its text was drawn as outlines: a glyph is a curve, and a page of text has hundreds.
OUTLINED_GLYPHS = 100


def needs_ocr(page) -> bool:
    """Given a pdfplumber page, tell whether its text must come from OCR.

    True when it shows something but has no text layer (a scan, text drawn as outlines), has an
    unreadable one, or is a page-sized picture whose only text is a few characters of furniture
    (a page number added when the scan was inserted). A text layer that is there and readable is
    trusted, in any script; a page with nothing on it is blank, not a scan.
    """
    chars = page.chars
    if not chars:
        return _pictured(page, SCAN_SHARE) or len(getattr(page, "curves", ())) >= OUTLINED_GLYPHS
    if is_garbled(chars):
        return True
    if sum(1 for c in chars if c["text"].strip()) > FURNITURE_CHARS:
        return False
    return _pictured(page, PICTURE_SHARE)


def _pictured(page, share: float) -> bool:
    """Given a page, tell whether pictures cover at least ``share`` of it."""
    covered = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in page.images)
    return covered >= share * float(page.width) * float(page.height)


def is_garbled(chars: list[dict]) -> bool:
    """Given a page's pdfplumber chars, tell whether its text layer is unreadable (unmapped glyphs, mojibake)."""
    texts = [c["text"] for c in chars if c["text"].strip()]
    if len(texts) < MIN_CHARS:
        return False
    odd = sum(1 for t in texts if t.startswith("(cid:") or _odd_char(t[0]))
    if odd > GARBLED_SHARE * len(texts):
        return True
    # A font without a Unicode map often yields ASCII symbols in place of Han characters; letters
    # and digits of any script are text (an English or Russian annex is no scan).
    han = sum(1 for t in texts if _is_han(t[0]))
    letters = sum(1 for t in texts if t[0].isalnum())
    return han < 0.05 * len(texts) and letters < 0.5 * len(texts)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _odd_char(ch: str) -> bool:
    """Given a character, tell whether it is one a Chinese document's text layer should not hold."""
    if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff":
        return True
    # Latin-1 and Latin Extended letters are what GBK bytes read as Latin-1 look like.
    return "\u00c0" <= ch <= "\u024f" or unicodedata.category(ch) in ("Cc", "Co", "Cn")
