"""Paper: letters on one A4 sheet with their receipt, QR codes that scan, handouts, the export."""

import io
import json
import os
import re
import subprocess
import sys
import tempfile

import pypdf
import pytest
import zxingcpp
from PIL import Image

from conftest import SITE_URL, Server, chromium_path
from fangzha.pdftext import normalize
from util import ROOT, build, copy_project, edit, url_to_file


def catalog_of(site):
    return json.loads((site / "catalog.json").read_text(encoding="utf-8"))


def print_pdf(browser, url):
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    data = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    return data


def pdf_pages(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [normalize(p.extract_text()) for p in reader.pages]


def flat(text):
    return re.sub(r"\s+", "", text)


def letters(catalog):
    return [p for p in catalog["pages"] if p["kind"] == "letter"]


@pytest.mark.browser
def test_each_letter_prints_on_one_a4_page_with_its_receipt(browser, published):
    site, server = published
    catalog = catalog_of(site)
    assert len(letters(catalog)) >= 5
    for entry in letters(catalog):
        data = print_pdf(browser, server.url + entry["print_url"])
        pages = pdf_pages(data)
        assert len(pages) == 1, f"{entry['slug']} prints on {len(pages)} pages"
        box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
        text = flat(pages[0])
        assert "示例市第一实验学校" in text, entry["slug"]
        assert "{{" not in text
        html = url_to_file(site, entry["url"]).read_text(encoding="utf-8")
        if "data-receipt" in html:
            fields = re.findall(r'<span class="fz-receipt__field">([^<]+)：</span>', html)
            assert fields, entry["slug"]
            for field in fields:
                assert field + "：" in text, (entry["slug"], field)
            assert "✂" in pages[0] and "沿此线剪下" in text


def test_receipts_collect_nothing_online(published):
    site, _ = published
    for entry in letters(catalog_of(site)):
        html = url_to_file(site, entry["url"]).read_text(encoding="utf-8")
        for receipt in re.findall(r"<section[^>]*data-receipt.*?</section>", html, re.S):
            assert "<input" not in receipt and "<form" not in receipt
            assert "本站没有在线回执" in receipt


def decode_qr_codes(pdf_data, page_number=0):
    """Rasterise one page of a PDF as a printer would (200 dpi) and read every QR code on it."""
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "page.pdf")
        with open(source, "wb") as f:
            f.write(pdf_data)
        n = str(page_number + 1)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-png",
                "-singlefile",
                "-f",
                n,
                "-l",
                n,
                source,
                os.path.join(tmp, "page"),
            ],
            check=True,
        )
        image = Image.open(os.path.join(tmp, "page.png"))
        return sorted(r.text for r in zxingcpp.read_barcodes(image))


@pytest.mark.browser
def test_qr_code_on_a_printed_page_decodes_to_its_live_url(browser, published):
    site, server = published
    catalog = catalog_of(site)
    letter = letters(catalog)[0]
    codes = decode_qr_codes(print_pdf(browser, server.url + letter["print_url"]))
    assert codes == [SITE_URL + letter["url"]]
    scam = next(p for p in catalog["pages"] if p["slug"] == "shuadan")
    pages = print_pdf(browser, server.url + scam["url"])
    last = len(pdf_pages(pages)) - 1
    assert decode_qr_codes(pages, last) == [SITE_URL + "scams/shuadan/"]


@pytest.mark.browser
def test_posters_print_one_message_a_sheet_with_a_code_to_the_page_it_names(browser, published):
    site, server = published
    poster = next(p for p in catalog_of(site)["pages"] if p.get("print_url") == "handouts/posters/")
    html = url_to_file(site, poster["url"]).read_text(encoding="utf-8")
    pieces = html.count('<section class="fz-piece">')
    targets = re.findall(
        r'<section class="fz-piece">.*?<a class="fz-qr" href="([^"]+)"', html, re.S
    )
    data = print_pdf(browser, server.url + poster["print_url"])
    assert len(pdf_pages(data)) == pieces >= 5
    for number, target in enumerate(targets):
        resolved = (
            os.path.normpath(os.path.join("/fanzha/handouts/posters/", target)).rstrip("/") + "/"
        )
        assert decode_qr_codes(data, number) == ["https://www.example-school.cn" + resolved]


@pytest.mark.browser
def test_cards_print_four_a6_to_a_sheet(browser, published):
    site, server = published
    cards = next(p for p in catalog_of(site)["pages"] if p.get("print_url") == "handouts/cards/")
    html = url_to_file(site, cards["url"]).read_text(encoding="utf-8")
    pieces = html.count('<section class="fz-piece">')
    data = print_pdf(browser, server.url + cards["print_url"])
    assert len(pdf_pages(data)) == -(-pieces // 4)
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    page.goto(server.url + cards["print_url"])
    page.emulate_media(media="print")
    sizes = page.eval_on_selector_all(
        ".fz-piece",
        "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])",
    )
    page.close()
    mm = 96 / 25.4
    for width, height in sizes:
        assert abs(width / mm - 105) < 1 and abs(height / mm - 148.5) < 1


def test_slogans_state_their_lengths(published):
    site, _ = published
    html = (site / "handouts/slogans/index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r"<tr>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>(\d+)</td>", html
    )
    assert len(rows) >= 20
    for _, slogan, length in rows:
        assert int(length) == len(re.sub(r"\s", "", slogan)) <= 20


def test_without_site_url_the_build_says_once_there_is_no_qr_code(tmp_path):
    result = build(copy_project(tmp_path / "p"))
    assert (
        result.output.count("mkdocs.yml 里没有设置 site_url，打印出来的页面上没有指向网页的二维码")
        == 1
    )
    assert "fz-qr__code" not in (result.site / "letters/jiazhang/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.browser
def test_print_hides_site_chrome_and_writes_out_outside_links(browser, tmp_path):
    project = copy_project(tmp_path / "p")
    edit(
        project / "docs/guides/gongju.md",
        "## 记住两点",
        "参见[国务院网站](https://www.gov.cn/)。\n\n## 记住两点",
    )
    result = build(project)
    assert result.returncode == 0, result.output
    server = Server(result.site)
    try:
        text = flat("".join(pdf_pages(print_pdf(browser, server.url + "guides/gongju/"))))
    finally:
        server.close()
    assert "国务院网站（https://www.gov.cn/）" in text
    for chrome in ("回到页面顶部", "跳转至", "常见诈骗类型按人群学防骗"):
        assert chrome not in text


def test_catalog_lists_every_printable_page_and_a_pack_per_audience_and_band(published):
    site, _ = published
    catalog = catalog_of(site)
    for entry in catalog["pages"]:
        if entry["kind"] in ("letter", "handout", "lesson", "script", "drill", "spot"):
            assert url_to_file(site, entry["print_url"]).is_file()
        if entry["kind"] == "quiz":
            assert url_to_file(site, entry["worksheet_url"]).is_file()
    # Students are served by one pack per age band instead of one for ages 7 to 22.
    assert set(catalog["print_packs"]) == (set(catalog["audiences"]) - {"students"}) | set(
        catalog["bands"]
    )
    for url in catalog["print_packs"].values():
        assert url_to_file(site, url).is_file()


def run_export(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "fangzha.export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.mark.browser
def test_export_writes_a_pdf_for_every_printable_page_and_each_pack(published, tmp_path):
    site, _ = published
    chromium_path()  # fail, not skip, without a browser
    # Exactly the README's command, run in a copy of the project published under a sub-path.
    project = copy_project(tmp_path / "project")
    edit(
        project / "mkdocs.yml",
        "# site_url: https://www.example.cn/fanzha/",
        f"site_url: {SITE_URL}",
    )
    assert ".venv/bin/fangzha-export" in (ROOT / "README.md").read_text(encoding="utf-8")
    command = os.path.join(os.path.dirname(sys.executable), "fangzha-export")
    done = subprocess.run([command], capture_output=True, text=True, cwd=project, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    out = project / "export"
    assert "正在生成站点" in done.stdout
    catalog = catalog_of(site)
    expected = []
    for entry in catalog["pages"]:
        if entry["kind"] in ("letter", "handout", "lesson", "script", "drill", "spot"):
            expected.append((f"{entry['kind']}s/{entry['slug']}.pdf", entry["title"]))
        if entry["kind"] == "lesson":
            expected.append((f"slides/{entry['slug']}.pdf", entry["title"]))
        if entry["kind"] == "quiz":
            expected.append((f"worksheets/{entry['slug']}.pdf", entry["title"]))
            expected.append((f"answers/{entry['slug']}.pdf", entry["title"]))
    expected += [(f"packs/{a.replace('_', '-')}.pdf", None) for a in catalog["print_packs"]]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert written == sorted(path for path, _ in expected)
    for path, title in expected:
        reader = pypdf.PdfReader(out / path)
        text = flat("".join(p.extract_text() for p in reader.pages))
        # Real, searchable text: the radicals Chromium writes for some glyphs were mapped back.
        assert not re.search(r"[\u2e80-\u2fdf]", text), path
        if title and not path.startswith("handouts/"):  # handouts print their pieces, not a title
            assert flat(title.replace("“", "").replace("”", ""))[:8] in text.replace(
                "“", ""
            ).replace("”", ""), path
        if path.startswith("letters/"):
            assert len(reader.pages) == 1 and "示例市第一实验学校" in text
        if path.startswith("worksheets/"):
            assert "正确答案：" not in text
        if path.startswith("answers/"):
            assert "正确答案：" in text
    # A pack holds at least one sheet per piece it lists.
    for group, url in catalog["print_packs"].items():
        html = url_to_file(site, url).read_text(encoding="utf-8")
        pieces = html.count('class="fz-pack-item')
        pdf = out / f"packs/{group.replace('_', '-')}.pdf"
        assert len(pypdf.PdfReader(pdf).pages) >= pieces > 0
    # What a primary class is handed on paper: none of the words README lists for primary.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- words:start -->", 1)[1].split("<!-- words:end -->", 1)[0]
    words = re.findall(r"“([^”]+)”", section)
    assert len(words) > 20
    for band in ("primary-lower", "primary-upper"):
        reader = pypdf.PdfReader(out / f"packs/{band}.pdf")
        text = flat("".join(normalize(page.extract_text()) for page in reader.pages))
        assert len(text) > 2000, band
        assert [w for w in words if w in text] == [], band
    # Slides print as a handout of six to a sheet.
    for entry in catalog["pages"]:
        if entry["kind"] == "lesson":
            deck = url_to_file(site, entry["slides_url"]).read_text(encoding="utf-8")
            slides = deck.count('class="fz-slide ')
            sheets = len(pypdf.PdfReader(out / f"slides/{entry['slug']}.pdf").pages)
            assert sheets == -(-slides // 6), entry["slug"]
    assert f"完成：{len(expected)} 个 PDF" in done.stdout
    assert "[1/" in done.stdout


def test_export_without_a_browser_says_how_to_get_one(tmp_path):
    done = run_export("-o", str(tmp_path / "x"), env={"FANGZHA_CHROMIUM": "/nonexistent/chromium"})
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "fangzha-export：错误：FANGZHA_CHROMIUM 指向的 /nonexistent/chromium 不存在 → "
        "改成 Chromium 或 Chrome 程序的完整路径，或者删掉 FANGZHA_CHROMIUM，让程序自己去找"
    )
    done = run_export(
        "-o", str(tmp_path / "x"), env={"PATH": "/nonexistent", "FANGZHA_CHROMIUM": ""}
    )
    assert done.returncode == 2
    assert (
        "没有找到 Chromium 浏览器，导出 PDF 要用它 → 先安装（Debian/Ubuntu：sudo apt install chromium"
        in (done.stderr)
    )


@pytest.mark.browser
def test_a_printed_worksheet_leads_back_to_the_quiz_to_take_it_on_a_phone(browser, published):
    site, server = published
    quiz = next(p for p in catalog_of(site)["pages"] if p["kind"] == "quiz")
    data = print_pdf(browser, server.url + quiz["worksheet_url"])
    assert decode_qr_codes(data, len(pdf_pages(data)) - 1) == [SITE_URL + quiz["url"]]
    assert "扫码在手机上答题" in flat(pdf_pages(data)[-1])


def test_print_packs_hold_each_piece_as_its_own_page_rendered_it(published):
    site, _ = published
    pack = (site / "print/parents/index.html").read_text(encoding="utf-8")
    letter = (site / "letters/jiazhang/index.html").read_text(encoding="utf-8")
    assert "data-pack-piece" not in pack
    receipt = re.search(
        r'<section aria-label="《致家长的一封信》回执".*?</section>', letter, re.S
    ).group(0)
    assert receipt in pack
    assert pack.count('class="fz-pack-item') == pack.count('<h2 class="fz-pack__title">') >= 5
