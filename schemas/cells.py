"""Table cells, and how a table holds them at rest: packed by column, built as models when read."""
from __future__ import annotations

import itertools
import weakref
from array import array
from collections import deque
from collections.abc import Sequence
from typing import Any, Iterable

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from .common import BoundingBox, CleanText, ProvenanceItem, StrictModel, rebuild


class TableCell(StrictModel):
    """One logical cell; a merged cell appears once, at its top-left, with spans."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: CleanText
    column_header: bool = False
    prov: ProvenanceItem


# The flat layout of a cell: its own fields, its provenance's, its box's (a cell without a box has None in
# all four). Read from the models, so a field added to the schema is packed with the others.
_CELL = tuple(name for name in TableCell.model_fields if name != "prov")
_PROV = tuple(name for name in ProvenanceItem.model_fields if name != "bbox")
_BOX = tuple(BoundingBox.model_fields)
_PROV_AT, _BOX_AT = list(TableCell.model_fields).index("prov"), list(ProvenanceItem.model_fields).index("bbox")
_N_CELL, _N_PROV = len(_CELL), len(_CELL) + len(_PROV)
# The tables read most recently keep their built cells: a reader asks for one table's cells many times over
# (its grid, its header, its rows), and building them is what reading a packed table costs.
_RECENT = 4

class _Same:
    """A column whose every cell holds one value (a table's file name, its table number, no sheet …)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __getitem__(self, i: int) -> Any:
        return self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and type(other.value) is type(self.value) and other.value == self.value

    def __reduce__(self):
        return _Same, (self.value,)


def _column(values: list) -> Sequence:
    """Given one field's values over a table's cells, return them in the smallest form that gives them back:
    one value when all are the same, machine numbers when all are ints or all floats, else a tuple."""
    first = values[0]
    kind = type(first)
    if all(type(v) is kind and v == first for v in values):
        return _Same(first)
    if kind is float and all(type(v) is float for v in values):
        return array("d", values)
    if kind is int and all(type(v) is int for v in values):
        try:
            return array("q", values)
        except OverflowError:
            pass
    return tuple(values)


def _flat(cell: TableCell) -> tuple:
    """Given a cell, return its values in the flat layout."""
    prov, values = cell.prov, cell.__dict__
    box = prov.bbox
    return (*(values[n] for n in _CELL), *(getattr(prov, n) for n in _PROV),
            *((getattr(box, n) for n in _BOX) if box is not None else (None,) * len(_BOX)))


class TableCells(Sequence):
    """A table's cells, held as one packed column per field rather than three models per cell (cell,
    provenance, box: about 880 bytes; packed, about 100 and the text).

    Reading them (iterating, indexing, ``Table.grid()``) builds TableCell models. A built cell stays the one
    returned for its position while anything holds it, so identity within a table holds (``cell is s``,
    ``id(cell)`` keys) for as long as a reader keeps the cells it compares; once let go they are freed and
    built again on the next reading. The cells are values: a change to a built cell is not kept, and a
    table is changed by assigning a new list to ``Table.cells``. JSON, JSON Schema, equality, copies and
    pickles are those of the list of cells.
    """

    __slots__ = ("_n", "_columns", "_serial")

    def __init__(self, n: int, columns: tuple) -> None:
        self._n, self._columns, self._serial = n, columns, next(_serials)

    @classmethod
    def pack(cls, cells: Iterable[TableCell]) -> "TableCells":
        """Given cell models, return them packed."""
        if isinstance(cells, TableCells):
            return cells
        rows = [_flat(c) for c in cells]
        if not rows:
            return cls(0, ())
        return cls(len(rows), tuple(_column(list(values)) for values in zip(*rows)))

    def _build(self, i: int) -> TableCell:
        """Given a position, build its cell model from the columns."""
        values = [column[i] for column in self._columns]
        box = values[_N_PROV:]
        prov = values[_N_CELL:_N_PROV]
        prov.insert(_BOX_AT, None if box[0] is None else rebuild(BoundingBox, box))
        cell = values[:_N_CELL]
        cell.insert(_PROV_AT, rebuild(ProvenanceItem, prov))
        return rebuild(TableCell, cell)

    def _cell(self, i: int) -> TableCell:
        """Given a position, return its cell: the one already built while something holds it, else a new one."""
        key = (self._serial, i)
        cell = _built.get(key)
        if cell is None:
            cell = _built[key] = self._build(i)
        return cell

    def _all(self) -> list[TableCell]:
        """Return every cell, kept built while this table is among the last few read."""
        for table, cells in _recent:
            if table is self:
                return list(cells)
        cells = [self._cell(i) for i in range(self._n)]
        _recent.append((self, cells))
        return list(cells)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._all()[index]
        if index < 0:
            index += self._n
        if not 0 <= index < self._n:
            raise IndexError("table cell index out of range")
        return self._cell(index)

    def __iter__(self):
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TableCells):
            return self._n == other._n and self._columns == other._columns
        return isinstance(other, list) and self._all() == other

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self):
        return TableCells, (self._n, self._columns)

    def __copy__(self) -> "TableCells":
        return self  # packed values are never changed in place: a copy may share them

    def __deepcopy__(self, memo=None) -> "TableCells":
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # Validated and written as the list of cells it stands for, so the JSON and its Schema are unchanged.
        cells = handler.generate_schema(list[TableCell])
        return core_schema.no_info_wrap_validator_function(
            lambda value, validate: value if isinstance(value, TableCells) else cls.pack(validate(value)),
            cells, serialization=core_schema.plain_serializer_function_ser_schema(list, return_schema=cells))


_recent: deque[tuple[TableCells, list[TableCell]]] = deque(maxlen=_RECENT)
# Cells built and still held by someone, by table and position: one map for all tables, so a table at rest
# keeps no map of its own (a serial, not id(), names the table: an id is reused once its table is freed).
_built: weakref.WeakValueDictionary[tuple[int, int], TableCell] = weakref.WeakValueDictionary()
_serials = itertools.count()
