"""QR codes for printed pages, drawn at build time as inline SVG (nothing fetched).

Without a site_url there is no address to encode: paper then names the website and the
page's path inside it, and never asks the reader to scan anything.
"""

from __future__ import annotations

import functools
import html
import io
from urllib.parse import urljoin, urlsplit

import segno


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str, *, label: str) -> str:
    """An SVG QR code for ``url``, scalable by CSS, with ``label`` as its accessible name.

    Remembered per process: `mkdocs serve` draws the same codes again after every save.
    """
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=2,
        title=label,
        svgclass="fz-qr__svg",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return out.getvalue().decode("utf-8")


def absolute_url(site_url: str, page_url: str, href: str = "") -> str | None:
    """The live address a relative link on a page points to, or None without a site_url."""
    if not site_url:
        return None
    base = urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)
    target = urljoin(base, href) if href else base
    parts = urlsplit(target)
    return parts._replace(fragment="").geturl()


def readable(url: str) -> str:
    """The address as printed under a QR code: no scheme, HTML-escaped."""
    return html.escape(url.split("://", 1)[-1])


def site_path(page_url: str, href: str = "") -> str:
    """A link's target as a path inside the site (``scams/shuadan/``), for pages without a QR."""
    target = urlsplit(urljoin("http://site/" + page_url, href))
    return target.path.lstrip("/")


def short_path(page_url: str, href: str = "") -> str:
    """The tail of the address printed when there is no site_url: ``…/scams/shuadan/``."""
    return html.escape("…/" + site_path(page_url, href))


def site_label(short_name: str, site_name: str) -> str:
    """How paper names the website: 实验学校“防诈课堂”网站."""
    if short_name in site_name:
        return f"“{site_name}”网站"
    return f"{short_name}“{site_name}”网站"
