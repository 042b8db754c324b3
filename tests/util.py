"""Helpers shared by the tests: copy the project, run real builds, read what they wrote."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.offline.yml", "docs", "hooks", "overrides")
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    """The outcome of one ``mkdocs build`` run."""

    returncode: int
    output: str
    site: Path

    @property
    def errors(self) -> list[str]:
        """The ERROR lines MkDocs printed, without the level prefix."""
        return [m.group(1) for m in re.finditer(r"^ERROR\s+-\s+(.*)$", self.output, re.M)]


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """Copy the parts a build needs into ``target`` (which may already exist)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / part)
    return target


def build(
    project: Path,
    site: Path | None = None,
    *,
    config: str = "mkdocs.yml",
    strict: bool = True,
    env: dict | None = None,
) -> Build:
    """Run a real ``mkdocs build`` in a subprocess and capture what it prints."""
    site = site or project / "site"
    command = [*MKDOCS, "build", "-f", str(project / config), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})}
    done = subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, timeout=300
    )
    return Build(done.returncode, done.stdout + done.stderr, site)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# -- what a built site would load from other hosts ---------------------------------------

_RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
}
# <link rel=...> values that make the browser fetch the target.
_FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# Hosts that serve scripts, fonts or trackers; none may appear in our scripts.
CDN_HOSTS = (
    "unpkg.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "googletagmanager.com",
    "google-analytics.com",
    "hm.baidu.com",
    "cdn.bootcdn.net",
    "bootcdn.cn",
    "staticfile.org",
    "zstatic.net",
    "cdn.staticfile.net",
)
# Material's bundle names two CDN scripts it loads only when needed: a ResizeObserver
# polyfill (our pages load a vendored copy first, so the branch never runs) and Mermaid
# (only for diagrams, which this site does not enable; a test checks no page has one).
MATERIAL_CONDITIONAL = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@")


def is_foreign(url: str) -> bool:
    """Whether a URL points at another host (absolute or protocol-relative)."""
    url = url.strip()
    return url.startswith(("http://", "https://", "//"))


class _ResourceParser(__import__("html.parser").parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = _RESOURCE_ATTRS.get(tag, ())
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            names = ("href",) if rels & _FETCHING_RELS else ()
        for name in names:
            for value in re.split(r",\s*", attrs.get(name) or ""):
                url = value.strip().split(" ")[0]
                if url and is_foreign(url):
                    self.found.append(f"<{tag} {name}={url}>")
        style = attrs.get("style") or ""
        self.found.extend(u for u in css_foreign_urls(style))


def css_foreign_urls(css: str) -> list[str]:
    """url(...) and @import targets on other hosts."""
    out = []
    for match in _CSS_URL.finditer(css):
        url = match.group(2) or match.group(4)
        if url and is_foreign(url):
            out.append(url)
    return out


def foreign_resources(site: Path) -> dict[str, list[str]]:
    """Every resource in the built site that a browser would fetch from another host."""
    report: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            parser = _ResourceParser()
            parser.feed(text)
            found = parser.found
            for block in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
                found += css_foreign_urls(block)
        elif path.suffix == ".css":
            found = css_foreign_urls(text)
        else:
            found = [
                url
                for url in re.findall(
                    r"""(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*""", text
                )
                if any(host in url for host in CDN_HOSTS)
                and not url.startswith(MATERIAL_CONDITIONAL)
            ]
        if found:
            report[str(path.relative_to(site))] = found
    return report


def html_pages(site: Path) -> list[Path]:
    """Every HTML page the build wrote."""
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def url_to_file(site: Path, url: str) -> Path:
    """The file a site-relative URL is served from (directory URLs end in index.html)."""
    path = site / url
    return path / "index.html" if url == "" or url.endswith("/") else path


def source_library():
    """The site's pages as the build reads them, without building: (library, docs uris)."""
    import yaml

    from fangzha.library import load_library, read_sources
    from fangzha.org import parse_org
    from fangzha.templating import site_context

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !!python tags; only extra.org is needed here.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    org, problems = parse_org(config["extra"]["org"])
    assert problems == []
    docs = ROOT / "docs"
    uris = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    context = site_context(org, config["site_name"], config.get("site_url"), dt.date.today())
    sources, unreadable = read_sources(docs, uris)
    assert unreadable == []
    library, problems = load_library(sources, context=context)
    assert problems == [], problems
    return library, uris
