"""Small PDFs drawn at test time with reportlab: ruled grids, Chinese text (a built-in CID font, nothing to
embed), rotated content, pictures. Coordinates are pdfplumber's: points from the page's top-left corner."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
A4 = (595.0, 842.0)


@dataclass
class Page:
    """What to draw on one page: texts (x, top, text, size, angle), rulings (x0, top, x1, bottom) and pictures."""

    texts: list[tuple[float, float, str, float, int]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)
    turn: int = 0  # draw everything turned by this many degrees counter-clockwise about the page centre

    def text(self, x: float, top: float, text: str, size: float = 10.5, angle: int = 0) -> "Page":
        self.texts.append((x, top, text, size, angle))
        return self

    def grid(self, xs: list[float], ys: list[float], cells: list[list[str]] | None = None, *,
             open_top: bool = False, size: float = 10.5) -> "Page":
        """Rule a grid (without its top line when ``open_top``) and write each cell's text at its top left."""
        for i, y in enumerate(ys):
            if not (open_top and i == 0):
                self.lines.append((xs[0], y, xs[-1], y))
        for x in xs:
            self.lines.append((x, ys[0], x, ys[-1]))
        for r, row in enumerate(cells or []):
            for c, value in enumerate(row):
                if value:
                    self.text(xs[c] + 2, ys[r] + 3, value, size)
        return self

    def picture(self, x0: float, top: float, x1: float, bottom: float) -> "Page":
        self.pictures.append((x0, top, x1, bottom))
        return self


def write(path: Path, pages: list[Page], size: tuple[float, float] = A4) -> Path:
    """Given pages, write them as one PDF at ``path``."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    width, height = size
    c = canvas.Canvas(str(path), pagesize=size)
    for page in pages:
        c.saveState()
        if page.turn:
            c.translate(width / 2, height / 2)
            c.rotate(page.turn)
            c.translate(-width / 2, -height / 2)
        c.setLineWidth(0.75)
        for x0, top, x1, bottom in page.lines:
            c.line(x0, height - top, x1, height - bottom)
        for x, top, text, font_size, angle in page.texts:
            c.saveState()
            c.setFont(FONT, font_size)
            c.translate(x, height - top - font_size * 0.88)
            c.rotate(angle)
            c.drawString(0, 0, text)
            c.restoreState()
        for x0, top, x1, bottom in page.pictures:
            scan = Image.new("L", (200, 280), 255)
            ImageDraw.Draw(scan).rectangle((20, 20, 180, 60), outline=0, width=3)
            c.drawImage(ImageReader(scan), x0, height - bottom, x1 - x0, bottom - top)
        c.restoreState()
        c.showPage()
    c.save()
    return path
