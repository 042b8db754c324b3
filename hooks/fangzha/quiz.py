"""Quizzes: a teacher-readable syntax, parsed and validated with file:line and question number.

A quiz is a pymdownx block whose body is a numbered list of questions::

    /// quiz | 学生入门：这些是骗局吗？
        feedback: each

    1. 有人在游戏群里说“点赞一单 3 元”，你会怎么做？
        - [ ] 先做几单试试
        - [x] 不理会，告诉家长

        解析：所有刷单都是诈骗。
        参见：[刷单返利诈骗](../scams/shuadan.md)

    2. （多选）下面哪些是诈骗信号？
        ...
    ///

A question starts with its number at the start of a line, optionally followed by its kind
(（单选） is the default, （多选）, （判断）, （情景）). Options are task-list items, ``[x]``
marking the correct ones. After the options come fields: ``解析：`` (required) and ``参见：``.
Text after a line ``评分：`` at the end is a scoring guide shown with the answer key.
"""

from __future__ import annotations

import difflib
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .blockspec import scan_blocks
from .problems import Problem

KINDS = {"单选": "single", "多选": "multiple", "判断": "truefalse", "情景": "scenario"}
KIND_LABELS = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "scenario": "情景题",
}
FIELDS = ("解析", "参见")
FEEDBACK = ("each", "end")
SIZES = ("normal", "large")
WORKSHEET_FIELDS = ("姓名", "班级", "日期")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TRUE_FALSE = ({"对", "错"}, {"正确", "错误"}, {"是", "否"})

_QUESTION = re.compile(r"^(\d+)[.．、]\s*(.*)$")
_KIND = re.compile(r"^[（(]\s*(" + "|".join(KINDS) + r")\s*[）)]\s*")
_OPTION = re.compile(r"^\s+[-*+]\s+\[( |x|X)\](?:\s+(.*?))?\s*$")
_FIELD = re.compile(r"^\s+([\u4e00-\u9fff]{2,4})[：:]\s*(.*)$")
_SCORING = re.compile(r"^评分[：:]\s*(.*)$")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
# An option a teacher meant: a list item opening with some kind of bracket.
_ALMOST_OPTION = re.compile(r"^(\s*)[-*+・•·]\s*([［【〔\[(（])\s*(.?)\s*([］】〕\])）)])?")
# A field a teacher meant, with the wrong indentation or an ASCII colon after a space.
_ALMOST_FIELD = re.compile(r"^(\s*)(解析|参见)\s*[：:]")


def _option_slip(raw: str) -> tuple[str, str] | None:
    """Why a line that looks like an option is not read as one (full-width brackets …)."""
    found = _ALMOST_OPTION.match(raw)
    if not found or _OPTION.match(raw):
        return None
    indent, opening, mark, closing = found.groups()
    if opening in "［【〔（(" or (closing and closing in "］】〕）)"):
        return (
            f"选项的方括号用了中文的“{opening}{closing or ''}” → 改成英文方括号："
            "错的选项写“- [ ] ”，对的写“- [x] ”",
            "the option's brackets are full-width; write '- [ ] ' or '- [x] '",
        )
    if mark and mark not in " xX":
        return (
            f"选项的方框里写了“{mark}” → 对的选项写 [x]（英文字母 x），错的写 [ ]（中间一个空格）",
            f"the box holds {mark!r}; write [x] for a right option, [ ] for a wrong one",
        )
    if not indent:
        return (
            "选项没有缩进 → 选项前面空 4 个空格，写成“    - [x] 选项”",
            "the option is not indented; indent options by 4 spaces",
        )
    return (
        "选项写法读不懂 → 写成“- [ ] 错的选项”或“- [x] 对的选项”（英文方括号，] 后面空一格）",
        "cannot read this option; write '- [ ] text' or '- [x] text'",
    )


@dataclass
class Option:
    """One answer option."""

    text: str
    correct: bool
    line: int


@dataclass
class Question:
    """One question with its options, explanation and the pages it teaches."""

    number: int
    kind: str
    text: str
    line: int
    options: list[Option] = field(default_factory=list)
    explanation: str = ""
    see: str = ""
    links: list[tuple[str, int]] = field(default_factory=list)  # (target, line)
    # What a slip already reported (an option or a field not read): not reported again as
    # "no correct answer" or "no explanation".
    slips: set[str] = field(default_factory=set)

    @property
    def correct(self) -> list[int]:
        """Indexes (from 0) of the correct options."""
        return [i for i, o in enumerate(self.options) if o.correct]


@dataclass
class Quiz:
    """A parsed quiz."""

    title: str
    questions: list[Question]
    feedback: str = "end"
    quiz_id: str = ""
    scoring: str = ""
    line: int = 0
    size: str = "normal"
    # The blanks at the top of the printed worksheet.
    fields: tuple[str, ...] = WORKSHEET_FIELDS
    # A tear-off strip at the foot of the worksheet to write the answers on, for 有奖问答 stands.
    answer_card: bool = False

    def __post_init__(self) -> None:
        if not self.quiz_id:
            self.quiz_id = default_id(self.title)


_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—]"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between Chinese characters, one space otherwise."""
    out = ""
    for line in (x.strip() for x in lines):
        if not line:
            continue
        if out and not (re.search(_CJK + "$", out) and re.match(_CJK, line)):
            out += " "
        out += line
    return out


def default_id(title: str) -> str:
    """A stable id from the title, used for device storage and check codes."""
    return "q" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def parse_questions(
    text: str, where: str, first_line: int = 1
) -> tuple[list[Question], str, list[Problem]]:
    """Parse the body of a quiz block; return questions, scoring guide and problems."""
    questions: list[Question] = []
    problems: list[Problem] = []
    scoring: list[str] = []
    current: Question | None = None
    state = "text"  # text -> options -> fields ; or scoring
    field_name = ""
    text_lines: list[str] = []

    def close() -> None:
        nonlocal current
        if current is not None:
            current.text = "\n".join(text_lines).strip()
            questions.append(current)
        current = None

    for offset, raw in enumerate(text.splitlines()):
        line = first_line + offset
        if state == "scoring":
            scoring.append(raw.strip())
            continue
        if not raw.strip():
            if state == "text" and current is not None:
                text_lines.append("")
            elif state == "fields" and current is not None and field_name == "解析":
                current.explanation += "\n"
            continue
        start = _QUESTION.match(raw)
        if start:
            close()
            expected = len(questions) + 1
            if int(start.group(1)) != expected:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"第 {expected} 题的题号写成了 {start.group(1)} → 题号从 1 开始按顺序写：1. 2. 3. …",
                        f"question {expected} is numbered {start.group(1)}; number questions 1, 2, 3 … in order",
                    )
                )
            rest = start.group(2)
            kind = "single"
            marker = _KIND.match(rest)
            if marker:
                kind = KINDS[marker.group(1)]
                rest = rest[marker.end() :]
            current = Question(number=expected, kind=kind, text="", line=line)
            text_lines = [rest]
            state, field_name = "text", ""
            continue
        scoring_start = _SCORING.match(raw)
        if scoring_start:
            close()
            state = "scoring"
            scoring.append(scoring_start.group(1))
            continue
        if current is None:
            problems.append(
                Problem(
                    where,
                    line,
                    f"这一行“{raw.strip()[:20]}”不在任何一题里 → 题目要以题号开头，例如“1. 题目”",
                    f"expected a numbered question like '1. …', found {raw.strip()[:30]!r}",
                )
            )
            continue
        at = f"第 {current.number} 题："
        at_en = f"question {current.number}: "
        option = _OPTION.match(raw)
        if option and state in ("text", "options") and raw.startswith((" ", "\t")):
            current.options.append(
                Option((option.group(2) or "").strip(), option.group(1) != " ", line)
            )
            state = "options"
            continue
        if option and raw.startswith((" ", "\t")):
            problems.append(
                Problem(
                    where,
                    line,
                    at + "选项写在了“解析”或“参见”后面 → 所有选项都写在解析前面",
                    at_en + "option after 解析/参见; put all options before the fields",
                )
            )
            continue
        slip = _option_slip(raw)
        if slip:
            problems.append(Problem(where, line, at + slip[0], at_en + slip[1]))
            current.slips.add("option")
            continue
        almost = _ALMOST_FIELD.match(raw)
        if almost and len(almost.group(1).expandtabs(4)) < 4:
            current.slips.add("field")
            problems.append(
                Problem(
                    where,
                    line,
                    at + f"“{almost.group(2)}：”前面要空 4 个空格，和选项对齐",
                    at_en + f"indent {almost.group(2)} by 4 spaces, like the options",
                )
            )
            continue
        if not raw.startswith((" ", "\t")):
            problems.append(
                Problem(
                    where,
                    line,
                    at + "这一行没有缩进 → 题目的续行、选项和解析前面都空 4 个空格；"
                    "如果这是新的一题，行首写题号",
                    at_en
                    + "indent this line under the question, or start a new question with its number",
                )
            )
            continue
        if state == "text":
            text_lines.append(raw.strip())
            continue
        found = _FIELD.match(raw)
        if found and found.group(1) in FIELDS:
            field_name = found.group(1)
            state = "fields"
            value = found.group(2).strip()
            if field_name == "解析":
                current.explanation = (current.explanation + "\n" + value).strip()
            else:
                current.see = join_lines([current.see, value])
            _collect_links(current, value, line)
            continue
        if found:
            current.slips.add("field")
            hint = difflib.get_close_matches(found.group(1), FIELDS, n=1, cutoff=0.3)
            problems.append(
                Problem(
                    where,
                    line,
                    at
                    + f"没有“{found.group(1)}”这一项"
                    + (f"（是不是想写“{hint[0]}”？）" if hint else "")
                    + " → 选项后面只能写“解析：”和“参见：”",
                    at_en
                    + f"unknown key '{found.group(1)}'"
                    + (f" (did you mean '{hint[0]}'?)" if hint else "")
                    + "; expected 解析 or 参见",
                )
            )
            continue
        if state == "fields":
            if field_name == "解析":
                current.explanation += "\n" + raw.strip()
            else:
                current.see = join_lines([current.see, raw])
            _collect_links(current, raw, line)
            continue
        problems.append(
            Problem(
                where,
                line,
                at + "选项后面的文字要以“解析：”或“参见：”开头 → 在这一行前面加上“解析：”",
                at_en + "text after the options must start with 解析： or 参见：",
            )
        )
    close()
    for question in questions:
        question.explanation = re.sub(r"\n{3,}", "\n\n", question.explanation).strip()
    return questions, "\n".join(scoring).strip(), problems


def _collect_links(question: Question, text: str, line: int) -> None:
    for match in _LINK.finditer(text):
        question.links.append((match.group(2), line))


def validate(
    quiz: Quiz, where: str, *, page: str | None = None, exists: Callable[[str], bool] | None = None
) -> list[Problem]:
    """Check every question; ``exists`` says whether a docs-relative page exists."""
    problems = []
    if not quiz.title:
        problems.append(
            Problem(
                where,
                quiz.line or None,
                "测验没有标题 → 写成“/// quiz | 标题”",
                "quiz has no title; write it after the bar: '/// quiz | 标题'",
            )
        )
    if not quiz.questions:
        problems.append(
            Problem(
                where,
                quiz.line or None,
                "测验里没有题目 → 每道题以题号开头，例如“1. 题目”，下面缩进写选项",
                "quiz has no questions; expected numbered questions like '1. …'",
            )
        )
    for q in quiz.questions:
        at = f"第 {q.number} 题"
        en = f"question {q.number}"
        if not q.text:
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}没有题目文字 → 在题号后面写题目",
                    f"{en} has no question text",
                )
            )
        if len(q.options) < 2 and "option" not in q.slips:
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}只有 {len(q.options)} 个选项 → 至少写 2 个，缩进 4 个空格，"
                    "写成“- [ ] 错的选项”和“- [x] 对的选项”",
                    f"{en} has {len(q.options)} option(s); expected at least 2, written '- [ ] …' and '- [x] …'",
                )
            )
        for index, option in enumerate(q.options, start=1):
            if not option.text:
                problems.append(
                    Problem(
                        where,
                        option.line,
                        f"{at}的第 {index} 个选项是空的 → 在 ] 后面写上选项内容",
                        f"{en}, option {index} is empty",
                    )
                )
        seen: dict[str, int] = {}
        for index, option in enumerate(q.options, start=1):
            key = re.sub(r"\s+", "", option.text)
            if key and key in seen:
                problems.append(
                    Problem(
                        where,
                        option.line,
                        f"{at}的第 {index} 个选项和第 {seen[key]} 个一样（“{option.text}”）→ 删掉或改写一个",
                        f"{en}, option {index} repeats option {seen[key]}: {option.text!r}",
                    )
                )
            seen.setdefault(key, index)
        correct = len(q.correct)
        if q.options and correct == 0 and "option" not in q.slips:
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}没有标出正确答案 → 在正确的选项前写 [x]",
                    f"{en} has no correct answer; mark the right option with [x]",
                )
            )
        elif correct > 1 and q.kind != "multiple":
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}是{KIND_LABELS[q.kind]}，却标了 {correct} 个正确答案 → 只留一个 [x]，"
                    "或在题号后面写（多选）",
                    f"{en} has {correct} answers marked correct in a single-choice question "
                    f"({KIND_LABELS[q.kind]}); expected one, or mark the question （多选）",
                )
            )
        if q.kind == "truefalse" and {o.text for o in q.options} not in TRUE_FALSE:
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}是判断题，选项应当正好是“对”和“错” → 写“- [x] 对”和“- [ ] 错”（对的那个标 x）",
                    f"{en} is a 判断题; expected exactly the two options 对 and 错",
                )
            )
        if not q.explanation and "field" not in q.slips:
            problems.append(
                Problem(
                    where,
                    q.line,
                    f"{at}没有解析 → 在选项下面空一行，缩进 4 个空格写“解析：……”",
                    f"{en} has no explanation; add a line starting with 解析：",
                )
            )
        for target, line in q.links if page is not None else ():
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # a web address or tel: link, not a page of this site
            resolved = resolve_link(page, target)
            if resolved is None:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"{at}的链接“{target}”不是本站的页面 → 链接写成指向 .md 文件的相对路径，"
                        "例如 ../scams/shuadan.md",
                        f"{en}: link '{target}' is not a page; expected a relative link to a .md file",
                    )
                )
            elif exists is not None and not exists(resolved):
                problems.append(
                    Problem(
                        where,
                        line,
                        f"{at}链接的页面“{target}”不存在 → 检查文件夹和文件名，例如 ../scams/shuadan.md",
                        f"{en}: link '{target}' points to a page that does not exist",
                    )
                )
    return problems


def resolve_link(page: str, target: str) -> str | None:
    """The docs-relative path a Markdown link from ``page`` points to, if it is a page link."""
    path = target.split("#", 1)[0]
    if not path.endswith(".md") or path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


# -- quiz blocks inside a page's Markdown ----------------------------------------------------


@dataclass
class QuizBlock:
    """Where a quiz block sits in a page, with its parsed header."""

    title: str
    options: dict[str, str]
    body: str
    body_line: int
    line: int
    source: str


def find_blocks(markdown: str, first_line: int = 1) -> Iterator[QuizBlock]:
    """Yield every ``/// quiz`` block of a page (outside code fences), with line numbers.

    The page's blocks are found by the one scanner every block uses (``blockspec.scan_blocks``);
    its problems are reported where the page is read.
    """
    from .blocks import BLOCKS  # blocks renders quizzes with this module

    lines = markdown.splitlines()
    for found in scan_blocks(markdown, BLOCKS, "", first_line)[0]:
        if found.name != "quiz":
            continue
        end = (
            found.end_line if found.end_line is not None else first_line + len(lines)
        ) - first_line
        yield QuizBlock(
            title=(found.argument or "").strip(),
            options={key: str(value) for key, value in found.options.items()},
            body=found.body,
            body_line=found.body_line,
            line=found.line,
            source="\n".join(lines[found.line - first_line : end + 1]),
        )


def parse_block(
    block: QuizBlock,
    where: str,
    *,
    page: str | None = None,
    exists: Callable[[str], bool] | None = None,
) -> tuple[Quiz, list[Problem]]:
    """Parse and validate one quiz block found in a page."""
    # The block's options are checked, with their lines, by fangzha.blockspec.scan_blocks.
    questions, scoring, problems = parse_questions(block.body, where, block.body_line)
    feedback = block.options.get("feedback", "end")
    size = block.options.get("size", "normal")
    quiz = Quiz(
        block.title,
        questions,
        feedback if feedback in FEEDBACK else "end",
        block.options.get("id", ""),
        scoring,
        block.line,
        size if size in SIZES else "normal",
        fields=tuple(split_fields(block.options["fields"]))
        if block.options.get("fields")
        else WORKSHEET_FIELDS,
        answer_card=str(block.options.get("answer_card", "")).lower() in ("true", "yes"),
    )
    problems.extend(validate(quiz, where, page=page, exists=exists))
    return quiz, sorted(problems, key=lambda p: p.line or 0)


def split_fields(value) -> list[str]:
    """A list option written 'a, b，c' (or already a list)."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    separators = r"[,，;；]" if re.search(r"[,，;；]", str(value)) else r"[、]"
    return [item.strip() for item in re.split(separators, str(value)) if item.strip()]


def check_code(quiz_id: str, score: int, total: int, day: str) -> str:
    """A short code tying a completion card to its quiz, score and date (the JavaScript twin is in quiz.js)."""
    data = f"{quiz_id}|{score}/{total}|{day}".encode()
    value = 0x811C9DC5
    for byte in data:
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    out = ""
    for _ in range(6):
        out += alphabet[value % 32]
        value //= 32
    return out
