"""Publishing: Content-Security-Policy, robots.txt, the offline zip, optional self-hosted analytics."""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import schema as s
from .problems import Problem

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPE = re.compile(r'\btype="(application/(?:ld\+)?json)"')


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes of the page's inline scripts (JSON data blocks are not scripts)."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _DATA_TYPE.search(match.group(1)):
            continue
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        value = f"'sha256-{base64.b64encode(digest).decode()}'"
        if value not in hashes:
            hashes.append(value)
    return hashes


def content_security_policy(script_hashes: list[str], analytics_origin: str | None = None) -> str:
    """The policy each page carries: only this site's own files, plus its own inline scripts."""
    extra = f" {analytics_origin}" if analytics_origin else ""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {' '.join(script_hashes)}{extra}".rstrip(),
            # Material and the quiz set inline styles; no script can be injected through them.
            "style-src 'self' 'unsafe-inline'",
            # The completion card is drawn to a data: image on the device.
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self'{extra}",
            "worker-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


_CSP_OPEN = '<meta http-equiv="Content-Security-Policy" content="'


def remove_element(html: str, opening: str, closing: str) -> str:
    """``html`` without every element from ``opening`` to ``closing``, and the indentation before
    it. Found with str.find: a regex with leading whitespace, tried at every position of a
    page's deep indentation, made this the slowest step of the CSP pass."""
    while (start := html.find(opening)) >= 0:
        end = html.find(closing, start + len(opening))
        if end < 0:
            break
        head = html[:start].rstrip(" \t")
        html = (head[:-1] if head.endswith("\n") else head) + html[end + len(closing) :]
    return html


def add_csp_meta(html: str, policy: str) -> str:
    """Put the policy first in <head>, before any script it governs (replacing an older one).

    A ``--dirty`` build leaves unchanged pages as the last build wrote them, policy included.
    """
    html = remove_element(html, _CSP_OPEN, '">')
    tag = f'{_CSP_OPEN}{policy}">'
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + "\n    " + tag, html, count=1)


def robots_txt(site_url: str | None) -> str:
    """Allow all; point at the sitemap when the site knows its address."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


OFFLINE_FOLDER = "fangzha-offline"

OFFLINE_README = """防诈课堂 离线版 —— 打开方法

这是“防诈课堂”网站的离线版，不需要网络，可以放在 U 盘里，或拷到教室、活动室没有联网的电脑上使用。

1. 先把这个压缩包解压（右键 →“全部解压缩”或“解压到当前文件夹”）。
   不要在压缩包里直接双击打开，那样页面之间无法跳转。
2. 打开解压出来的 fangzha-offline 文件夹，双击其中的 index.html，用浏览器打开。
   建议使用较新的浏览器（如 Edge、Chrome、Firefox 或国产浏览器的“极速模式”）。
3. 打开后可以浏览全部页面、搜索、做测验、打印信件和宣传品，和网上的版本一样。

说明：
- 离线版不会上网，也不会收集任何信息；测验记录只保存在这台电脑的浏览器里。
- 这是 {org} 生成的版本，生成日期 {date}。内容更新后，请重新下载。
"""


FINGERPRINT = f"{OFFLINE_FOLDER}/.fangzha-source"


def source_fingerprint(project: Path, docs_dir: Path, theme_dir: Path | None) -> str:
    """A hash of everything a build reads: pages, settings and theme files.

    The offline zip carries the fingerprint of the sources it was built from, so that the online
    build can tell a zip that no longer matches the content and refuse to offer it.
    """
    # MkDocs hands over paths as the command line gave them (relative with a relative -f).
    project, docs_dir = project.resolve(), docs_dir.resolve()
    theme_dir = theme_dir.resolve() if theme_dir else None
    files = sorted(p for p in docs_dir.rglob("*") if p.is_file())
    if theme_dir and theme_dir.is_dir():
        files += sorted(p for p in theme_dir.rglob("*") if p.is_file())
    files += [p for p in (project / "mkdocs.yml", project / "mkdocs.offline.yml") if p.is_file()]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(project).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def zip_fingerprint(target: Path) -> str | None:
    """The source fingerprint an offline zip was built from (None for an older or foreign zip)."""
    try:
        with zipfile.ZipFile(target) as archive:
            return archive.read(FINGERPRINT).decode("ascii").strip()
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return None


def zip_site(
    site_dir: Path,
    target: Path,
    readme: str,
    fingerprint: str = "",
    rewrite: Callable[[str], str] | None = None,
) -> int:
    """Pack the offline site into one zip under a single folder, with the teacher's README.

    ``rewrite`` changes each HTML page on its way into the zip (the site stays as it is).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        # A BOM so that Windows Notepad shows the Chinese text correctly.
        archive.writestr(f"{OFFLINE_FOLDER}/README.txt", "\ufeff" + readme.replace("\n", "\r\n"))
        if fingerprint:
            archive.writestr(FINGERPRINT, fingerprint + "\n")
        for path in sorted(site_dir.rglob("*")):
            if not path.is_file():
                continue
            name = f"{OFFLINE_FOLDER}/{path.relative_to(site_dir).as_posix()}"
            if rewrite and path.suffix == ".html":
                archive.writestr(name, rewrite(path.read_text(encoding="utf-8")))
            else:
                archive.write(path, name)
            count += 1
    return count


# -- optional self-hosted analytics, off unless configured ---------------------------------------


def _attributes(value: Any) -> dict[str, str]:
    expected = s.Msg(
        "几行 data-* 属性，例如 data-website-id: abc",
        "a mapping of data-* attributes to text, such as data-website-id: abc",
    )
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and re.fullmatch(r"data-[a-z0-9-]+", k) and isinstance(v, str | int)
        for k, v in value.items()
    ):
        raise s.Invalid(expected)
    return {k: str(v) for k, v in value.items()}


_attributes.expected = s.Msg("几行 data-* 属性", "a mapping of data-* attributes")  # type: ignore[attr-defined]


ANALYTICS = s.Schema(
    {
        "src": s.Field(
            s.pattern(
                r"https://[^\s\"'<>]+",
                s.Msg(
                    "本单位自己服务器上统计脚本的 https:// 地址",
                    "an https:// address of a script on your own server",
                ),
            )
        ),
        "attributes": s.Field(_attributes, required=False, default=dict),
    }
)


def parse_analytics(raw: Any, *, where: str = "mkdocs.yml") -> tuple[dict | None, list[Problem]]:
    """Validate ``extra.selfhosted_analytics``; None when it is not configured (the default)."""
    if raw is None:
        return None, []
    clean, issues = s.validate(raw, ANALYTICS)
    problems = [
        Problem(where, None, *i.at("extra.selfhosted_analytics." + s.dotted(i.path)))
        for i in issues
    ]
    if problems:
        return None, problems
    parts = urlsplit(clean["src"])
    clean["origin"] = f"{parts.scheme}://{parts.netloc}"
    return clean, []
