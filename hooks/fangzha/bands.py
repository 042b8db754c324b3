"""Age bands: which pages suit which students, and what never reaches younger ones.

A page for students says which bands it suits (``bands``); a page that is unsuitable below
some age says so (``min_band``). The build then refuses what a teacher would regret: a
primary lesson, quiz, letter or pack that links such a page, or a page for primary pupils
that mentions sexual content, loans, gambling or criminal penalties (README 「学段」).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping

from .model import BANDS, KINDS, PRIMARY_BANDS, ContentPage, band_rank
from .problems import Problem

# Words that have no place in material for primary pupils (小学), by topic. README lists them,
# and a test checks that the two lists agree and that no primary print pack contains any.
UNSUITABLE_BELOW_JUNIOR: Mapping[str, tuple[str, ...]] = {
    "色情和性": ("裸聊", "裸照", "私密照", "私密视频", "不雅", "色情", "性侵"),
    "贷款": ("贷款", "网贷", "借贷", "校园贷", "套路贷", "裸贷", "培训贷", "征信"),
    "赌博": ("赌博", "网赌", "博彩", "赌球", "赌场"),
    "刑罚": (
        "帮信罪",
        "判刑",
        "判处",
        "有期徒刑",
        "拘役",
        "拘留",
        "罚金",
        "坐牢",
        "刑事责任",
        "刑法",
    ),
}
_WORDS = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(
            (w for words in UNSUITABLE_BELOW_JUNIOR.values() for w in words), key=len, reverse=True
        )
    )
)


def band_labels(bands: list[str]) -> str:
    """小学 1–3 年级、初中 …"""
    return "、".join(BANDS[b] for b in bands)


def youngest(page: ContentPage) -> str | None:
    """The youngest band a page suits, if it is for students at all."""
    bands = page.bands
    return bands[0] if bands else None


def suits(page: ContentPage, band: str) -> bool:
    """Whether a page may be shown to students of a band: listed for it, and not too old."""
    if band not in page.bands:
        return False
    return not page.min_band or band_rank(band) >= band_rank(page.min_band)


def too_old_for(page: ContentPage, band: str) -> bool:
    """Whether a page is marked unsuitable for students of a band."""
    return bool(page.min_band) and band_rank(band) < band_rank(page.min_band)


# -- front matter of one page ------------------------------------------------------------------


def field_problems(page: ContentPage, where: str, lines: Mapping[tuple, int]) -> list[Problem]:
    """Check that a page's audiences, bands and min_band agree with each other."""
    problems = []
    meta = page.meta
    audiences = meta.get("audiences", [])
    at = lines.get
    if page.kind == "audience":
        if meta.get("band") and meta["audience"] != "students":
            problems.append(
                Problem(
                    where,
                    at(("band",)),
                    f"band 只用于学生的学段页，这一页的 audience 是 {meta['audience']} → "
                    "删掉 band，或把 audience 改为 students",
                )
            )
        return problems
    if page.kind == "lesson":
        band = meta["band"]
        if meta.get("min_band") and band in BANDS and too_old_for(page, band):
            problems.append(
                Problem(
                    where,
                    at(("min_band",)),
                    f"这节班会课给{BANDS[band]}上（band: {band}），却写了 min_band: "
                    f"{meta['min_band']}（不适合{BANDS[meta['min_band']]}以下） → 两者只能留一个",
                )
            )
        return problems
    bands = meta.get("bands") or []
    if "students" in audiences and not bands and "bands" in KINDS[page.kind].fields:
        problems.append(
            Problem(
                where,
                at(("audiences",)),
                "audiences 里有 students，但没有写 bands（适合哪个学段） → 加一行，例如 "
                "bands: [primary_upper, junior]；可选："
                + "、".join(f"{k}（{v}）" for k, v in BANDS.items()),
            )
        )
    if bands and "students" not in audiences:
        problems.append(
            Problem(
                where,
                at(("bands",)),
                "写了 bands（学段），但 audiences 里没有 students → 在 audiences 里加上 "
                "students，或删掉 bands",
            )
        )
    min_band = meta.get("min_band")
    if min_band:
        early = [b for b in bands if band_rank(b) < band_rank(min_band)]
        if early:
            problems.append(
                Problem(
                    where,
                    at(("bands",)),
                    f"bands 里有 {', '.join(early)}，可是 min_band: {min_band} 说这一页不适合"
                    f"{BANDS[min_band]}以下的学生 → 从 bands 里去掉 {', '.join(early)}",
                )
            )
    return problems


# -- across pages ---------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`[^`]*`")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_HTML_LINK = re.compile(r"\bhref=[\"']([^\"']+)[\"']")


def text_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, text) of a Markdown body outside code fences, comments and code spans."""
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    fence = None
    for offset, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if opened:
            mark = opened.group(1)[0]
            fence = None if fence == mark else (fence or mark)
            continue
        if fence is None:
            yield first_line + offset, _CODE_SPAN.sub("", line)


def page_links(page: ContentPage) -> Iterator[tuple[int, str]]:
    """(line, docs-relative path) of every link from a page to another page of the site."""
    for line, text in text_lines(page.body, page.body_line):
        targets = _INLINE_LINK.findall(text) + _HTML_LINK.findall(text)
        ref = _REF_LINK.match(text)
        if ref:
            targets.append(ref.group(1))
        for target in targets:
            resolved = resolve(page.src_uri, target)
            if resolved:
                yield line, resolved


def resolve(src_uri: str, target: str) -> str | None:
    """The docs-relative path a relative ``.md`` link points to, or None."""
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    if not path.endswith(".md") or path.startswith("/") or re.match(r"^[a-z][a-z0-9+.-]*:", path):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))


def site_problems(pages: Mapping[str, ContentPage], where: str) -> list[Problem]:
    """Links from younger material to older pages, words that primary pages must not use."""
    problems = []
    for page in pages.values():
        band = youngest(page)
        if band is None:
            continue
        path = f"{where}/{page.src_uri}"
        for line, target in page_links(page):
            other = pages.get(target)
            if other is not None and too_old_for(other, band):
                problems.append(
                    Problem(
                        path,
                        line,
                        f"这一页适合{band_labels(page.bands)}，却链接了 {where}/{other.src_uri}"
                        f"（min_band: {other.min_band}，不适合{BANDS[other.min_band]}以下的学生） → "
                        "删掉这个链接、换成适合这个学段的页面，或从 bands 里去掉较小的学段",
                    )
                )
        if band in PRIMARY_BANDS:
            problems.extend(_word_problems(page, path))
    problems.extend(_band_page_problems(pages, where))
    return problems


def unsuitable_words(text: str) -> list[str]:
    """The words of the list that a text contains, in order of first appearance."""
    seen: list[str] = []
    for match in _WORDS.finditer(text):
        if match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def _word_problems(page: ContentPage, path: str) -> list[Problem]:
    problems, reported = [], set()
    heads = [(None, page.title), (None, page.summary)]
    for line, text in heads + list(text_lines(page.body, page.body_line)):
        for word in unsuitable_words(text):
            if word in reported:
                continue
            reported.add(word)
            topic = next(t for t, words in UNSUITABLE_BELOW_JUNIOR.items() if word in words)
            problems.append(
                Problem(
                    path,
                    line,
                    f"这一页适合小学（bands 含 {', '.join(b for b in page.bands if b in PRIMARY_BANDS)}），"
                    f"却出现了“{word}”（{topic}） → 小学材料不讲色情、贷款、赌博和刑罚："
                    "删掉这句，或从 bands 里去掉小学的学段",
                )
            )
    return problems


def _band_page_problems(pages: Mapping[str, ContentPage], where: str) -> list[Problem]:
    problems, seen = [], {}
    for page in sorted(pages.values(), key=lambda p: p.src_uri):
        if page.kind != "audience" or not page.meta.get("band"):
            continue
        band = page.meta["band"]
        if band in seen:
            problems.append(
                Problem(
                    f"{where}/{page.src_uri}",
                    None,
                    f"学段 {band} 已经有一个学段页（{where}/{seen[band]}） → 每个学段只写一页",
                )
            )
        seen.setdefault(band, page.src_uri)
    return problems
