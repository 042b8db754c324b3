"""识骗演练 — chat drills: a short branching conversation with a scammer, played in a chat view.

A drill is written as a ``/// drill`` block on a ``kind: drill`` page::

    /// drill | 网购“客服”说要给你退款
        id: kefu-tuikuan
        role: 学生
        other: 自称“购物平台客服”
        scam: ../scams/kefu.md
        quiz: ../quizzes/xuesheng-jinjie.md

    ## 开始
    旁白：你刚在网上买了一件衣服。一个陌生号码打来电话。
    来电：你好，我是购物平台客服。==你买的衣服质量有问题|真客服不会主动打电话说要给你退款==……
    问：你会怎么做？
    - 问他要怎么退款 → 听他说
    - 挂断，打开购物 App 自己查订单 → 自己查（安全）

    ## 自己查（安全）
    旁白：App 里的订单一切正常，根本没有什么“质量问题”。
    复盘：你没有顺着对方的话走，而是自己去官方渠道查，这是最稳妥的做法。
    ///

Each ``## 名称`` is a step (the first one is where the drill starts); a name ending in
（安全） or （被骗） is an ending. A step holds the other side's messages (``对方：`` a chat
message, ``来电：`` words heard on a call, ``付款单：`` a payment request, ``通知：`` an "official"
notice or document, ``共享屏幕：`` a screen-sharing request, ``链接：`` a link card, ``旁白：``
narration), then ``问：`` and the choices ``- 做什么 → 去哪一步``. An ending has ``复盘：`` lines.
Red flags are marked in messages as ``==话|为什么==`` (:mod:`fangzha.marks`).

The block renders the whole script with every branch (what a reader without JavaScript and
a printer get: a 情景剧 role-play script with the decisions as discussion questions);
``drill.js`` plays it as a chat.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown.util import AtomicString

from . import blockspec as spec
from . import marks

# What a line of a step can be: the prefix a teacher writes, and what the line is.
MESSAGE_KINDS: dict[str, str] = {
    "对方": "text",
    "来电": "call",
    "付款单": "payment",
    "通知": "notice",
    "共享屏幕": "share",
    "链接": "link",
    "旁白": "narration",
}
KIND_LABELS: dict[str, str] = {
    "text": "消息",
    "call": "通话",
    "payment": "付款请求",
    "notice": "“官方”通知",
    "share": "屏幕共享请求",
    "link": "链接",
    "narration": "旁白",
}
OUTCOMES: dict[str, str] = {"安全": "safe", "被骗": "scammed"}
OUTCOME_LABELS: dict[str, str] = {"safe": "安全", "scammed": "被骗"}

MAX_STEPS = 40
MAX_CHOICES = 4
MESSAGE_MAX = 200
CHOICE_MAX = 40
NAME_MAX = 20

_PREFIXES = "|".join(list(MESSAGE_KINDS) + ["问", "复盘"])
_LINE = re.compile(rf"^\s*({_PREFIXES})\s*[:：]\s*(.*?)\s*$")
_ALMOST = re.compile(r"^\s*([\u4e00-\u9fff]{1,4})\s*[:：]")
_STEP = re.compile(r"^\s{0,3}##(?!#)\s*(.*?)\s*$")
_OUTCOME = re.compile(r"^(.*?)\s*[（(【\[]\s*(安全|被骗)\s*[）)】\]]$")
_CHOICE = re.compile(r"^\s*[-*+](?:\s+|(?=\S))(.*?)\s*$")
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|➜|——>|-->)\s*")


@dataclass
class Message:
    kind: str  # a value of MESSAGE_KINDS
    text: str  # as written, with its ==marks==
    offset: int  # line offset in the block body


@dataclass
class Choice:
    label: str
    target: str
    offset: int


@dataclass
class Step:
    name: str
    offset: int
    outcome: str | None = None  # "safe" or "scammed" for an ending
    messages: list[Message] = field(default_factory=list)
    question: str = ""
    choices: list[Choice] = field(default_factory=list)
    debrief: list[str] = field(default_factory=list)

    @property
    def ending(self) -> bool:
        return self.outcome is not None


@dataclass
class Script:
    """A parsed drill: its steps in the order written (the first is the start)."""

    steps: list[Step]

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    @property
    def endings(self) -> list[Step]:
        return [s for s in self.steps if s.ending]

    def keys(self) -> dict[str, str]:
        """A short key per step for anchors: s1, s2 … and e1, e2 … for endings."""
        out, n_step, n_end = {}, 0, 0
        for step in self.steps:
            if step.ending:
                n_end += 1
                out[step.name] = f"e{n_end}"
            else:
                n_step += 1
                out[step.name] = f"s{n_step}"
        return out

    def paths(self) -> Iterator[list[tuple[Step, Choice | None]]]:
        """Every path from the start to an ending that visits no step twice."""
        if not self.steps:
            return

        def walk(step: Step, seen: tuple[str, ...], path: list) -> Iterator[list]:
            if step.ending:
                yield path + [(step, None)]
                return
            for choice in step.choices:
                nxt = self.step(choice.target)
                if nxt is not None and nxt.name not in seen:
                    yield from walk(nxt, seen + (nxt.name,), path + [(step, choice)])

        first = self.steps[0]
        yield from walk(first, (first.name,), [])


def parse(body: str) -> tuple[Script, list[tuple[int, str]]]:
    """Read a drill body: (script, [(line offset, problem in Chinese)])."""
    steps: list[Step] = []
    problems: list[tuple[int, str]] = []
    current: Step | None = None
    for offset, raw in enumerate(body.splitlines()):
        if not raw.strip():
            continue
        heading = _STEP.match(raw)
        if heading:
            title = heading.group(1)
            outcome = None
            ended = _OUTCOME.match(title)
            if ended:
                title, outcome = ended.group(1).strip(), OUTCOMES[ended.group(2)]
            if not title:
                problems.append(
                    (offset, "“##”后面缺少这一步的名字 → 写成“## 步骤名”，例如“## 开始”")
                )
                current = None
                continue
            if len(title) > NAME_MAX:
                problems.append(
                    (
                        offset,
                        f"步骤名“{title[:12]}…”太长 → 步骤名是给选项指路用的，{NAME_MAX} 个字以内",
                    )
                )
            current = Step(title, offset, outcome)
            steps.append(current)
            continue
        if current is None:
            problems.append(
                (offset, "第一步前面写了内容 → 先写“## 开始”（或别的步骤名），再写这一步的对话")
            )
            continue
        line = _LINE.match(raw)
        if line:
            problems.extend(_line(current, line.group(1), line.group(2), offset))
            continue
        choice = _CHOICE.match(raw)
        if choice:
            problems.extend(_choice(current, choice.group(1), offset))
            continue
        problems.append((offset, _unreadable(raw)))
    return Script(steps), problems


def _line(step: Step, prefix: str, text: str, offset: int) -> list[tuple[int, str]]:
    if not text:
        return [(offset, f"“{prefix}：”后面没有内容 → 写上内容，或删掉这一行")]
    if prefix == "问":
        if step.question:
            return [(offset, "这一步已经有一个“问：” → 每一步只问一次")]
        step.question = text
        return []
    if prefix == "复盘":
        if not step.ending:
            return [
                (
                    offset,
                    "“复盘：”只写在结局里 → 把这一步的名字写成“## 名字（安全）”或“## 名字（被骗）”，"
                    "或把复盘挪到结局",
                )
            ]
        step.debrief.append(marks.plain(text))
        return []
    problems = [(offset, p) for p in marks.parse(text)[1]]
    if len(marks.plain(text)) > MESSAGE_MAX:
        problems.append(
            (
                offset,
                f"这条{prefix}有 {len(marks.plain(text))} 个字 → 拆成几条，每条 {MESSAGE_MAX} 个字以内",
            )
        )
    step.messages.append(Message(MESSAGE_KINDS[prefix], text, offset))
    return problems


def _choice(step: Step, text: str, offset: int) -> list[tuple[int, str]]:
    parts = _ARROW.split(text, maxsplit=1)
    if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
        return [
            (
                offset,
                f"选项“{text[:16]}”没有写去哪一步 → 写成“- 选项 → 步骤名”（箭头可以写 → 或 ->）",
            )
        ]
    label, target = parts[0].strip(), parts[1].strip()
    ended = _OUTCOME.match(target)
    if ended:  # "→ 自己查（安全）": the ending's name as its heading writes it
        target = ended.group(1).strip()
    if len(label) > CHOICE_MAX:
        return [
            (
                offset,
                f"选项“{label[:12]}…”有 {len(label)} 个字 → 按钮上的字要短，{CHOICE_MAX} 个字以内",
            )
        ]
    step.choices.append(Choice(label, target, offset))
    return []


def _unreadable(raw: str) -> str:
    shown = raw.strip()[:20]
    how = (
        "每一行以“对方：”“来电：”“付款单：”“通知：”“共享屏幕：”“链接：”“旁白：”“问：”或“复盘：”开头，"
        "选项写成“- 选项 → 步骤名”，新的一步写成“## 步骤名”"
    )
    almost = _ALMOST.match(raw)
    if almost:
        guess = difflib.get_close_matches(
            almost.group(1), list(MESSAGE_KINDS) + ["问", "复盘"], n=1, cutoff=0.3
        )
        if guess:
            return f"读不懂“{shown}”（是不是想写“{guess[0]}：”？） → {how}"
    if raw.lstrip().startswith("#"):
        return f"读不懂“{shown}” → 新的一步写成“## 步骤名”（两个 #，后面空一格）"
    return f"读不懂“{shown}” → {how}"


def problems(script: Script) -> list[tuple[int | None, str]]:
    """What makes a drill unplayable: (line offset, or None for the block's header, problem)."""
    out: list[tuple[int | None, str]] = []
    steps = script.steps
    if not steps:
        return [(None, "模拟对话里还没有一步 → 用“## 开始”写第一步，用“## 名字（安全）”写结局")]
    if len(steps) > MAX_STEPS:
        out.append((None, f"模拟对话有 {len(steps)} 步 → 最多 {MAX_STEPS} 步，拆成两个演练"))
    names: dict[str, Step] = {}
    for step in steps:
        if step.name in names:
            out.append(
                (step.offset, f"步骤名“{step.name}”重复了 → 每一步的名字要不同，选项才知道去哪一步")
            )
        names.setdefault(step.name, step)
    if steps[0].ending:
        out.append((steps[0].offset, "第一步就是结局 → 第一步要有对话和选项，结局写在后面"))
    for step in steps:
        if not step.messages and not step.ending:
            out.append(
                (
                    step.offset,
                    f"“{step.name}”这一步没有一句对话或旁白 → 至少写一行“对方：”或“旁白：”",
                )
            )
        if step.ending:
            if step.choices:
                out.append(
                    (
                        step.choices[0].offset,
                        f"结局“{step.name}”后面不能再有选项 → 删掉选项，或把它改成普通的一步",
                    )
                )
            if not step.debrief:
                out.append(
                    (
                        step.offset,
                        f"结局“{step.name}”缺少“复盘：” → 写一两句：这一步为什么安全（或为什么被骗），该怎么做",
                    )
                )
            continue
        if not step.choices:
            out.append(
                (
                    step.offset,
                    f"“{step.name}”这一步没有选项，也没有标成结局 → 加上“- 选项 → 步骤名”，"
                    "或把名字写成“## 名字（安全）”/“## 名字（被骗）”",
                )
            )
        if len(step.choices) > MAX_CHOICES:
            out.append(
                (
                    step.choices[MAX_CHOICES].offset,
                    f"一步最多 {MAX_CHOICES} 个选项 → 删掉或合并几个",
                )
            )
        for choice in step.choices:
            if choice.target == step.name:
                out.append(
                    (choice.offset, f"选项“{choice.label}”又回到了这一步自己 → 让它去别的一步")
                )
            elif choice.target not in names:
                near = difflib.get_close_matches(choice.target, list(names), n=1, cutoff=0.4)
                guess = f"（是不是“{near[0]}”？）" if near else ""
                out.append(
                    (
                        choice.offset,
                        f"选项“{choice.label}”要去的“{choice.target}”不存在{guess} → "
                        f"箭头后面写一个步骤名：{'、'.join(names)}",
                    )
                )
    if out:
        return out
    reached = _reachable(script, [steps[0].name])
    for step in steps:
        if step.name not in reached:
            out.append(
                (
                    step.offset,
                    f"“{step.name}”这一步没有任何选项通向它，读者永远走不到 → 从别的步骤加一个选项指向它，或删掉它",
                )
            )
    ends = {s.name for s in script.endings}
    for step in steps:
        if step.ending or step.name not in reached:
            continue
        if not (_reachable(script, [step.name]) & ends):
            out.append(
                (
                    step.offset,
                    f"从“{step.name}”出发怎么选都走不到结局，会一直绕圈 → 至少让一个选项通向结局",
                )
            )
    if not any(s.outcome == "safe" for s in script.endings):
        out.append(
            (None, "模拟对话没有一个安全的结局 → 至少写一个“## 名字（安全）”，让读者知道怎样做才对")
        )
    return out


def _reachable(script: Script, start: list[str]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        step = script.step(todo.pop())
        for choice in step.choices if step else []:
            if choice.target not in seen and script.step(choice.target):
                seen.add(choice.target)
                todo.append(choice.target)
    return seen


def block_problems(block, where: str) -> list:
    """Check a drill block found in a page, each problem at its line."""
    from .problems import Problem

    script, found = parse(block.body)
    out = [Problem(where, block.body_line + offset, message) for offset, message in found]
    if "id" not in block.options:
        out.append(
            Problem(
                where,
                block.line,
                f"/// drill 缺少 id → 在标题下面加一行“    id: 短名”，id 是{_ID_EXPECTED}",
            )
        )
    if not found:
        out += [
            Problem(where, block.line if offset is None else block.body_line + offset, message)
            for offset, message in problems(script)
        ]
    return out


def summary(script: Script) -> dict:
    """What catalog.json says of a drill."""
    keys = script.keys()
    return {
        "steps": len([s for s in script.steps if not s.ending]),
        "endings": [
            {"id": keys[s.name], "title": s.name, "outcome": s.outcome} for s in script.endings
        ],
    }


# -- rendering: the full script, with every branch ----------------------------------------


def render(script: Script, options: dict, title: str, root: etree.Element) -> None:
    """Fill ``root`` with the drill as a 情景剧 script; drill.js turns it into a chat."""
    keys = script.keys()
    drill_id = options["id"]
    role, other, you = options["role"], options["other"], options.get("address", "你")
    endings = script.endings
    safe = sum(1 for s in endings if s.outcome == "safe")
    root.set("data-drill-title", title)
    root.set("data-role", role)
    root.set("data-other", other)
    root.set("data-start", keys[script.steps[0].name])
    root.set("data-address", you)
    intro = etree.SubElement(root, "div", {"class": "fz-drill__intro"})
    marks.element(
        intro,
        "p",
        f"情景剧剧本 · 角色：骗子（{other}）、{role}、旁白 · "
        f"{len(script.steps) - len(endings)} 个选择点 · {len(endings)} 个结局"
        f"（{safe} 个安全，{len(endings) - safe} 个被骗）",
        {"class": "fz-drill__meta"},
    )
    marks.element(
        intro,
        "p",
        f"没有打开脚本时，这里是完整剧本：从第 1 幕读起，在每个选择点讨论“{you}会怎么做”，"
        "再按选项跳到对应的一幕。课堂上可以分角色朗读。",
        {"class": "fz-drill__howto fz-no-js"},
    )
    script_el = etree.SubElement(
        root, "div", {"class": "fz-drill__script", "data-drill-script": ""}
    )
    number = {name: i for i, name in enumerate((s.name for s in script.steps if not s.ending), 1)}
    end_number = {s.name: i for i, s in enumerate(endings, 1)}

    def label(name: str) -> str:
        step = script.step(name)
        if step and step.ending:
            return f"结局 {end_number[name]}（{OUTCOME_LABELS[step.outcome]}）"
        return f"第 {number[name]} 幕"

    for step in script.steps:
        key = keys[step.name]
        attrs = {"class": "fz-drill__step", "id": f"{drill_id}-{key}", "data-step": key}
        if step.ending:
            attrs["class"] += f" fz-drill__step--end fz-drill__step--{step.outcome}"
            attrs["data-outcome"] = step.outcome
        section = etree.SubElement(script_el, "section", attrs)
        # Not an <h3>: the page's table of contents would list every scene of every branch.
        marks.element(
            section,
            "p",
            f"{label(step.name)}：{step.name}",
            {
                "class": "fz-drill__step-title",
                "role": "heading",
                "aria-level": "3",
                "data-name": step.name,
            },
        )
        lines = etree.SubElement(section, "ol", {"class": "fz-drill__lines"})
        for message in step.messages:
            item = etree.SubElement(
                lines,
                "li",
                {
                    "class": f"fz-drill__line fz-drill__line--{message.kind}",
                    "data-msg": message.kind,
                },
            )
            who = "旁白" if message.kind == "narration" else "骗子"
            tag = (
                "" if message.kind in ("narration", "text") else f"［{KIND_LABELS[message.kind]}］"
            )
            marks.element(item, "span", who + tag + "：", {"class": "fz-drill__who"})
            body = etree.SubElement(item, "span", {"class": "fz-drill__text"})
            marks.render(body, message.text, show_notes=True)
        if step.ending:
            debrief = etree.SubElement(
                section, "div", {"class": "fz-drill__debrief", "data-debrief": ""}
            )
            marks.element(debrief, "p", "复盘", {"class": "fz-drill__debrief-title"})
            for text in step.debrief:
                marks.element(debrief, "p", text)
            continue
        decision = etree.SubElement(
            section, "div", {"class": "fz-drill__decision", "data-decision": ""}
        )
        marks.element(
            decision,
            "p",
            step.question or f"{you}会怎么做？",
            {"class": "fz-drill__question", "data-question": ""},
        )
        marks.element(
            decision, "p", "讨论：为什么这样选？换一种选法会怎样？", {"class": "fz-drill__discuss"}
        )
        options_el = etree.SubElement(decision, "ol", {"class": "fz-drill__options"})
        for choice in step.choices:
            item = etree.SubElement(options_el, "li")
            link = marks.element(
                item,
                "a",
                choice.label,
                {"href": f"#{drill_id}-{keys[choice.target]}", "data-goto": keys[choice.target]},
            )
            link.tail = AtomicString(f" → 见{label(choice.target)}")
    links = [
        (options.get("scam"), "看看这种骗局的详细介绍"),
        (options.get("quiz"), "做一做配套测验"),
    ]
    links = [(href, text) for href, text in links if href]
    if links:
        more = etree.SubElement(root, "p", {"class": "fz-drill__more", "data-drill-more": ""})
        for i, (href, text) in enumerate(links):
            if i:
                marks.append_text(more, " · ")
            attrs = {
                "href": href,
                "data-drill-link": "scam" if href == options.get("scam") else "quiz",
            }
            marks.element(more, "a", text, attrs)


def page_link(value) -> str:
    """A relative link to a page of the site (checked against the site by the build)."""
    text = spec.text(max_len=120)(value)
    if not re.fullmatch(r"[^\s#?]+\.md(?:#[\w\-\u4e00-\u9fff]+)?", text) or re.match(
        r"^[a-z]+:", text
    ):
        raise spec.Invalid("本站一个页面的相对链接，例如 ../scams/kefu.md")
    return text


page_link.expected = "本站一个页面的相对链接，例如 ../scams/kefu.md"  # type: ignore[attr-defined]


def drill_id(value) -> str:
    text = spec.text(max_len=40)(value)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text):
        raise spec.Invalid(_ID_EXPECTED)
    return text


# How the page addresses its reader: 您 on pages the elderly read (README 「写给老年人的页面」).
ADDRESS = {"你": "称呼读者“你”", "您": "称呼读者“您”（写给老年人的页面）"}

_ID_EXPECTED = "小写英文字母、数字和减号组成的短名，例如 kefu-tuikuan（进度和回执卡的校验码靠它，写好后不要再改）"
drill_id.expected = _ID_EXPECTED  # type: ignore[attr-defined]


class DrillError(spec.BlockError):
    """A drill that cannot be played as written."""


class DrillBlock(spec.StrictBlock):
    """
    A chat drill (模拟对话): the other side's messages, the learner's choices, and endings.

    Arguments (1 required):
    - The drill's title.

    Options:
    - `id` (required): a short stable name for saved progress and the completion card.
    - `role` (text): who the learner plays in the printed script (default 学生).
    - `other` (text): how the other side calls itself, shown at the top of the chat.
    - `scam` (link): the scam page the debrief links to.
    - `quiz` (link): a quiz to do afterwards.
    - `address` (你 | 您): how the player's buttons and notes address the reader.

    Content:
    Steps as described in ``fangzha.drill``.
    """

    NAME = "drill"
    ARGUMENT = True
    OPTIONS = {
        "id": ["", drill_id],
        "role": ["学生", spec.text(max_len=8)],
        "other": ["陌生人", spec.text(max_len=16)],
        "scam": ["", page_link],
        "quiz": ["", page_link],
        "address": ["你", spec.one_of(ADDRESS)],
    }

    def on_markdown(self) -> str:
        """Keep the body as raw text: the drill parser reads it."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The drill's root, which drill.js finds."""
        return etree.SubElement(parent, "div", {"class": "fz-drill", "data-drill": ""})

    def on_end(self, block: etree.Element) -> None:
        """Parse, refuse what cannot be played, and render the script."""
        body = str(block.text or "")
        block.text = None
        if not self.options["id"]:
            raise DrillError(
                f"/// drill | {self.argument}：缺少 id → 在标题下面加一行“    id: {_ID_EXPECTED}”"
            )
        script, found = parse(body)
        found = [m for _, m in found] or [m for _, m in problems(script)]
        if found:
            raise DrillError(f"/// drill | {self.argument}：" + "；".join(found))
        block.set("data-drill-id", self.options["id"])
        render(script, self.options, self.argument.strip(), block)


# -- the site's checks: one drill or round per practice page, links that lead somewhere -----

PRACTICE = {"drill": ("drill", "模拟对话"), "spot": ("spot", "真还是假")}  # kind: (block, label)


def site_problems(pages, blocks, where: str, sources=()) -> list:
    """Practice blocks on their own pages, distinct ids, and links to existing pages that suit.

    ``sources`` names every file read, pages refused for their own mistakes included: a link to
    one of those is not reported a second time.
    """
    from .problems import Problem

    out = []
    ids: dict[str, str] = {}
    for src_uri, page in sorted(pages.items()):
        path = f"{where}/{src_uri}"
        found = blocks.get(src_uri, [])
        for kind, (name, label) in PRACTICE.items():
            mine = [b for b in found if b.name == name]
            if page.kind == kind and len(mine) != 1:
                out.append(
                    Problem(
                        path,
                        mine[1].line if len(mine) > 1 else None,
                        f"{label}页要有一个 /// {name} 块，找到 {len(mine)} 个 → 一页写一个；多的另建一页",
                        f"a {kind} page has one /// {name} block; found {len(mine)}",
                    )
                )
            if page.kind != kind:
                out.extend(
                    Problem(
                        path,
                        block.line,
                        f"/// {name} 只能写在 kind: {kind} 的页面里 → 新建一个{label}页面，把它挪过去",
                        f"/// {name} belongs on a kind: {kind} page",
                    )
                    for block in mine
                )
            for block in mine:
                if "elderly" in page.audiences and block.options.get("address") != "您":
                    out.append(
                        Problem(
                            path,
                            block.line,
                            f"这一页也写给老年人，/// {name} 的按钮和提示要称呼“您” → 在标题下面加一行“    address: 您”",
                            f"this page is also for older readers: add 'address: 您' to the /// {name} block",
                        )
                    )
                block_id = block.options.get("id")
                if isinstance(block_id, str) and block_id:
                    if block_id in ids:
                        out.append(
                            Problem(
                                path,
                                block.option_lines.get("id", block.line),
                                f"id“{block_id}”已经用在 {where}/{ids[block_id]} → 换一个：id 相同会共用进度和回执卡校验码",
                                f"id {block_id!r} is also used by {where}/{ids[block_id]}",
                            )
                        )
                    ids.setdefault(block_id, src_uri)
                if name != "drill":
                    continue
                for option in ("scam", "quiz"):
                    out.extend(_link_problems(page, block, option, pages, where, sources))
    return out


def _link_problems(page, block, option: str, pages, where: str, sources) -> list:
    """A drill's ``scam`` or ``quiz`` link: to an existing page of that kind that suits its ages."""
    from . import bands
    from .problems import Problem

    target = block.options.get(option)
    if not isinstance(target, str) or not target:
        return []
    path = f"{where}/{page.src_uri}"
    line = block.option_lines.get(option, block.line)
    resolved = bands.resolve(page.src_uri, target)
    other = pages.get(resolved) if resolved else None
    if other is None and resolved in sources:
        return []  # the page exists but has mistakes of its own, reported on its own lines
    if other is None:
        return [
            Problem(
                path,
                line,
                f"{option}: {target} 找不到这个页面{_near(page.src_uri, target, option, pages, sources)} → "
                "写本站一个页面的相对链接，例如 ../scams/kefu.md",
                f"{option}: no page at {target}",
            )
        ]
    if other.kind != option:
        return [
            Problem(
                path,
                line,
                f"{option}: {target} 不是{'诈骗类型' if option == 'scam' else '测验'}页面 → "
                f"{option} 要链接 kind: {option} 的页面",
                f"{option}: {target} is not a {option} page",
            )
        ]
    band = bands.youngest(page)
    if band and bands.too_old_for(other, band):
        return [
            Problem(
                path,
                line,
                f"这个演练适合{bands.band_labels(page.bands)}，{option} 却链接了 {where}/{resolved}"
                f"（min_band: {other.min_band}） → 换成适合这个学段的页面",
                f"{option} links to a page not suitable for this drill's youngest band",
            )
        ]
    return []


def _near(src_uri: str, target: str, kind: str, pages, sources=()) -> str:
    """「（是不是 …？）」: the link written from docs/, or a page of the kind with a similar name.

    Pages refused for mistakes of their own (their kind unknown) are candidates too.
    """
    if target.split("#")[0] in pages:
        return f"（从这一页出发要写成 {'../' * src_uri.count('/')}{target}）"
    stems = {
        posixpath.splitext(posixpath.basename(uri))[0]: uri
        for uri in [*(u for u, p in pages.items() if p.kind == kind), *set(sources) - set(pages)]
    }
    stem = posixpath.splitext(posixpath.basename(target))[0]
    near = difflib.get_close_matches(stem, list(stems), n=1, cutoff=0.6)
    if not near:
        return ""
    return f"（是不是 {posixpath.relpath(stems[near[0]], posixpath.dirname(src_uri) or '.')}？）"


def speech_lines(block) -> set[int]:
    """Lines of a drill that quote the other side (what a scammer says is quoted, not our voice)."""
    out = set()
    for offset, raw in enumerate(block.body.splitlines()):
        line = _LINE.match(raw)
        if line and line.group(1) in MESSAGE_KINDS and line.group(1) != "旁白":
            out.add(block.body_line + offset)
    return out


# -- what other parts of the site read of the practice pages ---------------------------------


def catalog_fields(page, found) -> dict:
    """catalog.json's fields of a drill or 真还是假 page: its id and its shape."""
    from . import spot

    if page.kind == "drill":
        blocks = [b for b in found if b.name == "drill"]
        if blocks:
            return {"drill_id": blocks[0].options.get("id"), **summary(parse(blocks[0].body)[0])}
    if page.kind == "spot":
        blocks = [b for b in found if b.name == "spot"]
        if blocks:
            return {
                "spot_id": blocks[0].options.get("id"),
                **spot.summary(spot.parse(blocks[0].body)[0]),
            }
    return {}


def card_entries(library) -> list[tuple[str, str, int, str]]:
    """(id, title, total, unit) of every drill and round, for the teacher's completion-card check.

    A drill's card counts the endings reached; a round's, the messages judged right.
    """
    out = []
    for kind, label in (("drill", "模拟对话"), ("spot", "真还是假")):
        for page in library.of_kind(kind):
            fields = catalog_fields(page, library.blocks.get(page.src_uri, []))
            if not fields:
                continue
            total = len(fields["endings"]) if kind == "drill" else fields["items"]
            unit = "个结局" if kind == "drill" else "条"
            out.append((fields[f"{kind}_id"], f"{label}：{page.title}", total, unit))
    return out
