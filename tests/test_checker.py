"""这条消息可疑吗？ — the message checker: its signals, its index, and the page in Chromium."""

import gzip
import json
import subprocess

import pytest
import yaml
from test_accessibility import FAKE_SPEECH
from test_readability import SOURCES

from conftest import Watch, open_page, wait_until
from fangzha.checker import GENERIC, compile_index
from fangzha.library import load_library
from util import ROOT, source_library

SCAMS = yaml.safe_load((ROOT / "tests/data/check_scam_messages.yml").read_text(encoding="utf-8"))
GENUINE = yaml.safe_load(
    (ROOT / "tests/data/check_genuine_messages.yml").read_text(encoding="utf-8")
)
SCRIPT = ROOT / "overrides/assets/javascripts/check.js"


def test_the_message_sets_cover_every_scam_page():
    library, _ = source_library()
    slugs = {p.slug for p in library.of_kind("scam")}
    assert len(SCAMS) >= 80 and len(GENUINE) >= 40
    assert {m["scam"] for m in SCAMS} == slugs
    assert all(m["text"].strip() and m["note"].strip() for m in GENUINE)


def test_every_scam_page_declares_its_red_flag_phrases():
    library, _ = source_library()
    for page in library.of_kind("scam"):
        signals = page.meta.get("signals") or []
        assert len(signals) >= 6, page.src_uri
        assert all(s["means"] and s["words"] for s in signals), page.src_uri


def page_with(signals: str) -> str:
    return (
        "---\nkind: guide\ntitle: 指南\nsummary: 摘要。\naudiences: [residents]\n"
        f"reviewed: 2026-11-01\n{SOURCES}---\n正文。\n"
    ).replace("kind: guide", "kind: scam\ncategory: 其他常见类型\naliases: [甲, 乙]\n" + signals)


def test_a_phrase_too_short_or_repeated_is_named_at_its_line():
    signals = (
        "signals:\n"
        "  - words: [安全账户, 户]\n"
        "    means: 没有安全账户。\n"
        "  - words: [资金核查]\n"
        "    means: 不会核查。\n"
        "  - words: [安全账户]\n"
        "    means: 又写了一次。\n"
    )
    _, found = load_library([("scams/jia.md", page_with(signals))], context={})
    messages = [str(p) for p in found if "signals" in str(p)]
    assert messages == [
        "docs/scams/jia.md:6: signals 第 1 项的“户”只有一个字，会在很多正常消息里出现 → "
        "写两个字以上的说法，例如“验证码”“安全账户”",
        "docs/scams/jia.md:10: signals 第 3 项的“安全账户”和第 1 项重复 → 删掉一个",
    ]
    one = "signals:\n  - words: [安全账户]\n"
    _, found = load_library([("scams/jia.md", page_with(one))], context={})
    assert "docs/scams/jia.md:5: signals：写成了一个列表（1 项） → 至少写 3 项" in [
        str(p) for p in found
    ]
    three = (
        one
        + "  - words: [资金核查]\n    means: 不会核查。\n  - words: [涉嫌洗钱]\n    means: 吓人。\n"
    )
    _, found = load_library([("scams/jia.md", page_with(three))], context={})
    assert any(
        str(p).startswith("docs/scams/jia.md:6: signals[1].means：缺少这一项") for p in found
    )


def run_node(code: str) -> str:
    return subprocess.run(
        ["node", "-e", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def analyse_all(texts, index) -> list[dict]:
    """check.js's analyse() under Node, on the given texts."""
    code = (
        f"const {{analyse}} = require({json.dumps(str(SCRIPT))});"
        f"const index = {json.dumps(index, ensure_ascii=False)};"
        f"const texts = {json.dumps(texts, ensure_ascii=False)};"
        "console.log(JSON.stringify(texts.map(t => analyse(t, index))));"
    )
    return json.loads(run_node(code))


@pytest.fixture(scope="module")
def index():
    library, _ = source_library()
    return compile_index(library.pages.values(), lambda uri: uri)


def test_the_generic_patterns_are_valid_javascript():
    patterns = json.dumps([g.pattern for g in GENERIC])
    assert (
        run_node(f"{patterns}.forEach(p => new RegExp(p, 'g')); console.log('ok')").strip() == "ok"
    )


def test_a_code_asked_for_is_a_flag_a_code_received_is_not(index):
    asked, received, warned, scam, news = analyse_all(
        [
            "我是银行客服，把你收到的验证码告诉我，我帮你取消扣费。",
            "【示例银行】验证码382916，您正在进行网上支付。请勿泄露，工作人员不会向您索要。",
            "警方提醒：公安机关不会要求您把钱转到安全账户。",
            "我是市公安局民警，你涉嫌洗钱，马上把钱转到安全账户配合资金核查，不要告诉家人。",
            "据报道，一位老人被自称民警的人要求把存款转入“安全账户”，银行柜员及时报警。",
        ],
        index,
    )
    assert asked["level"] in ("high", "medium")
    assert asked["matches"][0]["slug"] in ("kefu", "pingmu")
    assert received["level"] == "low" and received["flags"] == []
    assert warned["level"] == "low"
    assert scam["level"] == "high" and scam["matches"][0]["slug"] == "gongjianfa"
    assert news["level"] != "high"


def test_the_verdict_never_says_a_message_is_safe(index):
    for level, verdict in index["verdicts"].items():
        assert "安全" not in verdict["title"]
        assert "96110" in verdict["advice"], level
    assert "不等于它一定安全" in index["verdicts"]["low"]["advice"]


def test_the_index_is_small_and_only_the_checker_loads_it(built_site, server, browser):
    script = (built_site / "assets/javascripts/check.js").read_bytes()
    data = (built_site / "assets/javascripts/check-index.js").read_bytes()
    size = len(gzip.compress(script, 6)) + len(gzip.compress(data, 6))
    print(f"checker: {size} bytes compressed")
    assert size <= 40 * 1024
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server.url + "scams/shuadan/", wait_until="networkidle")
    assert not [u for u in requested if "check.js" in u or "check-index" in u]
    # Every scam page points to the checker.
    assert page.locator(".fz-check-link a").get_attribute("href").endswith("check/")
    page.context.close()
    watch.assert_clean()


# -- in the browser ---------------------------------------------------------------------------


def check(page, text):
    """Paste a message into the checker and press its button: (level, [scam slugs])."""
    page.locator("[data-check-input]").fill(text)
    page.locator("[data-check-run]").click()
    wait_until(page, "!!document.querySelector('[data-check-verdict]')")
    level = page.locator("[data-check-verdict]").get_attribute("data-level")
    slugs = page.eval_on_selector_all(
        "[data-check-match]", "els => els.map(e => e.getAttribute('data-scam'))"
    )
    return level, slugs


@pytest.mark.browser
def test_real_messages_are_recognised_and_genuine_ones_are_not_condemned(page, server, watch):
    page.goto(server.url + "check/")
    wait_until(page, "!document.querySelector('[data-check-form]').hidden")
    first = flagged = 0
    misses = []
    for item in SCAMS:
        level, slugs = check(page, item["text"])
        first += slugs[:1] == [item["scam"]]
        flagged += level in ("high", "medium")
        if slugs[:1] != [item["scam"]] or level == "low":
            misses.append(f"{item['scam']}: {level} {slugs} ← {item['text'][:40]}")
    alarms = []
    for item in GENUINE:
        level, _ = check(page, item["text"])
        if level == "high":
            alarms.append(item["text"][:50])
    print(
        f"type first {first}/{len(SCAMS)}, flagged {flagged}/{len(SCAMS)}, "
        f"genuine high {len(alarms)}/{len(GENUINE)}\n" + "\n".join(misses)
    )
    assert first >= 0.85 * len(SCAMS)
    assert flagged >= 0.95 * len(SCAMS)
    assert len(alarms) <= 0.10 * len(GENUINE), alarms
    watch.assert_clean()


@pytest.mark.browser
def test_the_result_marks_the_phrases_and_links_the_scam_page(page, server, watch):
    page.goto(server.url + "check/")
    wait_until(page, "!document.querySelector('[data-check-form]').hidden")
    # Pasted from the long-press menu: no key, no click.
    page.locator("[data-check-input]").fill(
        "您好，我是公安局民警，您的银行卡涉嫌洗钱，请把钱转到安全账户配合资金核查，不要告诉家人。"
    )
    wait_until(page, "!!document.querySelector('[data-check-verdict]')", timeout=5)
    verdict = page.locator("[data-check-verdict]")
    assert verdict.get_attribute("data-level") == "high"
    assert "很像诈骗" in verdict.inner_text() and "96110" in verdict.inner_text()
    marks = page.locator("mark[data-check-flag]").all_inner_texts()
    assert "安全账户" in marks
    assert all(page.locator("mark[data-check-flag]").evaluate_all("els => els.map(e => !!e.title)"))
    match = page.locator("[data-check-match]").first
    assert match.get_attribute("data-scam") == "gongjianfa"
    match.locator("a").click()
    page.wait_for_url("**/scams/gongjianfa/")
    # Nothing of what was typed was kept.
    assert page.evaluate("JSON.stringify(localStorage)").find("安全账户") < 0
    watch.assert_clean()


@pytest.mark.browser
def test_a_long_search_offers_the_checker(page, server, watch):
    page.goto(server.url)
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").fill(
        "有人打电话说我的银行卡涉嫌洗钱让我转到安全账户"
    )
    link = page.locator("[data-search-check]")
    wait_until(page, "!!document.querySelector('[data-search-check]:not([hidden])')")
    link.click()
    page.wait_for_url("**/check/**")
    wait_until(page, "!!document.querySelector('[data-check-verdict]')")
    assert page.locator("[data-check-input]").input_value().startswith("有人打电话")
    assert "#" not in page.url  # the message does not stay in the address
    watch.assert_clean()


@pytest.mark.browser
def test_the_checker_works_offline_from_a_usb_stick(browser, offline_site):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.goto((offline_site / "check/index.html").as_uri())
    wait_until(page, "!document.querySelector('[data-check-form]').hidden")
    level, slugs = check(
        page, "00852开头的号码打来，说我的快递里有违禁品，要我配合调查转账到安全账户"
    )
    assert level == "high" and slugs
    page.locator("[data-check-match] a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    page.context.close()
    watch.assert_clean()


@pytest.mark.browser
def test_without_javascript_the_page_says_what_to_do(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(server.url + "check/")
    assert page.locator("[data-check-form]").is_hidden()
    fallback = page.locator("[data-check-fallback]")
    assert fallback.is_visible() and "JavaScript" in fallback.inner_text()
    assert fallback.locator("a").count() >= 1
    context.close()


@pytest.mark.browser
def test_elder_mode_reads_the_verdict_aloud_in_large_type(browser, server):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 360, "height": 740})
    page.add_init_script(FAKE_SPEECH)
    page.add_init_script("localStorage.setItem('fangzha:elder', 'on')")
    page.goto(server.url + "check/")
    wait_until(page, "!document.querySelector('[data-check-form]').hidden")
    size = page.locator("[data-check-input]").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 18
    check(page, "恭喜您中了一等奖，先交三千元保证金才能领奖，今天之内不交就作废。")
    assert page.locator("[data-check-run]").bounding_box()["height"] >= 60
    speak = page.locator("[data-check-speak]")
    assert speak.is_visible()
    speak.click()
    wait_until(page, "window.__spoken.length > 0")
    assert page.evaluate("window.__spoken[0]").startswith("很像诈骗")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    page.context.close()
    watch.assert_clean()
