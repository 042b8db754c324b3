"""Classroom slides written inside a lesson plan: ``/// slide`` blocks and the deck built from them.

A lesson page is the teacher's plan; the slides live in it, where they are used::

    /// slide | 骗子常说的三句话
    - 免费送皮肤
    - 点赞就能赚钱
    - 别告诉爸爸妈妈
    ///

On the plan page each slide shows as a framed box. The build also makes a 上课 page from
the same Markdown, wrapped in a ``//// deck`` block that keeps only the slides (and turns
the lesson's quiz into one slide per question), so the plan and the projected slides never
drift apart. ``overrides/assets/javascripts/slides.js`` presents the deck.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from . import blockspec as spec

LAYOUTS = {
    "normal": "标题加几行要点",
    "big": "一句话，特大字，居中",
    "question": "讨论题：大字问题，下面可以写提示",
}
# What fits a 16:9 slide at back-row size (README 「幻灯片」); slides.js shrinks the type a
# little if a slide still overflows, but one idea per slide is the rule.
MAX_TITLE = 24
MAX_CHARS = 100
MAX_BIG_CHARS = 40
MAX_ITEMS = 6


def text_length(text: str) -> int:
    """Characters a reader sees: no spaces, no Markdown marks or link targets."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"[\s*_`#>\[\]|\-]+", "", text)
    return len(text)


def limit_problem(layout: str, title: str, body_text: str, items: int) -> str | None:
    """Why a slide would not fit the screen at back-row size, or None."""
    limit = MAX_BIG_CHARS if layout == "big" else MAX_CHARS
    if title and len(title) > MAX_TITLE:
        return f"幻灯片标题有 {len(title)} 个字 → 不超过 {MAX_TITLE} 个字，后排才看得清"
    count = text_length(body_text)
    if count > limit:
        return f"这张幻灯片有 {count} 个字，投影上后排看不清 → 每张不超过 {limit} 个字，多的拆成两张，或写进教案正文"
    if items > MAX_ITEMS:
        return f"这张幻灯片有 {items} 条要点 → 每张不超过 {MAX_ITEMS} 条，多的拆成两张"
    return None


def raw_items(markdown: str) -> int:
    """List items in raw Markdown."""
    return len(re.findall(r"^\s*(?:[-*+]|\d+[.、])\s+", markdown, re.M))


class SlideBlock(spec.StrictBlock):
    """
    One projected slide inside a lesson plan.

    Arguments (1 optional):
    - The slide's title.

    Options:
    - `layout` (normal | big | question): title with points; one big sentence; a question.

    Content:
    Markdown: a few short lines or a list (at most 100 characters, 6 items).
    """

    NAME = "slide"
    ARGUMENT = None
    OPTIONS = {"layout": ["normal", spec.one_of(LAYOUTS)]}

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A framed 16:9 box; the plan page numbers them with a CSS counter."""
        layout = self.options["layout"]
        title = (self.argument or "").strip()
        section = etree.SubElement(
            parent,
            "section",
            {
                "class": f"fz-slide fz-slide--{layout}",
                "data-slide": "",
                "aria-label": f"幻灯片：{title}" if title else "幻灯片",
            },
        )
        if title:
            heading = etree.SubElement(
                section, "p", {"class": "fz-slide__title", "role": "heading", "aria-level": "3"}
            )
            heading.text = AtomicString(title)
        etree.SubElement(section, "div", {"class": "fz-slide__body"})
        return section

    def on_add(self, block: etree.Element) -> etree.Element:
        """Content goes into the body, under the title."""
        return block.find("div[@class='fz-slide__body']")

    def on_end(self, block: etree.Element) -> None:
        """Refuse a slide that cannot be read from the back row."""
        body = self.on_add(block)
        text = "".join(body.itertext())
        items = sum(1 for _ in body.iter("li"))
        problem = limit_problem(self.options["layout"], (self.argument or "").strip(), text, items)
        if problem:
            raise spec.BlockError(f"/// slide | {self.argument or ''}：{problem}")


class DeckBlock(spec.StrictBlock):
    """
    The 上课 view of a lesson: keeps only the slides inside it, in order.

    Arguments (1 required):
    - The lesson's title, shown on the cover slide.

    Options:
    - `subtitle` (text): the line under the title (主题班会 · 小学 1–3 年级).
    - `org` (text): the organisation's name, small in a corner of every slide.

    Content:
    The lesson plan's Markdown. Everything that is not a slide is dropped, except a quiz,
    which becomes one slide per question and a slide of answers.
    """

    NAME = "deck"
    ARGUMENT = True
    OPTIONS = {
        "subtitle": ["", spec.text(max_len=40)],
        "org": ["", spec.text(max_len=40)],
    }

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The deck container, labelled for screen readers."""
        return etree.SubElement(
            parent,
            "div",
            {
                "class": "fz-deck",
                "data-deck": "",
                "role": "region",
                "aria-roledescription": "幻灯片放映",
                "aria-label": self.argument.strip(),
            },
        )

    def on_end(self, block: etree.Element) -> None:
        """Keep the slides, turn quizzes into question slides, add the cover and footers."""
        slides = [self._cover()]
        for element in list(block.iter()):
            classes = (element.get("class") or "").split()
            if "fz-slide" in classes:
                slides.append(element)
            elif "fz-quiz" in classes:
                slides.extend(_quiz_slides(element))
        for child in list(block):
            block.remove(child)
        if len(slides) < 2:
            raise spec.BlockError("/// deck 里没有幻灯片 → 在教案里用 /// slide 写幻灯片")
        total = len(slides)
        org = self.options["org"]
        for number, slide in enumerate(slides, start=1):
            slide.set("aria-label", f"第 {number} 张，共 {total} 张")
            foot = etree.SubElement(slide, "p", {"class": "fz-slide__foot", "aria-hidden": "true"})
            org_el = etree.SubElement(foot, "span", {"class": "fz-slide__org"})
            org_el.text = AtomicString(org)
            num = etree.SubElement(foot, "span", {"class": "fz-slide__num"})
            num.text = AtomicString(f"{number} / {total}")
            block.append(slide)

    def _cover(self) -> etree.Element:
        cover = etree.Element("section", {"class": "fz-slide fz-slide--cover", "data-slide": ""})
        title = etree.SubElement(
            cover, "p", {"class": "fz-slide__title", "role": "heading", "aria-level": "1"}
        )
        title.text = AtomicString(self.argument.strip())
        if self.options["subtitle"]:
            sub = etree.SubElement(cover, "p", {"class": "fz-slide__subtitle"})
            sub.text = AtomicString(self.options["subtitle"])
        if self.options["org"]:
            org = etree.SubElement(cover, "p", {"class": "fz-slide__cover-org"})
            org.text = AtomicString(self.options["org"])
        return cover


def _quiz_slides(quiz: etree.Element) -> list[etree.Element]:
    """One slide per question (question and lettered options), then one with the answers."""
    slides, keys = [], []
    for item in quiz.iter("li"):
        if "fz-question" not in (item.get("class") or "").split():
            continue
        number = item.get("data-question")
        slide = etree.Element("section", {"class": "fz-slide fz-slide--quiz", "data-slide": ""})
        title = etree.SubElement(
            slide, "p", {"class": "fz-slide__title", "role": "heading", "aria-level": "2"}
        )
        kind = next(
            (s.text for s in item.iter("span") if "fz-question__kind" in (s.get("class") or "")),
            f"第 {number} 题",
        )
        title.text = AtomicString(f"小测验 · {kind}")
        body = etree.SubElement(slide, "div", {"class": "fz-slide__body"})
        for span in item.iter("span"):
            if "fz-question__text" in (span.get("class") or "").split():
                para = etree.SubElement(body, "p")
                para.text = span.text
        options = etree.SubElement(body, "ol", {"class": "fz-slide__options", "type": "A"})
        letters = []
        for index, option in enumerate(o for o in item.iter("li") if o is not item):
            for span in option.iter("span"):
                if "fz-option__text" in (span.get("class") or "").split():
                    li = etree.SubElement(options, "li")
                    li.text = span.text
            if option.get("data-correct") is not None:
                letters.append("ABCDEFGH"[index])
        keys.append(f"第 {number} 题：{'、'.join(letters)}")
        slides.append(slide)
    if keys:
        answers = etree.Element(
            "section", {"class": "fz-slide fz-slide--answers", "data-slide": ""}
        )
        title = etree.SubElement(
            answers, "p", {"class": "fz-slide__title", "role": "heading", "aria-level": "2"}
        )
        title.text = AtomicString("小测验答案")
        body = etree.SubElement(answers, "ul", {"class": "fz-slide__keys"})
        for key in keys:
            li = etree.SubElement(body, "li")
            li.text = AtomicString(key)
        slides.append(answers)
    return slides


def deck_markdown(*, title: str, subtitle: str, org: str, plan_file: str, body: str) -> str:
    """The Markdown of a lesson's 上课 page: a link back to the plan and the deck of its body."""
    slashes = "/" * (max([3, *(len(m) for m in re.findall(r"^ {0,3}(/{3,})", body, re.M))]) + 1)
    return (
        f"[返回教案]({plan_file}){{ .fz-deck-back }}\n\n"
        f"{slashes} deck | {title}\n"
        f"    subtitle: {_yaml_text(subtitle)}\n"
        f"    org: {_yaml_text(org)}\n\n"
        f"{body}\n\n{slashes}\n"
    )


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
