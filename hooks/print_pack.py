"""Hook: QR codes on printed pages, handout layouts, slogan lengths and per-audience print packs."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File

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
from fangzha.qr import absolute_url, qr_svg, readable

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
        markdown = pack_markdown(group, pieces, config.extra["org"]["name"])
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
    """Lay out handouts: slogans get their lengths, posters and cards become pieces."""
    lib = state(config)["library"].pages.get(page.file.src_uri)
    if lib and lib.kind == "handout":
        return prepare_handout(markdown, lib.meta["format"])
    return markdown


def on_page_content(html, page, config, files):
    """Draw QR codes: for links marked fz-qr, and one for the page itself on paper."""
    site_url = config.site_url or ""
    page_url = page.url

    def link_qr(match):
        attrs, text = match.group(1), match.group(2)
        href = _HREF.search(attrs)
        target = absolute_url(site_url, page_url, href.group(1) if href else "")
        link = match.group(0)
        if not target:
            return link
        svg = qr_svg(target, label=f"二维码：{re.sub(r'<[^>]+>', '', text)}")
        return (
            f'<span class="fz-qr">{link}<span class="fz-qr__code">{svg}'
            f'<span class="fz-qr__url">{readable(target)}</span></span></span>'
        )

    html = _QR_LINK.sub(link_qr, html)
    html = _page_qr(html, page, config)
    site = state(config)
    if any(page.file.src_uri in pieces for pieces in site["pack_pieces"].values()):
        site["piece_html"][page.file.src_uri] = html
        html = mark_piece(html)
    return html


def _page_qr(html, page, config):
    """Add the printed QR code back to the live page (a worksheet's leads to its quiz)."""
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
    target = absolute_url(site_url, page_url)
    if not target:
        return html
    org = config.extra["org"]
    template = config.theme.get_env().get_template("partials/fz-page-qr.html")
    label = "扫码在手机上答题" if derived and derived[1] == "worksheet" else "扫码在手机上阅读本页"
    block = template.module.page_qr(
        qr_svg(target, label="本页网址的二维码"), readable(target), org, label
    )
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
