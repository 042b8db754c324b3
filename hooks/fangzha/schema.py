"""Small composable validators for settings and front matter.

A check is a callable that takes the raw YAML value and returns the clean one,
or raises :class:`Invalid` saying what was expected. A :class:`Schema` maps keys
to :class:`Field` objects; :func:`validate` walks a mapping against it and
returns the clean mapping plus every problem found (it never stops early).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[Any], Any]


class Invalid(ValueError):
    """A value does not fit; ``expected`` completes the sentence "expected …"."""

    def __init__(self, expected: str, *, found: str | None = None):
        super().__init__(expected)
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
    """A problem at a key path such as ``("police", "phone")``."""

    path: tuple[str | int, ...]
    message: str


def describe(value: Any) -> str:
    """Say what a YAML value is, the way an author would recognise it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (yes/no)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


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
        issues.append(Issue(path, f"found {describe(data)}, expected a mapping of keys"))
        return {}, issues
    clean: dict[str, Any] = {}
    allowed = list(schema.fields)
    for key in data:
        if key not in schema.fields:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            issues.append(
                Issue(
                    path + (str(key),),
                    f"unknown key{suggestion}; expected one of: {', '.join(allowed)}",
                )
            )
    for key, spec in schema.fields.items():
        here = path + (key,)
        if key not in data or data[key] is None:
            if spec.required:
                issues.append(Issue(here, f"missing; expected {_expects(spec.check)}"))
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
                issues.append(Issue(here, f"found {found}, expected {exc.expected}"))
    return clean, issues


def _validate_list(value: Any, spec: ListOf, path: tuple) -> tuple[list, list[Issue]]:
    if not isinstance(value, list):
        return [], [Issue(path, f"found {describe(value)}, expected a list")]
    if len(value) < spec.min_items:
        return [], [Issue(path, f"found {describe(value)}, expected at least {spec.min_items}")]
    items, issues = [], []
    for index, item in enumerate(value, start=1):
        clean, sub = validate(item, spec.schema, path + (index,))
        items.append(clean)
        issues.extend(sub)
    return items, issues


def _expects(check: Any) -> str:
    if isinstance(check, Schema):
        return f"a mapping with keys: {', '.join(check.fields)}"
    if isinstance(check, ListOf):
        return "a list"
    return getattr(check, "expected", "a value")


def _named(expected: str) -> Callable[[Check], Check]:
    def wrap(fn: Check) -> Check:
        fn.expected = expected  # type: ignore[attr-defined]
        return fn

    return wrap


# -- checks ---------------------------------------------------------------------------


def text(*, max_len: int | None = None, single_line: bool = True) -> Check:
    """Non-empty text, optionally bounded in length and kept to one line."""
    expected = "text" + (f" of at most {max_len} characters" if max_len else "")

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(
                expected + (" (put it in quotes)" if isinstance(value, int | float) else "")
            )
        value = value.strip()
        if not value:
            raise Invalid(expected, found="empty text")
        if single_line and "\n" in value:
            raise Invalid(expected + " on one line", found="text over several lines")
        if "<" in value or ">" in value:
            # Themes print titles and summaries as markup; angle brackets would become tags.
            raise Invalid(expected + " without < or > (use 《》 for titles of works)")
        if max_len and len(value) > max_len:
            raise Invalid(expected, found=f"{len(value)} characters")
        return value

    return check


def choice(options: Mapping[str, str] | list[str]) -> Check:
    """One of a fixed set of words."""
    names = list(options)
    expected = "one of: " + ", ".join(names)

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in names:
            raise Invalid(expected)
        return value

    return check


def choices(options: Mapping[str, str] | list[str], *, min_items: int = 1) -> Check:
    """A list of distinct words from a fixed set."""
    names = list(options)
    expected = "a list drawn from: " + ", ".join(names)

    @_named(expected)
    def check(value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value] if value in names else value
        if not isinstance(value, list):
            raise Invalid(expected)
        if len(value) < min_items:
            raise Invalid(expected + f" (at least {min_items})")
        bad = [v for v in value if not isinstance(v, str) or v not in names]
        if bad:
            raise Invalid(expected, found=", ".join(describe(b) for b in bad))
        if len(set(value)) != len(value):
            raise Invalid(expected + " without repeats", found="a repeated entry")
        return list(value)

    return check


def text_list(*, min_items: int = 0, max_len: int = 40) -> Check:
    """A list of short, distinct texts."""
    expected = f"a list of short texts (each at most {max_len} characters)"
    if min_items:
        expected += f", at least {min_items}"

    @_named(expected)
    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise Invalid(expected)
        if len(value) < min_items:
            raise Invalid(expected, found=describe(value))
        out = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise Invalid(expected, found=f"the item {describe(item)}")
            if len(item.strip()) > max_len:
                raise Invalid(expected, found=f"the item {describe(item)}")
            out.append(item.strip())
        dupes = sorted({x for x in out if out.count(x) > 1})
        if dupes:
            raise Invalid(expected + " without repeats", found=f"{dupes[0]!r} twice")
        return out

    return check


def date(*, not_after: dt.date | None = None) -> Check:
    """A calendar date written YYYY-MM-DD, not in the future."""
    expected = "a date written YYYY-MM-DD"

    @_named(expected)
    def check(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise Invalid(expected, found=f"{value!r}, which is not a real date") from None
        if not isinstance(value, dt.date):
            raise Invalid(expected)
        limit = not_after or dt.date.today()
        if value > limit:
            raise Invalid(expected + " that is not in the future", found=f"the date {value}")
        return value

    return check


_DURATION = re.compile(
    r"(?:(?P<m>\d+)\s*(?:分钟|分|min|minutes?))?\s*(?:(?P<s>\d+)\s*(?:秒钟|秒|s|sec|seconds?))?"
)


def duration(*, minimum: int, maximum: int, bare: str | None = None) -> Check:
    """A length of time such as 3分钟, 30秒 or 1分30秒, as seconds; ``bare`` numbers mean minutes."""

    def shown(seconds: int) -> str:
        m, sec = divmod(seconds, 60)
        return (f"{m}分钟" if m else "") + (f"{sec}秒" if sec else "") or "0秒"

    expected = (
        f"a length of time such as '3分钟', '30秒' or '1分30秒', "
        f"from {shown(minimum)} to {shown(maximum)}"
    )
    if bare == "minutes":
        expected += " (a plain number means minutes)"

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
            raise Invalid(
                expected + (" (write the unit: 分钟 or 秒)" if isinstance(value, int) else "")
            )
        if not minimum <= seconds <= maximum:
            raise Invalid(expected, found=shown(seconds))
        return seconds

    return check


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Check:
    """A whole number within bounds."""
    expected = "a whole number"
    if minimum is not None and maximum is not None:
        expected += f" from {minimum} to {maximum}"

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
    expected = "true or false"

    @_named(expected)
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid(expected)
        return value

    return check


def pattern(regex: str, expected: str) -> Check:
    """Text matching a regular expression."""
    compiled = re.compile(regex)

    @_named(expected)
    def check(value: Any) -> str:
        if not isinstance(value, str) or not compiled.fullmatch(value.strip()):
            raise Invalid(expected + (" (put it in quotes)" if isinstance(value, int) else ""))
        return value.strip()

    return check
