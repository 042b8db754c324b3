"""The organisation block (``extra.org``): who hosts the site and whom to call."""

from __future__ import annotations

import re
from typing import Any

from . import schema as s
from . import yamlfile
from .problems import Problem

ORG_KINDS = {
    "school": "学校",
    "community": "社区",
    "police": "派出所",
    "bank": "银行",
    "company": "企业",
}

DEFAULT_HELPLINES = (
    {"name": "报警电话", "number": "110", "note": "正在被骗或已经被骗，立即拨打"},
    {
        "name": "反诈预警劝阻专线",
        "number": "96110",
        "note": "接到区号+96110的来电请务必接听；拿不准时也可以主动拨打咨询",
    },
)

# Mainland numbers as people write them: mobile (138 1234 5678), landline with
# area code and optional extension (0571-87654321 转 8001), 400/800 service
# numbers, and short service numbers (110, 96110, 12345, 95588), optionally
# behind an area code, which is how 96110 calls show up (0571-96110).
_PHONE_PATTERNS = (
    r"1[3-9]\d(?:[ -]?\d{4}){2}",
    r"0\d{2,3}[ -]?\d{3,4}[ -]?\d{4}(?:(?: ?转 ?| ?-)\d{1,6})?",
    r"[48]00[ -]?\d{3}[ -]?\d{4}",
    r"(?:0\d{2,3}[ -]?)?(?:11[0-9]|12[0-9]|96\d{3}|95\d{3}|12\d{3})",
)
# ASCII digits only: \d would take full-width ones, and tel: links would break.
_PHONE_RE = re.compile("|".join(f"(?:{p})" for p in _PHONE_PATTERNS), re.ASCII)
PHONE_EXPECTED = s.Msg(
    '加引号的电话号码，例如 "0571-87654321"、"13812345678"、"400-123-4567" 或 "96110"',
    "a phone number in quotes such as '0571-87654321', '13812345678', '400-123-4567' or '96110'",
)


def phone() -> s.Check:
    """A mainland China phone number, kept as the author wrote it."""

    @s._named(PHONE_EXPECTED)
    def check(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML reads 057187654321 as a number and drops the leading zero.
            raise s.Invalid(
                PHONE_EXPECTED,
                found=s.Msg(f"没加引号的数字 {value}", f"the number {value} (not in quotes)"),
            )
        if isinstance(value, str) and (slip := s.full_width_slip(value)):
            raise s.Invalid(PHONE_EXPECTED + slip)
        if not isinstance(value, str) or not _PHONE_RE.fullmatch(value.strip()):
            raise s.Invalid(PHONE_EXPECTED)
        return value.strip()

    return check


def tel_href(number: str) -> str:
    """The ``tel:`` link for a number as written (an extension is dropped)."""
    landline = re.fullmatch(r"(0\d{2,3}[ -]?\d{3,4}[ -]?\d{4})(?: ?转 ?| ?-)\d{1,6}", number)
    main = landline.group(1) if landline else number
    return "tel:" + re.sub(r"\D", "", main)


POLICE = s.Schema(
    {
        "name": s.Field(s.text(max_len=40)),
        "phone": s.Field(phone()),
        "address": s.Field(s.text(max_len=80), required=False, default=""),
    }
)

HELPLINE = s.Schema(
    {
        "name": s.Field(s.text(max_len=20)),
        "number": s.Field(phone()),
        "note": s.Field(s.text(max_len=60), required=False, default=""),
    }
)

ORG = s.Schema(
    {
        "name": s.Field(s.text(max_len=40)),
        "short_name": s.Field(s.text(max_len=12)),
        "kind": s.Field(s.choice(ORG_KINDS)),
        "phone": s.Field(phone()),
        "address": s.Field(s.text(max_len=80)),
        "department": s.Field(s.text(max_len=30), required=False, default=""),
        "police": s.Field(POLICE),
        "helplines": s.Field(
            s.ListOf(HELPLINE, min_items=1),
            required=False,
            default=lambda: [dict(h) for h in DEFAULT_HELPLINES],
        ),
    }
)


def parse_org(
    raw: Any, *, where: str = "mkdocs.yml", lines: dict | None = None
) -> tuple[dict, list[Problem]]:
    """Validate the ``extra.org`` block; return the clean settings and every problem.

    ``lines`` maps key paths (as tuples under ``extra.org``) to line numbers in
    the config file, so a problem can point at the line to fix.
    """
    lines = lines or {}
    if raw is None:
        return {}, [
            Problem(
                where,
                None,
                "extra.org：缺少主办单位设置 → 在 mkdocs.yml 的 extra 下面写 org（见 README「品牌设置」）",
                "extra.org: missing; expected the organisation block (see README, 品牌设置)",
            )
        ]
    clean, issues = s.validate(raw, ORG)
    problems = []
    for issue in issues:
        line = yamlfile.line_of(lines, issue.path)
        problems.append(Problem(where, line, *issue.at("extra.org." + s.dotted(issue.path))))
    if not problems:
        clean["kind_label"] = ORG_KINDS[clean["kind"]]
        clean["tel"] = tel_href(clean["phone"])
        clean["police"]["tel"] = tel_href(clean["police"]["phone"])
        for line in clean["helplines"]:
            line["tel"] = tel_href(line["number"])
    return clean, problems
