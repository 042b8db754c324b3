"""Render a parsed quiz as HTML elements: the interactive quiz, the worksheet, the answer key.

Text is left for Python-Markdown's inline pass (links, emphasis) after escaping ``<`` so
that an author's ``<script>`` shows as text. Links stay as ``.md`` targets for MkDocs to
check and rewrite.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from .quiz import KIND_LABELS, Question, Quiz, join_lines

MODES = ("interactive", "worksheet", "answers")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def escape_text(text: str) -> str:
    """Keep an author's angle brackets as text through Markdown's inline pass."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _paragraphs(parent: etree.Element, text: str, tag: str = "p", cls: str | None = None) -> None:
    for part in re.split(r"\n\s*\n", text.strip()):
        if part.strip():
            el = etree.SubElement(parent, tag, {"class": cls} if cls else {})
            el.text = escape_text(join_lines(part.splitlines()))


def _sub(
    parent: etree.Element, tag: str, attrs: dict | None = None, text: str | None = None
) -> etree.Element:
    """A child with fixed text: atomic, so Markdown's inline pass skips it."""
    el = etree.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = AtomicString(text)
    return el


def _authored(parent: etree.Element, tag: str, attrs: dict, text: str) -> etree.Element:
    """A child with the author's text, left for Markdown's inline pass (links, emphasis)."""
    el = etree.SubElement(parent, tag, attrs)
    el.text = escape_text(text)
    return el


def render(
    quiz: Quiz, mode: str = "interactive", parent: etree.Element | None = None
) -> etree.Element:
    """Build the quiz element (inside ``parent`` if given)."""
    attrs = {
        "class": f"fz-quiz fz-quiz--{mode}" + (" fz-quiz--large" if quiz.size == "large" else ""),
        "data-quiz": quiz.quiz_id,
        "data-mode": mode,
        "data-feedback": quiz.feedback,
        "data-total": str(len(quiz.questions)),
        "aria-label": f"测验：{quiz.title}",
    }
    root = (
        etree.SubElement(parent, "section", attrs)
        if parent is not None
        else etree.Element("section", attrs)
    )
    head = _sub(root, "div", {"class": "fz-quiz__head"})
    _authored(head, "p", {"class": "fz-quiz__title", "data-quiz-title": ""}, quiz.title)
    if mode == "worksheet":
        _worksheet_fields(head, quiz.fields, len(quiz.questions))
    else:
        how = (
            "每题作答后立即显示对错和解析"
            if quiz.feedback == "each"
            else "全部答完后交卷，统一显示对错和解析"
        )
        meta = _sub(head, "p", {"class": "fz-quiz__meta"}, f"共 {len(quiz.questions)} 题。")
        if mode == "interactive":
            # Marking needs JavaScript; without it the page says so and how to check yourself.
            _sub(meta, "span", {"class": "fz-js-only"}, how)
            _sub(
                meta,
                "span",
                {"class": "fz-no-js"},
                "这个浏览器没有打开 JavaScript，不能自动判分：请在每题下面点开“查看答案与解析”，"
                "自己对照。",
            )
        else:
            meta.text = AtomicString(meta.text + "以下为参考答案与解析。")
    questions = _sub(root, "ol", {"class": "fz-quiz__questions"})
    for q in quiz.questions:
        _question(questions, quiz, q, mode)
    if mode == "worksheet" and quiz.answer_card:
        _answer_card(root, quiz)
    if mode == "interactive":
        actions = _sub(root, "div", {"class": "fz-quiz__actions", "hidden": "hidden"})
        _sub(
            actions,
            "button",
            {"type": "button", "class": "md-button md-button--primary", "data-quiz-submit": ""},
            "交卷",
        )
        result = _sub(
            root, "div", {"class": "fz-quiz__result", "data-quiz-result": "", "hidden": "hidden"}
        )
        result.text = ""
        _sub(
            root,
            "div",
            {
                "class": "fz-quiz__live fz-visually-hidden",
                "aria-live": "polite",
                "data-quiz-live": "",
            },
            "",
        )
        note = _sub(root, "p", {"class": "fz-quiz__privacy"})
        note.text = "答题记录只保存在你自己的设备上，不会上传或发送给任何人。"
    if mode == "answers" and quiz.scoring:
        scoring = _sub(root, "div", {"class": "fz-quiz__scoring"})
        _sub(scoring, "p", {"class": "fz-quiz__scoring-title"}, "评分参考")
        for line in quiz.scoring.splitlines():
            if line.strip():
                _authored(scoring, "p", {}, line.strip())
    return root


def _worksheet_fields(head: etree.Element, labels: tuple[str, ...], total: int) -> None:
    fields = _sub(head, "p", {"class": "fz-worksheet__fields"})
    for label in labels:
        _sub(fields, "span", {"class": "fz-worksheet__field"}, f"{label}：")
    _sub(fields, "span", {"class": "fz-worksheet__field"}, f"得分：　　/ {total}")


def _answer_card(root: etree.Element, quiz: Quiz) -> None:
    """A strip to cut off and hand in: a numbered box per question, and nothing personal."""
    card = _sub(root, "div", {"class": "fz-answer-card", "data-answer-card": ""})
    _sub(
        card,
        "p",
        {"class": "fz-receipt__cut"},
        "✂ ------------------------ 沿此线剪下 ------------------------",
    )
    _sub(card, "p", {"class": "fz-answer-card__title"}, f"答题卡：{quiz.title}")
    _sub(
        card,
        "p",
        {"class": "fz-answer-card__note"},
        "在每题的方框里写上选项字母（多选题写几个字母），剪下交给工作人员核对。不用写姓名和电话。",
    )
    boxes = _sub(card, "ol", {"class": "fz-answer-card__boxes"})
    for q in quiz.questions:
        item = _sub(boxes, "li")
        _sub(item, "span", {"class": "fz-answer-card__num"}, f"{q.number}.")
        _sub(item, "span", {"class": "fz-answer-card__box", "aria-hidden": "true"}, "")


def _question(parent: etree.Element, quiz: Quiz, q: Question, mode: str) -> None:
    qid = f"{quiz.quiz_id}-{q.number}"
    item = _sub(
        parent,
        "li",
        {
            "class": f"fz-question fz-question--{q.kind}",
            "data-question": str(q.number),
            "data-kind": q.kind,
            "id": qid,
        },
    )
    group = _sub(item, "fieldset", {"class": "fz-question__group"})
    legend = _sub(group, "legend", {"class": "fz-question__legend"})
    _sub(
        legend, "span", {"class": "fz-question__kind"}, f"第 {q.number} 题 · {KIND_LABELS[q.kind]}"
    )
    _paragraphs(legend, q.text, tag="span", cls="fz-question__text")
    options = _sub(group, "ul", {"class": "fz-options", "role": "list"})
    input_type = "checkbox" if q.kind == "multiple" else "radio"
    for index, option in enumerate(q.options):
        letter = LETTERS[index]
        li = _sub(options, "li", {"class": "fz-option"})
        if option.correct and mode != "worksheet":
            li.set("data-correct", "")
        if mode == "worksheet":
            _sub(
                li,
                "span",
                {"class": "fz-option__box", "aria-hidden": "true"},
                "☐" if q.kind == "multiple" else "○",
            )
            _sub(li, "span", {"class": "fz-option__letter"}, f"{letter}.")
            _authored(li, "span", {"class": "fz-option__text"}, option.text)
            continue
        label = _sub(li, "label", {"class": "fz-option__label"})
        control = {"type": input_type, "name": qid, "value": str(index)}
        if mode == "answers":
            control["disabled"] = "disabled"
            if option.correct:
                control["checked"] = "checked"
        _sub(label, "input", control)
        _sub(label, "span", {"class": "fz-option__letter"}, f"{letter}.")
        _authored(label, "span", {"class": "fz-option__text"}, option.text)
        if mode == "answers" and option.correct:
            _sub(label, "span", {"class": "fz-option__mark"}, "✔ 正确答案")
    if mode == "worksheet":
        return
    if mode == "interactive":
        _sub(
            group,
            "button",
            {
                "type": "button",
                "class": "md-button fz-question__check",
                "data-quiz-check": "",
                "hidden": "hidden",
            },
            "确定",
        )
        _sub(
            group,
            "p",
            {"class": "fz-question__feedback", "data-quiz-feedback": "", "hidden": "hidden"},
            "",
        )
    answer = _sub(
        group,
        "details" if mode == "interactive" else "div",
        {"class": "fz-answer", "data-answer": ""},
    )
    if mode == "interactive":
        _sub(answer, "summary", {}, "查看答案与解析")
    letters = "、".join(LETTERS[i] for i in q.correct)
    _sub(answer, "p", {"class": "fz-answer__key"}, f"正确答案：{letters}")
    _paragraphs(answer, q.explanation, cls="fz-answer__why")
    if q.see:
        _authored(answer, "p", {"class": "fz-answer__see"}, "参见：" + q.see)


def card_check_form(quizzes: list[tuple]) -> str:
    """The teacher's form to check a completion card: (id, title, total[, unit]) for each quiz,
    drill (total: its endings, unit 个结局) or 真还是假 round (its messages, unit 条).

    Everything happens in the browser; nothing is submitted anywhere.
    """
    form = etree.Element(
        "form", {"class": "fz-card-check", "data-card-check": "", "action": "#", "novalidate": ""}
    )
    fields = _sub(form, "div", {"class": "fz-card-check__fields"})
    _sub(fields, "label", {"for": "fz-check-quiz"}, "测验或练习")
    select = _sub(fields, "select", {"id": "fz-check-quiz", "name": "quiz"})
    for quiz_id, title, total, *unit in quizzes:
        _sub(
            select,
            "option",
            {"value": quiz_id, "data-total": str(total)},
            f"{title}（共 {total} {unit[0] if unit else '题'}）",
        )
    for name, label, attrs in (
        # Typed as the card shows it: 「11/15」 as well as 「11」 (quiz.js reads both).
        ("score", "得分", {"maxlength": "10", "placeholder": "例如 11 或 11/15"}),
        ("day", "卡片上的日期", {"type": "date"}),
        (
            "code",
            "校验码",
            {"maxlength": "12", "autocomplete": "off", "autocapitalize": "characters"},
        ),
    ):
        _sub(fields, "label", {"for": f"fz-check-{name}"}, label)
        _sub(fields, "input", {"id": f"fz-check-{name}", "name": name, "type": "text", **attrs})
    _sub(form, "button", {"type": "submit", "class": "md-button md-button--primary"}, "核对")
    _sub(
        form,
        "p",
        {"class": "fz-card-check__result", "data-card-check-result": "", "aria-live": "polite"},
        "",
    )
    _sub(
        form,
        "p",
        {"class": "fz-card-check__note"},
        "核对只在这台设备上进行，不会发送任何信息。校验码能发现随手改过的得分或日期，但不是防伪手段。",
    )
    return "\n" + etree.tostring(form, encoding="unicode", method="html") + "\n"
