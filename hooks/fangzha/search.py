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
    "screen": 0.4,  # these are left out of the index by default (UNINDEXED_KINDS)
    "drill": 0.4,
    "spot": 0.4,
    "index": 0.7,
    "home": 0.7,
}

# Teachers' material stays out of the index: a parent who pastes a message must land on the
# scam page, not on a lesson plan that retells the same story. Teachers reach it through the
# 主题班会与宣传周 and 讲话与广播稿 pages, which are indexed.
# Drills and 真还是假 rounds retell scams as practice: a reader searching for a message they got
# belongs on the scam page; the practice pages are reached from 识骗演练.
UNINDEXED_KINDS = ("lesson", "script", "screen", "drill", "spot")

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


# -- query words ------------------------------------------------------------------------------

# Words that say how a reader feels or asks, not what happened: they must not pick the page.
QUERY_STOPWORDS: tuple[str, ...] = (
    "怎么办",
    "怎么",
    "怎么样",
    "怎样",
    "如何",
    "为什么",
    "什么",
    "是不是",
    "是否",
    "真的",
    "真是",
    "请问",
    "一下",
    "一个",
    "一些",
    "这个",
    "那个",
    "这是",
    "那是",
    "这样",
    "那样",
    "这种",
    "那种",
    "刚才",
    "刚刚",
    "现在",
    "今天",
    "昨天",
    "已经",
    "还是",
    "就是",
    "还有",
    "然后",
    "结果",
    "我们",
    "你们",
    "他们",
    "她们",
    "我的",
    "你的",
    "他的",
    "她的",
    "自己",
    "别人",
    "有人",
    "对方",
    "可以",
    "能不能",
    "会不会",
    "要不要",
    "应该",
    "需要",
    "没有",
    "不是",
    "正常",
    "靠谱",
    "安全吗",
    "骗子",
    "骗局",
    "是骗",
    "吗",
    "呢",
    "吧",
    "啊",
    "了",
    "的",
    "被",
    "我",
    "你",
    "他",
    "她",
)
