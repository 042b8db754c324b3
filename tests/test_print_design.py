"""Paper that looks designed: full A6 cards, handouts that say who made them and whom to call,
no 扫码 without a code to scan, print packs without an empty cover, a receipt that is paper."""

import html
import os
import re
import subprocess
import tempfile
from urllib.parse import urljoin

import pytest
from test_print import catalog_of, decode_qr_codes, flat, pdf_pages, print_pdf

from conftest import SITE_URL
from util import url_to_file

ORG_NAME = "示例市第一实验学校"
ORG_SHORT = "实验学校"
ORG_PHONE = "0000-00000000"
# 110 or 96110 standing alone (not the tail of the police station's 0000-00000110), or the org's.
HOTLINE = re.compile(r"(?<![\d-])(?:96110|110)(?!\d)|" + re.escape(ORG_PHONE))
# Words asking the reader to scan a code printed on the paper; not 扫码付款, 扫码进群, 扫码看看 or
# 扫一扫这个码: the scams the material warns about.
SCAN_INVITATION = re.compile(r"扫码(?:看(?!看)|可看|查看|阅读|在手机上|打开|了解)|二维码扫开")
MM = 96 / 25.4  # CSS pixels per millimetre


def word_boxes(pdf_data):
    """Every word on every page as (page, x0, y0, x1, y1, text), and the page sizes in points."""
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "doc.pdf")
        with open(source, "wb") as f:
            f.write(pdf_data)
        out = subprocess.run(
            ["pdftotext", "-bbox", source, "-"], check=True, capture_output=True, text=True
        ).stdout
    pages, words = [], []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S)):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        pages.append((float(size.group(1)), float(size.group(2))))
        for box in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in box.groups()[:4])
            words.append((number, x0, y0, x1, y1, html.unescape(box.group(5))))
    return pages, words


def card_boxes(browser, url):
    """Where each card sits on the printed sheets: (page, x0, y0, x1, y1) in millimetres.

    Cards are laid on a margin-less A4 page, so the print layout is one long column of sheets.
    """
    page = browser.new_page(viewport={"width": round(210 * MM), "height": round(297 * MM)})
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    rects = page.eval_on_selector_all(
        ".fz-handout--cards .fz-piece",
        """els => els.map(e => {
            const r = e.getBoundingClientRect();
            return [r.left + scrollX, r.top + scrollY, r.width, r.height];
        })""",
    )
    page.close()
    boxes = []
    for left, top, width, height in rects:
        top_mm = top / MM
        sheet = int(top_mm // 297 + (1 if top_mm % 297 > 296.5 else 0))
        y0 = top_mm - sheet * 297
        boxes.append((sheet, left / MM, y0, (left + width) / MM, y0 + height / MM))
    return boxes


def check_cards(browser, site, server):
    """Print the cards; return each card's text after checking it fills its card."""
    entry = next(p for p in catalog_of(site)["pages"] if p.get("print_url") == "handouts/cards/")
    html_text = url_to_file(site, entry["url"]).read_text(encoding="utf-8")
    count = html_text.count('<section class="fz-piece">')
    data = print_pdf(browser, server.url + entry["print_url"])
    sizes, words = word_boxes(data)
    boxes = card_boxes(browser, server.url + entry["print_url"])
    assert len(boxes) == count >= 8
    texts = []
    for number, (sheet, x0, y0, x1, y1) in enumerate(boxes, start=1):
        width, height = sizes[sheet]
        pt = height / 297  # points per millimetre
        inside = [
            w
            for w in words
            if w[0] == sheet
            and x0 * pt <= (w[1] + w[3]) / 2 <= x1 * pt
            and y0 * pt <= (w[2] + w[4]) / 2 <= y1 * pt
        ]
        assert inside, f"card {number} prints nothing"
        top = min(w[2] for w in inside)
        bottom = max(w[4] for w in inside)
        span = (bottom - top) / ((y1 - y0) * pt)
        assert span >= 0.6, f"card {number}: its text covers only {span:.0%} of the card's height"
        texts.append((number, "".join(w[5] for w in inside)))
    return data, texts


@pytest.mark.browser
def test_each_a6_card_is_filled_and_names_the_school_and_the_numbers_to_call(
    browser, built_site, server
):
    _, texts = check_cards(browser, built_site, server)
    for number, text in texts:
        assert ORG_SHORT in text, f"card {number} does not say who made it: {text}"
        assert HOTLINE.search(text), f"card {number} gives no number to call: {text}"
        # No code without site_url: the card says where to read more instead.
        assert re.search(r"防诈课堂.?网站查看", text), f"card {number} says not where to read more"


def print_everything(browser, built_site, server) -> dict[str, list[str]]:
    """Every handout, letter and print pack of the site without site_url, printed to PDF."""
    catalog = catalog_of(built_site)
    urls = [p["print_url"] for p in catalog["pages"] if p["kind"] in ("handout", "letter")]
    urls += list(catalog["print_packs"].values())
    return {url: pdf_pages(print_pdf(browser, server.url + url)) for url in urls}


@pytest.mark.browser
def test_printed_handouts_letters_and_packs(browser, built_site, server):
    # One test, not three: printing everything takes a minute, and test workers would each
    # print it again for a test of their own.
    printed = print_everything(browser, built_site, server)
    every_handout_names_the_organisation_and_a_hotline(printed, built_site)
    no_page_of_a_print_pack_is_empty_or_a_title_alone(printed, built_site)
    without_site_url_nothing_printed_asks_to_scan_a_code(printed)


def every_handout_names_the_organisation_and_a_hotline(printed, built_site):
    handouts = [p for p in catalog_of(built_site)["pages"] if p["kind"] == "handout"]
    assert len(handouts) >= 8
    for entry in handouts:
        pages = printed[entry["print_url"]]
        text = flat("".join(pages))
        assert ORG_NAME in text, f"{entry['url']} does not name the organisation"
        assert HOTLINE.search(text), f"{entry['url']} names no hotline"
    # A poster is put up on its own: every sheet says who and whom to call.
    for number, page in enumerate(printed["handouts/posters/"], start=1):
        text = flat(page)
        assert ORG_NAME in text and re.search(r"(?<!\d)110(?!\d)", text), f"poster {number}"
        assert "96110" in text and ORG_PHONE in text, f"poster {number}"


def no_page_of_a_print_pack_is_empty_or_a_title_alone(printed, built_site):
    packs = catalog_of(built_site)["print_packs"]
    assert len(packs) >= 8
    for url in packs.values():
        pages = printed[url]
        for number, page in enumerate(pages, start=1):
            assert len(flat(page)) >= 30, f"{url} page {number} holds only {flat(page)!r}"
        cover = flat(pages[0])
        # The cover says what is in the pack and who made it.
        assert ORG_NAME in cover and ORG_PHONE in cover, url
        html_text = url_to_file(built_site, url).read_text(encoding="utf-8")
        titles = re.findall(r'<h2 class="fz-pack__title">([^<]+)</h2>', html_text)
        assert titles
        for title in titles:
            assert flat(html.unescape(title))[:8] in cover, (url, title)


def without_site_url_nothing_printed_asks_to_scan_a_code(printed):
    for url, pages in printed.items():
        for number, page in enumerate(pages, start=1):
            found = SCAN_INVITATION.search(flat(page))
            assert not found, f"{url} page {number} says {found.group(0)} but has no code"


@pytest.mark.browser
def test_with_site_url_cards_and_posters_carry_a_code_that_scans(browser, published):
    site, server = published
    data, texts = check_cards(browser, site, server)
    html_text = url_to_file(site, "handouts/cards/").read_text(encoding="utf-8")
    targets = re.findall(
        r'<section class="fz-piece">.*?<a class="fz-qr" href="([^"]+)"', html_text, re.S
    )
    assert len(targets) == len(texts)
    expected = sorted(urljoin(SITE_URL + "handouts/cards/", t) for t in targets)
    found = []
    for sheet in range(len(pdf_pages(data))):
        found += decode_qr_codes(data, sheet)
    assert sorted(found) == expected
    for number, text in texts:
        assert "扫码" in text, f"card {number} has a code but does not say to scan it"
    poster = print_pdf(browser, server.url + "handouts/posters/")
    for sheet, page in enumerate(pdf_pages(poster)):
        assert len(decode_qr_codes(poster, sheet)) == 1, f"poster {sheet + 1}"
        assert "扫码" in flat(page)


@pytest.mark.browser
def test_on_a_phone_the_receipt_reads_as_paper_to_print_not_a_form(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server.url + "letters/jiazhang/", wait_until="networkidle")
    receipt = page.locator("[data-receipt]")
    shown = flat(receipt.inner_text())
    assert "回执请打印后填写" in shown
    # Nothing looks like a box to tick or a line to write on.
    assert "☐" not in shown
    underlined = page.eval_on_selector_all(
        "[data-receipt] *",
        """els => els.filter(e => e.offsetParent !== null
            && parseFloat(getComputedStyle(e).borderBottomWidth) > 0
            && getComputedStyle(e).borderBottomStyle !== 'none'
            && e.getBoundingClientRect().height < 60).map(e => e.textContent)""",
    )
    assert underlined == []
    # What the slip asks is still said, in words.
    for field in ("学生姓名", "班级", "家长签名", "日期", "已阅读本信"):
        assert field in shown
    # On paper it is still a tear-off form with boxes and lines.
    page.emulate_media(media="print")
    printed_text = flat(receipt.inner_text())
    assert "☐" in printed_text and "学生姓名：" in printed_text
    assert "回执请打印后填写" not in printed_text
    page.close()
