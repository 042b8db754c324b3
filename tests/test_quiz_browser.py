"""Quizzes in a real Chromium: keyboard only, without JavaScript, hostile text, printing, the card."""

import datetime as dt
import io
import json

import pypdf
import pytest

from conftest import Server, Watch, open_page, wait_until
from fangzha.pdftext import normalize
from fangzha.quiz import check_code
from util import build, copy_project, url_to_file

pytestmark = pytest.mark.browser


def quizzes(catalog):
    return [p for p in catalog["pages"] if p["kind"] == "quiz"]


def quiz_ids(site):
    return [
        p["slug"] for p in quizzes(json.loads((site / "catalog.json").read_text(encoding="utf-8")))
    ]


def active(page, js):
    return page.evaluate(
        f"(() => {{ const a = document.activeElement; return !!(a && ({js})); }})()"
    )


def tab_until(page, js, limit=80):
    """Press Tab until the focused element satisfies ``js`` (about ``a``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, js):
            return
    raise AssertionError(f"Tab never reached an element where {js}")


def answer_by_keyboard(page, number, wanted, kind):
    """Select the options ``wanted`` of question ``number`` with the keyboard only."""
    in_question = f'a.closest("[data-question]") && a.closest("[data-question]").dataset.question === "{number}"'
    tab_until(page, f'a.tagName === "INPUT" && {in_question}')
    if kind == "multiple":
        index = 0
        while True:
            current = page.evaluate("document.activeElement.value")
            if int(current) in wanted:
                page.keyboard.press("Space")
            index += 1
            if index >= page.locator(f'[data-question="{number}"] input').count():
                break
            page.keyboard.press("Tab")
    else:
        target = wanted[0]
        if target == 0:
            page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")


def correct_options(page, number):
    options = page.locator(f'[data-question="{number}"] .fz-option')
    return [
        i
        for i in range(options.count())
        if options.nth(i).get_attribute("data-correct") is not None
    ]


def finish_quiz(page, total: int) -> None:
    """Answer every question right, by mouse, and hand the quiz in."""
    for number in range(1, total + 1):
        for index in correct_options(page, number):
            page.locator(f'[data-question="{number}"] label').nth(index).click()
        check = page.locator(f'[data-question="{number}"] [data-quiz-check]')
        if check.is_visible():
            check.click()
    if page.locator("[data-quiz-submit]").is_visible():
        page.locator("[data-quiz-submit]").click()


def test_every_quiz_can_be_completed_by_keyboard_only(browser, server, catalog, watch):
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    for entry in quizzes(catalog):
        page.goto(server.url + entry["url"])
        root = page.locator("[data-quiz]").first
        root.wait_for()
        each = root.get_attribute("data-feedback") == "each"
        total = entry["questions"]
        assert int(root.get_attribute("data-total")) == total
        # Answer every question right except the first, which gets a wrong option.
        for number in range(1, total + 1):
            kind = page.locator(f'[data-question="{number}"]').get_attribute("data-kind")
            right = correct_options(page, number)
            count = page.locator(f'[data-question="{number}"] input').count()
            wanted = (
                [next(i for i in range(count) if i not in right)]
                if number == 1 and kind != "multiple"
                else right
            )
            if number == 1 and kind == "multiple":
                wanted = [i for i in range(count) if i not in right] or right[:-1] or [0]
            answer_by_keyboard(page, number, wanted, kind)
            if each:
                tab_until(
                    page,
                    f'a.hasAttribute("data-quiz-check") && a.closest("[data-question]").dataset.question === "{number}"',
                )
                page.keyboard.press("Enter")
                feedback = page.locator(f'[data-question="{number}"] [data-quiz-feedback]')
                expected = "✔ 回答正确" if number > 1 else "✘ 回答错误"
                assert feedback.inner_text().startswith(expected), (entry["slug"], number)
        if not each:
            tab_until(page, 'a.hasAttribute("data-quiz-submit")')
            page.keyboard.press("Enter")
        score = page.locator("[data-quiz-score]")
        score.wait_for()
        assert score.inner_text() == f"{total - 1}/{total}", entry["slug"]
        assert page.locator(".fz-result__review a").first.inner_text() == "第 1 题"
        # The result is announced to screen readers through the live region.
        wait_until(page, "document.querySelector('[data-quiz-live]').textContent.includes('得分')")
    page.context.close()
    watch.assert_clean()


def test_without_javascript_every_question_and_answer_is_readable(browser, server, catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for entry in quizzes(catalog):
        page.goto(server.url + entry["url"])
        questions = page.locator("[data-question]")
        assert questions.count() == entry["questions"]
        for i in range(questions.count()):
            question = questions.nth(i)
            assert question.locator(".fz-question__text").first.is_visible()
            assert question.locator(".fz-option__text").count() >= 2
            answer = question.locator("[data-answer]")
            assert answer.evaluate("d => d.tagName === 'DETAILS' && !d.open")  # collapsed
            assert answer.locator("summary").is_visible()
            answer.locator("summary").click()
            assert answer.locator(".fz-answer__key").inner_text().startswith("正确答案：")
            assert answer.locator(".fz-answer__why").first.inner_text().strip()
        assert page.locator("[data-quiz-submit]").is_hidden()
    context.close()


HOSTILE = """---
kind: quiz
title: 注入测试
summary: 含有脚本标签的测验。
audiences: [students]
bands: [junior]
reviewed: 2026-01-01
---

/// quiz | 标题 <script>alert('title')</script>
    id: hostile
    feedback: each

1. 题干 <script>alert('question')</script> 与 </script> 都应原样显示
    - [ ] <script>alert('option')</script>
    - [x] 正确 </script><img src=x onerror="alert('img')">

    解析：<script>alert('why')</script>
///
"""


def test_script_tags_in_a_quiz_show_as_text_and_never_run(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/quizzes/hostile.md").write_text(HOSTILE, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    server = Server(result.site)
    watch = Watch()
    page = open_page(browser, watch)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for url in ("quizzes/hostile/", "quizzes/hostile-worksheet/", "quizzes/hostile-answers/"):
            page.goto(server.url + url)
            text = page.locator("[data-quiz]").inner_text()
            assert "<script>alert('question')</script>" in text
            assert "</script>" in text and "<script>alert('option')</script>" in text
            assert page.locator("[data-quiz] script, [data-quiz] img").count() == 0
        page.goto(server.url + "quizzes/hostile/")
        page.locator('[data-question="1"] label').nth(1).click()
        page.locator("[data-quiz-check]").click()
        assert "<script>alert('why')</script>" in page.locator("[data-answer]").inner_text()
        page.wait_for_timeout(300)
        assert dialogs == []
        watch.assert_clean()
    finally:
        page.context.close()
        server.close()


def pdf_text(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # Material opens <details> here
    data = page.pdf(format="A4", print_background=False)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return normalize("".join(p.extract_text() for p in reader.pages)), len(reader.pages)


def test_worksheets_print_without_answers_and_answer_keys_with_all(
    browser, server, catalog, built_site
):
    context = browser.new_context()
    page = context.new_page()
    for entry in quizzes(catalog):
        page.goto(server.url + entry["answers_url"])
        explanations = page.locator(".fz-answer__why").all_inner_texts()
        keys = page.locator(".fz-answer__key").all_inner_texts()
        assert len(keys) == entry["questions"]
        answers_pdf, _ = pdf_text(page, server.url + entry["answers_url"])
        flat = answers_pdf.replace("\n", "").replace(" ", "")
        for text in explanations + keys:
            assert text.replace(" ", "")[:30] in flat, (entry["slug"], text)
        for url in (entry["worksheet_url"], entry["url"]):
            sheet, pages = pdf_text(page, server.url + url)
            flat_sheet = sheet.replace("\n", "").replace(" ", "")
            assert "正确答案：" not in flat_sheet, (entry["slug"], url)
            for text in explanations:
                assert text.replace(" ", "")[:30] not in flat_sheet, (entry["slug"], url, text)
            assert f"第{entry['questions']}题" in flat_sheet
            assert pages >= 1
    context.close()


def test_completion_card_shows_score_date_org_and_check_code(page, server, catalog, watch):
    entry = quizzes(catalog)[0]
    page.goto(server.url + entry["url"])
    total = entry["questions"]
    finish_quiz(page, total)
    assert page.locator("[data-quiz-score]").inner_text() == f"{total}/{total}"
    page.get_by_label("姓名（可不填）").fill("小明")
    page.get_by_label("班级（可不填）").fill("三年级二班")
    page.locator("[data-quiz-card-make]").click()
    card = page.locator("[data-quiz-card]")
    text = card.inner_text()
    day = dt.date.today().isoformat()
    assert entry["title"] in text and f"{total}/{total}" in text and day in text
    assert "示例市第一实验学校" in text and "小明" in text and "三年级二班" in text
    assert "没有上传任何信息" in text
    assert card.locator("[data-quiz-code]").inner_text() == check_code(
        entry["quiz_id"], total, total, day
    )
    image = page.locator(".fz-card-image img")
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert image.evaluate("img => img.naturalWidth") > 500
    # Name and class stay on the card only: nothing about them is stored on the device.
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "小明" not in stored and "三年级二班" not in stored
    # The teacher checks the card on the quizzes page, on their own device.
    code = card.locator("[data-quiz-code]").inner_text()
    page.goto(server.url + "quizzes/")
    form = page.locator("[data-card-check]")
    form.locator("select").select_option(entry["quiz_id"])
    form.get_by_label("得分").fill(str(total))
    form.get_by_label("卡片上的日期").fill(day)
    form.get_by_label("校验码").fill(code.lower())
    form.get_by_role("button", name="核对").click()
    assert form.locator("[data-card-check-result]").inner_text().startswith("✔ 相符")
    form.get_by_label("得分").fill(str(total - 1))
    form.get_by_role("button", name="核对").click()
    assert form.locator("[data-card-check-result]").inner_text().startswith("✘ 不相符")
    page.go_back()
    page.goto(server.url + entry["url"])
    # Retry clears the answers, the result and the stored progress.
    page.get_by_role("button", name="再做一遍").click()
    assert page.locator("[data-quiz-result]").is_hidden()
    assert page.locator("[data-quiz] input:checked").count() == 0
    assert page.locator("[data-quiz] input:disabled").count() == 0
    assert page.evaluate(f"localStorage.getItem('fangzha:quiz:{entry['quiz_id']}')") is None
    watch.assert_clean()


def test_progress_stays_on_the_device_across_reloads(page, server, catalog, watch):
    entry = quizzes(catalog)[-1]
    page.goto(server.url + entry["url"])
    page.locator('[data-question="1"] label').first.click()
    page.locator('[data-question="2"] label').nth(1).click()
    page.reload()
    assert page.locator('[data-question="1"] input').first.is_checked()
    assert page.locator('[data-question="2"] input').nth(1).is_checked()
    assert page.evaluate(f"!!localStorage.getItem('fangzha:quiz:{entry['quiz_id']}')")
    watch.assert_clean()


@pytest.mark.parametrize(
    "stored",
    [
        "not json at all",
        '"a string"',
        "[1, 2, 3]",
        '{"answers": "x", "done": [1], "finished": "yes"}',
        '{"answers": {"1": [99, -1, "a"], "2": [0]}, "done": {"1": true}, "finished": true, "day": 5}',
    ],
)
def test_a_quiz_works_whatever_an_older_version_left_in_storage(
    page, server, catalog, watch, stored
):
    entry = quizzes(catalog)[-1]
    page.goto(server.url + "quizzes/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"fangzha:quiz:{entry['quiz_id']}", stored],
    )
    page.goto(server.url + entry["url"])
    page.locator("[data-quiz][data-quiz-mounted]").wait_for()
    first = page.locator('[data-question="1"] input').first
    assert not first.is_checked()  # nothing from the broken record reached the page
    page.locator('[data-question="1"] label').first.click()
    assert first.is_checked()
    # It was not marked finished: the hand-in button is there and the result is not.
    assert page.locator("[data-quiz-result]").is_hidden()
    watch.assert_clean()


def test_quiz_mounts_after_instant_navigation(page, server, catalog, watch):
    page.goto(server.url + "quizzes/")
    first = quizzes(catalog)[0]
    page.locator("article .fz-cards").get_by_role("link", name=first["title"]).click()
    page.wait_for_url("**/" + first["url"])
    page.locator("[data-quiz][data-quiz-mounted]").wait_for()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no full reload
    watch.assert_clean()


def test_quiz_pages_link_their_printable_pages(built_site, catalog):
    for entry in quizzes(catalog):
        html = url_to_file(built_site, entry["url"]).read_text(encoding="utf-8")
        assert "打印练习纸（不含答案）" in html and "答案与解析" in html
