"""Page images for OCR: binarize, measure and undo skew, find ruling lines (numpy, Pillow, opencv's box filter)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

MAX_SKEW = 3.0  # degrees: hand-fed scans stay within this; beyond it a page is not guessed at
SKEW_STEP = 0.05
LOCAL_WINDOW = 41  # pixels: background is judged over about two text heights at 150 dpi
DARKER_BY = 25  # grey levels below the local background that count as ink
LINE_INCH = 0.25  # a ruling line is at least this long; strokes of 10.5 pt characters are shorter


@dataclass
class Segment:
    """A straight ruling line in pixel coordinates: ``pos`` across it, ``start``–``end`` along it."""

    pos: float
    start: int
    end: int


def binarize(grey: np.ndarray) -> np.ndarray:
    """Given a greyscale image, return a mask of ink, judged against the local background (uneven shading)."""
    import cv2  # opencv comes with rapidocr; its box filter is an order of magnitude faster than numpy sums

    win = LOCAL_WINDOW
    # Window sums with edge pixels repeated past the border; exact integers.
    total = cv2.boxFilter(grey, cv2.CV_32S, (win, win), normalize=False, borderType=cv2.BORDER_REPLICATE)
    return grey.astype(np.int32) * (win * win) < total - DARKER_BY * win * win


def long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Given an ink mask, keep the pixels that lie in a horizontal run of at least ``length`` inked pixels."""
    import cv2

    if mask.shape[1] < length:
        return np.zeros_like(mask)
    # A morphological opening: erosion keeps the starts of full windows, dilation spreads them back over the run.
    kernel = np.ones((1, length), np.uint8)
    ink = np.ascontiguousarray(mask, dtype=bool).view(np.uint8)
    starts = cv2.erode(ink, kernel, anchor=(0, 0), borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return cv2.dilate(starts, kernel, anchor=(length - 1, 0), borderType=cv2.BORDER_CONSTANT, borderValue=0).view(bool)


def skew_angle(mask: np.ndarray, dpi: float) -> float:
    """Given an ink mask, return the skew in degrees that makes its long horizontal strokes level.

    Each candidate angle shears the stroke pixels; the straight angle piles them into the fewest rows.
    """
    # Skew breaks a long line into row pieces of about 1/tan(angle) pixels, so look for short runs.
    strokes = long_runs(mask, max(8, int(dpi * 0.12)))
    ys, xs = np.nonzero(strokes)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)

    def score(angle: float) -> float:
        shifted = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(shifted - shifted.min())
        return float(np.dot(counts, counts))

    # Coarse then fine: the score falls off smoothly on either side of the level angle.
    coarse = 5 * SKEW_STEP
    grid = np.arange(-MAX_SKEW, MAX_SKEW + coarse / 2, coarse)
    centre = max(grid, key=score)
    fine = np.arange(centre - coarse, centre + coarse + SKEW_STEP / 2, SKEW_STEP)
    fine = fine[np.abs(fine) <= MAX_SKEW + SKEW_STEP / 2]
    return round(float(max(fine, key=score)), 2)


def deskew(grey: Image.Image, angle: float) -> Image.Image:
    """Given a greyscale page and its skew, return it turned level, new corners filled white."""
    if abs(angle) < SKEW_STEP / 2:
        return grey
    return grey.rotate(angle, resample=Image.BICUBIC, fillcolor=255)


def ruling_segments(mask: np.ndarray, dpi: float) -> tuple[list[Segment], list[Segment]]:
    """Given a level ink mask, return its horizontal and vertical ruling lines."""
    length = int(dpi * LINE_INCH)
    horizontal = _segments(long_runs(mask, length), length)
    vertical = _segments(long_runs(mask.T.copy(), length), length)
    return horizontal, vertical


def _segments(lines: np.ndarray, length: int) -> list[Segment]:
    """Given a mask of long horizontal runs, merge the runs of neighbouring rows into one segment each."""
    rows = np.flatnonzero(lines.any(axis=1))  # few rows hold a line: look only at those
    edges = np.diff(lines[rows].astype(np.int8), axis=1, prepend=0, append=0)
    starts, ends = np.argwhere(edges == 1), np.argwhere(edges == -1)
    starts[:, 0], ends[:, 0] = rows[starts[:, 0]], rows[ends[:, 0]]
    groups: list[list[tuple[int, int, int]]] = []
    open_groups: list[list[tuple[int, int, int]]] = []
    for (row, x0), (_, x1) in zip(starts, ends):
        run = (int(row), int(x0), int(x1))
        # A thick or slightly slanted line occupies a few adjacent rows with overlapping runs;
        # a run that touches several pieces of one line joins them.
        open_groups = [g for g in open_groups if row - max(r[0] for r in g) <= 2]
        touched = [g for g in open_groups if any(min(x1, r[2]) > max(x0, r[1]) for r in g)]
        if not touched:
            groups.append([run])
            open_groups.append(groups[-1])
            continue
        keep = touched[0]
        keep.append(run)
        for other in touched[1:]:
            keep.extend(other)
            groups.remove(other)
            open_groups.remove(other)
    out = []
    for group in groups:
        start, end = min(r[1] for r in group), max(r[2] for r in group)
        if end - start >= length:
            weights = np.array([r[2] - r[1] for r in group], dtype=float)
            pos = float(np.average([r[0] for r in group], weights=weights))
            out.append(Segment(pos, start, end))
    return out
