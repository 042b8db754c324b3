"""Markers and the card lists that replace them: Markdown in, Markdown out."""

import difflib
import textwrap

from fangzha.cards import render_marker, replace_markers
from fangzha.library import load_library
from fangzha.markers import find_markers


def page(kind, title, audiences, extra=""):
    sources = "sources: [{title: 手册, by: 公安部刑侦局, date: 2025-06}]" if kind == "guide" else ""
    return textwrap.dedent(f"""\
        ---
        kind: {kind}
        title: {title}
        summary: {title}的摘要。
        audiences: [{audiences}]
        reviewed: 2026-01-01
        {sources}
        {extra}
        ---
        正文
        """)


def library():
    sources = [
        ("guides/a.md", page("guide", "甲指南", "students", "bands: [junior, senior]")),
        ("guides/b.md", page("guide", "乙指南", "elderly, parents", "order: 1")),
        (
            "audiences/students.md",
            "---\nkind: audience\naudience: students\ntitle: 学生\nsummary: 学生们。\n---\n",
        ),
    ]
    lib, problems = load_library(sources, context={})
    assert problems == []
    return lib


def assert_markdown(actual, expected):
    expected = textwrap.dedent(expected)
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm=""))
    assert actual == expected, diff


def test_cards_for_a_kind_link_relative_to_the_current_page_in_order():
    markers, _ = find_markers('<!-- fangzha:cards kind="guide" -->', "docs/index.md")
    markdown, problems = render_marker(library(), markers[0], "index.md", "docs/index.md")
    assert problems == []
    assert_markdown(
        markdown,
        """\
        <div class="fz-cards" markdown>

        -   [乙指南](guides/b.md)

            乙指南的摘要。

            <span class="fz-card__meta">指南 · 适合老年人、家长</span>

        -   [甲指南](guides/a.md)

            甲指南的摘要。

            <span class="fz-card__meta">指南 · 适合学生（初中至高中/中职）</span>

        </div>
        """,
    )


def test_cards_by_audience_are_grouped_under_kind_headings():
    markers, _ = find_markers('<!-- fangzha:cards audience="students" -->', "x")
    markdown, _ = render_marker(library(), markers[0], "audiences/students.md", "x")
    assert markdown.startswith("## 指南\n\n<div")
    assert "(../guides/a.md)" in markdown and "乙指南" not in markdown


def test_empty_card_list_is_a_problem_with_line():
    markers, _ = find_markers(
        '正文\n\n<!-- fangzha:cards kind="quiz" -->', "docs/x.md", first_line=7
    )
    _, problems = render_marker(library(), markers[0], "x.md", "docs/x.md")
    assert [str(p) for p in problems] == [
        'docs/x.md:9: 标记 fangzha:cards kind="quiz" 没有列出任何页面 → 检查筛选条件，或先写好符合条件的页面'
    ]


def test_audience_entries_link_each_audience_page():
    markers, _ = find_markers("<!-- fangzha:audiences -->", "x")
    markdown, _ = render_marker(library(), markers[0], "index.md", "x")
    assert "-   [我是学生](audiences/students.md)" in markdown
    assert "我是家长" not in markdown  # no page for parents in this library


def test_marker_argument_mistakes_are_reported():
    _, problems = find_markers('<!-- fangzha:cards kind="scams" colour="red" -->', "docs/x.md", 3)
    assert [str(p) for p in problems] == [
        'docs/x.md:3: 标记 fangzha:cards 的参数 kind="scams" 写得不对 → 应当写其中之一：scam（诈骗类型）、'
        "quiz（知识测验）、letter（告知书）、handout（宣传品）、lesson（主题班会）、script（讲话与广播稿）、"
        "screen（大屏滚动）、guide（指南）、drill（模拟对话）、spot（真还是假）",
        "docs/x.md:3: 标记 fangzha:cards 没有“colour”这个参数 → 可用的参数：kind、audience、category、band",
    ]
    _, problems = find_markers("<!-- fangzha:cards kind=scam -->", "docs/x.md")
    assert [str(p) for p in problems] == [
        'docs/x.md:1: 标记 fangzha:cards 里的“kind=scam”读不懂 → 参数写成 名称="值"（英文双引号），例如 kind="scam"'
    ]


def test_markers_in_code_fences_are_left_alone():
    markers, problems = find_markers("```\n<!-- fangzha:nope -->\n```\n", "x")
    assert markers == [] and problems == []


def test_replace_markers_keeps_the_rest_of_the_page():
    lib = library()
    body = '前文\n\n<!-- fangzha:cards kind="guide" -->\n\n后文\n'
    markers, _ = find_markers(body, "x")
    out, problems = replace_markers(body, lib, markers, "index.md", "x")
    assert problems == []
    assert out.startswith("前文\n\n<div") and out.endswith("</div>\n\n\n后文\n")
