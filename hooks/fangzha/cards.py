"""Card lists built from front matter, so nobody maintains a list of pages by hand."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from . import bands
from .library import Library
from .markers import Marker
from .model import (
    AUDIENCE_ENTRY,
    AUDIENCES,
    BAND_ENTRY,
    BANDS,
    KINDS,
    LISTING_ORDER,
    SCRIPT_TYPES,
    ContentPage,
)
from .problems import Problem
from .quiz_html import card_check_form
from .scripts import clock

# A page's address as seen from the page being written (its path in docs/ → href).
Link = Callable[[str], str]


def relative_link(target: str, current: str) -> str:
    """The Markdown link from one source file to another, both relative to ``docs/``."""
    return posixpath.relpath(target, posixpath.dirname(current) or ".")


def select(library: Library, args: dict[str, str], current: str = "") -> list[ContentPage]:
    """Listed pages matching a marker's filters, in reading order.

    On a page for young students, pages marked too old for them are never listed.
    """
    pages = library.listed()
    here = library.pages.get(current)
    youngest = bands.youngest(here) if here else None
    if youngest:
        pages = [p for p in pages if not bands.too_old_for(p, youngest)]
    if "band" in args:
        pages = [p for p in pages if bands.suits(p, args["band"])]
    if "kind" in args:
        pages = [p for p in pages if p.kind == args["kind"]]
    if "audience" in args:
        pages = [p for p in pages if args["audience"] in p.audiences]
    if "category" in args:
        pages = [p for p in pages if p.meta.get("category") == args["category"]]
    return pages


def card_meta(page: ContentPage) -> str:
    """What a card says under its summary: the kind, and whom (or which ages) it is for."""
    if page.kind == "lesson":
        band = page.meta["band"]
        who = BANDS.get(band, "家长会")
        return f"{KINDS['lesson'].label} · {who} · {page.meta['duration'] // 60} 分钟"
    labels = []
    for audience in page.audiences:
        label = AUDIENCES[audience]
        if audience == "students" and page.bands:
            first, last = BANDS[page.bands[0]], BANDS[page.bands[-1]]
            label += f"（{first}）" if first == last else f"（{first}至{last}）"
        labels.append(label)
    meta = KINDS[page.kind].label
    if page.kind == "script":
        meta += f" · {SCRIPT_TYPES[page.meta['script_type']]} · {clock(page.meta['duration'])}"
    return meta + (f" · 适合{'、'.join(labels)}" if labels else "")


def card(page: ContentPage, current: str) -> str:
    """One card: linked title, summary, and who it is for."""
    meta = card_meta(page)
    return (
        f"-   [{markdown_text(page.title)}]({relative_link(page.src_uri, current)})\n\n"
        f"    {markdown_text(page.summary)}\n\n"
        f'    <span class="fz-card__meta">{meta}</span>\n'
    )


def markdown_text(text: str) -> str:
    """An author's one-line text placed into Markdown, shown exactly as written."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", escaped)


def card_list(pages: list[ContentPage], current: str, link: Link | None = None) -> str:
    """A block of cards; ``md_in_html`` lets Markdown links inside be checked and rewritten.

    With ``link`` (a page's address as seen from this page), the block is the HTML that
    Markdown would make of it: the build knows every address, and an index page's long lists
    need not go through Markdown again after every save under `mkdocs serve`.
    """
    if link is not None:
        items = "".join(
            "<li>\n"
            f'<p><a href="{html.escape(link(p.src_uri))}">{html.escape(p.title, quote=False)}</a></p>\n'
            f"<p>{html.escape(p.summary, quote=False)}</p>\n"
            f'<p><span class="fz-card__meta">{card_meta(p)}</span></p>\n'
            "</li>\n"
            for p in pages
        )
        return f'<div class="fz-cards">\n<ul>\n{items}</ul>\n</div>\n'
    cards = "\n".join(card(p, current) for p in pages)
    return f'<div class="fz-cards" markdown>\n\n{cards}\n</div>\n'


def _entries(
    classes: str, items: list[tuple[str, str, str | None]], current: str, link: Link | None
) -> str:
    """Big entry links (人群、年级): (label, target page, the text under it or None)."""
    if link is not None:
        body = "".join(
            "<li>\n"
            f'<p><a href="{html.escape(link(target))}">{html.escape(label, quote=False)}</a></p>\n'
            + (f"<p>{html.escape(text, quote=False)}</p>\n" if text is not None else "")
            + "</li>\n"
            for label, target, text in items
        )
        return f'<div class="{classes}">\n<ul>\n{body}</ul>\n</div>\n'
    entries = "\n".join(
        f"-   [{label}]({relative_link(target, current)})\n"
        + (f"\n    {text}\n" if text is not None else "")
        for label, target, text in items
    )
    return f'<div class="{classes}" markdown>\n\n{entries}\n</div>\n'


def render_marker(
    library: Library,
    marker: Marker,
    current: str,
    where: str,
    quizzes: list | None = None,
    link: Link | None = None,
) -> tuple[str, list[Problem]]:
    """Return the Markdown that replaces one marker, or the problem it has.

    ``quizzes`` lists (id, title, number of questions) for the card-check form.
    """
    if marker.name == "audiences":
        return _audience_entries(library, current, where, marker.line, link)
    if marker.name == "bands":
        return _band_entries(library, current, where, marker.line, link)
    if marker.name == "card-check":
        if quizzes is not None and not quizzes:
            return "", [
                Problem(
                    where,
                    marker.line,
                    "标记 fangzha:card-check 需要至少一个测验页 → 先写一个 kind: quiz 的页面，或删掉这个标记",
                    "marker 'fangzha:card-check' needs at least one quiz page",
                )
            ]
        return card_check_form(quizzes or []), []
    pages = select(library, marker.args, current)
    if not pages:
        wanted = " ".join(f'{k}="{v}"' for k, v in marker.args.items()) or "(no filter)"
        return "", [
            Problem(
                where,
                marker.line,
                f"标记 fangzha:cards {wanted} 没有列出任何页面 → 检查筛选条件，"
                "或先写好符合条件的页面",
                f"marker 'fangzha:cards {wanted}' lists no pages; "
                "expected at least one page to match",
            )
        ]
    if "kind" in marker.args:
        return card_list(pages, current, link), []
    parts = []
    for kind in LISTING_ORDER:
        group = [p for p in pages if p.kind == kind]
        if group:
            parts.append(f"## {KINDS[kind].label}\n\n{card_list(group, current, link)}")
    return "\n".join(parts), []


def replace_markers(
    body: str,
    library: Library,
    markers: list[Marker],
    current: str,
    where: str,
    quizzes: list | None = None,
    link: Link | None = None,
) -> tuple[str, list[Problem]]:
    """Replace every marker of a page; collect problems instead of stopping at the first.

    ``link`` gives a page's address as seen from this page: lists are then written as HTML.
    """
    problems = []
    for marker in markers:
        markdown, found = render_marker(library, marker, current, where, quizzes, link)
        problems.extend(found)
        body = body.replace(marker.text, markdown, 1)
    return body, problems


def _audience_entries(
    library: Library, current: str, where: str, line: int, link: Link | None = None
) -> tuple[str, list[Problem]]:
    items = []
    for audience, label in AUDIENCE_ENTRY.items():
        page = library.audience_page(audience)
        if page:
            items.append((label, page.src_uri, page.summary))
    if not items:
        return "", [
            Problem(
                where,
                line,
                "标记 fangzha:audiences 没有找到人群导览页 → 写 kind: audience 的页面，或删掉这个标记",
                "marker 'fangzha:audiences' found no audience pages; "
                "expected pages with kind 'audience'",
            )
        ]
    return _entries("fz-entries", items, current, link), []


def _band_entries(
    library: Library, current: str, where: str, line: int, link: Link | None = None
) -> tuple[str, list[Problem]]:
    # Only the grades, not the band pages' summaries: a seven-year-old picks a grade on the same
    # page where the university entry would name loans and sextortion.
    items = []
    for band, label in BAND_ENTRY.items():
        page = library.band_page(band)
        if page:
            items.append((label, page.src_uri, None))
    if not items:
        return "", [
            Problem(
                where,
                line,
                "标记 fangzha:bands 没有找到学段页 → 写 kind: audience、audience: students、"
                f"band: … 的页面，band 可选：{'、'.join(BANDS)}",
                "marker 'fangzha:bands' found no band pages; expected audience pages with a band",
            )
        ]
    return _entries("fz-entries fz-entries--bands", items, current, link), []
