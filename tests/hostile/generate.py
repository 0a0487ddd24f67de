"""Hostile inputs, built at test time: each with the outcome it must get, the words its message must
contain, and the time and memory it may take. Nothing large is kept in git.

`python -m tests.hostile.generate DIR` writes them to DIR for manual runs (`kaoping extract DIR/*`).
"""
from __future__ import annotations

import os
import random
import socket
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import build as b

OK, NONE = "ok", "no_indicator_table"  # indicators found / read but no indicator table


@dataclass
class Case:
    name: str  # file name in the generated folder
    make: Callable[[Path], None]  # writes the file at the given path
    code: str  # OK, NONE, or the ExtractionError code of the failure
    words: tuple[str, ...] = ()  # words the message must contain (the file name always)
    seconds: float = 15.0  # processor-time budget of its worker
    mb: int = 700  # peak memory budget (MiB)
    batch_only: bool = False  # discovery cases: only a batch walks folders and archives
    status: str | None = None  # batch status when it differs from the code's (SKIPPED …)
    shows: str | None = None  # what the file is listed as, when not its case name

    @property
    def listed(self) -> str:
        return self.shows or self.name

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        self.make(path)
        return path


def data(payload: bytes | str | Callable[[], bytes | str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        value = payload() if callable(payload) else payload
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return make


def noise(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


TEXT_SCHEME = "某区司法局考评细则\n" + "\n".join("\t".join(r) for r in [b.HEADER] + b.ROWS) + "\n"
PROSE = "".join(f"（{i}）各司法所应当按时报送工作信息，考评结果与年度评先评优挂钩，请认真组织实施。\n" for i in range(40))
HTML_SCHEME = ("<html><body><h1>考评细则</h1><table>"
               + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in [b.HEADER] + b.ROWS)
               + "</table></body></html>")
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _deep_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "考评" + "</div>" * depth + "</body></html>"


def _sparse_xlsx(rows: int) -> bytes:
    cells = "".join(f'<row r="{r}">{b.x_cell(f"A{r}", "考评内容")}{b.x_cell(f"XFD{r}", "10")}</row>'
                    for r in range(1, rows + 1))
    return b.xlsx(f"<sheetData>{cells}</sheetData>")


def _many_cells_xlsx(n_rows: int, n_cols: int) -> bytes:
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, n_cols + 1)]
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in letters) + "</row>"
                   for r in range(1, n_rows + 1))
    return b.xlsx(f"<sheetData>{rows}</sheetData>")


def _zip(members: dict[str, bytes], flags_utf8: bool = True) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, payload in members.items():
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, payload)
    return make


def _gbk_zip(path: Path) -> None:
    # Windows' built-in zip writes GBK names without the UTF-8 flag.
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("考评细则.txt".encode("gbk").decode("cp437"))
        zf.writestr(info, TEXT_SCHEME.encode("gbk"))


def _lying_zip(path: Path) -> None:
    """A member that declares 10 bytes and holds 2 MB (header sizes patched)."""
    payload = b"A" * (2 * 1024**2)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("liar.txt", payload)
        zf.writestr("fine.txt", TEXT_SCHEME)
    raw = bytearray(path.read_bytes())
    size = len(payload).to_bytes(4, "little")
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        pos = raw.find(sig)
        # uncompressed size sits at +22 (local header) / +24 (central directory)
        field = pos + (22 if sig == b"PK\x03\x04" else 24)
        assert raw[field:field + 4] == size
        raw[field:field + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(raw))


def _nested_zip(depth: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        inner = TEXT_SCHEME.encode()
        name = "scheme.txt"
        for level in range(depth):
            inner = b.zip_bytes({name: inner})
            name = f"level{level}.zip"
        path.write_bytes(inner)
    return make


def _pdf_ref_cycle() -> bytes:
    return b.pdf({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  3: "<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Contents 5 0 R >>", 4: "4 0 R",
                  5: b.stream(b"BT ET")})


def _pdf_kids_cycle() -> bytes:
    return b.pdf({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                  3: "<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"})


def _pdf_xobject_loop() -> bytes:
    form = b.stream(b"/X1 Do", extra="/Type /XObject /Subtype /Form /BBox [0 0 100 100] "
                    "/Resources << /XObject << /X1 4 0 R >> >>")
    return b.pdf({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
                     "/Resources << /XObject << /X1 4 0 R >> >> >>",
                  4: form, 5: b.stream(b"/X1 Do")})


def _pdf_many_lines(n: int) -> bytes:
    rng = random.Random(3)
    ops = "".join(f"{rng.uniform(0, 590):.1f} {rng.uniform(0, 840):.1f} m {rng.uniform(0, 590):.1f} "
                  f"{rng.uniform(0, 840):.1f} l S\n" if i % 2 else
                  f"{rng.uniform(0, 590):.1f} {rng.uniform(0, 840):.1f} 3 3 re S\n" for i in range(n))
    text = "BT /F1 12 Tf 50 800 Td (Score table) Tj ET\n"
    return b.text_page_pdf((text + ops).encode(), compress=True)


def _pdf_grid_table(n: int) -> bytes:
    """A page ruled into an n × n grid of cells, a digit in each cell of the first row."""
    step = 500 / n
    ops = [f"{50 + i * step:.2f} 50 m {50 + i * step:.2f} 550 l S\n50 {50 + i * step:.2f} m 550 "
           f"{50 + i * step:.2f} l S\n" for i in range(n + 1)]
    ops += [f"BT /F1 4 Tf {52 + c * step:.2f} 52 Td (1) Tj ET\n" for c in range(n)]
    return b.text_page_pdf("".join(ops).encode(), compress=True, media="[0 0 600 600]")


def _pdf_many_chars(n: int) -> bytes:
    line = "(" + "x" * 200 + ") Tj 0 -2 Td\n"
    return b.text_page_pdf(("BT /F1 2 Tf 0 840 Td\n" + line * (n // 200) + "ET").encode(), compress=True)


def _length_is(value: bytes) -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (Length) Tj ET"
    return b.text_page_pdf(content).replace(b"/Length %d " % len(content), b"/Length " + value + b" ")


def _pdf_flate_bomb() -> bytes:
    import zlib

    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(comp.compress(chunk) for _ in range(200)) + comp.flush()  # 200 MB of spaces
    return b.pdf({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                  4: f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode() + body + b"\nendstream"})


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        os.symlink(target, path)
    return make


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _gbk_name(path: Path) -> None:
    raw = os.fsencode(path.parent) + b"/" + "考评细则".encode("gbk") + b".txt"
    with open(raw, "wb") as fh:
        fh.write(TEXT_SCHEME.encode("utf-8"))


def _xls_noise(seed: int) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise(4000, seed)


def _long_line() -> str:
    return "考评" * 2_000_000


def _docx_deep_tables(depth: int) -> bytes:
    inner = b.w_para("考评")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc><w:tc>{b.w_para('x')}</w:tc></w:tr></w:tbl><w:p/>"
    return b.docx(inner)


def _docx_wide(n_rows: int, span: int) -> bytes:
    rows = [[f"项{i}", "评分", "10"] for i in range(n_rows)]
    return b.docx(b.w_table(rows, cell_props=f'<w:gridSpan w:val="{span}"/>', grid=3))


def _docx_vmerge(rows: int) -> bytes:
    first = "<w:tr>" + b.w_cell("类别", '<w:vMerge w:val="restart"/>') + b.w_cell("内容") + "</w:tr>"
    rest = ("<w:tr>" + b.w_cell("", "<w:vMerge/>") + b.w_cell("扣1分") + "</w:tr>") * rows
    return b.docx(f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{first}{rest}</w:tbl>")


def _numbering_cycle() -> bytes:
    base = b.scheme_docx()
    numbering = (f'<w:numbering xmlns:w="{b.W_NS}"><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="A"/>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    styles = (f'<w:styles xmlns:w="{b.W_NS}"><w:style w:type="numbering" w:styleId="A"><w:basedOn w:val="A"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
    import io

    buf = io.BytesIO(base)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data_ = src.read(item)
            if item.filename == "word/document.xml":
                data_ = data_.replace(b"<w:p>", b'<w:p><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/>'
                                               b"</w:numPr></w:pPr>", 1)
            dst.writestr(item, data_)
        dst.writestr("word/numbering.xml", numbering)
        dst.writestr("word/styles.xml", styles)
    return out.getvalue()


def _truncated(make_bytes: Callable[[], bytes], keep: float) -> Callable[[], bytes]:
    return lambda: make_bytes()[: int(len(make_bytes()) * keep)]


CASES: list[Case] = [
    # ---- text ---------------------------------------------------------------------------------
    Case("ok-scheme.txt", data(TEXT_SCHEME), OK),
    Case("empty.txt", data(b""), "empty_file", ("为空",)),
    Case("bom-only.txt", data(b"\xef\xbb\xbf"), "empty_file", ("没有文字",)),
    Case("noise.txt", data(lambda: noise(5000)), "encoding_error", ("编码",)),
    Case("nul-bytes.txt", data(TEXT_SCHEME.encode() + b"\x00" * 200), "encoding_error", ("编码",)),
    Case("control-chars.txt", data(TEXT_SCHEME.replace("信息工作", "信息\x01工作\x1b[2J", 1)
                                   .replace("扣1分", "扣1分\x07", 1) + PROSE), OK),
    Case("whitespace.txt", data(" \n\t\n   \n" * 100), "empty_file", ("没有文字",)),
    Case("prose-only.txt", data("关于印发考评办法的通知\n各司法所：现将办法印发给你们，请遵照执行。\n"), NONE,
         ("未找到指标表", "没有表格")),
    Case("huge.txt", data(lambda: TEXT_SCHEME * 300_000), "too_large", ("上限", "MB")),
    Case("long-line.txt", data(_long_line), "too_large", ("上限",)),
    Case("tab-storm.txt", data("考评\n" + "\t".join(["x"] * 200_000) + "\n" + "\t".join(["1"] * 200_000) + "\n"),
         "too_large", ("上限", "单元格")),
    Case("pipe-storm.md", data("|" * 500_000 + "\n"), NONE, ("未找到指标表",)),
    Case("many-rows.tsv", data("考评内容\t分值\n" + "检查\t1\n" * 120_000), "too_large", ("上限",)),
    Case("quote-storm.csv", data('"' + "考评," * 200_000 + "\n"), "too_large", ("过长", "上限")),
    Case("cr-only.txt", data(TEXT_SCHEME.replace("\n", "\r")), OK),
    Case("utf16-nobom.txt", data(TEXT_SCHEME.encode("utf-16-le")), "encoding_error", ("编码",)),
    Case("surrogate-soup.txt", data(TEXT_SCHEME.encode() + PROSE.encode() + b"\xed\xa0\x80\xff\xfe"), OK),
    # ---- HTML ---------------------------------------------------------------------------------
    Case("ok-scheme.html", data(HTML_SCHEME), OK),
    Case("span-bomb.html", data("<table>" + ('<tr><td rowspan="65534" colspan="1000">x</td>'
                                             '<td colspan="1000">y</td></tr>') * 150 + "</table>"),
         NONE, ("未找到指标表",)),
    Case("deep-divs.html", data(_deep_html(50_000)), NONE, ("未找到指标表",)),
    Case("deep-tables.html", data("<table><tr><td>" * 3000 + "考评" + "</td></tr></table>" * 3000), NONE,
         ("未找到指标表",)),
    Case("laughs.html", data(f"<?xml version='1.0'?>{LAUGHS}<html><body><p>&lol9;</p>{HTML_SCHEME}</body></html>"),
         OK),
    Case("xxe.html", data(f"{XXE}<html><body><p>&xxe;</p>{HTML_SCHEME}</body></html>"), OK),
    Case("huge.html", data(lambda: "<html><body>" + "<p>考评内容</p>" * 2_000_000 + "</body></html>"),
         "too_large", ("上限",)),
    Case("wide-row.html", data("<table><tr>" + "<td>1</td>" * 150_000 + "</tr><tr><td>分值</td></tr></table>"),
         "too_large", ("上限", "单元格")),
    Case("style-bomb.html", data("<html><head><style>" + "".join(f".c{i} td {{font-weight:bold}}\n" for i in range(50_000))
                                 + "</style></head><body>" + HTML_SCHEME + "</body></html>"), OK, seconds=30),
    Case("bad-charset.html", data('<html><head><meta charset="x-no-such"></head><body>'.encode() + noise(3000)),
         "encoding_error", ("编码",)),
    Case("control.html", data(HTML_SCHEME.replace("信息工作", "信息\x02工作\x0c")), OK),
    Case("empty-page.html", data("<html><body></body></html>"), NONE, ("未找到指标表",)),
    # ---- DOCX ---------------------------------------------------------------------------------
    Case("ok-scheme.docx", data(b.scheme_docx), OK),
    Case("noise.docx", data(lambda: noise(8000)), "corrupt_file", ("不是有效的 Word",)),
    Case("ole-noise.docx", data(lambda: _xls_noise(1)), "corrupt_file", ("旧版",)),
    Case("truncated.docx", data(_truncated(b.scheme_docx, 0.6)), "corrupt_file", ("Word",)),
    Case("laughs.docx", data(lambda: b.docx(b.w_para("&lol9;"), LAUGHS)), "unsafe_archive", ("DTD",)),
    Case("xxe.docx", data(lambda: b.docx(b.w_para("&xxe;"), XXE)), "unsafe_archive", ("DTD",)),
    Case("gridspan-bomb.docx", data(lambda: _docx_wide(2000, 1_000_000_000)), NONE, ("未找到指标表",), seconds=20),
    Case("gridbefore-bomb.docx", data(lambda: b.docx(b.w_table([b.HEADER] + b.ROWS,
                                                                row_props='<w:gridBefore w:val="999999999"/>'))), OK),
    Case("vmerge-chain.docx", data(lambda: _docx_vmerge(2_000)), OK, seconds=30),
    Case("deep-nesting.docx", data(lambda: b.docx("<w:sdt><w:sdtContent>" * 5000 + b.w_para("x")
                                                  + "</w:sdtContent></w:sdt>" * 5000)),
         "corrupt_file", ("XML",)),
    Case("nested-tables.docx", data(lambda: _docx_deep_tables(60)), NONE, ("未找到指标表",)),
    Case("big-table.docx", data(lambda: b.docx(b.w_table([[str(c) for c in range(300)]] * 400))), "too_large",
         ("上限", "单元格"), seconds=40, mb=1500),
    Case("no-body.docx", data(lambda: b.zip_bytes({"word/document.xml": f'<w:document xmlns:w="{b.W_NS}"/>'})),
         NONE, ("未找到指标表",)),
    Case("missing-main.docx", data(lambda: b.zip_bytes({"word/other.xml": "<x/>"})), "corrupt_file",
         ("document.xml",)),
    Case("numbering-cycle.docx", data(_numbering_cycle), OK),
    Case("control.docx", data(lambda: b.docx(b.w_para("考评细则") + b.w_table([b.HEADER, [
        "信息\x01工作", "报送\x1f信息", "每少报一篇扣1分\x0b", "10"]]))), "corrupt_file",
         ("XML",)),
    Case("part-bomb.docx", data(lambda: b.zip_bytes({"word/document.xml": b"<a>" + b" " * (300 * 1024**2) + b"</a>"})),
         "unsafe_archive", ("压缩",), seconds=30),
    # ---- XLSX ---------------------------------------------------------------------------------
    Case("ok-scheme.xlsx", data(b.scheme_xlsx), OK),
    Case("noise.xlsx", data(lambda: noise(6000)), "corrupt_file", ("XLSX",)),
    Case("merge-bomb.xlsx", data(lambda: b.scheme_xlsx('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                                       "</mergeCells>")), NONE, ("未找到指标表",)),
    Case("merge-many.xlsx", data(lambda: b.scheme_xlsx('<mergeCells>' + "".join(
        f'<mergeCell ref="E{r}:XFD{r}"/>' for r in range(1, 3000)) + "</mergeCells>")), OK),
    Case("merge-inverted.xlsx", data(lambda: b.scheme_xlsx('<mergeCells><mergeCell ref="D3:A1"/>'
                                                           '<mergeCell ref="junk"/></mergeCells>')), NONE, ("未找到指标表",)),
    Case("sparse-corners.xlsx", data(lambda: b.xlsx(f'<dimension ref="A1:XFD1048576"/><sheetData>'
                                                    f'<row r="1">{b.x_cell("A1", "考评")}{b.x_cell("XFD1", "10")}</row>'
                                                    f'<row r="1048576">{b.x_cell("XFD1048576", "x")}</row>'
                                                    "</sheetData>")), NONE, ("未找到指标表",)),
    Case("sparse-columns.xlsx", data(lambda: _sparse_xlsx(3000)), NONE, ("未找到指标表",)),
    Case("cell-flood.xlsx", data(lambda: _many_cells_xlsx(1200, 60)), "too_large", ("上限", "单元格"), seconds=40),
    Case("laughs.xlsx", data(lambda: b.xlsx(f"<sheetData>{b.x_rows([['&lol9;', '1']])}</sheetData>", prolog=LAUGHS)),
         "unsafe_archive", ("DTD",)),
    Case("laughs-strings.xlsx", data(lambda: b.xlsx('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                                                    "</sheetData>", shared=["&lol9;"], shared_prolog=LAUGHS)),
         "unsafe_archive", ("DTD",)),
    Case("xxe.xlsx", data(lambda: b.xlsx(f"<sheetData>{b.x_rows([['&xxe;', '1']])}</sheetData>", prolog=XXE)),
         "unsafe_archive", ("DTD",)),
    Case("bad-refs.xlsx", data(lambda: b.xlsx('<sheetData><row r="9999999999"><c r="ZZZZZZ99999999999"><v>1</v></c>'
                                              '<c r="A"><v>2</v></c><c><v>3</v></c></row></sheetData>')),
         NONE, ("未找到指标表",)),
    Case("bad-shared-index.xlsx", data(lambda: b.xlsx('<sheetData><row r="1"><c r="A1" t="s"><v>99</v></c>'
                                                      '<c r="B1" t="s"><v>x</v></c></row></sheetData>', shared=["a"])),
         NONE, ("未找到指标表",)),
    Case("control.xlsx", data(lambda: b.xlsx(f"<sheetData>{b.x_rows([b.HEADER, ['信息_x0001_工作_x000D_', '报送', '扣1分', '10']])}"
                                             "</sheetData>")), OK),
    Case("missing-sheet.xlsx", data(lambda: b.zip_bytes({"xl/workbook.xml": f'<workbook xmlns="{b.S_NS}"/>'})),
         NONE, ("未找到指标表",)),
    # ---- XLS ----------------------------------------------------------------------------------
    Case("noise.xls", data(lambda: noise(5000, 21)), "corrupt_file", ("XLS",)),
    Case("ole-noise.xls", data(lambda: _xls_noise(2)), "corrupt_file", ("XLS",)),
    # ---- PDF ----------------------------------------------------------------------------------
    Case("ok-text.pdf", data(lambda: b.text_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")), NONE,
         ("未找到指标表",)),
    Case("header-only.pdf", data(b"%PDF-1.4\n"), "corrupt_file", ("PDF",)),
    Case("noise.pdf", data(lambda: b"%PDF-1.7\n" + noise(20000)), "corrupt_file", ("PDF",)),
    Case("ref-cycle.pdf", data(_pdf_ref_cycle), "corrupt_file", ("PDF",)),
    Case("kids-cycle.pdf", data(_pdf_kids_cycle), "empty_file", ("页面",)),
    Case("xobject-loop.pdf", data(_pdf_xobject_loop), NONE, ("未找到指标表",), seconds=40, mb=1200),
    Case("mediabox-junk.pdf", data(lambda: b.text_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET", media="[0 0 (a) /b]")),
         "corrupt_file", ("损坏",)),
    Case("mediabox-zero.pdf", data(lambda: b.text_page_pdf(b"BT ET", media="[0 0 0 0]")), NONE, ("未找到指标表",),
         seconds=40, mb=1200),
    Case("mediabox-huge.pdf", data(lambda: b.text_page_pdf(b"0 0 m 100 100 l S", media="[0 0 14400 14400]")),
         NONE, ("未找到指标表",), seconds=40, mb=1500),
    Case("mediabox-inverted.pdf", data(lambda: b.text_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET",
                                                               media="[595 842 0 0]")), NONE, ("未找到指标表",)),
    Case("length-lies.pdf", data(lambda: _length_is(b"99999999")), NONE, ("未找到指标表",)),
    Case("length-negative.pdf", data(lambda: _length_is(b"-5")), "corrupt_file", ("损坏",)),
    Case("no-xref.pdf", data(lambda: b.pdf({1: "<< /Type /Catalog /Pages 2 0 R >>",
                                            2: "<< /Type /Pages /Kids [] /Count 0 >>"}, fix_xref=False)),
         "empty_file", ("页面",)),
    Case("flate-bomb.pdf", data(_pdf_flate_bomb), "too_large", ("上限",), seconds=40, mb=1200),
    Case("line-storm.pdf", data(lambda: _pdf_many_lines(8_000)), NONE, ("未找到指标表",), seconds=30),
    Case("grid-storm.pdf", data(lambda: _pdf_grid_table(150)), NONE, ("未找到指标表",)),
    Case("char-storm.pdf", data(lambda: _pdf_many_chars(150_000)), "too_large", ("字符过多", "上限"), seconds=60, mb=1200),
    Case("many-pages.pdf", data(lambda: b.text_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET", pages=1000)),
         NONE, ("未找到指标表",), seconds=60),
    Case("deep-array.pdf", data(lambda: b.text_page_pdf(b"BT ET", media="[" * 20000 + "0 0 595 842" + "]" * 20000)),
         "corrupt_file", ("嵌套过深",)),
    # ---- legacy Word --------------------------------------------------------------------------
    Case("noise.doc", data(lambda: noise(9000)), "corrupt_file", ("不是 Word",)),
    Case("noise.wps", data(lambda: noise(9000, 5)), "corrupt_file", ("不是 Word",)),
    Case("text-as.doc", data(TEXT_SCHEME + PROSE), "corrupt_file", ("不是 Word",)),
    Case("ole-noise.doc", data(lambda: _xls_noise(3)), "corrupt_file", ("不是 Word", "没有 Word 正文")),
    # ---- discovery (batch) --------------------------------------------------------------------
    Case("fifo.txt", _fifo, "unsupported_format", ("不是普通文件",), status="SKIPPED", batch_only=True),
    Case("socket.txt", _socket, "unsupported_format", ("不是普通文件",), status="SKIPPED", batch_only=True),
    Case("link-outside.txt", _symlink("/etc/hostname"), "unsupported_format", ("之外",), status="SKIPPED",
         batch_only=True),
    Case("link-loop.txt", _loop, "unsupported_format", ("循环",), status="SKIPPED", batch_only=True),
    Case("link-dangling.txt", _symlink("no-such-target.txt"), "unsupported_format", ("失效",), status="SKIPPED",
         batch_only=True),
    Case("gbk-name", _gbk_name, OK, batch_only=True, shows="考评细则.txt"),
    Case("gbk-members.zip", _gbk_zip, OK, batch_only=True),
    Case("long-names.zip", _zip({("长" * 120 + "/") * 3 + "考评.txt": TEXT_SCHEME.encode()}), OK, batch_only=True),
    Case("clashing-names.zip", _zip({"a.txt": TEXT_SCHEME.encode(), "A.TXT": b"x", "a.txt/b.txt": b"y",
                                     "dir": b"z", "dir/x.txt": b"w"}), OK, batch_only=True),
    Case("lying-size.zip", _lying_zip, "corrupt_file", ("liar.txt",), batch_only=True),
    Case("nested-deep.zip", _nested_zip(12), "unsafe_archive", ("嵌套过深",), batch_only=True),
    Case("control-names.zip", _zip({"考评\x1b[31m细则\x07.txt": TEXT_SCHEME.encode()}), OK, batch_only=True),
]


def generate(folder: Path, cases: list[Case] = CASES) -> dict[str, Path]:
    """Write every case into ``folder``; return case name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {case.name: case.write(folder) for case in cases}


if __name__ == "__main__":
    paths = generate(Path(sys.argv[1]))
    print(f"{len(paths)} hostile inputs in {sys.argv[1]}")
