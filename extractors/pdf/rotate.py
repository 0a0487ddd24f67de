"""Pages set sideways: text drawn at 90° (a landscape table placed on a portrait page) turned to read upright."""
from __future__ import annotations

from pdfplumber.page import DerivedPage, Page

ROTATED_SHARE = 0.5  # a page is turned when more than this share of its characters lie on their side


def upright(page: Page) -> Page:
    """Given a page, return it turned so that most of its text reads left to right (the page itself when it does).

    A glyph whose matrix advances upward (b > 0) reads bottom to top: the page turns clockwise;
    one advancing downward reads top to bottom: the page turns counter-clockwise.
    """
    chars = [c for c in page.chars if c["text"].strip()]
    sideways = [c for c in chars if not c["upright"]]
    if not chars or len(sideways) <= ROTATED_SHARE * len(chars):
        return page
    upward = sum(1 for c in sideways if c["matrix"][1] > 0)
    return TurnedPage(page, clockwise=2 * upward >= len(sideways))


class TurnedPage(DerivedPage):
    """A page turned by 90°: every object's box, points and uprightness in the turned frame."""

    def __init__(self, parent: Page, clockwise: bool):
        self.clockwise = clockwise
        x0, top, x1, bottom = parent.bbox
        self.origin, self.size = (x0, top), (x1 - x0, bottom - top)
        super().__init__(parent)
        self.bbox = (0, 0, self.size[1], self.size[0])

    @property
    def objects(self) -> dict[str, list[dict]]:
        if not hasattr(self, "_objects"):
            self._objects = {kind: [self._turn(obj) for obj in objs] for kind, objs in self.parent_page.objects.items()}
        return self._objects

    def _point(self, x: float, top: float) -> tuple[float, float]:
        """Given a point on the parent page, return it on the turned page."""
        w, h = self.size
        x, top = x - self.origin[0], top - self.origin[1]
        return (h - top, x) if self.clockwise else (top, w - x)

    def _turn(self, obj: dict) -> dict:
        """Given an object of the parent page, return a copy placed on the turned page."""
        out = dict(obj)
        if "x0" in obj and "top" in obj:
            (ax, at), (bx, bt) = self._point(obj["x0"], obj["top"]), self._point(obj["x1"], obj["bottom"])
            out["x0"], out["x1"] = min(ax, bx), max(ax, bx)
            out["top"], out["bottom"] = min(at, bt), max(at, bt)
            out["width"], out["height"] = out["x1"] - out["x0"], out["bottom"] - out["top"]
            height = self.bbox[3]
            out["y0"], out["y1"] = height - out["bottom"], height - out["top"]
            out["doctop"] = self.initial_doctop + out["top"]
        if "pts" in obj:
            out["pts"] = [self._point(*p) for p in obj["pts"]]
        if "path" in obj:
            out["path"] = [(cmd, *(self._point(*p) for p in pts)) for cmd, *pts in obj["path"]]
        if "upright" in obj:
            out["upright"] = not obj["upright"]
        return out
