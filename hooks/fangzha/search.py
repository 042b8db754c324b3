"""Search: the domain dictionary, colloquial aliases as boosted tags, and ranking by kind.

Material's search segments Chinese with jieba at build time and, in the browser, splits a
query into the words its index knows. So the index must know the words people type: the
domain dictionary keeps terms such as 杀猪盘 or 安全账户 whole, and each page's aliases are
added (segmented the same way, and in traditional characters) to the boosted tags field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .problems import Problem

ZWSP = "\u200b"

# Ranking by kind: the page that explains a scam comes before the quiz that mentions it.
KIND_BOOST = {
    "scam": 3.0,
    "guide": 2.0,
    "audience": 1.5,
    "letter": 0.8,
    "handout": 0.6,
    "quiz": 0.5,
    "lesson": 0.8,
    "script": 0.6,
    "screen": 0.4,  # these three are left out of the index by default (UNINDEXED_KINDS)
    "index": 0.7,
    "home": 0.7,
}

# Teachers' material stays out of the index: a parent who pastes a message must land on the
# scam page, not on a lesson plan that retells the same story. Teachers reach it through the
# 主题班会与宣传周 and 讲话与广播稿 pages, which are indexed.
UNINDEXED_KINDS = ("lesson", "script", "screen")

_WORD = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+([a-z]+))?$")


def read_dictionary(text: str, where: str) -> tuple[list[str], list[Problem]]:
    """Check a jieba user dictionary: one word a line, optionally a frequency and a tag."""
    words, problems, seen = [], [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _WORD.match(line.strip())
        if not match:
            problems.append(
                Problem(
                    where,
                    number,
                    f"这一行“{line.strip()}”读不懂 → 一行写一个词，后面可以空一格写词频和词性，例如“杀猪盘 5 n”",
                    f"found {line.strip()!r}, expected one word a line, optionally followed by a frequency and a tag",
                )
            )
            continue
        word = match.group(1)
        if word in seen:
            problems.append(
                Problem(
                    where,
                    number,
                    f"“{word}”和第 {seen[word]} 行重复 → 删掉这一行",
                    f"'{word}' repeats line {seen[word]}",
                )
            )
            continue
        seen[word] = number
        words.append(word)
    if not words and not problems:
        problems.append(
            Problem(
                where,
                None,
                "词典是空的 → 一行写一个词",
                "the dictionary is empty; expected one word a line",
            )
        )
    return words, problems


def words(text: str, cut: Callable[[str], Iterable[str]]) -> list[str]:
    """The words of a text as the index cuts them, without punctuation and one-character words.

    One-character words (你, 的, 带 …) carry no meaning alone but would earn the tags' boost
    for every query that contains them.
    """
    out = []
    for word in (w.strip() for w in cut(text)):
        if len(word) >= 2 and re.search(r"[\w]", word):
            out.append(word)
    return out or [text.strip()]


def alias_tags(
    aliases: Iterable[str],
    title: str,
    cut: Callable[[str], Iterable[str]],
    to_traditional: Iterable[Callable[[str], str]] = (),
) -> list[str]:
    """Search tags for a page: each alias segmented, plus traditional forms of aliases and title."""
    tags: list[str] = []
    for text in aliases:
        parts = words(text, cut)
        variants = [ZWSP.join(parts)] + [
            ZWSP.join(convert(w) for w in parts) for convert in to_traditional
        ]
        for variant in variants:
            if variant not in tags:
                tags.append(variant)
    title_words = words(title, cut)
    for convert in to_traditional:
        variant = ZWSP.join(convert(w) for w in title_words)
        if variant != ZWSP.join(title_words) and variant not in tags:
            tags.append(variant)
    return tags


# -- Material's in-browser query segmentation ---------------------------------------------------

# Material's search worker splits a Chinese query into words its index knows, with two
# slips this module repairs in the worker the build copies from the theme:
# - its loop stops one character short ("for(let o=s+1;o<t.length;o++)"), so the last word
#   of every query is cut off: 免费领皮肤 is searched as 免费 + 领, never 皮肤;
# - the words replace the Chinese run with nothing around them, so Latin letters that follow
#   stick to the last word: 国家反诈中心app becomes one term that matches nothing.
_SEGMENT_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
_SEGMENT_JOIN = re.compile(r'(\w)=>\[\.\.\.(\w+)\(\1,this\.index\.invertedIndex\)\]\.join\("\* "\)')


_PATCHED = re.compile(
    r'(\w)=>" "\+\[\.\.\.\w+\(\1,this\.index\.invertedIndex\)\]\.join\("\* "\)\+" "'
)


def fix_query_segmentation(worker_js: str) -> str:
    """Repair Material's query segmentation; fail if the code is not what this expects.

    A worker this function already repaired (a ``--dirty`` build keeps it) is returned as is.
    """
    if len(_PATCHED.findall(worker_js)) == 1 and not _SEGMENT_JOIN.findall(worker_js):
        return worker_js
    for pattern in (_SEGMENT_LOOP, _SEGMENT_JOIN):
        found = len(pattern.findall(worker_js))
        if found != 1:
            raise ValueError(
                f"found Material's query segmentation code {found} times in its search worker, "
                "expected once; Material has changed, review fangzha.search.fix_query_segmentation"
            )
    worker_js = _SEGMENT_LOOP.sub(
        lambda m: m.group(0).replace(f"{m.group(1)}<{m.group(3)}", f"{m.group(1)}<={m.group(3)}"),
        worker_js,
    )
    return _SEGMENT_JOIN.sub(
        lambda m: f'{m.group(1)}=>" "+{m.group(0)[len(m.group(1)) + 2 :]}+" "', worker_js
    )
