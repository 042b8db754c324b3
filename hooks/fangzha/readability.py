"""Fit for the reader: pages for the elderly say 您 in short sentences; content gets reviewed.

Two checks run on every page whose ``audiences`` include ``elderly`` (README 「写给老年人」):

- every sentence has at most :data:`ELDERLY_SENTENCE_MAX` characters, not counting
  punctuation and spaces (a sentence ends at 。！？； or at the end of a line);
- the reader is addressed as 您: a 你 outside quotation marks is reported (what someone else
  said, quoted in “…” or 「…」, stays as it was said).

And one over the whole site: a page whose ``reviewed`` date is more than
:data:`REVIEW_MONTHS` months old is named, so that someone checks it against current
official material before the next campaign.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator

from .bands import text_lines
from .blockspec import FoundBlock
from .model import ContentPage
from .problems import Problem

ELDERLY_SENTENCE_MAX = 40
REVIEW_MONTHS = 12

_TABLE_ROW = re.compile(r"^\s*\|")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ATTRS = re.compile(r"\{\s*[:.#][^}]*\}")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+\s*(?:\"([^\"]*)\")?\s*$")
_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|:\s{3})+")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’|\"[^\"\n]*\"")


def for_elderly(page: ContentPage) -> bool:
    """Pages the elderly are among the readers of."""
    return "elderly" in page.audiences


def length(sentence: str) -> int:
    """Characters a reader reads: everything but punctuation, symbols and spaces."""
    return sum(
        1
        for char in sentence
        if not char.isspace() and not unicodedata.category(char).startswith(("P", "S"))
    )


def _skipped_lines(blocks: Iterable[FoundBlock]) -> set[int]:
    """A block's header, option and closing lines are settings, not text for the reader."""
    lines: set[int] = set()
    for block in blocks:
        lines.update(range(block.line, block.body_line))
        if block.end_line:
            lines.add(block.end_line)
    return lines


def reader_text(
    body: str, first_line: int, blocks: Iterable[FoundBlock]
) -> Iterator[tuple[int, str]]:
    """(line, text) of what a reader reads: Markdown and HTML markup removed, tables left out."""
    skipped = _skipped_lines(blocks)
    for line, text in text_lines(body, first_line):
        if line in skipped or _TABLE_ROW.match(text) or text.strip().startswith("<!--"):
            continue
        admonition = _ADMONITION.match(text)
        if admonition:
            text = admonition.group(1) or ""
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _TAG.sub("", text)
        text = _ATTRS.sub("", text)
        text = _PLACEHOLDER.sub("某某", text)
        text = _LEAD.sub("", text).replace("**", "").replace("__", "")
        if text.strip():
            yield line, text.strip()


def sentences(text: str) -> list[str]:
    """Split one line of text after each 。！？；."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def elderly_problems(page: ContentPage, blocks: Iterable[FoundBlock], where: str) -> list[Problem]:
    """Long sentences and 你 on a page for the elderly, each at its line."""
    if not for_elderly(page):
        return []
    problems = []
    blocks = list(blocks)
    quoted = _quoted_lines(blocks)
    practice = _practice_lines(blocks)
    for line, text in reader_text(page.body, page.body_line, blocks):
        if line in quoted:
            continue
        if line in practice:
            # 旁白：/问：/复盘：… are labels, and a choice's arrow names the step it leads to.
            text = _PRACTICE_LABEL.sub("", _CHOICE_TARGET.sub("", text))
        for sentence in sentences(text):
            count = length(sentence)
            if count > ELDERLY_SENTENCE_MAX:
                shown = sentence if len(sentence) <= 16 else sentence[:14] + "…"
                problems.append(
                    Problem(
                        where,
                        line,
                        f"这一页也写给老年人，“{shown}”这句话有 {count} 个字 → 拆成几句短话，"
                        f"每句不超过 {ELDERLY_SENTENCE_MAX} 个字（不算标点）",
                        f"this page is also for older readers and a sentence here has {count} "
                        f"characters; split it so that each has at most {ELDERLY_SENTENCE_MAX}",
                    )
                )
        unquoted = _QUOTED.sub("", text)
        if "你" in unquoted:
            problems.append(
                Problem(
                    where,
                    line,
                    "这一页也写给老年人，称呼读者要用“您” → 把这一行的“你”改成“您”（“你们”改成“大家”）；"
                    "引号里照录别人说的话可以不改",
                    "this page is also for older readers: address the reader as 您, not 你 "
                    "(words quoted from someone else may stay)",
                )
            )
    return problems


_PRACTICE_LABEL = re.compile(r"^\s*(?:旁白|问|复盘|说明|核实)\s*[:：]\s*")
_CHOICE_TARGET = re.compile(r"\s*(?:→|->|=>|⇒|➜)\s*[^→]*$")


def _practice_lines(blocks: list[FoundBlock]) -> set[int]:
    lines: set[int] = set()
    for block in blocks:
        if block.name in ("drill", "spot") and block.end_line:
            lines.update(range(block.body_line, block.end_line))
    return lines


def _quoted_lines(blocks: list[FoundBlock]) -> set[int]:
    """Lines of practice blocks that quote a scammer or a message as received."""
    from . import drill, spot

    lines: set[int] = set()
    for block in blocks:
        if block.name == "drill":
            lines |= drill.speech_lines(block)
        elif block.name == "spot":
            lines |= spot.speech_lines(block)
    return lines


def review_limit(today: dt.date) -> dt.date:
    """The oldest ``reviewed`` date still within :data:`REVIEW_MONTHS` months of ``today``."""
    month = today.month - REVIEW_MONTHS % 12
    year = today.year - REVIEW_MONTHS // 12 - (month < 1)
    month = month + 12 if month < 1 else month
    for day in range(today.day, 0, -1):  # 29 February, 31st of a short month
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_pages(pages: Iterable[ContentPage], today: dt.date, where: str = "docs") -> list[Problem]:
    """Pages last reviewed more than :data:`REVIEW_MONTHS` months before ``today``."""
    out = []
    for page in sorted(pages, key=lambda p: p.src_uri):
        reviewed = page.meta.get("reviewed")
        if reviewed and reviewed < review_limit(today):
            out.append(
                Problem(
                    f"{where}/{page.src_uri}",
                    None,
                    f"reviewed: {reviewed.isoformat()}，这一页已经超过 {REVIEW_MONTHS} 个月没有核对 → "
                    "请对照最新的官方材料（README「来源与复核」）核对一遍，再把 reviewed 改成核对的日期",
                    f"reviewed {reviewed.isoformat()}: not checked for more than {REVIEW_MONTHS} months"
                    "; check it against current official material and update 'reviewed'",
                )
            )
    return out
