"""Inert markers in Markdown that a build replaces: ``<!-- fangzha:cards kind="scam" -->``.

A marker is an HTML comment, so a page shows nothing where a marker was not
replaced. An unknown marker or argument is a problem, never silently ignored.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from . import schema as s
from .model import AUDIENCES, BANDS, CATEGORIES, KINDS
from .problems import Problem

_MARKER = re.compile(r"<!--\s*fangzha:(?P<body>.*?)-->", re.S)
_NAME = re.compile(r"\s*(?P<name>[a-z][a-z-]*)(?P<args>.*)", re.S)
_ARG = re.compile(r'\s*(?P<key>[a-z_]+)="(?P<value>[^"]*)"')
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})", re.M)

MARKERS: dict[str, dict[str, s.Check]] = {
    # Cards for pages filtered by kind, audience and/or official category.
    "cards": {
        "kind": s.choice({k: v.label for k, v in KINDS.items() if v.listed}),
        "audience": s.choice(AUDIENCES),
        "category": s.choice(CATEGORIES),
        # Pages that suit one age band of students (and are not marked too old for it).
        "band": s.choice(BANDS),
    },
    # The home page's "我是学生 / 我是家长 …" entry points.
    "audiences": {},
    # The students' page asks for the reader's grade: one entry per age band.
    "bands": {},
    # A form for teachers to check a completion card's code, on this device.
    "card-check": {},
}


@dataclass(frozen=True)
class Marker:
    """A parsed marker: its name, arguments, source text and line."""

    name: str
    args: dict[str, str] = field(default_factory=dict)
    text: str = ""
    line: int = 0


def find_markers(body: str, where: str, first_line: int = 1) -> tuple[list[Marker], list[Problem]]:
    """Find and validate every marker outside code fences."""
    markers, problems = [], []
    fenced = _fenced_spans(body)
    for match in _MARKER.finditer(body):
        if any(a <= match.start() < b for a, b in fenced):
            continue
        line = first_line + body.count("\n", 0, match.start())
        marker, found = _parse(match.group(0), match.group("body"), where, line)
        problems.extend(found)
        if marker:
            markers.append(marker)
    return markers, problems


def _parse(text: str, inner: str, where: str, line: int) -> tuple[Marker | None, list[Problem]]:
    head = _NAME.match(inner)
    if not head or head.group("name") not in MARKERS:
        name = head.group("name") if head else inner.strip()
        hint = difflib.get_close_matches(name, list(MARKERS), n=1, cutoff=0.5)
        return None, [
            Problem(
                where,
                line,
                f"没有“fangzha:{name}”这个标记"
                + (f"（是不是想写 fangzha:{hint[0]}？）" if hint else "")
                + " → 可用的标记："
                + "、".join(f"fangzha:{m}" for m in MARKERS),
                f"unknown marker 'fangzha:{name}'; expected one of: "
                + ", ".join(f"fangzha:{m}" for m in MARKERS),
            )
        ]
    name, rest = head.group("name"), head.group("args")
    allowed = MARKERS[name]
    args: dict[str, str] = {}
    problems = []
    position = 0
    for arg in _ARG.finditer(rest):
        if rest[position : arg.start()].strip():
            break
        position = arg.end()
        key, value = arg.group("key"), arg.group("value")
        if key not in allowed:
            expected = ", ".join(allowed) or "no arguments"
            problems.append(
                Problem(
                    where,
                    line,
                    f"标记 fangzha:{name} 没有“{key}”这个参数 → "
                    + (f"可用的参数：{'、'.join(allowed)}" if allowed else "这个标记不带参数"),
                    f"marker 'fangzha:{name}': unknown argument '{key}'; expected: {expected}",
                )
            )
            continue
        try:
            args[key] = allowed[key](value)
        except s.Invalid as exc:
            problems.append(
                Problem(
                    where,
                    line,
                    f'标记 fangzha:{name} 的参数 {key}="{value}" 写得不对 → 应当写{exc.expected.zh}',
                    f"marker 'fangzha:{name}': {key}=\"{value}\" "
                    f"is not allowed; expected {exc.expected.en}",
                )
            )
    if rest[position:].strip():
        problems.append(
            Problem(
                where,
                line,
                f"标记 fangzha:{name} 里的“{rest[position:].strip()}”读不懂 → "
                '参数写成 名称="值"（英文双引号），例如 kind="scam"',
                f"marker 'fangzha:{name}': cannot read "
                f'{rest[position:].strip()!r}; write arguments as key="value"',
            )
        )
    if problems:
        return None, problems
    return Marker(name, args, text, line), []


def _fenced_spans(body: str) -> list[tuple[int, int]]:
    spans, start, mark = [], None, None
    for fence in _FENCE.finditer(body):
        char = fence.group(1)[0]
        if start is None:
            start, mark = fence.start(), char
        elif char == mark:
            spans.append((start, fence.end()))
            start = None
    if start is not None:
        spans.append((start, len(body)))
    return spans
