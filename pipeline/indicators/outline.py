"""Numbered prose outlines: item markers (一、/（一）/1./（1）/⑴/1）/①/5.2.1/第一条) found at the start of a
block or inside a run-on paragraph, nested by the order in which their styles first appear."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.raw import BlockLabel, TextBlock

from .text import PINYIN

_CN = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate(_CN, 1)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"  # '⑴' as one character: （1） set in a single glyph

# One alternative per marker style; the style's name is the group that matched.
_MARKER = re.compile(
    r"(?P<chap>第[一二三四五六七八九十百零〇\d]{1,4}(?:[章条條节節部分]{1,2}|[项項](?!目)))\s*"
    rf"|(?P<pcn>[（(]\s*(?:[{_CN}]{{1,3}}|[-－—])\s*[）)])\s*"  # '(-)': 一 as a text layer or OCR gives it
    r"|(?P<pnum>[（(]\s*\d{1,2}\s*[）)])[、.．]?\s*"
    rf"|(?P<cn>[{_CN}]{{1,3}}\s*[、.．])\s*"
    r"|(?P<dot>\d{1,2}(?:\s*[.．]\s*\d{1,2}){1,3})(?![\d.．%])\s*"
    r"|(?P<num>(?:\d{1,2}|[lI](?=、))\s*[、.．])(?![\d%])\s*"
    r"|(?P<nump>\d{1,2}\s*[）)])\s*"
    rf"|(?P<circ>[{_CIRCLED}])\s*"
    rf"|(?P<pglyph>[{_PARENTHESIZED}])\s*"
    r"|(?P<lost>[（(]\s*[）)])\s*"  # '()…': a bracketed number a converter lost, at a line's start only
)
# Where an inline marker may begin: after white space or the end of a clause or of a bracket.
_BOUNDARY = set(" \t\u3000。；;：:！!？?）)」”\"'‘’】]")
_BRACKETED = ("pcn", "pnum", "circ", "pglyph", "chap")
# A marker must be followed by text (a CJK character, a quote, a bracket or a letter), not by a number.
_AFTER = re.compile(r"[\u4e00-\u9fff“\"《（(A-Za-z【*＊]")
_COUNT_AFTER = re.compile(r"\d{1,4}\s*(?![分%％\d])[\u4e00-\u9fff]")
_ALLOC_HINT = re.compile(r"\d\s*分")
_SCORED_HINT = re.compile(r"\d\s*分|权重|權重|\d\s*[%％]")
# The usual order of numbering styles, outermost first ('plain' headings sit above all of them).
_RANK = {"plain": -1, "chap部分": 0, "chap部": 0, "chap章": 0.2, "chap节": 0.4, "chap節": 0.4, "chap条": 0.6,
         "chap條": 0.6, "chap项": 3, "chap項": 3, "cn": 1, "pcn": 2, "num": 3, "pnum": 4, "lost": 4, "pglyph": 4, "nump": 5, "circ": 6}
MAX_EXCERPT = 9  # a scored item opening a line may start an excerpt of a list this far in
MAX_GAP = 3  # an outline may skip a few numbers (an excerpt, a lost line), never many


def cn_value(text: str) -> int | None:
    """Given '三', '十二', '二十' (or '-', a dash read for 一), return the number; None for anything else."""
    text = re.sub(r"[^一二三四五六七八九十百零〇\d]", "", re.sub(r"^([（(]\s*)[-－—](\s*[）)])$", r"\1一\2", text))
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_VALUE for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)
    return _CN_VALUE[text] if len(text) == 1 else None


@dataclass
class Marker:
    """An item marker found in a text: its style, ordinal and character span."""

    style: str
    ordinal: int
    text: str
    start: int
    end: int  # where the item's own text begins


def _marker_at(text: str, i: int, line_start: bool = False) -> Marker | None:
    """Given a text and an offset, return the marker starting there, or None; a marker opening a line may
    be followed by a count ('2）5类重点违法查处情况'), never by points ('2、3分')."""
    m = _MARKER.match(text, i)
    if not m or m.end() >= len(text) or not (_AFTER.match(text, m.end())
                                             or line_start and _COUNT_AFTER.match(text, m.end())):
        return None
    style = m.lastgroup
    raw = m.group(style)
    if style == "dot":
        parts = re.split(r"\s*[.．]\s*", raw)
        style, ordinal = f"dot{len(parts)}:" + ".".join(parts[:-1]), int(parts[-1])
    elif style in ("circ", "pglyph"):
        ordinal = (_CIRCLED if style == "circ" else _PARENTHESIZED).index(raw) + 1
    elif style == "chap":
        unit = re.sub(r"^第[^章条條节節部项項]+", "", raw)
        style, ordinal = f"chap{unit}", cn_value(raw[1:-len(unit)])
    elif style in ("pcn", "cn"):
        ordinal = cn_value(raw)
    elif style == "lost":
        ordinal = 1  # counted where it is placed: the next of its open level
    else:
        digits = re.sub(r"\D", "", raw)
        ordinal = int(digits) if digits else 1  # 'l、': a letter read for the digit 1
    if not ordinal:
        return None
    return Marker(style, ordinal, raw.strip(), i, m.end())


def find_markers(text: str, at_start_only: bool = False) -> list[Marker]:
    """Given a block's text, return the candidate markers: at its start, and inline after a boundary."""
    debris = {j for p in PINYIN.finditer(text) for j in range(p.start(), p.end())}
    out: list[Marker] = []
    lead = len(text) - len(text.lstrip())
    first = _marker_at(text, lead, line_start=True)
    if first:
        out.append(first)
    if at_start_only:
        return out
    for i in range(lead + 1, len(text)):
        if i in debris or (out and i < out[-1].end):
            continue
        prev = text[i - 1]
        m = _marker_at(text, i) if text[i] in "第（(" or text[i] in _CIRCLED or text[i] in _PARENTHESIZED \
            or text[i].isdigit() or text[i] in _CN else None
        if m is None or m.style == "lost":
            continue
        # '第二项' inside a sentence refers to an item ('第二项得分…'); it opens one only after a boundary.
        chapter = m.style.startswith("chap") and m.style not in ("chap项", "chap項")
        if m.style in _BRACKETED or chapter or prev in _BOUNDARY or prev == "分":
            out.append(m)
    return out


@dataclass
class Item:
    """One outline item: its marker, its own text (up to the next marker) and the items under it."""

    marker: Marker | None
    text: str
    prov: ProvenanceItem
    depth: int = 0
    body: list[tuple[str, ProvenanceItem]] = field(default_factory=list)  # unnumbered paragraphs below it
    children: list["Item"] = field(default_factory=list)
    parent: "Item | None" = None
    line_start: bool = False  # the marker opened a block (a heading or list line), not a run-on paragraph

    @property
    def number(self) -> str | None:
        """The marker as a reader writes it: '1' for '1、', '(一)' for '(一)', '一' for '一、'."""
        if self.marker is None or self.marker.style == "plain":
            return None
        return re.sub(r"[、.．\s]+$", "", self.marker.text)


class _Stack:
    """Open styles, outermost first, each with the last ordinal it reached."""

    def __init__(self) -> None:
        self.levels: list[list] = []  # [style, last ordinal, item, ordinals used]
        self.last_seen: dict[str, int] = {}  # a style's last ordinal, also after its level closed
        self.plain = 0

    def next_plain(self) -> int:
        """Number the next unnumbered heading."""
        self.plain += 1
        return self.plain

    def place(self, m: Marker, line_start: bool, scored: bool = False) -> int | None:
        """Given a candidate marker, return the depth it takes, or None when it breaks the sequence."""
        styles = [lv[0] for lv in self.levels]
        if m.style == "lost":
            # A lost number goes on from the last one of its open level (there is no number to break it).
            m.ordinal = self.levels[styles.index("lost")][1] + 1 if "lost" in styles else 1
        if m.style == "plain":
            # An unnumbered heading is a level above the numbered items, under a wrapper heading at most.
            if "plain" in styles:
                return styles.index("plain")
            top = self.levels[0][2] if self.levels else None
            return 1 if top is not None and not is_plain_heading(top.text) and not _ALLOC_HINT.search(top.text) else 0
        if m.style in styles:
            k = len(styles) - 1 - styles[::-1].index(m.style)
            last = self.levels[k][1]
            if last < m.ordinal <= last + MAX_GAP:
                return k
            if line_start and 1 < m.ordinal < last and m.ordinal not in self.levels[k][3]:
                return k  # '1）3）4）2）': an item listed late fills the gap its number left
            if m.ordinal == 1 and (k == 0 or k == len(styles) - 1):
                return k  # the outline starts again (an outline, then the body that repeats it)
            if m.ordinal == 1:
                return len(styles)  # a style reused deeper down: a new level
            return None
        if m.style.startswith("dot"):
            parent = m.style.split(":", 1)[1]
            ok = any(lv[2].marker and _dotted(lv[2].marker) == parent for lv in self.levels)
            return len(self.levels) if ok or (line_start and m.ordinal <= MAX_GAP) else None
        depth = self.new_depth(m.style)
        if m.ordinal <= (MAX_GAP if line_start else 2):
            return depth
        if line_start and m.ordinal <= MAX_EXCERPT and scored:
            return depth  # an excerpt that skips items ('4、…，1分' after a heading)
        last = self.last_seen.get(m.style)
        if last is not None and last < m.ordinal <= last + MAX_GAP:
            return depth  # numbering that runs on across headings (3. after 二、 after 2.)
        return None

    def new_depth(self, style: str) -> int:
        """Given a style not open yet, return its depth: below the open levels, unless by the usual order of
        Chinese outlines (第X章 > 一、 > （一） > 1. > （1） > 1） > ①) it ranks above some of them — '一、'
        after a list of site notices '1、…4、' starts the outline, it does not nest in the notices."""
        rank = _RANK.get(style)
        if rank is None:
            return len(self.levels)
        above = 0
        for level in self.levels:
            other = _RANK.get(level[0])
            if other is None or other < rank:
                above += 1
            else:
                break
        return above

    def open(self, depth: int, m: Marker, item: Item) -> None:
        """Record ``item`` at ``depth``; deeper levels close."""
        same = depth < len(self.levels) and self.levels[depth][0] == m.style
        used = self.levels[depth][3] if same else set()
        last = max(m.ordinal, self.levels[depth][1]) if same else m.ordinal
        if same and m.ordinal == 1:
            used, last = set(), 1  # the numbering starts again
        del self.levels[depth:]
        self.levels.append([m.style, last, item, used | {m.ordinal}])
        self.last_seen[m.style] = last


def _dotted(m: Marker) -> str:
    """Given a dotted marker ('5.2'), return its number path."""
    return re.sub(r"\s", "", m.text).replace("．", ".").rstrip(".")


# An item closing on its points ('…以上的,2分') is closed as well: '2、' after it numbers the next item.
_CLOSED = re.compile(r"(?:[。；;！!？?：:）)」”\"】\]…]|\d\s*分)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*、")


def strip_page_markers(blocks: list[TextBlock]) -> tuple[list[TextBlock], set[int]]:
    """Given prose blocks, drop the page numbers a document site puts at line starts ('2、' cutting a sentence);
    return the blocks and the indexes of those that continue the sentence the block before left open.

    They count 1, 2, 3 … over the document, and most of them open a line that continues the one before.
    """
    run = [(n, m) for n, b in enumerate(blocks) if (m := _PAGE_NUMBER.match(b.text))]
    if len(run) < 2 or [int(m.group(1)) for _, m in run] != list(range(1, len(run) + 1)):
        return blocks, set()
    continued = {n for n, _ in run[1:] if n > 0 and not _CLOSED.search(blocks[n - 1].text)}
    if len(continued) < max(1, (len(run) - 1) / 2):
        return blocks, set()
    out = list(blocks)
    for n, m in run:
        out[n] = out[n].model_copy(update={"text": out[n].text[m.end():]})
    return out, continued


def parse_outline(blocks: list[TextBlock]) -> list[Item]:
    """Given prose blocks in order, return the outline's top-level items (a root's children).

    Markers are accepted when they continue the numbering of their style (1 after none, n+1 after n, a
    few numbers skipped at most); others stay part of the text. Unnumbered paragraphs go to the body
    of the item above them.
    """
    root = Item(None, "", ProvenanceItem(file=""), depth=-1)
    stack = _Stack()
    current = root
    blocks, continued = strip_page_markers(blocks)
    for n_block, block in enumerate(blocks):
        text = block.text
        accepted: list[tuple[Marker, Item]] = []
        lead = len(text) - len(text.lstrip())
        markers = find_markers(text)
        if not markers and (is_plain_heading(text) or _styled_heading(block, blocks[n_block + 1:n_block + 2])):
            markers = [Marker("plain", stack.next_plain(), "", lead, lead)]
        for m in markers:
            line_start = m.start == lead
            depth = stack.place(m, line_start, bool(_SCORED_HINT.search(text[m.end:])))
            if depth is None:
                continue
            if accepted and len(text[accepted[-1][0].end:m.start].strip()) < 2:
                continue  # two markers with nothing between them: the second is part of the text
            item = Item(m, "", _prov(block, m.start), depth=depth, line_start=line_start)
            stack.open(depth, m, item)
            accepted.append((m, item))
            parent = stack.levels[depth - 1][2] if depth > 0 else root
            item.parent = parent
            parent.children.append(item)
        lead_end = accepted[0][0].start if accepted else len(text)
        if text[:lead_end].strip() and current is not root:
            if n_block in continued and not current.body:
                current.text += text[:lead_end].strip()  # the sentence a page break cut goes on
            else:
                current.body.append((text[:lead_end].strip(), _prov(block, 0)))
        for n, (m, item) in enumerate(accepted):
            end = accepted[n + 1][0].start if n + 1 < len(accepted) else len(text)
            item.text = text[m.end:end].strip()
            item.prov = _prov(block, m.end, end)
            current = item
    return root.children


_PLAIN_HEADING = re.compile(r"^[^。；;，,：:]{2,24}[（(【〔]\s*\d+(?:\.\d+)?\s*分\s*[）)】〕]$")


_HEADING_WORDS = re.compile(r"^[^。；;，,：:、（()）]{2,16}$")


def _styled_heading(block: TextBlock, after: list[TextBlock]) -> bool:
    """Given an unnumbered block and the one after it, tell whether it is a heading over the numbered items
    that follow: styled as a heading (a Word heading style), a few words, no sentence, not an attachment's."""
    text = PINYIN.sub("", block.text.strip())
    return block.label is BlockLabel.HEADING and bool(_HEADING_WORDS.match(text)) and not text.startswith("附") \
        and bool(after) and bool(find_markers(after[0].text, at_start_only=True))


def is_plain_heading(text: str) -> bool:
    """Given an unnumbered block, tell whether it heads the items below it ('环境质量指标（35分）')."""
    return bool(_PLAIN_HEADING.match(PINYIN.sub("", text.strip())))


def _prov(block: TextBlock, start: int, end: int | None = None) -> ProvenanceItem:
    """Given a block and a character range in it, return the provenance of that range."""
    end = len(block.text) if end is None else end
    return block.prov.model_copy(update={"charspan": (start, end)})


def walk(items: list[Item]):
    """Given top-level items, yield every item depth first."""
    for item in items:
        yield item
        yield from walk(item.children)
