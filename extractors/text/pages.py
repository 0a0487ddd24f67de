"""Page artefacts of copied documents: the page numbers a copy wrote into the running text.

Document sites serve a file as one long line per page, each opening with the page number and a
顿号 ("1、", "2、" …), wherever the page happens to cut the text — mid-word, mid-cell, mid-number.
Those numbers are no part of the document: a page line is joined to the text it continues. PDF
copies leave "— 2 —" footers between words. Both are removed before anything is recognised.
"""
from __future__ import annotations

import re

_PAGE_MARK = re.compile(r"^\s*(\d{1,3})、")
_INLINE_FOOTER = re.compile(r"(?<=\s)[—–-]{1,2}\s?\d{1,3}\s?[—–-]{1,2}(?=\s|$)")
_FOOTER_LINE = re.compile(r"^\s*[—–-]{1,2}\s?\d{1,3}\s?[—–-]{1,2}\s*$")
_SENTENCE_END = re.compile(r"[。；;！？!?”」）)]$")
# A page of running text is long; numbered paragraphs of a document rarely all are.
PAGE_MIN_CHARS = 200


def _page_lines(lines: list[str]) -> list[int]:
    """Given lines, return the indexes of the lines that open pages 1, 2, 3 … in order, or [].

    Pages follow each other with nothing but blank lines between, each (but the last) is long, and
    a page ends wherever the page did, mostly mid-sentence; a document's own long numbered
    paragraphs end their sentences and have other lines between them.
    """
    found: list[int] = []
    for i, line in enumerate(lines):
        m = _PAGE_MARK.match(line)
        if m is None or int(m.group(1)) != len(found) + 1:
            continue
        if found and (len(lines[found[-1]].strip()) < PAGE_MIN_CHARS
                      or any(lines[k].strip() for k in range(found[-1] + 1, i))):
            break
        if not found and len(line.strip()) < PAGE_MIN_CHARS:
            continue
        found.append(i)
    ends = [lines[i].rstrip() for i in found[:-1]]
    if len(found) < 2 or sum(1 for e in ends if _SENTENCE_END.search(e)) * 2 > len(ends):
        return []
    return found


def join_pages(lines: list[str]) -> list[str]:
    """Given cleaned lines, return them with page-number openings removed and each page line joined
    to the line it continues (the joined line becomes blank, so line numbers stay); inline footers
    and footer lines are dropped."""
    out = ["" if _FOOTER_LINE.match(line) else _INLINE_FOOTER.sub("", line) for line in lines]
    for n, i in enumerate(_page_lines(out)):
        text = _PAGE_MARK.sub("", out[i], count=1)
        prev = i - 1
        while prev >= 0 and not out[prev].strip():
            prev -= 1
        if n == 0 or prev < 0:
            out[i] = "\f" + text  # a page break: the text before it (site furniture) is not continued
        else:
            out[prev] = out[prev].rstrip("\n") + text.strip()
            out[i] = ""
    return out
