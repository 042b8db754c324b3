"""The school kit in a real Chromium: projected slides, the big screen, the grade chooser, paper."""

import io
import re

import pypdf
import pytest

from conftest import Server, Watch, open_page, wait_until
from fangzha.pdftext import normalize
from util import build, copy_project, edit

pytestmark = pytest.mark.browser


def lessons(catalog):
    return [p for p in catalog["pages"] if p["kind"] == "lesson"]


def current(page):
    return page.evaluate(
        "(() => { const s = [...document.querySelectorAll('[data-slide]')];"
        " return s.findIndex(x => x.classList.contains('is-current')); })()"
    )


def counter(page):
    return page.locator("[data-deck-counter]").inner_text().strip()


VISIBLE_OUTSIDE = """(() => {
  // Text a person could read on the wall that is neither the current slide nor the control bar.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const stray = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('.fz-slide.is-current, [data-deck-bar], .fz-visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width && box.height && style.visibility !== 'hidden' && box.bottom > 0 && box.top < innerHeight)
      stray.push(text.slice(0, 30));
  }
  return stray;
})()"""


def test_every_lesson_projects_its_slides_whole_one_at_a_time_without_notes(
    browser, server, catalog
):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 1280, "height": 720})
    for lesson in lessons(catalog):
        page.goto(server.url + lesson["slides_url"])
        total = page.locator("[data-slide]").count()
        assert total >= 5
        for index in range(total):
            assert current(page) == index
            assert counter(page) == f"{index + 1} / {total}", lesson["slug"]
            fits = page.evaluate(
                """(() => {
                  const s = document.querySelector('.fz-slide.is-current');
                  const r = s.getBoundingClientRect();
                  const inside = r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1;
                  const body = s.querySelector('.fz-slide__body');
                  const whole = s.scrollHeight <= s.clientHeight + 2 && (!body || body.scrollHeight <= body.clientHeight + 2);
                  const scrolls = document.documentElement.scrollHeight > innerHeight + 1;
                  return inside && whole && !scrolls && r.width > 1200;
                })()"""
            )
            assert fits, (lesson["slug"], index + 1)
            assert page.evaluate(VISIBLE_OUTSIDE) == [], (lesson["slug"], index + 1)
            if index < total - 1:
                page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # past the end: stays on the last slide
        assert current(page) == total - 1
        page.keyboard.press("ArrowLeft")
        assert current(page) == total - 2 and counter(page) == f"{total - 1} / {total}"
    # The plan's own words never reach the deck page at all, not even hidden.
    deck = page.content()
    assert "预期回答" not in deck and "教师提示" not in deck
    page.context.close()
    watch.assert_clean()


def test_slides_answer_the_keys_a_presentation_clicker_sends_and_a_tap(
    page, server, catalog, watch
):
    page.set_viewport_size({"width": 1366, "height": 768})
    deck = lessons(catalog)[0]["slides_url"]
    page.goto(server.url + deck)
    total = page.locator("[data-slide]").count()
    page.keyboard.press("PageDown")
    page.keyboard.press("Space")
    assert current(page) == 2
    page.keyboard.press("PageUp")
    assert current(page) == 1
    page.keyboard.press("End")
    assert current(page) == total - 1
    page.keyboard.press("Home")
    assert current(page) == 0
    page.mouse.click(1200, 300)  # a click on the right of the slide goes on
    assert current(page) == 1
    page.mouse.click(100, 300)  # on the left third goes back
    assert current(page) == 0
    page.keyboard.press("b")
    assert page.locator(".fz-slide.is-current").is_hidden()
    page.keyboard.press("ArrowRight")
    assert page.locator(".fz-slide.is-current").is_visible() and current(page) == 1
    # The address keeps the slide: a reload stays where the class is.
    page.reload()
    assert current(page) == 1
    page.locator("[data-deck-next]").click()
    assert current(page) == 2
    # The screen reader hears where the class is.
    assert page.locator("[data-deck-status]").inner_text().startswith(f"第 3 张，共 {total} 张")
    watch.assert_clean()


def test_slides_print_one_to_a_landscape_page_or_six_to_a_handout_sheet(browser, server, catalog):
    deck = lessons(catalog)[0]["slides_url"]
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.url + deck, wait_until="networkidle")
    total = page.locator("[data-slide]").count()
    page.emulate_media(media="print")
    one = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(one.pages) == total
    box = one.pages[0].mediabox
    assert round(float(box.width)) > round(float(box.height))  # landscape
    page.evaluate("document.documentElement.classList.add('fz-print-six')")
    six = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(six.pages) == -(-total // 6)
    box = six.pages[0].mediabox
    assert round(float(box.width)) < round(float(box.height))  # portrait
    page.close()


def test_slides_work_from_a_usb_stick(browser, offline_site):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 1280, "height": 720})
    decks = sorted(offline_site.glob("lessons/*-slides.html"))
    assert len(decks) >= 6
    page.goto(decks[0].as_uri())
    page.keyboard.press("ArrowRight")
    assert current(page) == 1
    assert page.locator(".fz-slide.is-current").is_visible()
    page.locator(".fz-deck-bar .fz-deck-back").click()
    page.wait_for_load_state()
    assert page.url.endswith(decks[0].name.replace("-slides.html", ".html"))
    page.context.close()
    watch.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_the_big_screen_fills_a_hall_screen_and_a_classroom_pc_with_large_type(
    browser, server, catalog, width, height
):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": width, "height": height})
    screen = next(p for p in catalog["pages"] if p["kind"] == "screen")
    page.goto(server.url + screen["url"] + "#play")
    page.locator("[data-screen-stage]").wait_for()
    for _ in range(screen["lines"]):
        box = page.evaluate(
            """(() => {
              const t = document.querySelector('.fz-screen-stage__text:not([hidden])');
              const r = t.getBoundingClientRect();
              return {size: parseFloat(getComputedStyle(t).fontSize), top: r.top, bottom: r.bottom,
                      left: r.left, right: r.right, text: t.textContent};
            })()"""
        )
        # A line of the screen is readable from across a hall: at least a ninth of the height.
        assert box["size"] >= height / 9, box
        assert (
            box["left"] >= 0
            and box["right"] <= width
            and box["top"] >= 0
            and box["bottom"] <= height
        )
        page.keyboard.press("ArrowRight")
    assert "示例市第一实验学校" in page.locator("[data-screen-stage]").inner_text()
    assert "96110" in page.locator("[data-screen-stage]").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("[data-screen-stage]").is_hidden()
    page.context.close()
    watch.assert_clean()


@pytest.mark.soak
def test_the_big_screen_runs_ten_minutes_at_one_second_without_growing(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs/handouts/dapin.md", "interval: 8", "interval: 1")
    result = build(project)
    assert result.returncode == 0, result.output
    server = Server(result.site)
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 1920, "height": 1080})
    try:
        page.goto(server.url + "handouts/dapin/#play")
        page.locator("[data-screen-stage]").wait_for()
        page.evaluate(
            """(() => {
              window.__advances = 0;
              new MutationObserver(() => { window.__advances += 1; })
                .observe(document.querySelector('[data-screen-stage]'),
                         {attributes: true, attributeFilter: ['data-screen-index']});
            })()"""
        )
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")

        def measure():
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            nodes = page.evaluate("document.getElementsByTagName('*').length")
            return nodes, metrics["JSEventListeners"]

        page.wait_for_timeout(5_000)
        start = measure()
        samples = []
        for _ in range(10):
            page.wait_for_timeout(60_000)
            samples.append(measure())
        advances = page.evaluate("window.__advances")
    finally:
        page.context.close()
        server.close()
    # Ten minutes at one line a second: the page shows a new line every second and stays the
    # same size. (Timers run late on a busy machine, so the count only has to be well under way.)
    assert advances >= 300, advances
    nodes = [n for n, _ in samples]
    listeners = [n for _, n in samples]
    assert nodes == [start[0]] * len(samples), (start, samples)
    # Listeners may settle once after start-up (the theme drops a few one-off ones), never grow.
    assert max(listeners) <= start[1] and len(set(listeners[1:])) == 1, (start, samples)
    watch.assert_clean()


def test_the_students_page_asks_the_grade_and_leads_to_that_band(page, server, catalog, watch):
    page.goto(server.url + catalog["audiences"]["students"]["url"])
    page.get_by_role("link", name="我上初中").click()
    page.wait_for_load_state()
    assert page.url.endswith(catalog["bands"]["junior"]["url"])
    heading = page.locator("h1").inner_text()
    assert heading == "初中"
    cards = page.locator(".fz-cards a").all_inner_texts()
    assert "网络裸聊敲诈" not in cards and "校园贷与培训贷陷阱" not in cards
    assert any("初中" in c or "兼职" in c for c in cards)
    watch.assert_clean()


def test_a_lesson_plan_prints_its_record_sheet_on_a_sheet_of_its_own(browser, server, catalog):
    lesson = next(p for p in lessons(catalog) if p["band"] == "primary_upper")
    page = browser.new_page()
    page.goto(server.url + lesson["url"], wait_until="networkidle")
    page.emulate_media(media="print")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    page.close()
    texts = [re.sub(r"\s+", "", normalize(p.extract_text())) for p in reader.pages]
    last = texts[-1]
    assert "主题班会记录表" in last and "实到人数" in last and "评比意见" in last
    assert "教学目标" not in last
    assert "上课：全屏放映幻灯片" not in "".join(texts)
    assert "教学目标" in texts[0]


def test_print_links_on_the_week_plan_open_the_print_dialog(page, server, catalog, watch):
    guide = next(p for p in catalog["pages"] if p["slug"] == "xuanchuanzhou")
    page.goto(server.url + guide["url"])
    link = page.locator('a[href*="?print"]').first
    href = link.get_attribute("href")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.add_init_script("window.print = () => { window.__printed = true; }")
    link.click()
    page.wait_for_load_state()
    assert "?print" in page.url and href.split("?")[0].rstrip("/").split("/")[-1] in page.url
    wait_until(page, "window.__printed === true")
    watch.assert_clean()
