"""Hook: each lesson's 上课 page (its slides), generated from the plan's own Markdown."""

from __future__ import annotations

from mkdocs.structure.files import File

from fangzha import lessons, templating
from fangzha.mkdocs_glue import docs_prefix, drop_pages, state, stop_on
from fangzha.problems import Problem


def on_files(files, config):
    """Add a 上课 page next to every lesson plan."""
    site = state(config)
    library = site["library"]
    problems = []
    for page in library.of_kind("lesson"):
        where = f"{docs_prefix(config)}/{page.src_uri}"
        uri = lessons.slides_uri(page.src_uri)
        if files.get_file_from_path(uri) is not None:
            problems.append(
                Problem(
                    f"{docs_prefix(config)}/{uri}",
                    None,
                    f"这个文件名留给 {where} 的上课幻灯片页 → 给这个文件换个名字",
                )
            )
            continue
        body, found = _filled(page, site["context"], where)
        problems.extend(found)
        content = lessons.deck_page_markdown(page, body, config.extra["org"]["name"])
        files.append(File.generated(config, uri, content=content))
    stop_on(problems, "班会课", "the lessons")
    return files


def _filled(page, context, where):
    """The plan's body with {{ org.* }} filled in, as the plan page shows it."""
    if not templating.uses_settings(page.body):
        return page.body, []
    return templating.render_page(page.body, context, where, page.body_line)


def on_nav(nav, config, files):
    """Keep the 上课 pages out of the navigation: each plan links its own."""
    slides = {lessons.slides_uri(p.src_uri) for p in state(config)["library"].of_kind("lesson")}
    drop_pages(nav, slides)
    return nav


def on_page_markdown(markdown, page, config, files):
    """Above a lesson plan: who it is for, how long, and the button that projects its slides."""
    lib = state(config)["library"].pages.get(page.file.src_uri)
    if lib is None or lib.kind != "lesson":
        return markdown
    return lessons.plan_header(lib) + markdown
