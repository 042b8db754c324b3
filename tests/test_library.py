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


def scam(front: str, body: str = SECTIONS) -> str:
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
"""


def messages(src: str, uri: str = "scams/shuadan.md") -> list[str]:
    return [str(p) for p in parse_page(uri, src, f"docs/{uri}")[1]]


def test_good_page_parses_with_typed_fields():
    page, found = parse_page("scams/shuadan.md", scam(GOOD), "docs/scams/shuadan.md")
    assert found == []
    assert page.slug == "shuadan"
    assert page.meta["reviewed"] == dt.date(2026, 1, 2)
    assert page.audiences == ["students", "parents"]
    assert page.meta["sources"] == []


def test_malformed_yaml_names_the_file_line():
    src = scam(GOOD.replace("title: 刷单返利诈骗", "title: [刷单返利诈骗"))
    found = messages(src)
    assert len(found) == 1
    assert found[0].startswith("docs/scams/shuadan.md:")
    assert "front matter is not valid YAML" in found[0]


def test_unknown_field_is_a_typo_with_suggestion_and_line():
    found = messages(scam(GOOD + "audience: [students]\n"))
    assert found == [
        "docs/scams/shuadan.md:10: field 'audience': unknown key (did you mean 'audiences'?); "
        "expected one of: kind, title, summary, order, hide, search, audiences, aliases, reviewed, "
        "min_band, bands, category, sources"
    ]


def test_missing_field_names_what_is_expected():
    found = messages(scam(GOOD.replace("category: 刷单返利\n", "")))
    assert found == [
        "docs/scams/shuadan.md: field 'category': missing; expected one of: 刷单返利, 虚假网络投资理财, "
        "虚假网络贷款与虚假征信, 冒充电商物流客服, 冒充公检法及政府机关, 虚假购物服务, 冒充领导熟人, "
        "网络游戏产品虚假交易, 网络婚恋交友, 机票退改签, 其他常见类型"
    ]


def test_wrong_type_and_bad_audience_are_both_reported():
    src = scam(
        GOOD.replace("audiences: [students, parents]", "audiences: [student]").replace(
            "title: 刷单返利诈骗", "title: 123"
        )
    )
    assert messages(src) == [
        "docs/scams/shuadan.md:3: field 'title': found the number 123, expected text of at most "
        "40 characters (put it in quotes)",
        "docs/scams/shuadan.md:5: field 'audiences': found 'student', expected a list drawn from: "
        "students, parents, elderly, teachers, finance, residents",
    ]


def test_unknown_kind_lists_the_kinds():
    assert messages("---\nkind: poster\ntitle: x\n---\n") == [
        "docs/scams/shuadan.md:2: field 'kind': found kind 'poster', expected one of: home, index, "
        "audience, scam, quiz, letter, handout, lesson, script, screen, guide"
    ]


def test_page_without_front_matter_is_reported():
    assert messages("## 标题\n") == [
        "docs/scams/shuadan.md:1: no front matter; expected a block between '---' lines at the top "
        "with at least kind, title and summary"
    ]


def test_unclosed_front_matter_is_reported():
    assert messages("---\nkind: scam\n\n## 正文\n") == [
        "docs/scams/shuadan.md:1: front matter starts with '---' but has no closing '---' line"
    ]


def test_future_review_date_and_impossible_date():
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert messages(scam(GOOD.replace("2026-01-02", future))) == [
        f"docs/scams/shuadan.md:9: field 'reviewed': found the date {future}, expected a date "
        "written YYYY-MM-DD that is not in the future"
    ]
    assert messages(scam(GOOD.replace("2026-01-02", "'2026-02-30'"))) == [
        "docs/scams/shuadan.md:9: field 'reviewed': found '2026-02-30', which is not a real date, "
        "expected a date written YYYY-MM-DD"
    ]


def test_missing_and_misordered_sections():
    body = SECTIONS.replace("## 典型案例", "## 案例")
    assert messages(scam(GOOD, body)) == [
        "docs/scams/shuadan.md: missing section '## 典型案例'; a scam page has these sections in "
        "order: 一句话识别, 典型案例, 骗局套路, 识别信号, 正确做法, 如果已经被骗, 防骗口诀"
    ]
    swapped = (
        SECTIONS.replace("## 识别信号", "## TMP")
        .replace("## 骗局套路", "## 识别信号")
        .replace("## TMP", "## 骗局套路")
    )
    found = messages(scam(GOOD, swapped))
    assert len(found) == 1 and "section '## 识别信号' comes before '## 骗局套路'" in found[0]


def test_headings_inside_code_fences_are_ignored():
    body = "```\n## 不是标题\n```\n\n## 是标题 {#id}\n"
    assert scan_headings(body, 10) == [(14, 2, "是标题")]


def test_file_names_must_be_short_web_addresses():
    found = messages(scam(GOOD), uri="scams/刷单.md")
    assert found == [
        "docs/scams/刷单.md: file name '刷单' is not a short web address; expected lowercase "
        "letters, digits and hyphens, such as 'shuadan-fanli.md'"
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
            "---\nkind: guide\ntitle: 乙\nsummary: s\naudiences: [students]\nbands: [junior]\n"
            "reviewed: 2026-01-01\n---\n{{ org.nam }}\n<!-- fangzha:cardz -->\n",
        ),
    ]
    library, found = load_library(sources, context={"org": {"name": "x"}})
    text = [str(p) for p in found]
    assert "a.md" in library.pages
    assert any(t.startswith("docs/b.md: field 'title': missing") for t in text)
    assert (
        "docs/c.md:9: unknown setting 'org.nam' (did you mean 'org.name'?); available: org.name"
        in text
    )
    assert (
        "docs/c.md:10: unknown marker 'fangzha:cardz'; expected one of: fangzha:cards, fangzha:audiences, fangzha:bands, fangzha:card-check"
        in text
    )


def test_angle_brackets_in_titles_are_refused():
    found = messages(scam(GOOD.replace("title: 刷单返利诈骗", "title: 刷单<script>x</script>")))
    assert found == [
        "docs/scams/shuadan.md:3: field 'title': found '刷单<script>x</script>', expected text of "
        "at most 40 characters without < or > (use 《》 for titles of works)"
    ]
