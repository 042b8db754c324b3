"""Hook: tune Material's search — its worker's query segmentation and its index (see fangzha.search)."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from fangzha.search import fix_query_segmentation, tune_index

_OFFLINE_PREFIX = "var __index = "


@event_priority(
    -50
)  # after the search plugin writes the index (0), before offline inlines it (-100)
def on_post_build(config):
    """Patch the search worker the build copied from the theme, and tune the index it wrote."""
    site = Path(config.site_dir)
    workers = sorted(site.glob("assets/javascripts/workers/search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in the site, found {len(workers)}")
    worker = workers[0]
    try:
        fixed = fix_query_segmentation(worker.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    worker.write_text(fixed, encoding="utf-8")
    index = site / "search/search_index.json"
    if index.is_file():
        tuned = tune_index(json.loads(index.read_text(encoding="utf-8")))
        index.write_text(
            json.dumps(tuned, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    # The offline build inlines the index into a script; tune that copy too if it exists already.
    inlined = site / "search/search_index.js"
    if inlined.is_file():
        text = inlined.read_text(encoding="utf-8")
        if text.startswith(_OFFLINE_PREFIX):
            tuned = tune_index(json.loads(text[len(_OFFLINE_PREFIX) :]))
            inlined.write_text(
                _OFFLINE_PREFIX + json.dumps(tuned, ensure_ascii=False), encoding="utf-8"
            )
