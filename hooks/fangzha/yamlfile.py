"""YAML with line numbers, so problems can point at the line to fix, in the author's words.

A teacher does not know what "could not find expected ':'" means; she knows that she typed a
Chinese colon. :func:`load_with_lines` turns the parser's complaint into the usual cause —
全角冒号、冒号后没有空格、全角空格或 Tab 缩进、引号或括号不成对、看不见的控制字符 — on the
line where it is, and reports a key written twice, which YAML would quietly let the second win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class YamlError:
    """Malformed YAML: the 1-based line, what is wrong in Chinese, and the same in English."""

    line: int | None
    zh: str
    en: str


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date (2026-02-30) as text for the schema to name."""

    def construct_yaml_timestamp(self, node):  # noqa: D102 - PyYAML's hook
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml when PyYAML has it (every page's front matter is read each build).

    Only for text that parses: a mistake is read again by :class:`_Loader`, whose messages
    :func:`explain` knows.
    """

    construct_yaml_timestamp = _Loader.construct_yaml_timestamp


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_timestamp)


def key_lines(text: str) -> dict[tuple, int]:
    """Map every key path in a YAML document to its 1-based line number.

    List items are numbered from 1, as authors count them. Tags such as
    ``!ENV`` or ``!!python/name`` are fine: the document is composed, not
    constructed.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return _node_lines(root)


def _node_lines(root: Any) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    here = path + (key.value,)
                    lines.setdefault(here, key.start_mark.line + 1)
                    walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                here = path + (index,)
                lines[here] = item.start_mark.line + 1
                walk(item, here)

    if root is not None:
        lines[()] = root.start_mark.line + 1
        walk(root, ())
    return lines


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in the same mapping."""

    path: tuple
    first: int
    again: int


def duplicate_keys(text: str) -> list[Duplicate]:
    """Keys written twice in one mapping (YAML would keep the last one without a word)."""
    try:
        root = yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return []
    return _duplicates(root)


def _duplicates(root: Any) -> list[Duplicate]:
    found: list[Duplicate] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in seen:
                        found.append(Duplicate(path + (key.value,), seen[key.value], line))
                    seen.setdefault(key.value, line)
                    walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                walk(item, path + (index,))

    if root is not None:
        walk(root, ())
    return found


def load_with_lines(text: str, offset: int = 0) -> tuple[Any, dict[tuple, int], YamlError | None]:
    """Parse YAML once; return the data, the line of every key path, or the error.

    ``offset`` is how many lines of the file come before ``text`` (the front matter's
    opening ``---``): a message that names another line counts as the author does.
    """
    for loader_class in (_FastLoader, _Loader):
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
            break
        except yaml.YAMLError as exc:
            if loader_class is _Loader:
                return None, {}, explain(exc, text)
        finally:
            loader.dispose()
    duplicates = _duplicates(node) if node is not None else []
    if duplicates:
        first = duplicates[0]
        name = ".".join(str(p) for p in first.path)
        return (
            None,
            {},
            YamlError(
                first.again,
                f"“{name}”写了两次（第 {first.first + offset} 行和这一行），只有后写的会生效 → 删掉其中一行",
                f"{name!r} is written twice (lines {first.first + offset} and {first.again + offset}); "
                "YAML would keep the last one: delete one",
            ),
        )
    return data, _node_lines(node), None


# -- what went wrong, in the author's words ------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def control_character(text: str) -> tuple[int, str] | None:
    """(1-based line, the character) of the first invisible control character, if any."""
    match = _CONTROL.search(text)
    if not match:
        return None
    return text.count("\n", 0, match.start()) + 1, match.group(0)


CONTROL_ZH = (
    "这一行有一个看不见的控制字符（常见于从 Word、WPS 或微信复制的文字）→ 删掉这一行，重新手动输入"
)
CONTROL_EN = "this line has an invisible control character (often pasted from Word, WPS or WeChat); delete the line and type it again"


def slip_on_line(line: str) -> tuple[str, str] | None:
    """The usual cause of a YAML line that will not parse, if this line shows one."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    if line.startswith("\t") or "\t" in line[: len(line) - len(line.lstrip())]:
        return (
            "这一行用 Tab 键缩进 → 改用空格（同一层的行前面空格数一样多）",
            "this line is indented with a tab; use spaces",
        )
    if line.lstrip(" ").startswith("\u3000") or "\u3000" in line[: len(line) - len(line.lstrip())]:
        return (
            "这一行用了全角空格缩进 → 删掉行首的空格，重新用半角空格缩进",
            "this line is indented with a full-width space; use ordinary spaces",
        )
    if re.match(r"^\s*-?\s*[\w\u4e00-\u9fff.-]+\s*：", line):
        return (
            "名称后面用了中文冒号“：” → 改成英文冒号“:”，后面空一格",
            "a full-width colon '：' after the name; use ':' followed by a space",
        )
    if re.match(r"^\s*-?\s*[A-Za-z_][\w.-]*:[^\s/:]", line):
        return (
            "冒号后面少了一个空格 → 写成“名称: 值”",
            "no space after the colon; write 'name: value'",
        )
    body = stripped.split(":", 1)[-1]
    if body.count('"') % 2 or (body.strip().startswith("'") and body.count("'") % 2):
        return (
            "引号不成对 → 补上另一半引号，或者去掉引号",
            "a quote is not closed; add the closing quote or remove it",
        )
    if body.count("[") != body.count("]") or "［" in body or "］" in body:
        return (
            "方括号不成对，或用了中文方括号“［］” → 列表写成 [甲, 乙]（英文方括号和逗号）",
            "unbalanced or full-width brackets; write a list as [a, b]",
        )
    if "，" in body and body.strip().startswith("["):
        return (
            "列表里用了中文逗号“，” → 列表写成 [甲, 乙]（英文逗号）",
            "a full-width comma in a list; write [a, b]",
        )
    return None


def explain(exc: yaml.YAMLError, text: str) -> YamlError:
    """Turn a parser error into the line and the usual cause an author can act on."""
    lines = text.splitlines()
    if isinstance(exc, yaml.reader.ReaderError):
        found = control_character(text)
        line = found[0] if found else None
        return YamlError(line, CONTROL_ZH, CONTROL_EN)
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    last = problem.line if problem else len(lines) - 1
    first = context.line if context else max(0, last - 1)
    # The slip is usually on the line where the parser's trouble began, or just before it.
    for number in range(min(first, last), min(max(first, last), len(lines) - 1) + 1):
        slip = slip_on_line(lines[number])
        if slip:
            return YamlError(number + 1, slip[0], slip[1])
    for number in range(len(lines)):
        slip = slip_on_line(lines[number])
        if slip:
            return YamlError(number + 1, slip[0], slip[1])
    parser = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = (context or problem).line + 1 if (context or problem) else None
    return YamlError(
        where,
        "这一行的格式读不懂 → 每行写成“名称: 值”（英文冒号，后面空一格）；"
        "文字里有冒号、井号或引号时，整段用引号括起来",
        f"not valid YAML: {parser}",
    )


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of a key path, or of its closest parent that the map has."""
    path = tuple(path)
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
