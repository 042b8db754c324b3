"""The few things every MkDocs adapter in ``hooks/`` shares.

This is the only module of the package that imports MkDocs; the hooks import
it, the core modules never do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError

from .problems import Problem

# Under "mkdocs.plugins.*" so that warnings count under --strict.
log = logging.getLogger("mkdocs.plugins.fangzha")

STATE_KEY = "fangzha"


def stop_on(problems: Iterable[Problem], what: str) -> None:
    """Log each problem on its own line and stop the build if there were any."""
    problems = list(problems)
    if not problems:
        return
    for problem in problems:
        log.error(str(problem))
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    raise PluginError(f"Stopped: {count} in {what}, listed above.")


def state(config) -> dict:
    """Per-build state shared by the hooks (a fresh config per build, so no leaks)."""
    if STATE_KEY not in config:
        config[STATE_KEY] = {}
    return config[STATE_KEY]


def docs_prefix(config) -> str:
    """How problems name the docs folder: relative to mkdocs.yml, as authors see it."""
    cached = state(config).get("docs_prefix")
    if cached:
        return cached
    state(config)["docs_prefix"] = _docs_prefix(config)
    return state(config)["docs_prefix"]


def _docs_prefix(config) -> str:
    docs = Path(config.docs_dir)
    base = Path(config.config_file_path or ".").resolve().parent
    try:
        return docs.resolve().relative_to(base).as_posix()
    except ValueError:
        return docs.as_posix()


def drop_pages(nav, uris: set[str]) -> None:
    """Take generated pages out of the navigation and out of the 上一页/下一页 sequence."""

    def prune(items):
        kept = [i for i in items if not (i.is_page and i.file.src_uri in uris)]
        for item in kept:
            if item.is_section:
                item.children = prune(item.children)
        return kept

    nav.items = prune(nav.items)
    relink(nav)


def relink(nav) -> None:
    """Make 上一页/下一页 follow the navigation as it now stands (the sidebar's order).

    MkDocs links each page to its neighbours before ``on_nav`` runs, so a hook that sorts or
    prunes the navigation must link them again.
    """
    pages = []

    def visit(items):
        for item in items:
            if item.is_page:
                pages.append(item)
            elif item.is_section:
                visit(item.children)

    visit(nav.items)
    nav.pages = pages
    for before, after in zip([None, *pages], [*pages, None], strict=True):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
