"""Shared building blocks: strict base model, provenance, source info."""
from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Characters no document shows and XML (so Excel, WPS and every workbook writer) refuses: C0 controls
# other than tab and newlines, DEL, C1 controls, the two non-characters; lone surrogates (undecodable
# bytes kept by Python) become U+FFFD.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Given text from a file, drop control characters and replace lone surrogates."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


# Text that came from a document: clean whatever the extractor was given.
CleanText = Annotated[str, AfterValidator(clean_text)]


class StrictModel(BaseModel):
    """Base for every schema model: unknown keys are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def model_post_init(self, context: Any, /) -> None:
        # pydantic gives every instance its own set of the fields it was given: 728 bytes once there are
        # five, more than a table cell's data, and a long document holds a hundred thousand instances.
        # kaoping never dumps with exclude_unset, so the instances of a class share one set naming all
        # its fields (assigning a field adds its name to it: a no-op).
        _share_fields(self)

    def __copy__(self):
        return _share_fields(super().__copy__())

    def __deepcopy__(self, memo=None):
        return _share_fields(super().__deepcopy__(memo))


_ALL_FIELDS: dict[type, set[str]] = {}
_VALUES: dict[type, type] = {}


def _share_fields(model: BaseModel) -> BaseModel:
    """Given a model instance, give it the set of its class's field names its class's instances share,
    and its values in a dict that shares its keys with theirs."""
    cls = type(model)
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS.setdefault(cls, set(cls.model_fields))
    object.__setattr__(model, "__pydantic_fields_set__", fields)
    # pydantic hands every instance a dict of its own, with its own key table (a 7-field cell: 272 bytes).
    # An instance of a plain class keeps its attributes in a dict whose keys all instances of that class
    # share (128 bytes): filled in field order, which pydantic always follows, the values move into one.
    # Same values, same order: dumps, copies, equality and pickles are unchanged; a long document holds
    # three such dicts per table cell.
    object.__setattr__(model, "__dict__", _shared_dict(cls, model.__dict__.items()))
    return model


def _shared_dict(cls: type, items) -> dict:
    """Given a model class and its (name, value) pairs in field order, return them in a dict whose keys the
    class's instances share."""
    holder_class = _VALUES.get(cls) or _VALUES.setdefault(cls, type(f"{cls.__name__}Values", (), {}))
    holder = holder_class()
    for name, value in items:
        setattr(holder, name, value)
    return holder.__dict__


def rebuild(cls: type[BaseModel], values: tuple) -> BaseModel:
    """Given a model class and the values of all its fields in order, taken from a validated instance of it,
    return an equal instance without validating them again (packed tables build their cells this way)."""
    model = cls.__new__(cls)
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS.setdefault(cls, set(cls.model_fields))
    object.__setattr__(model, "__dict__", _shared_dict(cls, zip(cls.model_fields, values)))
    object.__setattr__(model, "__pydantic_fields_set__", fields)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


class BoundingBox(StrictModel):
    """A box in page coordinates (points, origin top-left, as pdfplumber gives)."""

    x0: float
    top: float
    x1: float
    bottom: float


class ProvenanceItem(StrictModel):
    """Where a piece of text or a number stands in its source file.

    Fields that do not apply to a format stay ``None``: a DOCX has paragraphs but no
    pages, a text dump has lines, a PDF has pages and boxes, a workbook has sheets.
    """

    file: CleanText = Field(description="Source file name as given to the extractor")
    page_no: int | None = Field(None, description="1-based page number (PDF)")
    paragraph_no: int | None = Field(
        None, description="0-based index of the body block (DOCX/HTML) or 1-based line (text)"
    )
    sheet: str | None = Field(None, description="Worksheet name (XLSX)")
    table_no: int | None = Field(None, description="0-based index of the table in the document")
    row: int | None = Field(None, description="0-based row of the cell in its (stitched) table")
    col: int | None = Field(None, description="0-based column of the cell")
    bbox: BoundingBox | None = None
    charspan: tuple[int, int] | None = Field(
        None, description="[start, end) character offsets inside the block or cell text"
    )

    def label(self) -> str:
        """Render as a short Chinese location, e.g. '第2页 表1 行3 列5'."""
        parts = []
        if self.sheet:
            parts.append(f"工作表{self.sheet}")
        if self.page_no is not None:
            parts.append(f"第{self.page_no}页")
        if self.table_no is not None:
            parts.append(f"表{self.table_no + 1}")
            if self.row is not None:
                parts.append(f"行{self.row + 1}")
            if self.col is not None:
                parts.append(f"列{self.col + 1}")
        elif self.paragraph_no is not None:
            parts.append(f"段{self.paragraph_no}")
        return " ".join(parts) or "全文"


class InputFormat(str, Enum):
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    WPS = "wps"
    XLSX = "xlsx"
    XLS = "xls"
    HTML = "html"
    TEXT = "text"


class SourceInfo(StrictModel):
    """The file a document came from."""

    file: CleanText
    format: InputFormat
    sha256: str
    size_bytes: int
    encoding: str | None = Field(None, description="Detected text encoding (text/HTML inputs)")
    extractor_version: str
