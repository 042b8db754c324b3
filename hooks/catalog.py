"""Hook: write ``catalog.json`` at the site root."""

from __future__ import annotations

from pathlib import Path

from fangzha import lessons
from fangzha.catalog import build_catalog, dump
from fangzha.drill import catalog_fields
from fangzha.mkdocs_glue import state
from fangzha.screen import led_uri, parse_lines
from fangzha.scripts import page_reading_time


def on_post_build(config):
    """Write the machine-readable index of every listed page."""
    site = state(config)
    files = site["files"]
    library = site["library"]
    catalog = build_catalog(
        library,
        org=config.extra["org"],
        site_name=config.site_name,
        site_url=config.site_url,
        url_of=lambda src_uri: files[src_uri],
        extra=lambda page: (
            _quiz_fields(site, page, files)
            | _print_fields(page, files)
            | _school_fields(site, page, files)
            | catalog_fields(page, library.blocks.get(page.src_uri, []))
        ),
    )
    catalog["print_packs"] = {group: files[uri] for group, uri in site.get("packs", {}).items()}
    target = Path(config.site_dir) / "catalog.json"
    target.write_text(dump(catalog), encoding="utf-8")


def on_files(files, config):
    """Remember each page's URL (it depends on use_directory_urls), and the text files'."""
    state(config)["files"] = {
        f.src_uri: f.url for f in files if f.is_documentation_page() or f.src_uri.endswith(".txt")
    }
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
    """Letters, handouts, lessons, scripts, drills (a role-play script) and 真还是假 rounds (a
    worksheet with its answer key) print as themselves: say so for export scripts."""
    if page.kind in ("letter", "handout", "lesson", "script", "drill", "spot"):
        return {"print_url": files[page.src_uri]}
    return {}


def _school_fields(site, page, files) -> dict:
    """A lesson's band, length and slides; a script's type and reading time; a screen's lines."""
    if page.kind == "lesson":
        return lessons.catalog_fields(page, files)
    if page.kind == "script":
        time = page_reading_time(page, site["context"])
        return {
            "script_type": page.meta["script_type"],
            "seconds": time.seconds,
            "planned_seconds": page.meta["duration"],
            "characters": time.units,
        }
    if page.kind == "screen":
        blocks = [b for b in site["library"].blocks[page.src_uri] if b.name == "screen"]
        lines = parse_lines(blocks[0].body)[0] if blocks else []
        return {
            "interval": int(blocks[0].options.get("interval", 8)) if blocks else 8,
            "lines": len(lines),
            "led_url": files.get(led_uri(page.src_uri)),
        }
    return {}
