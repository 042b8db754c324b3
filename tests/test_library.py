"""Front matter and page structure: every problem in one pass, with file, line and field."""

import datetime as dt
import textwrap

from fangzha.library import load_library, parse_page, scan_headings, split_front_matter

SECTIONS = "\n\n".join(
    f"## {name}\n\n正文。"
    for name in [
        "一句话识别",
        "典型案例",
        "骗局套路",
        "识别信号",
        "正确做法",
        "如果已经被骗",
        "防骗口诀",
    ]
)


SHARE = "\n\n/// share\n【防骗提醒】刷单返利诈骗\n点赞返佣金都是骗局。\n///"


def scam(front: str, body: str = SECTIONS + SHARE) -> str:
    return "---\n" + textwrap.dedent(front).strip() + "\n---\n\n" + body + "\n"


GOOD = """
kind: scam
title: 刷单返利诈骗
summary: 一句话。
audiences: [students, parents]
bands: [primary_upper, junior]
category: 刷单返利
aliases: [刷单, 点赞赚钱]
reviewed: 2026-01-02
sources:
  - title: 2025版防范电信网络诈骗宣传手册
    by: 公安部刑侦局、国家反诈中心
    date: 2025-06
"""


def messages(src: str, uri: str = "scams/shuadan.md") -> list[str]:
    return [str(p) for p in parse_page(uri, src, f"docs/{uri}")[1]]


def test_good_page_parses_with_typed_fields():
    page, found = parse_page("scams/shuadan.md", scam(GOOD), "docs/scams/shuadan.md")
    assert found == []
    assert page.slug == "shuadan"
    assert page.meta["reviewed"] == dt.date(2026, 1, 2)
    assert page.audiences == ["students", "parents"]
    assert page.meta["sources"] == [
        {
            "title": "2025版防范电信网络诈骗宣传手册",
            "by": "公安部刑侦局、国家反诈中心",
            "date": "2025-06",
        }
    ]


def test_malformed_yaml_names_the_file_line():
    src = scam(GOOD.replace("title: 刷单返利诈骗", "title: [刷单返利诈骗"))
    found = messages(src)
    # Not the parser's jargon: the usual cause, on the line where it is.
    assert found == [
        "docs/scams/shuadan.md:3: 页面信息：方括号不成对，或用了中文方括号“［］” → 列表写成 [甲, 乙]（英文方括号和逗号）"
    ]


def test_unknown_field_is_a_typo_with_suggestion_and_line():
    found = messages(scam(GOOD + "audience: [students]\n"))
    assert found == [
        "docs/scams/shuadan.md:14: audience：没有这一项（是不是想写 audiences？） → 可以写的项：kind、title、"
        "summary、order、hide、search、audiences、aliases、reviewed、sources、min_band、bands、category、signals"
    ]


def test_missing_field_names_what_is_expected():
    found = messages(scam(GOOD.replace("category: 刷单返利\n", "")))
    assert found == [
        "docs/scams/shuadan.md: category：缺少这一项 → 应当写其中之一：刷单返利、虚假网络投资理财、"
        "虚假网络贷款与虚假征信、冒充电商物流客服、冒充公检法及政府机关、虚假购物服务、冒充领导熟人、"
        "网络游戏产品虚假交易、网络婚恋交友、机票退改签、其他常见类型"
    ]


def test_wrong_type_and_bad_audience_are_both_reported():
    src = scam(
        GOOD.replace("audiences: [students, parents]", "audiences: [student]").replace(
            "title: 刷单返利诈骗", "title: 123"
        )
    )
    assert messages(src) == [
        "docs/scams/shuadan.md:3: title：写成了数字 123 → 应当写一行文字（不超过 40 个字）（数字请加引号）",
        "docs/scams/shuadan.md:5: audiences：写成了“student” → 应当写一个列表，从这些里选：students（学生）、"
        "parents（家长）、elderly（老年人）、teachers（教师）、finance（财务人员）、residents（社区居民）",
    ]


def test_unknown_kind_lists_the_kinds():
    assert messages("---\nkind: poster\ntitle: x\n---\n") == [
        "docs/scams/shuadan.md:2: kind 写成了“poster” → kind 是页面类型，应当写其中之一：home（首页）、"
        "index（目录）、audience（人群导览）、scam（诈骗类型）、quiz（知识测验）、letter（告知书）、"
        "handout（宣传品）、lesson（主题班会）、script（讲话与广播稿）、screen（大屏滚动）、guide（指南）、drill（模拟对话）、spot（真还是假）"
    ]


def test_page_without_front_matter_is_reported():
    assert messages("## 标题\n") == [
        "docs/scams/shuadan.md:1: 文件开头没有页面信息 → 第一行写 ---，接着写 kind、title、summary 等，"
        "再写一行 --- （见 README「添加页面」）"
    ]


def test_unclosed_front_matter_is_reported():
    assert messages("---\nkind: scam\n\n## 正文\n") == [
        "docs/scams/shuadan.md:1: 页面信息以“---”开头，却没有结束的“---”行 → 在页面信息最后另起一行写 ---"
        "（三个英文减号，不要用中文破折号）"
    ]


def test_future_review_date_and_impossible_date():
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert messages(scam(GOOD.replace("2026-01-02", future))) == [
        f"docs/scams/shuadan.md:9: reviewed：写成了日期 {future} → 应当写日期，写成 2026-11-29 这样，不能晚于今天"
    ]
    # Quoted or not: YAML itself would stop at an impossible date without a line.
    for written in ("'2026-02-30'", "2026-02-30", "2025-02-29", "2026-11-31"):
        day = written.strip("'")
        assert messages(scam(GOOD.replace("2026-01-02", written))) == [
            f"docs/scams/shuadan.md:9: reviewed：写成了“{day}”，日历上没有这一天 → 应当写日期，写成 2026-11-29 这样"
        ]


def test_missing_and_misordered_sections():
    body = SECTIONS.replace("## 典型案例", "## 案例")
    line = 16 + body.splitlines().index("## 案例")
    assert messages(scam(GOOD, body)) == [
        f"docs/scams/shuadan.md:{line}: 缺少小标题“## 典型案例”（是不是写成了“## 案例”？） → 诈骗类型页面依次有这些小标题："
        "## 一句话识别、## 典型案例、## 骗局套路、## 识别信号、## 正确做法、## 如果已经被骗、## 防骗口诀"
    ]
    swapped = (
        SECTIONS.replace("## 识别信号", "## TMP")
        .replace("## 骗局套路", "## 识别信号")
        .replace("## TMP", "## 骗局套路")
    )
    found = messages(scam(GOOD, swapped))
    assert (
        len(found) == 1 and "小标题“## 识别信号”写在了“## 骗局套路”前面 → 按这个顺序排" in found[0]
    )


def test_headings_inside_code_fences_are_ignored():
    body = "```\n## 不是标题\n```\n\n## 是标题 {#id}\n"
    assert scan_headings(body, 10) == [(14, 2, "是标题")]


def test_file_names_must_be_short_web_addresses():
    found = messages(scam(GOOD), uri="scams/刷单.md")
    assert found == [
        "docs/scams/刷单.md: 文件名“刷单”不能直接当网址 → 文件名只用小写字母、数字和减号，例如 shuadan-fanli.md"
    ]


def test_split_front_matter_reports_body_line():
    yaml_text, body, line = split_front_matter("---\na: 1\nb: 2\n---\n正文\n")
    assert yaml_text == "a: 1\nb: 2\n"
    assert body == "正文\n"
    assert line == 5


def test_load_library_reports_all_pages_problems_in_one_pass():
    sources = [
        ("a.md", scam(GOOD.replace("title: 刷单返利诈骗", "title: 甲"))),
        ("b.md", "---\nkind: scam\n---\n"),
        (
            "c.md",
            "---\nkind: letter\ntitle: 乙\nsummary: s\naudiences: [students]\nbands: [junior]\n"
            "reviewed: 2026-01-01\n---\n{{ org.nam }}\n<!-- fangzha:cardz -->\n",
        ),
    ]
    library, found = load_library(sources, context={"org": {"name": "x"}})
    text = [str(p) for p in found]
    assert "a.md" in library.pages
    assert any(t.startswith("docs/b.md: title：缺少这一项") for t in text)
    assert (
        "docs/c.md:9: 没有“org.nam”这个设置（是不是想写 org.name？） → 可用的设置：org.name" in text
    )
    assert (
        "docs/c.md:10: 没有“fangzha:cardz”这个标记（是不是想写 fangzha:cards？） → 可用的标记："
        "fangzha:cards、fangzha:audiences、fangzha:bands、fangzha:card-check" in text
    )


def test_angle_brackets_and_quotes_in_titles_are_kept_as_written():
    title = '刷单<script>x</script>"引号"'
    page, found = parse_page(
        "scams/shuadan.md", scam(GOOD.replace("title: 刷单返利诈骗", f"title: '{title}'")), "x"
    )
    assert found == [] and page.title == title


def test_messages_come_in_english_on_request(monkeypatch):
    src = scam(GOOD + "audience: [students]\n")
    monkeypatch.setenv("FANGZHA_MESSAGES", "en")
    assert messages(src) == [
        "docs/scams/shuadan.md:14: field 'audience': unknown key (did you mean 'audiences'?); "
        "expected one of: kind, title, summary, order, hide, search, audiences, aliases, reviewed, "
        "sources, min_band, bands, category, signals"
    ]
    monkeypatch.setenv("FANGZHA_MESSAGES", "both")
    (both,) = messages(src)
    assert (
        both.startswith("docs/scams/shuadan.md:14: audience：没有这一项")
        and "（field 'audience'" in both
    )
