"""Workbooks, the HTML page and the scanned PDF of corpus/blind5 (built by make_binary.py). All invented."""
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageDraw, ImageFont

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
FIXED_DT = datetime.datetime(2025, 1, 1)
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def put(ws, row, values, bold=False):
    """Given a sheet, write values from column A in row, boxed and wrapped."""
    for c, v in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c, value=v)
        cell.border, cell.alignment = BOX, WRAP
        if bold:
            cell.font = Font(bold=True)


def b16_merged_criteria():
    """住建: criteria merged across two columns (C:D); 分值 written as text ("20分", "2分/项")."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核细则"
    ws.merge_cells("A1:F1")
    ws["A1"] = "无锡市梁溪区2024年度建筑工地文明施工考核细则"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A2:F2")
    ws["A2"] = "梁溪区住房和城乡建设局　2024年3月"
    put(ws, 3, ["序号", "考核项目", "考核标准", "", "分值", "考核方式"], bold=True)
    ws.merge_cells("C3:D3")
    body = [
        ("一、基本项目（100分）",),
        ("1", "围挡设置", "主要路段围挡高度不低于2.5米，连续封闭、整洁美观", "20分", "现场检查"),
        ("2", "扬尘治理", "土方作业湿法施工，裸土100%覆盖，出入口冲洗设施正常使用", "25分", "现场检查+在线监测"),
        ("3", "渣土运输", "渣土车辆密闭运输，无带泥上路、抛洒滴漏", "15分", "视频抽查"),
        ("4", "施工噪声", "夜间施工办理许可，噪声不超标", "10分", "投诉核查"),
        ("5", "生活区管理", "宿舍、食堂、厕所设置符合标准，卫生整洁", "15分", "现场检查"),
        ("6", "农民工权益", "落实实名制和工资专户，无欠薪投诉", "15分", "查阅资料"),
        ("二、加分项目",),
        ("7", "创建示范工地", "被评为市级以上文明工地", "5分/项", "查阅文件"),
        ("8", "智慧工地应用", "应用塔吊监控、AI识别等智慧工地设备", "2分/项", "现场检查"),
        ("三、扣分项目",),
        ("9", "违规行为", "被市级以上通报批评或行政处罚", "5分/项", "查阅文件"),
    ]
    row = 4
    for values in body:
        if len(values) == 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
            ws.cell(row=row, column=1, value=values[0]).font = Font(bold=True)
        else:
            put(ws, row, [values[0], values[1], values[2], None, values[3], values[4]])
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        row += 1
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    ws.cell(row=row, column=1, value="说明：加分最高不超过10分；扣分不设上限。")
    for col, width in zip("ABCDEF", (6, 14, 30, 16, 10, 16)):
        ws.column_dimensions[col].width = width
    return wb


def b17_sheet_per_category():
    """教育局: one worksheet per category, each with its own title and table."""
    wb = Workbook()
    sheets = [
        ("教育教学", "一、教育教学（40分）", [
            ("1", "课程实施", "开齐开足国家课程，课表与实际一致", 12, "基础教育科"),
            ("2", "教学质量", "学业质量监测达到全区平均水平以上", 16, "教研室"),
            ("3", "作业管理", "落实“双减”作业总量控制要求", 12, "基础教育科")]),
        ("队伍建设", "二、队伍建设（25分）", [
            ("4", "师德师风", "无违反师德行为，发生一起扣5分", 10, "人事科"),
            ("5", "教师培训", "教师年度培训学时达标率100%", 8, "教师发展中心"),
            ("6", "骨干培养", "新增区级以上骨干教师不少于2名", 7, "人事科")]),
        ("安全与保障", "三、安全与保障（35分）", [
            ("7", "校园安全", "落实“护校安园”措施，无安全责任事故", 15, "安全保卫科"),
            ("8", "食堂管理", "食品安全量化等级A级，陪餐制度落实", 10, "后勤管理中心"),
            ("9", "经费管理", "预算执行率达到95%，无违规收费", 10, "计划财务科")]),
    ]
    for i, (name, title, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.merge_cells("A1:E1")
        ws["A1"] = "张家港市教育局2024年度学校综合考核细则"
        ws["A1"].font = Font(bold=True, size=13)
        ws.merge_cells("A2:E2")
        ws["A2"] = title
        ws["A2"].font = Font(bold=True)
        put(ws, 3, ["序号", "考核内容", "考核要点", "分值", "责任科室"], bold=True)
        for r, values in enumerate(rows, start=4):
            put(ws, r, list(values))
        for col, width in zip("ABCDE", (6, 14, 38, 8, 14)):
            ws.column_dimensions[col].width = width
    return wb


def b25_village_columns():
    """村（社区）两委: a 分值 column followed by blank score columns, one per village."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws.merge_cells("A1:J1")
    ws["A1"] = "宜兴市丁蜀镇2024年度村（社区）“两委”班子工作考核评分表"
    ws["A1"].font = Font(bold=True, size=13)
    put(ws, 2, ["序号", "考核项目", "考核内容", "分值", "各村（社区）得分", None, None, None, None, "备注"], bold=True)
    put(ws, 3, [None, None, None, None, "西望村", "洑东村", "川埠村", "蜀山社区", "陶都社区", None], bold=True)
    ws.merge_cells("E2:I2")
    for col in "ABCDJ":
        ws.merge_cells(f"{col}2:{col}3")
    rows = [
        ("1", "班子建设", "两委班子团结协作，落实“四议两公开”", 15),
        ("2", "集体经济", "村级集体经营性收入同比增长5%以上", 20),
        ("3", "平安法治", "无重大刑事案件和群体性事件，法律顾问服务到位", 15),
        ("4", "人居环境", "农村人居环境整治月度检查达标", 15),
        ("5", "民生服务", "党群服务中心便民事项全程代办", 10),
        ("6", "基层党建", "党员积分制管理落实，发展党员规范", 15),
        ("7", "群众满意", "群众满意度测评达到90%以上", 10),
    ]
    r = 4
    for values in rows:
        put(ws, r, list(values) + [None] * 6)
        r += 1
    put(ws, r, [None, "合计", None, 100] + [None] * 6, bold=True)
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=10)
    ws.cell(row=r + 1, column=1, value="考核组成员签字：")
    for col, width in zip("ABCDEFGHIJ", (6, 12, 34, 7, 9, 9, 9, 10, 10, 8)):
        ws.column_dimensions[col].width = width
    return wb


def b22_html_th_caption():
    """仲裁: an HTML table with a <caption>, whose rows start with a <th> cell."""
    rows = [
        ("立案受理", "仲裁申请审查及时，符合条件的5日内立案", "逾期立案的每件扣2分", 15),
        ("组庭审理", "按规定组成仲裁庭，开庭通知及时送达", "程序瑕疵每件扣2分", 20),
        ("裁决质量", "裁决书事实认定清楚、适用法律正确", "被法院撤销或不予执行的每件扣5分", 25),
        ("调解结案", "调解和解结案率达到50%以上", "每低5个百分点扣2分", 15),
        ("结案时限", "案件在法定期限内审结", "超期结案每件扣1分", 15),
        ("档案管理", "结案后30日内归档，卷宗规范", "不规范每卷扣0.5分", 10),
    ]
    body = "\n".join(
        f"<tr><th scope=\"row\">{a}</th><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in rows)
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>宜兴仲裁委员会办案质量考评办法</title>
<style>table{{border-collapse:collapse}} th,td{{border:1px solid #333;padding:4px}}</style></head>
<body>
<div class="nav">首页 | 机构概况 | 仲裁规则 | 通知公告</div>
<h2>宜兴仲裁委员会办案质量考评办法（试行）</h2>
<p>发布日期：2025-01-16　　来源：宜兴仲裁委员会秘书处</p>
<p>第一条　为提高仲裁办案质量，对本会仲裁员及办案秘书承办的案件进行年度考评，满分100分。</p>
<p>第二条　考评内容及评分标准如下表：</p>
<table>
<caption>宜兴仲裁委员会办案质量考评表</caption>
<thead><tr><th>考评项目</th><th>考评内容</th><th>评分标准</th><th>分值</th></tr></thead>
<tbody>
{body}
</tbody>
<tfoot><tr><th scope="row">合计</th><td></td><td></td><td>100</td></tr></tfoot>
</table>
<p>第三条　本办法由宜兴仲裁委员会秘书处负责解释。</p>
<div class="footer">宜兴仲裁委员会　版权所有</div>
</body>
</html>
"""
    return html.encode("utf-8")


def b19_scanned_pdf():
    """司法鉴定管理: a page image of a ruled table drawn with Pillow; the PDF has no text layer."""
    title_font = ImageFont.truetype(FONT, 40)
    font = ImageFont.truetype(FONT, 28)
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    draw.text((260, 150), "南通市崇川区司法鉴定机构年度执业质量考核表", font=title_font, fill=0)
    draw.text((140, 240), "考核单位：崇川区司法局（公共法律服务管理科）　　考核年度：2024年", font=font, fill=20)
    cols = [120, 230, 500, 1260, 1390, 1534]
    header = ["序号", "考核项目", "考核内容及标准", "分值", "得分"]
    rows = [
        ("1", "执业资质", ["机构及鉴定人执业证书有效，", "业务范围与登记一致"], "10"),
        ("2", "仪器设备", ["仪器设备配置达到行业标准，", "按期检定校准"], "10"),
        ("3", "受理程序", ["委托受理审查规范，签订", "委托协议书"], "15"),
        ("4", "鉴定实施", ["执行技术规范，鉴定过程", "记录完整、可追溯"], "20"),
        ("5", "文书质量", ["鉴定意见书格式规范，", "论证充分、结论明确"], "20"),
        ("6", "出庭作证", ["按通知出庭作证率100%"], "10"),
        ("7", "收费管理", ["执行收费标准，开具正规票据"], "5"),
        ("8", "投诉处理", ["无有效投诉；每件有效投诉", "扣5分"], "10"),
    ]
    y = 320
    heights = [70] + [110 if len(r[2]) > 1 else 70 for r in rows] + [70]
    lines = [header] + [[a, b, c, d, ""] for a, b, c, d in rows] + [["", "合计", [""], "100", ""]]
    for h, cells in zip(heights, lines):
        for c, value in enumerate(cells):
            texts = value if isinstance(value, list) else [value]
            for k, text in enumerate(texts):
                draw.text((cols[c] + 12, y + 16 + k * 42), text, font=font, fill=0)
        draw.line((cols[0], y, cols[-1], y), fill=0, width=3)
        y += h
    draw.line((cols[0], y, cols[-1], y), fill=0, width=3)
    for x in cols:
        draw.line((x, 320, x, y), fill=0, width=3)
    draw.text((140, y + 40), "考核人员签字：　　　　　　　　被考核机构负责人签字：", font=font, fill=20)
    img = img.rotate(0.6, fillcolor=255, resample=Image.BICUBIC)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "PDF", resolution=200.0, creationDate=FIXED_DT.timetuple(), modDate=FIXED_DT.timetuple())
    return buf.getvalue()
