"""Invented schemes in every layout the generator knows (synth_render): a table written whole (tab, pipe,
HTML, DOCX, XLSX) or as a numbered outline must read right (a 需复核 there is a false alarm, tolerated); a table whose grid was lost on the way (one
cell per line, space-aligned, run together, traditional characters, cut by page markers) must read right
or say 需复核 itself. Nothing here reads a corpus file; each case is built from its seed."""
from __future__ import annotations

import pytest
from synth_render import FORMATS, PROSE, SHAPES, build

from pipeline.evaluate import predicted_rows, score_indicators

WHOLE = ["tab", "pipe", "html", "docx", "xlsx"]
DAMAGED = [f for f in FORMATS if f not in WHOLE]
SEEDS = [0, 1]


def _read(tmp_path, shape: str, fmt: str, seed: int, **how):
    """Given a case, write its file and return (score against the invented expectation, 需复核 or not)."""
    suffix, data, want = build(shape, fmt, seed, **how)
    path = tmp_path / f"{shape}-{fmt}-{seed}{suffix}"
    path.write_bytes(data)
    inds, _, review = predicted_rows(path)
    return score_indicators(want, inds), review


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", WHOLE)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_whole_tables_read_right(tmp_path, shape, fmt, seed):
    score, _ = _read(tmp_path, shape, fmt, seed)
    assert score.right, (score.f1, score.points_rate, score.dept_rate)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", list(PROSE))
def test_outlines_read_right(tmp_path, shape, seed):
    score, _ = _read(tmp_path, shape, "txt", seed)
    assert score.right, (score.f1, score.points_rate)


@pytest.mark.parametrize("how", [{}, {"traditional": True}, {"pages": True}], ids=["plain", "traditional", "pages"])
@pytest.mark.parametrize("fmt", DAMAGED)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_damaged_layouts_read_right_or_say_so(tmp_path, shape, fmt, how):
    score, review = _read(tmp_path, shape, fmt, 0, **how)
    assert score.right or review, (score.f1, score.points_rate, score.dept_rate)
