"""Blocks that fail loudly: one option grammar for the Markdown extension and the build's check.

pymdownx.blocks quietly leaves a block as plain text when an option is unknown, malformed
or written in a way YAML cannot read: a typo in ``/// receipt`` would make the whole tear-off
slip vanish while the build stays green. Two things here stop that:

- :class:`StrictBlock`, the base of every block of this site, raises :class:`BlockError`
  naming the option and what to write instead, where pymdownx would return False;
- :func:`scan_blocks` finds the same blocks in a page's raw Markdown with their line
  numbers and checks their options with the same specs, so a build reports
  ``file:line`` before anything is rendered. It follows pymdownx's grammar: a header
  ``/// name | argument`` at the start of a line (up to three spaces in), option lines
  indented four spaces right below it (YAML), the content, and a closing line of the same
  number of slashes.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks.block import Block

from .problems import Problem, say


class BlockError(ValueError):
    """A block that cannot be rendered as written; the message says what to write instead."""


class Invalid(ValueError):
    """An option value does not fit; ``expected`` completes 「应当写…」."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


# -- option validators: each takes the YAML value and returns the clean one ----------------


def one_of(choices: Mapping[str, str] | Iterable[str]) -> Callable[[Any], str]:
    """One word from a fixed list (with what each means, when given)."""
    if isinstance(choices, Mapping):
        names = list(choices)
        expected = "、".join(f"{k}（{v}）" for k, v in choices.items())
    else:
        names = list(choices)
        expected = "、".join(names)

    def check(value: Any) -> str:
        text = str(value).strip() if isinstance(value, str | int) else None
        if text not in names:
            raise Invalid(f"其中之一：{expected}")
        return text

    check.expected = f"其中之一：{expected}"  # type: ignore[attr-defined]
    return check


def text(*, max_len: int = 80) -> Callable[[Any], str]:
    """A short text on one line."""
    expected = f"一行文字（不超过 {max_len} 个字）"

    def check(value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
            raise Invalid(expected)
        if len(value.strip()) > max_len:
            raise Invalid(expected)
        return value.strip()

    check.expected = expected  # type: ignore[attr-defined]
    return check


def split_items(value: str) -> list[str]:
    """Split 'a, b，c' into items; 、 separates items only in a list with no commas at all.

    Teachers write 学生姓名、班级、日期 as a list, but also 不点陌生链接、不扫陌生二维码, 验证码不给人
    where 、 joins parts of one item.
    """
    separators = r"[,，;；]" if re.search(r"[,，;；]", value) else r"[、]"
    return [item.strip() for item in re.split(separators, value) if item.strip()]


def word_list(*, max_items: int = 12, max_len: int = 30, allow_empty: bool = False):
    """Items separated by commas (，or ,) or 、, as teachers write them."""
    expected = f"用逗号隔开的几项，例如“学生姓名, 班级, 日期”（最多 {max_items} 项）"

    def check(value: Any) -> list[str]:
        if value is None or value == "":
            if allow_empty:
                return []
            raise Invalid(expected)
        if isinstance(value, list):
            items = [str(v).strip() for v in value]
        elif isinstance(value, str | int):
            items = split_items(str(value))
        else:
            raise Invalid(expected)
        items = [i for i in items if i]
        if (not items and not allow_empty) or len(items) > max_items:
            raise Invalid(expected)
        if any(len(i) > max_len for i in items):
            raise Invalid(expected)
        if len(set(items)) != len(items):
            raise Invalid(expected + "，不要重复")
        return items

    check.expected = expected  # type: ignore[attr-defined]
    return check


def flag(value: Any) -> bool:
    """true or false (YAML's yes/no too)."""
    if isinstance(value, bool):
        return value
    raise Invalid("true 或 false")


flag.expected = "true 或 false"  # type: ignore[attr-defined]


def whole_number(low: int, high: int) -> Callable[[Any], int]:
    """A whole number within bounds, written with ASCII or full-width digits."""
    expected = f"一个 {low} 到 {high} 之间的整数"

    def check(value: Any) -> int:
        if isinstance(value, str):
            value = value.strip().translate(FULL_WIDTH_DIGITS)
            value = int(value) if value.isdigit() else None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(expected)
        return value

    check.expected = expected  # type: ignore[attr-defined]
    return check


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# -- the options of one block, checked the same way at render time and at build time -------

# Every pymdownx block also takes ``attrs`` (HTML attributes); this site's blocks do not use it.
_PYMDOWNX_OPTIONS = ("attrs",)


def option_problems(
    block: type[Block], argument: str | None, options: Mapping[str, Any]
) -> list[tuple[str | None, str, str]]:
    """Check a block's argument and options against its spec: (option or None, zh, en)."""
    out: list[tuple[str | None, str, str]] = []
    name = block.NAME
    if block.ARGUMENT is True and not (argument or "").strip():
        out.append(
            (
                None,
                f"/// {name} 后面缺少标题 → 写成“/// {name} | 标题”",
                f"/// {name} needs a title: '/// {name} | title'",
            )
        )
    elif block.ARGUMENT is False and (argument or "").strip():
        out.append(
            (
                None,
                f"/// {name} 不带标题 → 去掉“|”和后面的文字",
                f"/// {name} takes no title; remove '|' and what follows",
            )
        )
    spec = block.OPTIONS
    for key, value in options.items():
        key = str(key)
        if key not in spec:
            hint = difflib.get_close_matches(key, list(spec), n=1, cutoff=0.5)
            guess = f"（是不是想写 {hint[0]}？）" if hint else ""
            allowed = "、".join(spec) or "没有选项"
            out.append(
                (
                    key,
                    f"/// {name} 没有“{key}”这个选项{guess} → 可用的选项：{allowed}",
                    f"/// {name} has no option {key!r}"
                    + (f" (did you mean {hint[0]!r}?)" if hint else "")
                    + f"; expected one of: {', '.join(spec) or 'none'}",
                )
            )
            continue
        validator = spec[key][1]
        try:
            validator(value)
        except (Invalid, TypeError, ValueError) as exc:
            expected = getattr(exc, "expected", None) or getattr(validator, "expected", "合适的值")
            out.append(
                (
                    key,
                    f"/// {name} 的选项 {key} 写成了 {_shown(value)} → 应当写{expected}",
                    f"/// {name}: option {key} found {value!r}, expected {getattr(validator, 'english', expected)}",
                )
            )
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value if len(value) <= 30 else value[:28] + '…'}”"
    if value is None:
        return "空白"
    return f"“{value}”"


class StrictBlock(Block):
    """A pymdownx block that raises on a bad argument or option instead of becoming text."""

    def _validate(self, parent, arg, **options):  # noqa: D401 - pymdownx's hook
        problems = option_problems(type(self), arg, options)
        if problems:
            raise BlockError("；".join(say(zh, en) for _, zh, en in problems))
        return super()._validate(parent, arg, **options)


# -- finding blocks in raw Markdown, with line numbers --------------------------------------

_HEADER = re.compile(r"^ {0,3}(/{3,})[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$")
_END = re.compile(r"^ {0,3}(/{3,})[ ]*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_OPTION_LINE = re.compile(r"^ {4,}\S")
# An option line a teacher meant but pymdownx will not read as one: a tab or too few spaces,
# or a full-width colon.
_ALMOST_OPTION = re.compile(r"^(\t+| {1,3})?([a-z_]+)\s*[:：]")


@dataclass
class FoundBlock:
    """A block as written in a page: where it is, its options and its raw content."""

    name: str
    argument: str | None
    line: int
    length: int  # number of slashes
    options: dict[str, Any] = field(default_factory=dict)
    option_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    end_line: int | None = None
    parent: FoundBlock | None = None


def scan_blocks(
    markdown: str, blocks: Mapping[str, type[Block]], where: str, first_line: int = 1
) -> tuple[list[FoundBlock], list[Problem]]:
    """Find every block of the given kinds (outside code fences) and check its options."""
    lines = markdown.splitlines()
    found: list[FoundBlock] = []
    problems: list[Problem] = []
    stack: list[FoundBlock] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = first_line + i
        fenced = _FENCE.match(raw)
        if fenced:
            mark = fenced.group(1)[0]
            fence = None if fence == mark else (fence or mark)
            i += 1
            continue
        if fence:
            i += 1
            continue
        end = _END.match(raw)
        if end:
            length = len(end.group(1))
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].length == length:
                    closing = stack[depth]
                    closing.end_line = number
                    closing.body = "\n".join(lines[closing.body_line - first_line : i])
                    del stack[depth:]
                    break
            else:
                problems.append(
                    Problem(
                        where,
                        number,
                        f"这一行 {end.group(1)} 没有对应的块开头，会原样显示出来 → "
                        "删掉它，或检查上面的块是否已经结束",
                    )
                )
            i += 1
            continue
        header = _HEADER.match(raw)
        if header and header.group(2).lower() not in blocks:
            problems.extend(_unknown_block(header.group(2), blocks, where, number))
            # Its closing line belongs to it: one slip, one message.
            stack.append(FoundBlock(header.group(2), None, number, len(header.group(1))))
            stack[-1].body_line = number + 1
            i += 1
            continue
        if not header:
            i += 1
            continue
        name = header.group(2).lower()
        block = FoundBlock(
            name,
            header.group(3),
            number,
            len(header.group(1)),
            parent=stack[-1] if stack else None,
        )
        j = i + 1
        while j < len(lines) and _OPTION_LINE.match(lines[j]):
            j += 1
        option_text = "\n".join(lines[i + 1 : j])
        options, found_problems = _options(option_text, where, number + 1)
        problems.extend(found_problems)
        if j < len(lines) and not found_problems and j == i + 1:
            problems.extend(_almost_option(lines[j], blocks[name], where, number + 1))
        block.options = options
        block.option_lines = {
            key: number + 1 + offset
            for offset, text in enumerate(lines[i + 1 : j])
            for key in options
            if re.match(rf"^\s+{re.escape(str(key))}\s*:", text)
        }
        for key, zh, en in option_problems(blocks[name], block.argument, options):
            at = block.option_lines.get(key, number) if key else number
            problems.append(Problem(where, at, zh, en))
        block.body_line = first_line + j
        found.append(block)
        stack.append(block)
        i = j
    for block in stack:
        if block.name.lower() not in blocks:
            continue
        problems.append(
            Problem(
                where,
                block.line,
                f"/// {block.name} 没有结束 → 在它的内容后面另起一行，写上 {'/' * block.length}",
            )
        )
        block.body = "\n".join(lines[block.body_line - first_line :])
    return found, problems


def _options(text: str, where: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
    """Read option lines as pymdownx does (YAML), naming the usual slips when it cannot."""
    if not text.strip():
        return {}, []
    dedented = textwrap.dedent(text)
    for offset, row in enumerate(dedented.splitlines()):
        slip = _option_slip(row)
        if slip:
            return {}, [Problem(where, line + offset, slip)]
    try:
        data = yaml.safe_load(dedented)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = line + (mark.line if mark else 0)
        return {}, [
            Problem(
                where,
                at,
                "这几行选项读不懂 → 每行写成“选项名: 值”（英文冒号，冒号后空一格），"
                "每行前面空 4 个空格，不要用 Tab 键",
            )
        ]
    if not isinstance(data, dict):
        return {}, [
            Problem(
                where,
                line,
                "块的标题下面紧跟的缩进行会被当作选项 → 写成“选项名: 值”；"
                "如果这是正文，请在标题和正文之间空一行，正文不要缩进",
            )
        ]
    return data, []


def _option_slip(row: str) -> str | None:
    stripped = row.strip()
    if re.match(r"^[a-z_]+\s*：", stripped):
        return "选项名后面用了中文冒号“：” → 改成英文冒号加一个空格，例如“fields: 学生姓名, 班级”"
    if re.match(r"^[a-z_]+:\S", stripped) and not re.match(r"^[a-z_]+:(//|\d)", stripped):
        return "选项名的冒号后面少了一个空格 → 写成“选项名: 值”"
    if "\u3000" in row[: len(row) - len(row.lstrip())] or stripped.startswith("\u3000"):
        return "这一行用了全角空格缩进 → 改用 4 个普通空格"
    return None


def _almost_option(row: str, block: type[Block], where: str, line: int) -> list[Problem]:
    """An option-looking line right below a header that pymdownx will read as content."""
    match = _ALMOST_OPTION.match(row)
    if not match or match.group(2) not in block.OPTIONS:
        return []
    indent = match.group(1) or ""
    if "\t" in indent:
        how = "这一行用 Tab 键缩进"
    elif indent:
        how = f"这一行只缩进了 {len(indent)} 个空格"
    else:
        how = "这一行没有缩进"
    return [
        Problem(
            where,
            line,
            f"{how}，会被当成正文而不是选项 {match.group(2)} → 选项行前面空 4 个空格",
        )
    ]


def _unknown_block(
    name: str, blocks: Mapping[str, type[Block]], where: str, line: int
) -> list[Problem]:
    hint = difflib.get_close_matches(name.lower(), list(blocks), n=1, cutoff=0.6)
    guess = f"（是不是想写 /// {hint[0]}？）" if hint else ""
    return [
        Problem(
            where,
            line,
            f"没有叫“{name}”的块{guess}，它会原样显示成文字 → 可用的块：{'、'.join(blocks)}",
        )
    ]


# -- the net under it all: a block header left as text stops the render ---------------------

_LEFTOVER = re.compile(r"^\s*(/{3,})\s*([\w-]*)")


class LeftoverBlocks(Treeprocessor):
    """Raise when a paragraph still starts with ``///`` after blocks ran: a block did not open."""

    def __init__(self, md, names: Iterable[str]):
        super().__init__(md)
        self.names = list(names)

    def run(self, root):
        for element in root.iter("p"):
            match = _LEFTOVER.match(element.text or "")
            if not match:
                continue
            name = match.group(2).lower()
            if not name:
                raise BlockError(
                    f"多了一行 {match.group(1)}，或者它前面的块没有写对 → "
                    "检查上面的块：标题行、选项的缩进和冒号"
                )
            raise BlockError(
                f"/// {name} 块没有生效，原样显示成了文字 → 检查块名（可用的块："
                f"{'、'.join(self.names)}）和选项：选项行前面空 4 个空格，"
                "写成“选项名: 值”（英文冒号加空格）"
            )
        return None
