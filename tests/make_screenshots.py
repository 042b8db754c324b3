"""Take the README's screenshots from a built site: phone (360×740) and desktop (1280×800).

    .venv/bin/mkdocs build && .venv/bin/python tests/make_screenshots.py site

Writes JPEG files into tests/screenshots/ (the README shows them). Run it after a change to
how pages look, look at every image, and commit them with the change.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent / "screenshots"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def finish_quiz(page) -> None:
    """Answer every question right, the way a student would, and make the completion card."""
    total = page.locator("[data-question]").count()
    for number in range(1, total + 1):
        options = page.locator(f'[data-question="{number}"] .fz-option')
        for i in range(options.count()):
            if options.nth(i).get_attribute("data-correct") is not None:
                page.locator(f'[data-question="{number}"] label').nth(i).click()
        check = page.locator(f'[data-question="{number}"] [data-quiz-check]')
        if check.is_visible():
            check.click()
    if page.locator("[data-quiz-submit]").is_visible():
        page.locator("[data-quiz-submit]").click()
    page.get_by_label("班级（可不填）").fill("三年级二班")
    page.locator("[data-quiz-card-make]").click()
    page.wait_for_selector("[data-quiz-card-image] img")
    page.wait_for_timeout(300)


def practice(page, base: str) -> None:
    """A drill in the middle of the chat, one of its endings, and a 真还是假 round."""
    page.emulate_media(reduced_motion="reduce")
    page.goto(base + "drills/baiwan-baozhang/")
    page.wait_for_selector("[data-drill-ready]")
    page.locator("[data-drill-choice]").nth(2).click()  # 让他赶快帮忙关掉
    page.locator(".fz-drill__choices").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 120)")
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "drill-phone.jpg", type="jpeg", quality=80)
    page.locator("[data-drill-choice]").nth(0).click()  # 点“允许”
    page.locator("[data-drill-choice]").nth(0).click()  # 把验证码念给他
    page.evaluate(
        "window.scrollTo(0, document.querySelector('[data-drill-end]').getBoundingClientRect().top"
        " + window.scrollY - 70)"
    )
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "drill-end-phone.jpg", type="jpeg", quality=80)
    page.evaluate("localStorage.clear()")
    page.goto(base + "spot/zhongxuesheng/")
    page.wait_for_selector("[data-spot-ready]")
    items = page.locator("[data-spot-item]")
    items.nth(0).locator("[data-spot-answer='fake']").click()  # a genuine bank SMS: a false alarm
    items.nth(1).locator("[data-spot-answer='fake']").click()
    page.evaluate(
        "window.scrollTo(0, document.querySelector('[data-spot-item]').getBoundingClientRect().top"
        " + window.scrollY - 70)"
    )
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "spot-phone.jpg", type="jpeg", quality=80)
    page.evaluate("localStorage.clear()")
    page.emulate_media(reduced_motion="no-preference")


def main(site: Path) -> None:
    OUT.mkdir(exist_ok=True)
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    executable = os.environ.get("FANGZHA_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for size, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport, locale="zh-CN")
            for name, url in [
                ("home", ""),
                ("scam", "scams/kefu/"),
                ("quiz", "quizzes/jiazhang/"),
            ]:
                page.goto(base + url)
                page.wait_for_timeout(300)
                page.screenshot(path=OUT / f"{name}-{size}.jpg", type="jpeg", quality=80)
            page.goto(base + "quizzes/xuesheng-rumen/")
            finish_quiz(page)
            page.screenshot(path=OUT / f"card-{size}.jpg", type="jpeg", quality=80)
            page.goto(base + "scams/shuadan/")
            page.evaluate("localStorage.setItem('fangzha:elder', 'on')")
            page.reload()
            page.wait_for_timeout(300)
            page.screenshot(path=OUT / f"elder-{size}.jpg", type="jpeg", quality=80)
            page.evaluate("localStorage.clear()")
            if size == "phone":
                practice(page, base)
            page.close()
        # The A6 card sheet as it prints: the first A4 page of the PDF.
        page = browser.new_page()
        page.goto(base + "handouts/cards/")
        page.wait_for_timeout(300)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "cards.pdf"
            page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
            subprocess.run(
                [
                    "pdftoppm",
                    "-jpeg",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    pdf,
                    OUT / "cards-print",
                ],
                check=True,
            )
        browser.close()
    server.shutdown()
    for image in sorted(OUT.glob("*.jpg")):
        print(f"{image.relative_to(OUT.parent.parent)}  {image.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve())
