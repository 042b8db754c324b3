"""真还是假？ — a round of messages as they arrive on a phone, genuine and fraudulent mixed.

Written as a ``/// spot`` block on a ``kind: spot`` page::

    /// spot | 学生版：这些消息是真是假？
        id: zhenjia-xuesheng

    ## 短信 106XXXX（真）
    【某某银行】您正在登录手机银行，验证码 380215，5 分钟内有效，==请勿泄露|真的验证码短信都会提醒你别告诉任何人==。
    说明：这是你自己在登录时收到的验证码，提醒你不要告诉别人，这是真短信的样子。

    ## 微信 自称“班主任”（假）
    各位家长，本学期资料费每人 ==280 元，扫下面的二维码交|学校收费走官方缴费平台，不会让家长扫个人码==。
    说明：……
    核实：打电话给班主任本人，或看学校正式通知。
    ///

Each ``## 渠道 发送方（真|假）`` is one message: the channel (短信, 微信, QQ, 来电, 邮件, 通知,
群消息), who it seems to come from, and whether it is genuine. Its text marks the telling
phrases as ``==话|为什么==`` — the red flags of a scam, or the signs of the real thing —
followed by ``说明：`` (why) and, optionally, ``核实：`` (how to check, for 拿不准).

The score counts both mistakes: a scam taken for real (漏掉的诈骗) and a genuine message
called a scam (误报). The goal is judgement, not fear.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from . import blockspec as spec
from . import marks
from .drill import ADDRESS, drill_id

CHANNELS: dict[str, str] = {
    "短信": "sms",
    "微信": "chat",
    "QQ": "chat",
    "群消息": "group",
    "来电": "call",
    "电话": "call",
    "邮件": "mail",
    "通知": "notice",
}
TRUTH: dict[str, str] = {"真": "real", "假": "fake"}
MIN_ITEMS, MAX_ITEMS = 4, 20
MESSAGE_MAX = 300
# What 拿不准 is answered with, besides an item's own 核实：.
HOW_TO_CHECK = (
    "拿不准时，先不点链接、不回电话、不转账：自己查官方电话打过去问（不用消息里给的号码），"
    "拨打 96110 咨询，或者问问家人、老师。"
)

_ITEM = re.compile(r"^\s{0,3}##(?!#)\s*(.*?)\s*$")
_TRUTH = re.compile(r"^(.*?)\s*[（(【\[]\s*(真|假)\s*[）)】\]]$")
_FIELD = re.compile(r"^\s*(说明|核实)\s*[:：]\s*(.*?)\s*$")


@dataclass
class Item:
    channel: str
    sender: str
    truth: str  # "real" or "fake"
    offset: int
    lines: list[str] = field(default_factory=list)  # the message, as written, with ==marks==
    why: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return CHANNELS[self.channel]


def parse(body: str) -> tuple[list[Item], list[tuple[int | None, str]]]:
    """Read a round: (items, [(line offset or None for the block, problem in Chinese)])."""
    items: list[Item] = []
    problems: list[tuple[int | None, str]] = []
    current: Item | None = None
    refused = False
    for offset, raw in enumerate(body.splitlines()):
        if not raw.strip():
            continue
        heading = _ITEM.match(raw)
        if heading:
            current = _item(heading.group(1), offset, problems)
            if current:
                items.append(current)
            else:
                refused = True  # its lines belong to no item; the counts would mislead
            continue
        if current is None:
            if not items and not refused:
                problems.append(
                    (
                        offset,
                        "第一条消息前面写了内容 → 每条消息以“## 渠道 发送方（真）”或“（假）”开头",
                    )
                )
                refused = True
            continue
        field_line = _FIELD.match(raw)
        if field_line:
            name, text = field_line.groups()
            if not text:
                problems.append((offset, f"“{name}：”后面没有内容 → 写上内容，或删掉这一行"))
            elif not current.lines:
                problems.append((offset, f"“{name}：”写在了消息前面 → 先写消息原文，再写{name}"))
            else:
                (current.why if name == "说明" else current.check).append(text)
            continue
        if current.why or current.check:
            problems.append(
                (
                    offset,
                    "说明后面又出现了消息原文 → 消息原文写在“说明：”前面；说明有几句就都写在“说明：”这一行",
                )
            )
            continue
        problems.extend((offset, p) for p in marks.parse(raw.strip())[1])
        current.lines.append(raw.strip())
    for item in items:
        text = "".join(marks.plain(line) for line in item.lines)
        if not item.lines:
            problems.append(
                (item.offset, "这条下面没有消息原文 → 在标题下面照着手机上看到的样子写出消息")
            )
            continue
        if any(o > item.offset and o < _next(items, item) for o, _ in problems if o is not None):
            continue  # its own lines were refused: one message is enough
        if len(text) > MESSAGE_MAX:
            problems.append(
                (item.offset, f"这条消息有 {len(text)} 个字 → 删减到 {MESSAGE_MAX} 个字以内")
            )
        if not any(marks.notes(line) for line in item.lines):
            what = "可疑的话" if item.truth == "fake" else "说明它是真消息的地方"
            problems.append(
                (
                    item.offset,
                    f"这条消息里没有标出{what} → 用“==话|为什么==”标出至少一处，答题后会高亮显示",
                )
            )
        if not item.why:
            problems.append((item.offset, "这条缺少“说明：” → 写一两句为什么它是真的（或假的）"))
    if not items and not problems:
        problems.append(
            (
                None,
                "真还是假里还没有一条消息 → 每条写成“## 短信 发送方（真）”，下面是原文和“说明：”",
            )
        )
    elif items and not refused:
        real = sum(1 for i in items if i.truth == "real")
        if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
            problems.append(
                (
                    None,
                    f"一轮有 {len(items)} 条消息 → 写 {MIN_ITEMS} 到 {MAX_ITEMS} 条（10 到 15 条最合适）",
                )
            )
        if real < 2 or len(items) - real < 2:
            problems.append(
                (
                    None,
                    f"这一轮有 {real} 条真消息、{len(items) - real} 条诈骗 → 真假都至少 2 条：练的是判断，"
                    "不是把什么都当成诈骗",
                )
            )
    return items, problems


def _next(items: list[Item], item: Item) -> int:
    """The line offset where the item after ``item`` starts (or a large number)."""
    later = [i.offset for i in items if i.offset > item.offset]
    return min(later) if later else 10**9


def _item(title: str, offset: int, problems: list) -> Item | None:
    truth = _TRUTH.match(title)
    if not truth:
        problems.append(
            (
                offset,
                f"“## {title[:16]}”没有标真假 → 在最后加“（真）”或“（假）”，例如“## 短信 95XXX（真）”",
            )
        )
        return None
    head, answer = truth.group(1).strip(), TRUTH[truth.group(2)]
    parts = re.split(r"[\s·・]+", head, maxsplit=1)
    channel = parts[0] if parts else ""
    if channel.upper() == "QQ":
        channel = "QQ"
    if channel not in CHANNELS:
        problems.append(
            (
                offset,
                f"“{channel or head}”不是一种渠道 → “##”后面先写渠道：{'、'.join(CHANNELS)}，"
                "再写发送方，例如“## 短信 95XXX（真）”",
            )
        )
        return None
    return Item(channel, parts[1].strip() if len(parts) > 1 else "", answer, offset)


def block_problems(block, where: str) -> list:
    """Check a spot block found in a page, each problem at its line."""
    from .problems import Problem

    _, found = parse(block.body)
    out = [
        Problem(where, block.line if offset is None else block.body_line + offset, message)
        for offset, message in found
    ]
    if "id" not in block.options:
        out.append(
            Problem(
                where,
                block.line,
                "/// spot 缺少 id → 在标题下面加一行“    id: 短名”（小写字母、数字和减号）",
            )
        )
    return out


def summary(items: list[Item]) -> dict:
    """What catalog.json says of a round."""
    return {"items": len(items), "genuine": sum(1 for i in items if i.truth == "real")}


# -- rendering -------------------------------------------------------------------------------


def render(items: list[Item], options: dict, title: str, root: etree.Element) -> None:
    """The round as a list of messages, each with its answer behind a disclosure."""
    spot_id = options["id"]
    root.set("data-spot-title", title)
    root.set("data-how-to-check", HOW_TO_CHECK)
    root.set("data-address", options.get("address", "你"))
    marks.element(
        root,
        "p",
        f"下面 {len(items)} 条消息，有真有假。逐条判断：是真消息，还是诈骗？拿不准也可以选“拿不准”。"
        "既要认出诈骗，也不要把真消息当成诈骗。",
        {"class": "fz-spot__intro"},
    )
    marks.element(
        root,
        "p",
        "姓名＿＿＿＿＿＿　班级＿＿＿＿＿＿　判断对了＿＿＿条（共 " + str(len(items)) + " 条）",
        {"class": "fz-spot__fields fz-print-only"},
    )
    listing = etree.SubElement(root, "ol", {"class": "fz-spot__items"})
    for number, item in enumerate(items, 1):
        li = etree.SubElement(
            listing,
            "li",
            {
                "class": "fz-spot__item",
                "id": f"{spot_id}-{number}",
                "data-spot-item": "",
                "data-truth": item.truth,
            },
        )
        marks.element(li, "p", f"第 {number} 条", {"class": "fz-spot__number"})
        message = etree.SubElement(li, "div", {"class": f"fz-spot__msg fz-spot__msg--{item.kind}"})
        head = etree.SubElement(message, "p", {"class": "fz-spot__from"})
        marks.element(head, "span", item.channel, {"class": "fz-spot__channel"})
        if item.sender:
            marks.element(head, "span", item.sender, {"class": "fz-spot__sender"})
        text = etree.SubElement(message, "div", {"class": "fz-spot__text"})
        for line in item.lines:
            paragraph = etree.SubElement(text, "p")
            marks.render(paragraph, line, show_notes=False)
        buttons = etree.SubElement(
            li,
            "div",
            {
                "class": "fz-spot__buttons fz-js-only",
                "role": "group",
                "aria-label": f"第 {number} 条是真是假？",
            },
        )
        for value, label in (("real", "真消息"), ("fake", "诈骗"), ("unsure", "拿不准")):
            marks.element(
                buttons,
                "button",
                label,
                {
                    "type": "button",
                    "class": f"fz-spot__answer fz-spot__answer--{value}",
                    "data-spot-answer": value,
                },
            )
        marks.element(li, "p", "□ 真消息　□ 诈骗　□ 拿不准", {"class": "fz-spot__boxes"})
        marks.element(
            li,
            "div",
            "",
            {"class": "fz-spot__feedback", "data-spot-feedback": "", "aria-live": "polite"},
        )
        answer = etree.SubElement(
            li, "details", {"class": "fz-spot__answer-box", "data-spot-key": ""}
        )
        marks.element(answer, "summary", "看答案")
        verdict = "这是真消息" if item.truth == "real" else "这是诈骗"
        marks.element(
            answer, "p", verdict, {"class": f"fz-spot__verdict fz-spot__verdict--{item.truth}"}
        )
        flags = etree.SubElement(answer, "ul", {"class": "fz-spot__flags"})
        for line in item.lines:
            for phrase, note in marks.notes(line):
                entry = etree.SubElement(flags, "li")
                marks.element(entry, "mark", phrase, {"class": "fz-flag"})
                marks.append_text(entry, f"：{note}")
        for why in item.why:
            marks.element(answer, "p", why, {"class": "fz-spot__why"})
        for how in item.check:
            marks.element(answer, "p", f"怎么核实：{how}", {"class": "fz-spot__check"})
    result = etree.SubElement(
        root,
        "div",
        {"class": "fz-spot__result", "data-spot-result": "", "aria-live": "polite", "hidden": ""},
    )
    marks.element(result, "p", "", {"class": "fz-spot__score-line"})
    # The printed answer key (the teacher's page): one line per message.
    key = etree.SubElement(root, "div", {"class": "fz-spot__key"})
    marks.element(key, "p", f"答案（老师用）：{title}", {"class": "fz-spot__key-title"})
    table = etree.SubElement(key, "ol", {"class": "fz-spot__key-list"})
    for item in items:
        entry = etree.SubElement(table, "li")
        marks.element(entry, "strong", "真" if item.truth == "real" else "假")
        phrases = "、".join(f"“{p}”" for line in item.lines for p, _ in marks.notes(line))
        marks.append_text(
            entry,
            f"　{item.why[0] if item.why else ''}" + (f"（看：{phrases}）" if phrases else ""),
        )


class SpotError(spec.BlockError):
    """A 真还是假 round that cannot be played as written."""


class SpotBlock(spec.StrictBlock):
    """
    真还是假？: messages to judge as genuine or fraudulent, with the reasons marked in them.

    Arguments (1 required):
    - The round's title.

    Options:
    - `id` (required): a short stable name for saved answers and the completion card.
    - `address` (你 | 您): how the buttons and notes address the reader.

    Content:
    Messages as described in ``fangzha.spot``.
    """

    NAME = "spot"
    ARGUMENT = True
    OPTIONS = {"id": ["", drill_id], "address": ["你", spec.one_of(ADDRESS)]}

    def on_markdown(self) -> str:
        """The messages are plain text."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The round's root, which spot.js finds."""
        return etree.SubElement(parent, "div", {"class": "fz-spot", "data-spot": ""})

    def on_end(self, block: etree.Element) -> None:
        """Parse, refuse what cannot be played, and render the round."""
        body = str(block.text or "")
        block.text = None
        if not self.options["id"]:
            raise SpotError(f"/// spot | {self.argument}：缺少 id → 在标题下面加一行“    id: 短名”")
        items, found = parse(body)
        if found:
            raise SpotError(f"/// spot | {self.argument}：" + "；".join(m for _, m in found))
        block.set("data-spot-id", self.options["id"])
        render(items, self.options, self.argument.strip(), block)


def speech_lines(block) -> set[int]:
    """Lines of a round that quote a message as received (not our voice)."""
    out = set()
    for offset, raw in enumerate(block.body.splitlines()):
        if raw.strip() and not _ITEM.match(raw) and not _FIELD.match(raw):
            out.add(block.body_line + offset)
    return out
