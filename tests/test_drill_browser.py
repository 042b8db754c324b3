"""识骗演练 in a real Chromium: every path of every drill, every round answered 「诈骗」, the
typing delay, keyboard and screen-reader wiring, no JavaScript, file://, axe and A4 print."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest
from test_accessibility import axe_violations, turn_on_elder_mode
from test_print import flat, pdf_pages, print_pdf
from test_print_design import word_boxes

from conftest import Watch, open_page, wait_until
from fangzha import drill, spot
from util import source_library

pytestmark = pytest.mark.browser


def practice(kind):
    """(url, parsed block, options) of each drill or round, read from the sources."""
    library, _ = source_library()
    out = []
    for page in library.of_kind(kind):
        (block,) = [b for b in library.blocks[page.src_uri] if b.name == kind]
        parsed = drill.parse(block.body)[0] if kind == "drill" else spot.parse(block.body)[0]
        url = page.src_uri.removesuffix(".md") + "/"
        out.append((url, parsed, block.options))
    return out


DRILLS = practice("drill")
ROUNDS = practice("spot")
PLAYER = "[data-drill-player]"


def ready(page):
    wait_until(page, "!!document.querySelector('[data-drill][data-drill-ready]')")


def walk(page, path) -> None:
    """Click the choices of a path (from drill.Script.paths) up to its ending."""
    for step, choice in path[:-1]:
        page.locator(f"{PLAYER} [data-drill-choice]").nth(step.choices.index(choice)).click()


def test_every_path_of_every_drill_reaches_its_ending(browser, server):
    """Walk each start-to-ending path (generated from the source) by clicking the choices."""
    watch = Watch()
    page = open_page(
        browser, watch, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    walked = 0
    for url, script, options in DRILLS:
        page.goto(server.url + url)
        ready(page)
        assert page.locator("[data-drill]").get_attribute("data-drill-id") == options["id"]
        for path in script.paths():
            page.locator(f"{PLAYER} [data-drill-restart]").click()
            for step, choice in path[:-1]:
                buttons = page.locator(f"{PLAYER} [data-drill-choice]")
                assert buttons.all_inner_texts() == [c.label for c in step.choices], (
                    url,
                    step.name,
                )
                buttons.nth(step.choices.index(choice)).click()
            ending = path[-1][0]
            end = page.locator("[data-drill-end]")
            assert end.is_visible(), (url, ending.name)
            assert end.get_attribute("data-outcome") == ending.outcome, (url, ending.name)
            assert ending.name in end.locator(".fz-drill__end-title").inner_text()
            assert page.locator(f"{PLAYER} [data-drill-choice]").count() == 0
            # The timeline replays the path, with every red flag on it marked.
            flags = sum(
                len([s for s in drill.marks.parse(m.text)[0] if s.note])
                for s, _ in path
                for m in s.messages
            )
            assert end.locator("[data-drill-timeline] mark").count() == flags, (url, ending.name)
            walked += 1
        progress = page.locator("[data-drill-progress]").inner_text()
        assert f"{len(script.endings)}/{len(script.endings)} 个结局" in progress, url
    page.context.close()
    assert walked >= 4 * len(DRILLS)
    watch.assert_clean()


def test_messages_arrive_after_a_typing_pause_that_can_be_skipped(browser, server):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    url, script, _ = DRILLS[0]
    page.goto(server.url + url)
    ready(page)
    first = script.steps[0]
    target = script.step(first.choices[0].target)
    before = page.locator(".fz-bubble").count()
    page.locator(f"{PLAYER} [data-drill-choice]").first.click()
    # Right after the choice: the reader's own answer, the other side "typing", nothing more yet.
    assert page.locator(".fz-bubble").count() == before + 1
    assert page.locator(".fz-drill__typing").is_visible() or target.messages[0].kind == "narration"
    assert page.locator("[data-drill-skip]").is_visible()
    page.locator("[data-drill-skip]").click()
    assert page.locator(".fz-bubble").count() == before + 1 + len(target.messages)
    assert not page.locator("[data-drill-skip]").is_visible()

    # 长辈模式: no waiting at all.
    turn_on_elder_mode(page)
    page.locator(f"{PLAYER} [data-drill-restart]").click()
    start = page.locator(".fz-bubble").count()
    page.locator(f"{PLAYER} [data-drill-choice]").first.click()
    assert page.locator(".fz-bubble").count() == start + 1 + len(target.messages)
    page.context.close()
    watch.assert_clean()


def test_keyboard_alone_plays_a_drill_and_the_progress_stays_on_this_device(browser, server):
    watch = Watch()
    page = open_page(
        browser, watch, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    url, script, options = DRILLS[0]
    path = next(p for p in script.paths() if p[-1][0].outcome == "safe")
    page.goto(server.url + url)
    ready(page)
    log = page.locator(".fz-drill__thread")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    for step, choice in path[:-1]:
        buttons = page.locator(f"{PLAYER} [data-drill-choice]")
        buttons.nth(step.choices.index(choice)).focus()
        page.keyboard.press("Enter")
        # Focus moves to the next question (or the ending), never lost on <body>.
        assert page.evaluate("document.activeElement !== document.body")
    assert page.evaluate("document.activeElement.matches('.fz-drill__end-title')")
    assert page.locator("[data-drill-end]").get_attribute("data-outcome") == "safe"
    saved = json.loads(page.evaluate(f"localStorage.getItem('fangzha:drill:{options['id']}')"))
    assert len(saved["reached"]) == 1

    page.reload()
    ready(page)
    assert page.locator("[data-drill-end]").is_visible()
    assert f"1/{len(script.endings)} 个结局" in page.locator("[data-drill-progress]").inner_text()
    page.locator(f"{PLAYER} [data-drill-back]").click()
    assert not page.locator("[data-drill-end]").is_visible()
    assert page.locator(f"{PLAYER} [data-drill-choice]").count() == len(path[-2][0].choices)
    # The completion card counts the endings reached, with the code the teacher can check.
    page.locator(f"{PLAYER} [data-drill-choice]").nth(
        path[-2][0].choices.index(path[-2][1])
    ).click()
    page.locator("[data-drill-end] [data-quiz-card-make]").click()
    alt = page.locator("[data-drill-end] [data-quiz-card-image] img").get_attribute("alt")
    assert f"1/{len(script.endings)}" in alt
    # The teacher checks it where quiz cards are checked, the drill listed with its endings.
    code = re.search(r"校验码 ([0-9A-Z]{6})", alt).group(1)
    day = re.search(r"日期 (\d{4}-\d{2}-\d{2})", alt).group(1)
    page.goto(server.url + "quizzes/")
    form = page.locator("[data-card-check]")
    form.locator("select").select_option(options["id"])
    assert (
        f"（共 {len(script.endings)} 个结局）" in form.locator("select option:checked").inner_text()
    )
    form.get_by_label("得分").fill(f"1/{len(script.endings)}")
    form.get_by_label("卡片上的日期").fill(day)
    form.get_by_label("校验码").fill(code)
    form.get_by_role("button", name="核对").click()
    assert form.locator("[data-card-check-result]").inner_text().startswith("✔ 相符")
    page.context.close()
    watch.assert_clean()


def test_answering_every_message_as_a_scam_counts_the_genuine_ones_as_false_alarms(browser, server):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    for url, items, _ in ROUNDS:
        page.goto(server.url + url)
        wait_until(page, "!!document.querySelector('[data-spot][data-spot-ready]')")
        messages = page.locator("[data-spot-item]")
        assert messages.count() == len(items)
        for i in range(len(items)):
            item = messages.nth(i)
            mark = item.locator(".fz-spot__text mark").first
            plain = mark.evaluate("m => getComputedStyle(m).backgroundColor")
            item.locator("[data-spot-answer='fake']").click()
            # The reasons light up in the message itself, and the answer opens.
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != plain, url
            assert item.locator("details[data-spot-key]").get_attribute("open") is not None
            feedback = item.locator("[data-spot-feedback]").inner_text()
            assert ("误报" in feedback) == (items[i].truth == "real"), (url, i)
        genuine = sum(1 for i in items if i.truth == "real")
        result = page.locator("[data-spot-result]")
        assert result.is_visible()
        assert result.get_attribute("data-false-alarms") == str(genuine), url
        assert result.get_attribute("data-missed") == "0", url
        score = page.locator("[data-spot-score]").inner_text()
        assert score == f"{len(items) - genuine}/{len(items)}", url
        assert f"误报（把真消息当成诈骗）：{genuine} 条" in result.inner_text()
    page.context.close()
    watch.assert_clean()


def test_unsure_is_answered_with_how_to_check(page, server, watch):
    url, items, _ = ROUNDS[0]
    page.goto(server.url + url)
    wait_until(page, "!!document.querySelector('[data-spot][data-spot-ready]')")
    item = page.locator("[data-spot-item]").first
    item.locator("[data-spot-answer='unsure']").click()
    text = item.inner_text()
    assert "96110" in text or "核实" in text
    assert item.locator("[data-spot-answer='unsure']").get_attribute("aria-pressed") == "true"
    watch.assert_clean()


def test_without_javascript_a_drill_is_the_whole_script_and_a_round_keeps_its_answers_folded(
    browser, server
):
    watch = Watch()
    page = open_page(
        browser, watch, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    url, script, _ = DRILLS[0]
    page.goto(server.url + url)
    steps = page.locator("[data-drill-script] [data-step]")
    assert steps.count() == len(script.steps)
    for i in range(steps.count()):
        assert steps.nth(i).is_visible()
    assert page.locator("[data-drill-player]").count() == 0
    # A choice is a link to the scene it leads to.
    link = page.locator("[data-drill-script] a[data-goto]").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target

    url, items, _ = ROUNDS[0]
    page.goto(server.url + url)
    assert page.locator("[data-spot-item]").count() == len(items)
    assert not page.locator("[data-spot-answer]").first.is_visible()
    answers = page.locator("details[data-spot-key]")
    assert answers.count() == len(items)
    assert answers.first.get_attribute("open") is None
    answers.first.locator("summary").click()
    assert answers.first.locator(".fz-spot__verdict").is_visible()
    page.context.close()
    watch.assert_clean()


def test_a_drill_plays_from_a_usb_stick(browser, built_site):
    watch = Watch()
    page = open_page(
        browser, watch, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    url, script, _ = DRILLS[0]
    page.goto((built_site / url / "index.html").as_uri())
    ready(page)
    path = next(iter(script.paths()))
    walk(page, path)
    assert page.locator("[data-drill-end]").get_attribute("data-outcome") == path[-1][0].outcome
    page.context.close()
    watch.assert_clean()


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_axe_finds_nothing_serious_on_a_drill_and_a_round(browser, server, mode):
    watch = Watch()
    page = open_page(
        browser,
        watch,
        viewport={"width": 390, "height": 844},
        bypass_csp=True,
        reduced_motion="reduce",
    )
    url, script, _ = DRILLS[0]
    page.goto(server.url + url)
    ready(page)
    if mode == "elder":
        turn_on_elder_mode(page)
        page.reload()  # axe reads colours: not in the middle of the toggle's transition
        ready(page)
    found = {"start": axe_violations(page)}
    path = next(iter(script.paths()))
    walk(page, path)
    found["ending"] = axe_violations(page)
    page.goto(server.url + ROUNDS[0][0])
    wait_until(page, "!!document.querySelector('[data-spot][data-spot-ready]')")
    page.locator("[data-spot-item] [data-spot-answer='fake']").first.click()
    found["round"] = axe_violations(page)
    if mode == "elder":
        small = page.evaluate(
            "[...document.querySelectorAll('[data-spot-answer]')]"
            ".filter(b => b.getBoundingClientRect().height < 60).length"
        )
        assert small == 0
    page.context.close()
    assert {k: v for k, v in found.items() if v} == {}, json.dumps(
        found, ensure_ascii=False, indent=1
    )


def test_a_drill_prints_as_a_role_play_script_that_fits_a4(browser, server):
    url, script, options = max(DRILLS, key=lambda d: len(d[1].steps))
    data = print_pdf(browser, server.url + url)
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = flat("".join(pdf_pages(data)))
    for number, step in enumerate((s for s in script.steps if not s.ending), 1):
        assert flat(f"第{number}幕：{step.name}") in text
        for message in step.messages:
            assert flat(drill.marks.plain(message.text))[:12] in text, message.text
        assert "讨论" in text
    for i, ending in enumerate(script.endings, 1):
        assert flat(f"结局{i}") in text and flat(ending.name) in text
    assert flat(f"骗子（{options['other']}）") in text or "骗子" in text
    # Nothing cut off at the right edge or the bottom of a page; no player controls.
    pages, words = word_boxes(data)
    for page_no, _x0, _y0, x1, y1, word in words:
        width, height = pages[page_no]
        assert x1 <= width - 20 and y1 <= height - 10, (page_no, word)
    assert "从头再来" not in text and "跳过等待" not in text


def test_a_round_prints_as_a_worksheet_with_the_answer_key_last(browser, server):
    url, items, _ = ROUNDS[0]
    data = print_pdf(browser, server.url + url)
    pages = [flat(p) for p in pdf_pages(data)]
    key_at = next(i for i, p in enumerate(pages) if "答案（老师用）" in p)
    worksheet, key = "".join(pages[:key_at]), "".join(pages[key_at:])
    assert worksheet.count("□真消息□诈骗□拿不准") == len(items)
    assert "□" not in key
    # The reasons are on the teacher's pages only.
    for item in items:
        assert flat(item.why[0])[:15] not in worksheet, item.why[0]
        assert flat(item.why[0])[:15] in key, item.why[0]


def test_practice_for_the_elderly_says_nin(browser, server):
    """Pages for the elderly say 您: in the player's own words too, not only in the content."""
    watch = Watch()
    page = open_page(
        browser, watch, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    url, script, options = next(d for d in DRILLS if d[2].get("address") == "您")
    page.goto(server.url + url)
    ready(page)
    path = next(p for p in script.paths() if p[-1][0].outcome == "safe")
    walk(page, path)
    assert page.locator(".fz-drill__end-title").inner_text().split("：")[0].endswith("您守住了")
    moments = page.locator(".fz-drill__moment--me").all_inner_texts()
    assert moments and all(m.startswith("您选择：") for m in moments)
    url, items, _ = next(r for r in ROUNDS if r[2].get("address") == "您")
    page.goto(server.url + url)
    wait_until(page, "!!document.querySelector('[data-spot][data-spot-ready]')")
    genuine = next(i for i, item in enumerate(items) if item.truth == "real")
    message = page.locator("[data-spot-item]").nth(genuine)
    message.locator("[data-spot-answer='fake']").click()
    assert "您把它当成了诈骗" in message.locator("[data-spot-feedback]").inner_text()
    page.context.close()
    watch.assert_clean()
