"""A table's cells packed at rest read, compare, copy and write exactly as the list of models they stand for."""
from __future__ import annotations

import copy
import gc
import pickle

import pytest

from schemas.cells import TableCells
from schemas.common import BoundingBox, ProvenanceItem
from schemas.raw import Table, TableCell


def _cells() -> list[TableCell]:
    """Return invented cells of a 3 × 2 table: a header row, a merged cell, one cell without a box, a
    page break inside the table and one value no other cell shares."""
    out = []
    for r, c, text in [(0, 0, "指标"), (0, 1, "分值"), (1, 0, "台账　规范\n"), (1, 1, "2"), (2, 0, "合计")]:
        box = None if (r, c) == (1, 1) else BoundingBox(x0=60.5 * (c + 1), top=100.0 + 20 * r, x1=200.0, bottom=-0.0)
        prov = ProvenanceItem(file="细则.pdf", page_no=1 + r // 2, table_no=3, row=r, col=c, bbox=box,
                              charspan=(0, 2) if r == 2 else None)
        out.append(TableCell(row=r, col=c, col_span=2 if r == 2 else 1, text=text, column_header=r == 0, prov=prov))
    return out


def _table(cells) -> Table:
    return Table(table_no=3, num_rows=3, num_cols=2, cells=cells, prov=ProvenanceItem(file="细则.pdf", table_no=3))


def test_packed_cells_read_as_the_list_they_stand_for():
    cells = _cells()
    table = _table(cells)
    assert isinstance(table.cells, TableCells)
    assert list(table.cells) == cells and table.cells == cells and len(table.cells) == len(cells)
    assert table.cells[-1] == cells[-1] and table.cells[1:3] == cells[1:3]
    assert [c.model_dump() for c in table.cells] == [c.model_dump() for c in cells]
    with pytest.raises(IndexError):
        table.cells[len(cells)]


COPIES = [copy.copy, copy.deepcopy, lambda t: t.model_copy(), lambda t: pickle.loads(pickle.dumps(t)),
          lambda t: Table.model_validate_json(t.model_dump_json()), lambda t: Table(**t.model_dump())]


@pytest.mark.parametrize("make_copy", COPIES)
def test_packed_tables_copy_and_write_as_lists_of_models(make_copy):
    table = _table(_cells())
    twin = make_copy(table)
    assert twin == table and twin.model_dump_json() == table.model_dump_json()
    assert twin.model_dump_json() == Table.model_construct(**{**table.__dict__, "cells": _cells()}).model_dump_json()


def test_a_built_cell_keeps_its_identity_while_held():
    table = _table(_cells())
    grid = table.grid()
    assert grid[2][1] is grid[2][0] is table.cells[-1]
    for n in range(10):  # other tables read meanwhile: the held cells are still the ones returned
        list(_table(_cells()).cells)
    assert table.cells[0] is grid[0][0]
    del grid
    gc.collect()  # let go, they are freed and built again, equal
    assert table.cells[0] == _cells()[0]


def test_assigning_cells_packs_them_and_replaces_the_old():
    table = _table(_cells())
    table.cells = [c.model_copy(update={"text": "改"}) if c.row == 1 else c for c in _cells()]
    assert isinstance(table.cells, TableCells)
    assert [c.text for c in table.cells if c.row == 1] == ["改", "改"]
