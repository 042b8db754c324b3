"""Hook: QR codes on printed pages, handout layouts, slogan lengths and per-audience print packs."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from fangzha.mkdocs_glue import log, state, stop_on
from fangzha.model import BANDS
from fangzha.print_pack import (
    PACK_AUDIENCES,
    PACK_DIR,
    PIECE_FORMATS,
    band_pieces,
    built_piece,
    fill_pack,
    index_markdown,
    mark_piece,
    pack_markdown,
    pack_uri,
    pieces_for,
    prepare_handout,
)
from fangzha.problems import Problem, say
from fangzha.qr import absolute_url, qr_svg, readable, short_path, site_label, site_path

_QR_LINK = re.compile(r'<a\b(?=[^>]*\bclass="[^"]*\bfz-qr\b)([^>]*)>(.*?)</a>', re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')


def on_config(config):
    """Say once, clearly, when printed pages will have no QR code."""
    if not config.site_url:
        log.info(
            say(
                "mkdocs.yml 里没有设置 site_url，打印出来的页面上没有指向网页的二维码 → "
                "把 site_url 设成网站发布后的网址（见 README「部署」）",
                "site_url is not set in mkdocs.yml: printed pages will have no QR code back to the "
                "live page. Set it to the address where the site is published.",
            )
        )
    return config


def on_files(files, config):
    """Generate one print pack per audience and per students' age band, and the page listing them."""
    site = state(config)
    library = site["library"]
    worksheets = {
        src_uri: quiz_pages[0].worksheet_uri
        for src_uri, quiz_pages in site["quizzes"].items()
        if library.pages[src_uri].kind == "quiz"
    }
    packs = {}
    site["packs"] = {}
    site["pack_pieces"] = {}
    site["piece_html"] = {}
    groups = [(band, band_pieces(band, library, worksheets)) for band in BANDS]
    groups += [(a, pieces_for(a, library, worksheets)) for a in library_audiences(library)]
    for group, pieces in groups:
        if not pieces:
            continue
        uri = pack_uri(group)
        markdown = pack_markdown(group, pieces, config.extra["org"])
        files.append(File.generated(config, uri, content=markdown))
        packs[group] = len(pieces)
        site["packs"][group] = uri
        site["pack_pieces"][uri] = {piece.source: piece for piece in pieces}
    if packs:
        index = f"{PACK_DIR}/index.md"
        files.append(File.generated(config, index, content=index_markdown(packs)))
        site["packs_index"] = index
    return files


def library_audiences(library):
    """Audiences (other than students, who have band packs) that at least one page is for."""
    return [a for a in PACK_AUDIENCES if any(a in p.audiences for p in library.pages.values())]


def on_nav(nav, config, files):
    """Title the generated print section."""
    for item in nav.items:
        if item.is_section and any(
            c.is_page and c.file.src_uri == f"{PACK_DIR}/index.md" for c in item.children
        ):
            item.title = "打印材料"
    return nav


def on_page_markdown(markdown, page, config, files):
    """Lay out handouts: slogans get their lengths, posters and cards become pieces.

    Each poster, card and sticker is handed out alone: it gets the organisation's name above
    and the numbers to call below.
    """
    lib = state(config)["library"].pages.get(page.file.src_uri)
    if lib and lib.kind == "handout":
        marks = _print_marks(config)
        org = config.extra["org"]
        # Raw HTML is not rewritten by MkDocs: the emblem's address is made relative here.
        logo = get_relative_url(org["logo"], page.url) if org.get("logo") else ""
        return prepare_handout(
            markdown,
            lib.meta["format"],
            head=marks.piece_head(org, logo),
            foot=marks.piece_foot(org),
        )
    return markdown


def _print_marks(config):
    """The macros that draw codes, addresses and the organisation's lines on paper."""
    return config.theme.get_env().get_template("partials/fz-page-qr.html").module


def on_page_content(html, page, config, files):
    """Draw QR codes: for links marked fz-qr, and one for the page itself on paper.

    Without a site_url there is nothing to encode: paper names the website and the path of the
    page instead, and does not ask anyone to scan.
    """
    site_url = config.site_url or ""
    page_url = page.url
    site = state(config)
    marks = _print_marks(config)
    label = site_label(config.extra["org"]["short_name"], config.site_name)

    def link_qr(match):
        attrs, text = match.group(1), match.group(2)
        href = _HREF.search(attrs)
        href = href.group(1) if href else ""
        topic = _linked_title(site, site_path(page_url, href)) or re.sub(r"<[^>]+>", "", text)
        # A link to another website has its own address, with or without a site_url.
        target = href if urlsplit(href).scheme in ("http", "https") else None
        target = target or absolute_url(site_url, page_url, href)
        if not target:
            return marks.link_code(match.group(0), "", short_path(page_url, href), topic, label)
        svg = qr_svg(target, label=f"二维码：{topic}")
        return marks.link_code(match.group(0), svg, readable(target), topic, label)

    html = _QR_LINK.sub(link_qr, html)
    html = _page_qr(html, page, config)
    if any(page.file.src_uri in pieces for pieces in site["pack_pieces"].values()):
        site["piece_html"][page.file.src_uri] = html
        html = mark_piece(html)
    return html


def _linked_title(site, path: str) -> str | None:
    """The title of the page at a path inside the site, if it is one of the content pages."""
    for src_uri, url in site["files"].items():
        if url == path:
            page = site["library"].pages.get(src_uri)
            return page.title if page else None
    return None


def _page_qr(html, page, config):
    """Add the printed QR code back to the live page (a worksheet's leads to its quiz).

    Without a site_url the page's path inside the site takes the code's place. Either way the
    page ends with who made it and whom to call.
    """
    site_url = config.site_url or ""
    page_url = page.url
    derived = state(config).get("derived", {}).get(page.file.src_uri)
    if derived and derived[1] == "worksheet":
        page_url = state(config)["files"][derived[0]]
    lib = state(config)["library"].pages.get(page.file.src_uri)
    has_own_codes = (
        lib is not None and lib.kind == "handout" and lib.meta["format"] in PIECE_FORMATS
    )
    if page.meta.get("fangzha_print") in ("pack", "slides") or has_own_codes:
        return html
    org = config.extra["org"]
    marks = _print_marks(config)
    quiz = derived and derived[1] == "worksheet"
    target = absolute_url(site_url, page_url)
    form = lib is not None and lib.kind == "handout" and lib.meta["format"] == "sheet"
    if form or 'class="fz-qr' in html:
        # A form fills its sheet, and a page with codes to the pages it is about needs no
        # second one to itself: only who made it and whom to call, so the sheet stays one.
        block = marks.page_qr("", "", org, "")
    elif target:
        label = "扫码在手机上答题" if quiz else "扫码在手机上阅读本页"
        block = marks.page_qr(
            qr_svg(target, label="本页网址的二维码"), readable(target), org, label
        )
    else:
        website = site_label(org["short_name"], config.site_name)
        label = f"在手机上{'答题' if quiz else '阅读本页'}：打开{website}"
        block = marks.page_qr("", "网址：" + short_path(page_url), org, label)
    marker = '<div class="fz-receipt-block">'
    if marker in html:
        return html.replace(marker, block + marker, 1)
    return html + block


def on_page_context(context, page, config, nav):
    """Tell the template which print layout a page uses."""
    lib = state(config)["library"].pages.get(page.file.src_uri)
    classes = []
    if lib is not None:
        classes.append(f"fz-kind-{lib.kind}")
        if lib.kind == "handout":
            classes.append(f"fz-handout fz-handout--{lib.meta['format']}")
    elif page.meta.get("fangzha_print"):
        classes.append(f"fz-print-{page.meta['fangzha_print']}")
    context["fangzha_classes"] = " ".join(classes)
    return context


def on_post_build(config):
    """Fill each print pack with its pieces, as their own pages rendered them."""
    site = state(config)
    rendered = site["piece_html"]
    problems = []
    for uri, pieces in site.get("pack_pieces", {}).items():
        for source in pieces:
            if source in rendered:
                continue
            # A --dirty build did not render this page again: take it from its built page.
            content = built_piece(_built(config, site["files"][source]).read_text(encoding="utf-8"))
            if content is None:
                problems.append(
                    Problem(
                        source,
                        None,
                        "用 --dirty 生成时，找不到这一页上次生成的内容，打印包没法补全 → "
                        "去掉 --dirty，完整生成一次",
                        "a --dirty build found no earlier output of this page to fill the "
                        "print packs; build once without --dirty",
                    )
                )
            else:
                rendered[source] = content
        if problems:
            continue
        url = site["files"][uri]
        path = _built(config, url)
        path.write_text(
            fill_pack(path.read_text(encoding="utf-8"), pieces, rendered, site["files"], url),
            encoding="utf-8",
        )
    stop_on(problems, "打印包", "the print packs")


def _built(config, url: str) -> Path:
    """The file a page's URL was written to."""
    return Path(config.site_dir) / (url + "index.html" if url.endswith("/") else url)
