"""``catalog.json``: a machine-readable index of the site for menus, scripts and tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from . import share
from .library import Library
from .model import AUDIENCE_ENTRY, AUDIENCES, BAND_ENTRY, BANDS, KINDS

CATALOG_VERSION = 1

# Organisation fields that are public anyway (printed on every page footer).
_PUBLIC_ORG = (
    "name",
    "short_name",
    "kind",
    "phone",
    "address",
    "department",
    "police",
    "helplines",
)


def build_catalog(
    library: Library,
    *,
    org: Mapping[str, Any],
    site_name: str,
    site_url: str | None,
    url_of: Callable[[str], str],
    extra: Callable[[Any], Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Describe every listed page and the organisation.

    ``url_of`` maps a source path to its site-relative URL (it differs between
    the online and the offline build); ``extra`` adds kind-specific fields.
    """
    pages = []
    for page in library.listed():
        entry: dict[str, Any] = {
            "slug": page.slug,
            "kind": page.kind,
            "title": page.title,
            "summary": page.summary,
            "url": url_of(page.src_uri),
            "audiences": page.audiences,
            "aliases": page.aliases,
            "reviewed": page.meta["reviewed"].isoformat(),
            "bands": page.bands,
            "min_band": page.min_band,
        }
        if page.kind == "scam":
            entry["category"] = page.meta["category"]
        if page.meta.get("sources"):
            entry["sources"] = page.meta["sources"]
        shares = [b for b in library.blocks.get(page.src_uri, []) if b.name == "share"]
        if shares:
            # The short version for chat groups, as its lines (README 「转发到微信群的短版」).
            entry["share"] = share.parse(shares[0].body)[0]
        if extra:
            entry.update(extra(page))
        pages.append(entry)

    def entry_points(labels, entries, landing_of):
        return {
            code: {
                "label": label,
                "entry": entries[code],
                "url": url_of(landing.src_uri) if (landing := landing_of(code)) else None,
            }
            for code, label in labels.items()
        }

    audiences = entry_points(AUDIENCES, AUDIENCE_ENTRY, library.audience_page)
    student_bands = entry_points(BANDS, BAND_ENTRY, library.band_page)
    return {
        "version": CATALOG_VERSION,
        "site": {"name": site_name, "url": site_url or None},
        "org": {k: org[k] for k in _PUBLIC_ORG if k in org},
        "kinds": {k: v.label for k, v in KINDS.items() if v.listed},
        "audiences": audiences,
        "bands": student_bands,
        "pages": pages,
    }


def dump(catalog: Mapping[str, Any]) -> str:
    """Serialise with Chinese kept readable and a stable key order."""
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
