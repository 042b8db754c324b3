"""The content says what official sources say (README 「来源与复核」).

Each test pins a correction made against the 2025 handbook and the official texts it names:
the wrong sentence is gone and the right wording is there. They read the Markdown sources, so a
failure names the file to look at.
"""

import re

import pytest

from fangzha.model import CATEGORIES, OTHER_CATEGORY
from util import ROOT, source_library

DOCS = ROOT / "docs"


def text(path: str) -> str:
    return (DOCS / path).read_text(encoding="utf-8")


def all_pages() -> dict[str, str]:
    return {
        p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md")
    }


@pytest.fixture(scope="module")
def library():
    return source_library()[0]


def test_wanted_notices_are_described_as_they_are(library):
    # Police do publish wanted notices; what they never do is show *you* one by phone or video.
    for path, page in all_pages().items():
        assert not re.search(r"不会[^。；]{0,6}网上发[^。；]{0,4}通缉令", page), path
    for path in ("scams/gongjianfa.md", "quizzes/laonianren.md"):
        assert re.search(r"(电话|视频)[^。]{0,20}“通缉令”", text(path)), path


def test_the_eight_ifs_quote_the_fifth_officially():
    assert "凡是索要个人和银行卡信息及短信验证码的" in text("guides/koujue.md")


def test_the_official_mnemonics_are_quoted_exactly():
    koujue = text("guides/koujue.md")
    # 公安部刑侦局's 三不一多, and the 三不一要 as police and banks print it (不透露, not 不泄露).
    assert "陌生来电不轻信、未知链接不点击、个人信息不透露、转账汇款多核实" in koujue
    for path, page in all_pages().items():
        assert "不泄露、不转账" not in page, path


def test_the_app_checks_who_you_chat_with_by_its_real_name():
    pages = all_pages()
    assert [p for p, t in pages.items() if "身份核实" in t] == []
    assert "身份验真" in text("guides/gongju.md")


TOOLS = [
    "国家反诈中心",
    "96110",
    "12381",
    "移动电话卡",
    "互联网账号",
    "反诈名片",
    "一键查卡",
    "跨境提醒服务",
]


def test_the_tool_guide_has_a_section_for_each_of_the_eight_official_tools():
    headings = re.findall(r"^## (.+)$", text("guides/gongju.md"), re.M)
    for tool in TOOLS:
        assert [h for h in headings if tool in h], tool


VERIFIED_KEYWORDS = [
    "屏幕共享",
    "百万保障",
    "安全账户",
    "修复征信",
    "刷单做任务",
    "色情小卡片",
    "境外来电",
    "小众聊天软件",
    "内幕消息",
    "NFC盗刷",
    "积分清零",
    "快递引流",
    "虚拟货币",
    "电诈工具人",
    "帮信行为",
    "两卡",
]


def test_the_keyword_guide_lists_the_verified_handbook_keywords_and_says_what_is_missing():
    guide = text("guides/guanjianci.md")
    for keyword in VERIFIED_KEYWORDS:
        assert keyword in guide.replace(" ", ""), keyword
    assert "20" in guide or "二十" in guide


def test_article_31_is_cited_for_what_it_covers(library):
    bangxin = text("scams/bangxin.md")
    for phrase in ("第三十一条", "互联网账号", "实名核验", "信用记录", "非柜面"):
        assert phrase in bangxin, phrase
    for sentence in re.split(r"[。\n]", bangxin):
        if "第三十一条" in sentence:
            assert "身份证" not in sentence, sentence
    assert "三年以下有期徒刑" in bangxin
    assert "七年" not in bangxin


def test_96110_is_a_warning_line_not_an_emergency_number():
    for path, page in all_pages().items():
        assert "第一个小时" not in page, path
        assert not re.search(r"96110\s*报警|报警[^。，；]{0,4}96110", page), path
    assert "第一时间" in text("guides/zenmeban.md")


def test_second_scams_are_named_where_people_have_just_lost_money():
    for path in ("scams/gongjianfa.md", "guides/zenmeban.md"):
        assert "追回" in text(path), path


def test_nfc_skimming_is_taught_where_it_happens():
    for path in ("scams/jipiao.md", "scams/pingmu.md"):
        assert "NFC" in text(path), path


def test_quiz_answers_are_clearly_right_or_clearly_wrong():
    assert "从奖金里扣" not in text("quizzes/laonianren.md")
    # The primary quiz is not won by always answering 「告诉爸妈」.
    rumen = text("quizzes/xuesheng-rumen.md")
    answers = re.findall(r"^\s*- \[x\] (.+)$", rumen, re.M)
    assert len(answers) >= 10
    parents = [a for a in answers if re.search(r"告诉(爸妈|家长|大人|老师)", a)]
    assert len(parents) <= len(answers) // 3, parents


NEW_PAGES = [
    "scams/jingwai-zhaopin.md",
    "scams/gongjuren.md",
    "scams/junren-caigou.md",
    "scams/etc-jifen.md",
    "scams/jingwai-laidian.md",
    "scams/xuni-huobi.md",
    "letters/waichu-wugong.md",
    "guides/app-zhuce.md",
    "handouts/zhuanzhang-tishi.md",
    "handouts/kaihu-tishi.md",
]


def test_the_new_pages_exist_and_pass_the_checks(library):
    for path in NEW_PAGES:
        assert path in library.pages, path
    scams = library.of_kind("scam")
    assert len(scams) >= 29
    official = {c for c in CATEGORIES if c != OTHER_CATEGORY}
    assert official <= {p.meta["category"] for p in scams}
    for page in scams:
        assert page.meta["sources"], page.src_uri


def test_pages_for_younger_students_stay_clear_of_the_new_adult_topics(library):
    for path in ("scams/jingwai-zhaopin.md", "scams/xuni-huobi.md"):
        assert library.pages[path].meta.get("min_band") in ("senior", "university"), path
    assert library.pages["scams/gongjuren.md"].meta.get("min_band") in (
        "junior",
        "senior",
        "university",
    )
