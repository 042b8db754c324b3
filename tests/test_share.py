"""转发到微信群的短版: the /// share block, its checks, the catalog, and the copy button."""

import markdown
import pytest
from test_readability import SOURCES

from conftest import SITE_URL, open_page, wait_until
from fangzha.blockspec import BlockError
from fangzha.library import load_library
from fangzha.model import SCAM_SECTIONS
from fangzha.share import MAX_LINES, parse

SECTIONS = "".join(f"## {s}\n\n文字。\n\n" for s in SCAM_SECTIONS)
FRONT = (
    "---\nkind: scam\ntitle: 甲\nsummary: 摘要。\naudiences: [residents]\n"
    f"category: 其他常见类型\naliases: [甲, 乙]\nreviewed: 2026-11-01\n{SOURCES}---\n"
)


def problems_of(body):
    _, found = load_library([("scams/jia.md", FRONT + SECTIONS + body)], context={})
    return [str(p) for p in found]


def line_of(body, needle):
    text = FRONT + SECTIONS + body
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def render(text):
    return markdown.markdown(text, extensions=["fangzha.blocks"])


def test_a_scam_page_carries_one_short_version():
    assert problems_of("") == [
        "docs/scams/jia.md: 诈骗类型页要有一个 /// share 块（转发到微信群的短版），找到 0 个 → "
        "在页面最后写一个，见 README「转发到微信群的短版」"
    ]
    assert problems_of("/// share\n【防骗提醒】甲\n一句。\n///\n") == []


def test_too_many_lines_and_chat_unfriendly_markup_are_named_at_their_line():
    lines = "".join(f"第{n}行。\n" for n in range(1, MAX_LINES + 2))
    body = f"/// share\n{lines}///\n"
    assert problems_of(body) == [
        f"docs/scams/jia.md:{line_of(body, f'第{MAX_LINES + 1}行')}: 转发的文字有 {MAX_LINES + 1} 行，"
        f"从这一行起超过了 {MAX_LINES} 行 → 删减到 {MAX_LINES} 行以内，细节留给页面"
    ]
    body = "/// share\n【防骗提醒】甲\n详见[页面](jia.md)。\n///\n"
    assert problems_of(body) == [
        f"docs/scams/jia.md:{line_of(body, '详见')}: 转发的文字会原样贴进群里，**、[文字](链接)、# 和 <…> "
        "不会变成粗体、链接或标题 → 去掉这些符号；本页的网址会自动加在最后"
    ]


def test_the_block_renders_its_lines_and_a_button_the_script_reveals():
    html = render("/// share | 转发给家人\n【防骗提醒】甲\n\n  一句话。\n///\n")
    assert '<h2 class="fz-copy__title">转发给家人</h2>' in html
    assert "<p>【防骗提醒】甲</p><p>一句话。</p>" in html.replace("\n", "")
    assert 'data-copy-actions="" hidden' in html and "复制文字" in html
    assert "data-copy-link" in html
    assert "data-copy-link" not in render("/// share\n    link: false\n\n一句。\n///\n")
    with pytest.raises(BlockError, match="去掉这些符号"):
        render("/// share\n**一句**\n///\n")
    assert parse("甲\n\n乙\n")[0] == ["甲", "乙"]


def test_every_scam_page_offers_a_short_version_in_the_catalog(catalog):
    for entry in catalog["pages"]:
        if entry["kind"] == "scam":
            share = entry["share"]
            assert 3 <= len(share) <= MAX_LINES, entry["url"]
            assert share[0].startswith("【防骗提醒】"), entry["url"]
            # Whom to call is in every one of them.
            assert "110" in "".join(share), entry["url"]


@pytest.mark.browser
def test_copy_puts_the_lines_and_the_published_address_on_the_clipboard(browser, published, watch):
    site, server = published
    page = open_page(browser, watch, viewport={"width": 360, "height": 740})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(server.url + "scams/shuadan/")
    button = page.get_by_role("button", name="复制文字")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    assert button.bounding_box()["height"] >= 44
    button.focus()
    page.keyboard.press("Enter")
    wait_until(page, "!!document.querySelector('[data-copy][data-copied]')")
    copied = page.evaluate("navigator.clipboard.readText()")
    lines = copied.split("\n")
    shown = page.locator("[data-copy-text] p").all_inner_texts()
    assert lines[:-1] == shown
    # The canonical address of the published page, not the address it was tested under.
    assert lines[-1] == f"详细内容：{SITE_URL}scams/shuadan/"
    assert "已复制" in page.locator("[data-copy-status]").inner_text()
    page.context.close()
    watch.assert_clean()


@pytest.mark.browser
def test_copy_works_where_the_clipboard_api_is_missing(browser, server, watch):
    # Plain http on a school server, some in-app browsers: no navigator.clipboard.
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(
        "window.__clipboard = navigator.clipboard;"
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"
    )
    page.goto(server.url + "scams/gongjianfa/")
    page.get_by_role("button", name="复制文字").click()
    wait_until(page, "!!document.querySelector('[data-copy][data-copied]')")
    copied = page.evaluate("window.__clipboard.readText()")
    assert copied.startswith("【防骗提醒】")
    assert copied.endswith(f"详细内容：{server.url}scams/gongjianfa/")
    page.context.close()
    watch.assert_clean()


@pytest.mark.browser
def test_the_short_version_stays_off_paper(browser, built_site):
    html = (built_site / "scams/shuadan/index.html").read_text(encoding="utf-8")
    assert "fz-copy" in html
    page = browser.new_page()
    page.goto((built_site / "scams/shuadan/index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".fz-copy").is_visible()
    assert page.locator(".fz-sources").is_visible()
    page.close()
