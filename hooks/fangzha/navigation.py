"""The sidebar's order, and the reading sequence that 上一页/下一页 follow.

The site has no ``nav:`` in mkdocs.yml: MkDocs lists the folders, and the pages' ``order``
field sorts them. The footer's 上一页/下一页 walk the sidebar as it shows, depth first, and
skip the pages that are no stop on the way: the home page (a landing page, its audience
buttons lead in) and the pages the build generates for printing or projecting (worksheets,
answer keys, print packs, 上课 slides).

Works on MkDocs' navigation objects by what they have (``is_page``, ``is_section``,
``children``, ``file.src_uri``, ``previous_page``/``next_page``); it does not import MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from itertools import pairwise

from .library import Library, sort_key

# The home page's entry in the sidebar: the sidebar's title already reads 防诈课堂.
HOME_LABEL = "首页"

# Every page renders the open section's links: past this many pages that would grow the
# build quadratically. The section's index page lists them all as cards.
SECTION_LIMIT = 60


def order(items: list, library: Library) -> None:
    """Name sections after their index page and sort every level by the pages' ``order``.

    A section's index page comes first among its children, as the sidebar shows it.
    """

    def key(item):
        page = _index_of(item)
        lib = library.pages.get(page.file.src_uri) if page else None
        is_index = bool(page and item.is_page and _is_index(page))
        return (not is_index, sort_key(lib) if lib else (500, getattr(item, "title", "") or ""))

    def visit(items):
        for item in items:
            if item.is_section:
                index = _index_of(item)
                lib = library.pages.get(index.file.src_uri) if index else None
                if lib:
                    item.title = html.escape(lib.title, quote=False)
                visit(item.children)
                item.children.sort(key=key)
                if index and len(item.children) > SECTION_LIMIT:
                    item.children = [index]
        items.sort(key=key)

    visit(items)


def label_home(items: list, library: Library, make_link: Callable[[str, str], object]) -> list:
    """The top level with the home page's entry made a plain link called 首页.

    The sidebar's title is the site's name, which is also the home page's title: the entry
    would repeat it. As a link, the home page is also no page of the reading sequence.
    """
    return [
        make_link(HOME_LABEL, item.url) if item.is_page and _is_home(item, library) else item
        for item in items
    ]


def sidebar_pages(items: Iterable) -> list:
    """The pages in the order the sidebar lists them: depth first, a section's index first."""
    pages = []

    def visit(items):
        for item in items:
            if item.is_page:
                pages.append(item)
            elif item.is_section:
                index = _index_of(item)
                if index is not None:
                    pages.append(index)
                visit(child for child in item.children if child is not index)

    visit(items)
    return pages


def reads_on(page, library: Library) -> bool:
    """Whether the page is a stop of 上一页/下一页.

    Not the home page, not a page the build generated (worksheets, answer keys, print packs
    and their list, slides: none is in the library of written pages), and not a page whose
    front matter hides its footer.
    """
    lib = library.pages.get(page.file.src_uri)
    if lib is None or lib.kind == "home":
        return False
    return "footer" not in (lib.meta.get("hide") or ())


def link_reading_order(items: list, pages: Iterable, library: Library) -> list:
    """Link every page to its neighbours in the reading sequence, and return the sequence.

    ``pages`` are all the site's pages: those out of the sequence (generated, hidden, left out
    of the sidebar) get neither 上一页 nor 下一页, whatever MkDocs linked them to.
    """
    sequence = [page for page in sidebar_pages(items) if reads_on(page, library)]
    for page in pages:
        page.previous_page = page.next_page = None
    for before, after in pairwise(sequence):
        before.next_page = after
        after.previous_page = before
    return sequence


def _is_home(page, library: Library) -> bool:
    lib = library.pages.get(page.file.src_uri)
    return lib is not None and lib.kind == "home"


def _is_index(page) -> bool:
    return page.file.src_uri == "index.md" or page.file.src_uri.endswith("/index.md")


def _index_of(item):
    """The page an item stands for: itself, or a section's index page."""
    if item.is_page:
        return item
    if item.is_section:
        for child in item.children:
            if child.is_page and _is_index(child):
                return child
    return None
