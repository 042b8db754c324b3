"""Settings in page text: rendered, escaped, and mistakes named with their line."""

from fangzha.templating import check_references, render

CONTEXT = {
    "org": {"name": "A&B 学校", "police": {"name": "示例派出所"}, "helplines": [{"number": "110"}]}
}


def test_settings_render_and_text_is_escaped():
    assert render("主办：{{ org.name }}", CONTEXT) == "主办：A&amp;B 学校"


def test_loops_and_nested_settings_are_fine():
    text = "{% for h in org.helplines %}{{ h.number }}{% endfor %} {{ org.police.name }}"
    assert check_references(text, CONTEXT, "docs/x.md") == []
    assert render(text, CONTEXT) == "110 示例派出所"


def test_unknown_setting_named_with_line_and_suggestion():
    found = check_references("第一行\n\n{{ org.police.nmae }}", CONTEXT, "docs/x.md", first_line=6)
    assert [str(p) for p in found] == [
        "docs/x.md:8: 没有“org.police.nmae”这个设置（是不是想写 org.police.name？） → 可用的设置：org.police.name"
    ]


def test_unknown_top_level_name():
    found = check_references("{{ school.name }}", CONTEXT, "docs/x.md")
    assert [str(p) for p in found] == ["docs/x.md:1: 没有“school.name”这个设置 → 可用的设置：org"]


def test_markdown_heading_ids_are_not_jinja_comments():
    assert render("## 标题 {#id}\n{{ org.police.name }}", CONTEXT) == "## 标题 {#id}\n示例派出所"


def test_template_syntax_error_has_line():
    found = check_references("a\n{{ org.name ", CONTEXT, "docs/x.md", first_line=5)
    assert [str(p) for p in found] == [
        "docs/x.md:6: 这一行的 {{ }} 或 {% %} 没有写完整 → 设置写成 {{ org.name }}，两边各两个英文大括号；"
        "正文里要显示大括号本身，请改用中文括号"
    ]


def test_full_width_braces_are_named_at_their_line():
    found = check_references("第一行\n主办：｛｛ org.name ｝｝", CONTEXT, "docs/x.md", first_line=3)
    assert [str(p) for p in found] == [
        "docs/x.md:4: 设置用了中文大括号“｛｛ ｝｝”，页面上会原样显示 → 改成英文大括号，例如 {{ org.name }}"
    ]


def test_render_page_turns_runtime_mistakes_into_problems():
    from fangzha.templating import render_page

    text, found = render_page("a\n{{ org.name | nosuchfilter }}", CONTEXT, "docs/x.md", 4)
    assert text.startswith("a\n")
    assert len(found) == 1 and str(found[0]).startswith("docs/x.md:5: ")
    # Not a template error but a Python one (a string divided): still a line, not a traceback.
    text, found = render_page("a\n\n{{ org.name / 2 }}", CONTEXT, "docs/x.md", 10)
    assert [str(p) for p in found] == [
        "docs/x.md:12: 这一行的 {{ … }} 填不进去 → 大括号里只写设置的名字，例如 {{ org.name }}、"
        "{{ org.phone }}，不要在里面做计算或加别的字"
    ]
    assert render_page("{{ org.name }}", CONTEXT, "docs/x.md") == ("A&amp;B 学校", [])
