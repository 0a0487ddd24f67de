"""Words → lines → text: joining wrapped lines without inventing spaces, page furniture."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Word options shared by every caller so tables and prose see the same words.
# Blank chars stay inside words, so a space appears in text exactly where the PDF has one.
WORD_OPTS = {"x_tolerance": 3, "y_tolerance": 3, "keep_blank_chars": True, "extra_attrs": ["size", "fontname"]}

_LETTER = re.compile(r"[A-Za-z]")
_ALNUM = re.compile(r"[0-9A-Za-z]")
# Numbered starts that open a new paragraph or list item inside prose and cells.
LIST_MARK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳]|附件)"
)
# "— 2 —", "- 2 -", "第 2 页", "第2页 共10页", "2 / 10", a bare page number.
_FURNITURE = re.compile(
    r"^(?:[—－\-–~]+\s*\d+\s*[—－\-–~]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+|\d{1,3})$"
)
MARGIN_FRACTION = 0.12
# "续表", "（续）": a continued table's caption, not content (lets the pieces stitch).
_CONTINUED = re.compile(r"^[（(]?续表?[)）]?[:：]?$")


@dataclass(slots=True)
class Line:
    """One visual line of words, left to right."""

    words: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str = field(default="")


def is_bold(fontname: str) -> bool:
    """Given a PDF font name, tell whether it names a bold or black face."""
    name = fontname.lower()
    return any(tag in name for tag in ("bold", "black", "heavy", "hei", ",b"))


def group_lines(words: list[dict]) -> list[Line]:
    """Given words (any order), group those sharing a baseline band into lines, top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            # Same line when the vertical overlap is most of the shorter word's height.
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]):
                last.append(word)
                continue
        lines.append([word])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
        sizes = [w.get("size", w["bottom"] - w["top"]) for w in ws]
        line = Line(
            words=ws,
            x0=ws[0]["x0"],
            x1=max(w["x1"] for w in ws),
            top=min(w["top"] for w in ws),
            bottom=max(w["bottom"] for w in ws),
            size=max(sizes),
            bold=all(is_bold(w.get("fontname", "")) for w in ws),
        )
        line.text = join_words(ws)
        out.append(line)
    return out


def join_words(words: list[dict]) -> str:
    """Given the words of one line, join them; a gap becomes a space only between Latin letters or digits."""
    out = ""
    prev = None
    for word in words:
        text = word["text"]
        if prev is not None and out and text:
            gap = word["x0"] - prev["x1"]
            size = word.get("size", 10)
            latin = _ALNUM.match(out[-1]) and _ALNUM.match(text[0])
            if (latin and gap >= 0.2 * size) or gap >= 2 * size:
                out += " "
        out += text
        prev = word
    # A trailing space is kept: at a line end it is the real space the wrap swallowed.
    return re.sub(r" {2,}", " ", out).lstrip()


def join_lines(texts: list[str], breaks: list[bool] | None = None) -> str:
    """Given wrapped lines of one paragraph or cell, join them without inventing spaces.

    A line that starts with a list marker ("2.", "（三）"), or where ``breaks`` says a new
    paragraph starts, goes on a new line; a space is kept where the PDF put one at the end of
    the line before, or where two Latin letters meet across the wrap.
    """
    out = ""
    trailing = False
    for i, raw in enumerate(texts):
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
        elif LIST_MARK.match(text) or (breaks is not None and breaks[i]):
            out += "\n" + text
        elif trailing or (_LETTER.match(out[-1]) and _LETTER.match(text[0])):
            out += " " + text
        else:
            out += text
        trailing = raw.endswith(" ")
    return out


# The unbreakable start of a line: a Latin/number run, or one character with the closing
# punctuation that may not begin a line.
_FIRST_TOKEN = re.compile(r"^(?:[0-9A-Za-z.,%/+\-]+|.[）)】」』”’，。、；：！？%]*)")


def paragraph_breaks(lines: list[Line]) -> list[bool]:
    """Given the lines of one cell, flag those that start a new paragraph.

    The previous line ended a paragraph when the room left on it (against the cell's widest
    line) would have held this line's first unbreakable piece.
    """
    widest = max(l.x1 - l.x0 for l in lines)
    flags = [False]
    for prev, line in zip(lines, lines[1:]):
        word = line.words[0]
        token = _FIRST_TOKEN.match(word["text"].strip() or " ").group(0)
        token_width = (word["x1"] - word["x0"]) * len(token) / max(len(word["text"].strip()), 1)
        flags.append(widest - (prev.x1 - prev.x0) >= token_width + 0.5 * line.size)
    return flags


def is_furniture(line: Line, page_height: float) -> bool:
    """Given a line, tell whether it is a page number/header/footer in the margin, or a "续表" caption."""
    text = line.text.replace(" ", "")
    in_margin = line.bottom > page_height * (1 - MARGIN_FRACTION) or line.top < page_height * MARGIN_FRACTION
    return (in_margin and bool(_FURNITURE.match(text))) or bool(_CONTINUED.match(text))


_HEADING_LEVELS = (
    (re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、.．]|附件\s*\d*)"), 1),
    (re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]"), 2),
    (re.compile(r"^\s*(?:\d+[、.．](?!\d)|[（(]\d+[)）]|[①-⑳])"), 3),
)
HEADING_MAX_CHARS = 40


def paragraphs(lines: list[Line], left: float, right: float, body_size: float) -> list[list[Line]]:
    """Given the prose lines of a page, top to bottom, split them into paragraphs.

    A paragraph ends where a line stops short of the right margin, and a new one starts on
    indentation, a larger gap, a size or weight change, or a numbered start ("一、", "1.").
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _continues(groups[-1][-1], line, left, right, body_size):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(prev: Line, line: Line, left: float, right: float, body_size: float) -> bool:
    """Given two consecutive lines, tell whether the second continues the first's paragraph."""
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    if line.top - prev.bottom > 1.2 * size:
        return False
    if size >= 1.2 * body_size:
        # Display lines (titles) are centred: each short and indented, yet one block.
        return True
    return (
        prev.x1 >= right - 1.5 * size
        and line.x0 <= left + size
        and not LIST_MARK.match(line.text)
    )


def block_label(text: str, lines: list[Line], body_size: float, right: float) -> tuple[str, int | None]:
    """Given a paragraph's text and lines, return its label (title/heading/list_item/paragraph) and level."""
    size = max(line.size for line in lines)
    # Headings are short, stop before the margin and do not end like a sentence.
    short = len(text) <= HEADING_MAX_CHARS and lines[-1].x1 < right - 2 * size and text[-1] not in "。；;"
    if size >= 1.2 * body_size:
        return "title", None
    for pattern, level in _HEADING_LEVELS:
        if pattern.match(text):
            # "1." numbers both sub-headings and list items: only a very short or bold one heads.
            heads = short and (level < 3 or len(text) <= 12 or lines[0].bold)
            return ("heading", level) if heads else ("list_item", level)
    if all(line.bold for line in lines) and short:
        return "heading", None
    return "paragraph", None
