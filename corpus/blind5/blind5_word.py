"""Word documents of corpus/blind5 (built by make_binary.py). All organisations and figures are invented."""
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt


def new_doc(landscape=False):
    """Given the orientation, return an A4 Document whose Normal style uses a CJK font."""
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "SimSun"
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2))
    return doc


def para(doc, text, bold=False, center=False, size=None):
    """Given a document and text, append a paragraph."""
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def table(doc, header, rows, widths=None):
    """Given a header and rows of cell texts ("\n" = new paragraph), append a ruled table."""
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            lines = str(value).split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    if widths:
        # LibreOffice lays out by w:tblGrid, not by the cell widths alone
        for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(w * 567)))
        for row in t.rows:
            for c, w in enumerate(widths):
                row.cells[c].width = Cm(w)
    return t


def vmerge(t, col, first, last):
    """Given a table, merge column col from row first to row last, keeping the first cell's text."""
    text = t.cell(first, col).text
    for r in range(first + 1, last + 1):
        t.cell(r, col).text = ""
    merged = t.cell(first, col).merge(t.cell(last, col))
    merged.text = text
    return merged


def b13_numbered_list():
    """普法: items numbered by Word's automatic numbering (w:numPr); numbers not in the text."""
    doc = new_doc()
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        '<w:abstractNum %s w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>'
        '</w:abstractNum>' % nsdecls("w"))
    numbering.insert(list(numbering).index(numbering.find(qn("w:num"))), abstract)
    numbering.append(parse_xml('<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")))
    para(doc, "邳州市依法治理示范村（社区）创建考评标准", bold=True, center=True, size=16)
    para(doc, "邳州市委全面依法治市委员会守法普法协调小组办公室　2025年4月")
    para(doc, "为深化民主法治示范村（社区）创建，经研究制定本考评标准。考评满分100分，"
              "85分以上的推荐申报省级民主法治示范村（社区）。")
    groups = [
        ("一、组织领导（20分）", [
            "村（社区）成立法治建设领导小组，主要负责人任组长，职责分工明确（8分）",
            "将法治创建纳入村（社区）年度工作计划，每半年专题研究一次（6分）",
            "配备法治宣传员和人民调解员，名单公示上墙（6分）"]),
        ("二、民主管理（30分）", [
            "村规民约（居民公约）经合法性审查后由村（居）民会议通过（10分）",
            "落实“四议两公开”，重大事项决策程序规范、记录完整（12分）",
            "村（居）务监督委员会依法履职，村务每季度公开一次（8分）"]),
        ("三、法治宣传（30分）", [
            "建有法治文化阵地（法治广场、长廊或宣传栏），内容每季度更新（10分）",
            "培育“法律明白人”不少于每村（社区）10名，开展培训每年不少于2次（10分）",
            "开展“宪法进万家”等主题宣传活动，每年不少于4次（10分）"]),
        ("四、法律服务（20分）", [
            "村（社区）法律顾问每月到村服务不少于1次，有服务台账（10分）",
            "矛盾纠纷调处成功率达到95%以上，无因调处不当引发的群体性事件（10分）"]),
    ]
    for head, items in groups:
        para(doc, head, bold=True)
        for item in items:
            p = doc.add_paragraph()
            p.add_run(item)
            num_pr = parse_xml('<w:numPr %s><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>' % nsdecls("w"))
            p._p.get_or_add_pPr().insert(0, num_pr)
    para(doc, "附则：本标准由市守法普法协调小组办公室负责解释。")
    return doc


def b14_dangjian_merged_category():
    """党建: category column merged over rows, category points in the merged cell and 分值 per row."""
    doc = new_doc()
    para(doc, "中共仪征市司法局机关总支委员会", center=True)
    para(doc, "2024年度机关党支部党建工作考核细则", bold=True, center=True, size=15)
    para(doc, "考核对象为局机关各党支部，满分100分，由机关总支组织考核。")
    rows = [
        ("政治建设（25分）", "1", "学习贯彻习近平新时代中国特色社会主义思想，落实“第一议题”制度", "10", "未落实的每次扣2分"),
        ("", "2", "严明政治纪律和政治规矩，落实重大事项请示报告", "8", "发现违规的不得分"),
        ("", "3", "开展主题党日活动，每月不少于1次", "7", "缺1次扣1分"),
        ("组织建设（35分）", "4", "规范落实“三会一课”、组织生活会和民主评议党员", "15", "记录缺失每项扣2分"),
        ("", "5", "党员发展、党费收缴、组织关系管理规范", "10", "党费未按时足额收缴扣3分"),
        ("", "6", "支部班子健全，按期换届", "10", "未按期换届扣5分"),
        ("作风建设（20分）", "7", "落实中央八项规定精神，无违纪违法问题", "12", "发生问题的不得分"),
        ("", "8", "开展警示教育，每半年不少于1次", "8", "少1次扣4分"),
        ("党建与业务融合（20分）", "9", "围绕司法行政中心工作创建党建品牌", "10", "未创建扣5分"),
        ("", "10", "党员志愿服务进社区，每人每年不少于2次", "10", "每少1人次扣0.5分"),
    ]
    t = table(doc, ["考核项目", "序号", "考核内容", "分值", "评分标准"], [list(r) for r in rows],
              widths=[3.2, 1.2, 7, 1.4, 4])
    for first, last in ((1, 3), (4, 6), (7, 8), (9, 10)):
        vmerge(t, 0, first, last)
    para(doc, "注：各项扣分以该项分值为限。")
    return doc


def scheme_table(doc, heading, intro, groups, header):
    """Given banner groups of rows, append a heading, an intro and one table with gridSpan banners."""
    para(doc, heading, bold=True, center=True, size=14)
    para(doc, intro)
    rows, banners = [], []
    for banner, items in groups:
        banners.append(len(rows) + 1)
        rows.append([banner] + [""] * (len(header) - 1))
        rows.extend(items)
    t = table(doc, header, rows)
    for r in banners:
        t.cell(r, 0).merge(t.cell(r, len(header) - 1)).text = rows[r - 1][0]
    return t


def b15_two_schemes():
    """司法局: two schemes one after the other (机关科室 and 司法所), each with its own heading."""
    doc = new_doc()
    para(doc, "泰兴市司法局2025年度综合考评实施细则", bold=True, center=True, size=16)
    para(doc, "本细则分为机关科室考评和司法所考评两部分，各按百分制计分。")
    header = ["序号", "考评项目", "考评标准", "分值", "考评科室"]
    scheme_table(doc, "附件1　机关科室年度考评细则", "考评对象：局机关各科室。", [
        ("一、共性指标（40分）", [
            ["1", "党风廉政", "落实一岗双责，无违纪问题；发生问题扣10分", "15", "政治处"],
            ["2", "信息宣传", "每季度在市级以上媒体刊发信息2篇，少1篇扣1分", "10", "办公室"],
            ["3", "督查督办", "交办事项按期办结，逾期一次扣2分", "15", "办公室"]]),
        ("二、业务指标（60分）", [
            ["4", "重点任务", "年度重点任务清单全部完成，未完成一项扣5分", "30", "分管局领导"],
            ["5", "创新工作", "形成可复制推广经验，被省级以上推广", "15", "办公室"],
            ["6", "指导基层", "每季度到司法所指导不少于2次", "15", "政治处"]]),
    ], header)
    para(doc, "")
    scheme_table(doc, "附件2　司法所年度考评细则", "考评对象：全市14个司法所。", [
        ("一、基础建设（30分）", [
            ["1", "规范化建设", "达到省级规范化司法所标准，未达标扣10分", "15", "政治处"],
            ["2", "队伍管理", "所长履职到位，工作人员考勤规范", "15", "政治处"]]),
        ("二、业务工作（70分）", [
            ["3", "人民调解", "调解成功率不低于98%，每低1个百分点扣1分", "20", "人民参与和促进法治科"],
            ["4", "社区矫正", "无脱管漏管，发生一人扣10分", "25", "社区矫正科"],
            ["5", "法治宣传", "每月开展普法活动不少于1次", "10", "普法科"],
            ["6", "公共法律服务", "村居法律顾问服务台账完整", "15", "公共法律服务科"]]),
    ], header)
    return doc


def b18_sanji_buhe():
    """生态环境: 一级/二级/三级 indicator columns with vMerge; a 二级 that does not add up."""
    doc = new_doc()
    para(doc, "盐城市亭湖区2024年度镇（街道）生态环境保护目标责任考核评分表", bold=True, center=True, size=14)
    para(doc, "亭湖区生态环境保护委员会办公室　印发")
    rows = [
        ["大气污染防治（30分）", "空气质量（18分）", "PM2.5年均浓度完成区定目标", "10", "区环境监测站"],
        ["", "", "优良天数比率不低于80%", "8", "区环境监测站"],
        ["", "扬尘管控（12分）", "建筑工地“六个百分百”落实到位", "7", "区住建局"],
        ["", "", "秸秆禁烧无火点", "5", "区农业农村局"],
        ["水污染防治（40分）", "河湖水质（20分）", "国省考断面水质达标", "12", "区环境监测站"],
        ["", "", "消除劣Ⅴ类水体", "8", "区水利局"],
        ["", "农村生活污水（15分）", "行政村生活污水治理率达到90%", "8", "区住建局"],
        ["", "", "已建设施正常运行率不低于85%", "5", "区水务公司"],
        ["", "饮用水源（5分）", "饮用水源地保护区无违法项目", "5", "区水利局"],
        ["土壤与固废（30分）", "土壤安全（12分）", "受污染耕地安全利用率达到93%", "12", "区农业农村局"],
        ["", "固体废物（18分）", "一般工业固废规范处置", "10", "区生态环境局"],
        ["", "", "危险废物规范化管理抽查合格", "8", "区生态环境局"],
        ["合计", "", "", "100", ""],
    ]
    t = table(doc, ["一级指标", "二级指标", "三级指标", "分值", "牵头单位"], rows, widths=[3, 3.2, 6.5, 1.4, 3])
    for first, last in ((1, 4), (5, 9), (10, 12)):
        vmerge(t, 0, first, last)
    for first, last in ((1, 2), (3, 4), (5, 6), (7, 8), (11, 12)):
        vmerge(t, 1, first, last)
    t.cell(13, 0).merge(t.cell(13, 2)).text = "合计"
    return doc
