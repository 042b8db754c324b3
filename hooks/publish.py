"""Hook: what a published site needs — CSP, robots.txt, the offline zip and its download link."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from fangzha.mkdocs_glue import log, state, stop_on
from fangzha.problems import Problem, say
from fangzha.publish import (
    OFFLINE_README,
    add_csp_meta,
    content_security_policy,
    inline_script_hashes,
    parse_analytics,
    robots_txt,
    source_fingerprint,
    zip_fingerprint,
    zip_site,
)

DEFAULT_ZIP = "site-offline.zip"
DOWNLOAD_PATH = "download/fangzha-offline.zip"


_serving = False


def on_startup(command, dirty):
    """Remember whether this process is `mkdocs serve`."""
    global _serving
    _serving = command == "serve"


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
                "extra.analytics：设置了第三方统计服务 → 删掉它：本站不从其他网站加载任何东西；"
                "要统计访问，请用本单位自己服务器上的统计（见 README 中的 extra.selfhosted_analytics）",
                "extra.analytics: found an analytics service, expected it left out: this "
                "site loads nothing from other hosts; see extra.selfhosted_analytics in the README",
            )
        )
    analytics, found = parse_analytics(config.extra.get("selfhosted_analytics"), where=where)
    problems += found
    stop_on(problems, f"{where} 的隐私设置", f"{where} privacy settings")
    site = state(config)
    site["analytics"] = analytics
    config.extra["fangzha_analytics"] = analytics
    site["offline"] = _is_offline(config)
    zip_path = _zip_path(config)
    if not site["offline"] and zip_path.is_file():
        if zip_fingerprint(zip_path) == _fingerprint(config):
            site["offline_zip"] = zip_path
            config.extra["fangzha_offline_download"] = DOWNLOAD_PATH
        else:
            log.info(
                say(
                    f"离线版压缩包 {zip_path.name} 不是用现在的内容生成的，这次不提供下载 → "
                    "先运行 mkdocs build -f mkdocs.offline.yml，再生成网站",
                    f"{zip_path.name} was not built from the current content, so the site does "
                    "not offer it; build it again with mkdocs build -f mkdocs.offline.yml first",
                )
            )
    return config


def _fingerprint(config) -> str:
    """The fingerprint of the sources this build reads."""
    project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    theme = config.theme.custom_dir
    return source_fingerprint(project, Path(config.docs_dir), Path(theme) if theme else None)


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
        count = zip_site(site_dir, target, readme, _fingerprint(config))
        log.info(
            say(
                f"离线版压缩包：{target}（{count} 个文件）。再生成网站时，页脚会提供它的下载链接。",
                f"Offline package: {target} ({count} files). The online build links it for download.",
            )
        )
        return
    analytics = site["analytics"]
    # `mkdocs serve` injects its own inline reload script into every page, with a fresh
    # epoch each time, so no hash can allow it: the preview goes without the CSP meta and
    # reloads itself after each save. Built sites always carry it.
    for page in [] if _serving else site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        policy = content_security_policy(
            inline_script_hashes(html), analytics["origin"] if analytics else None
        )
        page.write_text(add_csp_meta(html, policy), encoding="utf-8")
    if site.get("offline_zip"):
        target = site_dir / DOWNLOAD_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site["offline_zip"], target)
