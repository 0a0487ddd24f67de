"""Page images for OCR: binarize, measure and undo skew, find ruling lines — numpy and Pillow only."""
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
    h = LOCAL_WINDOW // 2
    padded = np.pad(grey.astype(np.int64), h + 1, mode="edge")
    integral = padded.cumsum(0).cumsum(1)
    rows, cols = grey.shape
    win = LOCAL_WINDOW
    total = (integral[win:win + rows, win:win + cols] - integral[:rows, win:win + cols]
             - integral[win:win + rows, :cols] + integral[:rows, :cols])
    return grey.astype(np.int64) * win * win < total - DARKER_BY * win * win


def long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Given an ink mask, keep the pixels that lie in a horizontal run of at least ``length`` inked pixels."""
    rows, cols = mask.shape
    if cols < length:
        return np.zeros_like(mask)
    csum = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=csum[:, 1:])
    full = (csum[:, length:] - csum[:, :-length]) == length  # window starting at j is all ink
    fsum = np.zeros((rows, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=fsum[:, 1:])
    # Pixel i is kept when some full window starts in [i - length + 1, i].
    idx = np.arange(cols)
    lo = np.clip(idx - length + 1, 0, full.shape[1])
    hi = np.clip(idx + 1, 0, full.shape[1])
    return (fsum[:, hi] - fsum[:, lo]) > 0


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
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, SKEW_STEP):
        shifted = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(shifted - shifted.min())
        score = float(np.dot(counts, counts))
        if score > best_score:
            best, best_score = round(float(angle), 2), score
    return best


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
    edges = np.diff(lines.astype(np.int8), axis=1, prepend=0, append=0)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
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
