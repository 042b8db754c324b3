"""Printable pieces and the print packs built from them: one per audience, one per age band.

A print pack gathers, for one audience, its letters, handouts and quiz worksheets into one
page that prints in one go, each piece starting on a new sheet. Students get a pack per age
band instead (小学 1–3 年级 …): its lesson plans, letters, speeches and broadcasts, handouts
and worksheets, only those that suit the band.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import yaml

from . import bands
from .cards import markdown_text
from .library import Library
from .model import AUDIENCES, BANDS, ContentPage

PACK_DIR = "print"


@dataclass(frozen=True)
class Piece:
    """One printable piece: a letter, a handout or a quiz worksheet."""

    kind: str  # lesson | letter | script | handout | worksheet
    page: ContentPage
    source: str  # the page whose rendered content is printed (a worksheet's own page)


def printable(library: Library) -> list[ContentPage]:
    """Pages that are meant for paper, in reading order."""
    return library.of_kind("letter") + library.of_kind("handout")


def pack_uri(group: str) -> str:
    """Where an audience's or a band's pack lives: ``print/parents.md``, ``print/primary-lower.md``."""
    return f"{PACK_DIR}/{group.replace('_', '-')}.md"


def pack_title(group: str) -> str:
    """家长打印包, 小学 1–3 年级打印包."""
    return f"{AUDIENCES.get(group) or BANDS[group]}打印包"


# Students are served by the band packs: one pack for ages 7 to 22 would put the university
# worksheet in front of a primary class.
PACK_AUDIENCES = tuple(a for a in AUDIENCES if a != "students")


def pieces_for(audience: str, library: Library, worksheets: Mapping[str, str]) -> list[Piece]:
    """The pieces of one audience's pack: its letters, then handouts, then quiz worksheets.

    ``worksheets`` maps a quiz page to its generated worksheet page.
    """
    out = [Piece(p.kind, p, p.src_uri) for p in printable(library) if audience in p.audiences]
    for page in library.of_kind("quiz"):
        if audience in page.audiences and page.src_uri in worksheets:
            out.append(Piece("worksheet", page, worksheets[page.src_uri]))
    return out


def band_pieces(band: str, library: Library, worksheets: Mapping[str, str]) -> list[Piece]:
    """A band's pack: lesson plans, letters, speeches and broadcasts, handouts, worksheets."""
    out = []
    for kind in ("lesson", "letter", "script", "handout"):
        out += [Piece(kind, p, p.src_uri) for p in library.of_kind(kind) if bands.suits(p, band)]
    for page in library.of_kind("quiz"):
        if bands.suits(page, band) and page.src_uri in worksheets:
            out.append(Piece("worksheet", page, worksheets[page.src_uri]))
    return out


_LABEL = {
    "lesson": "班会教案",
    "letter": "信件",
    "script": "讲话与广播稿",
    "handout": "宣传品",
    "worksheet": "练习纸",
}


def pack_markdown(group: str, pieces: list[Piece], org: Mapping) -> str:
    """The Markdown of one audience's print pack page.

    Its first printed sheet is a cover: the title, who made the pack, its contents and the
    numbers to call. Each piece is an empty placeholder: the build fills it with the piece's
    own rendered page (see :func:`fill_pack`), so nothing is converted twice and print and
    screen agree.
    """
    title = pack_title(group)
    reader = AUDIENCES.get(group) or f"{BANDS[group]}的同学"
    who = f"写给{AUDIENCES[group]}" if group in AUDIENCES else f"{BANDS[group]}适用"
    meta = {
        "title": title,
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
        "fangzha_print": "pack",
    }
    name = html.escape(org["name"])
    maker = name + (f"（{html.escape(org['department'])}）" if org.get("department") else "")
    calls = " · ".join(
        f"{html.escape(line['name'])} <strong>{html.escape(line['number'])}</strong>"
        for line in org["helplines"]
    )
    contents = "\n".join(
        f'{n}. <span class="fz-pack-cover__kind">{_LABEL[p.kind]}</span>'
        f"[{markdown_text(p.page.title)}](../{p.page.src_uri})"
        for n, p in enumerate(pieces, start=1)
    )
    parts = [
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n",
        '<div class="fz-pack-intro" markdown>\n',
        f"本页汇集了{name}给{reader}准备的全部打印材料。用浏览器的“打印”（电脑上按 Ctrl+P）"
        "可以一次打印全部：第一页是封面和目录，之后每一份都从新的一页开始。\n",
        "</div>\n",
        '<div class="fz-pack-cover" markdown>\n',
        f'<p class="fz-pack-cover__maker">{maker}　编印</p>\n',
        f'<p class="fz-pack-cover__lead">防范电信网络诈骗材料 · {who} · 共 {len(pieces)} 份</p>\n',
        '<div class="fz-pack-cover__contents" markdown>\n',
        '<p class="fz-pack-cover__heading">目录</p>\n',
        contents + "\n",
        "</div>\n",
        '<div class="fz-pack-cover__foot">\n',
        f"<p>如有疑问，请联系{name}，电话 <strong>{html.escape(org['phone'])}</strong>。</p>\n",
        f"<p>遇到诈骗：{calls}</p>\n",
        "<p>本材料免费发放，不收取任何费用。</p>\n",
        "</div>\n",
        "</div>\n",
    ]
    for piece in pieces:
        parts.append(
            f'<div class="fz-pack-slot" data-pack-piece="{html.escape(piece.source)}"></div>\n'
        )
    return "\n".join(parts)


_SLOT = re.compile(r'<div class="fz-pack-slot" data-pack-piece="([^"]+)"></div>')


def fill_pack(
    page_html: str,
    pieces: Mapping[str, Piece],
    rendered: Mapping[str, str],
    urls: Mapping[str, str],
    pack_url: str,
) -> str:
    """Put each piece's rendered content into its slot, under its title, on a sheet of its own.

    ``urls`` maps a piece's source to its page's URL: links written relative to that page are
    rewritten to work from the pack's address.
    """

    def fill(match: re.Match) -> str:
        piece = pieces[html.unescape(match.group(1))]
        handout = (
            f" fz-handout fz-handout--{piece.page.meta['format']}"
            if piece.kind == "handout"
            else ""
        )
        content = _piece_content(
            f"{piece.kind}-{piece.page.slug}-", rendered[piece.source], urls[piece.source], pack_url
        )
        return (
            f'<div class="fz-pack-item fz-pack-item--{piece.kind}{handout}">'
            f'<h2 class="fz-pack__title">{html.escape(piece.page.title)}</h2>'
            f"{content}</div>"
        )

    return _SLOT.sub(fill, page_html)


_PIECES: dict[tuple[str, str, str, str], str] = {}


def _piece_content(prefix: str, content: str, from_url: str, pack_url: str) -> str:
    """A piece's content with ids unique in the pack and links that work from the pack's address
    (remembered: `mkdocs serve` fills the packs again after every save)."""
    key = (prefix, content, from_url, pack_url)
    if key not in _PIECES:
        if len(_PIECES) > 1024:
            _PIECES.clear()
        # Several pieces may share heading ids (本周请您做这几件事): keep ids unique per pack.
        out = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', content)
        out = re.sub(r'\bhref="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', out)
        _PIECES[key] = rebase_links(out, from_url, pack_url)
    return _PIECES[key]


# Around a pack piece's content in its own built page, so that a ``--dirty`` build, which does
# not render unchanged pages again, can still fill the packs from what the last build wrote.
PIECE_START = "<!-- fangzha:piece -->"
PIECE_END = "<!-- /fangzha:piece -->"


def mark_piece(content: str) -> str:
    """Wrap a pack piece's rendered content in the markers :func:`built_piece` finds."""
    return f"{PIECE_START}{content}{PIECE_END}"


def built_piece(page_html: str) -> str | None:
    """A pack piece's content as an earlier build wrote it into its page, if it is there."""
    start = page_html.find(PIECE_START)
    end = page_html.find(PIECE_END, start)
    if start < 0 or end < 0:
        return None
    return page_html[start + len(PIECE_START) : end]


_RELATIVE = re.compile(r'\b(href|src)="(?![#/]|[a-z][a-z0-9+.-]*:)([^"]+)"')


def rebase_links(page_html: str, from_url: str, to_url: str) -> str:
    """Make the relative links of one page's content work from another page's address."""
    to_dir = posixpath.dirname(urlsplit(urljoin("http://site/", to_url)).path)

    def fix(match: re.Match) -> str:
        target = urlsplit(urljoin("http://site/" + from_url, html.unescape(match.group(2))))
        path = posixpath.relpath(target.path, to_dir)
        if target.path.endswith("/") and not path.endswith("/"):
            path += "/"
        if target.query:
            path += "?" + target.query
        if target.fragment:
            path += "#" + target.fragment
        return f'{match.group(1)}="{html.escape(path)}"'

    return _RELATIVE.sub(fix, page_html)


def index_markdown(packs: Mapping[str, int]) -> str:
    """The page listing every pack: students' by age band first, then the other audiences."""
    meta = {"title": "打印材料", "search": {"exclude": True}, "fangzha_print": "index"}
    lines = [
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n",
        "整理好的打印包：打开后用浏览器的“打印”一次打印全部，每一份从新的一页开始。"
        "也可以在每一页单独打印。\n",
    ]
    band_packs = [g for g in packs if g in BANDS]
    if band_packs:
        lines.append("## 学生（按学段）\n")
        lines.append(
            "每个学段的打印包只收适合这个年龄的材料：班会教案、倡议书、讲话与广播稿、宣传品和测验练习纸。\n"
        )
        for group in band_packs:
            link = posixpath.basename(pack_uri(group))
            lines.append(f"- [{pack_title(group)}]({link})：{packs[group]} 份材料")
        lines.append("")
    others = [g for g in packs if g not in BANDS]
    if others:
        lines.append("## 其他人群\n")
        for group in others:
            link = posixpath.basename(pack_uri(group))
            lines.append(f"- [{pack_title(group)}]({link})：{packs[group]} 份材料")
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


def wrap_pieces(markdown: str, head: str = "", foot: str = "") -> str:
    """Wrap each ``##`` section in its own element so print CSS can lay pieces out on sheets.

    The text before the first section is the on-screen introduction. ``head`` and ``foot``
    (HTML) open and close every piece: a poster or card is handed out alone, so each one says
    who made it and whom to call.
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
    head = f"{head}\n\n" if head else ""
    foot = f"\n\n{foot}" if foot else ""
    out.extend(
        f'<section class="fz-piece" markdown>\n\n{head}{piece}{foot}\n\n</section>\n'
        for piece in pieces
    )
    out.append("</div>\n")
    return "\n".join(out)


def wrap_intro(markdown: str, first: re.Pattern = _H2) -> str:
    """Mark the text before the first section (or ``first`` match) as the on-screen introduction.

    It is not printed: a handout's paper is its pieces, a form handout's its form.
    """
    found = first.search(markdown)
    if not found or not markdown[: found.start()].strip():
        return markdown
    intro = markdown[: found.start()].strip()
    return (
        f'<div class="fz-handout-intro" markdown>\n\n{intro}\n\n</div>\n\n'
        + markdown[found.start() :]
    )


_FIRST_BLOCK = re.compile(r"^ {0,3}/{3,}", re.M)


def prepare_handout(markdown: str, handout_format: str, head: str = "", foot: str = "") -> str:
    """The Markdown steps a handout's format needs before rendering.

    ``head`` and ``foot`` go around each piece of a poster, card or sticker handout.
    """
    if handout_format in PIECE_FORMATS:
        return wrap_pieces(markdown, head, foot)
    if handout_format == "sheet":
        return wrap_intro(markdown, _FIRST_BLOCK)
    if handout_format == "slogans":
        markdown = slogans_table(markdown)
    return wrap_intro(markdown)
