"""The tear-off receipt (回执) below a letter: printed under a dashed cut line, collected on paper.

There is no online form: the receipt asks for nothing on screen and sends nothing. On a phone
it must not look like one either, so the screen says in words what the slip asks, and the
boxes to tick and the lines to write on are drawn only on paper.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from .quiz import join_lines
from .quiz_html import escape_text

DEFAULT_FIELDS = ("学生姓名", "班级", "家长签名", "日期")


def split_list(value: str) -> list[str]:
    """Split an option written as 'a, b，c' into items."""
    return [item.strip() for item in re.split(r"[,，、]", value) if item.strip()]


def render(
    title: str, fields: list[str], checks: list[str], note: str, parent: etree.Element
) -> etree.Element:
    """Build the receipt: a screen hint, the cut line, then the slip itself."""
    root = etree.SubElement(
        parent, "section", {"class": "fz-receipt", "data-receipt": "", "aria-label": title}
    )
    hint = etree.SubElement(root, "p", {"class": "fz-receipt__hint"})
    strong = etree.SubElement(hint, "strong")
    strong.text = "回执请打印后填写，或按老师、工作人员的要求在群里回复。"
    strong.tail = (
        "打印本页时，回执在虚线下方，沿虚线剪下、填好后交回。"
        "本站没有在线回执，不在网上收集任何信息。"
    )
    cut = etree.SubElement(root, "p", {"class": "fz-receipt__cut", "data-receipt-cut": ""})
    cut.text = "✂ ------------------------ 沿此线剪下 ------------------------"
    slip = etree.SubElement(root, "div", {"class": "fz-receipt__slip"})
    badge = etree.SubElement(slip, "p", {"class": "fz-receipt__paper"})
    badge.text = "纸质回执 · 打印后填写"
    heading = etree.SubElement(slip, "p", {"class": "fz-receipt__title"})
    heading.text = escape_text(title)
    if checks:
        # On screen: what to tick, as a sentence; on paper: a box before each.
        said = etree.SubElement(slip, "p", {"class": "fz-receipt__says"})
        said.text = escape_text("回执上要勾选：" + "；".join(checks) + "。")
        boxes = etree.SubElement(slip, "ul", {"class": "fz-receipt__checks"})
        for check in checks:
            item = etree.SubElement(boxes, "li")
            box = etree.SubElement(
                item, "span", {"class": "fz-receipt__box", "aria-hidden": "true"}
            )
            box.text = "☐"
            box.tail = escape_text(check)
    said = etree.SubElement(slip, "p", {"class": "fz-receipt__says"})
    said.text = escape_text("回执上要填写：" + "、".join(fields) + "。")
    lines = etree.SubElement(slip, "p", {"class": "fz-receipt__fields", "data-receipt-fields": ""})
    for field in fields:
        span = etree.SubElement(lines, "span", {"class": "fz-receipt__field"})
        span.text = escape_text(f"{field}：")
    if note.strip():
        how = etree.SubElement(slip, "p", {"class": "fz-receipt__return"})
        how.text = escape_text(join_lines(note.strip().splitlines()))
    return root
