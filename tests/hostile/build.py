"""Small builders for hostile files: OOXML packages, PDFs and zips written from raw parts."""
from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

HEADER = ["考评项目", "考评内容", "评分标准", "分值"]
ROWS = [["信息工作", "按时报送政务信息", "每少报一篇扣1分", "10"],
        ["执法监督", "行政复议案件按期办结", "逾期一件扣2分", "8"]]


def zip_bytes(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def docx(body: str, prolog: str = "") -> bytes:
    """Given w:body XML (and text before the root, e.g. a DTD), return a minimal DOCX."""
    return zip_bytes({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="r1" Type="{DOC_REL}" '
                       'Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}">'
                             f'<w:body>{body}</w:body></w:document>',
    })


def w_para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def w_cell(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{w_para(text)}</w:tc>"


def w_table(rows: list[list[str]], cell_props: str = "", row_props: str = "", grid: int | None = None) -> str:
    cols = grid if grid is not None else max(len(r) for r in rows)
    grid_xml = "<w:tblGrid>" + "<w:gridCol w:w=\"1000\"/>" * cols + "</w:tblGrid>"
    body = "".join(f"<w:tr>{f'<w:trPr>{row_props}</w:trPr>' if row_props else ''}"
                   + "".join(w_cell(c, cell_props) for c in r) + "</w:tr>" for r in rows)
    return f"<w:tbl>{grid_xml}{body}</w:tbl>"


def scheme_docx() -> bytes:
    return docx(w_para("某区司法局考评细则") + w_table([HEADER] + ROWS))


def xlsx(sheet_xml: str, shared: list[str] | None = None, prolog: str = "", shared_prolog: str = "") -> bytes:
    """Given a worksheet's <sheetData>… content (and optional shared strings), return a minimal XLSX."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="r1" Type="{DOC_REL}" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{S_NS}" xmlns:r="{R_NS}"><sheets>'
                           '<sheet name="考评" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_RELS}">'
                                      f'<Relationship Id="rId1" Type="{R_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{R_NS}/sharedStrings" Target="sharedStrings.xml"/>'
                                      '</Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{S_NS}">'
                                    f'{sheet_xml}</worksheet>',
    }
    if shared is not None:
        items = "".join(f"<si><t>{t}</t></si>" for t in shared)
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>{shared_prolog}'
                                         f'<sst xmlns="{S_NS}">{items}</sst>')
    return zip_bytes(parts)


def x_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def x_rows(rows: list[list[str]], first: int = 1) -> str:
    letters = "ABCDEFGH"
    return "".join(f'<row r="{first + i}">' + "".join(x_cell(f"{letters[j]}{first + i}", v) for j, v in enumerate(r))
                   + "</row>" for i, r in enumerate(rows))


def scheme_xlsx(extra: str = "") -> bytes:
    return xlsx(f"<sheetData>{x_rows([HEADER] + ROWS)}</sheetData>{extra}")


def pdf(objects: dict[int, bytes | str], root: int = 1, trailer_extra: str = "", fix_xref: bool = True) -> bytes:
    """Given numbered object bodies, return a PDF with a correct (or absent) cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        body = objects[num]
        offsets[num] = out.tell()
        out.write(f"{num} 0 obj\n".encode() + (body.encode("latin-1") if isinstance(body, str) else body)
                  + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    if fix_xref:
        out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
        for num in range(1, size):
            out.write(f"{offsets.get(num, 0):010d} 00000 {'n' if num in offsets else 'f'} \n".encode())
    out.write(f"trailer\n<< /Size {size} /Root {root} 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def stream(data: bytes, extra: str = "", compress: bool = False) -> bytes:
    import zlib

    if compress:
        data = zlib.compress(data, 9)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"


def text_page_pdf(content: bytes, media: str = "[0 0 595 842]", pages: int = 1, compress: bool = False) -> bytes:
    """A PDF of ``pages`` pages that each draw ``content`` with Helvetica."""
    kids = " ".join(f"{10 + i} 0 R" for i in range(pages))
    objs: dict[int, bytes | str] = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        3: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: stream(content, compress=compress),
    }
    for i in range(pages):
        objs[10 + i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox {media} /Contents 4 0 R "
                        "/Resources << /Font << /F1 3 0 R >> >> >>")
    return pdf(objs)
