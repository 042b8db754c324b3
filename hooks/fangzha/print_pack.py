"""Printable pieces and the per-audience print packs built from them.

A print pack gathers, for one audience, its letters, handouts and quiz worksheets into one
page that prints in one go, each piece starting on a new sheet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from .library import Library
from .model import AUDIENCES, ContentPage

PACK_DIR = "print"


@dataclass(frozen=True)
class Piece:
    """One printable piece: a letter, a handout or a quiz worksheet."""

    kind: str  # letter | handout | worksheet
    page: ContentPage
    source: str  # the page whose rendered content is printed (a worksheet's own page)


def printable(library: Library) -> list[ContentPage]:
    """Pages that are meant for paper, in reading order."""
    return library.of_kind("letter") + library.of_kind("handout")


def pack_uri(audience: str) -> str:
    """Where an audience's print pack lives: ``print/parents.md``."""
    return f"{PACK_DIR}/{audience}.md"


def pieces_for(audience: str, library: Library, worksheets: Mapping[str, str]) -> list[Piece]:
    """The pieces of one audience's pack: its letters, then handouts, then quiz worksheets.

    ``worksheets`` maps a quiz page to its generated worksheet page.
    """
    out = [Piece(p.kind, p, p.src_uri) for p in printable(library) if audience in p.audiences]
    for page in library.of_kind("quiz"):
        if audience in page.audiences and page.src_uri in worksheets:
            out.append(Piece("worksheet", page, worksheets[page.src_uri]))
    return out


_LABEL = {"letter": "信件", "handout": "宣传品", "worksheet": "练习纸"}


def pack_markdown(audience: str, pieces: list[Piece], org_name: str) -> str:
    """The Markdown of one audience's print pack page.

    Each piece is an empty placeholder: the build fills it with the piece's own rendered
    page (see :func:`fill_pack`), so nothing is converted twice and print and screen agree.
    """
    title = f"{AUDIENCES[audience]}打印包"
    meta = {
        "title": title,
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
        "fangzha_print": "pack",
    }
    contents = "\n".join(
        f"{n}. {_LABEL[p.kind]}：[{p.page.title}](../{p.page.src_uri})"
        for n, p in enumerate(pieces, start=1)
    )
    parts = [
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n",
        '<div class="fz-pack-intro" markdown>\n',
        f"本页汇集了{html.escape(org_name)}给{AUDIENCES[audience]}准备的全部打印材料，"
        "共 %d 份。用浏览器的“打印”（电脑上按 Ctrl+P）可以一次打印全部，每一份都从新的一页开始。\n"
        % len(pieces),
        contents + "\n",
        "</div>\n",
    ]
    for piece in pieces:
        parts.append(
            f'<div class="fz-pack-slot" data-pack-piece="{html.escape(piece.source)}"></div>\n'
        )
    return "\n".join(parts)


_SLOT = re.compile(r'<div class="fz-pack-slot" data-pack-piece="([^"]+)"></div>')


def fill_pack(page_html: str, pieces: Mapping[str, Piece], rendered: Mapping[str, str]) -> str:
    """Put each piece's rendered content into its slot, under its title, on a sheet of its own."""

    def fill(match: re.Match) -> str:
        piece = pieces[html.unescape(match.group(1))]
        handout = (
            f" fz-handout fz-handout--{piece.page.meta['format']}"
            if piece.kind == "handout"
            else ""
        )
        # Several pieces may share heading ids (本周请您做这几件事): keep ids unique per pack.
        prefix = f"{piece.kind}-{piece.page.slug}-"
        content = re.sub(
            r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', rendered[piece.source]
        )
        content = re.sub(r'\bhref="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', content)
        return (
            f'<div class="fz-pack-item fz-pack-item--{piece.kind}{handout}">'
            f'<h2 class="fz-pack__title">{html.escape(piece.page.title)}</h2>'
            f"{content}</div>"
        )

    return _SLOT.sub(fill, page_html)


def index_markdown(packs: Mapping[str, int]) -> str:
    """The page listing every audience's pack."""
    meta = {"title": "打印材料", "search": {"exclude": True}, "fangzha_print": "index"}
    lines = [
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n",
        "按人群整理好的打印包：每个打印包里有这一人群的信件、宣传品和测验练习纸，打开后用浏览器"
        "的“打印”一次打印全部。也可以在每一页单独打印。\n",
    ]
    for audience, count in packs.items():
        lines.append(f"- [{AUDIENCES[audience]}打印包]({audience}.md)：{count} 份材料")
    return "\n".join(lines) + "\n"


# -- slogans: one a line, with its length ---------------------------------------------------

_SLOGAN = re.compile(r"^[-*+]\s+(.+?)\s*$")


def slogan_length(text: str) -> int:
    """Characters a banner or LED screen must show: everything but spaces."""
    return len(re.sub(r"\s+", "", text))


def slogans_table(markdown: str) -> str:
    """Turn each bullet list of slogans into a numbered table with each slogan's length."""
    out, rows = [], []

    def flush() -> None:
        if rows:
            out.append("| 序号 | 标语 | 字数 |\n|---:|---|---:|")
            out.extend(
                f"| {n} | {text} | {slogan_length(text)} |" for n, text in enumerate(rows, start=1)
            )
            out.append("")
            rows.clear()

    for line in markdown.splitlines():
        match = _SLOGAN.match(line)
        if match:
            rows.append(match.group(1))
            continue
        if line.strip() or not rows:
            flush()
            out.append(line)
    flush()
    return "\n".join(out) + "\n"


# -- handouts whose sections are separate printed pieces -------------------------------------

PIECE_FORMATS = ("poster", "cards", "stickers")
_H2 = re.compile(r"^## ", re.M)


def wrap_pieces(markdown: str) -> str:
    """Wrap each ``##`` section in its own element so print CSS can lay pieces out on sheets.

    The text before the first section is the on-screen introduction.
    """
    starts = [m.start() for m in _H2.finditer(markdown)]
    if not starts:
        return markdown
    intro = markdown[: starts[0]].strip()
    pieces = [
        markdown[a:b].strip() for a, b in zip(starts, starts[1:] + [len(markdown)], strict=True)
    ]
    out = []
    if intro:
        out.append(f'<div class="fz-handout-intro" markdown>\n\n{intro}\n\n</div>\n')
    out.append('<div class="fz-pieces" markdown>\n')
    out.extend(
        f'<section class="fz-piece" markdown>\n\n{piece}\n\n</section>\n' for piece in pieces
    )
    out.append("</div>\n")
    return "\n".join(out)


def wrap_intro(markdown: str) -> str:
    """Mark the text before the first section as the on-screen introduction (not printed)."""
    first = _H2.search(markdown)
    if not first or not markdown[: first.start()].strip():
        return markdown
    intro = markdown[: first.start()].strip()
    return (
        f'<div class="fz-handout-intro" markdown>\n\n{intro}\n\n</div>\n\n'
        + markdown[first.start() :]
    )


def prepare_handout(markdown: str, handout_format: str) -> str:
    """The Markdown steps a handout's format needs before rendering."""
    if handout_format in PIECE_FORMATS:
        return wrap_pieces(markdown)
    if handout_format == "slogans":
        markdown = slogans_table(markdown)
    return wrap_intro(markdown)
