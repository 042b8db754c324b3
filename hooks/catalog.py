"""Hook: write ``catalog.json`` at the site root."""

from __future__ import annotations

from pathlib import Path

from fangzha.catalog import build_catalog, dump
from fangzha.mkdocs_glue import state


def on_post_build(config):
    """Write the machine-readable index of every listed page."""
    site = state(config)
    files = site["files"]
    catalog = build_catalog(
        site["library"],
        org=config.extra["org"],
        site_name=config.site_name,
        site_url=config.site_url,
        url_of=lambda src_uri: files[src_uri],
        extra=lambda page: _quiz_fields(site, page, files) | _print_fields(page, files),
    )
    catalog["print_packs"] = {
        audience: files[uri] for audience, uri in site.get("packs", {}).items()
    }
    target = Path(config.site_dir) / "catalog.json"
    target.write_text(dump(catalog), encoding="utf-8")


def on_files(files, config):
    """Remember each page's URL (it depends on use_directory_urls)."""
    state(config)["files"] = {f.src_uri: f.url for f in files.documentation_pages()}
    return files


def _quiz_fields(site, page, files) -> dict:
    """Question count and printable pages of a quiz page."""
    if page.kind != "quiz":
        return {}
    quiz_page = site["quizzes"][page.src_uri][0]
    return {
        "questions": len(quiz_page.quiz.questions),
        "quiz_id": quiz_page.quiz.quiz_id,
        "worksheet_url": files[quiz_page.worksheet_uri],
        "answers_url": files[quiz_page.answers_uri],
    }


def _print_fields(page, files) -> dict:
    """Letters and handouts print as themselves: say so for export scripts."""
    if page.kind in ("letter", "handout"):
        return {"print_url": files[page.src_uri]}
    return {}
