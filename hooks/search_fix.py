"""Hook: fix the end-of-query cut in Material's Chinese query segmentation (see fangzha.search)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from fangzha.search import fix_query_segmentation


def on_post_build(config):
    """Patch the search worker the build copied from the theme."""
    workers = sorted(Path(config.site_dir, "assets/javascripts/workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in the site, found {len(workers)}")
    worker = workers[0]
    try:
        fixed = fix_query_segmentation(worker.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    worker.write_text(fixed, encoding="utf-8")
