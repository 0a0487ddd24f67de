"""Build the binary documents of corpus/blind5 (b13-b26).

Synthetic documents written by a separate reader for a blind test of kaoping. DOCX/XLSX/HTML and the
image-only PDF are deterministic: zips are rewritten with fixed entry times and fixed core properties,
and the scanned PDF is drawn by Pillow with a fixed creation date. The .doc (b14, b26), .xls (b17)
and text-layer PDFs (b20, b21, b23) are converted by LibreOffice from a DOCX/XLSX built in a
temporary folder; only the converted file is kept. Converters stamp their own times, so those files
were written once and committed: they are rebuilt only with --convert (or when missing).

Usage: python corpus/blind5/make_binary.py [--convert]
"""
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind5_other import (b16_merged_criteria, b17_sheet_per_category, b19_scanned_pdf,  # noqa: E402
                          b22_html_th_caption, b25_village_columns)
from blind5_word import b13_numbered_list, b14_dangjian_merged_category, b15_two_schemes, b18_sanji_buhe  # noqa: E402
from blind5_word2 import (b20_landscape_three_pages, b21_two_columns, b23_jiajianfen,  # noqa: E402
                          b24_zerenshu_weights, b26_zhenggai_fangan)

HERE = os.path.dirname(os.path.abspath(__file__))
# (stem, extension kept, builder, conversion or None)
DOCS = [
    ("b13_pizhou_minzhu_fazhi_shifancun_kaoping_zidong_bianhao", "docx", b13_numbered_list, None),
    ("b14_yizheng_jiguan_dangjian_kaohe_leibie_hebing", "doc", b14_dangjian_merged_category, "doc"),
    ("b15_taixing_keshi_sifasuo_kaoping_liangbiao", "docx", b15_two_schemes, None),
    ("b16_liangxi_jianzhu_gongdi_wenming_kaohe_meixiang", "xlsx", b16_merged_criteria, None),
    ("b17_zhangjiagang_xuexiao_zonghe_kaohe_fenbiao", "xls", b17_sheet_per_category, "xls"),
    ("b18_tinghu_shengtai_huanjing_mubiao_sanji_buhe", "docx", b18_sanji_buhe, None),
    ("b19_chongchuan_sifa_jianding_zhiliang_saomiao", "pdf", b19_scanned_pdf, None),
    ("b20_changzhou_chengjian_anquan_kaohe_hengye_sanye", "pdf", b20_landscape_three_pages, "pdf"),
    ("b21_haian_shuiwu_fenju_jixiao_lianglan", "pdf", b21_two_columns, "pdf"),
    ("b22_yixing_zhongcai_banan_zhiliang_th_caption", "html", b22_html_th_caption, None),
    ("b23_gusu_gongzheng_zhiye_jiajianfen", "pdf", b23_jiajianfen, "pdf"),
    ("b24_jiangbei_shuiwu_yeji_zerenshu_quanzhong", "docx", b24_zerenshu_weights, None),
    ("b25_dingshu_cun_liangwei_kaohe_gecun_lie", "xlsx", b25_village_columns, None),
    ("b26_rugao_zhongyiyuan_xuncha_zhenggai_fangan", "doc", b26_zhenggai_fangan, "doc"),
]
FIXED = (2025, 1, 1, 0, 0, 0)
FIXED_DT = datetime.datetime(2025, 1, 1)


def fixed_zip(data):
    """Given zip bytes, return them rewritten with fixed entry times so rebuilds are identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into dcterms:modified whatever the properties say
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            dst.writestr(entry, data)
    return out.getvalue()


def save_docx(doc, path):
    """Given a python-docx Document, save it with fixed core properties and zip times."""
    props = doc.core_properties
    props.author = props.last_modified_by = "user"
    props.created = props.modified = FIXED_DT
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    with open(path, "wb") as f:
        f.write(fixed_zip(buf.getvalue()))


def save_xlsx(wb, path):
    """Given an openpyxl Workbook, save it with fixed properties and zip times."""
    wb.properties.creator = wb.properties.lastModifiedBy = "user"
    wb.properties.created = wb.properties.modified = FIXED_DT
    buf = io.BytesIO()
    wb.save(buf)
    with open(path, "wb") as f:
        f.write(fixed_zip(buf.getvalue()))


def convert(src, fmt, dest):
    """Given a DOCX/XLSX path, convert it with LibreOffice (private profile) and move the result to dest."""
    outdir = os.path.dirname(src)
    profile = "file://" + os.path.join(outdir, "profile")
    subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", fmt,
                    "--outdir", outdir, src], check=True, capture_output=True, timeout=300)
    shutil.move(os.path.splitext(src)[0] + "." + fmt.split(":")[0], dest)


def main():
    """Build every document; converted ones only when missing or when --convert is given."""
    force = "--convert" in sys.argv
    for stem, ext, build, conv in DOCS:
        dest = os.path.join(HERE, stem + "." + ext)
        if conv is None:
            obj = build()
            if ext == "docx":
                save_docx(obj, dest)
            elif ext == "xlsx":
                save_xlsx(obj, dest)
            else:
                with open(dest, "wb") as f:
                    f.write(obj)
            continue
        if os.path.exists(dest) and not force:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            obj = build()
            src_ext = "xlsx" if conv == "xls" else "docx"
            src = os.path.join(tmp, stem + "." + src_ext)
            (save_xlsx if src_ext == "xlsx" else save_docx)(obj, src)
            convert(src, {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "pdf": "pdf"}[conv], dest)
        print("converted", os.path.basename(dest))


if __name__ == "__main__":
    main()
