"""Hook: read and validate every page, generate card lists, and order the navigation."""

from __future__ import annotations

import datetime as dt
import html

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link

from fangzha import navigation, templating
from fangzha.cards import replace_markers
from fangzha.library import load_library, read_sources
from fangzha.links import checklist_boxes, mark_external
from fangzha.mkdocs_glue import docs_prefix, log, state, stop_on
from fangzha.readability import stale_pages
from fangzha.search import KIND_BOOST, UNINDEXED_KINDS, alias_tags


def on_files(files, config):
    """Validate all pages before MkDocs reads them; stop with every problem at once."""
    site = state(config)
    pages = [f.src_uri for f in files.documentation_pages() if f.abs_src_path]
    sources, unreadable = read_sources(config.docs_dir, pages, docs_prefix(config))
    library, problems = load_library(sources, context=site["context"], where=docs_prefix(config))
    problems = unreadable + problems
    # Render every page's markers now, so empty lists are reported with the rest; but
    # not when pages were refused, since their absence would empty lists spuriously.
    if not problems:
        for src_uri, markers in library.markers.items():
            _, found = replace_markers(
                "", library, markers, src_uri, f"{docs_prefix(config)}/{src_uri}"
            )
            problems.extend(found)
    stop_on(problems, "docs/ 下的页面", "the pages under docs/")
    for stale in stale_pages(library.pages.values(), dt.date.today(), docs_prefix(config)):
        log.warning(str(stale))
    site["library"] = library
    return files


@event_priority(-100)
def on_nav(nav, config, files):
    """Sort by each page's ``order``; 上一页/下一页 follow the sidebar, home and printables left out.

    Runs after the other hooks have taken their generated pages out of the navigation.
    """
    library = state(config)["library"]
    navigation.order(nav.items, library)
    nav.items = navigation.label_home(nav.items, library, Link)
    nav.pages = navigation.sidebar_pages(nav.items)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    navigation.link_reading_order(nav.items, pages, library)
    return nav


def on_page_markdown(markdown, page, config, files):
    """Replace markers with card lists and fill in the organisation settings."""
    site = state(config)
    library = site["library"]
    lib = library.pages.get(page.file.src_uri)
    if lib is None:
        return markdown
    where = f"{docs_prefix(config)}/{page.file.src_uri}"
    markdown, problems = replace_markers(
        markdown,
        library,
        library.markers.get(lib.src_uri, []),
        lib.src_uri,
        where,
        site.get("quiz_list"),
    )
    if templating.uses_settings(markdown):
        context = dict(site["context"])
        if lib.meta.get("issued"):
            context["issued"] = templating.chinese_date(lib.meta["issued"])
        markdown, found = templating.render_page(markdown, context, where, lib.body_line)
        problems.extend(found)
    stop_on(problems, where, where)
    # The theme prints titles and the description as they are, into text and attributes:
    # give it the author's words escaped, so 《》, quotes and angle brackets show as written.
    page.title = page.meta["title"] = html.escape(lib.title, quote=False)
    page.meta.setdefault("description", html.escape(lib.summary, quote=True))
    _search_fields(page, lib)
    return markdown


def _search_fields(page, lib) -> None:
    """Rank by kind and feed the aliases, as the index segments them, into the boosted tags."""
    import jieba  # the search plugin has loaded the domain dictionary into it

    search = page.meta.get("search")
    search = dict(search) if isinstance(search, dict) else {}
    search.setdefault("boost", KIND_BOOST[lib.kind])
    if lib.kind in UNINDEXED_KINDS:
        search.setdefault("exclude", True)
    page.meta["search"] = search
    tags = alias_tags(lib.aliases, lib.title, jieba.cut, _traditional())
    if tags:
        page.meta["tags"] = tags


def _traditional():
    """Converters to traditional characters (Taiwan and general), made once."""
    global _CONVERTERS
    if _CONVERTERS is None:
        import opencc

        _CONVERTERS = (opencc.OpenCC("s2t").convert, opencc.OpenCC("s2tw").convert)
    return _CONVERTERS


_CONVERTERS = None


def on_page_content(html, page, config, files):
    """Mark links to other sites; draw checklist boxes instead of unlabelled disabled inputs."""
    return checklist_boxes(mark_external(html, config.site_url))
