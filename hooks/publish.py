"""Hook: what a published site needs — CSP, robots.txt, the offline zip and its download link."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from fangzha.mkdocs_glue import log, state, stop_on
from fangzha.problems import Problem
from fangzha.publish import (
    OFFLINE_README,
    add_csp_meta,
    content_security_policy,
    inline_script_hashes,
    parse_analytics,
    robots_txt,
    zip_site,
)

DEFAULT_ZIP = "site-offline.zip"
DOWNLOAD_PATH = "download/fangzha-offline.zip"


def _is_offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _zip_path(config) -> Path:
    base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    return base / config.extra.get("offline_zip", DEFAULT_ZIP)


def on_config(config):
    """Check the privacy settings; offer the offline zip for download if one was built."""
    where = Path(config.config_file_path or "mkdocs.yml").name
    problems = []
    if config.extra.get("analytics"):
        problems.append(
            Problem(
                where,
                None,
                "extra.analytics: found an analytics service, expected it left out: this "
                "site loads nothing from other hosts; see extra.selfhosted_analytics in the README",
            )
        )
    analytics, found = parse_analytics(config.extra.get("selfhosted_analytics"), where=where)
    problems += found
    stop_on(problems, f"{where} privacy settings")
    site = state(config)
    site["analytics"] = analytics
    config.extra["fangzha_analytics"] = analytics
    site["offline"] = _is_offline(config)
    zip_path = _zip_path(config)
    if not site["offline"] and zip_path.is_file():
        site["offline_zip"] = zip_path
        config.extra["fangzha_offline_download"] = DOWNLOAD_PATH
    return config


@event_priority(-200)  # after Material's offline plugin has written the search index script
def on_post_build(config):
    """Write robots.txt; online, add each page's CSP and the zip; offline, pack the zip."""
    site = state(config)
    site_dir = Path(config.site_dir)
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
    if site["offline"]:
        readme = OFFLINE_README.format(
            org=config.extra["org"]["name"], date=dt.date.today().isoformat()
        )
        target = _zip_path(config)
        count = zip_site(site_dir, target, readme)
        log.info(
            f"Offline package: {target} ({count} files). The online build links it for download."
        )
        return
    analytics = site["analytics"]
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        policy = content_security_policy(
            inline_script_hashes(html), analytics["origin"] if analytics else None
        )
        page.write_text(add_csp_meta(html, policy), encoding="utf-8")
    if site.get("offline_zip"):
        target = site_dir / DOWNLOAD_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site["offline_zip"], target)
