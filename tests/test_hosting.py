"""Hosted anywhere: nginx under a sub-path, file:// from a USB stick, a link pasted into WeChat."""

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import SITE_URL, Watch, open_page, wait_until
from fangzha.publish import source_fingerprint
from util import ROOT, build, copy_project, edit, foreign_resources, html_pages, url_to_file

SUBPATH = "/fanzha/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(published, tmp_path_factory):
    """A real nginx on loopback serving the published site under /fanzha/ with the README's config."""
    site, _ = published
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert shutil.os.path.exists(binary), "nginx not found: apt install nginx-light"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    server = re.search(r"<!-- test:nginx -->\n```nginx\n(.*?)\n```", readme, re.S).group(1)
    port = free_port()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "/var/www/fangzha/site/", f"{site}/"
    )
    prefix = tmp_path_factory.mktemp("nginx")
    temp = "\n".join(
        f"  {name}_temp_path {prefix}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root, nginx workers would drop to "nobody", who cannot read pytest's folders.
    user = "user root;\n" if shutil.os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n{temp}\n{server}\n}}\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(prefix / "nginx.conf"), "-p", str(prefix)], stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}{SUBPATH}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.browser
def test_nginx_under_a_subpath_has_no_broken_link_missing_asset_or_foreign_request(
    browser, nginx, published
):
    site, _ = published
    catalog = __import__("json").loads((site / "catalog.json").read_text(encoding="utf-8"))
    pages = {""} | {p["url"] for p in catalog["pages"]} | set(catalog["print_packs"].values())
    pages |= {a["url"] for a in catalog["audiences"].values() if a["url"]}
    pages |= {p.get("worksheet_url") for p in catalog["pages"] if p.get("worksheet_url")}
    watch = Watch()
    page = open_page(browser, watch)
    links = set()
    for url in sorted(pages):
        page.goto(nginx + url, wait_until="networkidle")
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            absolute = urljoin(nginx + url, href)
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.netloc == urlsplit(nginx).netloc:
                links.add(absolute.split("#")[0])
    page.context.close()
    watch.assert_clean()
    # A missing page at any depth gets the 404 page, styled and scripted, with no broken asset.
    missing = Watch()
    page = open_page(browser, missing)
    page.goto(nginx + "no/such/page/deep/", wait_until="networkidle")
    assert page.locator("article h1").inner_text() == "404 - 找不到页面"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    )
    page.context.close()
    assert missing.failed == [f"{nginx}no/such/page/deep/ (HTTP 404)"]
    assert missing.foreign == [] and missing.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    broken = {link: code for link in sorted(links) if (code := status(link)) != 200}
    assert broken == {}
    assert len(links) > 60


def test_sitemap_and_robots_use_the_published_address(published):
    site, _ = published
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 40 and all(loc.startswith(SITE_URL) for loc in locations)
    for loc in locations:
        assert url_to_file(site, loc[len(SITE_URL) :]).is_file(), loc
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"
    )


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_every_page_has_share_metadata_that_resolves(published):
    site, _ = published
    catalog = __import__("json").loads((site / "catalog.json").read_text(encoding="utf-8"))
    summaries = {p["url"]: p for p in catalog["pages"]}
    for path in html_pages(site):
        if path.parent.name == "download":
            continue
        html = path.read_text(encoding="utf-8")
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        title, description, image = (
            meta(html, "og:title"),
            meta(html, "og:description"),
            meta(html, "og:image"),
        )
        assert title and description and image, url
        assert image.startswith(SITE_URL) and (site / image[len(SITE_URL) :]).is_file(), url
        if url in summaries:
            assert title == summaries[url]["title"] and description == summaries[url]["summary"], (
                url
            )
        if path.name != "404.html":
            assert meta(html, "og:url") == SITE_URL + url, url
        # WeChat's first-image convention: a large image first in the body.
        body = html[html.index("<body") :]
        first = re.search(r'<img [^>]*src="([^"]+)"[^>]*width="(\d+)"', body)
        assert first and int(first.group(2)) >= 300 and first.group(1).endswith("share.png"), url


def test_urls_are_short(catalog):
    for entry in catalog["pages"]:
        assert len(entry["url"]) <= 30 and re.fullmatch(r"[a-z0-9/-]+/", entry["url"]), entry["url"]


@pytest.mark.browser
def test_no_page_kind_scrolls_sideways_at_360_px(browser, server, catalog):
    kinds = {}
    for entry in catalog["pages"]:
        kinds.setdefault(entry["kind"], entry["url"])
    urls = ["", "scams/", "print/parents/", "quizzes/kaokao-bama-worksheet/", "404.html"] + list(
        kinds.values()
    )
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 360, "height": 640})
    for url in urls:
        page.goto(server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url or 'home'} is {width}px wide"
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p, article li')).fontSize)"
        )
        assert size >= 14, f"{url}: body text {size}px needs zooming"
    page.context.close()


@pytest.mark.browser
def test_no_cookies_and_a_content_security_policy_the_site_passes(browser, server, built_site):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for url in ("", "scams/shuadan/", "quizzes/jiazhang/", "letters/jiazhang/"):
        page.goto(server.url + url, wait_until="networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").fill("杀猪盘")
    page.locator("input[data-md-component=search-query]").press("End")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    assert page.context.cookies() == []
    assert violations == []
    page.context.close()
    watch.assert_clean()
    for path in html_pages(built_site):
        assert 'http-equiv="Content-Security-Policy"' in path.read_text(encoding="utf-8"), path


def test_links_to_other_sites_open_safely(built_site):
    for path in html_pages(built_site):
        for tag in re.findall(
            r'<a [^>]*href="https?://[^"]+"[^>]*>', path.read_text(encoding="utf-8")
        ):
            if "fz-external" in tag:
                assert 'rel="noopener noreferrer"' in tag, (path, tag)


# -- the offline package ------------------------------------------------------------------------


def test_offline_build_loads_nothing_from_other_hosts(offline_site):
    assert foreign_resources(offline_site) == {}
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/vendor/iframe-worker/shim.js" in html and "unpkg.com" not in html
    assert (offline_site / "search/search_index.js").is_file()


def test_offline_zip_has_a_readme_and_the_online_site_offers_it(tmp_path):
    project = copy_project(tmp_path / "p")
    result = build(project, config="mkdocs.offline.yml")
    assert result.returncode == 0, result.output
    archive = zipfile.ZipFile(project / "site-offline.zip")
    names = archive.namelist()
    assert "fangzha-offline/README.txt" in names and "fangzha-offline/index.html" in names
    readme = archive.read("fangzha-offline/README.txt").decode("utf-8-sig")
    assert "双击其中的 index.html" in readme and "示例市第一实验学校" in readme
    online = build(project, project / "site")
    assert online.returncode == 0, online.output
    assert (online.site / "download/fangzha-offline.zip").stat().st_size == (
        project / "site-offline.zip"
    ).stat().st_size
    html = (online.site / "scams/shuadan/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a href="\.\./\.\./download/fangzha-offline\.zip" download data-offline-download>下载离线版</a>',
        html,
    )
    # Without an offline build there is no download link.
    plain = build(copy_project(tmp_path / "q"))
    assert "data-offline-download" not in (plain.site / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_offline_site_from_file_urls_navigates_searches_and_runs_a_quiz(browser, offline_site):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.goto((offline_site / "index.html").as_uri())
    page.locator("article").get_by_role("link", name="常见诈骗类型").click()
    page.locator("article .fz-cards").get_by_role("link", name="刷单返利诈骗").click()
    assert page.url.endswith("scams/shuadan.html")
    assert page.locator("article h1").inner_text() == "刷单返利诈骗"
    page.locator("label[for=__search]").first.click()
    box = page.locator("input[data-md-component=search-query]")
    box.fill("安全账户")
    box.press("End")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    page.locator(".md-search-result__link").first.click()
    assert page.url.split("#")[0].split("?")[0].endswith("scams/gongjianfa.html")
    page.goto((offline_site / "quizzes/laonianren.html").as_uri())
    total = int(page.locator("[data-quiz]").get_attribute("data-total"))
    for number in range(1, total + 1):
        question = page.locator(f'[data-question="{number}"]')
        options = question.locator(".fz-option")
        correct = [
            i
            for i in range(options.count())
            if options.nth(i).get_attribute("data-correct") is not None
        ]
        for index in correct:
            question.locator("label").nth(index).click()
        question.locator("[data-quiz-check]").click()
    assert page.locator("[data-quiz-score]").inner_text() == f"{total}/{total}"
    page.context.close()
    watch.assert_clean()  # no failed request (aborted loads of a page left behind excepted)


# -- optional self-hosted analytics -------------------------------------------------------------


def test_analytics_are_off_by_default_and_only_self_hosted_when_on(tmp_path, built_site):
    for path in html_pages(built_site):
        assert '<script defer src="https://' not in path.read_text(encoding="utf-8")
    project = copy_project(tmp_path / "p")
    edit(
        project / "mkdocs.yml",
        "  generator: false\n",
        "  generator: false\n  selfhosted_analytics:\n"
        "    src: https://stats.example-school.cn/script.js\n    attributes:\n      data-website-id: abc-123\n",
    )
    result = build(project)
    assert result.returncode == 0, result.output
    html = (result.site / "index.html").read_text(encoding="utf-8")
    assert (
        '<script defer src="https://stats.example-school.cn/script.js" data-website-id="abc-123"></script>'
        in html
    )
    assert "script-src 'self'" in html and "https://stats.example-school.cn" in meta_csp(html)
    assert "只在实验学校自己的服务器上统计访问次数" in html and "也不做访问统计" not in html
    edit(
        project / "mkdocs.yml",
        "    src: https://stats.example-school.cn/script.js",
        "    src: http://x.cn/s.js",
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        "mkdocs.yml: extra.selfhosted_analytics.src：写成了“http://x.cn/s.js” → 应当写本单位自己服务器上统计脚本的 https:// 地址"
        in result.errors
    )


def test_third_party_analytics_are_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(
        project / "mkdocs.yml",
        "  generator: false\n",
        "  generator: false\n  analytics:\n    provider: google\n    property: G-XXXX\n",
    )
    result = build(project)
    assert result.returncode != 0
    assert result.errors[0].startswith("mkdocs.yml: extra.analytics：设置了第三方统计服务 → 删掉它")


def meta_csp(html):
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)


def test_the_source_fingerprint_does_not_depend_on_how_the_paths_were_given(tmp_path, monkeypatch):
    # `mkdocs build -f mkdocs.offline.yml` (a relative -f) hands the hook relative paths.
    project = copy_project(tmp_path / "p")
    absolute = source_fingerprint(project, project / "docs", project / "overrides")
    monkeypatch.chdir(project)
    assert source_fingerprint(project, Path("docs"), Path("overrides")) == absolute
    assert source_fingerprint(Path("."), Path("docs"), Path("overrides")) == absolute
