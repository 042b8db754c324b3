"""Quiz syntax: parsed, validated with file:line and question number, rendered safely."""

import difflib
import subprocess
import textwrap

import markdown
import pytest

from fangzha.blocks import BLOCKS
from fangzha.blockspec import scan_blocks
from fangzha.quiz import QuizBlock, check_code, find_blocks, parse_block
from fangzha.quiz_site import derived_uri

PAGE = "quizzes/students.md"
WHERE = "docs/quizzes/students.md"


def block(body, options="    feedback: each\n", title="学生测验", first_line=10):
    text = f"/// quiz | {title}\n{options}\n{textwrap.dedent(body).strip()}\n///\n"
    return next(find_blocks(text, first_line))


def problems(body, options="    feedback: each\n", exists=lambda uri: uri == "scams/shuadan.md"):
    quiz, found = parse_block(block(body, options), WHERE, page=PAGE, exists=exists)
    return [str(p) for p in found]


GOOD = """
1. 有人说“点赞一单 3 元”，你会怎么做？
    - [ ] 先做几单试试
    - [x] 不理会，告诉家长

    解析：所有刷单都是诈骗。
    参见：[刷单返利诈骗](../scams/shuadan.md)

2. （多选）哪些是诈骗信号？
    - [x] 先垫钱
    - [x] 要验证码
    - [ ] 学校公告

    解析：前两个都是。

3. （判断）公安机关有“安全账户”。
    - [ ] 对
    - [x] 错

    解析：没有“安全账户”。

4. （情景）晚上九点，你接到电话。

    对方说：“你的快递丢了。”你会怎么做？
    - [x] 挂断，自己在官方 App 查
    - [ ] 按对方说的操作

    解析：自己查。
"""


def test_good_quiz_parses_kinds_answers_links_and_lines():
    quiz, found = parse_block(block(GOOD), WHERE, page=PAGE, exists=lambda uri: True)
    assert found == []
    assert [q.kind for q in quiz.questions] == ["single", "multiple", "truefalse", "scenario"]
    assert [q.correct for q in quiz.questions] == [[1], [0, 1], [1], [0]]
    assert quiz.questions[0].links == [("../scams/shuadan.md", 18)]
    assert (
        quiz.questions[3].text == "晚上九点，你接到电话。\n\n对方说：“你的快递丢了。”你会怎么做？"
    )
    assert quiz.feedback == "each"
    assert quiz.questions[1].line == 20  # the block starts at line 10; question 1 at line 13


def test_no_correct_answer():
    body = GOOD.replace("- [x] 不理会，告诉家长", "- [ ] 不理会，告诉家长")
    assert problems(body) == [f"{WHERE}:13: 第 1 题没有标出正确答案 → 在正确的选项前写 [x]"]


def test_two_correct_answers_in_a_single_choice_question():
    body = GOOD.replace("- [ ] 先做几单试试", "- [x] 先做几单试试")
    assert problems(body) == [
        f"{WHERE}:13: 第 1 题是单选题，却标了 2 个正确答案 → 只留一个 [x]，或在题号后面写（多选）"
    ]


def test_empty_option():
    body = GOOD.replace("- [ ] 学校公告", "- [ ]")
    assert problems(body) == [f"{WHERE}:23: 第 2 题的第 3 个选项是空的 → 在 ] 后面写上选项内容"]


def test_duplicate_option():
    body = GOOD.replace("- [ ] 学校公告", "- [ ] 要验证码")
    assert problems(body) == [
        f"{WHERE}:23: 第 2 题的第 3 个选项和第 2 个一样（“要验证码”）→ 删掉或改写一个"
    ]


def test_unknown_key_with_suggestion():
    body = GOOD.replace("    解析：前两个都是。", "    解释：前两个都是。")
    assert problems(body) == [
        f"{WHERE}:25: 第 2 题：没有“解释”这一项（是不是想写“解析”？） → 选项后面只能写“解析：”和“参见：”",
    ]


def test_link_to_a_page_that_does_not_exist():
    body = GOOD.replace("../scams/shuadan.md", "../scams/shuadann.md")
    assert problems(body) == [
        f"{WHERE}:18: 第 1 题链接的页面“../scams/shuadann.md”不存在 → 检查文件夹和文件名，例如 ../scams/shuadan.md"
    ]


def test_true_false_needs_the_two_words():
    body = GOOD.replace("    - [ ] 对\n", "    - [ ] 是的\n")
    assert problems(body) == [
        f"{WHERE}:27: 第 3 题是判断题，选项应当正好是“对”和“错” → 写“- [x] 对”和“- [ ] 错”（对的那个标 x）"
    ]


def test_unknown_and_bad_block_options():
    text = "/// quiz | 测\n    feedback: sometimes\n    colour: red\n\n" + GOOD + "///\n"
    _, found = scan_blocks(text, BLOCKS, WHERE, 10)
    assert [str(p) for p in found] == [
        f"{WHERE}:11: /// quiz 的选项 feedback 写成了 “sometimes” → 应当写其中之一：each（每题作答后反馈）、"
        "end（交卷后统一反馈）",
        f"{WHERE}:12: /// quiz 没有“colour”这个选项 → 可用的选项：feedback、id、mode、size、fields、answer_card",
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "    - ［x］ 不理会，告诉家长",
            "选项的方括号用了中文的“［］” → 改成英文方括号：错的选项写“- [ ] ”，对的写“- [x] ”",
        ),
        (
            "    - 【x】 不理会，告诉家长",
            "选项的方括号用了中文的“【】” → 改成英文方括号：错的选项写“- [ ] ”，对的写“- [x] ”",
        ),
        (
            "    - [√] 不理会，告诉家长",
            "选项的方框里写了“√” → 对的选项写 [x]（英文字母 x），错的写 [ ]（中间一个空格）",
        ),
        ("- [x] 不理会，告诉家长", "选项没有缩进 → 选项前面空 4 个空格，写成“    - [x] 选项”"),
    ],
)
def test_option_slips_are_named_at_their_line(option, message):
    body = GOOD.replace("    - [x] 不理会，告诉家长", option)
    assert f"{WHERE}:15: 第 1 题：{message}" in problems(body)


def test_an_explanation_without_its_indent_is_named():
    body = GOOD.replace("    解析：所有刷单都是诈骗。", "解析：所有刷单都是诈骗。")
    assert f"{WHERE}:17: 第 1 题：“解析：”前面要空 4 个空格，和选项对齐" in problems(body)


def test_numbering_and_stray_text():
    body = GOOD.replace("3. （判断）", "4. （判断）") + "\n没有缩进的一行\n"
    found = problems(body)
    assert f"{WHERE}:27: 第 3 题的题号写成了 4 → 题号从 1 开始按顺序写：1. 2. 3. …" in found
    assert any("第 4 题：这一行没有缩进" in f for f in found)


def test_all_problems_of_a_quiz_in_one_pass():
    body = GOOD.replace("- [x] 不理会，告诉家长", "- [ ] 不理会，告诉家长").replace(
        "- [ ] 学校公告", "- [ ]"
    )
    assert len(problems(body)) == 2


def test_blocks_in_code_fences_are_not_quizzes():
    text = "```\n/// quiz | 示例\n1. 题\n///\n```\n"
    assert list(find_blocks(text)) == []


def test_derived_pages_sit_beside_the_quiz():
    assert derived_uri("quizzes/jiazhang.md", "worksheet") == "quizzes/jiazhang-worksheet.md"


# -- rendering: Markdown in, HTML out ------------------------------------------------------


def render(text):
    return markdown.Markdown(extensions=["fangzha.blocks"]).convert(textwrap.dedent(text))


def assert_html(actual, expected):
    expected = textwrap.dedent(expected).strip()
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm=""))
    assert actual == expected, diff


def test_worksheet_has_no_answers_and_answer_key_has_them_all():
    source = (
        "/// quiz | 测\n    mode: {mode}\n    id: t\n\n" + textwrap.dedent(GOOD).strip() + "\n///\n"
    )
    worksheet = render(source.format(mode="worksheet"))
    answers = render(source.format(mode="answers"))
    for hidden in ("解析", "正确答案", "所有刷单都是诈骗", "data-correct", "data-answer"):
        assert hidden not in worksheet
    assert worksheet.count("data-question=") == 4 and "姓名：" in worksheet
    assert answers.count("data-answer") == 4 and answers.count("✔ 正确答案") == 5


def test_interactive_question_markup():
    html = render("""\
        /// quiz | 测
            id: t

        1. 题 **一**
            - [ ] 甲
            - [x] 乙

            解析：因为。
            参见：[页](p.md)
        ///
        """)
    start = html.index('<li class="fz-question')
    end = html.index("</li>\n</ol>") + len("</li>")
    assert_html(
        html[start:end],
        """
        <li class="fz-question fz-question--single" data-kind="single" data-question="1" id="t-1">
        <fieldset class="fz-question__group">
        <legend class="fz-question__legend"><span class="fz-question__kind">第 1 题 · 单选题</span><span class="fz-question__text">题 <strong>一</strong></span></legend>
        <ul class="fz-options" role="list">
        <li class="fz-option"><label class="fz-option__label"><input name="t-1" type="radio" value="0" /><span class="fz-option__letter">A.</span><span class="fz-option__text">甲</span></label></li>
        <li class="fz-option" data-correct=""><label class="fz-option__label"><input name="t-1" type="radio" value="1" /><span class="fz-option__letter">B.</span><span class="fz-option__text">乙</span></label></li>
        </ul>
        <button class="md-button fz-question__check" data-quiz-check="" hidden="hidden" type="button">确定</button><p class="fz-question__feedback" data-quiz-feedback="" hidden="hidden"></p>
        <details class="fz-answer" data-answer="">
        <summary>查看答案与解析</summary>
        <p class="fz-answer__key">正确答案：B</p>
        <p class="fz-answer__why">因为。</p>
        <p class="fz-answer__see">参见：<a href="p.md">页</a></p>
        </details>
        </fieldset>
        </li>
        """,
    )


def test_script_in_question_text_is_shown_not_run():
    html = render("""\
        /// quiz | 标题 <script>alert(1)</script>

        1. 问 <script>alert(1)</script> 还有 </script>
            - [ ] <script>alert(2)</script>
            - [x] 乙 </script>

            解析：<img src=x onerror=alert(3)>
        ///
        """)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(3)&gt;" in html


def test_a_broken_quiz_without_the_hooks_still_refuses_to_render():
    with pytest.raises(ValueError, match="第 1 题没有标出正确答案"):
        render("/// quiz | 测\n\n1. 题\n    - [ ] 甲\n    - [ ] 乙\n\n    解析：无。\n///\n")


def test_check_code_is_the_same_in_python_and_javascript():
    js = (
        "const fs=require('fs');global.window={localStorage:null};global.document={readyState:'complete',"
        "querySelectorAll:()=>[]};eval(fs.readFileSync('overrides/assets/javascripts/quiz.js','utf8'));"
        "console.log(['students|8|10|2026-11-29','kaokao-bama|15|15|2026-01-02','q1a2b3c4d|0|12|2025-12-31']"
        ".map(s=>{const [i,a,b,d]=s.split('|');return window.fangzhaQuiz.checkCode(i,+a,+b,d)}).join(' '))"
    )
    from util import ROOT

    out = subprocess.run(
        ["node", "-e", js], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    assert out == [
        check_code("students", 8, 10, "2026-11-29"),
        check_code("kaokao-bama", 15, 15, "2026-01-02"),
        check_code("q1a2b3c4d", 0, 12, "2025-12-31"),
    ]
    assert len(set(out)) == 3 and all(len(code) == 6 for code in out)


def test_quiz_block_type_is_exported():
    assert QuizBlock.__name__ == "QuizBlock"
