"""上一页/下一页 walk the sidebar as the reader sees it.

The sidebar is read from the built pages: each page shows its own branch open (the rest is
pruned), so the whole sidebar is the union of what the pages show. The home page (a landing
page) and the pages the build makes for printing or projecting are no stops on the way.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import open_page
from fangzha.library import Library
from fangzha.model import ContentPage
from fangzha.navigation import link_reading_order

HOME = "/"


class _Node:
    def __init__(self, pruned: bool = False):
        self.url: str | None = None
        self.title = ""
        self.pruned = pruned
        self.children: list[_Node] = []


class _Page(HTMLParser):
    """What one built page shows: its primary navigation as a tree, and its footer links."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.root = _Node()
        self.stack = [self.root]
        self.primary = 0  # depth of <nav> elements inside the primary navigation
        self.toc = 0  # depth inside the table of contents nested in the active entry
        self.link: _Node | None = None  # the entry whose link text is being read
        self.footer: dict[str, str] = {}
        self.generated = False

    def _resolve(self, href: str) -> str:
        return urlsplit(urljoin("http://site" + self.url, href)).path

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "html" and "fz-deck-page" in classes:
            self.generated = True  # a lesson's 上课 slides
        if (
            tag == "div"
            and "fz-page" in classes
            and any(c.startswith("fz-print-") for c in classes)
        ):
            self.generated = True  # a worksheet, answer key, print pack or their list
        if tag == "a" and classes & {"md-footer__link--prev", "md-footer__link--next"}:
            side = "prev" if "md-footer__link--prev" in classes else "next"
            self.footer[side] = self._resolve(attrs["href"])
        if tag == "nav":
            if self.primary:
                self.primary += 1
                if self.toc or "md-nav--secondary" in classes:
                    self.toc += 1
            elif "md-nav--primary" in classes:
                self.primary = 1
            return
        if not self.primary or self.toc:
            return
        if tag == "li":
            node = _Node(pruned="md-nav__item--pruned" in classes)
            self.stack[-1].children.append(node)
            self.stack.append(node)
        elif tag == "a" and "md-nav__link" in classes and len(self.stack) > 1:
            node = self.stack[-1]
            if node.url is None:
                node.url = self._resolve(attrs["href"])
                self.link = node

    def handle_endtag(self, tag):
        if tag == "nav" and self.primary:
            self.primary -= 1
            if self.toc:
                self.toc -= 1
        elif self.primary and not self.toc:
            if tag == "li":
                self.stack.pop()
            elif tag == "a":
                self.link = None

    def handle_data(self, data):
        if self.link is not None:
            self.link.title += data.strip()


def _url_of(site: Path, path: Path) -> str:
    folder = path.parent.relative_to(site).as_posix()
    return HOME if folder == "." else f"/{folder}/"


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, _Page]:
    """Every built page, by its address."""
    found = {}
    for path in sorted(built_site.rglob("index.html")):
        if path.parent.relative_to(built_site).parts[:1] in (("assets",), ("search",)):
            continue
        page = _Page(_url_of(built_site, path))
        page.feed(path.read_text(encoding="utf-8"))
        found[page.url] = page
    return found


def _sidebar(pages: dict[str, _Page]) -> tuple[list[str], dict[str, str]]:
    """The whole sidebar, depth first, as addresses; and each address's title in it."""
    # Every page with a sidebar lists the same top level; the home page may hide its own.
    top: list[_Node] = next(p.root.children for p in pages.values() if p.root.children)
    children: dict[str, list[_Node]] = {}
    titles: dict[str, str] = {}
    for page in pages.values():
        stack = list(page.root.children)
        while stack:
            node = stack.pop()
            if node.url and node.title:
                titles.setdefault(node.url, node.title)
            if node.url and node.children and not node.pruned:
                children.setdefault(node.url, [n for n in node.children if n.url])
            stack.extend(node.children)
    order: list[str] = []

    def visit(nodes):
        for node in nodes:
            if node.url and node.url not in order:
                order.append(node.url)
                visit(children.get(node.url, []))

    visit(top)
    return order, titles


@pytest.fixture(scope="module")
def sidebar(pages):
    return _sidebar(pages)


def _generated(pages) -> set[str]:
    return {url for url, page in pages.items() if page.generated}


def test_previous_and_next_follow_the_sidebar(pages, sidebar):
    order, titles = sidebar
    generated = _generated(pages)
    sequence = [url for url in order if url != HOME and url not in generated]
    # The sidebar was read whole: every page an author wrote is on the way.
    written = {url for url in pages if url != HOME and url not in generated}
    assert written - set(sequence) == set(), "written pages the sidebar does not reach"
    assert {"/scams/", "/scams/shuadan/", "/letters/jiazhang/", "/quizzes/"} <= set(sequence)

    def name(url):
        return f"{titles.get(url, '')} ({url})" if url else "—"

    wrong = []
    for i, url in enumerate(sequence):
        expected = {
            "prev": sequence[i - 1] if i > 0 else None,
            "next": sequence[i + 1] if i + 1 < len(sequence) else None,
        }
        shown = pages[url].footer
        for side, label in (("prev", "上一页"), ("next", "下一页")):
            if shown.get(side) != expected[side]:
                wrong.append(
                    f"{name(url)} 的{label}是 {name(shown.get(side))}，按侧栏应为 {name(expected[side])}"
                )
    assert not wrong, "\n".join(wrong)


def test_no_printable_page_is_a_step_of_the_reading_order(pages):
    generated = _generated(pages)
    assert {u for u in generated if u.endswith("-worksheet/")}, "worksheets were not recognised"
    assert {u for u in generated if u.endswith("-answers/")}, "answer keys were not recognised"
    assert {u for u in generated if u.startswith("/print/")}, "print packs were not recognised"
    leads = [
        f"{url} → {target}"
        for url, page in pages.items()
        for target in page.footer.values()
        if target in generated
    ]
    assert not leads, "上一页/下一页 lead to a printable page:\n" + "\n".join(leads)
    # Printable pages stand alone: no 上一页/下一页 of their own either.
    assert not {url: pages[url].footer for url in generated if pages[url].footer}


def test_home_page_has_no_previous_or_next(pages):
    assert pages[HOME].footer == {}


def test_desktop_sidebar_names_the_site_once(browser, server, watch):
    page = open_page(browser, watch, viewport={"width": 1400, "height": 900})
    try:
        page.goto(server.url + "scams/shuadan/")
        sidebar = page.locator(".md-sidebar--primary")
        assert sidebar.is_visible()
        lines = [line.strip() for line in sidebar.inner_text().splitlines() if line.strip()]
        assert lines.count("防诈课堂") == 1, lines[:5]
        # The home page is still one click away, under its own name.
        home = sidebar.get_by_role("link", name="首页")
        home.click()
        page.wait_for_url(server.url)
        watch.assert_clean()
    finally:
        page.context.close()


class _Item:
    """A stand-in for MkDocs' navigation objects: what ``fangzha.navigation`` reads of them."""

    def __init__(self, src_uri=None, children=None):
        self.is_section = children is not None
        self.is_page = not self.is_section
        self.children = children or []
        self.file = type("File", (), {"src_uri": src_uri})()
        self.previous_page = self.next_page = "MkDocs' guess"

    def __repr__(self):
        return self.file.src_uri or "section"


def test_reading_order_skips_home_generated_and_footerless_pages_in_sidebar_order():
    def written(src_uri, kind="scam", **meta):
        return ContentPage(src_uri, kind, src_uri, {"title": src_uri, **meta}, "", 1)

    library = Library(
        pages={
            p.src_uri: p
            for p in (
                written("index.md", kind="home"),
                written("scams/index.md", kind="index"),
                written("scams/a.md"),
                written("scams/b.md", hide=["footer"]),
                written("scams/c.md"),
                written("scams/left-out.md"),
                written("guides/index.md", kind="index"),
            )
        }
    )
    home, a, b, c = (_Item(u) for u in ("index.md", "scams/a.md", "scams/b.md", "scams/c.md"))
    index, worksheet = _Item("scams/index.md"), _Item("quizzes/q-worksheet.md")
    guides, left_out = _Item("guides/index.md"), _Item("scams/left-out.md")
    # A section's index page heads it in the sidebar wherever MkDocs put it among the children.
    items = [home, _Item(children=[a, index, worksheet, b, c]), _Item(children=[guides])]
    everything = [home, a, b, c, index, worksheet, guides, left_out]

    assert link_reading_order(items, everything, library) == [index, a, c, guides]
    assert (index.previous_page, index.next_page) == (None, a)
    assert (a.previous_page, a.next_page) == (index, c)
    assert (c.previous_page, c.next_page) == (a, guides)
    assert (guides.previous_page, guides.next_page) == (c, None)
    for page in (home, b, worksheet, left_out):
        assert (page.previous_page, page.next_page) == (None, None), page
