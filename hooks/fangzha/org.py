"""The organisation block (``extra.org``): who hosts the site and whom to call."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
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


COLOR_EXPECTED = s.Msg(
    '加引号的颜色，例如 color: "#0b4f8a"（井号加 6 位数字或字母 a–f），'
    "要够深，白字写在上面看得清（对比度至少 4.5:1）",
    "a colour in quotes such as '#0b4f8a', dark enough for white text on it "
    "(contrast at least 4.5:1)",
)
# WCAG 2 AA for normal text: the header, buttons and banners put white text on this colour.
MIN_CONTRAST = 4.5
LOGO_TYPES = {".png", ".jpg", ".jpeg", ".svg", ".webp"}
LOGO_MAX_BYTES = 200 * 1024


def _luminance(rgb: str) -> float:
    channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(rgb: str) -> float:
    """WCAG contrast ratio of white text on the colour ``rgb`` (six hex digits, no '#')."""
    return 1.05 / (_luminance(rgb) + 0.05)


def darker(rgb: str, factor: float = 0.75) -> str:
    """The same hue, darker: for hover and pressed states."""
    return "#" + "".join(f"{round(int(rgb[i : i + 2], 16) * factor):02x}" for i in (0, 2, 4))


def colour() -> s.Check:
    """The organisation's colour, '#rrggbb' or '#rgb', dark enough to carry white text."""

    @s._named(COLOR_EXPECTED)
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise s.Invalid(COLOR_EXPECTED)
        if slip := s.full_width_slip(value):
            raise s.Invalid(COLOR_EXPECTED + slip)
        match = re.fullmatch(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})", value.strip())
        if not match:
            raise s.Invalid(COLOR_EXPECTED)
        digits = match.group(1).lower()
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        ratio = contrast_with_white(digits)
        if ratio < MIN_CONTRAST:
            raise s.Invalid(
                s.Msg(
                    f'更深一些的颜色，白字对比度至少 {MIN_CONTRAST}:1（例如 "#0b4f8a" 深蓝、'
                    '"#a61b1b" 深红、"#1d6b3a" 深绿）',
                    f"a darker colour, contrast with white text at least {MIN_CONTRAST}:1",
                ),
                found=s.Msg(
                    f"“{value}”，白字写在这个颜色上对比度只有 {ratio:.1f}:1，手机上看不清",
                    f"{value!r}, whose contrast with white text is only {ratio:.1f}:1",
                ),
            )
        return "#" + digits

    return check


def logo_problems(logo: str, docs_dir: Path, path: Path | None = None) -> list[s.Msg]:
    """What is wrong with the logo file ``logo`` (a path inside docs/), if anything.

    ``path``: where the file really is, when the build adds it (a branded variant's own logo,
    kept next to the list of organisations).
    """
    if path is None:
        path = (docs_dir / logo).resolve()
        outside = not path.is_relative_to(docs_dir.resolve())
    else:
        outside = False
    if outside or not path.is_file():
        return [
            s.Msg(
                f"找不到图片文件 docs/{logo} → 把标志图片放进 docs 文件夹（例如 "
                "docs/assets/images/logo.png），这里写它在 docs 里的路径",
                f"no image file docs/{logo}; put the logo inside docs/ and give its path there",
            )
        ]
    if path.suffix.lower() not in LOGO_TYPES:
        return [
            s.Msg(
                f"“{path.name}”不是网页能显示的图片 → 用 PNG、JPG、SVG 或 WebP 格式",
                f"{path.name!r} is not a web image; use PNG, JPG, SVG or WebP",
            )
        ]
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return [
            s.Msg(
                f"图片有 {size // 1024} KB，每个页面都要加载它，手机上会变慢 → 缩小到 "
                f"{LOGO_MAX_BYTES // 1024} KB 以内（标志只显示几十个像素宽，"
                "256×256 像素的 PNG 就够了）",
                f"the image is {size // 1024} KB; every page loads it: keep it under "
                f"{LOGO_MAX_BYTES // 1024} KB (256×256 px is plenty)",
            )
        ]
    return []


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
        "logo": s.Field(s.text(max_len=200), required=False, default=""),
        "color": s.Field(colour(), required=False, default=""),
        "police": s.Field(POLICE),
        "helplines": s.Field(
            s.ListOf(HELPLINE, min_items=1),
            required=False,
            default=lambda: [dict(h) for h in DEFAULT_HELPLINES],
        ),
    }
)


def parse_org(
    raw: Any,
    *,
    where: str = "mkdocs.yml",
    lines: dict | None = None,
    docs_dir: Path | None = None,
    added: Mapping[str, Path] | None = None,
) -> tuple[dict, list[Problem]]:
    """Validate the ``extra.org`` block; return the clean settings and every problem.

    ``lines`` maps key paths (as tuples under ``extra.org``) to line numbers in
    the config file, so a problem can point at the line to fix. With ``docs_dir``,
    the logo file is checked too.
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
    if isinstance(raw, dict) and "color" in raw and raw["color"] is None:
        # color: #0b4f8a without quotes: YAML reads everything after '#' as a comment.
        problems.append(
            Problem(
                where,
                yamlfile.line_of(lines, ("color",)),
                "extra.org.color：是空的，多半是颜色没加引号（# 后面的字被当成了注释） → "
                '写成 color: "#0b4f8a"',
                "extra.org.color: empty, probably an unquoted colour ('#' starts a comment); "
                "write color: '#0b4f8a'",
            )
        )
    if docs_dir is not None and clean.get("logo"):
        for message in logo_problems(clean["logo"], docs_dir, (added or {}).get(clean["logo"])):
            problems.append(
                Problem(
                    where,
                    yamlfile.line_of(lines, ("logo",)),
                    "extra.org.logo：" + message.zh,
                    "extra.org.logo: " + message.en,
                )
            )
    if not problems:
        clean["kind_label"] = ORG_KINDS[clean["kind"]]
        clean["color_dark"] = darker(clean["color"][1:]) if clean["color"] else ""
        clean["tel"] = tel_href(clean["phone"])
        clean["police"]["tel"] = tel_href(clean["police"]["phone"])
        for line in clean["helplines"]:
            line["tel"] = tel_href(line["number"])
    return clean, problems
