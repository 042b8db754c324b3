"""The big screen (大屏 / 电子屏): slogans and 口诀 shown one at a time, very large, for hours.

Written as a block whose lines are a plain list, grouped under ``## `` headings::

    /// screen | 校园大屏
        interval: 8
        max_chars: 16

    ## 防骗口诀
    - 不轻信、不透露、不转账、要及时报案
    ///

The page shows the list (readable and printable without JavaScript); ``screen.js`` plays it
full screen. The same lines are exported as a UTF-8 text file, one a line, for LED
controllers that take plain text.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.util import AtomicString

from . import blockspec as spec

_GROUP = re.compile(r"^\s{0,3}##\s+(.+?)\s*$")
_LINE = re.compile(r"^\s{0,3}[-*+]\s+(.+?)\s*$")


@dataclass(frozen=True)
class ScreenLine:
    """One line of the screen: its text, its group and where it was written."""

    text: str
    group: str
    offset: int  # line offset inside the block body, from 0


def parse_lines(body: str) -> tuple[list[ScreenLine], list[tuple[int, str]]]:
    """Read the block body: (lines, [(offset, problem)])."""
    lines, problems, group = [], [], ""
    for offset, raw in enumerate(body.splitlines()):
        if not raw.strip():
            continue
        heading = _GROUP.match(raw)
        if heading:
            group = heading.group(1)
            continue
        item = _LINE.match(raw)
        if item:
            text = item.group(1)
            if "<" in text or ">" in text:
                problems.append((offset, "大屏文字里不能有 < 或 > → 删掉，书名请用《》"))
                continue
            lines.append(ScreenLine(text, group, offset))
            continue
        problems.append(
            (
                offset,
                f"读不懂“{raw.strip()[:20]}” → 大屏块里每一条写成“- 标语”，分组写成“## 组名”",
            )
        )
    if not lines and not problems:
        problems.append((0, "大屏块里没有一条标语 → 每一条写成“- 标语”"))
    seen: dict[str, int] = {}
    for line in lines:
        if line.text in seen:
            problems.append((line.offset, f"“{line.text}”重复了 → 删掉一条"))
        seen.setdefault(line.text, line.offset)
    return lines, problems


def length(text: str) -> int:
    """Characters an LED line shows: everything but spaces."""
    return len(re.sub(r"\s+", "", text))


def length_problems(lines: list[ScreenLine], max_chars: int) -> list[tuple[int, str]]:
    """Lines longer than the author's per-line limit."""
    if not max_chars:
        return []
    return [
        (
            line.offset,
            f"“{line.text}”有 {length(line.text)} 个字，超过了 max_chars 设定的 {max_chars} 个字 → "
            "缩短这一条，或把 max_chars 调大",
        )
        for line in lines
        if length(line.text) > max_chars
    ]


def block_problems(block, where: str) -> list:
    """Check a screen block found in a page, with the line of each problem."""
    from .problems import Problem

    lines, problems = parse_lines(block.body)
    problems += length_problems(lines, int(block.options.get("max_chars") or 0))
    return [Problem(where, block.body_line + offset, message) for offset, message in problems]


def led_uri(src_uri: str) -> str:
    """Where a screen page's LED file goes: ``handouts/dapin.md`` → ``handouts/dapin.txt``."""
    return posixpath.splitext(src_uri)[0] + ".txt"


def led_text(lines: list[ScreenLine]) -> str:
    """The LED file: UTF-8, one line each, Windows line endings (LED software runs on Windows)."""
    return "".join(line.text + "\r\n" for line in lines)


class ScreenBlock(spec.StrictBlock):
    """
    Slogans for a hall screen, shown one at a time in very large type.

    Arguments (1 optional):
    - A name for the screen (shown on the page).

    Options:
    - `interval` (1–120): seconds each line stays on screen (default 8).
    - `max_chars` (4–60): the longest line an LED screen can show; longer lines stop the build.

    Content:
    Lines written ``- 标语``, optionally grouped under ``## 组名``.
    """

    NAME = "screen"
    ARGUMENT = None
    OPTIONS = {
        "interval": [8, spec.whole_number(1, 120)],
        "max_chars": [0, spec.whole_number(4, 60)],
    }

    def on_markdown(self) -> str:
        """The lines are plain text."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The screen's container, with its settings for screen.js."""
        return etree.SubElement(
            parent,
            "div",
            {
                "class": "fz-screen",
                "data-screen": "",
                "data-interval": str(self.options["interval"]),
            },
        )

    def on_end(self, block: etree.Element) -> None:
        """List the lines by group; refuse what cannot be shown."""
        body = str(block.text or "")
        block.text = None
        lines, problems = parse_lines(body)
        problems += length_problems(lines, self.options["max_chars"])
        if problems:
            raise spec.BlockError("/// screen：" + "；".join(message for _, message in problems))
        if self.argument:
            name = etree.SubElement(block, "p", {"class": "fz-screen__name"})
            name.text = AtomicString(self.argument.strip())
        controls = etree.SubElement(
            block, "p", {"class": "fz-screen__controls", "data-screen-controls": "", "hidden": ""}
        )
        play = etree.SubElement(
            controls,
            "button",
            {"type": "button", "class": "md-button md-button--primary", "data-screen-play": ""},
        )
        play.text = AtomicString("全屏播放")
        note = etree.SubElement(controls, "span", {"class": "fz-screen__hint"})
        note.text = AtomicString(
            f"每条停留 {self.options['interval']} 秒，循环播放；按 Esc 退出，空格暂停。"
        )
        current, items = None, None
        for line in lines:
            if items is None or line.group != current:
                current = line.group
                group = etree.SubElement(block, "section", {"class": "fz-screen__group"})
                if line.group:
                    title = etree.SubElement(group, "p", {"class": "fz-screen__group-title"})
                    title.text = AtomicString(line.group)
                items = etree.SubElement(group, "ol", {"class": "fz-screen__lines"})
            item = etree.SubElement(items, "li", {"data-screen-line": ""})
            item.text = AtomicString(line.text)
