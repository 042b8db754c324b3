"""Hook: the reading time above every speech, broadcast and loop text; a warning when too long."""

from __future__ import annotations

from fangzha.mkdocs_glue import docs_prefix, log, state
from fangzha.scripts import clock, page_reading_time, summary_markdown


def on_files(files, config):
    """Warn (which fails a strict build) about scripts that run past their planned length."""
    site = state(config)
    for page in site["library"].of_kind("script"):
        time = page_reading_time(page, site["context"])
        planned = page.meta["duration"]
        if time.seconds > planned:
            log.warning(
                f"{docs_prefix(config)}/{page.src_uri}: 朗读时长{time.text()}（{time.units} 字，"
                f"按每分钟 {time.rate} 字计），超过了 duration 写的 {clock(planned)} → "
                "删减一些文字，或把 duration 改长"
            )
    return files


def on_page_markdown(markdown, page, config, files):
    """Show the reading time, and how it was computed, above the script."""
    site = state(config)
    lib = site["library"].pages.get(page.file.src_uri)
    if lib is None or lib.kind != "script":
        return markdown
    time = page_reading_time(lib, site["context"])
    return summary_markdown(time, lib.meta["duration"], lib.meta["script_type"]) + markdown
