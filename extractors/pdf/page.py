"""Pages one at a time: pdfplumber pages whose chars are built lean, and pdfminer caches kept bounded."""
from __future__ import annotations

from itertools import count
from typing import Iterator
from unicodedata import normalize as normalize_unicode

import pdfplumber
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSException
from pdfplumber.page import Page
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import CorruptFile, EncryptedFile, ExtractionError
from . import guards

guards.install()

# The LTChar attributes pdfplumber copies into a char dict (its ALL_ATTRS that a char has).
_CHAR_ATTRS = ("matrix", "fontname", "adv", "upright", "x0", "y0", "x1", "y1", "width", "height", "size",
               "mcid", "tag")
# Objects pdfminer keeps resolved between pages (page and resource dicts, font dicts and widths):
# re-parsing them on every page costs a tenth of the reading time. Streams (page contents, images)
# are dropped after their page; past this many objects, the rest goes too.
MAX_CACHED_OBJECTS = 1024
MAX_CACHED_OBJECT_STREAMS = 8


class LeanPage(Page):
    """A pdfplumber page whose chars are built directly: the same dicts as pdfplumber's, without its
    generic per-attribute resolution (a fifth of the reading time on text-heavy pages)."""

    def process_object(self, obj):
        if obj.__class__ is not LTChar:
            return super().process_object(obj)
        own = obj.__dict__
        attr = {k: own[k] for k in _CHAR_ATTRS if k in own}
        if attr.get("mcid") is not None and not isinstance(attr["mcid"], int):
            attr["mcid"] = resolve_all(attr["mcid"])
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        attr["ncs"] = _colour_space(obj.ncs.name)
        text = obj.get_text()
        norm = self.pdf.unicode_norm
        attr["text"] = text if norm is None else normalize_unicode(norm, text)
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            return super().process_object(obj)  # rare byte-encoded font names: pdfplumber's own repair
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr


_SPACES: dict[object, str] = {}


def _colour_space(name) -> str:
    """Given a colour space name, return it decoded as pdfplumber does (memoised: a page has a few)."""
    if name not in _SPACES:
        _SPACES[name] = resolve_and_decode(name)
    return _SPACES[name]


def reraise_typed(exc: Exception) -> None:
    """pdfplumber wraps what pdfminer raises; a typed error from our guards must reach the user as it is."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc.__context__
    if isinstance(inner, ExtractionError):
        raise inner


def open_pdf(path, name: str) -> pdfplumber.PDF:
    """Given a path, open it with pdfplumber, turning pdfminer failures into typed errors."""
    try:
        pdf = pdfplumber.open(path)
        guards.guard_references(pdf.doc, name)
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except PdfminerException as exc:
        reraise_typed(exc)
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise _encrypted(name) from exc
        raise CorruptFile(name, "PDF 文件已损坏或被截断，无法解析", "请用 PDF 阅读器打开确认，或重新导出/下载一份") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptFile(name, "不是有效的 PDF 文件，或文件已损坏", "请确认文件是 PDF，或重新导出/下载一份") from exc


def _encrypted(name: str) -> EncryptedFile:
    return EncryptedFile(name, "PDF 已加密，需要密码才能打开", "请在 PDF 阅读器中输入密码后另存一份未加密的副本再导入")


def pages(pdf: pdfplumber.PDF, name: str) -> Iterator[Page]:
    """Given an open PDF, yield its pages one at a time, keeping only the current page's objects in memory.

    ``pdf.pages`` builds every page up front, each holding its content stream (decoded once
    read), and pdfminer caches every object it resolves: both would grow with the page count.
    """
    doctop = 0.0
    found = PDFPage.create_pages(pdf.doc)
    for number in count(1):
        try:
            page_obj = next(found, None)
            page = None if page_obj is None else LeanPage(pdf, page_obj, page_number=number, initial_doctop=doctop)
        except (PdfminerException, PDFSyntaxError, PSException, MalformedPDFException, ValueError, KeyError,
                TypeError) as exc:
            reraise_typed(exc)
            raise CorruptFile(name, f"PDF 文件已损坏，无法读取页面（{type(exc).__name__}）",
                              "请用 PDF 阅读器打开确认，或重新导出/下载一份") from exc
        if page is None:
            return
        doctop += float(page.height)
        yield page
        _forget(pdf, page_obj)


def _forget(pdf: pdfplumber.PDF, page_obj: PDFPage) -> None:
    """Given the open PDF and the page just read, drop what pdfminer cached for it that the next page
    is unlikely to need: other pages' fonts, every stream, and everything once the cache grows large.

    Fonts are slow to parse and the next page most likely uses the same ones; a concatenated
    archive brings new fonts with every part, so the old ones must go.
    """
    fonts = resolve1(page_obj.resources.get("Font")) if isinstance(page_obj.resources, dict) else None
    keep = {ref.objid for ref in fonts.values() if isinstance(ref, PDFObjRef)} if isinstance(fonts, dict) else set()
    cached = pdf.rsrcmgr._cached_fonts
    for objid in [k for k in cached if k not in keep]:
        del cached[objid]
    objects = pdf.doc._cached_objs
    if len(objects) > MAX_CACHED_OBJECTS:
        objects.clear()
    else:
        for objid in [k for k, (obj, _) in objects.items() if isinstance(obj, PDFStream)]:
            del objects[objid]
    if len(pdf.doc._parsed_objs) > MAX_CACHED_OBJECT_STREAMS:
        pdf.doc._parsed_objs.clear()
