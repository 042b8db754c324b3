"""Small composable validators for settings and front matter, with messages for the author.

A check is a callable that takes the raw YAML value and returns the clean one, or raises
:class:`Invalid` saying what was expected — in Chinese first, and in English. A :class:`Schema`
maps keys to :class:`Field` objects; :func:`validate` walks a mapping against it and returns the
clean mapping plus every problem found (it never stops early). Messages have the shape
「写成了 … → 应当写 …」 (found …, expected …).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Check = Callable[[Any], Any]


class Msg(NamedTuple):
    """The same words in Chinese and in English."""

    zh: str
    en: str

    def __add__(self, other: Msg) -> Msg:  # type: ignore[override]
        return Msg(self.zh + other.zh, self.en + other.en)


class Invalid(ValueError):
    """A value does not fit: ``expected`` completes 「应当写…」, ``found`` replaces 「写成了…」."""

    def __init__(self, expected: Msg, *, found: Msg | None = None):
        super().__init__(expected.en)
        self.expected = expected
        self.found = found


@dataclass(frozen=True)
class Field:
    """One key of a schema."""

    check: Check | Schema | ListOf
    required: bool = True
    default: Any = None


@dataclass(frozen=True)
class ListOf:
    """A list whose items are mappings validated against a schema."""

    schema: Schema
    min_items: int = 0


@dataclass(frozen=True)
class Schema:
    """A mapping of allowed keys; anything else is reported as unknown."""

    fields: Mapping[str, Field] = field(default_factory=dict)


@dataclass(frozen=True)
class Issue:
    """A problem at a key path such as ``("police", "phone")``; the message names no key."""

    path: tuple[str | int, ...]
    zh: str
    en: str

    def at(self, name: str) -> tuple[str, str]:
        """(Chinese, English) naming the key as the author wrote it."""
        return f"{name}：{self.zh}", f"field '{name}': {self.en}"


def describe(value: Any) -> Msg:
    """Say what a YAML value is, the way an author would recognise it."""
    if value is None:
        return Msg("空白", "nothing")
    if isinstance(value, bool):
        word = "true" if value else "false"
        return Msg(f"{word}（是/否）", f"{word} (yes/no)")
    if isinstance(value, int | float):
        return Msg(f"数字 {value}", f"the number {value}")
    if isinstance(value, dt.date):
        return Msg(f"日期 {value.isoformat()}", f"the date {value.isoformat()}")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Msg(f"“{shown}”", repr(shown))
    if isinstance(value, list):
        n = len(value)
        return Msg(f"一个列表（{n} 项）", f"a list of {n} item{'s' if n != 1 else ''}")
    if isinstance(value, dict):
        return Msg("一组“名称: 值”", "a mapping")
    return Msg(type(value).__name__, type(value).__name__)


def dotted(path: tuple[str | int, ...]) -> str:
    """Render a key path as ``police.phone`` or ``helplines[1].number``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def validate(
    data: Any, schema: Schema, path: tuple[str | int, ...] = ()
) -> tuple[dict, list[Issue]]:
    """Check ``data`` against ``schema``; return the clean mapping and all issues."""
    issues: list[Issue] = []
    if not isinstance(data, dict):
        found = describe(data)
        issues.append(
            Issue(
                path,
                f"写成了{found.zh} → 应当写几行“名称: 值”",
                f"found {found.en}, expected a mapping of keys",
            )
        )
        return {}, issues
    clean: dict[str, Any] = {}
    allowed = list(schema.fields)
    for key in data:
        if key not in schema.fields:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            issues.append(
                Issue(
                    path + (str(key),),
                    f"没有这一项{f'（是不是想写 {hint[0]}？）' if hint else ''} → "
                    f"可以写的项：{'、'.join(allowed)}",
                    f"unknown key{f' (did you mean {hint[0]!r}?)' if hint else ''}; "
                    f"expected one of: {', '.join(allowed)}",
                )
            )
    for key, spec in schema.fields.items():
        here = path + (key,)
        if key not in data or data[key] is None:
            if spec.required:
                expects = _expects(spec.check)
                issues.append(
                    Issue(
                        here, f"缺少这一项 → 应当写{expects.zh}", f"missing; expected {expects.en}"
                    )
                )
            elif spec.default is not None:
                clean[key] = spec.default() if callable(spec.default) else spec.default
            continue
        value = data[key]
        if isinstance(spec.check, Schema):
            clean[key], sub = validate(value, spec.check, here)
            issues.extend(sub)
        elif isinstance(spec.check, ListOf):
            clean[key], sub = _validate_list(value, spec.check, here)
            issues.extend(sub)
        else:
            try:
                clean[key] = spec.check(value)
            except Invalid as exc:
                found = exc.found or describe(value)
                issues.append(
                    Issue(
                        here,
                        f"写成了{found.zh} → 应当写{exc.expected.zh}",
                        f"found {found.en}, expected {exc.expected.en}",
                    )
                )
    return clean, issues


def _validate_list(value: Any, spec: ListOf, path: tuple) -> tuple[list, list[Issue]]:
    if not isinstance(value, list):
        found = describe(value)
        return [], [
            Issue(path, f"写成了{found.zh} → 应当写一个列表", f"found {found.en}, expected a list")
        ]
    if len(value) < spec.min_items:
        found = describe(value)
        return [], [
            Issue(
                path,
                f"写成了{found.zh} → 至少写 {spec.min_items} 项",
                f"found {found.en}, expected at least {spec.min_items}",
            )
        ]
    items, issues = [], []
    for index, item in enumerate(value, start=1):
        clean, sub = validate(item, spec.schema, path + (index,))
        items.append(clean)
        issues.extend(sub)
    return items, issues


def _expects(check: Any) -> Msg:
    if isinstance(check, Schema):
        keys = ", ".join(check.fields)
        return Msg(f"这几项：{'、'.join(check.fields)}", f"a mapping with keys: {keys}")
    if isinstance(check, ListOf):
        keys = [k + ("" if f.required else "（可不写）") for k, f in check.schema.fields.items()]
        return Msg(
            f"一个列表，每项以“- ”开头，写这几项：{'、'.join(keys)}",
            f"a list whose items have the keys: {', '.join(check.schema.fields)}",
        )
    return getattr(check, "expected", Msg("一个值", "a value"))


def _named(expected: Msg) -> Callable[[Check], Check]:
    def wrap(fn: Check) -> Check:
        fn.expected = expected  # type: ignore[attr-defined]
        return fn

    return wrap


def full_width_slip(value: str) -> Msg | None:
    """Name a full-width character a Chinese keyboard left in a value meant to be ASCII."""
    for char in value:
        if "\uff01" <= char <= "\uff5e" or char == "\u3000":
            ascii_form = unicodedata.normalize("NFKC", char) if char != "\u3000" else " "
            kind = "数字" if ascii_form.isdigit() else "符号"
            return Msg(
                f"（里面有全角{kind}“{char}”，请换成半角的“{ascii_form}”：关掉输入法的全角再输入）",
                f" (it contains the full-width character {char!r}; type {ascii_form!r} instead)",
            )
    return None


# -- checks ---------------------------------------------------------------------------


def text(*, max_len: int | None = None, single_line: bool = True) -> Check:
    """Non-empty text, optionally bounded in length and kept to one line."""
    expected = Msg(
        f"一行文字（不超过 {max_len} 个字）" if max_len else "一行文字",
        "text" + (f" of at most {max_len} characters" if max_len else ""),
    )

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                raise Invalid(expected + Msg("（数字请加引号）", " (put it in quotes)"))
            raise Invalid(expected)
        value = value.strip()
        if not value:
            raise Invalid(expected, found=Msg("空白", "empty text"))
        if single_line and "\n" in value:
            raise Invalid(
                expected + Msg("，写在一行里", " on one line"),
                found=Msg("跨了几行的文字", "text over several lines"),
            )
        if max_len and len(value) > max_len:
            shown = value if len(value) <= 12 else value[:10] + "…"
            raise Invalid(
                expected,
                found=Msg(f"“{shown}”，有 {len(value)} 个字", f"{len(value)} characters"),
            )
        return value

    return check


def _listed(options: Mapping[str, str] | list[str] | tuple[str, ...]) -> str:
    """school（学校）、community（社区） … — the words, with what they mean when known."""
    if isinstance(options, Mapping):
        return "、".join(f"{k}（{v}）" if v != k else k for k, v in options.items())
    return "、".join(options)


def choice(options: Mapping[str, str] | list[str]) -> Check:
    """One of a fixed set of words."""
    names = list(options)
    expected = Msg(f"其中之一：{_listed(options)}", "one of: " + ", ".join(names))

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in names:
            if isinstance(value, str) and (slip := full_width_slip(value)):
                raise Invalid(expected + slip)
            raise Invalid(expected)
        return value

    return check


def choices(options: Mapping[str, str] | list[str], *, min_items: int = 1) -> Check:
    """A list of distinct words from a fixed set."""
    names = list(options)
    expected = Msg(
        f"一个列表，从这些里选：{_listed(options)}", "a list drawn from: " + ", ".join(names)
    )

    @_named(expected)
    def check(value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value] if value in names else value
        if not isinstance(value, list):
            if isinstance(value, str) and ("，" in value or "、" in value):
                raise Invalid(
                    expected + Msg("，写成 [a, b]（英文方括号和逗号）", " written [a, b]")
                )
            raise Invalid(expected)
        if len(value) < min_items:
            raise Invalid(expected + Msg(f"（至少 {min_items} 项）", f" (at least {min_items})"))
        bad = [v for v in value if not isinstance(v, str) or v not in names]
        if bad:
            found = [describe(b) for b in bad]
            hint = Msg("", "")
            if any(isinstance(b, str) and re.search(r"[，、；]", b) for b in bad):
                hint = Msg(
                    "（列表里的各项要用英文逗号隔开）", " (separate items with ASCII commas)"
                )
            elif any(isinstance(b, str) and (slip := full_width_slip(b)) for b in bad):
                hint = slip
            raise Invalid(
                expected + hint,
                found=Msg("、".join(f.zh for f in found), ", ".join(f.en for f in found)),
            )
        if len(set(value)) != len(value):
            raise Invalid(
                expected + Msg("，不要重复", " without repeats"),
                found=Msg("重复的一项", "a repeated entry"),
            )
        return list(value)

    return check


def text_list(*, min_items: int = 0, max_len: int = 40) -> Check:
    """A list of short, distinct texts."""
    expected = Msg(
        f"一个列表，每项不超过 {max_len} 个字" + (f"，至少 {min_items} 项" if min_items else ""),
        f"a list of short texts (each at most {max_len} characters)"
        + (f", at least {min_items}" if min_items else ""),
    )

    @_named(expected)
    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise Invalid(expected)
        if len(value) < min_items:
            raise Invalid(expected, found=describe(value))
        out = []
        for item in value:
            if isinstance(item, int | float) and not isinstance(item, bool):
                raise Invalid(
                    expected + Msg(f"，数字要加引号，写成 '{item}'", f"; quote numbers: '{item}'"),
                    found=Msg(f"其中一项数字 {item}", f"the number {item}"),
                )
            if not isinstance(item, str) or not item.strip() or len(item.strip()) > max_len:
                found = describe(item)
                raise Invalid(expected, found=Msg(f"其中一项{found.zh}", f"the item {found.en}"))
            out.append(item.strip())
        dupes = sorted({x for x in out if out.count(x) > 1})
        if dupes:
            raise Invalid(
                expected + Msg("，不要重复", " without repeats"),
                found=Msg(f"“{dupes[0]}”写了两次", f"{dupes[0]!r} twice"),
            )
        return out

    return check


def date(*, not_after: dt.date | None = None) -> Check:
    """A calendar date written YYYY-MM-DD, not in the future."""
    expected = Msg("日期，写成 2026-11-29 这样", "a date written YYYY-MM-DD")

    @_named(expected)
    def check(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            slip = full_width_slip(value)
            if slip:
                raise Invalid(expected + slip)
            if re.fullmatch(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?", value.strip()):
                try:
                    value = _read_date(value.strip())
                except ValueError:
                    raise Invalid(
                        expected,
                        found=Msg(
                            f"“{value}”，日历上没有这一天", f"{value!r}, which is not a real date"
                        ),
                    ) from None
        if not isinstance(value, dt.date):
            raise Invalid(expected)
        limit = not_after or dt.date.today()
        if value > limit:
            raise Invalid(
                expected + Msg("，不能晚于今天", " that is not in the future"),
                found=Msg(f"日期 {value}", f"the date {value}"),
            )
        return value

    return check


def when() -> Check:
    """When a document was issued: a full date, or just the year and month (2025-06) or year."""
    expected = Msg(
        "发布日期，写成 2025-06-18、2025-06 或 2025", "a date written YYYY-MM-DD, YYYY-MM or YYYY"
    )

    @_named(expected)
    def check(value: Any) -> str:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, str):
            if slip := full_width_slip(value):
                raise Invalid(expected + slip)
            text = value.strip()
        else:
            raise Invalid(expected)
        parts = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?(?:[-/.月](\d{1,2})日?)?)?", text)
        if not parts:
            raise Invalid(expected)
        year, month, day = (int(x) if x else None for x in parts.groups())
        try:
            issued = dt.date(year, month or 1, day or 1)
        except ValueError:
            raise Invalid(
                expected, found=Msg(f"“{text}”，日历上没有这一天", f"{text!r}, not a real date")
            ) from None
        if issued > dt.date.today():
            raise Invalid(
                expected + Msg("，不能晚于今天", " that is not in the future"),
                found=Msg(f"“{text}”", repr(text)),
            )
        shown = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        return shown

    return check


def web_address() -> Check:
    """An https:// (or http://) address of a public page."""
    expected = Msg("一个网址，以 https:// 开头", "a web address starting with https://")

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(expected)
        if slip := full_width_slip(value):
            raise Invalid(expected + slip)
        if not re.fullmatch(r"https?://[^\s<>\"']+\.[^\s<>\"']+", value.strip()):
            raise Invalid(expected)
        return value.strip()

    return check


def _read_date(text: str) -> dt.date:
    """2026-11-29, 2026/11/29, 2026.11.29 or 2026年11月29日."""
    year, month, day = (int(x) for x in re.findall(r"\d+", text))
    return dt.date(year, month, day)


_DURATION = re.compile(
    r"(?:(?P<m>\d+)\s*(?:分钟|分|min|minutes?))?\s*(?:(?P<s>\d+)\s*(?:秒钟|秒|s|sec|seconds?))?"
)


def duration(*, minimum: int, maximum: int, bare: str | None = None) -> Check:
    """A length of time such as 3分钟, 30秒 or 1分30秒, as seconds; ``bare`` numbers mean minutes."""

    def shown(seconds: int) -> str:
        m, sec = divmod(seconds, 60)
        return (f"{m}分钟" if m else "") + (f"{sec}秒" if sec else "") or "0秒"

    expected = Msg(
        f"时长，写成“3分钟”“30秒”或“1分30秒”，在 {shown(minimum)} 到 {shown(maximum)} 之间",
        f"a length of time such as '3分钟', '30秒' or '1分30秒', "
        f"from {shown(minimum)} to {shown(maximum)}",
    )
    if bare == "minutes":
        expected = expected + Msg("（只写数字表示分钟）", " (a plain number means minutes)")

    @_named(expected)
    def check(value: Any) -> int:
        if isinstance(value, bool):
            raise Invalid(expected)
        if isinstance(value, int) and bare == "minutes":
            seconds = value * 60
        elif isinstance(value, str):
            text = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            match = _DURATION.fullmatch(text)
            if not text or not match or not (match.group("m") or match.group("s")):
                raise Invalid(expected)
            seconds = int(match.group("m") or 0) * 60 + int(match.group("s") or 0)
        else:
            if isinstance(value, int):
                raise Invalid(
                    expected + Msg("（写上单位：分钟或秒）", " (write the unit: 分钟 or 秒)")
                )
            raise Invalid(expected)
        if not minimum <= seconds <= maximum:
            raise Invalid(expected, found=Msg(shown(seconds), shown(seconds)))
        return seconds

    return check


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Check:
    """A whole number within bounds."""
    bounds = minimum is not None and maximum is not None
    expected = Msg(
        f"一个 {minimum} 到 {maximum} 之间的整数" if bounds else "一个整数",
        "a whole number" + (f" from {minimum} to {maximum}" if bounds else ""),
    )

    @_named(expected)
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(expected)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise Invalid(expected)
        return value

    return check


def boolean() -> Check:
    """true or false."""
    expected = Msg("true 或 false", "true or false")

    @_named(expected)
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid(expected)
        return value

    return check


def pattern(regex: str, expected: Msg) -> Check:
    """Text matching a regular expression."""
    compiled = re.compile(regex)

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str) or not compiled.fullmatch(value.strip()):
            if isinstance(value, int):
                raise Invalid(expected + Msg("（请加引号）", " (put it in quotes)"))
            raise Invalid(expected)
        return value.strip()

    return check
