"""QR codes for printed pages, drawn at build time as inline SVG (nothing fetched)."""

from __future__ import annotations

import html
import io
from urllib.parse import urljoin, urlsplit

import segno


def qr_svg(url: str, *, label: str) -> str:
    """An SVG QR code for ``url``, scalable by CSS, with ``label`` as its accessible name."""
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
