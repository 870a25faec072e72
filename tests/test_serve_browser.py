"""`perfdsl serve` in a real browser: the system Chromium, driven by Playwright, against the real
command (`python -m perfdsl serve --port 0`). A person fills in the seed form box by box and
sees 92.00 and 优, at desktop width and at phone width; uploads the seed's data file; downloads
the result; uploads the filed seed form and reads its audit; scores a small CSV of units on the
batch page and downloads the scored table; checks a rubric and jumps to an error's line. The page's own policy forbids inline
script and style, so any violation shows as a console error, and the test fails on it.

Chromium is Debian's (`apt-get install -y chromium fonts-noto-cjk`, as .ci/run does); `playwright
install` cannot download browsers here, so the browser is launched by path (PERFDSL_CHROMIUM
overrides it). Without it these tests fail, loudly: they are not skipped.

Screenshots go under each test's tmp_path; with PERFDSL_UPDATE_SCREENSHOTS=1 the ones shown in
docs/serve.md are also rewritten in docs/images/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import perfdsl
from perfdsl.data import figures as data
from perfdsl.serve.form import Layout

from conftest import ROOT, SEED_DATA, SEED_RUBRIC

CHROMIUM = os.environ.get("PERFDSL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
UPDATE = bool(os.environ.get("PERFDSL_UPDATE_SCREENSHOTS"))
IMAGES = ROOT / "docs" / "images"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SEED = "department-overall.rubric"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server():
    """The real `perfdsl serve` on a free port, from the repository's root (so it finds
    rubrics/ on its own, as on a fresh clone); stopped after the module."""
    process = subprocess.Popen(
        [sys.executable, "-m", "perfdsl", "serve", "--port", "0"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    ready = threading.Event()

    def drain():  # keep reading, so the access log never fills the pipe and stalls the server
        for line in process.stdout:
            lines.append(line)
            if "perfdsl serve: http://" in line:
                ready.set()
        ready.set()

    threading.Thread(target=drain, daemon=True).start()
    ready.wait(30)
    found = [re.search(r"http://\S+/", line) for line in lines]
    url = next((m.group(0) for m in found if m), None)
    if url is None:
        process.kill()
        pytest.fail("perfdsl serve did not start:\n" + "".join(lines))
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert "Traceback" not in "".join(lines), "".join(lines)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium "
        "fonts-noto-cjk` (or set PERFDSL_CHROMIUM to its path)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server):
    """A new page at a given viewport, failing the test on any console error (a blocked inline
    script or style, a failed request, a script error) and on any request for anything not
    served by perfdsl itself (the page must work without internet)."""
    contexts, errors = [], []

    def make(viewport):
        context = browser.new_context(viewport=viewport, accept_downloads=True, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((server, "data:"))
                else errors.append(f"fetched from outside: {r.url}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


# The screenshots docs/serve.md shows.
DOC_IMAGES = {"serve-home-desktop.png", "serve-fill-desktop.png", "serve-fill-phone.png",
              "serve-check-desktop.png", "serve-batch-desktop.png", "serve-audit-desktop.png"}


def shoot(page, tmp_path: Path, name: str, *, full_page: bool = False) -> None:
    """A screenshot under the test's tmp_path; also docs/images/NAME when updating the ones
    docs/serve.md shows."""
    page.screenshot(path=tmp_path / name, full_page=full_page)
    assert (tmp_path / name).stat().st_size > 0
    if UPDATE and name in DOC_IMAGES:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=IMAGES / name)


def seed_boxes() -> list[tuple[str, str, str]]:
    """The seed's figures in the order of its data file: (box id, widget, text)."""
    layout = Layout.of(perfdsl.compile_file(SEED_RUBRIC))
    by_name = {f.name: f for f in layout.fields}
    out = []
    for figure in data.load(SEED_DATA).figures:
        field = by_name[figure.name]
        out.append((f"f{field.index}", field.widget, str(figure.value)))
    return out


def expect_total(page, total: str, grade: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#total")).to_have_text(total)
    expect(page.locator("#grade")).to_have_text(grade)


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_filling_the_seed_form_box_by_box_scores_92(server, open_page, tmp_path, viewport, label):
    """From the home page to the seed's form; every figure typed or chosen box by box; the score
    bar shows 92.00 and 优 and each indicator its 计算分析情况. A figure mistyped shows its
    problem beside its box at once, and goes away when corrected. Nothing is wider than the
    screen, at 1280 px or at 390 px."""
    from playwright.sync_api import expect

    page = open_page(viewport)
    page.goto(server)
    shoot(page, tmp_path, f"serve-home-{label}.png")
    page.locator(f'a[href^="/fill/{SEED}"]').click()
    expect(page.locator("h1")).to_contain_text("部门整体支出绩效自评表")
    page.fill("#mv0", "汇通产业园事业服务中心")
    for box, widget, text in seed_boxes():
        if widget == "choice":
            page.select_option(f"#{box}", text)
        else:
            page.fill(f"#{box}", text)
    expect_total(page, "92.00", "优")
    expect(page.locator("#scorebar")).to_contain_text("数据完整，无问题")
    budget_rate = page.locator(".indicator", has_text="预算完成率")
    expect(budget_rate).to_contain_text("61.68%")
    budget = next(box for box, _, text in seed_boxes() if text == "40.11万元")
    page.fill(f"#{budget}", "四十万")
    expect(page.locator(f"#p{budget[1:]}")).to_contain_text("应为金额（万元），实际为 `四十万`")
    page.fill(f"#{budget}", "40.11")
    expect(page.locator(f"#p{budget[1:]}")).to_have_text("")
    expect_total(page, "92.00", "优")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.locator(".section.group").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.querySelector('.section.group').offsetTop - 60)")
    shoot(page, tmp_path, f"serve-fill-{label}.png")
    page.screenshot(path=tmp_path / f"serve-fill-{label}-full.png", full_page=True)


def test_uploading_the_seed_data_file_scores_92_and_downloads_the_result(server, open_page, tmp_path):
    """Uploading examples/huitong-2021.yaml fills the form and shows 92.00, 优; the JSON download
    of the filled form says the same."""
    from playwright.sync_api import expect

    page = open_page(DESKTOP)
    page.goto(f"{server}fill/{SEED}")
    page.set_input_files("#upload-file", str(SEED_DATA))
    page.locator("#upload button").click()
    expect(page.locator("#upload .notice")).to_contain_text("已按 huitong-2021.yaml 填入")
    expect_total(page, "92.00", "优")
    with page.expect_download() as download:
        page.get_by_role("button", name="JSON 结果").click()
    saved = tmp_path / "result.json"
    download.value.save_as(saved)
    result = json.loads(saved.read_text("utf-8"))
    assert (result["total"], result["grade"]) == (92, "优")
    assert download.value.suggested_filename == "department-overall-汇通产业园事业服务中心.json"


def test_uploading_the_filed_seed_form_lists_its_discrepancies(server, open_page, tmp_path):
    """Uploading examples/huitong-2021.filed.yaml fills the form (92.00, 优) and shows its audit:
    23 discrepancies and one rounding note, each with the claimed and the recomputed value; the
    Markdown download is the audit `perfdsl audit --format markdown` writes. Nothing is wider
    than a phone's screen."""
    from playwright.sync_api import expect

    filed = ROOT / "examples" / "huitong-2021.filed.yaml"
    page = open_page(DESKTOP)
    page.goto(f"{server}fill/{SEED}")
    page.set_input_files("#upload-file", str(filed))
    page.locator("#upload button").click()
    expect(page.locator("#audit-verdict")).to_have_text("发现 23 处不一致，1 处仅差显示舍入")
    expect_total(page, "92.00", "优")
    expect(page.locator(".discrepancy")).to_have_count(24)
    over = page.locator(".discrepancy", has_text="扣分超过分值").first
    expect(over).to_contain_text("预算完成率")
    expect(over.locator("dd.claimed")).to_contain_text("扣 3 分")
    expect(over.locator("dd.rule")).to_contain_text("逐档扣分（第 116 行）")
    with page.expect_download() as download:
        page.get_by_role("button", name="Markdown").click()
    saved = tmp_path / "audit.md"
    download.value.save_as(saved)
    from perfdsl.outputs.audit_report import render_markdown
    from perfdsl.tools.audit import audit

    found = audit(perfdsl.compile_file(SEED_RUBRIC), data.loads(filed.read_text("utf-8"),
                                                                   filed.name), "zh")
    assert saved.read_text("utf-8") == render_markdown(found, "zh")
    assert download.value.suggested_filename == "huitong-2021.filed-审核.md"
    page.evaluate("window.scrollTo(0, document.getElementById('audit').offsetTop - 70)")
    shoot(page, tmp_path, "serve-audit-desktop.png")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_scoring_a_small_csv_of_units_on_the_batch_page(server, open_page, tmp_path):
    """From the home page to the seed's batch page; a CSV of three units (the seed, one with a
    mistyped 年初预算, one with 满意度 80%) uploaded: the first row's total is 92.00, the second's
    problems are listed; the scored table downloads as CSV with the same totals. Nothing is
    wider than a phone's screen (the table scrolls in its own box)."""
    from playwright.sync_api import expect

    from test_serve_uploads import three_units, units_csv

    table = tmp_path / "单位表.csv"
    table.write_bytes(units_csv(three_units()))
    page = open_page(DESKTOP)
    page.goto(server)
    page.locator(f'a[href^="/batch/{SEED}"]').click()
    page.set_input_files("#table-file", str(table))
    page.get_by_role("button", name="上传并评分").click()
    expect(page.locator("#batch-summary")).to_have_text("单位表.csv：已评分 3 个单位，其中 1 个有问题。")
    expect(page.locator("#row1 td.total")).to_have_text("92.00")
    expect(page.locator("#row1 td.grade")).to_have_text("优")
    expect(page.locator("#row3 td.total")).to_have_text("91.00")
    expect(page.locator("#problems2")).to_contain_text("`年初预算` 应为金额（万元），实际为 `四十万`")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV").click()
    saved = tmp_path / "scored.csv"
    download.value.save_as(saved)
    import csv

    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert [(r["单位"], r["total"], r["grade"]) for r in rows] == [
        ("汇通", "92.00", "优"), ("甲单位", "88.00", "良"), ("乙单位", "91.00", "优")]
    assert download.value.suggested_filename == "单位表-评分.csv"
    shoot(page, tmp_path, "serve-batch-desktop.png")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_checking_a_rubric_shows_its_errors_and_jumps_to_their_line(server, open_page, tmp_path):
    """Pasted rubric text with two mistakes: the check page lists both with line, column and
    hint in English when asked, outlines the groups, and a click on an error's position selects
    that line in the text."""
    from playwright.sync_api import expect

    from test_serve import BAD

    page = open_page(DESKTOP)
    page.goto(f"{server}check")
    page.fill("#text", BAD)
    page.select_option("#check-lang", "en")
    page.get_by_role("button", name="检查").click()
    expect(page.locator("#verdict")).to_have_text("2 error(s), 0 warning(s).")
    first = page.locator(".diagnostic").first
    expect(first).to_contain_text("unknown name `执行律`")
    expect(first).to_contain_text("did you mean `执行率`?")
    first.locator("a.where").click()
    selected = page.evaluate("(() => { const t = document.getElementById('text');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == "执行律"
    expect(page.locator(".outline")).to_contain_text("人均支出")
    shoot(page, tmp_path, "serve-check-desktop.png")
