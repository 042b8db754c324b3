"""What page text may not do: run code in a reader's browser, or look like a link and not be one.

Markdown lets an author write raw HTML and attribute lists, and a link to any address. A page
of this site is read by parents from a class group: a ``javascript:`` link, an ``onclick`` in
an attribute list or a ``<script>`` pasted from somewhere stops the build with a line saying
so. The same scan names the full-width slips that leave a link as plain text: ［文字］(…) and
[文字]（…）.
"""

from __future__ import annotations

import re

from .bands import text_lines
from .blockspec import FoundBlock
from .problems import Problem

# Blocks whose content is plain text the site escapes itself (a quiz may quote <script>).
RAW_BLOCKS = ("quiz", "receipt", "screen", "record", "signatures", "share", "drill", "spot")

_SCHEME = r"(?:javascript|vbscript|data|file)\s*:"
_MD_LINK = re.compile(r"\]\(\s*<?\s*(" + _SCHEME + ")", re.I)
_HTML_URL = re.compile(
    r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*(" + _SCHEME + ")", re.I
)
_TAG = re.compile(
    r"<\s*(script|iframe|object|embed|form|input|button|style|link|meta|base|frame|frameset|svg)\b",
    re.I,
)
_HANDLER = re.compile(r"(?:<[a-z][^>]*?|\{[^}]*?)\s(on[a-z]+)\s*=", re.I)
_FULL_WIDTH_TARGET = re.compile(r"\]\s*（[^）\s]*[./][^）]*）")
_FULL_WIDTH_TEXT = re.compile(r"［[^］\n]*］\s*[（(]")


def problems(body: str, first_line: int, blocks: list[FoundBlock], where: str) -> list[Problem]:
    """Everything unsafe or silently broken in a page body, each at its line."""
    raw_lines = set()
    for block in blocks:
        # A block's title is set as text by the block itself; so is a raw block's content.
        raw_lines.add(block.line)
        if block.name in RAW_BLOCKS:
            raw_lines.update(range(block.body_line, (block.end_line or block.body_line) + 1))
    found = []
    for line, text in text_lines(body, first_line):
        if line in raw_lines:
            continue
        scheme = _MD_LINK.search(text) or _HTML_URL.search(text)
        if scheme:
            name = re.sub(r"\s", "", scheme.group(1)).lower()
            found.append(
                Problem(
                    where,
                    line,
                    f"链接地址以“{name}”开头，会在读者的浏览器里运行代码或打开本机文件 → 删掉这个链接；"
                    "只能链接网页（https://…）、电话（tel:…）和本站的 .md 页面",
                    f"a link to a {name} address would run code or open local files in the reader's "
                    "browser; link only to web pages, tel: numbers and .md pages of this site",
                )
            )
        tag = _TAG.search(text)
        if tag:
            found.append(
                Problem(
                    where,
                    line,
                    f"正文里有 <{tag.group(1).lower()}> 标签 → 删掉它：页面里不能放脚本、嵌入其他网页或表单"
                    "（要在正文里显示尖括号，请写成 &lt; 和 &gt;）",
                    f"a <{tag.group(1).lower()}> tag in the page; remove it: pages hold no scripts, "
                    "embedded pages or forms",
                )
            )
        handler = _HANDLER.search(text)
        if handler:
            found.append(
                Problem(
                    where,
                    line,
                    f"这里写了 {handler.group(1)} 这样的事件属性，点一下就会运行代码 → 删掉它",
                    f"an event attribute {handler.group(1)} would run code; remove it",
                )
            )
        if _FULL_WIDTH_TARGET.search(text):
            found.append(
                Problem(
                    where,
                    line,
                    "链接地址用了中文括号“（）”，页面上会原样显示、点不开 → 写成 [文字](地址)，用英文括号",
                    "a link address in full-width brackets （…） shows as text; write [text](address)",
                )
            )
        elif _FULL_WIDTH_TEXT.search(text):
            found.append(
                Problem(
                    where,
                    line,
                    "链接文字用了中文方括号“［］”，页面上会原样显示、点不开 → 写成 [文字](地址)，用英文方括号",
                    "link text in full-width brackets ［…］ shows as text; write [text](address)",
                )
            )
    return found
