"""WordprocessingML paragraphs: visible text of a w:p and the formatting that labels it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"

# Subtrees whose text is not part of the paragraph as displayed: deleted revisions, the
# legacy duplicate of drawings, text boxes (emitted as blocks of their own), field codes.
_SKIP = {
    f"{W}del", f"{W}moveFrom", f"{{{MC_NS}}}Fallback", f"{W}txbxContent", f"{W}pPr", f"{W}rPr",
    f"{W}instrText", f"{W}delInstrText", f"{W}sdtPr", f"{W}sdtEndPr",
}
_FALSE = {"0", "false", "off", "none"}


def wval(el: etree._Element | None, attr: str = "val") -> str | None:
    """Given a w: element, return its w:<attr> value (None when the element or attribute is absent)."""
    return None if el is None else el.get(f"{W}{attr}")


def is_on(el: etree._Element | None) -> bool | None:
    """Given an OOXML toggle (w:b, w:tblHeader …), return True/False, or None when it is absent."""
    if el is None:
        return None
    return (wval(el) or "true").lower() not in _FALSE


class Styles:
    """Paragraph/character styles of a document, resolved through their basedOn chains."""

    def __init__(self, root: etree._Element | None):
        self._by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self._doc_rpr = None
        if root is None:
            return
        for st in root.iter(f"{W}style"):
            sid = st.get(f"{W}styleId")
            if sid:
                self._by_id[sid] = st
                if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") in ("1", "true"):
                    self.default_para = sid
        self._doc_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def name(self, sid: str | None) -> str:
        """Given a style id, return its lower-cased display name ('' when unknown)."""
        st = self._by_id.get(sid or "")
        name = wval(st.find(f"{W}name")) if st is not None else None
        return (name or sid or "").strip().lower()

    def chain(self, sid: str | None) -> Iterator[etree._Element]:
        """Given a style id, yield the style and its basedOn ancestors (cycle-safe)."""
        seen: set[str] = set()
        while sid and sid not in seen and sid in self._by_id:
            seen.add(sid)
            st = self._by_id[sid]
            yield st
            sid = wval(st.find(f"{W}basedOn"))

    def para_prop(self, sid: str | None, tag: str) -> etree._Element | None:
        """Given a paragraph style id, return the nearest w:pPr/<tag> along its chain."""
        for st in self.chain(sid):
            found = st.find(f"{W}pPr/{W}{tag}")
            if found is not None:
                return found
        return None

    def run_prop(self, rstyle: str | None, pstyle: str | None, tag: str) -> etree._Element | None:
        """Given run and paragraph style ids, return the inherited w:rPr/<tag>."""
        for sid in (rstyle, pstyle):
            for st in self.chain(sid):
                found = st.find(f"{W}rPr/{W}{tag}")
                if found is not None:
                    return found
        return self._doc_rpr.find(f"{W}{tag}") if self._doc_rpr is not None else None


@dataclass
class Para:
    """What a paragraph shows and how it looks, enough to label it."""

    text: str
    style: str = ""
    outline_level: int | None = None
    list_level: int | None = None
    centered: bool = False
    bold: bool = False
    size: float | None = None
    red: bool = False


def iter_runs(el: etree._Element) -> Iterator[etree._Element]:
    """Given a paragraph (or inline container), yield its visible w:r runs in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}r":
            yield child
        elif tag == f"{W}sdt" and is_placeholder(child):
            continue
        else:
            # hyperlinks, insertions, smart tags, inline content controls, simple fields …
            yield from iter_runs(child)


def run_text(run: etree._Element) -> str:
    """Given a w:r, return its text with w:tab → TAB and w:br/w:cr → newline."""
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def text_boxes(p: etree._Element) -> list[etree._Element]:
    """Given a paragraph, return the w:txbxContent elements anchored in it (not their legacy copies)."""
    out = []
    for box in p.iter(f"{W}txbxContent"):
        anc = box.getparent()
        inside_fallback = False
        while anc is not None and anc is not p:
            if anc.tag == f"{{{MC_NS}}}Fallback" or anc.tag == f"{W}txbxContent":
                inside_fallback = True
                break
            anc = anc.getparent()
        if not inside_fallback:
            out.append(box)
    return out


def read_para(p: etree._Element, styles: Styles, number: str = "") -> Para:
    """Given a w:p and its list number text, return its text and the formatting facts used for labelling."""
    ppr = p.find(f"{W}pPr")
    pstyle = wval(ppr.find(f"{W}pStyle")) if ppr is not None else None
    pstyle = pstyle or styles.default_para

    def pprop(tag: str) -> etree._Element | None:
        found = ppr.find(f"{W}{tag}") if ppr is not None else None
        return found if found is not None else styles.para_prop(pstyle, tag)

    pieces: list[str] = [number]
    weights: Counter = Counter()
    bold_chars = red_chars = visible = 0
    for run in iter_runs(p):
        text = run_text(run)
        if not text:
            continue
        pieces.append(text)
        n = len(text.strip())
        if not n:
            continue
        visible += n
        rpr = run.find(f"{W}rPr")
        rstyle = wval(rpr.find(f"{W}rStyle")) if rpr is not None else None

        def rprop(tag: str) -> etree._Element | None:
            found = rpr.find(f"{W}{tag}") if rpr is not None else None
            return found if found is not None else styles.run_prop(rstyle, pstyle, tag)

        if is_on(rprop("b")):
            bold_chars += n
        color = (wval(rprop("color")) or "").upper()
        if is_red_hex(color):
            red_chars += n
        size = wval(rprop("sz"))
        if size and size.replace(".", "", 1).isdigit():
            weights[float(size) / 2] += n
    numpr = pprop("numPr")
    outline = wval(pprop("outlineLvl"))
    return Para(
        text="".join(pieces),
        style=styles.name(pstyle),
        outline_level=int(outline) + 1 if outline and outline.isdigit() and int(outline) < 9 else None,
        list_level=_list_level(numpr),
        centered=(wval(pprop("jc")) or "") == "center",
        bold=visible > 0 and bold_chars == visible,
        size=weights.most_common(1)[0][0] if weights else None,
        red=visible > 0 and red_chars * 2 > visible,
    )


def _list_level(numpr: etree._Element | None) -> int | None:
    """Given w:numPr, return the 1-based list level, or None when it switches numbering off."""
    if numpr is None:
        return None
    num_id = wval(numpr.find(f"{W}numId"))
    if num_id is None or num_id == "0":
        return None
    ilvl = wval(numpr.find(f"{W}ilvl")) or "0"
    return int(ilvl) + 1 if ilvl.isdigit() else 1


def is_red_hex(hex_color: str) -> bool:
    """Given an RRGGBB colour, tell whether it reads as red (the 红头 masthead colour)."""
    if len(hex_color) != 6:
        return False
    try:
        r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def iter_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Given a body, cell or text box, yield its w:p and w:tbl in order, opening content controls."""
    for child in container:
        tag = child.tag
        if tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None and not is_placeholder(child):
                yield from iter_blocks(content)
        elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            yield from iter_blocks(child)


def is_placeholder(sdt: etree._Element) -> bool:
    """Given a w:sdt, tell whether it still shows its prompt ('单击此处输入文字') instead of content."""
    return sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def plain_text(p: etree._Element) -> str:
    """Given a w:p, return its visible text without formatting analysis."""
    return "".join(run_text(r) for r in iter_runs(p))
