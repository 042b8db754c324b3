"""Hook: validate the organisation block and the site-wide settings when a build starts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.plugins import event_priority

from fangzha import yamlfile
from fangzha.mkdocs_glue import state, stop_on, tune_logging
from fangzha.org import parse_org
from fangzha.problems import Problem
from fangzha.search import read_dictionary
from fangzha.templating import site_context


@event_priority(100)  # before the search plugin reads its dictionary
def on_config(config):
    """Check ``extra.org``, the theme and search prerequisites; keep the clean settings."""
    tune_logging(config)
    config_path = Path(config.config_file_path or "mkdocs.yml")
    where = config_path.name
    lines = _org_lines(config_path)
    org, problems = parse_org(
        config.extra.get("org"), where=where, lines=lines, docs_dir=Path(config.docs_dir)
    )
    problems = _duplicates(config_path, where) + problems

    font = config.theme.get("font")
    if font is not False:
        problems.append(
            Problem(
                where,
                None,
                "theme.font：设置了网络字体 → 写成 font: false（否则每个页面都会从谷歌加载字体，"
                "这是第三方请求，在中国大陆也打不开）",
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
                "plugins.search：没有安装 Python 包 jieba，中文搜索会悄悄失效 → 运行 pip install -e . 安装",
                "plugins.search: the Python package 'jieba' is not installed, so "
                "Chinese search would silently degrade; expected it installed (pip install -e .)",
            )
        )
    problems.extend(_search_problems(config, where))
    stop_on(problems, f"{where} 的设置", f"{where} settings")

    config.extra["org"] = org
    state(config)["context"] = site_context(org, config.site_name, config.site_url, dt.date.today())
    return config


def _duplicates(config_path: Path, where: str) -> list[Problem]:
    """Keys written twice in mkdocs.yml: YAML quietly keeps the second (a phone number, say)."""
    try:
        text = config_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [
        Problem(
            where,
            found.again,
            f"“{'.'.join(map(str, found.path))}”写了两次（第 {found.first} 行和这一行），"
            "只有后写的会生效 → 删掉其中一行",
            f"{'.'.join(map(str, found.path))!r} is written twice (lines {found.first} and "
            f"{found.again}); only the last would count: delete one",
        )
        for found in yamlfile.duplicate_keys(text)
    ]


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
                where,
                None,
                "plugins：没有开启搜索 → 在 plugins 下面写“- search”（见 mkdocs.yml 里的例子）",
                "plugins: search is not enabled; expected '- search' under plugins",
            )
        ]
    problems = []
    if "zh" in (plugin.config.lang or []):
        problems.append(
            Problem(
                where,
                None,
                "plugins.search.lang：写了 zh → 删掉这一项：浏览器里的 lunr 中文插件什么也搜不到，"
                "中文已经在生成时由 jieba 分词",
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
                f"plugins.search.separator：写成了 {plugin.config.separator!r} → 里面要有 \\u200b"
                "（jieba 分出的词用它隔开），照 mkdocs.yml 原来的写法改回去",
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
                "plugins.search.jieba_dict_user：缺少这一项 → 写 jieba_dict_user: hooks/jieba_userdict.txt",
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
                f"plugins.search.jieba_dict_user：找不到文件“{name}” → 写词典文件相对于 {where} 的路径，"
                "例如 hooks/jieba_userdict.txt",
                f"plugins.search.jieba_dict_user: found '{name}', which does not exist; expected the path of the domain dictionary, relative to {where}",
            )
        ]
    _, problems = read_dictionary(path.read_text(encoding="utf-8"), str(name))
    # The search plugin opens the path relative to the working directory: give it the full path.
    plugin.config.jieba_dict_user = str(path)
    return problems
