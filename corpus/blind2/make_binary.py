"""Build the binary documents of corpus/blind2 (b19–b30).

Synthetic documents written by a reader for a blind test (see README.md). Run with the project venv:

    .venv/bin/python corpus/blind2/make_binary.py

Deterministic: same content every run, and the zip containers (DOCX/XLSX) are rewritten with fixed
timestamps and fixed core-property dates so the bytes do not change between runs.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FIXED = _dt.datetime(2024, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- helpers
def _normalise_zip(path: Path) -> None:
    """Rewrite a zip with fixed entry timestamps and fixed core-property dates."""
    src = zipfile.ZipFile(path)
    items = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(<)", r"\g<1>2024-01-01T00:00:00Z\2", text)
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", r"\g<1>2024-01-01T00:00:00Z\2", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


def _new_doc() -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    return doc


def _title(doc, text, size=16):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(size)
    return p


def _set(cell, text):
    """Write text into a cell; '\n' starts a new paragraph inside the cell."""
    parts = text.split("\n")
    cell.paragraphs[0].text = parts[0]
    for part in parts[1:]:
        cell.add_paragraph(part)


def _save_doc(doc, name):
    path = HERE / name
    doc.save(path)
    _normalise_zip(path)


def _save_wb(wb, name):
    wb.properties.creator = ""
    wb.properties.lastModifiedBy = ""
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    path = HERE / name
    wb.save(path)
    _normalise_zip(path)


WRAP = Alignment(wrap_text=True, vertical="center")


# ---------------------------------------------------------------- b19
def b19():
    """DOCX: gridSpan banner rows for categories, vMerge 项目 and 考评科室 cells."""
    doc = _new_doc()
    _title(doc, "株洲市荷塘区司法局2022年度法律援助工作考评细则")
    doc.add_paragraph("为进一步规范法律援助工作，提升法律援助服务质量，根据《中华人民共和国法律援助法》，"
                      "结合我区实际，制定本细则。考评满分100分。")
    # rows: (banner) or (项目, 内容, 分值, 标准, 科室)
    rows = [
        ("一、组织建设（20分）",),
        ("机构设置", "法律援助机构独立设置，配备专职工作人员不少于3名", "6", "未独立设置扣3分，人员不足扣3分", "政治部"),
        ("机构设置", "在乡镇（街道）设立法律援助工作站，覆盖率100%", "6", "每少1个工作站扣1分", "公共法律服务管理科"),
        ("制度建设", "建立案件受理、审查、指派、质量监督等工作制度", "8", "每缺1项制度扣2分", "公共法律服务管理科"),
        ("二、业务工作（50分）",),
        ("案件办理", "全年办理法律援助案件数完成市局下达任务", "15", "每少完成1%扣0.5分", "公共法律服务管理科"),
        ("案件办理", "推进刑事案件律师辩护全覆盖试点工作", "10", "审查起诉阶段辩护率未达标扣5分", "公共法律服务管理科"),
        ("案件办理", "在法院、看守所派驻值班律师，做好认罪认罚案件法律帮助", "5", "未派驻的扣5分", "公共法律服务管理科"),
        ("办案质量", "案卷归档率100%，案卷质量评查合格率95%以上", "10", "每发现1份不合格案卷扣1分", "法律援助中心"),
        ("办案质量", "受援人满意率达到95%以上", "10", "每低1个百分点扣1分", "法律援助中心"),
        ("三、保障与宣传（30分）",),
        ("经费保障", "法律援助经费纳入同级财政预算并足额保障", "10", "未纳入预算的扣10分", "办公室"),
        ("便民服务", "落实法律援助便民服务措施，开通“绿色通道”", "10", "未开通的扣5分，群众投诉查实1次扣2分", "公共法律服务管理科"),
        ("便民服务", "开展法律援助宣传活动每年不少于4次", "10", "每少1次扣2.5分", "普法与依法治理科"),
    ]
    table = doc.add_table(rows=1 + len(rows) + 1, cols=5)
    table.style = "Table Grid"
    for i, h in enumerate(["项目", "考评内容", "分值", "评分标准", "考评科室"]):
        _set(table.cell(0, i), h)
    r0 = 1
    for k, row in enumerate(rows):
        r = r0 + k
        if len(row) == 1:
            merged = table.cell(r, 0).merge(table.cell(r, 4))
            _set(merged, row[0])
            merged.paragraphs[0].runs[0].bold = True
    # vertical merges: same 项目 on consecutive rows; same 科室 inside 案件办理 and 办案质量 blocks
    def vmerge(col, start, end, text):
        c = table.cell(start, col).merge(table.cell(end, col))
        _set(c, text)

    idx = {k: r0 + k for k in range(len(rows))}
    vmerge(0, idx[1], idx[2], "机构设置")
    vmerge(0, idx[5], idx[7], "案件办理")
    vmerge(4, idx[5], idx[7], "公共法律服务管理科")
    vmerge(0, idx[8], idx[9], "办案质量")
    vmerge(4, idx[8], idx[9], "法律援助中心")
    vmerge(0, idx[12], idx[13], "便民服务")
    merged_cells = {(idx[1], 0), (idx[2], 0), (idx[5], 0), (idx[6], 0), (idx[7], 0), (idx[5], 4), (idx[6], 4),
                    (idx[7], 4), (idx[8], 0), (idx[9], 0), (idx[8], 4), (idx[9], 4), (idx[12], 0), (idx[13], 0)}
    for k, row in enumerate(rows):
        if len(row) == 1:
            continue
        r = idx[k]
        for c in range(5):
            if (r, c) in merged_cells:
                continue
            _set(table.cell(r, c), row[c])
    last = 1 + len(rows)
    m = table.cell(last, 0).merge(table.cell(last, 1))
    _set(m, "合计")
    _set(table.cell(last, 2), "100")
    table.cell(last, 3).merge(table.cell(last, 4))
    doc.add_paragraph("注：考评结果分为优秀、良好、合格、不合格四个等次。")
    _save_doc(doc, "b19_hetang_falv_yuanzhu_kaoping_vmerge.docx")


# ---------------------------------------------------------------- b20
def b20():
    """DOCX: 考核项目 names every row; 考核内容 holds long, multi-paragraph content."""
    doc = _new_doc()
    _title(doc, "桂林市机关事务管理局")
    _title(doc, "2022年度市直公共机构节能工作考核评分表", 14)
    doc.add_paragraph("被考核单位：                              考核日期：")
    rows = [
        ("1", "组织管理", "明确节能工作分管领导和责任部门，配备节能管理员；\n制定年度节能工作计划并组织实施；\n"
         "建立健全能源管理制度，包括用电、用水、用油、办公用品管理等。", "10",
         "未明确分管领导或节能管理员的扣3分；无年度计划扣3分；制度不健全的扣1至4分。"),
        ("2", "能耗统计", "按季度通过公共机构能源资源消费统计系统报送能耗数据，数据真实、准确、完整；\n"
         "建立能源消费台账，安装分户计量装置。", "10", "迟报、漏报1次扣2分；无台账扣3分。"),
        ("3", "节能目标", "单位建筑面积能耗、人均综合能耗较上年度分别下降1.2%和1.5%，完成下达的年度节能目标任务。",
         "20", "完成目标得满分；每项指标未完成扣10分。"),
        ("4", "节水管理", "使用节水型器具，节水器具普及率100%；\n开展节水型单位建设，无跑冒滴漏现象。", "10",
         "发现非节水型器具每处扣1分；存在跑冒滴漏现象每处扣1分。"),
        ("5", "生活垃圾分类", "机关内部实行生活垃圾分类投放，设置分类收集容器，指定专人管理，分类准确率达到90%以上。",
         "10", "未设置分类容器扣5分；抽查分类不准确的扣1至3分。"),
        ("6", "绿色办公", "推行无纸化办公，双面打印，减少一次性办公用品使用；\n"
         "空调温度设置夏季不低于26℃、冬季不高于20℃。", "10", "发现空调温度设置不达标每处扣1分。"),
        ("7", "公务用车", "严格执行公务用车管理规定，新购公务用车中新能源汽车比例不低于30%；\n推进充电基础设施建设。",
         "10", "新能源汽车比例不达标扣5分。"),
        ("8", "节能改造", "实施照明、空调、供暖等节能改造项目，推广使用LED灯具，合同能源管理项目有序推进。", "10",
         "未实施节能改造的扣5分。"),
        ("9", "宣传培训", "组织开展节能宣传周、全国低碳日活动，开展节能培训不少于1次。", "5",
         "未开展宣传活动扣3分，未开展培训扣2分。"),
        ("10", "反食品浪费", "机关食堂落实反食品浪费措施，开展“光盘行动”。", "5", "未落实的扣5分。"),
    ]
    table = doc.add_table(rows=len(rows) + 2, cols=5)
    table.style = "Table Grid"
    for i, h in enumerate(["序号", "考核项目", "考核内容", "分值", "评分方法"]):
        _set(table.cell(0, i), h)
    for k, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            _set(table.cell(k, c), v)
    last = len(rows) + 1
    m = table.cell(last, 0).merge(table.cell(last, 2))
    _set(m, "合计")
    _set(table.cell(last, 3), "100")
    doc.add_paragraph("考核人员签字：                    被考核单位负责人签字：")
    _save_doc(doc, "b20_guilin_jiguan_jieneng_kaohe_xiangmu.docx")


# ---------------------------------------------------------------- b21
def b21():
    """XLSX: title row, merged 考核维度, 权重 column of plain numbers, 合计 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核指标"
    ws["A1"] = "清远市水务集团有限公司2023年度部门绩效考核指标表"
    ws.merge_cells("A1:G1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "考核周期：2023年1月1日—2023年12月31日"
    ws.merge_cells("A2:G2")
    header = ["序号", "考核维度", "考核指标", "评分标准", "权重", "目标值", "考核责任部门"]
    for c, h in enumerate(header, start=1):
        ws.cell(3, c, h).font = Font(bold=True)
    rows = [
        (1, "经营业绩", "营业收入完成率", "完成年度目标得满分，每低1%扣权重分的1%", 20, "≥100%", "财务部"),
        (2, "经营业绩", "利润总额完成率", "完成年度目标得满分，每低1%扣权重分的1.5%", 20, "≥100%", "财务部"),
        (3, "经营业绩", "成本费用控制率", "实际成本费用/预算成本费用×100%，每超支1%扣权重分的2%", 10, "≤100%", "财务部"),
        (4, "经营业绩", "水费回收率", "每低1个百分点扣权重分的5%", 10, "≥98%", "营销部"),
        (5, "安全运营", "供水水质综合合格率", "出厂水、管网水按国家标准检测，每低0.1个百分点扣权重分的10%", 10,
         "≥99%", "水质检测中心"),
        (6, "安全运营", "管网漏损率", "每超出1个百分点扣权重分的10%", 10, "≤9%", "管网管理部"),
        (7, "安全运营", "安全生产事故", "发生一般及以上生产安全事故的本项不得分", 5, "0起", "安全环保部"),
        (8, "客户服务", "客户投诉办结率", "每低1个百分点扣权重分的5%", 5, "100%", "客服中心"),
        (9, "客户服务", "客户满意度", "以第三方测评结果为准，每低1分扣权重分的5%", 5, "≥90分", "客服中心"),
        (10, "内部管理", "重点工作任务完成率", "按集团督办系统统计，每项逾期扣权重分的10%", 5, "100%", "综合办公室"),
    ]
    for k, row in enumerate(rows, start=4):
        for c, v in enumerate(row, start=1):
            if c == 2 and row[1] == (rows[k - 5][1] if k > 4 else None):
                continue
            cell = ws.cell(k, c, v)
            cell.alignment = WRAP
    ws.merge_cells("B4:B7")
    ws.merge_cells("B8:B10")
    ws.merge_cells("B11:B12")
    ws["A14"] = "合计"
    ws.merge_cells("A14:D14")
    ws["E14"] = 100
    ws["A16"] = "注：部门考核得分=∑（指标得分率×权重），满分100分。"
    ws.merge_cells("A16:G16")
    for col, wdt in zip("ABCDEFG", [6, 12, 20, 46, 8, 10, 14]):
        ws.column_dimensions[col].width = wdt
    _save_wb(wb, "b21_qingyuan_shuiwu_bumen_jixiao_quanzhong.xlsx")


# ---------------------------------------------------------------- b22
def b22():
    """XLSX: rating sheet, criteria as columns under merged group headers, one row per unit (blank)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评分汇总"
    ws["A1"] = "宜春市袁州区城市管理局2022年度各乡镇（街道）生活垃圾分类工作考核评分汇总表"
    ws.merge_cells("A1:N1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "序号"
    ws.merge_cells("A2:A3")
    ws["B2"] = "单位"
    ws.merge_cells("B2:B3")
    groups = [("C2", "E2", "组织推进（15分）"), ("F2", "H2", "设施建设（35分）"), ("I2", "K2", "分类实效（40分）")]
    for a, b, t in groups:
        ws[a] = t
        ws.merge_cells(f"{a}:{b}")
    ws["L2"] = "宣传教育（10分）"
    ws["M2"] = "总分"
    ws.merge_cells("M2:M3")
    ws["N2"] = "排名"
    ws.merge_cells("N2:N3")
    crit = ["工作部署（5分）", "资金保障（5分）", "督导检查（5分）", "分类投放点（15分）", "收运车辆（10分）",
            "处理设施（10分）", "居民知晓率（10分）", "参与率（15分）", "分类准确率（15分）", "宣传活动（10分）"]
    for c, t in enumerate(crit, start=3):
        ws.cell(3, c, t).alignment = WRAP
    units = ["灵泉街道", "秀江街道", "珠泉街道", "湛郎街道", "官园街道", "化成街道", "下浦街道", "凤凰街道",
             "金园街道", "湖田镇", "西村镇", "新坊镇"]
    for k, u in enumerate(units, start=4):
        ws.cell(k, 1, k - 3)
        ws.cell(k, 2, u)
    ws["A17"] = "说明：各项得分由考核组根据实地检查和资料审核情况填写，总分满分100分。"
    ws.merge_cells("A17:N17")
    _save_wb(wb, "b22_yuanzhou_laji_fenlei_kaohe_pingfen_huizong.xlsx")


# ---------------------------------------------------------------- b23
def b23():
    """DOCX: document-control block + responsibility matrix (no indicators) + the scoring table."""
    doc = _new_doc()
    ctl = doc.add_table(rows=4, cols=4)
    ctl.style = "Table Grid"
    cells = [["文件编号", "HL/QHSE-GL-012", "版本/修订", "B/0"],
             ["文件名称", "质量安全环保目标考核管理办法", "页次", "第1页 共3页"],
             ["编制", "张某某", "审核", "李某某"],
             ["批准", "王某某", "受控状态/份数", "受控 第03份"]]
    for r, row in enumerate(cells):
        for c, v in enumerate(row):
            _set(ctl.cell(r, c), v)
    doc.add_paragraph("")
    _title(doc, "株洲恒力机械制造有限公司质量安全环保目标考核管理办法", 14)
    doc.add_paragraph("1 目的")
    doc.add_paragraph("为落实公司年度质量、安全、环保（QHSE）目标，明确各部门职责，规范考核工作，特制定本办法。")
    doc.add_paragraph("2 适用范围")
    doc.add_paragraph("本办法适用于公司各职能部门及生产车间的QHSE目标考核。")
    doc.add_paragraph("3 职责")
    doc.add_paragraph("各部门在QHSE目标管理中的职责分工见表1（✓表示负有相应职责）。")
    depts = ["质量部", "安全环保部", "生产部", "人力资源部", "各车间"]
    matrix = [
        ("产品一次交验合格率", [1, 0, 1, 0, 1]),
        ("顾客有效投诉", [1, 0, 1, 0, 0]),
        ("一般及以上生产安全事故", [0, 1, 1, 0, 1]),
        ("安全隐患整改完成率", [0, 1, 1, 0, 1]),
        ("污染物达标排放", [0, 1, 1, 0, 0]),
        ("新员工三级安全教育率", [0, 1, 0, 1, 1]),
        ("体系内审不符合项整改", [1, 1, 1, 1, 1]),
    ]
    doc.add_paragraph("表1  QHSE目标职责分配表")
    mt = doc.add_table(rows=len(matrix) + 1, cols=len(depts) + 1)
    mt.style = "Table Grid"
    _set(mt.cell(0, 0), "目标指标")
    for c, d in enumerate(depts, start=1):
        _set(mt.cell(0, c), d)
    for r, (name, flags) in enumerate(matrix, start=1):
        _set(mt.cell(r, 0), name)
        for c, f in enumerate(flags, start=1):
            _set(mt.cell(r, c), "✓" if f else "")
    doc.add_paragraph("4 考核评分")
    doc.add_paragraph("QHSE目标考核按年度进行，满分100分，评分标准见表2。")
    doc.add_paragraph("表2  QHSE目标考核评分表")
    rows = [
        ("1", "产品一次交验合格率", "≥98%", "每降低0.5个百分点扣2分", "20", "质量部"),
        ("2", "顾客有效投诉", "≤2起/年", "每超出1起扣5分", "15", "质量部"),
        ("3", "一般及以上生产安全事故", "0起", "发生1起扣全部分值", "20", "安全环保部"),
        ("4", "安全隐患整改完成率", "100%", "每项逾期未整改扣1分", "10", "安全环保部"),
        ("5", "污染物达标排放", "100%达标", "每超标1次扣5分", "15", "安全环保部"),
        ("6", "新员工三级安全教育率", "100%", "每发现1人未经教育上岗扣2分", "10", "人力资源部"),
        ("7", "体系内审不符合项整改", "按期关闭率100%", "每项逾期扣2分", "10", "质量部"),
    ]
    st = doc.add_table(rows=len(rows) + 2, cols=6)
    st.style = "Table Grid"
    for c, h in enumerate(["序号", "考核指标", "目标值", "考核标准", "分值", "考核部门"]):
        _set(st.cell(0, c), h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            _set(st.cell(r, c), v)
    last = len(rows) + 1
    _set(st.cell(last, 0).merge(st.cell(last, 3)), "合计")
    _set(st.cell(last, 4), "100")
    doc.add_paragraph("5 考核结果运用")
    doc.add_paragraph("考核结果与部门年度绩效奖金挂钩，考核得分低于80分的部门取消年度评先资格。")
    doc.add_paragraph("6 附则")
    doc.add_paragraph("本办法由安全环保部负责解释，自发布之日起实施。")
    _save_doc(doc, "b23_hengli_qhse_mubiao_kaohe_matrix_control.docx")


# ---------------------------------------------------------------- b24
def b24():
    """DOCX: one table per category (heading paragraphs between), 责任单位 cells on several lines."""
    doc = _new_doc()
    _title(doc, "沧州市运河区2023年度全国文明城市创建工作测评任务分解考核表")
    doc.add_paragraph("区文明办  2023年4月")
    parts = [
        ("一、公共秩序（30分）", [
            ("1", "道路交通秩序", "主次干道机动车、非机动车停放有序，行人遵守交通信号", "10", "区公安分局交警大队\n区城市管理综合行政执法局"),
            ("2", "农贸市场秩序", "市场内划行归市，无占道经营，环境卫生整洁", "10", "区市场监督管理局\n区商务局\n各街道办事处"),
            ("3", "公共场所秩序", "车站、广场等公共场所无乞讨卖艺、无强买强卖", "10", "区公安分局\n区民政局"),
        ]),
        ("二、城市环境（40分）", [
            ("4", "背街小巷", "路面平整，无积存垃圾，无乱搭乱建", "15", "区城市管理综合行政执法局\n区住房和城乡建设局\n各街道办事处"),
            ("5", "老旧小区", "小区物业管理全覆盖，楼道无杂物堆放", "15", "区住房和城乡建设局\n各街道办事处"),
            ("6", "公益广告", "主要街道、公共场所公益广告刊播规范、数量达标", "10", "区委宣传部\n区城市管理综合行政执法局"),
        ]),
        ("三、志愿服务（30分）", [
            ("7", "志愿服务站点", "社区志愿服务站建有率100%", "10", "区文明办\n团区委"),
            ("8", "注册志愿者", "注册志愿者占城区常住人口比例≥13%", "10", "团区委\n区民政局"),
            ("9", "学雷锋志愿服务", "每月开展学雷锋主题志愿服务活动", "10", "区文明办"),
        ]),
    ]
    for head, rows in parts:
        p = doc.add_paragraph()
        p.add_run(head).bold = True
        t = doc.add_table(rows=len(rows) + 1, cols=5)
        t.style = "Table Grid"
        for c, h in enumerate(["序号", "测评项目", "测评内容", "分值", "责任单位"]):
            _set(t.cell(0, c), h)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                _set(t.cell(r, c), v)
    doc.add_paragraph("注：测评总分100分，考核结果纳入各单位年度综合考核。")
    _save_doc(doc, "b24_yunhe_wenming_chengshi_ceping_duohang_bumen.docx")


# ---------------------------------------------------------------- b25
def b25():
    """XLSX: each indicator spans two rows (criteria row + 数据来源 row), banner category rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评价指标"
    ws["A1"] = "宿州市埇桥区2022年度基本公共卫生服务项目绩效评价指标"
    ws.merge_cells("A1:E1")
    ws["A1"].font = Font(bold=True, size=14)
    for c, h in enumerate(["序号", "评价指标", "评价标准", "分值", "责任科室"], start=1):
        ws.cell(2, c, h).font = Font(bold=True)
    blocks = [
        ("一、组织管理（20分）", [
            (1, "项目组织实施", "制定年度实施方案，成立项目管理机构，定期召开工作会议", "数据来源：年度实施方案、会议纪要", 10, "基层卫生科"),
            (2, "资金管理", "项目资金及时足额拨付，专款专用，无截留挪用", "数据来源：财务账目、拨付凭证", 10, "财务科"),
        ]),
        ("二、项目执行（60分）", [
            (3, "居民健康档案管理", "电子健康档案建档率≥90%，档案动态使用率≥60%", "数据来源：基本公卫信息系统", 15, "基层卫生科"),
            (4, "0—6岁儿童健康管理", "0—6岁儿童健康管理率≥90%", "数据来源：妇幼健康信息系统", 10, "妇幼健康科"),
            (5, "孕产妇健康管理", "早孕建册率≥90%，产后访视率≥90%", "数据来源：妇幼健康信息系统", 10, "妇幼健康科"),
            (6, "慢性病患者健康管理", "高血压、2型糖尿病患者规范管理率≥65%", "数据来源：现场抽查100份档案", 15, "疾病预防控制科"),
            (7, "严重精神障碍患者管理", "严重精神障碍患者规范管理率≥85%", "数据来源：国家严重精神障碍信息系统", 10, "疾病预防控制科"),
        ]),
        ("三、项目效果（20分）", [
            (8, "居民知晓率", "居民对基本公共卫生服务项目知晓率≥80%", "数据来源：电话回访", 10, "基层卫生科"),
            (9, "居民满意度", "服务对象满意度≥85%", "数据来源：第三方问卷调查", 10, "基层卫生科"),
        ]),
    ]
    r = 3
    for head, rows in blocks:
        ws.cell(r, 1, head).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        r += 1
        for no, name, crit, src, pts, dept in rows:
            ws.cell(r, 1, no)
            ws.cell(r, 2, name)
            ws.cell(r, 3, crit).alignment = WRAP
            ws.cell(r + 1, 3, src).alignment = WRAP
            ws.cell(r, 4, pts)
            ws.cell(r, 5, dept)
            for col in (1, 2, 4, 5):
                ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
            r += 2
    ws.cell(r, 1, "合计")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    ws.cell(r, 4, 100)
    for col, wdt in zip("ABCDE", [6, 22, 48, 8, 16]):
        ws.column_dimensions[col].width = wdt
    _save_wb(wb, "b25_yongqiao_jibengongwei_jixiao_pingjia_shuju_laiyuan.xlsx")


# ---------------------------------------------------------------- b26
B26_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>南平市建阳区教育局关于印发2023年度中小学校办学水平综合考核细则的通知</title>
</head>
<body>
<div class="article">
<h2>南平市建阳区教育局关于印发2023年度中小学校办学水平综合考核细则的通知</h2>
<p class="info">发布日期：2023-03-02　信息来源：区教育局</p>
<p>各中小学校：</p>
<p>现将《2023年度中小学校办学水平综合考核细则》印发给你们，请对照细则认真开展自评，并于12月15日前将自评表报局办公室。</p>
<table border="1" cellspacing="0" cellpadding="4">
<thead>
<tr><th rowspan="2">一级指标</th><th rowspan="2">二级指标</th><th rowspan="2">考核要点</th><th rowspan="2">分值</th><th rowspan="2">考核科室</th><th colspan="2">评分</th></tr>
<tr><th>自评</th><th>复评</th></tr>
</thead>
<tbody>
<tr><td rowspan="3">学校管理<br>（25分）</td><td>依法治校</td><td>制定学校章程并依章程办学，建立法律顾问制度</td><td>8</td><td>政策法规科</td><td></td><td></td></tr>
<tr><td>民主管理</td><td>落实教职工代表大会制度，校务公开规范</td><td>7</td><td>政策法规科</td><td></td><td></td></tr>
<tr><td>安全稳定</td><td>安全责任落实到位，全年无重大安全责任事故</td><td>10</td><td>安全稳定科</td><td></td><td></td></tr>
<tr><td rowspan="4">教育教学<br>（40分）</td><td>课程实施</td><td>开齐开足国家课程，课后服务覆盖率100%</td><td>10</td><td rowspan="4">基础教育科</td><td></td><td></td></tr>
<tr><td>教学质量</td><td>学业质量监测成绩达到全区平均水平以上</td><td>15</td><td></td><td></td></tr>
<tr><td>五育并举</td><td>落实体育、美育、劳动教育课时，学生体质健康达标率≥92%</td><td>10</td><td></td><td></td></tr>
<tr><td>教研教改</td><td>开展校本教研，教师每学期上公开课不少于2节</td><td>5</td><td></td><td></td></tr>
<tr><td rowspan="2">队伍建设<br>（20分）</td><td>师德师风</td><td>无违反师德行为，师德考核档案齐全</td><td>10</td><td>人事科</td><td></td><td></td></tr>
<tr><td>教师发展</td><td>教师年度继续教育学时达标率100%</td><td>10</td><td>教师发展中心</td><td></td><td></td></tr>
<tr><td rowspan="2">办学条件<br>（15分）</td><td>校园环境</td><td>校园整洁美观，功能室使用记录完整</td><td>8</td><td rowspan="2">计财装备科</td><td></td><td></td></tr>
<tr><td>装备管理</td><td>仪器设备账物相符，分组实验开出率100%</td><td>7</td><td></td><td></td></tr>
<tr><td colspan="3">合计</td><td>100</td><td></td><td></td><td></td></tr>
</tbody>
</table>
<p>附件：2023年度中小学校办学水平综合考核自评表.xls</p>
</div>
</body>
</html>
"""


def b26():
    """HTML: rowspan categories and departments, two-row header with colspan."""
    (HERE / "b26_jianyang_banxue_shuiping_kaohe_rowspan.html").write_text(B26_HTML, encoding="utf-8")


# ---------------------------------------------------------------- b27
B27_HTML = """<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>郸城县2022年度乡镇耕地保护目标责任考核评分表</title></head>
<body>
<p align="center"><b>郸城县2022年度乡镇耕地保护目标责任考核评分表</b></p>
<p>考核单位：郸城县自然资源局</p>
<table border="1" width="100%">
<tr><th>序号</th><th>考核内容</th><th>分值</th><th>评分标准</th><th>责任股室</th></tr>
<tr><td colspan="5"><b>一、耕地保有（40分）</b></td></tr>
<tr><td>1</td><td>耕地保有量不低于县下达的年度任务</td><td>20</td><td>每低于任务1%扣2分，扣完为止</td><td>耕地保护股</td></tr>
<tr><td>2</td><td>永久基本农田保护面积不低于县下达的年度任务</td><td>20</td><td>每低于任务1%扣2分，扣完为止</td><td>耕地保护股</td></tr>
<tr><td colspan="5"><b>二、耕地用途管控（30分）</b></td></tr>
<tr><td>3</td><td>坚决遏制耕地“非农化”，无新增乱占耕地建房</td><td>10</td><td>新增乱占耕地建房每宗扣2分</td><td>执法监察大队</td></tr>
<tr><td>4</td><td>防止耕地“非粮化”，永久基本农田重点用于粮食生产</td><td>10</td><td>发现永久基本农田挖塘养鱼、种植林果等每宗扣2分</td><td>耕地保护股</td></tr>
<tr><td>5</td><td>落实耕地占补平衡，补充耕地项目按期验收</td><td>10</td><td>逾期未验收的每个项目扣3分</td><td>国土整治股</td></tr>
<tr><td colspan="5"><b>三、执法监管（30分）</b></td></tr>
<tr><td>6</td><td>卫片执法检查违法占用耕地面积比例低于5%</td><td>15</td><td>比例超过5%的本项不得分</td><td>执法监察大队</td></tr>
<tr><td>7</td><td>落实田长制，村级田长每周巡田不少于1次</td><td>10</td><td>巡田记录缺失的每人次扣0.5分</td><td>耕地保护股</td></tr>
<tr><td>8</td><td>开展耕地保护法律法规宣传</td><td>5</td><td>未开展的扣5分</td><td>办公室</td></tr>
<tr><td colspan="5"><b>四、加分和扣分项目</b></td></tr>
<tr><td>9</td><td>高标准农田建设任务超额完成</td><td>3</td><td>超额完成10%以上的加3分</td><td>国土整治股</td></tr>
<tr><td>10</td><td>发生被上级通报的违法占用耕地案件</td><td>—</td><td>每发生1宗扣5分</td><td>执法监察大队</td></tr>
<tr><td colspan="2" align="center">合计</td><td>100</td><td colspan="2"></td></tr>
</table>
<p>郸城县自然资源局　2022年2月</p>
</body>
</html>
"""


def b27():
    """HTML: colspan banner category rows, a bonus and a deduction row."""
    (HERE / "b27_dancheng_gengdi_baohu_mubiao_zeren_colspan.html").write_text(B27_HTML, encoding="utf-8")


# ---------------------------------------------------------------- b28
def b28():
    """DOCX: no 分值 column; points inline in 考核内容及评分标准; merged 考核项目 category cells."""
    doc = _new_doc()
    _title(doc, "毕节市七星关区交通运输局")
    _title(doc, "2022年度乡镇农村公路“路长制”工作考核细则", 14)
    blocks = [
        ("组织体系（20分）", [
            ("建立县、乡、村三级路长体系，路长名单及时公示，公示牌设置规范（10分）。未公示扣5分，公示牌缺失每块扣1分。", "区农村公路管理所"),
            ("制定路长制工作方案和配套制度（10分）。缺1项制度扣2分。", "区农村公路管理所"),
        ]),
        ("管理养护（50分）", [
            ("乡级路长每月巡路不少于2次，村级路长每周巡路不少于1次，有巡路记录（15分）。每少1次扣1分。", "区农村公路管理所"),
            ("农村公路列养率100%，优良中等路率不低于75%（20分）。列养率每低1%扣1分，优良中等路率每低1%扣0.5分。", "区公路养护中心"),
            ("落实“一路一档”，路政巡查和超限超载治理到位（15分）。发现违法占道未处理的每起扣2分。", "区交通运输综合行政执法大队"),
        ]),
        ("安全与环境（30分）", [
            ("开展农村公路安全隐患排查整治，安防设施完善（15分）。", "区公路养护中心"),
            ("路域环境整洁，无乱堆乱放、打场晒粮（10分）。每发现1处扣0.5分。", "区农村公路管理所"),
            ("群众对农村公路满意度达到85%以上（5分）。每低1个百分点扣0.5分。", "区交通运输局办公室"),
        ]),
    ]
    n = sum(len(b[1]) for b in blocks)
    t = doc.add_table(rows=n + 1, cols=3)
    t.style = "Table Grid"
    for c, h in enumerate(["考核项目", "考核内容及评分标准", "考核单位"]):
        _set(t.cell(0, c), h)
    r = 1
    for head, rows in blocks:
        top = r
        for content, unit in rows:
            _set(t.cell(r, 1), content)
            _set(t.cell(r, 2), unit)
            r += 1
        m = t.cell(top, 0).merge(t.cell(r - 1, 0))
        _set(m, head)
    doc.add_paragraph("考核满分100分，考核结果纳入乡镇年度目标绩效考核。")
    _save_doc(doc, "b28_qixingguan_nongcun_gonglu_luzhangzhi_kaohe.docx")


# ---------------------------------------------------------------- b29
def b29():
    """XLSX: instruction sheet + three-level indicator sheet with points per level; 产出 does not add up."""
    wb = Workbook()
    ws0 = wb.active
    ws0.title = "填表说明"
    notes = [
        "宝鸡市陈仓区财政局2022年度部门整体支出绩效评价",
        "填表说明：",
        "1．本指标体系适用于区级预算部门整体支出绩效自评和财政重点评价。",
        "2．各部门可结合职能对三级指标的指标解释进行细化，但不得调整指标分值。",
        "3．评价结果分为优（90分及以上）、良（80—89分）、中（60—79分）、差（60分以下）。",
    ]
    for i, t in enumerate(notes, start=1):
        ws0.cell(i, 1, t)
    ws = wb.create_sheet("指标体系")
    wb.create_sheet("Sheet3")
    ws["A1"] = "2022年度部门整体支出绩效评价指标体系"
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=14)
    for c, h in enumerate(["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "指标解释", "评分标准"], start=1):
        ws.cell(2, c, h).font = Font(bold=True)
    tree = [
        ("决策", 15, [
            ("目标设定", 6, [("绩效目标合理性", 3, "部门绩效目标与部门职责、发展规划相符", "相符得3分，否则酌情扣分"),
                            ("绩效指标明确性", 3, "绩效指标细化、量化、可衡量", "明确得3分，否则酌情扣分")]),
            ("预算配置", 9, [("在职人员控制率", 3, "在职人数/编制数×100%", "≤100%得3分，否则不得分"),
                            ("“三公经费”变动率", 3, "（本年“三公经费”-上年“三公经费”）/上年“三公经费”×100%", "≤0得3分，否则不得分"),
                            ("重点支出安排率", 3, "重点项目支出/项目总支出×100%", "≥60%得3分，每低5%扣0.5分")]),
        ]),
        ("过程", 25, [
            ("预算执行", 15, [("预算执行率", 5, "预算完成数/预算数×100%", "每低1个百分点扣0.5分"),
                             ("预算调整率", 3, "预算调整数/预算数×100%", "≤5%得3分"),
                             ("支付进度率", 3, "实际支付进度/既定支付进度×100%", "≥95%得3分"),
                             ("结转结余率", 2, "结转结余总额/预算数×100%", "≤5%得2分"),
                             ("公用经费控制率", 2, "实际支出公用经费/预算安排公用经费×100%", "≤100%得2分")]),
            ("预算管理", 10, [("管理制度健全性", 3, "内部财务管理制度健全", "健全得3分"),
                             ("资金使用合规性", 4, "资金使用符合财经法规，无截留挤占挪用", "发现违规每项扣1分"),
                             ("预决算信息公开性", 3, "按规定公开部门预决算信息", "未公开不得分")]),
        ]),
        ("产出", 40, [
            ("职责履行", 40, [("实际完成率", 12, "实际完成工作数/计划工作数×100%", "按比例计分"),
                             ("质量达标率", 10, "质量达标工作数/实际完成工作数×100%", "按比例计分"),
                             ("完成及时率", 10, "及时完成工作数/实际完成工作数×100%", "按比例计分"),
                             ("重点工作办结率", 10, "重点工作办结数/交办重点工作数×100%", "按比例计分")]),
        ]),
        ("效益", 20, [
            ("履职效益", 20, [("社会效益", 10, "部门履职对社会发展产生的影响", "根据实际酌情评分"),
                             ("可持续影响", 4, "部门履职对可持续发展的影响", "根据实际酌情评分"),
                             ("服务对象满意度", 6, "服务对象对部门履职的满意程度", "≥90%得6分，每低1%扣0.5分")]),
        ]),
    ]
    r = 3
    for l1, p1, subs in tree:
        top1 = r
        for l2, p2, leaves in subs:
            top2 = r
            for l3, p3, expl, rule in leaves:
                ws.cell(r, 5, l3)
                ws.cell(r, 6, p3)
                ws.cell(r, 7, expl).alignment = WRAP
                ws.cell(r, 8, rule).alignment = WRAP
                r += 1
            ws.cell(top2, 3, l2)
            ws.cell(top2, 4, p2)
            if r - 1 > top2:
                ws.merge_cells(start_row=top2, start_column=3, end_row=r - 1, end_column=3)
                ws.merge_cells(start_row=top2, start_column=4, end_row=r - 1, end_column=4)
        ws.cell(top1, 1, l1)
        ws.cell(top1, 2, p1)
        ws.merge_cells(start_row=top1, start_column=1, end_row=r - 1, end_column=1)
        ws.merge_cells(start_row=top1, start_column=2, end_row=r - 1, end_column=2)
    ws.cell(r, 1, "合计")
    ws.cell(r, 2, 100)
    for col, wdt in zip("ABCDEFGH", [10, 6, 12, 6, 20, 6, 40, 30]):
        ws.column_dimensions[col].width = wdt
    _save_wb(wb, "b29_chencang_bumen_zhengti_zhichu_jixiao_sanji.xlsx")


# ---------------------------------------------------------------- b30
def b30():
    """DOCX: KPI sheet with 权重 as percentages, vMerge 维度 cells, no points."""
    doc = _new_doc()
    _title(doc, "九江市浔阳区人民医院2023年度护理单元绩效考核KPI表")
    doc.add_paragraph("考核对象：各临床护理单元    考核周期：季度")
    doc.add_paragraph("综合得分=Σ（各KPI指标得分×权重），各KPI指标得分按百分制计算。")
    dims = [
        ("财务维度", [("护理单元收支结余率", "10%", "≥上年同期", "达到目标值得100分，每低1个百分点扣5分", "财务科"),
                    ("卫生材料收入占比", "10%", "≤20%", "每超出1个百分点扣10分", "财务科")]),
        ("客户维度", [("住院患者满意度", "15%", "≥95%", "每低1个百分点扣10分", "党政办公室"),
                    ("有效护理投诉", "10%", "0起", "每发生1起扣50分", "医务科")]),
        ("内部流程维度", [("护理质量考核达标率", "15%", "≥95%", "每低1个百分点扣10分", "护理部"),
                      ("护理不良事件主动上报率", "10%", "100%", "瞒报1例扣50分", "护理部"),
                      ("压力性损伤院内发生率", "5%", "≤0.5%", "超出目标值不得分", "护理部"),
                      ("住院患者跌倒坠床发生率", "5%", "≤0.1‰", "超出目标值不得分", "护理部")]),
        ("学习与成长维度", [("护士三基考核合格率", "10%", "100%", "每1人不合格扣10分", "护理部"),
                       ("护理科研与新技术开展", "10%", "每年≥1项", "未开展不得分", "科教科")]),
    ]
    n = sum(len(d[1]) for d in dims)
    t = doc.add_table(rows=n + 2, cols=6)
    t.style = "Table Grid"
    for c, h in enumerate(["维度", "KPI指标", "权重", "目标值", "评分规则", "考核部门"]):
        _set(t.cell(0, c), h)
    r = 1
    for dim, rows in dims:
        top = r
        for row in rows:
            for c, v in enumerate(row, start=1):
                _set(t.cell(r, c), v)
            r += 1
        m = t.cell(top, 0).merge(t.cell(r - 1, 0)) if r - 1 > top else t.cell(top, 0)
        _set(m, dim)
    _set(t.cell(r, 0).merge(t.cell(r, 1)), "合计")
    _set(t.cell(r, 2), "100%")
    doc.add_paragraph("护理部  2023年1月")
    _save_doc(doc, "b30_xunyang_yiyuan_huli_kpi_quanzhong.docx")


def main():
    for build in (b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30):
        build()
    print("built 12 binary files in", HERE)


if __name__ == "__main__":
    main()
