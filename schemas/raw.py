"""RawDocument: what an extractor sees in a file, before any interpretation."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import Field

from .cells import TableCell, TableCells
from .common import BoundingBox, CleanText, ProvenanceItem, SourceInfo, StrictModel

RAW_SCHEMA_NAME = "kaoping.RawDocument"
RAW_SCHEMA_VERSION = "1.1.0"


class BlockLabel(str, Enum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CAPTION = "caption"


class Orientation(str, Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class PageInfo(StrictModel):
    page_no: int
    width: float
    height: float
    orientation: Orientation


class TextBlock(StrictModel):
    """A run of text in reading order: heading, paragraph or list item."""

    type: Literal["block"] = "block"
    label: BlockLabel
    text: CleanText
    level: int | None = Field(None, description="Heading/list depth where the format says")
    cut: bool = Field(False, description="The text ends inside this block: it may be cut short")
    prov: ProvenanceItem


class Recovery(StrictModel):
    """How a table was rebuilt from the layout of a text dump (absent for formats that state their grid)."""

    recogniser: str = Field(description="Layout recogniser that gave the kept grid (delimited, layout, flat …)")
    confidence: float = Field(ge=0, le=1, description="Score of the kept grid: header words, typed columns, fill")
    cut_row: int | None = Field(None, description="Last row when the text ends inside the table: it may be cut short")


class Table(StrictModel):
    """A table as a grid of cells, stitched across pages where it continues."""

    type: Literal["table"] = "table"
    table_no: int
    num_rows: int
    num_cols: int
    cells: TableCells
    pages: list[int] = Field(default_factory=list, description="Pages the table spans (PDF)")
    bbox: BoundingBox | None = Field(None, description="Box on the first page (PDF)")
    recovery: Recovery | None = Field(None, description="Text dumps: how the grid was rebuilt from the layout")
    prov: ProvenanceItem

    def __setattr__(self, name: str, value) -> None:
        # Assigning is how a table's cells change (built cells are values): keep them packed.
        super().__setattr__(name, TableCells.pack(value) if name == "cells" else value)

    def grid(self) -> list[list[TableCell | None]]:
        """Return a dense num_rows × num_cols grid; spanned positions point at their cell."""
        out: list[list[TableCell | None]] = [[None] * self.num_cols for _ in range(self.num_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.num_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.num_cols)):
                    out[r][c] = cell
        return out


BodyItem = Annotated[Union[TextBlock, Table], Field(discriminator="type")]


class RawDocument(StrictModel):
    schema_name: Literal["kaoping.RawDocument"] = RAW_SCHEMA_NAME
    version: str = RAW_SCHEMA_VERSION
    source: SourceInfo
    pages: list[PageInfo] = Field(default_factory=list)
    body: list[BodyItem] = Field(default_factory=list, description="Blocks and tables in reading order")
    warnings: list[CleanText] = Field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [item for item in self.body if isinstance(item, Table)]

    @property
    def blocks(self) -> list[TextBlock]:
        return [item for item in self.body if isinstance(item, TextBlock)]
