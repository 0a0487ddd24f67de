"""Just enough CSS for labelling HTML blocks: alignment, weight, size, colour, display:none."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from ..docx.text import is_red_hex

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_COMPOUND = re.compile(r"^([a-zA-Z][\w-]*|\*)?((?:[.#][\w-]+)*)$")
_SIZE = re.compile(r"^([\d.]+)\s*(px|pt|em|rem|%)?$")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
# <font size=N> and the CSS keywords, in px as browsers render them.
_FONT_ATTR_PX = {"1": 10, "2": 13, "3": 16, "4": 18, "5": 24, "6": 32, "7": 48}
_KEYWORD_PX = {"x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32}
_NAMED_RED = {"red": "FF0000", "crimson": "DC143C", "darkred": "8B0000", "firebrick": "B22222"}
_TAG_DEFAULTS = {
    "h1": {"font-weight": "bold", "font-size": "2em"},
    "h2": {"font-weight": "bold", "font-size": "1.5em"},
    "h3": {"font-weight": "bold", "font-size": "1.17em"},
    "h4": {"font-weight": "bold"},
    "h5": {"font-weight": "bold"},
    "h6": {"font-weight": "bold"},
    "b": {"font-weight": "bold"},
    "strong": {"font-weight": "bold"},
    "th": {"font-weight": "bold", "text-align": "center"},
    "center": {"text-align": "center"},
}
BASE_PX = 16.0


@dataclass(frozen=True)
class Look:
    """Computed look of an element's own text."""

    centered: bool = False
    bold: bool = False
    size_px: float = BASE_PX
    red: bool = False
    hidden: bool = False


def _declarations(text: str) -> dict[str, str]:
    """Given a CSS declaration block, return {property: value} (lower-cased, !important dropped)."""
    out = {}
    for part in text.split(";"):
        prop, sep, value = part.partition(":")
        if sep:
            out[prop.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


class StyleSheet:
    """Class/id/tag rules from <style> blocks, matched on the last compound selector only."""

    def __init__(self, root: lxml_html.HtmlElement):
        self._rules: list[tuple[tuple[int, int, int, int], str | None, set[str], str | None, dict[str, str]]] = []
        order = 0
        for style in root.iter("style"):
            css = _COMMENT.sub("", style.text_content() or "")
            for selectors, body in _RULE.findall(css):
                decls = _declarations(body)
                for selector in selectors.split(","):
                    parsed = self._parse(selector)
                    if parsed is None:
                        continue
                    tag, classes, ident = parsed
                    order += 1
                    spec = (1 if ident else 0, len(classes), 1 if tag else 0, order)
                    self._rules.append((spec, tag, classes, ident, decls))
        self._rules.sort(key=lambda rule: rule[0])
        self._cache: dict[lxml_html.HtmlElement, Look] = {}

    @staticmethod
    def _parse(selector: str) -> tuple[str | None, set[str], str | None] | None:
        """Given a selector, return (tag, classes, id) of its last compound, or None when unsupported."""
        last = re.split(r"[\s>+~]+", selector.strip())[-1] if selector.strip() else ""
        m = _COMPOUND.match(last)
        if not last or m is None:
            return None  # pseudo-classes, attribute selectors …
        tag = m.group(1) if m.group(1) not in (None, "*") else None
        parts = re.findall(r"([.#])([\w-]+)", m.group(2))
        ids = [name for kind, name in parts if kind == "#"]
        return tag.lower() if tag else None, {name for kind, name in parts if kind == "."}, ids[0] if ids else None

    def _own(self, el: lxml_html.HtmlElement) -> dict[str, str]:
        """Given an element, return the declarations that apply to it directly."""
        tag = el.tag if isinstance(el.tag, str) else ""
        decls = dict(_TAG_DEFAULTS.get(tag, {}))
        if (el.get("align") or "").lower() == "center":
            decls["text-align"] = "center"
        if tag == "font":
            if el.get("size") in _FONT_ATTR_PX:
                decls["font-size"] = f"{_FONT_ATTR_PX[el.get('size')]}px"
            if el.get("color"):
                decls["color"] = el.get("color").lower()
        classes = set((el.get("class") or "").split())
        ident = el.get("id")
        for _, rtag, rclasses, rid, rdecls in self._rules:
            if (rtag is None or rtag == tag) and rclasses <= classes and (rid is None or rid == ident):
                decls.update(rdecls)
        decls.update(_declarations(el.get("style") or ""))
        return decls

    def look(self, el: lxml_html.HtmlElement) -> Look:
        """Given an element, return its computed look, inheriting from its ancestors."""
        cached = self._cache.get(el)
        if cached is not None:
            return cached
        parent = el.getparent()
        base = self.look(parent) if parent is not None else Look()
        decls = self._own(el)
        weight = decls.get("font-weight")
        look = Look(
            centered=decls["text-align"] == "center" if "text-align" in decls else base.centered,
            bold=(weight in ("bold", "bolder") or (weight or "").isdigit() and int(weight) >= 600)
            if weight else base.bold,
            size_px=_size(decls.get("font-size"), base.size_px),
            red=_is_red(decls["color"]) if "color" in decls else base.red,
            hidden=base.hidden or decls.get("display") == "none" or decls.get("visibility") == "hidden",
        )
        self._cache[el] = look
        return look


def _size(value: str | None, parent_px: float) -> float:
    """Given a CSS font-size, return it in px relative to the parent size."""
    if not value:
        return parent_px
    if value in _KEYWORD_PX:
        return float(_KEYWORD_PX[value])
    m = _SIZE.match(value)
    if m is None:
        return parent_px
    number, unit = float(m.group(1)), m.group(2) or "px"
    return {"px": number, "pt": number * 4 / 3, "em": number * parent_px, "rem": number * BASE_PX,
            "%": number * parent_px / 100}[unit]


def _is_red(color: str) -> bool:
    """Given a CSS colour (#rgb, #rrggbb, rgb(), a red name), tell whether it reads as red."""
    color = _NAMED_RED.get(color, color).lstrip("#")
    m = _RGB.match(color)
    if m:
        return is_red_hex("".join(f"{int(x):02X}" for x in m.groups()))
    if len(color) == 3:
        color = "".join(ch * 2 for ch in color)
    return is_red_hex(color.upper())
