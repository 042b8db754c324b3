"""A strict build of the real site: what a visitor and a deploy script would find in site/."""

import re

from util import MATERIAL_CONDITIONAL, foreign_resources, html_pages, url_to_file


def text_of(path):
    return path.read_text(encoding="utf-8")


def test_catalog_lists_the_scam_pages_with_urls_that_resolve(built_site, catalog):
    scams = [p for p in catalog["pages"] if p["kind"] == "scam"]
    assert {p["slug"] for p in scams} >= {"shuadan", "gongjianfa"}
    for entry in catalog["pages"]:
        page = url_to_file(built_site, entry["url"])
        assert page.is_file(), f"{entry['url']} does not resolve"
        assert f"<h1>{entry['title']}</h1>" in text_of(page) or entry["title"] in text_of(page)
        assert set(entry) >= {"slug", "kind", "title", "summary", "url", "audiences", "aliases"}


def test_catalog_carries_the_organisation_and_audience_entry_points(built_site, catalog):
    assert catalog["org"]["name"] == "示例市第一实验学校"
    assert [h["number"] for h in catalog["org"]["helplines"]] == ["110", "96110"]
    for code, audience in catalog["audiences"].items():
        assert audience["url"], f"no page for audience {code}"
        assert url_to_file(built_site, audience["url"]).is_file()


def test_no_page_stylesheet_or_script_loads_from_another_host(built_site):
    assert foreign_resources(built_site) == {}


def test_material_conditional_cdn_scripts_are_neutralised(built_site):
    # The vendored ResizeObserver polyfill is loaded by every page before Material's bundle,
    # and no page uses Mermaid, so neither unpkg.com branch in the bundle can run.
    assert MATERIAL_CONDITIONAL
    polyfill = built_site / "assets/vendor/resize-observer-polyfill/ResizeObserver.global.js"
    assert polyfill.is_file()
    for page in html_pages(built_site):
        html = text_of(page)
        if "javascripts/bundle." in html:  # the 上课 (slides) pages do not load Material's bundle
            assert "ResizeObserver.global.js" in html, page
        assert 'class="mermaid"' not in html, page


def test_every_page_names_the_organisation_and_promises_no_money_no_data(built_site):
    for page in html_pages(built_site):
        html = text_of(page)
        if 'class="fz-deck-page"' in html:
            # A lesson's 上课 page is projected in class: each slide names the organisation.
            assert html.count('<span class="fz-slide__org">示例市第一实验学校</span>') >= 5, page
            continue
        assert "data-org-name>实验学校<" in html, page
        assert "本站不收取任何费用，不收集任何个人信息" in html, page
        assert 'href="tel:110"' in html and 'href="tel:96110"' in html, page


def test_no_google_fonts_and_a_cjk_font_stack(built_site):
    for page in html_pages(built_site):
        assert "fonts.googleapis" not in text_of(page)
    css = text_of(built_site / "assets/stylesheets/fangzha.css")
    for family in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Hiragino Sans GB"):
        assert family in css


def test_pages_are_chinese_and_described(built_site):
    html = text_of(built_site / "scams/shuadan/index.html")
    assert '<html lang="zh"' in html
    assert re.search(r'<meta name="description" content="“动动手指就能赚钱”', html)
    assert "<title>刷单返利诈骗 · 防诈课堂 · 实验学校</title>" in html


def test_home_offers_every_audience_entry_and_the_scam_index(built_site):
    html = text_of(built_site / "index.html")
    for label, href in [
        ("我是学生", "audiences/students/"),
        ("我是家长", "audiences/parents/"),
        ("我是老人", "audiences/elderly/"),
        ("我是老师", "audiences/teachers/"),
        ("我是财务人员", "audiences/finance/"),
    ]:
        assert f'<a href="{href}">{label}</a>' in html
    assert '<a href="scams/">常见诈骗类型</a>' in html


def test_index_cards_come_from_front_matter(built_site):
    html = text_of(built_site / "scams/index.html")
    cards = re.findall(r'<li>\s*<p><a href="([^"]+)">([^<]+)</a></p>', html)
    assert ("shuadan/", "刷单返利诈骗") in cards
    assert ("gongjianfa/", "冒充公检法及政府机关诈骗") in cards


def test_navigation_sections_are_named_in_chinese(built_site):
    html = text_of(built_site / "scams/shuadan/index.html")
    nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]
    assert "常见诈骗类型" in nav and "按人群学防骗" in nav
    assert "Scams" not in nav and "Audiences" not in nav


def test_settings_are_filled_into_page_text(built_site):
    assert "<strong>示例市第一实验学校</strong>" in text_of(built_site / "index.html")
    assert "{{" not in text_of(built_site / "index.html")


def test_foreign_resource_scan_catches_loads_and_ignores_links(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="https://www.gov.cn/">link</a><script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css"><link rel="canonical" href="https://a.b/">'
        '<img srcset="/ok.png 1x, https://img.example.com/a.png 2x"><div style="background:url(http://t.cn/p.png)">',
        encoding="utf-8",
    )
    (tmp_path / "b.css").write_text(
        '@import "https://fonts.googleapis.com/css2"; a{b:url(/ok.png)}'
    )
    (tmp_path / "c.js").write_text('load("https://unpkg.com/lib"); // see https://github.com/x/y')
    assert foreign_resources(tmp_path) == {
        "a.html": [
            "<script src=https://cdn.example.com/x.js>",
            "<link href=//fonts.googleapis.com/css>",
            "<img srcset=https://img.example.com/a.png>",
            "http://t.cn/p.png",
        ],
        "b.css": ["https://fonts.googleapis.com/css2"],
        "c.js": ["https://unpkg.com/lib"],
    }


def test_external_links_are_marked_and_open_safely():
    from fangzha.links import mark_external

    html = '<a href="https://www.gov.cn/">政府网</a> <a href="../scams/">内部</a> <a class="x" href="https://site.cn/a/">本站</a>'
    assert mark_external(html, "https://site.cn/") == (
        '<a href="https://www.gov.cn/" class="fz-external" rel="noopener noreferrer">政府网</a> '
        '<a href="../scams/">内部</a> <a class="x" href="https://site.cn/a/">本站</a>'
    )


def test_a_large_section_lists_its_pages_by_cards_not_in_every_pages_navigation(tmp_path):
    from benchmarks.synthetic import add_scam_pages

    from util import build, copy_project

    project = copy_project(tmp_path / "p")
    add_scam_pages(project, 70)
    result = build(project)
    assert result.returncode == 0, result.output
    page = (result.site / "scams/shuadan/index.html").read_text(encoding="utf-8")
    nav = page[page.index("md-nav--primary") : page.index("md-sidebar--secondary")]
    assert "合成诈骗类型第70号" not in nav and "常见诈骗类型" in nav
    index = (result.site / "scams/index.html").read_text(encoding="utf-8")
    assert index.count("合成诈骗类型第") >= 70
