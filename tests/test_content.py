"""The content library's structure: coverage, reachability, links and honesty rules.

These tests check structure, not wording.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from fangzha.model import CATEGORIES, OTHER_CATEGORY
from util import url_to_file

OFFICIAL_2025 = [c for c in CATEGORIES if c != OTHER_CATEGORY]


# Boxes that repeat the page (the short version for chat groups) or name its sources.
ASIDES = ("fz-copy", "fz-sources")


class Links(HTMLParser):
    """Collect links and text inside the page's <article>, and count images.

    The text leaves out the boxes of :data:`ASIDES`: a reader reads the page, not its summary.
    """

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.aside = 0
        self.hrefs, self.text, self.images = [], [], 0
        # Messages quoted in drills and 真还是假 rounds are the scammer's words, not ours.
        self.quoting: list[tuple[str, bool]] = []
        self.quoted: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            classes = set((dict(attrs).get("class") or "").split())
            inside = bool(self.quoting and self.quoting[-1][1])
            self.quoting.append((tag, inside or bool(classes & QUOTED)))
        if tag == "aside" and (
            self.aside or set((dict(attrs).get("class") or "").split()) & set(ASIDES)
        ):
            self.aside += 1
        if tag == "article":
            self.depth += 1
        elif self.depth and tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)
        elif self.depth and tag in ("img", "svg", "picture"):
            self.images += 1

    def handle_endtag(self, tag):
        for i in range(len(self.quoting) - 1, -1, -1):
            if self.quoting[i][0] == tag:
                del self.quoting[i:]
                break
        if tag == "article":
            self.depth -= 1
        elif tag == "aside" and self.aside:
            self.aside -= 1

    def handle_data(self, data):
        if self.depth and not self.aside:
            if self.quoting and self.quoting[-1][1]:
                self.quoted.append(data)
            else:
                self.text.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
QUOTED = {"fz-drill__text", "fz-spot__text", "fz-spot__flags", "fz-spot__key"}


def article(site, url):
    parser = Links()
    parser.feed(url_to_file(site, url).read_text(encoding="utf-8"))
    return parser


def internal_targets(page_url, hrefs):
    """Site-relative URLs of the internal pages linked from a page."""
    out = []
    for href in hrefs:
        parts = urlsplit(urljoin("http://site/" + page_url, href))
        if parts.netloc == "site" and not href.startswith(("#", "tel:", "mailto:")):
            out.append(parts.path.lstrip("/"))
    return out


def pages_of(catalog, kind):
    return [p for p in catalog["pages"] if p["kind"] == kind]


def test_at_least_twenty_nine_scam_pages_covering_the_ten_official_types(catalog):
    scams = pages_of(catalog, "scam")
    assert len(scams) >= 29
    covered = {p["category"] for p in scams}
    assert set(OFFICIAL_2025) <= covered, set(OFFICIAL_2025) - covered


def test_aliases_carry_the_words_people_use(catalog):
    aliases = {a for p in pages_of(catalog, "scam") for a in p["aliases"]}
    for word in [
        "杀猪盘",
        "安全账户",
        "注销校园贷",
        "征信修复",
        "退税",
        "兼职刷单",
        "点赞关注赚钱",
        "百万保障",
        "帮信罪",
    ]:
        assert word in aliases, word


def test_every_scam_page_is_linked_from_an_audience_page(built_site, catalog):
    linked = set()
    for audience in catalog["audiences"].values():
        linked |= set(internal_targets(audience["url"], article(built_site, audience["url"]).hrefs))
    missing = [p["url"] for p in pages_of(catalog, "scam") if p["url"] not in linked]
    assert missing == []


def reachable(site, start, depth):
    """Pages reachable from ``start`` by following links in page content only."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if seen[url] == depth:
            continue
        for target in internal_targets(url, article(site, url).hrefs):
            if target not in seen and url_to_file(site, target).is_file():
                seen[target] = seen[url] + 1
                queue.append(target)
    return seen


def test_guides_and_audience_pages_are_two_taps_from_home(built_site, catalog):
    near = reachable(built_site, "", depth=2)
    wanted = [a["url"] for a in catalog["audiences"].values()]
    wanted += [p["url"] for p in pages_of(catalog, "guide")]
    assert len(pages_of(catalog, "guide")) >= 4
    assert [u for u in wanted if u not in near] == []
    titles = {p["title"] for p in pages_of(catalog, "guide")}
    assert {"遇到诈骗怎么办", "官方反诈工具", "防骗口诀", "反诈关键词"} <= titles


def test_glossary_terms_link_to_pages_that_exist(built_site, catalog):
    glossary = next(p for p in pages_of(catalog, "guide") if p["title"] == "反诈关键词")
    html = url_to_file(built_site, glossary["url"]).read_text(encoding="utf-8")
    # Each term (<dt>) is explained in the <dd> after it, which links the page that covers it.
    entries = re.findall(r"<dt>(.*?)</dt>(.*?)(?=<dt>|</dl>)", html, re.S)
    assert len(entries) >= 25
    for term, explanation in entries:
        hrefs = re.findall(r'href="([^"]+)"', explanation)
        targets = internal_targets(glossary["url"], hrefs)
        assert targets, term
        for target in targets:
            assert url_to_file(built_site, target.split("#")[0]).is_file(), (term, target)


@pytest.fixture(scope="module")
def scam_articles(built_site, catalog):
    return {p["url"]: article(built_site, p["url"]) for p in pages_of(catalog, "scam")}


def test_case_stories_are_marked_as_adapted_composites(scam_articles):
    for url, parsed in scam_articles.items():
        text = "".join(parsed.text)
        assert "根据公开案例改编" in text and "化名" in text, url


def test_no_pictures_on_scam_pages(scam_articles):
    assert {url: a.images for url, a in scam_articles.items() if a.images} == {}


STATISTIC = re.compile(
    r"\d+(?:\.\d+)?\s*%|百分之|同比|环比|占比|\d+\s*亿|\d+(?:\.\d+)?\s*万(?:起|件|人)"
)


def test_no_statistic_without_a_named_source(built_site, catalog):
    for entry in catalog["pages"]:
        text = "".join(article(built_site, entry["url"]).text)
        if STATISTIC.search(text):
            assert entry.get("sources"), (
                f"{entry['url']} states a statistic with no source: {STATISTIC.search(text).group(0)}"
            )


def test_scam_pages_read_in_under_three_minutes(scam_articles):
    # A three-minute read: at most 1,500 Chinese characters of page text, about 500 a minute.
    for url, parsed in scam_articles.items():
        han = len(re.findall(r"[\u4e00-\u9fff]", "".join(parsed.text)))
        assert han <= 1500, f"{url}: {han} characters"


def test_quizzes_number_at_least_seven_with_a_hundred_questions(catalog):
    quizzes = pages_of(catalog, "quiz")
    assert len(quizzes) >= 7
    assert sum(q["questions"] for q in quizzes) >= 100


def test_every_scam_type_is_taught_by_at_least_three_questions():
    from fangzha.quiz_site import MIN_QUESTIONS_PER_SCAM, collect, coverage
    from util import source_library

    library, uris = source_library()
    found, problems = collect(library, uris)
    assert problems == []
    counts = coverage([qp for pages in found.values() for qp in pages], library)
    assert len(counts) >= 20
    assert {uri: n for uri, n in counts.items() if n < MIN_QUESTIONS_PER_SCAM} == {}
