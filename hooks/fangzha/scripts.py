"""Texts read aloud (国旗下讲话, 校园广播, 小喇叭): what is spoken, and how long it takes.

A script page's body is what the reader says, apart from headings, notes in admonitions
(``!!! note``), HTML comments and stage directions in 【】 (【音乐起】). Its length in spoken
syllables — Chinese characters, digits, Latin words — at the type's speaking rate
(:data:`fangzha.model.SPEAKING_RATE`) gives the reading time.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import templating
from .model import SCRIPT_TYPES, SPEAKING_RATE

_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIRECTION = re.compile(r"【[^】]*】")
# A link is spoken as its text; attribute lists ({ .class }) are not spoken at all.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"\{\s*[:.#][^}]*\}")
_TAG = re.compile(r"<[^>]+>")
_SPOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\d|[A-Za-z]+")
_BLOCK_LINE = re.compile(r"^ {0,3}/{3,}")


@dataclass(frozen=True)
class ReadingTime:
    """How long a script takes to read at its type's rate."""

    units: int  # syllables: characters, digits, Latin words
    rate: int  # per minute
    seconds: int

    def text(self) -> str:
        """约 2 分 10 秒"""
        return "约 " + clock(self.seconds)


def clock(seconds: int) -> str:
    """2 分 10 秒, 45 秒, 4 分钟."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} 秒"
    if not rest:
        return f"{minutes} 分钟"
    return f"{minutes} 分 {rest} 秒"


def spoken_text(body: str) -> str:
    """The part of a script page that is read aloud."""
    body = _COMMENT.sub("", body)
    out, in_note = [], False
    for line in body.splitlines():
        if _ADMONITION.match(line):
            in_note = True
            continue
        if in_note:
            if not line.strip() or line.startswith(("    ", "\t")):
                continue
            in_note = False
        if _HEADING.match(line) or _BLOCK_LINE.match(line):
            continue
        line = _DIRECTION.sub("", line)
        line = _ATTRS.sub("", _LINK.sub(r"\1", line))
        out.append(_TAG.sub("", line))
    return "\n".join(out)


def reading_time(body: str, script_type: str) -> ReadingTime:
    """Measure a script body at its type's speaking rate."""
    if script_type not in SCRIPT_TYPES:
        raise ValueError(f"unknown script type {script_type!r}")
    units = len(_SPOKEN.findall(spoken_text(body)))
    rate = SPEAKING_RATE[script_type]
    return ReadingTime(units, rate, math.ceil(units * 60 / rate))


def page_reading_time(page, context: dict) -> ReadingTime:
    """A script page's reading time, with {{ org.* }} filled in as the reader will say it."""
    body = page.body
    if templating.uses_settings(body):
        body, problems = templating.render_page(body, context, page.src_uri, page.body_line)
    return reading_time(body, page.meta["script_type"])


def summary_markdown(time: ReadingTime, declared: int, script_type: str) -> str:
    """The line shown above a script: reading time, how it was computed, the planned length."""
    return (
        f'<p class="fz-reading-time" data-reading-seconds="{time.seconds}">'
        f"<strong>朗读时长{time.text()}</strong>"
        f"（{SCRIPT_TYPES[script_type]}，共 {time.units} 字，按每分钟 {time.rate} 字计；"
        f"计划时长 {clock(declared)}）</p>\n\n"
    )
