"""Page artefacts of copied documents: the page numbers a copy wrote into the running text.

Document sites serve a file as one long line per page, each opening with the page number and a
顿号 ("1、", "2、" …), wherever the page happens to cut the text — mid-word, mid-cell, mid-number.
Those numbers are no part of the document: a page line is joined to the text it continues. PDF
copies leave "— 2 —" footers between words, and print a running head (the issuer, a document number)
at the top of every page. All are removed before anything is recognised.
"""
from __future__ import annotations

import re

from .decode import is_blank
from .grid import squash
from .headers import is_header_name

_PAGE_MARK = re.compile(r"^\s*(\d{1,3})、")
_INLINE_FOOTER = re.compile(r"(?<=\s)[—–-]{1,2}\s?\d{1,3}\s?[—–-]{1,2}(?=\s|$)")
_FOOTER_LINE = re.compile(r"^\s*[—–-]{1,2}\s?\d{1,3}\s?[—–-]{1,2}\s*$")
_SENTENCE_END = re.compile(r"[。；;！？!?”」）)]$")
_PIECE_GAP = re.compile(r"\s{2,}|\t|\u3000+|[|｜]")
HEADER_SHARE = 0.6
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


def _page_tops(lines: list[str]) -> list[int]:
    """Given lines, return the index of the first non-blank line of each page: the text's first, and
    the first after a form feed or after a page-number footer."""
    tops: list[int] = []
    fresh = True
    for i, line in enumerate(lines):
        if line.startswith("\f"):
            fresh = True
        if not is_blank(line):
            if fresh:
                tops.append(i)
            fresh = False
        elif line.strip():
            fresh = True  # a page-number footer: the next text opens a page
    return tops


def _names_columns(line: str) -> bool:
    """Given a line, tell whether it is a table header: most of its pieces are column names."""
    pieces = [squash(p) for p in _PIECE_GAP.split(line) if p.strip()]
    return len(pieces) >= 2 and sum(1 for p in pieces if is_header_name(p)) >= HEADER_SHARE * len(pieces)


def drop_running_heads(lines: list[str]) -> list[str]:
    """Given lines, blank the running head repeated at the top of later pages (a form feed stays, so the
    page break is still seen); its first copy stays as the document's own line.

    A page top is a running head only when the same line opens at least two pages and is not a row of
    column names (a table's header repeated on each page is read by the table's recogniser)."""
    tops = [i for i in _page_tops(lines) if not _names_columns(lines[i])]
    seen: dict[str, int] = {}
    for i in tops:
        seen[squash(lines[i])] = seen.get(squash(lines[i]), 0) + 1
    out = list(lines)
    first: set[str] = set()
    for i in tops:
        key = squash(lines[i])
        if seen[key] < 2:
            continue
        if key in first:
            out[i] = "\f" if lines[i].startswith("\f") else ""
        first.add(key)
    return out


def join_pages(lines: list[str]) -> list[str]:
    """Given cleaned lines, return them with page-number openings removed and each page line joined
    to the line it continues (the joined line becomes blank, so line numbers stay); inline footers
    and footer lines are dropped."""
    out = drop_running_heads(["" if _FOOTER_LINE.match(line) else _INLINE_FOOTER.sub("", line) for line in lines])
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
