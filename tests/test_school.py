"""The school kit without a browser: age bands, lessons, slides, scripts, the screen, paper forms."""

import re
import textwrap

import markdown
import pytest

from fangzha import bands, lessons, scripts
from fangzha.blocks import BLOCKS
from fangzha.blockspec import BlockError, scan_blocks
from fangzha.library import load_library
from fangzha.screen import led_text, parse_lines
from util import ROOT

SECTIONS = "".join(f"## {s}\n\n文字。\n\n" for s in bands.KINDS["scam"].sections) + (
    "/// share\n【防骗提醒】甲\n一句。\n///\n"
)
SOURCES = "sources: [{title: 手册, by: 公安部刑侦局, date: 2025-06}]"


def scam(src, title, band_list, extra="", body=SECTIONS):
    """A scam page for students; ``band_list`` None leaves the bands line out."""
    front = [
        "kind: scam",
        f"title: {title}",
        "summary: 摘要。",
        "audiences: [students, parents]",
        *([f"bands: {band_list}"] if band_list is not None else []),
        "category: 其他常见类型",
        "aliases: [甲, 乙]",
        "reviewed: 2026-01-01",
        SOURCES,
        *([extra] if extra else []),
    ]
    return (src, "---\n" + "\n".join(front) + "\n---\n" + body)


def line_of(source, needle):
    """The 1-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(source[1].splitlines(), 1) if needle in line)


def problems_of(sources):
    _, found = load_library(sources, context={})
    return [str(p) for p in found]


# -- age bands -----------------------------------------------------------------------------


def test_a_students_page_must_say_which_ages_it_suits():
    found = problems_of([scam("scams/a.md", "甲", None)])
    assert found == [
        "docs/scams/a.md:5: audiences 里有 students，但没有写 bands（适合哪个学段） → 加一行，例如 "
        "bands: [primary_upper, junior]；可选：primary_lower（小学 1–3 年级）、primary_upper（小学 4–6 年级）、"
        "junior（初中）、senior（高中/中职）、university（大学）"
    ]


def test_bands_younger_than_min_band_contradict_it():
    found = problems_of([scam("scams/a.md", "甲", "[junior, senior]", "min_band: senior")])
    assert found == [
        "docs/scams/a.md:6: bands 里有 junior，可是 min_band: senior 说这一页不适合高中/中职以下的学生 → "
        "从 bands 里去掉 junior"
    ]


def test_a_primary_page_linking_a_page_for_older_students_names_both_files():
    body = SECTIONS + "另见[另一页](b.md)。\n"
    linking = scam("scams/a.md", "甲", "[primary_upper, junior]", body=body)
    found = problems_of([linking, scam("scams/b.md", "乙", "[senior]", "min_band: senior")])
    line = line_of(linking, "另见")
    assert found == [
        f"docs/scams/a.md:{line}: 这一页适合小学 4–6 年级、初中，却链接了 docs/scams/b.md（min_band: senior，"
        "不适合高中/中职以下的学生） → 删掉这个链接、换成适合这个学段的页面，或从 bands 里去掉较小的学段"
    ]


def test_a_link_inside_a_code_span_or_fence_is_not_a_link():
    body = SECTIONS + "写法：`[裸聊](b.md)`\n\n```\n[裸聊](b.md)\n```\n"
    found = problems_of(
        [
            scam("scams/a.md", "甲", "[junior]", body=body),
            scam("scams/b.md", "乙", "[senior]", "min_band: senior"),
        ]
    )
    assert found == []


@pytest.mark.parametrize("word", ["网贷", "赌博", "有期徒刑", "裸聊"])
def test_a_primary_page_may_not_mention_loans_gambling_sex_or_penalties(word):
    body = SECTIONS + f"不要碰{word}。\n"
    source = scam("scams/a.md", "甲", "[primary_lower]", body=body)
    found = problems_of([source])
    topic = next(t for t, words in bands.UNSUITABLE_BELOW_JUNIOR.items() if word in words)
    assert len(found) == 1
    assert found[0].startswith("docs/scams/a.md:")
    assert found[0].endswith(
        f"这一页适合小学（bands 含 primary_lower），却出现了“{word}”（{topic}） → 小学材料不讲色情、"
        "贷款、赌博和刑罚：删掉这句，或从 bands 里去掉小学的学段"
    )
    # Line numbers point at the sentence, not at the page.
    assert int(found[0].split(":")[1]) == line_of(source, "不要碰")


def test_the_same_words_are_fine_for_secondary_students():
    body = SECTIONS + "不要碰网贷。\n"
    assert problems_of([scam("scams/a.md", "甲", "[junior, senior]", body=body)]) == []


def test_readme_lists_exactly_the_words_the_build_refuses_for_primary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- words:start -->", 1)[1].split("<!-- words:end -->", 1)[0]
    listed = set(re.findall(r"“([^”]+)”", section))
    wanted = {w for words in bands.UNSUITABLE_BELOW_JUNIOR.values() for w in words}
    assert listed == wanted


# -- blocks: options checked with their line ----------------------------------------------


def scan(text):
    return scan_blocks(textwrap.dedent(text), BLOCKS, "docs/x.md", 10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "/// receipt | 回执\n    feilds: 姓名\n\n交回。\n///\n",
            "docs/x.md:11: /// receipt 没有“feilds”这个选项（是不是想写 fields？） → 可用的选项：fields、checks",
        ),
        (
            "/// receipt | 回执\n    fields：姓名, 班级\n\n交回。\n///\n",
            "docs/x.md:11: 选项名后面用了中文冒号“：” → 改成英文冒号加一个空格，例如“fields: 学生姓名, 班级”",
        ),
        (
            "/// receipt | 回执\n\tfields: 姓名\n\n交回。\n///\n",
            "docs/x.md:11: 这一行用 Tab 键缩进，会被当成正文而不是选项 fields → 选项行前面空 4 个空格",
        ),
        (
            "/// recipt | 回执\n交回。\n///\n",
            "docs/x.md:10: 没有叫“recipt”的块（是不是想写 /// receipt？），它会原样显示成文字 → 可用的块："
            "quiz、receipt、slide、deck、screen、record、signatures、share、checker、drill、spot",
        ),
        (
            "/// slide | 标题\n    layout: huge\n\n一句话\n///\n",
            "docs/x.md:11: /// slide 的选项 layout 写成了 “huge” → 应当写其中之一：normal（标题加几行要点）、"
            "big（一句话，特大字，居中）、question（讨论题：大字问题，下面可以写提示）",
        ),
        (
            "/// screen\n    interval: 0\n\n- 一句\n///\n",
            "docs/x.md:11: /// screen 的选项 interval 写成了 “0” → 应当写一个 1 到 120 之间的整数",
        ),
        (
            "/// record\n    fields: 日期\n\n",
            "docs/x.md:10: /// record 没有结束 → 在它的内容后面另起一行，写上 ///",
        ),
        (
            "正文\n///\n",
            "docs/x.md:11: 这一行 /// 没有对应的块开头，会原样显示出来 → 删掉它，或检查上面的块是否已经结束",
        ),
    ],
)
def test_a_slip_in_a_block_is_reported_at_its_line(text, message):
    _, found = scan(text)
    assert [str(p) for p in found] == [message]


def test_the_extension_refuses_what_pymdownx_would_leave_as_text():
    with pytest.raises(BlockError, match="没有“feilds”这个选项"):
        markdown.markdown(
            "/// receipt | 回执\n    feilds: 姓名\n\n交回。\n///\n", extensions=["fangzha.blocks"]
        )
    with pytest.raises(BlockError, match="没有生效"):
        markdown.markdown(
            "/// receipt | 回执\n    fields：姓名\n\n交回。\n///\n", extensions=["fangzha.blocks"]
        )


def test_list_options_split_on_commas_and_keep_the_pause_mark_inside_an_item():
    html = markdown.markdown(
        "/// receipt | 承诺书\n    checks: 不点陌生链接、不扫陌生二维码, 验证码不给人\n    fields: 姓名、班级\n\n交回。\n///\n",
        extensions=["fangzha.blocks"],
    )
    assert "☐</span>不点陌生链接、不扫陌生二维码</li>" in html
    assert html.count('class="fz-receipt__field"') == 2


# -- lessons --------------------------------------------------------------------------------

LESSON = """\
---
kind: lesson
title: 测试班会
summary: 摘要。
audiences: [teachers]
band: primary_upper
duration: 40
reviewed: 2026-01-01
---

## 教学目标

目标。

## 课前准备

准备。

## 教学过程

### 一、导入（5 分钟）

/// slide | 一
文字
///

### 二、案例（20 分钟）

/// slide | 二
文字
///

### 三、讨论

/// slide | 三
{slide}
///

/// quiz | 小测验
1. 问题？
    - [ ] 甲
    - [x] 乙

    解析：因为。
///

## 教师提示

提示。

## 班会记录表

/// record
///
"""


def lesson_problems(text):
    _, found = load_library([("lessons/a.md", text)], context={})
    return [str(p) for p in found]


def test_a_lesson_step_without_its_minutes_and_a_total_that_does_not_add_up():
    text = LESSON.format(slide="文字")
    step = line_of(("", text), "### 三、讨论")
    assert lesson_problems(text) == [
        f"docs/lessons/a.md:{step}: 步骤“三、讨论”没有写用时 → 在标题末尾写上用时，例如“（5 分钟）”",
    ]
    fixed = text.replace("### 三、讨论", "### 三、讨论（10 分钟）")
    section = line_of(("", fixed), "## 教学过程")
    assert lesson_problems(fixed) == [
        f"docs/lessons/a.md:{section}: 各步骤用时加起来是 35 分钟，和 duration 写的 40 分钟对不上 → "
        "调整步骤用时，或改 duration"
    ]


def test_a_slide_too_full_for_the_back_row_is_refused_at_its_line():
    text = LESSON.replace("### 三、讨论", "### 三、讨论（15 分钟）").format(slide="字" * 120)
    slide = line_of(("", text), "/// slide | 三")
    assert lesson_problems(text) == [
        f"docs/lessons/a.md:{slide}: 这张幻灯片有 120 个字，投影上后排看不清 → 每张不超过 100 个字，"
        "多的拆成两张，或写进教案正文"
    ]


def test_the_deck_keeps_only_the_slides_and_turns_the_quiz_into_slides():
    body = LESSON.format(slide="文字").split("---\n", 2)[2]
    source = (
        "//// deck | 测试班会\n    subtitle: 主题班会 · 小学 4–6 年级\n    org: 示例学校\n\n"
        + body
        + "\n////\n"
    )
    html = markdown.markdown(source, extensions=["fangzha.blocks", "tables"])
    titles = re.findall(
        r'<p aria-level="\d" class="fz-slide__title" role="heading">([^<]+)</p>', html
    )
    assert titles == ["测试班会", "一", "二", "三", "小测验 · 第 1 题 · 单选题", "小测验答案"]
    assert "目标。" not in html and "提示。" not in html and "解析" not in html
    assert html.count('<span class="fz-slide__org">示例学校</span>') == 6
    assert '<span class="fz-slide__num">6 / 6</span>' in html
    assert "<li>第 1 题：B</li>" in html


def test_slides_uri_sits_next_to_the_plan():
    assert lessons.slides_uri("lessons/chuzhong.md") == "lessons/chuzhong-slides.md"


# -- scripts ------------------------------------------------------------------------------


def test_reading_time_counts_only_what_is_spoken():
    body = textwrap.dedent(
        """\
        !!! note "使用说明"
            这段说明不读出来。

        【音乐起】

        ## 小标题

        同学们好，请记住 96110 和 App。[链接文字](../x.md){ .fz-qr }
        <!-- 注释 -->
        """
    )
    assert re.sub(r"\s+", "", scripts.spoken_text(body)) == "同学们好，请记住96110和App。链接文字"
    time = scripts.reading_time(body, "broadcast")
    # 同学们好请记住 (7) + 9 6 1 1 0 (5) + 和 (1) + App (1) + 链接文字 (4) = 18 at 240 a minute.
    assert (time.units, time.rate, time.seconds) == (18, 240, 5)
    assert scripts.clock(130) == "2 分 10 秒" and scripts.clock(240) == "4 分钟"


# -- the big screen -----------------------------------------------------------------------


def test_screen_lines_and_the_led_file():
    lines, problems = parse_lines("## 口诀\n- 不轻信、不透露\n\n## 专线\n- 96110来电一定要接\n")
    assert problems == []
    assert [(line.group, line.text) for line in lines] == [
        ("口诀", "不轻信、不透露"),
        ("专线", "96110来电一定要接"),
    ]
    assert led_text(lines).encode("utf-8") == "不轻信、不透露\r\n96110来电一定要接\r\n".encode()


def test_a_screen_line_longer_than_the_led_allows_is_reported_at_its_line():
    _, found = scan("/// screen\n    max_chars: 8\n\n- 短句\n- 这一句明显超过八个字了\n///\n")
    assert found == []
    source = "---\nkind: screen\ntitle: 屏\nsummary: 摘要。\naudiences: [residents]\nreviewed: 2026-01-01\n---\n"
    body = "/// screen\n    max_chars: 8\n\n- 短句\n- 这一句明显超过八个字了\n///\n"
    _, found = load_library([("handouts/a.md", source + body)], context={})
    assert [str(p) for p in found] == [
        "docs/handouts/a.md:12: “这一句明显超过八个字了”有 11 个字，超过了 max_chars 设定的 8 个字 → 缩短这一条，或把 max_chars 调大"
    ]


# -- paper forms ---------------------------------------------------------------------------


def test_the_record_sheet_and_the_signature_sheet_collect_nothing_on_screen():
    html = markdown.markdown(
        "/// record\n///\n\n/// signatures | 签名表\n    rows: 20\n\n我承诺。\n///\n",
        extensions=["fangzha.blocks"],
    )
    assert "<input" not in html and "<form" not in html
    assert html.count("本站没有在线表格，不在网上收集任何信息") == 2
    assert re.findall(r'<th scope="row">([^<]+)</th>', html)[:3] == ["班会主题", "日期", "班级"]
    numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>", html)]
    assert sorted(numbers) == list(range(1, 21))
    assert numbers[:2] == [1, 11]  # two columns: 1–10 beside 11–20
