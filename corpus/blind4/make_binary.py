"""Build the binary documents of the fourth blind set (b11–b26).

Deterministic: DOCX/XLSX zips are rewritten with fixed entry times and fixed core-property dates.
The .doc, .xls and PDF files are converted with LibreOffice from a DOCX/XLSX built in a temporary
folder, and only the converted file is kept; converters stamp their own times, so existing converted
files are left alone unless the script runs with --convert.
Run: .venv/bin/python corpus/blind4/make_binary.py [--convert]
"""
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
FIXED = datetime(2025, 1, 1, 8, 0, 0)
STAMP = "2025-01-01T08:00:00Z"


def fix_zip(path):
    """Given an OOXML file, rewrite it with fixed entry times and fixed core-property dates."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + STAMP.encode(), data)
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def new_doc():
    """Given nothing, a DOCX with a Chinese body font and fixed core properties."""
    doc = Document()
    doc.styles["Normal"].font.name = "SimSun"
    doc.styles["Normal"].font.size = Pt(10.5)
    cp = doc.core_properties
    cp.author, cp.created, cp.modified, cp.last_modified_by, cp.revision = "admin", FIXED, FIXED, "admin", 1
    return doc


def paras(doc, text):
    """Given text with one paragraph per line, add the paragraphs."""
    for line in text.strip("\n").split("\n"):
        doc.add_paragraph(line)


def table(doc, rows, merges=(), ruled=True):
    """Given rows of cell texts ("\\n" = new paragraph) and (r0, c0, r1, c1) merges, add a table."""
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if ruled:
        t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for extra in lines[1:]:
                cell.add_paragraph(extra)
    for r0, c0, r1, c1 in merges:
        merged = t.cell(r0, c0).merge(t.cell(r1, c1))
        # python-docx keeps one empty paragraph per absorbed cell; Word drops them
        for p in merged.paragraphs[1:]:
            if not p.text:
                p._p.getparent().remove(p._p)
    return t


def save_docx(doc, name):
    """Given a document and a file name, save it in this folder deterministically."""
    path = HERE / name
    doc.save(path)
    fix_zip(path)


def convert(build, name, fmt, convert_all):
    """Given a builder writing a source file into a folder, convert it with LibreOffice and keep the result."""
    target = HERE / name
    if target.exists() and not convert_all:
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = build(Path(tmp))
        profile = Path(tmp) / "profile"
        target_fmt = {"xls": "xls:MS Excel 97", "doc": "doc:MS Word 97"}.get(fmt, fmt)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target_fmt, "--outdir", tmp, str(src)], check=True, capture_output=True)
        shutil.copyfile(src.with_suffix("." + fmt), target)


def in_tmp(builder, stem, ext):
    """Given a builder of a Document or Workbook, a function that saves it into a temporary folder."""
    def build(tmp):
        path = tmp / f"{stem}.{ext}"
        builder().save(path)
        return path
    return build


def sheet(ws, rows, merges=(), widths=None):
    """Given a worksheet, rows of values and A1-range merges, fill it (wrapped text)."""
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for col, w in (widths or {}).items():
        ws.column_dimensions[col].width = w


def new_wb():
    """Given nothing, a workbook with fixed properties."""
    wb = openpyxl.Workbook()
    wb.properties.creator, wb.properties.created, wb.properties.modified = "admin", FIXED, FIXED
    return wb


def save_xlsx(wb, name):
    """Given a workbook and a file name, save it in this folder deterministically."""
    path = HERE / name
    wb.save(path)
    fix_zip(path)


# ---- the documents (text typed by hand; expected files were written by reading the output) ----

def b11():
    doc = new_doc()
    paras(doc, """扬州市司法局
2025年度公证机构执业质量考评细则
为加强公证执业监管，提高公证质量和公信力，对全市公证机构年度执业质量实行百分制考评，考评细则如下：""")
    rows = [
        ["考评类别", "考评项目", "考评内容及标准", "分值", "考评科室"],
        ["执业规范\n（50分）", "受理审查", "核实当事人身份，审查申请材料真实性，受理登记完整", "8", "公共法律服务管理处"],
        ["", "", "告知公证事项的法律意义和可能产生的法律后果，并记录在案", "6", ""],
        ["", "出证质量", "公证书格式规范，用语准确，全年无错证", "12", ""],
        ["", "", "办证期限符合规定，超期办结件数为零", "12", ""],
        ["", "", "卷宗归档及时，立卷规范", "12", ""],
        ["内部管理\n（30分）", "制度建设", "建立质量管理、投诉处理、收费管理等制度并严格执行", "10", "公共法律服务管理处"],
        ["", "人员管理", "公证员年度培训不少于40学时", "10", "政治部"],
        ["", "", "公证员助理持证上岗，无违规代办", "10", ""],
        ["社会评价\n（20分）", "投诉处理", "有效投诉按期办结率100%", "10", "公共法律服务管理处"],
        ["", "满意度", "群众满意度测评不低于95%", "10", "办公室"],
        ["合计", "", "", "100", ""],
    ]
    merges = [(1, 0, 5, 0), (1, 1, 2, 1), (3, 1, 5, 1), (1, 4, 5, 4), (6, 0, 8, 0), (7, 1, 8, 1), (7, 4, 8, 4),
              (9, 0, 10, 0), (11, 0, 11, 2)]
    table(doc, rows, merges)
    paras(doc, "考评得分90分以上为优秀，75分至89分为合格，75分以下为不合格。")
    return doc


def b12():
    doc = new_doc()
    paras(doc, """高淳区2025年度镇（街道）经济社会发展综合考核细则
淳考办〔2025〕2号""")
    rows = [["序号", "考核项目", "考核内容", "考核部门", "分值"],
            ["一、经济发展（40分）", "", "", "", ""],
            ["1", "一般公共预算收入", "完成年度目标任务，未完成的按比例扣分", "区财政局", "10"],
            ["2", "工业投资", "工业投资增幅达到8%以上", "区发改委", "10"],
            ["3", "招商引资", "新签约亿元以上项目不少于3个", "区投资促进中心", "12"],
            ["4", "规上工业企业培育", "新增规上工业企业不少于5家", "区工信局", "8"],
            ["二、社会事业（30分）", "", "", "", ""],
            ["5", "民生实事", "年度民生实事项目按期完成", "区发改委", "10"],
            ["6", "安全生产", "无较大以上生产安全事故", "区应急管理局", "10"],
            ["7", "信访稳定", "信访事项及时受理率100%，无越级集体访", "区信访局", "10"],
            ["三、生态环境（30分）", "", "", "", ""],
            ["8", "大气污染防治", "PM2.5平均浓度完成年度控制目标", "区生态环境局", "10"],
            ["9", "河长制", "河长巡河履职到位，断面水质达标", "区水务局", "10"],
            ["10", "农村人居环境整治", "村庄清洁行动季度考评位列前五", "区农业农村局", "10"],
            ["", "合计", "", "", "100"]]
    table(doc, rows, [(1, 0, 1, 4), (6, 0, 6, 4), (10, 0, 10, 4)])
    paras(doc, "备注：各考核部门于次年1月10日前将考核结果报区考核办。")
    return doc


def b13():
    doc = new_doc()
    paras(doc, """苏州市吴江区司法局
律师事务所2025年度检查考核评分标准""")
    rows = [["序号", "考核项目", "评分标准", "考核科室"],
            ["1", "党建工作", "本项10分。律所党组织应建尽建，未建立党组织或未选派党建指导员的扣5分；党组织活动记录不全的扣2分。", "机关党委"],
            ["2", "执业许可", "本项10分。律所名称、住所、负责人等变更按规定备案，未备案的每项扣2分。", "律师工作科"],
            ["3", "律师执业", "律师无违法违规执业行为（满分20分）。受到行业处分的每人次扣5分，受到行政处罚的本项不得分。", "律师工作科"],
            ["4", "内部管理", "本项15分。建立收案登记、利益冲突审查、收费管理等制度，缺一项扣3分。", "律师工作科"],
            ["5", "财务管理", "统一收案、统一收费，使用合规票据（满分15分）。发现私自收费的本项不得分。", "律师工作科"],
            ["6", "公益法律服务", "本项15分。律师人均公益法律服务时长不少于50小时，每少10小时扣1分。", "公共法律服务科"],
            ["7", "业务培训", "本项10分。律师年度培训学时达标率100%，每有一人不达标扣1分。", "律师工作科"],
            ["8", "投诉处理", "无有效投诉（满分5分）。每发生一件有效投诉扣1分。", "律师工作科"]]
    table(doc, rows)
    paras(doc, "考核得分低于60分的，年度检查考核结果评定为不合格。")
    return doc


def b14():
    doc = new_doc()
    paras(doc, """扬州市邗江区疾病预防控制中心
2025年度基层医疗卫生机构疾病预防控制工作考核表
被考核单位：　　　　　　　　　　考核时间：""")
    rows = [["序号", "考核内容", "", "考核标准", "分值", "考核方式"],
            ["", "项目", "指标", "", "", ""],
            ["1", "免疫规划", "适龄儿童免疫规划疫苗接种率", "≥95%得满分，每降低1个百分点扣1分", "10", "系统核查"],
            ["2", "", "预防接种门诊规范化", "按规范设置候种、接种、留观区域，不达标扣2分", "8", "现场查看"],
            ["3", "", "疑似预防接种异常反应报告", "48小时内报告率100%，迟报一例扣1分", "7", "系统核查"],
            ["4", "传染病防控", "法定传染病报告及时率", "报告及时率100%，每迟报一例扣1分", "10", "系统核查"],
            ["5", "", "聚集性疫情处置", "发现后2小时内报告并协助处置", "10", "查阅资料"],
            ["6", "", "发热门诊（诊室）预检分诊", "预检分诊流程规范", "5", "现场查看"],
            ["7", "慢病管理", "高血压患者规范管理率", "≥65%得满分，每降低1个百分点扣0.5分", "10", "系统核查"],
            ["8", "", "2型糖尿病患者规范管理率", "≥65%得满分，每降低1个百分点扣0.5分", "10", "系统核查"],
            ["9", "", "肺结核患者规范管理率", "≥90%得满分", "10", "系统核查"],
            ["10", "健康教育", "健康教育讲座", "每年不少于12次，少一次扣1分", "10", "查阅资料"],
            ["11", "", "居民健康素养监测", "按时完成监测任务", "10", "查阅资料"],
            ["合计", "", "", "", "100", ""]]
    merges = [(0, 1, 0, 2), (0, 0, 1, 0), (0, 3, 1, 3), (0, 4, 1, 4), (0, 5, 1, 5),
              (2, 1, 4, 1), (5, 1, 7, 1), (8, 1, 10, 1), (11, 1, 12, 1), (13, 0, 13, 3)]
    table(doc, rows, merges)
    paras(doc, "考核人签字：")
    return doc


def b15():
    doc = new_doc()
    paras(doc, """无锡市惠山区司法局
2025年度机关科室目标管理考核评分表""")
    head = ["序号", "考核项目", "考核内容", "分值", "考核部门"]
    first = [head,
             ["一、共性指标（40分）", "", "", "", ""],
             ["1", "政治理论学习", "科室每月集中学习不少于2次，学习记录完整", "8", "机关党委"],
             ["2", "党风廉政建设", "落实“一岗双责”，科室人员无违纪违法问题", "8", "机关党委"],
             ["3", "作风效能", "无迟到早退，无效能投诉", "8", "政治处"],
             ["4", "信息宣传", "科室年度报送信息不少于12篇", "8", "办公室"],
             ["5", "保密与档案", "文件流转规范，无失泄密事件，按时归档", "8", "办公室"],
             ["二、个性指标（60分）", "", "", "", ""],
             ["6", "重点工作任务", "完成局党组年度部署的重点工作任务", "20", "办公室"],
             ["7", "创新创优", "形成一项以上可复制推广的创新做法", "10", "办公室"]]
    table(doc, first, [(1, 0, 1, 4), (7, 0, 7, 4)])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    second = [head,
              ["8", "上级考核", "市级以上条线考核位次进入前三", "10", "政治处"],
              ["9", "建议提案办理", "人大代表建议、政协委员提案按时办结率100%", "5", "办公室"],
              ["10", "依法行政", "行政复议纠错率、行政诉讼败诉率为零", "10", "行政复议与应诉科"],
              ["11", "服务基层", "每季度深入司法所调研不少于1次", "5", "政治处"],
              ["", "合计", "", "100", ""]]
    table(doc, second)
    return doc


def b16():
    doc = new_doc()
    paras(doc, """镇江市司法局
关于开展2025年度司法鉴定机构执业质量考评的通知
各辖市、区司法局，各司法鉴定机构：
为规范司法鉴定执业活动，现组织开展2025年度司法鉴定机构执业质量考评。考评采取机构自查、现场检查和案卷评查相结合的方式进行，考评结果向社会公布。
附件：2025年度司法鉴定机构执业质量考评表
镇江市司法局
2025年5月12日""")
    sec = doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    paras(doc, "附件\n2025年度司法鉴定机构执业质量考评表")
    rows = [["一级指标", "二级指标", "考评要点", "分值", "评分办法", "得分"],
            ["机构管理\n（25分）", "执业资质", "鉴定机构和鉴定人执业证书在有效期内，业务范围与许可一致", "10", "超范围执业的本项不得分", ""],
            ["", "仪器设备", "仪器设备配置达到行业标准，检定校准记录完整", "8", "缺一项记录扣1分", ""],
            ["", "场所环境", "鉴定场所相对独立，标识规范", "7", "不符合的扣2分", ""],
            ["鉴定质量\n（45分）", "程序规范", "委托受理、材料审查、鉴定实施符合程序通则", "15", "抽查案卷，每件不规范扣2分", ""],
            ["", "文书质量", "鉴定意见书格式规范，分析论证充分", "15", "抽查案卷，每件不规范扣2分", ""],
            ["", "出庭作证", "鉴定人按人民法院通知出庭作证", "10", "无正当理由拒不出庭的每次扣5分", ""],
            ["", "能力验证", "参加能力验证结果为满意", "5", "结果不满意的不得分", ""],
            ["社会评价\n（30分）", "投诉处理", "无有效投诉，投诉按期处理", "15", "有效投诉每件扣3分", ""],
            ["", "诚信建设", "公示收费标准，无违规收费", "15", "违规收费的本项不得分", ""]]
    table(doc, rows, [(1, 0, 3, 0), (4, 0, 7, 0), (8, 0, 9, 0)])
    return doc


def b17():
    cats = [("人才培养", 35, [("本科教学质量", "课程评教优良率不低于90%", "10", "教务处"),
                              ("学科竞赛", "学生获省级以上学科竞赛奖项", "10", "教务处"),
                              ("研究生培养", "学位论文抽检合格率100%", "8", "研究生院"),
                              ("就业质量", "毕业去向落实率不低于90%", "7", "招生就业处")]),
            ("科学研究", 30, [("纵向项目", "获批国家级科研项目", "12", "科研处"),
                              ("高水平论文", "发表高水平学术论文", "8", "科研处"),
                              ("成果转化", "横向科研经费到账额完成年度目标", "10", "科研处")]),
            ("师资队伍", 20, [("高层次人才引进", "引进博士及高层次人才完成年度计划", "10", "人事处"),
                              ("教师培训", "专任教师年度培训覆盖率100%", "5", "教师发展中心"),
                              ("师德师风", "全年无师德失范行为", "5", "党委教师工作部")]),
            ("党建与管理", 15, [("基层党建", "院级党组织“对标争先”建设达标", "10", "党委组织部"),
                                ("安全稳定", "无重大安全责任事故和不稳定事件", "5", "保卫处")])]
    body = []
    for name, pts, items in cats:
        for i, (n2, pt, score, dept) in enumerate(items):
            head = f'<td rowspan="{len(items)}">{name}<br>（{pts}分）</td>' if i == 0 else ""
            body.append(f"<tr>{head}<td>{n2}</td><td>{pt}</td><td>{score}</td><td>{dept}</td></tr>")
    rows = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>关于印发《江南理工学院2025年度学院（部）目标管理考核实施方案》的通知-江南理工学院发展规划处</title></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/jgsz">机构设置</a> | <a href="/tzgg">通知公告</a> | <a href="/gzzd">规章制度</a> | <a href="/xzzx">下载中心</a></div>
<div class="crumb">当前位置：首页 &gt; 通知公告 &gt; 正文</div>
<h1>关于印发《江南理工学院2025年度学院（部）目标管理考核实施方案》的通知</h1>
<p class="info">发布时间：2025-03-18　浏览次数：1268　来源：发展规划处</p>
<p>各学院（部）、各部门：</p>
<p>现将《江南理工学院2025年度学院（部）目标管理考核实施方案》印发给你们，请遵照执行。</p>
<p>一、考核指标及分值。考核实行百分制，指标及分值见下表。</p>
<table border="1">
<tr><th>一级指标</th><th>二级指标</th><th>考核要点</th><th>分值</th><th>考核部门</th></tr>
{rows}
<tr><td colspan="3">合计</td><td>100</td><td></td></tr>
</table>
<p>二、考核等次。根据考核得分确定等次，各等次比例如下表。</p>
<table border="1">
<tr><th>等次</th><th>考核得分</th><th>比例</th></tr>
<tr><td>优秀</td><td>90分以上</td><td>不超过30%</td></tr>
<tr><td>良好</td><td>80分至89分</td><td>不超过40%</td></tr>
<tr><td>合格</td><td>60分至79分</td><td>—</td></tr>
<tr><td>不合格</td><td>60分以下</td><td>—</td></tr>
</table>
<p>三、考核结果与学院（部）年度绩效奖励挂钩。</p>
<p>发展规划处<br>2025年3月18日</p>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="prev">上一篇：关于做好2025年度事业发展计划编制工作的通知</div>
<div class="next">下一篇：发展规划处2025年工作要点</div>
<div class="footer">版权所有 © 江南理工学院　地址：江苏省无锡市滨湖区蠡湖大道1800号　邮编：214122　苏ICP备05012345号</div>
</body></html>
"""


def b18():
    wb = new_wb()
    ws = wb.active
    ws.title = "说明"
    for line in ["徐州市清源供水有限公司2025年度供水营业所经营业绩考核说明",
                 "一、考核对象：公司下属各供水营业所。",
                 "二、考核方式：按季度考核，年度得分取四个季度平均值。",
                 "三、评分表见“评分表”工作表，各指标目标值由公司年初下达。",
                 "四、考核结果与营业所绩效工资总额挂钩。"]:
        ws.append([line])
    ws.column_dimensions["A"].width = 80
    ws2 = wb.create_sheet("评分表")
    rows = [["2025年度供水营业所经营业绩考核评分表", None, None, None, None, None, None, None],
            ["序号", "考核维度", "考核指标", "目标值", "计分规则", "上年实际", "分值", "责任部门"],
            [1, "经营指标", "售水量", "3200万立方米", "完成目标得满分，每少1%扣1分", "3050万立方米", 15, "营销部"],
            [2, None, "水费回收率", "≥98%", "每低0.5个百分点扣1分", "97.6%", 15, "营销部"],
            [3, None, "产销差率", "≤12%", "每高0.5个百分点扣1分", "13.1%", 15, "管网管理部"],
            [4, "服务指标", "客户满意度", "≥90分", "每低1分扣1分", "88.5分", 10, "客户服务中心"],
            [5, None, "热线工单按时办结率", "100%", "每低1个百分点扣2分", "99.2%", 10, "客户服务中心"],
            [6, None, "新装用户接水时限", "≤5个工作日", "每超时一户扣0.5分", "6个工作日", 10, "营销部"],
            [7, "安全管理", "安全生产", "无责任事故", "发生一般及以上责任事故本项不得分", "无", 15, "安全生产部"],
            [8, None, "供水水质", "出厂水、管网水合格率100%", "每发现一次不合格扣2分", "100%", 10, "水质检测中心"],
            ["合计", None, None, None, None, None, 100, None]]
    sheet(ws2, rows, ["A1:H1", "B3:B5", "B6:B8", "B9:B10", "A11:F11"],
          {"A": 6, "B": 10, "C": 18, "D": 16, "E": 30, "F": 12, "G": 8, "H": 14})
    ws2.column_dimensions["F"].hidden = True
    return wb


def b19():
    wb = new_wb()
    ws = wb.active
    ws.title = "网点考核"
    rows = [["射阳民丰农村商业银行2025年度营业网点综合考核计分表", None, None, None, None, None, None],
            ["网点名称：", None, None, "考核期间：2025年1月—12月", None, None, None],
            ["序号", "考核类别", "考核指标", "分值", "计分方法", "牵头部门", "得分"],
            [1, "存款业务", "各项存款增量", 20, "完成计划得满分，按完成比例计分", "公司金融部", None],
            [2, None, "储蓄存款日均增量", 10, "按完成比例计分，最高不超过分值", "零售金融部", None],
            [3, "贷款业务", "各项贷款增量", 15, "按完成比例计分", "公司金融部", None],
            [4, None, "普惠小微贷款户数", 10, "每少1户扣0.2分", "普惠金融部", None],
            [5, None, "不良贷款率控制", 10, "超控制目标每0.1个百分点扣1分", "风险管理部", None],
            [6, "中间业务", "代理保险、理财业务收入", 5, "按完成比例计分", "零售金融部", None],
            [7, None, "手机银行有效客户", 5, "按完成比例计分", "电子银行部", None],
            [8, "合规与服务", "案件防控", 10, "发生案件的本项不得分", "合规部", None],
            [9, None, "柜面服务质量", 10, "神秘人检查每发现一个问题扣1分", "运营管理部", None],
            [10, None, "客户投诉", 5, "有效投诉每件扣1分", "运营管理部", None],
            ["合计", None, None, "=SUM(D4:D13)", None, None, "=SUM(G4:G13)"]]
    sheet(ws, rows, ["A1:G1", "A2:C2", "D2:G2", "B4:B5", "B6:B8", "B9:B10", "B11:B13", "A14:C14"],
          {"A": 6, "B": 12, "C": 22, "D": 8, "E": 32, "F": 12, "G": 8})
    return wb


def b20():
    doc = new_doc()
    paras(doc, """中共淮安市清江浦区司法局机关委员会
2025年度机关党支部党建工作考核评分表""")
    rows = [["考核项目", "考核内容", "评分标准", "分值"],
            ["政治建设（20分）", "落实“第一议题”制度，支部每月开展集中学习", "缺一次扣1分", "10"],
            ["", "落实意识形态工作责任制，每半年分析研判一次", "未开展研判的扣5分", "10"],
            ["组织建设（30分）", "严格落实“三会一课”制度，记录规范", "缺一次扣1分，记录不规范扣0.5分", "15"],
            ["", "每月固定开展主题党日活动", "缺一次扣1分", "10"],
            ["", "按程序做好发展党员工作", "程序不规范的扣2分", "5"],
            ["作风建设（25分）", "开展廉政教育和警示教育", "全年少于4次的每少一次扣2分", "10"],
            ["", "党员“为民办实事”，每人年度不少于2件", "每少1件扣0.5分", "15"],
            ["品牌创建（25分）", "打造支部党建品牌，形成特色做法", "未形成品牌的扣5分", "10"],
            ["", "党建与司法行政业务深度融合，取得实效", "酌情扣分", "15"],
            ["合计", "", "", "100"]]
    table(doc, rows, [(1, 0, 2, 0), (3, 0, 5, 0), (6, 0, 7, 0), (8, 0, 9, 0), (10, 0, 10, 2)])
    paras(doc, "说明：考核结果作为评选先进基层党组织的主要依据。")
    return doc


def b21():
    doc = new_doc()
    paras(doc, """泰州市海陵燃气有限公司
2025年度燃气分公司安全生产目标考核细则""")
    rows = [["序号", "考核项目", "考核标准", "分值"],
            ["1", "安全生产责任制", "层层签订安全生产责任书，签订率100%", "10"],
            ["2", "隐患排查治理", "隐患整改率100%，重大隐患按期销号", "15"],
            ["3", "管网巡检", "中压管网每日巡检，巡检到位率不低于98%", "15"],
            ["4", "户内安检", "居民用户入户安检率不低于90%", "15"],
            ["5", "第三方施工监护", "无第三方施工破坏燃气管道事故", "10"],
            ["6", "应急管理", "每半年组织应急演练不少于1次", "10"],
            ["7", "教育培训", "特种作业人员持证上岗率100%", "10"],
            ["8", "事故控制", "无一般及以上生产安全责任事故", "15"],
            ["", "合计", "", "100"]]
    table(doc, rows, ruled=False)
    paras(doc, "安全生产部\n2025年1月6日")
    return doc


def b22():
    doc = new_doc()
    paras(doc, """盐城市大丰区司法局
“枫桥式司法所”创建考评标准
一、基本项目（100分）""")
    rows = [["序号", "考评项目", "考评标准", "分值"],
            ["1", "基础设施", "办公用房不少于200平方米，功能分区合理", "10"],
            ["2", "队伍建设", "政法专项编制人员不少于3名", "10"],
            ["3", "矛盾纠纷化解", "矛盾纠纷调解成功率98%以上", "20"],
            ["4", "社区矫正", "无脱管漏管和重新违法犯罪", "15"],
            ["5", "公共法律服务", "村（居）公共法律服务工作室全覆盖", "15"],
            ["6", "法治宣传", "民主法治示范村（社区）创建达标", "10"],
            ["7", "参与基层依法治理", "为镇党委政府重大决策提供法律意见", "10"],
            ["8", "群众满意度", "第三方测评群众满意度90%以上", "10"]]
    table(doc, rows)
    paras(doc, "二、加分项目（最高加10分）")
    bonus = [["序号", "加分事项", "加分标准", "加分分值"],
             ["1", "工作经验推广", "工作经验被省级以上司法行政机关推广", "3"],
             ["2", "集体表彰", "获得市级以上集体表彰", "2"],
             ["3", "典型案例", "调解案例入选省级以上典型案例", "5"]]
    table(doc, bonus)
    paras(doc, "三、考评得分95分以上（含加分）的，推荐申报省级“枫桥式司法所”。")
    return doc


def b23():
    wb = new_wb()
    ws = wb.active
    ws.title = "Sheet1"
    rows = [["如东县养老机构服务质量评分表", None, None, None, None],
            ["评价项目", "评价内容", "评分细则", "分值", "得分"],
            ["生活照料\n（30分）", "个人卫生", "老年人衣着整洁、无异味，每发现一例扣1分", 10, None],
            [None, "饮食服务", "食谱每周公示，留样规范", 10, None],
            [None, "居室环境", "居室通风良好、整洁无杂物", 10, None],
            ["医疗护理\n（25分）", "健康档案", "入住老年人健康档案建档率100%", 10, None],
            [None, "用药管理", "代管药品登记、发放记录完整", 15, None],
            ["安全管理\n（30分）", "消防安全", "消防设施完好，每月开展防火检查", 15, None],
            [None, "食品安全", "持有效食品经营许可，从业人员持健康证", 10, None],
            [None, "防跌倒", "卫生间、走廊安装扶手和呼叫装置", 5, None],
            ["运营管理\n（15分）", "收费公示", "收费项目和标准公示上墙", 5, None],
            [None, "合同管理", "与老年人或其代理人签订服务合同", 10, None],
            ["总分", None, None, 100, None]]
    sheet(ws, rows, ["A1:E1", "A3:A5", "A6:A7", "A8:A10", "A11:A12", "A13:C13"],
          {"A": 12, "B": 12, "C": 40, "D": 8, "E": 8})
    return wb


def b24():
    doc = new_doc()
    paras(doc, """连云港市赣榆区司法局
关于召开2025年度全区司法所长工作会议的通知
各司法所，局机关各科室：
经研究，定于2025年2月14日（星期五）上午9:00在区司法局三楼会议室召开全区司法所长工作会议，总结2024年度工作，部署2025年度重点任务，并对2024年度考核工作进行讲评。现将有关事项通知如下：
一、参会人员：各司法所所长，局机关各科室负责人。
二、会议议程：（一）通报2024年度司法所考核情况；（二）部署2025年度重点工作；（三）局主要负责人讲话。
三、请各单位于2月12日前将参会回执报局办公室。
附：参会人员回执""")
    rows = [["单位", "姓名", "职务", "联系电话", "备注"],
            ["青口司法所", "", "", "", ""],
            ["海头司法所", "", "", "", ""],
            ["柘汪司法所", "", "", "", ""],
            ["沙河司法所", "", "", "", ""]]
    table(doc, rows)
    paras(doc, "连云港市赣榆区司法局办公室\n2025年2月7日")
    return doc


def b25():
    wb = new_wb()
    ws = wb.active
    ws.title = "领导小组"
    rows = [["建湖县司法局2025年度绩效考核工作领导小组成员名单", None, None],
            ["职务", "姓名", "单位及职务"],
            ["组长", "王建华", "县司法局党组书记、局长"],
            ["副组长", "陈立新", "县司法局党组成员、副局长"],
            ["副组长", "周  敏", "县司法局政治处主任"],
            ["成员", "李红梅", "县司法局办公室主任"],
            ["成员", "张  伟", "县司法局基层工作科科长"],
            ["成员", "刘晓东", "县司法局社区矫正科科长"],
            ["成员", "孙  静", "县法律援助中心主任"],
            ["领导小组下设办公室，办公室设在政治处，周敏同志兼任办公室主任，负责考核日常工作。", None, None]]
    sheet(ws, rows, ["A1:C1", "A10:C10"], {"A": 10, "B": 10, "C": 36})
    return wb


def b26():
    doc = new_doc()
    paras(doc, """盐城市亭湖区委全面依法治区委员会办公室
2025年度法治政府建设考评细则""")
    rows = [["序号", "考评内容", "考评标准", "分值", "责任单位"],
            ["一、依法全面履行政府职能（20分）", "", "", "", ""],
            ["1", "权责清单动态调整", "按规定动态调整并向社会公布", "8", "区委编办"],
            ["2", "行政许可事项清单管理", "清单之外无违法实施行政许可", "7", "区行政审批局"],
            ["3", "深化“放管服”改革", "政务服务事项网上可办率达到95%", "7", "区行政审批局"],
            ["二、行政决策（25分）", "", "", "", ""],
            ["4", "重大行政决策目录化管理", "年度决策事项目录按时公布", "10", "区政府办"],
            ["5", "合法性审查", "重大决策、规范性文件合法性审查率100%", "10", "区司法局"],
            ["6", "决策后评估", "选取不少于1项重大决策开展后评估", "5", "区政府办"],
            ["三、行政执法（30分）", "", "", "", ""],
            ["7", "行政执法“三项制度”", "执法公示、全过程记录、法制审核全面落实", "10", "区司法局"],
            ["8", "执法人员持证上岗", "执法人员100%持证上岗", "10", "区司法局"],
            ["9", "行政执法案卷评查", "案卷评查优良率80%以上", "10", "区司法局"],
            ["四、监督与化解（25分）", "", "", "", ""],
            ["10", "行政复议", "行政复议决定按期作出率100%", "10", "区司法局"],
            ["11", "行政应诉", "行政机关负责人出庭应诉率100%", "10", "区司法局"],
            ["12", "政务公开", "依申请公开按期答复率100%", "5", "区政府办"],
            ["", "合计", "", "100", ""]]
    table(doc, rows, [(1, 0, 1, 4), (5, 0, 5, 4), (9, 0, 9, 4), (13, 0, 13, 4)])
    return doc


BUILDERS = [
    ("docx", "b11_yangzhou_gongzheng_zhiliang_kaoping_vmerge_liangji.docx", b11),
    ("doc", "b12_gaochun_zhen_zonghe_kaohe_fenzhi_zuihou.doc", b12),
    ("docx", "b13_wujiang_lvsuo_niandu_jiancha_fenzhi_zai_biaozhun.docx", b13),
    ("pdf", "b14_hanjiang_jikong_kaohe_shuanghang_biaotou.pdf", b14),
    ("docx", "b15_huishan_jiguan_keshi_kaohe_fenye_chongfu_biaotou.docx", b15),
    ("docx", "b16_zhenjiang_sifa_jianding_kaoping_hengxiang.docx", b16),
    ("html", "b17_jiangnan_ligong_xueyuan_mubiao_kaohe_daohang_dengci.html", b17),
    ("xlsx", "b18_qingyuan_gongshui_yingyesuo_kaohe_shuoming_yincang.xlsx", b18),
    ("xlsx", "b19_sheyang_nongshang_wangdian_kaohe_gongshi_heji.xlsx", b19),
    ("pdf", "b20_qingjiangpu_jiguan_dangjian_kaohe_youxian.pdf", b20),
    ("pdf", "b21_hailing_ranqi_anquan_kaohe_wuxian.pdf", b21),
    ("doc", "b22_dafeng_fengqiao_sifasuo_kaoping_jiafen_biao.doc", b22),
    ("xls", "b23_rudong_yanglao_jigou_pingfen_hebing.xls", b23),
    ("docx", "b24_ganyu_sifasuo_zhang_huiyi_tongzhi_none.docx", b24),
    ("xls", "b25_jianhu_kaohe_lingdao_xiaozu_mingdan_none.xls", b25),
    ("pdf", "b26_tinghu_fazhi_zhengfu_kaoping_buhe.pdf", b26),
]

def main():
    convert_all = "--convert" in sys.argv
    for kind, name, builder in BUILDERS:
        if kind == "docx":
            save_docx(builder(), name)
        elif kind == "xlsx":
            save_xlsx(builder(), name)
        elif kind == "html":
            (HERE / name).write_text(builder(), encoding="utf-8")
        else:
            src_ext = "xlsx" if kind == "xls" else "docx"
            convert(in_tmp(builder, Path(name).stem, src_ext), name, kind, convert_all)
        print(name)


if __name__ == "__main__":
    main()
