"""Settings inside page text: ``{{ org.name }}`` in Markdown, rendered with Jinja.

Pages are rendered in a sandbox with strict undefined values. Before rendering,
every reference is checked against the context so that a mistyped setting is
reported with its line and a suggestion, not as a Jinja traceback.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from .problems import Problem


def _finalize(value: Any) -> Any:
    # Settings are plain text: an ampersand or angle bracket in a name must
    # show as written, not become markup.
    return html.escape(value, quote=False) if isinstance(value, str) else value


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=True,
        # Markdown uses "{#id}" for heading ids; keep Jinja comments out of its way.
        comment_start_string="{%#",
        comment_end_string="#%}",
    )


_ENV = _environment()


def chinese_date(day) -> str:
    """2026年11月29日, as letters are dated."""
    return f"{day.year}年{day.month}月{day.day}日"


def site_context(
    org: Mapping[str, Any], site_name: str, site_url: str | None, today
) -> dict[str, Any]:
    """What page text may refer to: the organisation, the site and the date of issue."""
    return {
        "org": org,
        "site": {"name": site_name, "url": site_url or ""},
        # A page may override this with its own `issued` date (letters do).
        "issued": chinese_date(today),
    }


def uses_settings(text: str) -> bool:
    """Tell whether the text contains Jinja syntax at all (most pages don't), or looks meant to."""
    return "{{" in text or "{%" in text or "｛" in text


def check_references(
    text: str, context: Mapping[str, Any], where: str, first_line: int = 1
) -> list[Problem]:
    """Report every reference to a setting that the context does not have."""
    slips = full_width_braces(text, where, first_line)
    if slips:
        return slips
    try:
        tree = _ENV.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return [
            Problem(
                where,
                first_line + exc.lineno - 1,
                "这一行的 {{ }} 或 {% %} 没有写完整 → 设置写成 {{ org.name }}，两边各两个英文大括号；"
                "正文里要显示大括号本身，请改用中文括号",
                f"template syntax: {exc.message}",
            )
        ]
    problems = []
    local_names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for lineno, path in _references(tree):
        if path[0] in local_names:
            continue
        missing = _missing(context, path)
        if missing is not None:
            found, options = missing
            hint = difflib.get_close_matches(path[len(found)], options, n=1)
            guess = ".".join(found + (hint[0],)) if hint else ""
            available = [".".join(found + (o,)) for o in options]
            problems.append(
                Problem(
                    where,
                    first_line + lineno - 1,
                    f"没有“{'.'.join(path)}”这个设置"
                    + (f"（是不是想写 {guess}？）" if guess else "")
                    + f" → 可用的设置：{'、'.join(available) or '无'}",
                    f"unknown setting '{'.'.join(path)}'"
                    + (f" (did you mean '{guess}'?)" if guess else "")
                    + f"; available: {', '.join(available) or 'none'}",
                )
            )
    return problems


def render(text: str, context: Mapping[str, Any]) -> str:
    """Render page text with the settings context."""
    return _ENV.from_string(text).render(**context)


def render_page(
    text: str, context: Mapping[str, Any], where: str, first_line: int = 1
) -> tuple[str, list[Problem]]:
    """Render page text; any mistake comes back as a problem, never as a traceback."""
    problems = check_references(text, context, where, first_line)
    if problems:
        return text, problems
    try:
        return render(text, context), []
    except Exception as exc:  # noqa: BLE001 - any mistake in page text is the author's to fix
        line = getattr(exc, "lineno", None) or _template_line(exc)
        at = first_line + line - 1 if line else None
        detail = getattr(exc, "message", None) or str(exc)
        return text, [
            Problem(
                where,
                at,
                "这一行的 {{ … }} 填不进去 → 大括号里只写设置的名字，例如 {{ org.name }}、"
                "{{ org.phone }}，不要在里面做计算或加别的字",
                f"cannot fill in settings: {detail}",
            )
        ]


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja's traceback points at (it rewrites frames to the template)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_FULL_WIDTH_BRACES = re.compile(r"[｛{]\s*[｛{]|[｝}]\s*[｝}]")


def full_width_braces(text: str, where: str, first_line: int = 1) -> list[Problem]:
    """｛｛ org.name ｝｝ typed with a Chinese keyboard: shown as written instead of filled in."""
    problems = []
    for offset, line in enumerate(text.splitlines()):
        for match in _FULL_WIDTH_BRACES.finditer(line):
            if "｛" in match.group(0) or "｝" in match.group(0):
                problems.append(
                    Problem(
                        where,
                        first_line + offset,
                        "设置用了中文大括号“｛｛ ｝｝”，页面上会原样显示 → 改成英文大括号，例如 {{ org.name }}",
                        "a setting written with full-width braces ｛｛ ｝｝ shows as it is; "
                        "write {{ org.name }}",
                    )
                )
                break
    return problems


def _references(tree: nodes.Template) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield (line, dotted path) for each outermost ``a.b.c`` or ``a['b']`` chain."""
    inner: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if id(node) in inner:
            continue
        path: list[str] = []
        cur: nodes.Node = node
        while isinstance(cur, nodes.Getattr | nodes.Getitem):
            inner.add(id(cur.node))
            if isinstance(cur, nodes.Getattr):
                path.append(cur.attr)
            elif isinstance(cur.arg, nodes.Const) and isinstance(cur.arg.value, str):
                path.append(cur.arg.value)
            else:
                path = []  # a computed index: only the root can be checked
            cur = cur.node
        if isinstance(cur, nodes.Name):
            inner.add(id(cur))
            yield node.lineno, (cur.name, *reversed(path))
    for name in tree.find_all(nodes.Name):
        if id(name) not in inner and name.ctx == "load":
            yield name.lineno, (name.name,)


def _missing(
    context: Mapping[str, Any], path: tuple[str, ...]
) -> tuple[tuple[str, ...], list[str]] | None:
    """Return (the part that exists, the keys available there) if the path breaks."""
    here: Any = context
    for depth, key in enumerate(path):
        if not isinstance(here, Mapping):
            return None  # a value's own attributes (a string method, say) are Jinja's business
        if key not in here:
            return path[:depth], sorted(str(k) for k in here)
        here = here[key]
    return None
