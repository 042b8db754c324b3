"""Marked phrases in a practice message: ``==短语|为什么==``, the red flags a reader should see.

Drills and 真还是假 rounds write a message as the reader would receive it and mark the telling
phrases in it: the scammer's 「安全账户」 with why it gives the scam away, or a genuine bank
SMS's 「请勿泄露」 with why it is a sign of the real thing. The players keep the marks hidden
while the reader decides, then highlight them in the message itself with their notes.

The syntax borrows ``==…==`` (highlight, as in pymdownx.mark) and adds the note after a bar;
a full-width ``｜`` works too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.util import AtomicString

_MARK = re.compile(r"==(.+?)==")
_BAR = re.compile(r"[|｜]")

NOTE_MAX = 60


@dataclass(frozen=True)
class Segment:
    """A run of message text; a marked phrase has its note."""

    text: str
    note: str | None = None


def parse(text: str) -> tuple[list[Segment], list[str]]:
    """Split a message into plain and marked segments: (segments, problems in Chinese)."""
    problems: list[str] = []
    segments: list[Segment] = []
    at = 0
    for match in _MARK.finditer(text):
        if match.start() > at:
            segments.append(Segment(text[at : match.start()]))
        inner = match.group(1)
        parts = _BAR.split(inner, maxsplit=1)
        phrase = parts[0].strip()
        note = parts[1].strip() if len(parts) > 1 else ""
        if not phrase:
            problems.append(f"“=={inner}==”里没有要标出的话 → 写成“==可疑的话|为什么可疑==”")
        elif not note:
            problems.append(
                f"标出的“{phrase}”后面缺少说明 → 写成“=={phrase}|为什么要注意这句话==”，"
                "用竖线“|”隔开"
            )
        elif len(note) > NOTE_MAX:
            problems.append(f"“{phrase}”的说明有 {len(note)} 个字 → 缩短到 {NOTE_MAX} 个字以内")
        segments.append(Segment(phrase, note or None))
        at = match.end()
    rest = text[at:]
    if "==" in rest:
        problems.append("这一行的“==”没有配对 → 标出的话写成“==短语|说明==”，前后各两个等号")
    if rest:
        segments.append(Segment(rest))
    return segments, problems


def plain(text: str) -> str:
    """The message as the reader receives it: marks and notes removed."""
    segments, _ = parse(text)
    return "".join(s.text for s in segments)


def notes(text: str) -> list[tuple[str, str]]:
    """(phrase, note) of every marked phrase, in order."""
    segments, _ = parse(text)
    return [(s.text, s.note) for s in segments if s.note]


def element(parent: etree.Element, tag: str, text: str, attrs: dict | None = None) -> etree.Element:
    """A child element holding plain text (kept from Markdown processing)."""
    child = etree.SubElement(parent, tag, attrs or {})
    child.text = AtomicString(text)
    return child


def append_text(parent: etree.Element, text: str) -> None:
    """Add text at the end of ``parent`` (after its last child), kept from Markdown processing."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = AtomicString((last.tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def render(parent: etree.Element, text: str, *, show_notes: bool) -> None:
    """Write a message into ``parent``: each marked phrase a ``<mark data-flag>`` with its note.

    With ``show_notes`` the note also follows the phrase as visible text (the printed script,
    the page without JavaScript); the players show or hide it themselves.
    """
    segments, _ = parse(text)
    for segment in segments:
        if segment.note is None:
            append_text(parent, segment.text)
            continue
        mark = etree.SubElement(parent, "mark", {"class": "fz-flag", "data-flag": segment.note})
        mark.text = AtomicString(segment.text)
        if show_notes:
            note = etree.SubElement(parent, "span", {"class": "fz-flag__note"})
            note.text = AtomicString(f"（{segment.note}）")
