"""A real Chromium on the served site: what a parent opening the class-group link sees."""

import pytest

from conftest import open_page
from util import html_pages

pytestmark = pytest.mark.browser


def fonts_for(page, selector):
    """The platform fonts Chromium actually used to draw an element's text."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {
        f["familyName"]: f["glyphCount"]
        for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    }


def test_home_page_shows_chinese_in_a_cjk_font(page, server, watch):
    page.goto(server.url)
    heading = page.locator("article h1")
    assert heading.inner_text() == "防诈课堂"
    assert page.locator("[data-org-name]").inner_text() == "实验学校"
    used = fonts_for(page, "article h1")
    # Every glyph of the heading comes from a CJK face, so nothing shows as empty boxes.
    assert sum(used.values()) == 4, used
    assert any("CJK" in name or "Hei" in name or "PingFang" in name for name in used), used
    watch.assert_clean()


def test_footer_promise_is_visible_after_scrolling(page, server, watch):
    page.goto(server.url)
    promise = page.locator("[data-promise]")
    promise.scroll_into_view_if_needed()
    assert promise.is_visible()
    assert "不收取任何费用" in promise.inner_text()
    watch.assert_clean()


def test_navigation_from_home_reaches_a_scam_page(page, server, watch):
    page.goto(server.url)
    article = page.locator("article")
    article.get_by_role("link", name="常见诈骗类型").click()
    page.wait_for_url("**/scams/")
    article.get_by_role("link", name="刷单返利诈骗").click()
    page.wait_for_url("**/scams/shuadan/")
    assert page.locator("article h1").inner_text() == "刷单返利诈骗"
    assert page.get_by_role("heading", name="一句话识别").is_visible()
    watch.assert_clean()


def test_audience_entry_leads_to_the_pages_for_that_audience(page, server, watch):
    page.goto(server.url)
    page.locator("article").get_by_role("link", name="我是老人").click()
    page.wait_for_url("**/audiences/elderly/")
    cards = page.locator("article .fz-cards")
    assert cards.get_by_role("link", name="冒充公检法及政府机关诈骗").is_visible()
    assert cards.get_by_role("link", name="冒充亲友与虚构子女出事诈骗").is_visible()
    watch.assert_clean()


def search(page, query):
    """Type a query the way a phone keyboard delivers it: text, then a key event."""
    page.locator("label[for=__search]").first.click()
    box = page.locator("input[data-md-component=search-query]")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for()
    return page.locator(".md-search-result__item")


def test_search_finds_a_scam_page_by_chinese_words(page, server, watch):
    page.goto(server.url)
    results = search(page, "公检法")
    assert (
        results.first.locator("h1").inner_text().replace("\u200b", "") == "冒充公检法及政府机关诈骗"
    )
    results.first.locator("a").first.click()
    page.wait_for_url("**/scams/gongjianfa/**")
    assert page.locator("article h1").inner_text() == "冒充公检法及政府机关诈骗"
    watch.assert_clean()


def test_every_page_loads_without_other_hosts_or_console_errors(browser, server, built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 10
    for path in pages:
        watch = __import__("conftest").Watch()
        page = open_page(browser, watch)
        url = server.url + path.relative_to(built_site).as_posix()
        page.goto(url, wait_until="networkidle")
        page.context.close()
        if path.name == "404.html":
            watch.failed = [f for f in watch.failed if "404.html" not in f]
        assert not watch.foreign, f"{url}: requests to other hosts {watch.foreign}"
        assert not watch.console_errors, f"{url}: console errors {watch.console_errors}"
        assert not watch.failed, f"{url}: failed requests {watch.failed}"
