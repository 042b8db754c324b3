"""Hook: validate the organisation block and the site-wide settings when a build starts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.plugins import event_priority

from fangzha import yamlfile
from fangzha.mkdocs_glue import state, stop_on
from fangzha.org import parse_org
from fangzha.problems import Problem
from fangzha.search import read_dictionary
from fangzha.templating import site_context


@event_priority(100)  # before the search plugin reads its dictionary
def on_config(config):
    """Check ``extra.org``, the theme and search prerequisites; keep the clean settings."""
    config_path = Path(config.config_file_path or "mkdocs.yml")
    where = config_path.name
    lines = _org_lines(config_path)
    org, problems = parse_org(config.extra.get("org"), where=where, lines=lines)

    font = config.theme.get("font")
    if font is not False:
        problems.append(
            Problem(
                where,
                None,
                f"theme.font: found {font!r}, expected false (Google Fonts are "
                "a third-party request and are unreachable from mainland China)",
            )
        )
    try:
        import jieba  # noqa: F401
    except ImportError:
        problems.append(
            Problem(
                where,
                None,
                "plugins.search: the Python package 'jieba' is not installed, so "
                "Chinese search would silently degrade; expected it installed (pip install -e .)",
            )
        )
    problems.extend(_search_problems(config, where))
    stop_on(problems, f"{where} settings")

    config.extra["org"] = org
    state(config)["context"] = site_context(org, config.site_name, config.site_url, dt.date.today())
    return config


def _org_lines(config_path: Path) -> dict[tuple, int]:
    """Line numbers of keys under ``extra.org`` in the config file, if it has them there."""
    try:
        text = config_path.read_text(encoding="utf-8")
    except OSError:
        return {}
    prefix = ("extra", "org")
    return {
        path[len(prefix) :]: line
        for path, line in yamlfile.key_lines(text).items()
        if path[: len(prefix)] == prefix
    }


def _search_problems(config, where: str) -> list[Problem]:
    """Catch the search settings that silently break Chinese search."""
    plugin = config.plugins.get("material/search")
    if plugin is None:
        return [
            Problem(
                where, None, "plugins: search is not enabled; expected '- search' under plugins"
            )
        ]
    problems = []
    if "zh" in (plugin.config.lang or []):
        problems.append(
            Problem(
                where,
                None,
                "plugins.search.lang: found 'zh', expected it left out: lunr's zh "
                "plugin needs Node's jieba and finds nothing in a browser; jieba already "
                "segments Chinese at build time",
            )
        )
    if "\\u200b" not in (plugin.config.separator or "") and "\u200b" not in (
        plugin.config.separator or ""
    ):
        problems.append(
            Problem(
                where,
                None,
                f"plugins.search.separator: found {plugin.config.separator!r}, "
                "expected a pattern that includes \\u200b (jieba's word boundary)",
            )
        )
    problems.extend(_dictionary_problems(config, plugin, where))
    return problems


def _dictionary_problems(config, plugin, where: str) -> list[Problem]:
    """Resolve the jieba user dictionary next to mkdocs.yml and check it before jieba loads it."""
    name = plugin.config.jieba_dict_user
    if not name:
        return [
            Problem(
                where,
                None,
                "plugins.search.jieba_dict_user: missing; expected the domain dictionary, hooks/jieba_userdict.txt",
            )
        ]
    path = Path(name)
    if not path.is_absolute():
        path = Path(config.config_file_path or "mkdocs.yml").resolve().parent / path
    if not path.is_file():
        return [
            Problem(
                where,
                None,
                f"plugins.search.jieba_dict_user: found '{name}', which does not exist; expected the path of the domain dictionary, relative to {where}",
            )
        ]
    _, problems = read_dictionary(path.read_text(encoding="utf-8"), str(name))
    # The search plugin opens the path relative to the working directory: give it the full path.
    plugin.config.jieba_dict_user = str(path)
    return problems
