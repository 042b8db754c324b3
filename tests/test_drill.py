"""识骗演练 without a browser: every mistake in a drill or a 真还是假 round, the rendered script,
catalog.json, and the content's own promises (ten drills, every ending kind, every audience)."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as etree

import markdown
import pytest

from fangzha import drill, spot
from fangzha.blockspec import BlockError
from fangzha.library import load_library
from util import ROOT, source_library

DRILL = textwrap.dedent(
    """\
    ---
    kind: drill
    title: 测试演练
    summary: 测试用的一段模拟对话。
    audiences: [residents]
    reviewed: 2026-11-30
    ---

    /// drill | 测试演练
        id: ceshi
        scam: ../scams/kefu.md

    ## 开始
    来电：您好，==我是客服|主动来电说是客服==。
    问：你会怎么做？
    - 挂断 → 挂断（安全）
    - 继续听 → 继续

    ## 继续
    来电：请==共享屏幕|共享屏幕就被看光了==。
    - 拒绝 → 拒绝（安全）
    - 同意 → 被骗了（被骗）

    ## 挂断（安全）
    复盘：做得对。

    ## 拒绝（安全）
    复盘：也对。

    ## 被骗了（被骗）
    旁白：钱没了。
    复盘：错过了红旗。
    ///
    """
)

SPOT = textwrap.dedent(
    """\
    ---
    kind: spot
    title: 测试真假
    summary: 测试用的一组消息。
    audiences: [residents]
    reviewed: 2026-11-30
    ---

    /// spot | 测试真假
        id: ceshi-zhenjia

    ## 短信 955XX（真）
    验证码 1234，==请勿泄露|真短信提醒你别告诉别人==。
    说明：这是真的。

    ## 短信 陌生号码（假）
    ==点链接退款|退款不用点链接==。
    说明：这是假的。
    核实：打开 App 自己查。

    ## 来电 0XXX-96110（真）
    ==请不要转账|96110 只劝阻，不要钱==。
    说明：这是真的。

    ## 微信 “老师”（假）
    ==扫码交 280 元|学校不让扫个人码==。
    说明：这是假的。
    ///
    """
)

# A scam page the drill may link to: only its front matter matters here.
SCAM = textwrap.dedent(
    """\
    ---
    kind: scam
    title: 客服诈骗
    summary: 摘要。
    audiences: [residents]
    category: 其他常见类型
    aliases: [甲, 乙]
    reviewed: 2026-01-01
    min_band: university
    sources: [{title: 手册, by: 公安部刑侦局, date: 2025-06}]
    ---
    """
)


def problems_of(text: str, where: str = "drills/t.md") -> list[str]:
    """What the build says about one page (beside a scam page it may link to)."""
    _, found = load_library([(where, text), ("scams/kefu.md", SCAM)], context={})
    return [str(p) for p in found if p.where == f"docs/{where}"]


def changed(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_examples_are_valid():
    assert problems_of(DRILL) == []
    assert problems_of(SPOT, "spot/t.md") == []


P = "docs/drills/t.md"
HOW = (
    "每一行以“对方：”“来电：”“付款单：”“通知：”“共享屏幕：”“链接：”“旁白：”“问：”或“复盘：”开头，"
    "选项写成“- 选项 → 步骤名”，新的一步写成“## 步骤名”"
)
DRILL_MISTAKES = {
    "a choice to a step that does not exist": (
        [("- 同意 → 被骗了（被骗）", "- 同意 → 被骗（被骗）")],
        [
            f"{P}:22: 选项“同意”要去的“被骗”不存在（是不是“被骗了”？） → 箭头后面写一个步骤名："
            "开始、继续、挂断、拒绝、被骗了"
        ],
    ),
    "a choice with no arrow": (
        [("- 挂断 → 挂断（安全）", "- 挂断")],
        [f"{P}:16: 选项“挂断”没有写去哪一步 → 写成“- 选项 → 步骤名”（箭头可以写 → 或 ->）"],
    ),
    "a choice back to its own step": (
        [("- 拒绝 → 拒绝（安全）", "- 拒绝 → 继续")],
        [f"{P}:21: 选项“拒绝”又回到了这一步自己 → 让它去别的一步"],
    ),
    "an ending without a debrief": (
        [("复盘：也对。", "旁白：好。")],
        [f"{P}:27: 结局“拒绝”缺少“复盘：” → 写一两句：这一步为什么安全（或为什么被骗），该怎么做"],
    ),
    "an ending with choices": (
        [("## 继续", "## 继续（安全）")],
        [
            f"{P}:19: 结局“继续”缺少“复盘：” → 写一两句：这一步为什么安全（或为什么被骗），该怎么做",
            f"{P}:21: 结局“继续”后面不能再有选项 → 删掉选项，或把它改成普通的一步",
        ],
    ),
    "a debrief outside an ending": (
        [("来电：您好", "复盘：您好")],
        [
            f"{P}:14: “复盘：”只写在结局里 → 把这一步的名字写成“## 名字（安全）”或“## 名字（被骗）”，"
            "或把复盘挪到结局"
        ],
    ),
    "a step with no message": (
        [("来电：请==共享屏幕|共享屏幕就被看光了==。", "问：还听吗？")],
        [f"{P}:19: “继续”这一步没有一句对话或旁白 → 至少写一行“对方：”或“旁白：”"],
    ),
    "a step with no choices that is not an ending": (
        [("- 拒绝 → 拒绝（安全）\n- 同意 → 被骗了（被骗）\n", "")],
        [
            f"{P}:19: “继续”这一步没有选项，也没有标成结局 → 加上“- 选项 → 步骤名”，"
            "或把名字写成“## 名字（安全）”/“## 名字（被骗）”"
        ],
    ),
    "a mistyped speaker": (
        [("来电：请", "对放：请")],
        [f"{P}:20: 读不懂“对放：请==共享屏幕|共享屏幕就被看光了”（是不是想写“对方：”？） → {HOW}"],
    ),
    "a marked phrase without its note": (
        [("==我是客服|主动来电说是客服==", "==我是客服==")],
        [
            f"{P}:14: 标出的“我是客服”后面缺少说明 → 写成“==我是客服|为什么要注意这句话==”，用竖线“|”隔开"
        ],
    ),
    "an unpaired mark": (
        [("==我是客服|主动来电说是客服==", "==我是客服")],
        [f"{P}:14: 这一行的“==”没有配对 → 标出的话写成“==短语|说明==”，前后各两个等号"],
    ),
    "an unreachable step": (
        [("- 挂断 → 挂断（安全）\n", "")],
        [
            f"{P}:23: “挂断”这一步没有任何选项通向它，读者永远走不到 → 从别的步骤加一个选项指向它，或删掉它"
        ],
    ),
    "a loop with no exit": (
        [
            (
                "- 拒绝 → 拒绝（安全）\n- 同意 → 被骗了（被骗）",
                "- 拒绝 → 再听\n- 同意 → 再听\n\n## 再听\n来电：还在吗？\n- 在 → 继续",
            )
        ],
        [
            f"{P}:19: 从“继续”出发怎么选都走不到结局，会一直绕圈 → 至少让一个选项通向结局",
            f"{P}:24: 从“再听”出发怎么选都走不到结局，会一直绕圈 → 至少让一个选项通向结局",
            f"{P}:31: “拒绝”这一步没有任何选项通向它，读者永远走不到 → 从别的步骤加一个选项指向它，或删掉它",
            f"{P}:34: “被骗了”这一步没有任何选项通向它，读者永远走不到 → 从别的步骤加一个选项指向它，或删掉它",
        ],
    ),
    "no safe ending": (
        [("## 挂断（安全）", "## 挂断（被骗）"), ("## 拒绝（安全）", "## 拒绝（被骗）")],
        [f"{P}:9: 模拟对话没有一个安全的结局 → 至少写一个“## 名字（安全）”，让读者知道怎样做才对"],
    ),
    "two steps with one name": (
        [
            ("## 拒绝（安全）", "## 挂断（安全）"),
            ("- 拒绝 → 拒绝（安全）", "- 拒绝 → 挂断（安全）"),
        ],
        [f"{P}:27: 步骤名“挂断”重复了 → 每一步的名字要不同，选项才知道去哪一步"],
    ),
    "text before the first step": (
        [("## 开始\n", "先说两句。\n## 开始\n")],
        [f"{P}:13: 第一步前面写了内容 → 先写“## 开始”（或别的步骤名），再写这一步的对话"],
    ),
    "a link to a missing page, written from the docs folder": (
        [("    scam: ../scams/kefu.md", "    scam: scams/kefu.md")],
        [
            f"{P}:11: scam: scams/kefu.md 找不到这个页面（从这一页出发要写成 ../scams/kefu.md） → "
            "写本站一个页面的相对链接，例如 ../scams/kefu.md"
        ],
    ),
    "a quiz link to a page that is not a quiz": (
        [("    scam: ../scams/kefu.md", "    scam: ../scams/kefu.md\n    quiz: ../scams/kefu.md")],
        [f"{P}:12: quiz: ../scams/kefu.md 不是测验页面 → quiz 要链接 kind: quiz 的页面"],
    ),
    "a link to a page too old for the drill's students": (
        [("audiences: [residents]", "audiences: [students]\nbands: [junior, senior]")],
        [
            f"{P}:12: 这个演练适合初中、高中/中职，scam 却链接了 docs/scams/kefu.md（min_band: university） → "
            "换成适合这个学段的页面"
        ],
    ),
    "no id": (
        [("    id: ceshi\n", "")],
        [
            f"{P}:9: /// drill 缺少 id → 在标题下面加一行“    id: 短名”，id 是小写英文字母、数字和减号组成的短名，"
            "例如 kefu-tuikuan（进度和回执卡的校验码靠它，写好后不要再改）"
        ],
    ),
    "an id in Chinese": (
        [("    id: ceshi", "    id: 测试")],
        [
            f"{P}:10: /// drill 的选项 id 写成了 “测试” → 应当写小写英文字母、数字和减号组成的短名，"
            "例如 kefu-tuikuan（进度和回执卡的校验码靠它，写好后不要再改）"
        ],
    ),
    "two drills on one page": (
        [
            (
                "///\n",
                "///\n\n/// drill | 第二个\n    id: ceshi-2\n\n## 开始\n来电：好\n- 好 → 完（安全）\n\n## 完（安全）\n复盘：好。\n///\n",
            )
        ],
        [f"{P}:35: 模拟对话页要有一个 /// drill 块，找到 2 个 → 一页写一个；多的另建一页"],
    ),
    "a drill for the elderly that says 你": (
        [("audiences: [residents]", "audiences: [elderly]")],
        [
            f"{P}:9: 这一页也写给老年人，/// drill 的按钮和提示要称呼“您” → 在标题下面加一行“    address: 您”",
            f"{P}:15: 这一页也写给老年人，称呼读者要用“您” → 把这一行的“你”改成“您”（“你们”改成“大家”）；"
            "引号里照录别人说的话可以不改",
        ],
    ),
    "a drill on a page of another kind": (
        [("kind: drill", "kind: quiz")],
        [f"{P}:9: /// drill 只能写在 kind: drill 的页面里 → 新建一个模拟对话页面，把它挪过去"],
    ),
}


@pytest.mark.parametrize("name", DRILL_MISTAKES)
def test_each_drill_mistake_is_named_at_its_line(name):
    pairs, expected = DRILL_MISTAKES[name]
    assert problems_of(changed(DRILL, *pairs)) == expected


S = "docs/spot/t.md"
SPOT_MISTAKES = {
    "no 真 or 假": (
        [("## 短信 955XX（真）", "## 短信 955XX")],
        [
            f"{S}:12: “## 短信 955XX”没有标真假 → 在最后加“（真）”或“（假）”，例如“## 短信 95XXX（真）”"
        ],
    ),
    "an unknown channel": (
        [("## 短信 陌生号码（假）", "## 电报 陌生号码（假）")],
        [
            f"{S}:16: “电报”不是一种渠道 → “##”后面先写渠道：短信、微信、QQ、群消息、来电、电话、邮件、通知，"
            "再写发送方，例如“## 短信 95XXX（真）”"
        ],
    ),
    "no 说明": (
        [("说明：这是真的。\n\n## 短信 陌生号码", "\n## 短信 陌生号码")],
        [f"{S}:12: 这条缺少“说明：” → 写一两句为什么它是真的（或假的）"],
    ),
    "nothing marked": (
        [("==请勿泄露|真短信提醒你别告诉别人==", "请勿泄露")],
        [
            f"{S}:12: 这条消息里没有标出说明它是真消息的地方 → 用“==话|为什么==”标出至少一处，答题后会高亮显示"
        ],
    ),
    "only one genuine message": (
        [("## 来电 0XXX-96110（真）", "## 来电 0XXX-96110（假）")],
        [
            f"{S}:9: 这一轮有 1 条真消息、3 条诈骗 → 真假都至少 2 条：练的是判断，不是把什么都当成诈骗"
        ],
    ),
    "too few messages": (
        [("## 微信 “老师”（假）\n==扫码交 280 元|学校不让扫个人码==。\n说明：这是假的。\n", "")],
        [
            f"{S}:9: 一轮有 3 条消息 → 写 4 到 20 条（10 到 15 条最合适）",
            f"{S}:9: 这一轮有 2 条真消息、1 条诈骗 → 真假都至少 2 条：练的是判断，不是把什么都当成诈骗",
        ],
    ),
    "the message after its 说明": (
        [("说明：这是假的。\n核实", "说明：这是假的。\n又一行原文\n核实")],
        [
            f"{S}:19: 说明后面又出现了消息原文 → 消息原文写在“说明：”前面；说明有几句就都写在“说明：”这一行"
        ],
    ),
    "说明 before the message": (
        [("验证码 1234，", "说明：先写说明\n验证码 1234，")],
        [f"{S}:13: “说明：”写在了消息前面 → 先写消息原文，再写说明"],
    ),
    "text before the first message": (
        [("## 短信 955XX（真）", "前言\n## 短信 955XX（真）")],
        [f"{S}:12: 第一条消息前面写了内容 → 每条消息以“## 渠道 发送方（真）”或“（假）”开头"],
    ),
    "no id": (
        [("    id: ceshi-zhenjia\n", "")],
        [f"{S}:9: /// spot 缺少 id → 在标题下面加一行“    id: 短名”（小写字母、数字和减号）"],
    ),
    "a round for the elderly that says 你": (
        [("audiences: [residents]", "audiences: [elderly]")],
        [
            f"{S}:9: 这一页也写给老年人，/// spot 的按钮和提示要称呼“您” → 在标题下面加一行“    address: 您”"
        ],
    ),
    "a round on a page of another kind": (
        [("kind: spot", "kind: quiz")],
        [f"{S}:9: /// spot 只能写在 kind: spot 的页面里 → 新建一个真还是假页面，把它挪过去"],
    ),
}


@pytest.mark.parametrize("name", SPOT_MISTAKES)
def test_each_round_mistake_is_named_at_its_line(name):
    pairs, expected = SPOT_MISTAKES[name]
    assert problems_of(changed(SPOT, *pairs), "spot/t.md") == expected


def test_two_practice_pages_may_not_share_an_id():
    other = changed(SPOT, ("    id: ceshi-zhenjia", "    id: ceshi"))
    _, found = load_library(
        [("drills/t.md", DRILL), ("spot/t.md", other), ("scams/kefu.md", SCAM)], context={}
    )
    assert [str(p) for p in found if p.where.startswith("docs/spot")] == [
        f"{S}:10: id“ceshi”已经用在 docs/drills/t.md → 换一个：id 相同会共用进度和回执卡校验码"
    ]


# -- the extension on its own: renders the whole script, refuses what it cannot play -----------


def render(text: str) -> etree.Element:
    body = text.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["fangzha.blocks"])
    return etree.fromstring(f"<div>{html}</div>")


def test_without_hooks_the_drill_is_the_full_script_with_every_branch():
    root = render(DRILL)
    drill_root = root.find(".//div[@data-drill]")
    assert drill_root.get("data-drill-id") == "ceshi"
    steps = drill_root.findall(".//section[@data-step]")
    assert [s.find("p[@role='heading']").get("data-name") for s in steps] == [
        "开始",
        "继续",
        "挂断",
        "拒绝",
        "被骗了",
    ]
    assert [s.get("data-outcome") for s in steps] == [None, None, "safe", "safe", "scammed"]
    # Every choice is a link to the step it leads to, so the script reads without JavaScript.
    links = [(a.text, a.get("href")) for a in drill_root.iter("a") if a.get("data-goto")]
    assert links == [
        ("挂断", "#ceshi-e1"),
        ("继续听", "#ceshi-s2"),
        ("拒绝", "#ceshi-e2"),
        ("同意", "#ceshi-e3"),
    ]
    assert {s.get("id") for s in steps} >= {"ceshi-e1", "ceshi-s2", "ceshi-e2", "ceshi-e3"}
    marks = [(m.text, m.get("data-flag")) for m in drill_root.iter("mark")]
    assert marks == [("我是客服", "主动来电说是客服"), ("共享屏幕", "共享屏幕就被看光了")]
    text = "".join(drill_root.itertext())
    assert "骗子［通话］：" in text and "讨论：" in text and "复盘" in text
    assert drill_root.find(".//a[@data-drill-link='scam']").get("href") == "../scams/kefu.md"


def test_without_hooks_a_broken_drill_stops_the_render():
    with pytest.raises(BlockError, match="选项“同意”要去的“被骗”不存在"):
        render(changed(DRILL, ("- 同意 → 被骗了（被骗）", "- 同意 → 被骗（被骗）")))
    with pytest.raises(BlockError, match="缺少 id"):
        render(changed(DRILL, ("    id: ceshi\n", "")))


def test_without_hooks_a_round_lists_each_message_with_its_answer_behind_a_disclosure():
    root = render(SPOT).find(".//div[@data-spot]")
    items = root.findall(".//li[@data-spot-item]")
    assert [i.get("data-truth") for i in items] == ["real", "fake", "real", "fake"]
    for item in items:
        assert [b.get("data-spot-answer") for b in item.iter("button")] == [
            "real",
            "fake",
            "unsure",
        ]
        answer = item.find("details")
        assert answer.find("summary").text == "看答案"
        assert answer.find("p").text in ("这是真消息", "这是诈骗")
    assert "怎么核实：打开 App 自己查。" in "".join(items[1].find("details").itertext())


# -- the site's drills and rounds ------------------------------------------------------------


@pytest.fixture(scope="module")
def library():
    return source_library()[0]


def practice(library, kind):
    out = []
    for page in library.of_kind(kind):
        (block,) = [b for b in library.blocks[page.src_uri] if b.name == kind]
        out.append((page, block))
    return out


def test_ten_drills_cover_the_scams_and_audiences_the_campaigns_need(library):
    drills = practice(library, "drill")
    assert len(drills) >= 10
    scams = {b.options["scam"].rsplit("/", 1)[-1] for _, b in drills}
    assert scams >= {
        "shuadan.md",
        "kefu.md",
        "gongjianfa.md",
        "youxi.md",
        "pifu.md",
        "laoshi.md",
        "hunlian.md",
        "qinyou.md",
        "daikuan.md",
        "lingdao.md",
        "yanglao.md",
    }
    audiences = {a for page, _ in drills for a in page.audiences}
    assert audiences >= {"students", "parents", "elderly", "finance"}
    assert any(page.bands and page.bands[0] == "primary_lower" for page, _ in drills)
    for page, block in drills:
        script, found = drill.parse(block.body)
        assert found == []
        outcomes = [s.outcome for s in script.endings]
        assert outcomes.count("safe") >= 2, page.src_uri
        assert outcomes.count("scammed") >= 2, page.src_uri
        assert block.options.get("quiz"), f"{page.src_uri}: a quiz to do afterwards"
        assert "students" not in page.audiences or page.bands, page.src_uri
        # Every ending is reachable on some path, and the paths stay few enough to walk.
        ends = {path[-1][0].name for path in script.paths()}
        assert ends == {s.name for s in script.endings}, page.src_uri
        assert len(list(script.paths())) <= 16, page.src_uri
    elderly = [page for page, _ in drills if "elderly" in page.audiences]
    assert elderly and any(
        m.kind == "call"
        for page in elderly
        for b in library.blocks[page.src_uri]
        if b.name == "drill"
        for s in drill.parse(b.body)[0].steps
        for m in s.messages
    ), "a drill for the elderly with a phone-call stage"


def test_rounds_for_each_audience_mix_genuine_and_fraudulent_messages(library):
    rounds = practice(library, "spot")
    covered = {a for page, _ in rounds for a in page.audiences}
    assert covered >= {"students", "parents", "elderly", "finance"}
    bands = {page.bands[0] for page, _ in rounds if page.bands}
    assert {"primary_lower", "junior", "university"} <= bands | {
        b for p, _ in rounds for b in p.bands
    }
    for page, block in rounds:
        items, found = spot.parse(block.body)
        assert found == []
        assert 10 <= len(items) <= 15, page.src_uri
        real = sum(1 for i in items if i.truth == "real")
        assert 4 <= real <= len(items) - 4, page.src_uri


def test_the_catalog_lists_every_drill_and_round(catalog, library):
    by_url = {p["url"]: p for p in catalog["pages"]}
    drills = [p for p in catalog["pages"] if p["kind"] == "drill"]
    rounds = [p for p in catalog["pages"] if p["kind"] == "spot"]
    assert len(drills) == len(library.of_kind("drill"))
    assert len(rounds) == len(library.of_kind("spot"))
    for page, block in practice(library, "drill"):
        script = drill.parse(block.body)[0]
        entry = next(p for p in drills if p["slug"] == page.slug)
        assert entry["drill_id"] == block.options["id"]
        assert entry["steps"] == len([s for s in script.steps if not s.ending])
        assert [(e["title"], e["outcome"]) for e in entry["endings"]] == [
            (s.name, s.outcome) for s in script.endings
        ]
    for page, block in practice(library, "spot"):
        items = spot.parse(block.body)[0]
        entry = next(p for p in rounds if p["slug"] == page.slug)
        assert entry["spot_id"] == block.options["id"]
        assert entry["items"] == len(items)
        assert entry["genuine"] == sum(1 for i in items if i.truth == "real")
    assert by_url  # the catalog is read as a site would


def test_the_teachers_card_check_knows_drills_and_rounds(built_site, library):
    html = (built_site / "quizzes/index.html").read_text(encoding="utf-8")
    for page, block in practice(library, "drill") + practice(library, "spot"):
        assert f'value="{block.options["id"]}"' in html, page.src_uri


def test_the_readme_documents_both_syntaxes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("/// drill", "/// spot", "==", "（安全）", "（被骗）", "（真）", "（假）"):
        assert needle in readme, needle
