"""这条消息可疑吗？ — the message checker: its knowledge, its checks and its block.

A reader pastes or dictates a message (or tells what happened) on the ``check/`` page; the
browser, with nothing sent anywhere, marks the red-flag phrases in the text, names the scam
types they belong to and gives a careful verdict (``check.js``). What it knows comes from the
content: every scam page lists its ``signals`` in its front matter (the words a scammer uses,
what they mean, how telling they are); this module adds the flags that belong to no one type
(a link to an unknown site, a number from abroad, a demand for secrecy …), checks it all, and
compiles one small index the page loads.

The verdict never says a message is safe: 「很像诈骗」, 「有可疑之处」 or 「没有发现常见的诈骗特征」,
each with how to check it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markdown.util import AtomicString

from . import blockspec as spec
from . import readability, yamlfile
from .model import ContentPage
from .problems import Problem

INDEX_URI = "assets/javascripts/check-index.js"
CHECK_PAGE = "check/index.md"
INDEX_VERSION = 1

# A signal whose phrase is in one of these sentences is someone warning about the scam (a police
# reminder, a bank's 请勿泄露, a news item), not the scam itself: it counts a quarter.
WARNING_CUES: tuple[str, ...] = (
    "警方提醒",
    "公安提醒",
    "民警提醒",
    "公安机关提醒",
    "反诈中心提醒",
    "反诈提醒",
    "谨防",
    "警惕",
    "凡是",
    "都是诈骗",
    "都是骗子",
    "是骗局",
    "没有所谓",
    "根本没有",
    "不存在",
    "不会要求",
    "不会让",
    "不会通过",
    "不会以",
    "不会向",
    "不会索要",
    "不会主动",
    "切勿",
    "请勿",
    "严禁",
    "千万不要相信",
    "反诈宣传",
    "防骗",
    "不会在",
    "不会发",
    "不收任何",
)
# Genuine notices send people to official places and say there is nothing to pay; a message
# that does so counts half, and does not count as "sounding like" a scam.
OFFICIAL_CUES: tuple[str, ...] = (
    "到营业厅",
    "营业厅办理",
    "营业厅兑换",
    "到网点",
    "到任一网点",
    "柜台办理",
    "柜台还款",
    "到柜台",
    "现场办理",
    "现场缴费",
    "本人携带",
    "财务室",
    "无需缴纳任何",
    "无需支付任何",
    "不收取任何",
    "无需任何费用",
    "原购票渠道",
    "原路退回",
    "官方app或",
    "官方app“",
    "统一收费平台",
    "官方缴费系统",
    "以机场广播",
    "敬请谅解",
    "据报道",
    "报道",
    "记者",
)
# A phrase marked ``asks`` (验证码, 密码 …) counts only in a sentence that asks for it …
REQUEST_CUES: tuple[str, ...] = (
    "告诉",
    "发给",
    "发我",
    "发过来",
    "报给",
    "报一下",
    "报出",
    "念给",
    "念一下",
    "读给",
    "读一下",
    "提供",
    "输入",
    "填写",
    "填一下",
    "填入",
    "截图",
    "拍照",
    "给我",
    "给他",
    "给她",
    "告知",
    "说一下",
    "说出",
    "核对一下",
    "登记",
    "要你的",
    "要您的",
    "索要",
    "把验证码",
    "把密码",
)
# … and not in one that tells the reader to keep it.
PROTECT_CUES: tuple[str, ...] = (
    "请勿",
    "切勿",
    "勿将",
    "不要告诉",
    "不要泄露",
    "不要透露",
    "谨防",
    "不会索要",
    "不会向",
    "严禁",
    "千万不要",
    "千万别",
    "别告诉任何人",
    "任何人索要",
    "泄露给他人",
    "转告他人",
)


@dataclass(frozen=True)
class Generic:
    """A red flag of no one scam type, found by a pattern (a JavaScript regular expression)."""

    key: str
    pattern: str
    means: str
    weight: int


GENERIC: tuple[Generic, ...] = (
    Generic(
        "link",
        r"(?:https?://|www\.)[^\s，。、“”]+|[a-z0-9-]{2,}\.(?:top|xyz|vip|cc|icu|club|site|online|shop|"
        r"cn|com|net|info|live|fun|link|app)(?:/[^\s，。、“”]*)?",
        "陌生链接：不要点。要办事，打开自己手机里原有的官方 App 或官网。",
        2,
    ),
    Generic(
        "abroad",
        r"(?:\+|\b00)(?!86)\d{5,}|境外来电|境外号码|(?:00|\+|加号)开头",
        "“+”或“00”开头的号码来自境外；没有海外亲友时，这样的来电几乎都是诈骗。",
        2,
    ),
    Generic(
        "secret",
        r"(?:别|不要|不能|不许|不准|千万别)(?:告诉|跟|和|让)(?:任何人|家人|家里|别人|你爸|你妈|爸妈|"
        r"父母|老公|老婆|子女|孩子|老师|同事|银行)|保密|单独配合|不要声张",
        "要您保密、不让告诉家人，是骗子怕您去核实。越要保密，越要先告诉家人。",
        2,
    ),
    Generic(
        "threat",
        r"(?:不然|否则)[^。！？\n]{0,10}(?:发给|发到|曝光|公开|抓|拘留|坐牢|起诉|冻结|影响)|曝光你|"
        r"发给你(?:的)?(?:家人|通讯录|同学|同事|朋友|领导)|通讯录里的人|全发出去",
        "拿您的照片、视频或“案子”来吓您要钱，是敲诈。别转账，保存证据，拨打 110。",
        3,
    ),
    Generic(
        "hurry",
        r"马上|立即|立刻|尽快|赶紧|赶快|今天之内|今晚之前|\d+\s*(?:分钟|小时)内|否则|逾期|过期作废",
        "催您马上办，是不给您时间核实。先停下来，问问家人。",
        1,
    ),
    Generic(
        "pay",
        r"转账|汇款|打款|转到|打到|转进|转入|先交|先付|垫付|垫钱|缴纳|付款码|收款码|扫码支付|扫码付",
        "要您付钱或转钱：先用自己查到的官方电话核实对方身份，再决定。",
        1,
    ),
    Generic(
        "fee",
        r"保证金|手续费|解冻费|激活费|会员费|押金|服务费|认证费|工本费|税费|刷流水|验资",
        "先交一笔“保证金”“手续费”“解冻费”才能拿到钱，是骗子最常用的借口。",
        2,
    ),
    Generic(
        "install",
        r"(?:下载|安装|装一个|装个|点开)[^，。！？\n]{0,8}(?:app|软件|客户端|插件)|会议软件|会议app",
        "让您下载陌生 App 或会议软件，往往是为了看您的屏幕、控制您的手机。",
        2,
    ),
    Generic(
        "share",
        r"屏幕共享|共享屏幕|共享一下屏幕|开个共享",
        "陌生人让您开屏幕共享，您的卡号、密码、验证码对方都能看见。马上关掉。",
        3,
    ),
    Generic(
        "code",
        r"验证码|校验码|动态码|动态密码",
        "验证码只有自己能看，谁要都不给，银行、客服、警察都不会要。",
        3,
    ),
    Generic(
        "secret-data",
        r"银行卡号|卡号|密码|身份证号|身份证照片|cvv|有效期",
        "别人要您的卡号、密码、身份证号：不给。真正的银行和政府部门不会这样要。",
        2,
    ),
)
# Which generic flags count only when the message asks for the thing.
ASKS = ("code", "secret-data")

VERDICTS = {
    "high": (
        "很像诈骗",
        "请马上停下：不转账，不说验证码，不点链接，不下载软件。挂断后，用您自己查到的官方电话核实；"
        "拿不准就拨打 96110 咨询。已经转了钱，立即拨打 110。",
    ),
    "medium": (
        "有可疑之处",
        "先别按对方说的做。用您自己查到的官方电话核实，问问家人；拿不准就拨打 96110 咨询。",
    ),
    "low": (
        "没有发现常见的诈骗特征",
        "这不等于它一定安全，骗局总在变。凡是要钱、要验证码、要您保密的，都先停下来核实；"
        "拿不准就拨打 96110 咨询。",
    ),
}
# Total weight of the distinct flags found, at and above which each level is given.
LEVELS = {"high": 5.0, "medium": 2.0}
# How a page's rank mixes the flags of its own (``signal``) with how much the message sounds
# like it (``sound``, its profile); a message that sounds very like one scam
# (``sounds_like``) counts ``sounds_like_adds`` more towards the level; pages whose mix reaches
# ``listed`` are named. Measured on tests/data/check_*.yml.
MIX = {"signal": 1.0, "sound": 2.0, "sounds_like": 3.0, "sounds_like_adds": 2.0, "listed": 3.0}


def normalise(text: str) -> str:
    """What the browser matches: NFKC (full-width to half-width) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def signal_problems(page: ContentPage, where: str, lines: dict[tuple, int]) -> list[Problem]:
    """A page's signals: each phrase at least two characters, none repeated on the page."""
    problems = []
    seen: dict[str, int] = {}
    for number, signal in enumerate(page.meta.get("signals") or [], start=1):
        line = yamlfile.line_of(lines, ("signals", number, "words"))
        for word in signal["words"]:
            key = normalise(word)
            if len(key.strip()) < 2:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"signals 第 {number} 项的“{word}”只有一个字，会在很多正常消息里出现 → "
                        "写两个字以上的说法，例如“验证码”“安全账户”",
                        f"signals item {number}: {word!r} is one character; write phrases of two or more",
                    )
                )
            elif key in seen:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"signals 第 {number} 项的“{word}”和第 {seen[key]} 项重复 → 删掉一个",
                        f"signals item {number}: {word!r} repeats item {seen[key]}",
                    )
                )
            else:
                seen[key] = number
    return problems


def compile_index(
    pages: Iterable[ContentPage],
    url_of: Callable[[str], str],
    to_traditional: Iterable[Callable[[str], str]] = (),
) -> dict:
    """The checker's knowledge as one mapping: the scam pages, their signals, the generic flags."""
    listed = sorted((p for p in pages if p.kind == "scam"), key=lambda p: p.src_uri)
    profile = profiles(listed)
    out_pages, signals = [], []
    for number, page in enumerate(listed):
        out_pages.append({"slug": page.slug, "title": page.title, "url": url_of(page.src_uri)})
        for signal in page.meta.get("signals") or []:
            signals.append(
                {
                    "w": sorted(
                        {normalise(w) for w in signal["words"]}, key=lambda w: (-len(w), w)
                    ),
                    "m": signal["means"],
                    "g": signal["weight"],
                    "a": 1 if signal["asks"] else 0,
                    "p": number,
                }
            )
    vocabulary = set("".join(w for s in signals for w in s["w"]))
    vocabulary |= set("".join(WARNING_CUES + REQUEST_CUES + PROTECT_CUES + OFFICIAL_CUES))
    vocabulary |= set("".join(g.pattern for g in GENERIC))
    vocabulary |= set("".join(piece for found in profile.values() for piece in found))
    to_simplified = {}
    for convert in to_traditional:
        for char in sorted(c for c in vocabulary if "\u4e00" <= c <= "\u9fff"):
            other = convert(char)
            if len(other) == 1 and other != char:
                to_simplified.setdefault(other, char)
    return {
        "v": INDEX_VERSION,
        "t2s": "".join(k + v for k, v in sorted(to_simplified.items())),
        "pages": out_pages,
        "profiles": [pack_profile(profile[p["slug"]]) for p in out_pages],
        "signals": signals,
        "generic": [
            {
                "k": g.key,
                "r": g.pattern,
                "m": g.means,
                "g": g.weight,
                "a": 1 if g.key in ASKS else 0,
            }
            for g in GENERIC
        ],
        "cues": {
            "warn": WARNING_CUES,
            "ask": REQUEST_CUES,
            "keep": PROTECT_CUES,
            "official": OFFICIAL_CUES,
        },
        "levels": LEVELS,
        "mix": MIX,
        "verdicts": {level: {"title": t, "advice": a} for level, (t, a) in VERDICTS.items()},
    }


def index_script(index: dict) -> str:
    """The index as a script (a JSON file cannot be read from file:// pages)."""
    return (
        "window.fzCheckIndex="
        + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        + ";\n"
    )


class CheckerBlock(spec.StrictBlock):
    """
    The message checker: a text box, a 检查 button, and where the verdict appears.

    Arguments: none.

    Options: none.

    Content:
    What to show when JavaScript is off (Markdown), for instance a link to the keyword guide.
    """

    NAME = "checker"
    ARGUMENT = False
    OPTIONS: dict = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The widget; the block's own content becomes the note shown without JavaScript."""
        box = etree.SubElement(parent, "div", {"class": "fz-checker", "data-checker": ""})
        form = etree.SubElement(
            box, "form", {"class": "fz-checker__form", "data-check-form": "", "hidden": ""}
        )
        label = etree.SubElement(
            form, "label", {"for": "fz-check-input", "class": "fz-checker__label"}
        )
        label.text = AtomicString("把收到的消息粘贴到这里，或者用语音说一说发生了什么：")
        area = etree.SubElement(
            form,
            "textarea",
            {
                "id": "fz-check-input",
                "class": "fz-checker__input",
                "data-check-input": "",
                "rows": "6",
                "maxlength": "2000",
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "例如：您好，我是某某公安局民警，您的银行卡涉嫌洗钱，请配合资金核查……",
            },
        )
        area.text = AtomicString("")
        actions = etree.SubElement(form, "p", {"class": "fz-checker__actions"})
        button = etree.SubElement(
            actions,
            "button",
            {"type": "submit", "class": "md-button md-button--primary", "data-check-run": ""},
        )
        button.text = AtomicString("检查这条消息")
        clear = etree.SubElement(
            actions, "button", {"type": "button", "class": "md-button", "data-check-clear": ""}
        )
        clear.text = AtomicString("清空")
        privacy = etree.SubElement(form, "p", {"class": "fz-checker__privacy"})
        privacy.text = AtomicString(
            "您输入的文字只在这台手机或电脑上检查，不会发送到任何地方，也不会保存。"
        )
        etree.SubElement(
            box,
            "div",
            {"class": "fz-checker__result", "data-check-result": "", "aria-live": "polite"},
        )
        return etree.SubElement(
            box, "div", {"class": "fz-checker__fallback", "data-check-fallback": ""}
        )


# -- what each scam page sounds like --------------------------------------------------------

# A message rarely uses a page's exact phrases; it uses its vocabulary. Each scam page gets a
# profile of the two-character pieces of its text that set it apart from the other pages
# (weighted by how often it uses them and how few pages do), and a message is compared with
# every profile. The signals say what is alarming; the profiles say which scam it is.
PROFILE_SIZE = 120
PROFILE_TOTAL = 100.0
_HAN_OR_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]{2,}")


def pieces(text: str) -> list[str]:
    """The two-character pieces of the Chinese in a text, and its Latin words and numbers."""
    out = []
    for run in _HAN_OR_WORD.findall(normalise(text)):
        if run[0].isascii():
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def _page_text(page: ContentPage) -> Counter:
    counts: Counter = Counter()
    for _, line in readability.reader_text(page.body, page.body_line, []):
        counts.update(pieces(line))
    strong = [page.title, *page.aliases]
    for signal in page.meta.get("signals") or []:
        strong.extend(signal["words"])
    for text in strong:
        for piece in pieces(text):
            counts[piece] += 3
    return counts


def pack_profile(profile: dict[str, float]) -> list:
    """A profile, compactly: [the two-character pieces run together, their weights in tenths,
    {Latin word or number: weight in tenths}]."""
    chinese = [(p, w) for p, w in profile.items() if len(p) == 2 and not p.isascii()]
    latin = {p: round(w * 10) for p, w in profile.items() if (p, w) not in chinese}
    return ["".join(p for p, _ in chinese), [round(w * 10) for _, w in chinese], latin]


def profiles(pages: Iterable[ContentPage]) -> dict[str, dict[str, float]]:
    """Each scam page's :data:`PROFILE_SIZE` most telling pieces, weights summing to 100."""
    listed = sorted((p for p in pages if p.kind == "scam"), key=lambda p: p.src_uri)
    counts = {page.slug: _page_text(page) for page in listed}
    documents: Counter = Counter()
    for found in counts.values():
        documents.update(set(found))
    total = len(counts) or 1
    out = {}
    for slug, found in counts.items():
        weights = {
            piece: (1 + math.log(n)) * math.log(total / documents[piece])
            for piece, n in found.items()
            if documents[piece] < total
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_SIZE]
        scale = PROFILE_TOTAL / (sum(w for _, w in top) or 1)
        out[slug] = {piece: round(w * scale, 1) for piece, w in top}
    return out
