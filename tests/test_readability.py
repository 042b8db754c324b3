"""Fit for the reader: 您 and short sentences for the elderly, sources, and review dates."""

import datetime as dt

from fangzha.library import load_library, parse_page
from fangzha.readability import ELDERLY_SENTENCE_MAX, length, review_limit, stale_pages
from util import source_library

SOURCES = (
    "sources:\n"
    "  - title: 2025版防范电信网络诈骗宣传手册\n"
    "    by: 公安部刑侦局、国家反诈中心\n"
    "    date: 2025-06\n"
)


def guide(body, audiences="[elderly, residents]", sources=SOURCES):
    return (
        "---\nkind: guide\ntitle: 指南\nsummary: 摘要。\n"
        f"audiences: {audiences}\nreviewed: 2026-11-01\n{sources}---\n\n{body}"
    )


def problems_of(text, uri="guides/zhinan.md"):
    _, found = load_library([(uri, text)], context={})
    return [str(p) for p in found]


BODY_LINE = 13  # the first body line of guide(): ---, 10 front-matter lines, ---, a blank line


def test_a_sentence_one_character_too_long_for_older_readers_is_reported_at_its_line():
    ok = "这" * ELDERLY_SENTENCE_MAX + "。"
    long = "长" * (ELDERLY_SENTENCE_MAX + 1) + "。"
    assert problems_of(guide(f"{ok}\n\n{long}\n")) == [
        f"docs/guides/zhinan.md:{BODY_LINE + 2}: 这一页也写给老年人，“长长长长长长长长长长长长长长…”这句话有 "
        f"{ELDERLY_SENTENCE_MAX + 1} 个字 → 拆成几句短话，每句不超过 {ELDERLY_SENTENCE_MAX} 个字（不算标点）"
    ]


def test_punctuation_markup_and_settings_do_not_count_but_every_sentence_does():
    # Forty characters once punctuation, bold, a link target and a placeholder are set aside.
    text = "**您好**，" + "字" * 30 + "，[链接](../scams/a.md)“引号”。"
    assert length("您好，" + "字" * 30 + "，链接“引号”。") == 36
    assert problems_of(guide(f"- {text}\n")) == []
    # Two sentences on one line are two sentences; a table is not read as sentences.
    assert problems_of(guide("短句一。短句二！\n\n| " + "表" * 60 + " |\n|---|\n")) == []


def test_pages_not_for_the_elderly_are_not_held_to_it():
    long = "长" * 80 + "。你好。"
    assert problems_of(guide(long, audiences="[residents]")) == []


def test_older_readers_are_addressed_as_nin_except_in_quoted_words():
    quoted = "骗子会说：“你的账户涉嫌洗钱。”这是假的。\n"
    assert problems_of(guide(quoted)) == []
    assert problems_of(guide("请你先挂断电话。\n")) == [
        f"docs/guides/zhinan.md:{BODY_LINE}: 这一页也写给老年人，称呼读者要用“您” → "
        "把这一行的“你”改成“您”（“你们”改成“大家”）；引号里照录别人说的话可以不改"
    ]


def test_scam_and_guide_pages_name_their_sources():
    assert problems_of(guide("正文。\n", sources="")) == [
        "docs/guides/zhinan.md: sources：缺少这一项 → 应当写一个列表，每项以“- ”开头，"
        "写这几项：title、by、date、url（可不写）"
    ]
    wrong = SOURCES.replace("date: 2025-06", "date: 2025-13").replace(
        "title: 2025版防范电信网络诈骗宣传手册\n", "title: 手册\n    publisher: 公安部\n"
    )
    assert problems_of(guide("正文。\n", sources=wrong)) == [
        "docs/guides/zhinan.md:9: sources[1].publisher：没有这一项 → 可以写的项：title、by、date、url",
        "docs/guides/zhinan.md:11: sources[1].date：写成了“2025-13”，日历上没有这一天 → 应当写发布日期，写成 2025-06-18、2025-06 或 2025",
    ]


def test_a_source_date_may_be_a_day_a_month_or_a_year():
    for written, shown in [
        ("2022-09-02", "2022-09-02"),
        ("2025-06", "2025-06"),
        ("2025", "2025"),
        ("2025年6月", "2025-06"),
    ]:
        page, found = parse_page(
            "guides/zhinan.md",
            guide("正文。\n", sources=SOURCES.replace("date: 2025-06", f"date: '{written}'")),
            "docs/guides/zhinan.md",
        )
        assert found == [] and page.meta["sources"][0]["date"] == shown, written


def test_a_review_older_than_twelve_months_is_named():
    today = dt.date(2026, 11, 29)
    assert review_limit(today) == dt.date(2025, 11, 29)
    assert review_limit(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    text = guide("正文。\n").replace("reviewed: 2026-11-01", "reviewed: 2025-11-28")
    page, _ = parse_page("guides/zhinan.md", text, "docs/guides/zhinan.md")
    fresh, _ = parse_page(
        "guides/b.md", text.replace("2025-11-28", "2025-11-29"), "docs/guides/b.md"
    )
    assert [str(p) for p in stale_pages([page, fresh], today)] == [
        "docs/guides/zhinan.md: reviewed: 2025-11-28，这一页已经超过 12 个月没有核对 → "
        "请对照最新的官方材料（README「来源与复核」）核对一遍，再把 reviewed 改成核对的日期"
    ]


def test_the_library_itself_is_fit_for_its_readers():
    library, _ = source_library()
    assert stale_pages(library.pages.values(), dt.date.today()) == []
    for page in library.pages.values():
        if page.kind in ("scam", "guide"):
            assert page.meta["sources"], page.src_uri
