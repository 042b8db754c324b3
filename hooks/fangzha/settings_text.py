"""Python-Markdown extension: settings in page text (``{{ org.name }}``) without MkDocs hooks.

Enable it as ``fangzha.settings_text`` under ``markdown_extensions``. With the hooks, the build
fills the settings in before Markdown runs (with each letter's own ``issued`` date and every
mistake reported at its file and line), and this extension finds nothing left to do. A generator
that runs Python-Markdown extensions but no MkDocs hooks (Zensical) still gets the
organisation's name, phone and address instead of a literal ``{{ org.name }}``: the extension
reads ``extra.org``, ``site_name`` and ``site_url`` from the configuration file itself.

Option ``config`` (default ``mkdocs.yml``, relative to the working directory) names that file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor

from . import templating
from .blockspec import BlockError
from .org import parse_org

_CACHE: dict[tuple[str, float], dict[str, Any]] = {}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !!python tags (the slugify function); settings never do."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_context(config_file: str | Path) -> dict[str, Any]:
    """The settings page text may use, read from the site's configuration (cached per version)."""
    path = Path(config_file).resolve()
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        raise BlockError(
            f"页面里写了 {{{{ org.… }}}} 这样的设置，却找不到设置文件 {config_file} → "
            "在网站文件夹里运行生成命令，或在 fangzha.settings_text 的 config 选项里写设置文件的位置"
        ) from None
    if key not in _CACHE:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        org, problems = parse_org((config.get("extra") or {}).get("org"), where=path.name)
        if problems:
            raise BlockError("；".join(str(p) for p in problems))
        _CACHE.clear()
        _CACHE[key] = templating.site_context(
            org, config.get("site_name") or "", config.get("site_url"), dt.date.today()
        )
    return _CACHE[key]


class SettingsPreprocessor(Preprocessor):
    """Fill in ``{{ … }}`` settings; a mistake stops the render with what to write instead."""

    def __init__(self, md, config_file: str):
        super().__init__(md)
        self.config_file = config_file

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if not templating.uses_settings(text):
            return lines
        rendered, problems = templating.render_page(text, load_context(self.config_file), "页面")
        if problems:
            raise BlockError("；".join(p.text() for p in problems))
        return rendered.split("\n")


class SettingsExtension(Extension):
    """Register the preprocessor before anything else reads the text."""

    def __init__(self, **kwargs):
        self.config = {"config": ["mkdocs.yml", "The site's configuration file."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(
            SettingsPreprocessor(md, self.getConfig("config")), "fangzha_settings_text", 40
        )


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's entry point
    """Return the extension."""
    return SettingsExtension(**kwargs)
