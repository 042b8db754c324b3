"""长辈模式 and accessibility: large, calm, keyboard-operable, and clean under axe-core."""

import json

import pytest
from test_quiz_browser import answer_by_keyboard, correct_options, tab_until

from conftest import Watch, open_page, wait_until
from util import ROOT

pytestmark = pytest.mark.browser

AXE = (ROOT / "tests/vendor/axe-core/axe.min.js").read_text(encoding="utf-8")
PAGES = {
    "home": "",
    "scam": "scams/shuadan/",
    "quiz": "quizzes/jiazhang/",
    "letter": "letters/jiazhang/",
    "handout": "handouts/posters/",
    "guide": "guides/koujue/",
    "audience": "audiences/elderly/",
    "worksheet": "quizzes/jiazhang-worksheet/",
    "pack": "print/parents/",
    "lesson": "lessons/banhui-xiaoxue-4-6/",
    "slides": "lessons/banhui-xiaoxue-4-6-slides/",
    "script": "scripts/guangbo-1/",
    "screen": "handouts/dapin/",
    "band": "audiences/students/xiaoxue-1-3/",
    "band pack": "print/primary-upper/",
    "sheet": "handouts/qianming/",
}
TARGETS = (
    "button:not([hidden]), .md-header__button, [data-elder-toggle], .fz-option__label, "
    ".fz-cards a, .fz-entries a, .md-typeset .md-button"
)


def axe_violations(page):
    """Run the vendored axe-core (no CDN) on the page; return serious and critical violations."""
    page.add_script_tag(content=AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def turn_on_elder_mode(page):
    page.locator("[data-elder-toggle]").click()
    wait_until(page, "document.documentElement.getAttribute('data-elder') === 'on'")


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_axe_finds_no_serious_or_critical_violation(browser, server, mode):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844}, bypass_csp=True)
    page.goto(server.url)
    if mode == "elder":
        turn_on_elder_mode(page)
    found = {}
    for kind, url in PAGES.items():
        page.goto(server.url + url, wait_until="networkidle")
        violations = axe_violations(page)
        if violations:
            found[kind] = violations
    page.context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_elder_mode_is_remembered_and_makes_text_and_targets_large(browser, server):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.goto(server.url + "scams/shuadan/")
    assert page.locator("html").get_attribute("data-elder") is None
    turn_on_elder_mode(page)
    assert page.locator("[data-elder-toggle]").get_attribute("aria-pressed") == "true"
    for url in ("scams/shuadan/", "quizzes/laonianren/", "letters/laonian/"):
        page.goto(server.url + url)
        page.reload()
        assert page.locator("html").get_attribute("data-elder") == "on", url
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
        )
        assert size >= 20, (url, size)
        line = page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('article p')); return parseFloat(s.lineHeight) / parseFloat(s.fontSize) })()"
        )
        assert line >= 1.5, (url, line)
        small = page.evaluate(
            f"""[...document.querySelectorAll({json.dumps(TARGETS)})]
                .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden'
                        && getComputedStyle(e).opacity !== '0' && !e.closest('.md-search'))
                .map(e => [e.className || e.tagName, e.textContent.trim().slice(0, 12), e.getBoundingClientRect().height])
                .filter(([, , h]) => h > 0 && h < 60)"""
        )
        assert small == [], (url, small)
        # One calm column: no table of contents beside the text.
        assert page.locator(".md-sidebar--secondary").is_hidden()
    # Contrast: text is black on white, 21:1.
    color = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
    assert color == "rgb(0, 0, 0)"
    page.locator("[data-elder-toggle]").click()
    page.reload()
    assert page.locator("html").get_attribute("data-elder") is None
    page.context.close()
    watch.assert_clean()


def test_font_size_steps_persist_independently_of_the_mode(page, server, watch):
    page.goto(server.url + "scams/shuadan/")
    base = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    )
    page.get_by_role("button", name="字号大一些").click()
    page.reload()
    assert page.locator("html").get_attribute("data-font-step") == "1"
    larger = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    )
    assert larger > base * 1.1
    assert page.get_by_role("button", name="字号大一些").get_attribute("aria-pressed") == "true"
    turn_on_elder_mode(page)
    elder = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    )
    assert elder >= 20 * 1.15 - 0.5
    page.get_by_role("button", name="标准字号").click()
    page.reload()
    assert page.locator("html").get_attribute("data-font-step") is None
    assert page.locator("html").get_attribute("data-elder") == "on"
    watch.assert_clean()


def test_keyboard_alone_toggles_the_mode_and_completes_a_quiz(page, server, watch):
    page.goto(server.url + "quizzes/laonianren/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-elder-toggle')"):
            break
    page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("data-elder") == "on"
    total = int(page.locator("[data-quiz]").get_attribute("data-total"))
    for number in range(1, total + 1):
        kind = page.locator(f'[data-question="{number}"]').get_attribute("data-kind")
        answer_by_keyboard(page, number, correct_options(page, number), kind)
        tab_until(
            page,
            f'a.hasAttribute("data-quiz-check") && a.closest("[data-question]").dataset.question === "{number}"',
        )
        page.keyboard.press("Enter")
    assert page.locator("[data-quiz-score]").inner_text() == f"{total}/{total}"
    watch.assert_clean()


FAKE_SPEECH = """
(() => {
  window.__spoken = [];
  const voices = [{ lang: 'zh-CN', name: '测试语音', default: true }];
  const synth = {
    speaking: false, paused: false,
    getVoices: () => voices,
    speak(u) { window.__spoken.push(u.text); setTimeout(() => { u.onstart && u.onstart(); setTimeout(() => { if (!synth.paused && !synth.cancelled) u.onend && u.onend(); }, 40); }, 10); },
    pause() { synth.paused = true; }, resume() { synth.paused = false; },
    cancel() { synth.cancelled = true; setTimeout(() => synth.cancelled = false, 0); },
    addEventListener() {},
    onvoiceschanged: null,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_read_aloud_reads_sentences_with_highlight_and_can_pause_and_stop(browser, server):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.add_init_script(FAKE_SPEECH)
    page.goto(server.url + "scams/shuadan/")
    start = page.locator("[data-read-start]")
    assert start.is_visible()
    start.click()
    wait_until(page, "window.__spoken.length >= 3")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0].startswith("刷单返利诈骗") and spoken[1].startswith("一句话识别")
    assert all("\\u200b" not in s for s in spoken)
    wait_until(page, "CSS.highlights.has('fz-reading')")
    page.locator("[data-read-pause]").click()
    assert page.locator("[data-read-pause]").inner_text() == "继续"
    count = page.evaluate("window.__spoken.length")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__spoken.length") == count  # paused: nothing more is read
    page.locator("[data-read-stop]").click()
    assert start.is_visible() and not page.evaluate("CSS.highlights.has('fz-reading')")
    page.context.close()
    watch.assert_clean()


def test_read_aloud_stays_hidden_without_a_chinese_voice(page, server):
    page.goto(server.url + "scams/shuadan/")
    assert (
        page.evaluate("speechSynthesis.getVoices().filter(v => v.lang.startsWith('zh')).length")
        == 0
    )
    assert page.locator("[data-read-aloud]").is_hidden()


def test_reduced_motion_is_respected(browser, server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(server.url + "scams/shuadan/")
    duration = page.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).transitionDuration"
    )
    assert all(float(d.rstrip("s")) <= 0.0001 for d in duration.split(","))
    context.close()
