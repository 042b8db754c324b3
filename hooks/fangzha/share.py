"""The short version of a page for a WeChat or DingTalk group (微信群/公众号短版), with a copy button.

Community workers and teachers forward a few lines, not a page. Every scam page carries them::

    /// share | 转发到微信群
    【防骗提醒】刷单返利诈骗
    “点赞返现、做任务赚佣金”，先给小甜头，再让你垫付大钱。
    ///

The lines are plain text, pasted as written: at most :data:`MAX_LINES` of them, none over
:data:`MAX_LINE_CHARS` characters, no Markdown (a chat shows ``**`` as it is). The page shows
them with a 复制文字 button (``share.js``); what is copied ends with the page's address, so the
reader in the group can open the whole page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.util import AtomicString

from . import blockspec as spec

MAX_LINES = 10
MAX_LINE_CHARS = 80
DEFAULT_TITLE = "转发到微信群的短版"

_MARKUP = re.compile(r"\*\*|__|\]\(|^\s*#{1,6}\s|<[a-z!/]", re.I)


@dataclass(frozen=True)
class Problem:
    """A mistake in a share block: its line offset inside the block body, in both languages."""

    offset: int
    zh: str
    en: str


def parse(body: str) -> tuple[list[str], list[Problem]]:
    """The block's lines, and what is wrong with them."""
    lines, problems = [], []
    for offset, raw in enumerate(body.splitlines()):
        text = raw.strip()
        if not text:
            continue
        if _MARKUP.search(text):
            problems.append(
                Problem(
                    offset,
                    "转发的文字会原样贴进群里，**、[文字](链接)、# 和 <…> 不会变成粗体、链接或标题 → "
                    "去掉这些符号；本页的网址会自动加在最后",
                    "the text is pasted into a chat as written: remove Markdown and HTML markup; "
                    "the page's address is added at the end",
                )
            )
            continue
        if len(text) > MAX_LINE_CHARS:
            problems.append(
                Problem(
                    offset,
                    f"这一行有 {len(text)} 个字，在手机上要翻好几屏 → 每行不超过 {MAX_LINE_CHARS} 个字，"
                    "长的拆成两行",
                    f"a line of {len(text)} characters; keep each under {MAX_LINE_CHARS}",
                )
            )
        lines.append((offset, text))
    if not lines and not problems:
        problems.append(
            Problem(
                0,
                "/// share 块里没有文字 → 写几行可以直接转发到微信群的提醒（不超过 10 行）",
                "the share block is empty; write the lines to forward (at most 10)",
            )
        )
    if len(lines) > MAX_LINES:
        problems.append(
            Problem(
                lines[MAX_LINES][0],
                f"转发的文字有 {len(lines)} 行，从这一行起超过了 {MAX_LINES} 行 → "
                f"删减到 {MAX_LINES} 行以内，细节留给页面",
                f"{len(lines)} lines; keep it to {MAX_LINES}",
            )
        )
    return [text for _, text in lines], problems


def block_problems(block, where: str) -> list:
    """Check a share block found in a page, each problem at its line."""
    from .problems import Problem as SiteProblem

    _, problems = parse(block.body)
    return [SiteProblem(where, block.body_line + p.offset, p.zh, p.en) for p in problems]


class ShareBlock(spec.StrictBlock):
    """
    A few lines to paste into a chat group, with a button that copies them and the page address.

    Arguments (1 optional):
    - The box's title (default 转发到微信群的短版).

    Options:
    - `link` (true | false): add the page's address to the copied text (default true).

    Content:
    At most ten lines of plain text.
    """

    NAME = "share"
    ARGUMENT = None
    OPTIONS = {"link": [True, spec.flag]}

    def on_markdown(self) -> str:
        """The lines are plain text, pasted as written."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The box, with its settings for share.js."""
        # Out of the search index: the lines repeat the page, and the box's title and hint,
        # the same on every scam page, would make 微信群 match all of them.
        attrs = {"class": "fz-copy", "data-copy": "", "data-search-exclude": ""}
        if self.options["link"]:
            attrs["data-copy-link"] = ""
        return etree.SubElement(parent, "aside", attrs)

    def on_end(self, block: etree.Element) -> None:
        """Show the lines, and the copy button share.js reveals."""
        lines, problems = parse(str(block.text or ""))
        block.text = None
        if problems:
            raise spec.BlockError("/// share：" + "；".join(p.zh for p in problems))
        title = etree.SubElement(block, "h2", {"class": "fz-copy__title"})
        title.text = AtomicString((self.argument or "").strip() or DEFAULT_TITLE)
        text = etree.SubElement(block, "div", {"class": "fz-copy__text", "data-copy-text": ""})
        for line in lines:
            paragraph = etree.SubElement(text, "p")
            paragraph.text = AtomicString(line)
        actions = etree.SubElement(
            block, "p", {"class": "fz-copy__actions", "data-copy-actions": "", "hidden": ""}
        )
        button = etree.SubElement(
            actions,
            "button",
            {"type": "button", "class": "md-button md-button--primary", "data-copy-button": ""},
        )
        button.text = AtomicString("复制文字")
        status = etree.SubElement(
            actions, "span", {"class": "fz-copy__status", "role": "status", "data-copy-status": ""}
        )
        status.text = AtomicString(
            "复制后在微信群里长按输入框，选“粘贴”"
            + ("；文字后面带着本页网址。" if self.options["link"] else "。")
        )
