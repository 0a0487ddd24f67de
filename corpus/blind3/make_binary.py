"""Build the binary documents of corpus/blind3 (b11-b24).

Synthetic documents written by a separate reader for a blind test of kaoping. Deterministic: the
DOCX/XLSX zips are rewritten with fixed timestamps and fixed core properties, and the HTML is plain
text, so a rebuild gives the same bytes. The four PDFs (b12, b13, b15, b20) are converted from a DOCX
by LibreOffice (`soffice --headless --convert-to pdf`); only the PDF is kept. PDFs carry conversion
timestamps, so they are written once and committed: they are rebuilt only with --pdf (or when
missing).

Usage: python corpus/blind3/make_binary.py [--pdf]
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

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2024, 1, 1, 0, 0, 0)
STAMP = "2024-01-01T00:00:00Z"


# ---------------------------------------------------------------- zip normalisation
def normalise_zip(path):
    """Rewrite a zip with fixed entry times and fixed dcterms dates."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in items:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>" + STAMP + r"\3", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


# ---------------------------------------------------------------- DOCX helpers
def new_doc():
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    cp = doc.core_properties
    cp.author = "kaoping blind3"
    cp.last_modified_by = "kaoping blind3"
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1
    return doc


def para(doc, text, bold=False, center=False, size=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def set_cell(cell, text, bold=False):
    """Write text into a cell; '\n' starts a new paragraph inside the cell."""
    parts = text.split("\n")
    cell.text = parts[0]
    for extra in parts[1:]:
        cell.add_paragraph(extra)
    if bold:
        for p in cell.paragraphs:
            for r in p.runs:
                r.bold = True


def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def table(doc, rows, widths=None, header_rows=1):
    """rows: list of lists of str (None = leave empty, will be merged later)."""
    ncol = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncol)
    t.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v:
                set_cell(t.cell(i, j), v, bold=i < header_rows)
    for i in range(header_rows):
        repeat_header(t.rows[i])
    if widths:
        t.autofit = False
        for j, gc in enumerate(t._tbl.tblGrid.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(Cm(widths[j]).twips)))
        for row in t.rows:
            for j, w in enumerate(widths):
                row.cells[j].width = Cm(w)
    return t


def merge(t, r1, c1, r2, c2):
    t.cell(r1, c1).merge(t.cell(r2, c2))


def landscape(doc):
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    w, h = sec.page_width, sec.page_height
    if w < h:
        sec.page_width, sec.page_height = h, w
    return sec


def save_docx(doc, path):
    doc.save(path)
    normalise_zip(path)


def to_pdf(doc, stem):
    """Save the DOCX in a temp dir, convert with LibreOffice, keep only the PDF."""
    target = os.path.join(HERE, stem + ".pdf")
    if os.path.exists(target) and "--pdf" not in sys.argv:
        print("kept", target)
        return
    tmp = tempfile.mkdtemp()
    try:
        src = os.path.join(tmp, stem + ".docx")
        save_docx(doc, src)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/lo",
                        "--convert-to", "pdf", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.copy(os.path.join(tmp, stem + ".pdf"), target)
        print("wrote", target)
    finally:
        shutil.rmtree(tmp)


def out(stem, ext):
    return os.path.join(HERE, stem + "." + ext)


# ---------------------------------------------------------------- XLSX helpers
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def new_wb():
    wb = Workbook()
    wb.properties.creator = "kaoping blind3"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def put_rows(ws, rows, start=1, border=True):
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v is None:
                continue
            c = ws.cell(row=start + i, column=j + 1, value=v)
            c.alignment = WRAP
            if border:
                c.border = BOX


def save_xlsx(wb, path):
    wb.save(path)
    normalise_zip(path)


def save_text(text, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ================================================================ b11 DOCX: three-level, vMerge, 标准分
def b11():
    doc = new_doc()
    para(doc, "泰州市姜堰区司法局", bold=True, center=True, size=16)
    para(doc, "姜司发〔2023〕27号", center=True)
    para(doc, "关于印发《姜堰区司法所规范化建设考评标准》的通知", bold=True, center=True, size=14)
    para(doc, "各司法所：")
    para(doc, "    为深入推进司法所规范化建设，现将《姜堰区司法所规范化建设考评标准》印发给你们，"
              "请对照标准抓好落实。区司法局将于年底组织考评，考评结果作为评选“枫桥式司法所”的依据。")
    para(doc, "泰州市姜堰区司法局", center=False)
    para(doc, "2023年4月6日")
    para(doc, "姜堰区司法所规范化建设考评标准", bold=True, center=True, size=14)
    rows = [
        ["一级指标", "二级指标", "三级指标", "标准分", "评分标准"],
        ["基础建设（30分）", "机构设置", "司法所独立设置，机构编制到位", "4", "未独立设置的扣4分"],
        [None, None, "所长专职，配备政法专项编制人员3名以上", "6", "每少1名扣2分"],
        [None, "基础设施", "办公用房面积不少于100平方米，功能分区合理", "5", "面积不足的扣3分，分区不合理的扣2分"],
        [None, None, "标识标牌统一规范", "3", "不规范的扣1分"],
        [None, None, "配备执法执勤车辆和必要的办公设备", "4", "未配备车辆的扣2分"],
        [None, "制度建设", "建立岗位职责、工作例会、学习培训等制度并上墙公示", "8", "缺一项制度扣2分"],
        ["业务工作（50分）", "人民调解", "指导辖区调解组织开展调解，调解成功率98%以上", "8", "每低1个百分点扣1分"],
        [None, None, "每年组织人民调解员培训不少于1次", "4", "未组织的不得分"],
        [None, "社区矫正", "无社区矫正对象脱管、漏管和重新犯罪", "10", "发生1例扣5分"],
        [None, None, "社区矫正工作档案一人一档，规范完整", "6", "每发现1份不规范扣1分"],
        [None, "法治宣传", "开展法治宣传活动每月不少于1次", "6", "少1次扣1分"],
        [None, None, "指导村（社区）建设法治文化阵地", "4", "未建设的每个扣1分"],
        [None, "公共法律服务", "村（居）法律顾问覆盖率100%", "6", "未覆盖的每个村扣1分"],
        [None, None, "公共法律服务工作站规范运行，服务台账齐全", "6", "台账缺失的扣2分"],
        ["队伍管理（20分）", "政治建设", "党建工作与业务工作同部署、同落实、同考核", "5", "未同部署的扣3分"],
        [None, "作风纪律", "工作人员无违法违纪行为", "10", "发生1起不得分"],
        [None, None, "严格落实考勤和请销假制度", "5", "抽查不在岗的每人次扣1分"],
    ]
    t = table(doc, rows, widths=[2.6, 2.2, 6.0, 1.4, 4.0])
    merge(t, 1, 0, 6, 0)
    merge(t, 7, 0, 14, 0)
    merge(t, 15, 0, 17, 0)
    merge(t, 1, 1, 2, 1)
    merge(t, 3, 1, 5, 1)
    merge(t, 7, 1, 8, 1)
    merge(t, 9, 1, 10, 1)
    merge(t, 11, 1, 12, 1)
    merge(t, 13, 1, 14, 1)
    merge(t, 16, 1, 17, 1)
    para(doc, "")
    para(doc, "抄送：泰州市司法局。")
    save_docx(doc, out("b11_jiangyan_sifasuo_guifanhua_sanji_vmerge", "docx"))


# ================================================================ b12 PDF: 加分项 / 扣分项 sections, 合计
def b12():
    doc = new_doc()
    para(doc, "株洲市芦淞区法律援助中心", bold=True, center=True, size=14)
    para(doc, "2022年度法律援助案件质量考评表", bold=True, center=True, size=14)
    para(doc, "承办人：__________    案件编号：__________    考评人：__________")
    rows = [
        ["序号", "考评项目", "考评内容", "分值", "评分标准"],
        ["基本项（100分）", None, None, None, None],
        ["1", "受理审查", "申请材料齐全，审查在法定期限内完成", "10", "超期的每件扣2分"],
        ["2", "指派", "决定给予法律援助后3日内指派承办人员", "10", "超期指派的扣5分"],
        ["3", "会见阅卷", "刑事案件会见被告人不少于2次，民事案件与受援人沟通记录完整", "15", "会见次数不足的扣5分，记录不全的扣3分"],
        ["4", "调查取证", "依法调查取证，证据材料完整", "10", "应取证未取证的扣5分"],
        ["5", "出庭辩护代理", "按时出庭，辩护（代理）意见有针对性", "20", "无故缺席庭审的不得分"],
        ["6", "结案归档", "结案后30日内归档，卷宗材料规范", "15", "逾期归档的扣5分"],
        ["7", "受援人反馈", "回访受援人，满意率不低于95%", "10", "受援人不满意的扣5分"],
        ["8", "质量监督", "重大疑难案件经集体讨论", "10", "未集体讨论的扣5分"],
        ["加分项（最高加5分）", None, None, None, None],
        ["9", "优秀案例", "承办案件被评为省级以上法律援助优秀案例", "3", "省级加3分，市级减半"],
        ["10", "媒体报道", "承办案件获得市级以上媒体正面报道", "2", "每篇加1分，最高2分"],
        ["扣分项", None, None, None, None],
        ["11", "有效投诉", "承办人员被受援人有效投诉", "—", "每件扣5分"],
        ["12", "违规收费", "违规收取受援人财物", "—", "本次考评不得分"],
        ["合计", None, None, "100", ""],
    ]
    t = table(doc, rows, widths=[1.2, 2.4, 6.6, 1.2, 4.6])
    for r in (1, 10, 13):
        merge(t, r, 0, r, 4)
    merge(t, 16, 0, 16, 2)
    para(doc, "考评得分：________    考评日期：____年__月__日")
    to_pdf(doc, "b12_lusong_falv_yuanzhu_anjian_zhiliang_jiakoufen")


# ================================================================ b13 PDF: landscape, table across a page break
def b13():
    doc = new_doc()
    para(doc, "衢州市柯城区司法局", bold=True, center=True, size=16)
    para(doc, "柯司〔2024〕5号", center=True)
    para(doc, "关于印发《2024年度司法所社区矫正工作目标考核细则》的通知", bold=True, center=True, size=14)
    para(doc, "各司法所、局机关各科室：")
    para(doc, "    为进一步提升社区矫正工作规范化水平，确保社区矫正对象“管得住、教得好、融得进”，"
              "根据《中华人民共和国社区矫正法》《浙江省社区矫正工作实施细则》，局党组研究制定了"
              "《2024年度司法所社区矫正工作目标考核细则》，现印发给你们，请认真贯彻执行。")
    para(doc, "    考核实行百分制，由各责任科室日常考核与年终集中考核相结合，考核结果纳入司法所年度综合考评。")
    para(doc, "    附件：2024年度司法所社区矫正工作目标考核细则")
    para(doc, "衢州市柯城区司法局")
    para(doc, "2024年2月26日")
    landscape(doc)
    para(doc, "附件", bold=True)
    para(doc, "2024年度司法所社区矫正工作目标考核细则", bold=True, center=True, size=14)
    long = "，相关文书、记录按规定存档备查"
    rows = [
        ["考核项目", "序号", "考核内容", "满分", "考核办法", "责任科室"],
        ["一、调查评估（10分）", "1", "受委托后按时完成调查评估，评估意见客观准确" + long, "5", "逾期完成的每件扣1分；评估意见明显失实的每件扣2分", "社区矫正科"],
        [None, "2", "调查评估过程中走访被告人（罪犯）家庭成员、村（居）委会和被害人" + long, "5", "走访对象缺项的每件扣1分", None],
        ["二、交付接收（15分）", "3", "社区矫正对象报到后及时办理接收手续，核对法律文书" + long, "5", "未按时接收的每例扣2分", None],
        [None, "4", "入矫宣告规范，宣告内容完整，社区矫正对象签字确认" + long, "5", "未宣告或宣告不规范的每例扣1分", None],
        [None, "5", "组建矫正小组，签订矫正责任书，制定矫正方案" + long, "5", "未组建的每例扣1分", None],
        ["三、监督管理（35分）", "6", "落实日常报告制度，社区矫正对象每周电话报告、每月当面报告" + long, "6", "未落实的每人次扣0.5分", "社区矫正指挥中心"],
        [None, "7", "按规定审批外出、变更执行地等事项" + long, "4", "违规审批的每例扣2分", None],
        [None, "8", "严格落实信息化核查，定位异常及时处置" + long, "5", "异常未处置的每次扣1分", None],
        [None, "9", "开展实地查访，每月不少于1次" + long, "5", "少1次扣0.5分", None],
        [None, "10", "落实分类管理，按规定调整管理类别" + long, "6", "未按规定调整的每例扣1分", None],
        [None, "11", "及时提请警告、治安管理处罚、撤销缓刑等" + long, "4", "应提请未提请的每例扣2分", None],
        [None, "12", "无脱管、漏管及重新违法犯罪" + long, "5", "发生1例扣5分", None],
        ["四、教育帮扶（20分）", "13", "组织社区矫正对象参加教育学习，每月不少于8小时" + long, "6", "未组织的每人次扣0.5分", "社区矫正科"],
        [None, "14", "组织社区矫正对象参加公益活动" + long, "4", "未组织的每人次扣0.5分", None],
        [None, "15", "开展心理健康教育和心理危机干预" + long, "5", "未开展的扣2分", None],
        [None, "16", "协调落实就业指导、职业技能培训、社会救助等帮扶措施" + long, "5", "未落实的每例扣1分", None],
        ["五、考核奖惩（10分）", "17", "按月开展日常考核，考核结果与奖惩挂钩" + long, "5", "未按月考核的每次扣1分", None],
        [None, "18", "依法提请表扬、减刑，程序规范" + long, "5", "程序不规范的每例扣1分", None],
        ["六、解除终止（10分）", "19", "矫正期满按时办理解除手续，发放解除证明书" + long, "5", "未按时解除的每例扣2分", None],
        [None, "20", "做好解矫对象与安置帮教的衔接" + long, "5", "衔接不到位的每例扣1分", None],
        ["合计", None, None, "100", None, None],
    ]
    t = table(doc, rows, widths=[3.0, 1.2, 10.0, 1.4, 5.0, 3.0])
    merge(t, 1, 0, 2, 0)
    merge(t, 3, 0, 5, 0)
    merge(t, 6, 0, 12, 0)
    merge(t, 13, 0, 16, 0)
    merge(t, 17, 0, 18, 0)
    merge(t, 19, 0, 20, 0)
    merge(t, 1, 5, 5, 5)
    merge(t, 6, 5, 12, 5)
    merge(t, 13, 5, 20, 5)
    merge(t, 21, 0, 21, 2)
    to_pdf(doc, "b13_kecheng_shequ_jiaozheng_mubiao_hengye_kuaye")


# ================================================================ b14 DOCX: indicator table + 等次 table
def b14():
    doc = new_doc()
    para(doc, "洛阳市涧西区司法局", bold=True, center=True, size=16)
    para(doc, "2023年度公证机构执业质量考核办法", bold=True, center=True, size=14)
    para(doc, "第一条 为加强公证执业监管，提高公证质量和公信力，根据《公证法》《公证机构执业管理办法》，制定本办法。")
    para(doc, "第二条 考核对象为辖区内公证处。考核采取查阅卷宗、现场检查、系统核查相结合的方式进行。")
    para(doc, "第三条 考核内容及分值见下表。")
    rows = [
        ["序号", "考核项目", "考核内容", "分值", "考核方式"],
        ["1", "执业规范", "公证受理、审查、出证程序符合《公证程序规则》", "20", "抽查卷宗"],
        ["2", "办证质量", "公证书格式规范，无错证、假证", "20", "抽查卷宗"],
        ["3", "办证时限", "一般公证事项在15个工作日内出具公证书", "10", "系统核查"],
        ["4", "收费管理", "严格执行公证收费标准，收费票据规范", "10", "查阅账目"],
        ["5", "档案管理", "公证卷宗及时归档，电子档案同步建立", "10", "现场检查"],
        ["6", "便民服务", "推行“最多跑一次”，开展上门服务、延时服务", "10", "查阅台账"],
        ["7", "投诉处理", "投诉处理及时，全年无有效投诉", "10", "查阅记录"],
        ["8", "队伍建设", "公证员年度业务培训不少于40学时", "10", "查阅记录"],
    ]
    table(doc, rows, widths=[1.2, 2.4, 7.6, 1.4, 2.8])
    para(doc, "")
    para(doc, "第四条 考核结果分为优秀、合格、不合格三个等次，等次标准如下：")
    rows2 = [
        ["考核等次", "分数区间", "说明"],
        ["优秀", "90分以上（含90分）", "不超过参评公证机构数的30%"],
        ["合格", "70分至89分", ""],
        ["不合格", "70分以下", "责令限期整改，并在全区通报"],
    ]
    table(doc, rows2, widths=[3.0, 5.0, 7.0])
    para(doc, "")
    para(doc, "第五条 本办法自印发之日起施行，由涧西区司法局公证律师管理科负责解释。")
    para(doc, "涧西区司法局")
    para(doc, "2023年3月20日")
    save_docx(doc, out("b14_jianxi_gongzheng_zhiye_zhiliang_dengci_liangbiao", "docx"))


# ================================================================ b15 PDF: several units per department cell, notes rows
def b15():
    doc = new_doc()
    para(doc, "合肥市蜀山区司法局", bold=True, center=True, size=16)
    para(doc, "2024年度局机关科室目标管理考核细则", bold=True, center=True, size=14)
    para(doc, "    为推动局机关各科室履职尽责，根据区委区政府目标管理考核要求，结合局机关工作实际，"
              "制定本细则。考核满分100分，分共性工作和业务工作两部分。")
    rows = [
        ["序号", "考核内容", "分值", "考核标准", "责任科室"],
        ["一、共性工作（40分）", None, None, None, None],
        ["1", "政治理论学习，每月集中学习不少于2次", "8", "缺1次扣1分", "政治处、办公室"],
        ["2", "党风廉政建设责任制落实", "8", "责任清单未落实的每项扣2分", "政治处\n驻局纪检组"],
        ["3", "意识形态工作责任制落实", "6", "发生意识形态问题的不得分", "政治处"],
        ["4", "信息宣传，每季度报送信息不少于5条", "6", "少1条扣0.5分", "办公室"],
        ["5", "督查督办事项按时办结", "6", "逾期的每件扣1分", "办公室"],
        ["6", "安全保密和档案管理", "6", "发生失泄密事件的不得分", "办公室、机要室"],
        ["注：共性工作由责任科室对各科室逐项考核，考核结果报政治处汇总。", None, None, None, None],
        ["二、业务工作（60分）", None, None, None, None],
        ["7", "行政复议案件依法按时审结，纠错率合理", "12", "超期审结的每件扣2分", "行政复议与应诉科"],
        ["8", "规范性文件合法性审查，审查率100%", "10", "未经审查出台的每件扣2分", "法制审核科、行政复议与应诉科"],
        ["9", "行政执法监督检查，每半年不少于1次", "10", "未开展的扣5分", "执法监督科"],
        ["10", "普法责任制落实，年度普法清单完成率100%", "10", "每少完成1项扣1分", "普法与依法治理科\n各业务科室"],
        ["11", "公共法律服务体系建设", "10", "平台运行不正常的扣3分", "公共法律服务管理科、法律援助中心"],
        ["12", "人民调解和矛盾纠纷排查化解", "8", "发生民转刑案件的扣4分", "人民参与和促进法治科"],
        ["注：业务工作由分管局领导牵头考核，年终集中考核与日常督查各占50%。", None, None, None, None],
    ]
    t = table(doc, rows, widths=[1.2, 6.2, 1.2, 4.2, 3.6])
    for r in (1, 8, 9, 16):
        merge(t, r, 0, r, 4)
    para(doc, "")
    para(doc, "    本细则由局政治处负责解释。")
    to_pdf(doc, "b15_shushan_jiguan_keshi_mubiao_duodanwei_zhu")


# ================================================================ b16 XLSX: 权重 column as numbers formatted 0%
def b16():
    wb = new_wb()
    ws = wb.active
    ws.title = "考核表"
    ws["A1"] = "南湖区2023年度专职人民调解员绩效考核表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:E1")
    ws["A2"] = "姓名：            所在调委会：                考核时段：2023年1月—12月"
    ws.merge_cells("A2:E2")
    rows = [
        ["序号", "考核指标", "权重", "评分标准", "考核得分"],
        [1, "调解案件数量", 0.20, "完成年度调解任务60件得满分，每少1件扣2分", None],
        [2, "调解成功率", 0.20, "成功率达到95%得满分，每低1个百分点扣5分", None],
        [3, "调解卷宗质量", 0.15, "卷宗评查优良率90%以上得满分，每低1个百分点扣3分", None],
        [4, "矛盾纠纷排查", 0.15, "每月排查并上报台账，缺1次扣10分", None],
        [5, "回访及协议履行", 0.10, "回访率100%，协议履行率90%以上", None],
        [6, "参加业务培训", 0.10, "全年参加培训不少于24学时，每少4学时扣10分", None],
        [7, "宣传及信息报送", 0.10, "每季度报送信息不少于1条，每少1条扣10分", None],
    ]
    put_rows(ws, rows, start=3)
    for r in range(4, 11):
        ws.cell(row=r, column=3).number_format = "0%"
    ws.cell(row=11, column=1, value="说明：各项指标按百分制评分，考核得分=Σ（单项得分×权重）。")
    ws.merge_cells("A11:E11")
    ws.cell(row=12, column=1, value="考核人：                复核人：                日期：")
    ws.merge_cells("A12:E12")
    for col, w in zip("ABCDE", (6, 18, 8, 48, 10)):
        ws.column_dimensions[col].width = w
    save_xlsx(wb, out("b16_nanhu_tiaojieyuan_jixiao_quanzhong_baifenbi", "xlsx"))


# ================================================================ b17 XLSX: three levels, points at every level, does NOT add up
def b17():
    wb = new_wb()
    ws = wb.active
    ws.title = "考核指标"
    ws["A1"] = "金安区2023年度乡镇（街道）生态环境保护工作目标考核指标"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "考核要求", "牵头单位"],
        ["大气污染防治（30分）", "扬尘管控（12分）", "建筑工地落实“六个百分百”", 6, "每发现1处不落实扣1分", "区住建局"],
        [None, None, "道路扬尘保洁", 6, "道路积尘负荷超标的每次扣1分", "区城管局"],
        [None, "秸秆禁烧（10分）", "秸秆焚烧火点", 6, "卫星监测发现火点每个扣2分", "区农业农村局"],
        [None, None, "秸秆综合利用率", 4, "低于95%的扣2分", "区农业农村局"],
        [None, "餐饮油烟（8分）", "餐饮单位油烟净化设施安装率", 8, "未安装的每家扣1分", "区市场监管局"],
        ["水污染防治（30分）", "河长制（15分）", "乡镇级河长按规定频次巡河", 5, "巡河不达标的每人次扣0.5分", "区河长办"],
        [None, None, "考核断面水质达标", 10, "断面水质不达标的每月扣2分", "市生态环境局金安分局"],
        [None, "农村生活污水（15分）", "农村生活污水治理率", 8, "未达到年度目标的扣4分", "市生态环境局金安分局"],
        [None, None, "污水处理设施正常运维", 5, "设施不正常运行的每座扣1分", "区住建局"],
        ["土壤与固废（20分）", "农药包装回收（10分）", "农药包装废弃物回收率", 10, "回收率低于80%的每低1个百分点扣0.5分", "区农业农村局"],
        [None, "畜禽养殖（10分）", "畜禽粪污资源化利用率", 10, "低于90%的扣5分", "区农业农村局"],
        ["督察整改（20分）", "问题整改（20分）", "中央和省生态环境保护督察反馈问题按期整改销号", 12, "未按期销号的每个扣3分", "区生态环境保护委员会办公室"],
        [None, None, "督察交办信访件按期办结", 8, "逾期办结的每件扣1分", "区生态环境保护委员会办公室"],
        ["合计", None, None, 100, None, None],
    ]
    put_rows(ws, rows, start=2)
    for rng in ("A3:A7", "A8:A11", "A12:A13", "A14:A15", "B3:B4", "B5:B6", "B8:B9", "B10:B11", "B14:B15", "A16:C16"):
        ws.merge_cells(rng)
    ws.cell(row=17, column=1, value="填报说明：1.本表由区生态环境保护委员会办公室负责解释；2.发生重大生态环境事件的实行一票否决。")
    ws.merge_cells("A17:F17")
    for col, w in zip("ABCDEF", (18, 18, 34, 7, 34, 24)):
        ws.column_dimensions[col].width = w
    save_xlsx(wb, out("b17_jinan_shengtai_huanjing_mubiao_sanji_buhe", "xlsx"))


# ================================================================ b21 XLSX: several units per cell, 合计, notes rows, instruction sheet
def b21():
    wb = new_wb()
    ws = wb.active
    ws.title = "行风考核"
    ws["A1"] = "宜宾市南岸医院2024年度医德医风（行风建设）考核评分表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["A2"] = "被考核科室：                      考核周期：2024年第  季度"
    ws.merge_cells("A2:F2")
    rows = [
        ["序号", "考核项目", "考核内容", "分值", "扣分标准", "考核科室"],
        [1, "廉洁行医", "不收受患者及其亲属“红包”，不收受药品、耗材回扣", 20, "查实1起扣20分", "纪检监察室"],
        [2, "合理检查", "严格掌握检查指征，无过度检查", 10, "抽查发现不合理检查的每例扣2分", "医务科、质控科"],
        [3, "合理用药", "抗菌药物、辅助用药使用合理", 10, "处方点评不合格的每张扣1分", "药剂科、医务科"],
        [4, "合理收费", "严格执行收费标准，无乱收费、分解收费", 10, "查实1例扣5分", "物价科、财务科"],
        [5, "服务态度", "落实首问负责制，文明用语，无推诿患者", 10, "被投诉服务态度问题每例扣2分", "党办、门诊部"],
        [6, "投诉管理", "患者投诉按时处理、回复率100%", 10, "逾期未处理的每件扣2分", "医患关系办公室"],
        [7, "医疗文书", "病历、护理文书书写规范真实", 10, "发现虚假记录的每份扣5分", "医务科、护理部"],
        [8, "学习教育", "按时参加医德医风教育培训", 10, "缺1人次扣1分", "党办"],
        [9, "患者满意度", "第三方测评患者满意度不低于90%", 10, "每低1个百分点扣1分", "党办、质控科"],
        ["合计", None, None, 100, None, None],
    ]
    put_rows(ws, rows, start=3)
    ws.merge_cells("A13:C13")
    ws.cell(row=14, column=1, value="说明：1.考核结果与科室绩效和个人评优评先挂钩；")
    ws.merge_cells("A14:F14")
    ws.cell(row=15, column=1, value="2.发生违反“九项准则”被上级通报的，本季度行风考核为零分。")
    ws.merge_cells("A15:F15")
    for col, w in zip("ABCDEF", (6, 12, 40, 7, 30, 18)):
        ws.column_dimensions[col].width = w
    ws2 = wb.create_sheet("填表说明")
    ws2["A1"] = "填表说明"
    ws2["A2"] = "一、本表由各考核科室按季度填写，于季度结束后5个工作日内报党办汇总。"
    ws2["A3"] = "二、扣分须附查实材料，被考核科室对扣分有异议的，可在3个工作日内向党办申请复核。"
    ws2.column_dimensions["A"].width = 90
    save_xlsx(wb, out("b21_nanan_yiyuan_yifeng_kaohe_duoke_heji", "xlsx"))


# ================================================================ HTML helper
def html_page(title, body):
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>" + title + "</title>\n<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}</style>\n"
            "</head>\n<body>\n" + body + "</body>\n</html>\n")


# ================================================================ b18 HTML: rowspan, 满分, notes rows inside the table
def b18():
    body = """<div class="crumb">当前位置：首页 &gt; 信息公开 &gt; 法规文件</div>
<h2>寒亭区交通运输局关于印发《2022年度交通运输执法质量考核评分表》的通知</h2>
<p class="info">发布日期：2022-03-15　　信息来源：区交通运输局</p>
<p>区交通运输综合执法大队各中队：</p>
<p>　　现将《2022年度交通运输执法质量考核评分表》印发给你们，请结合工作实际认真抓好落实。</p>
<h3 style="text-align:center">2022年度交通运输执法质量考核评分表</h3>
<table>
<tr><th>考核项目</th><th>考核内容</th><th>满分</th><th>评分细则</th><th>备注</th></tr>
<tr><td rowspan="4">执法规范<br>（40分）</td><td>执法人员持证上岗，着装规范</td><td>8</td><td>发现无证执法的每人次扣2分</td><td></td></tr>
<tr><td>执法全过程记录，执法记录仪使用率100%</td><td>12</td><td>未记录的每次扣2分</td><td></td></tr>
<tr><td>行政处罚案卷质量</td><td>12</td><td>案卷评查不合格的每卷扣3分</td><td>抽查10卷</td></tr>
<tr><td>执法文书制作规范</td><td>8</td><td>文书错误的每份扣1分</td><td></td></tr>
<tr><td colspan="5">注：执法案卷评查按照《山东省交通运输行政执法案卷评查标准》执行。</td></tr>
<tr><td rowspan="3">治超治限<br>（30分）</td><td>落实货运源头企业监管</td><td>10</td><td>源头企业未建立台账的每家扣1分</td><td></td></tr>
<tr><td>开展公安交警联合治超</td><td>10</td><td>每月联合执法少于4次的扣2分</td><td></td></tr>
<tr><td>国省道超限率控制在0.5%以内</td><td>10</td><td>超过的不得分</td><td>以检测站数据为准</td></tr>
<tr><td rowspan="2">执法为民<br>（20分）</td><td>涉企检查落实“双随机、一公开”</td><td>10</td><td>未落实的每次扣2分</td><td></td></tr>
<tr><td>落实轻微违法行为“首违不罚”清单</td><td>10</td><td>应免罚未免罚的每例扣2分</td><td></td></tr>
<tr><td rowspan="2">队伍建设<br>（10分）</td><td>执法人员年度培训不少于60学时</td><td>5</td><td>每少10学时扣1分</td><td></td></tr>
<tr><td>执法廉政风险防控措施落实</td><td>5</td><td>发生违纪问题的不得分</td><td></td></tr>
<tr><td colspan="5">备注：1.考核满分100分，90分以上为优秀；2.发生执法过错被追责的，年度考核不得评为优秀。</td></tr>
</table>
<p style="text-align:right">寒亭区交通运输局<br>2022年3月14日</p>
<div class="foot">【打印】　【关闭】</div>
"""
    save_text(html_page("2022年度交通运输执法质量考核评分表", body),
              out("b18_hanting_jiaotong_zhifa_zhiliang_rowspan_zhu", "html"))


# ================================================================ b19 HTML: 标准分, 加分项 and 扣分项 sections
def b19():
    body = """<h2 style="text-align:center">贵阳市云岩区义务教育学校课后服务工作考核评分表（2023年度）</h2>
<p>学校名称：＿＿＿＿＿＿＿＿　　考核组：区教育局基础教育科</p>
<table>
<thead>
<tr><th>类别</th><th>序号</th><th>考核要点</th><th>标准分</th><th>评分办法</th><th>得分</th></tr>
</thead>
<tbody>
<tr><td rowspan="3">组织管理（15分）</td><td>1</td><td>制定课后服务实施方案并报备</td><td>5</td><td>未制定的不得分</td><td></td></tr>
<tr><td>2</td><td>建立家长自愿申请、学校审核制度</td><td>5</td><td>未建立的不得分</td><td></td></tr>
<tr><td>3</td><td>课后服务结束时间与当地正常下班时间相衔接</td><td>5</td><td>未衔接的扣3分</td><td></td></tr>
<tr><td rowspan="3">服务内容（40分）</td><td>4</td><td>开展作业辅导，小学书面作业在校内基本完成</td><td>15</td><td>查阅记录、抽查学生</td><td></td></tr>
<tr><td>5</td><td>开设文体、艺术、科普等素质拓展课程</td><td>15</td><td>课程少于5类的扣5分</td><td></td></tr>
<tr><td>6</td><td>组建兴趣小组和学生社团</td><td>10</td><td>少于3个的扣3分</td><td></td></tr>
<tr><td rowspan="3">保障措施（25分）</td><td>7</td><td>教师参与课后服务比例不低于80%</td><td>10</td><td>每低5个百分点扣2分</td><td></td></tr>
<tr><td>8</td><td>课后服务经费按规定收取和使用</td><td>10</td><td>经费使用不规范的扣5分</td><td></td></tr>
<tr><td>9</td><td>落实课后服务安全管理和学生离校交接</td><td>5</td><td>交接制度不落实的不得分</td><td></td></tr>
<tr><td rowspan="2">服务成效（20分）</td><td>10</td><td>学生参与率达到80%以上</td><td>10</td><td>每低5个百分点扣2分</td><td></td></tr>
<tr><td>11</td><td>家长满意度达到90%以上</td><td>10</td><td>问卷测评，每低1个百分点扣1分</td><td></td></tr>
<tr><td rowspan="2">加分项<br>（最高5分）</td><td>12</td><td>课后服务典型案例获市级以上推广</td><td>3</td><td>提供推广文件</td><td></td></tr>
<tr><td>13</td><td>引入优质社会资源参与课后服务</td><td>2</td><td>提供合作协议</td><td></td></tr>
<tr><td rowspan="2">扣分项</td><td>14</td><td>以课后服务名义违规收费或组织学科类培训</td><td></td><td>每起扣5分</td><td></td></tr>
<tr><td>15</td><td>课后服务期间发生安全责任事故</td><td></td><td>扣10分</td><td></td></tr>
<tr><td colspan="3">总分</td><td>100</td><td></td><td></td></tr>
</tbody>
</table>
<p>考核组成员签字：＿＿＿＿＿＿　　　　　　日期：＿＿＿＿＿＿</p>
"""
    save_text(html_page("云岩区课后服务工作考核评分表", body),
              out("b19_yunyan_kehou_fuwu_kaohe_jiakou_biaozhunfen", "html"))


# ================================================================ b24 HTML: three levels, 权重 and 分值 both, rowspan
def b24():
    body = """<h2 style="text-align:center">郫都区2023年度公共法律服务中心（站）建设绩效评价指标体系</h2>
<p>评价对象：区公共法律服务中心及各镇（街道）公共法律服务工作站。评价满分100分。</p>
<table>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>权重</th><th>分值</th><th>评价标准</th></tr>
<tr><td rowspan="4">平台建设</td><td rowspan="2">实体平台</td><td>中心（站）面积达到省定标准</td><td>8%</td><td>8</td><td>未达标的不得分</td></tr>
<tr><td>设置法律援助、人民调解、公证等服务窗口</td><td>7%</td><td>7</td><td>每缺1个窗口扣2分</td></tr>
<tr><td>热线平台</td><td>12348热线接通率不低于90%</td><td>8%</td><td>8</td><td>每低1个百分点扣1分</td></tr>
<tr><td>网络平台</td><td>公共法律服务事项网上可办率100%</td><td>7%</td><td>7</td><td>每低5个百分点扣1分</td></tr>
<tr><td rowspan="4">服务供给</td><td>法律援助</td><td>完成法律援助案件年度目标任务</td><td>10%</td><td>10</td><td>按完成比例计分</td></tr>
<tr><td>人民调解</td><td>窗口受理纠纷调解成功率95%以上</td><td>10%</td><td>10</td><td>每低1个百分点扣1分</td></tr>
<tr><td>法律咨询</td><td>现场及热线咨询按时答复率100%</td><td>8%</td><td>8</td><td>超时答复的每件扣0.5分</td></tr>
<tr><td>公证服务</td><td>公证便民服务事项进驻中心</td><td>7%</td><td>7</td><td>未进驻的不得分</td></tr>
<tr><td rowspan="2">服务质量</td><td rowspan="2">群众评价</td><td>服务对象满意度不低于95%</td><td>15%</td><td>15</td><td>第三方测评</td></tr>
<tr><td>投诉处理及时，办结率100%</td><td>5%</td><td>5</td><td>逾期办结的每件扣1分</td></tr>
<tr><td rowspan="2">队伍保障</td><td>人员配备</td><td>中心配备专职工作人员不少于5名</td><td>8%</td><td>8</td><td>每少1名扣2分</td></tr>
<tr><td>业务培训</td><td>工作人员年度培训不少于2次</td><td>7%</td><td>7</td><td>少1次扣3.5分</td></tr>
</table>
<p>注：评价得分=各三级指标得分之和；权重用于与其他评价体系折算。</p>
"""
    save_text(html_page("郫都区公共法律服务中心（站）建设绩效评价指标体系", body),
              out("b24_pidu_gonggong_falv_fuwu_sanji_quanzhong_fenzhi", "html"))


# ================================================================ b20 PDF: 权重 in %, vMerge 指标类别, signature table
def b20():
    doc = new_doc()
    para(doc, "芜湖江城建设发展集团有限公司", bold=True, center=True, size=14)
    para(doc, "2023年度企业负责人经营业绩考核目标责任书", bold=True, center=True, size=16)
    para(doc, "    为落实国有资产保值增值责任，根据《芜湖市市属国有企业负责人经营业绩考核办法》，"
              "芜湖市人民政府国有资产监督管理委员会（以下简称“考核单位”）与芜湖江城建设发展集团有限公司"
              "（以下简称“被考核企业”）签订本责任书。")
    para(doc, "    一、考核期限：2023年1月1日至2023年12月31日。")
    para(doc, "    二、考核指标及权重")
    rows = [
        ["指标类别", "指标名称", "权重", "目标值", "评分规则"],
        ["基本指标", "利润总额", "25%", "3.2亿元", "完成目标值得基本分，每超（减）1%加（扣）0.5分，最高加5分"],
        [None, "净资产收益率", "15%", "4.5%", "每超（减）0.1个百分点加（扣）0.3分"],
        [None, "营业收入", "10%", "48亿元", "完成目标值得基本分，每减1%扣0.5分"],
        ["分类指标", "国有资本保值增值率", "15%", "103%", "低于100%的不得分"],
        [None, "研发投入强度", "10%", "1.2%", "每减0.1个百分点扣1分"],
        ["管理指标", "安全生产", "10%", "无较大及以上安全事故", "发生较大及以上事故的不得分"],
        [None, "党建工作", "15%", "党建考核“好”等次", "按市委组织部党建考核结果折算"],
    ]
    t = table(doc, rows, widths=[2.2, 3.6, 1.4, 3.4, 6.4])
    merge(t, 1, 0, 3, 0)
    merge(t, 4, 0, 5, 0)
    merge(t, 6, 0, 7, 0)
    para(doc, "    三、考核结果运用：考核结果分为A、B、C、D四级，与企业负责人年度绩效薪酬挂钩。")
    para(doc, "    四、本责任书一式三份，考核单位执两份，被考核企业执一份。")
    rows2 = [
        ["考核单位（盖章）", "被考核企业（盖章）"],
        ["负责人签字：", "法定代表人签字："],
        ["日期：2023年3月10日", "日期：2023年3月10日"],
    ]
    table(doc, rows2, widths=[8.0, 8.0], header_rows=0)
    to_pdf(doc, "b20_jiangcheng_guoqi_yeji_zerenshu_quanzhong_qianzi")


# ================================================================ b22 DOCX: 责任单位 with several units per cell, vMerge, 合计
def b22():
    doc = new_doc()
    para(doc, "武汉市洪山区珞南街道办事处", bold=True, center=True, size=16)
    para(doc, "珞南街道2024年度社区工作考核细则", bold=True, center=True, size=14)
    para(doc, "    为推动社区工作提质增效，结合街道工作实际，制定本细则。考核对象为辖区各社区居民委员会，"
              "由街道各责任单位按职责分工考核，考核结果与社区工作者绩效报酬挂钩。")
    rows = [
        ["考核项目", "考核内容", "分值", "评分标准", "责任单位（牵头单位列前）"],
        ["党建工作（20分）", "社区党组织按时开展“三会一课”和主题党日活动", "10", "缺1次扣1分", "党建办、组织办、宣传办"],
        [None, "党员教育管理，流动党员管理台账完整", "10", "台账缺失的扣3分", "党建办"],
        ["社区治理（30分）", "落实网格化管理，网格员每日巡查", "10", "巡查记录不全的扣2分", "综治中心\n城管科\n派出所"],
        [None, "居民自治，居民议事会每季度不少于1次", "10", "少1次扣2.5分", "民政科、党建办"],
        [None, "小区物业管理规范，业委会组建率达标", "10", "未达标的扣3分", "城管科、住建科、房管所"],
        ["民生服务（30分）", "社区养老服务站正常运行，助餐服务覆盖", "10", "未正常运行的扣5分", "民政科、卫健办"],
        [None, "就业社保：新增就业、困难人员帮扶完成年度任务", "10", "每少完成1%扣0.5分", "劳动保障所"],
        [None, "退役军人服务站规范运行", "10", "不规范的扣3分", "退役军人服务站、民政科"],
        ["安全稳定（20分）", "安全生产和消防安全隐患排查整治", "10", "发生安全事故的不得分", "应急办、城管科、消防站"],
        [None, "矛盾纠纷排查化解，无重大群体性事件", "10", "发生越级上访的每起扣2分", "司法所\n综治中心\n信访办"],
        ["合计", None, "100", None, None],
    ]
    t = table(doc, rows, widths=[2.6, 6.2, 1.2, 3.4, 3.6])
    merge(t, 1, 0, 2, 0)
    merge(t, 3, 0, 5, 0)
    merge(t, 6, 0, 8, 0)
    merge(t, 9, 0, 10, 0)
    merge(t, 11, 0, 11, 1)
    merge(t, 11, 3, 11, 4)
    para(doc, "")
    para(doc, "珞南街道办事处")
    para(doc, "2024年1月22日")
    save_docx(doc, out("b22_luonan_jiedao_shequ_kaohe_duodanwei_heji", "docx"))


# ================================================================ b23 DOCX: negative control (task table, no scores)
def b23():
    doc = new_doc()
    para(doc, "溧水区生态环境保护督察反馈问题整改工作方案", bold=True, center=True, size=16)
    para(doc, "    为扎实做好省生态环境保护督察反馈问题整改工作，确保按期完成整改任务，制定本方案。")
    para(doc, "    一、工作目标", bold=True)
    para(doc, "    2023年底前完成反馈问题整改销号；建立健全长效机制，全区生态环境质量持续改善。")
    para(doc, "    二、组织领导", bold=True)
    para(doc, "    成立区督察整改工作领导小组，区长任组长，分管副区长任副组长，各有关部门和镇（街道）主要负责人为成员。"
              "领导小组办公室设在市生态环境局溧水分局。")
    para(doc, "    三、工作安排", bold=True)
    rows = [
        ["阶段", "时间", "主要任务", "责任单位"],
        ["动员部署", "2023年5月", "制定整改方案，明确责任清单", "区整改办"],
        ["集中整改", "2023年6月—10月", "对照问题清单逐项整改，建立整改台账", "各责任单位\n各镇（街道）"],
        ["验收销号", "2023年11月", "组织整改验收，公示整改结果", "区整改办、市生态环境局溧水分局"],
        ["巩固提升", "2023年12月", "开展“回头看”，防止问题反弹", "区整改办"],
    ]
    table(doc, rows, widths=[2.4, 3.2, 6.4, 4.4])
    para(doc, "    四、工作要求", bold=True)
    para(doc, "    （一）压实责任。各责任单位主要负责人是整改第一责任人，要亲自研究部署。")
    para(doc, "    （二）强化督查。区整改办每月调度整改进展，对整改不力的单位予以通报。")
    para(doc, "    （三）严格问责。对敷衍整改、虚假整改的，依规依纪严肃追责问责。")
    para(doc, "南京市溧水区人民政府办公室")
    para(doc, "2023年5月8日")
    save_docx(doc, out("b23_lishui_ducha_zhenggai_fangan_none", "docx"))


if __name__ == "__main__":
    for build in (b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24):
        build()
        print("built", build.__name__)
