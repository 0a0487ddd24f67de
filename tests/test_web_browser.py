"""The workbench in a real headless Chromium, as a 政治处 user would go through it: upload a corpus DOCX, see its
table, correct a row's points, watch the reconciliation change, restart the server and find the correction kept,
upload events, see the ranking, click a deduction and land on the highlighted source cell. Screenshots of each
page go to out/screens/."""
from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from web_support import ROOT, Server, chromium, free_port, screenshot

DOCS = ROOT / "corpus" / "docs"
WUJIN = DOCS / "wujin-2021-jixiao.docx"
UPLOADS = [WUJIN, DOCS / "qiaocheng-2023-kaoping.docx", DOCS / "wujin-2021-jixiao.pdf"]
CATEGORY = "政务信息和新闻宣传工作"  # 15 分: 信息工作 10 + 新闻宣传 5


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    """Synthetic events and measures for 武进's rules: five units over 2021."""
    from pipeline.extract import extract_table
    from pipeline.scoring.forms import form_rulebook
    from pipeline.scoring.synth import synthesize, write_csv

    folder = tmp_path_factory.mktemp("events")
    raw, table = extract_table(WUJIN)
    frame, measures = synthesize(form_rulebook(table, raw), 5, ["2021"], seed=3)
    return write_csv(frame, folder / "事件.csv"), write_csv(measures, folder / "度量.csv")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    server = Server(folder / "archive.duckdb", free_port()).start()
    driver = chromium(folder / "profile")
    driver.implicitly_wait(0)
    yield server, driver
    driver.quit()
    server.stop()


def wait(driver, seconds: float = 60):
    # htmx swaps parts of the page after an action: an element read mid-swap is stale, not wrong.
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def check_line(driver) -> str:
    items = driver.find_elements(By.CSS_SELECTOR, "#checks li.check")
    return next(li.text for li in items if CATEGORY in li.text)


def test_review_correct_restart_score_and_trace(setup, events):
    server, driver = setup
    driver.get(server.url + "/")
    assert "文档库" in driver.title
    screenshot(driver, "01-文档库-空")

    # Upload three documents at once; each file gets its own bar, processed by batch's workers.
    picker = driver.find_element(By.CSS_SELECTOR, "form.upload input[type=file]:not([webkitdirectory])")
    picker.send_keys("\n".join(str(p) for p in UPLOADS))
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    wait(driver, 180).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#jobs .jobhead"), "3/3 完成"))
    states = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#jobs li.file")]
    assert len(states) == 3 and all("成功" in s for s in states), states
    screenshot(driver, "02-上传完成")

    driver.get(server.url + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.docs tbody tr")
    assert len(rows) == 3
    screenshot(driver, "03-文档库")

    # 复核: the source grid on the left, the indicator table on the right.
    link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "table.docs a") if a.text == WUJIN.name)
    link.click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr.ind")))
    doc_url = driver.current_url
    first = driver.find_elements(By.CSS_SELECTOR, "tr.ind")[0]
    assert "信息工作" in first.text and first.find_element(By.CSS_SELECTOR, "td.points").text == "10"
    assert "一致" in check_line(driver) and "合计 15 分" in check_line(driver)
    # Clicking a row highlights its cells in the source, and a source cell highlights its row.
    first.find_elements(By.TAG_NAME, "td")[2].click()
    assert driver.find_elements(By.CSS_SELECTOR, "#source td.hl")
    source_cell = driver.find_element(By.XPATH, "//table[@id='src-t0']//td[normalize-space()='新闻宣传工作']")
    source_cell.click()
    assert "新闻宣传工作" in driver.find_element(By.CSS_SELECTOR, "tr.ind.hl").text
    screenshot(driver, "04-复核")

    # Correct 信息工作's points 10 → 8: the category no longer adds up.
    driver.find_elements(By.CSS_SELECTOR, "tr.ind")[0].find_element(By.CSS_SELECTOR, ".edit-toggle").click()
    points = driver.find_element(By.CSS_SELECTOR, "#edit-1 input[name=points]")
    points.clear()
    points.send_keys("8")
    driver.find_element(By.CSS_SELECTOR, "#edit-1 button.primary").click()
    wait(driver).until(lambda d: "不一致" in check_line(d))

    def corrected(d) -> bool:
        row = d.find_elements(By.CSS_SELECTOR, "tr.ind")[0]
        return (row.find_element(By.CSS_SELECTOR, "td.points").text == "8" and "原 10 → 8" in row.text
                and "测试员" in row.text and "合计 13 分" in check_line(d))

    wait(driver).until(corrected)
    screenshot(driver, "05-复核-更正后")

    # Restart the server: the correction lives in the archive database.
    server.stop()
    server.start()
    driver.get(doc_url)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr.ind")))
    assert driver.find_elements(By.CSS_SELECTOR, "tr.ind")[0].find_element(By.CSS_SELECTOR, "td.points").text == "8"
    assert "不一致" in check_line(driver)
    assert "更正记录（1）" in driver.find_element(By.CSS_SELECTOR, ".corrections").text

    driver.get(doc_url + "/rules")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.ruleitem")))
    screenshot(driver, "06-规则")

    # 计分: upload events and measures, see the ranking.
    driver.get(doc_url + "/score")
    driver.find_element(By.CSS_SELECTOR, "input[name=events]").send_keys(str(events[0]))
    driver.find_element(By.CSS_SELECTOR, "input[name=measures]").send_keys(str(events[1]))
    driver.find_element(By.CSS_SELECTOR, "form.scoreform button").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.ranking")))
    ranking = driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
    assert len(ranking) == 5 and ranking[0].text.startswith("1 ")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect")) == 5
    screenshot(driver, "07-计分-排名")

    # A unit's sheet: every point links to its clause in the source.
    ranking[-1].find_element(By.TAG_NAME, "a").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.sheet")))
    screenshot(driver, "08-计分-单位明细")
    deduction = driver.find_element(By.CSS_SELECTOR, "tr.applied.deduct a.src-link")
    location = deduction.text  # e.g. 表1 行4 列5
    deduction.click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#source [data-cell].hl")))
    marked = driver.find_element(By.CSS_SELECTOR, "#right").get_attribute("data-mark")
    table, row, col = (int(n) - 1 for n in re.search(r"表(\d+) 行(\d+) 列(\d+)", location).groups())
    assert marked == f"t{table}r{row}c{col}"
    cell = driver.find_element(By.CSS_SELECTOR, f'#source [data-cell="{marked}"]')
    assert "hl" in cell.get_attribute("class").split()
    assert cell.find_elements(By.CSS_SELECTOR, "mark.clause"), "the clause that fired is marked inside its cell"
    assert driver.find_elements(By.CSS_SELECTOR, "tr.ind.hl")
    screenshot(driver, "09-扣分-原文高亮")

    # The PDF rendition: page images with the cells as boxes.
    driver.get(server.url + "/?q=.pdf")
    driver.find_element(By.CSS_SELECTOR, "table.docs a").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".page .box")))
    driver.find_elements(By.CSS_SELECTOR, "tr.ind")[2].find_elements(By.TAG_NAME, "td")[2].click()
    assert driver.find_elements(By.CSS_SELECTOR, ".page .box.hl")
    wait(driver).until(lambda d: d.execute_script(
        "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
    screenshot(driver, "10-复核-PDF")

    # 比较: the two schemes side by side.
    driver.get(server.url + "/compare")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=ids]")[:2]:
        box.click()
    driver.find_element(By.CSS_SELECTOR, "form.choose button").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".report svg")))
    screenshot(driver, "11-比较")
