"""What a parent, a grandparent and a 班主任 meet first, on a 360 px phone, in Chromium.

Every page of the built site is opened at 360×740: it must not scroll sideways, the trust line
(who publishes it, free, collects nothing) and the title must both be on the first screen, and
no form label may wrap to more than two lines. 长辈模式 is checked the same way, with its toggle's
state and the size of every control a finger has to hit.
"""

import datetime as dt
import re

import pytest
from test_quiz_browser import finish_quiz

from conftest import open_page, wait_until
from fangzha.quiz import check_code
from util import build, copy_project, edit

PHONE = {"width": 360, "height": 740}

# Horizontal overflow, the trust line and title positions, labels taller than two lines.
LAYOUT = """() => {
  const doc = document.documentElement;
  const header = document.querySelector('.md-header');
  const trust = document.querySelector('[data-trust]');
  const title = document.querySelector('.md-content h1');
  const tall = [];
  document.querySelectorAll('.md-content label, .md-content legend').forEach(el => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
    if (el.matches('legend, .fz-option__label')) return;  // whole questions and answers wrap
    if (r.height > 2 * line + 4) tall.push(el.textContent.trim().slice(0, 20) + ' ' + Math.round(r.height) + 'px');
  });
  const wide = [];
  document.querySelectorAll('.md-content *').forEach(el => {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > doc.clientWidth + 1 && !el.closest('.md-typeset__scrollwrap, pre, .fz-slides'))
      wide.push(el.tagName + '.' + String(el.className).split(' ')[0] + ' ' + Math.round(r.right));
  });
  const bottom = el => el ? el.getBoundingClientRect().bottom + window.scrollY : null;
  return {
    scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5), tall,
    trust: bottom(trust), title: bottom(title),
    trustText: trust ? trust.textContent.replace(/\\s+/g, '') : '',
    brand: Array.from(document.querySelectorAll('.fz-brand > span')).map(s => {
      const r = s.getBoundingClientRect();
      const toggle = document.querySelector('[data-elder-toggle]');
      const clear = !toggle || !toggle.offsetWidth || r.right <= toggle.getBoundingClientRect().left + 1;
      return [s.textContent.trim(), s.scrollWidth <= s.clientWidth + 1 && clear];
    }),
  };
}"""


def site_pages(built_site):
    """Every page of the built site, as a path under the site root."""
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        rel = html.parent.relative_to(built_site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_every_page_fits_a_phone_with_trust_line_and_title_on_the_first_screen(
    browser, server, built_site, catalog, watch, elder
):
    pages = site_pages(built_site)
    assert len(pages) > 60
    if elder:
        # The same layout in 长辈模式 for one page of each kind and every index page: enough to
        # catch a rule that breaks a kind, at a third of the time of every page.
        kinds = {}
        for entry in catalog["pages"]:
            kinds.setdefault(entry["kind"], entry["url"])
        pages = [p for p in pages if p.count("/") <= 1] + sorted(kinds.values())
        pages += ["quizzes/xuesheng-rumen-worksheet/", "check/"]
    page = open_page(browser, watch, viewport=PHONE)
    page.goto(server.url)
    if elder:
        page.evaluate("localStorage.setItem('fangzha:elder', 'on')")
    problems = []
    for path in pages:
        page.goto(server.url + path)
        if page.locator(".fz-slide").count():
            continue  # a projected slide show, with the org on every slide; not a page to read
        found = page.evaluate(LAYOUT)
        where = f"/{path}"
        if found["scroll"] > found["client"] or found["wide"]:
            problems.append(f"{where}: scrolls sideways ({found['scroll']} px) {found['wide']}")
        if found["tall"]:
            problems.append(f"{where}: labels wrap to more than two lines: {found['tall']}")
        if found["trust"] is None or found["trust"] > PHONE["height"]:
            problems.append(f"{where}: trust line not on the first screen ({found['trust']})")
        elif "免费" not in found["trustText"] or "不收集个人信息" not in found["trustText"]:
            problems.append(f"{where}: trust line says {found['trustText']}")
        if found["title"] is None or found["title"] > PHONE["height"]:
            problems.append(f"{where}: title not on the first screen ({found['title']})")
        if not all(whole for _, whole in found["brand"]):
            problems.append(f"{where}: header name cut off: {found['brand']}")
    page.context.close()
    assert not problems, "\n".join(problems)
    watch.assert_clean()


def test_the_header_names_the_school_and_the_site_in_full(browser, server, watch):
    page = open_page(browser, watch, viewport=PHONE)
    page.goto(server.url + "scams/shuadan/")
    brand = page.locator(".fz-brand")
    assert brand.inner_text().split() == ["实验学校", "防诈课堂"]
    trust = page.locator("[data-trust]").inner_text()
    assert "示例市第一实验学校" in trust and "0000-00000000" in trust
    page.context.close()


def controls_smaller_than(page, selector: str, minimum: int) -> list[str]:
    return page.evaluate(
        """([selector, minimum]) => Array.from(document.querySelectorAll(selector))
          .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
              && getComputedStyle(el).visibility !== 'hidden'; })
          .filter(el => el.getBoundingClientRect().height < minimum - 0.5)
          .map(el => (el.getAttribute('aria-label') || el.textContent.trim() || el.className)
              .slice(0, 20) + ' ' + Math.round(el.getBoundingClientRect().height) + 'px')""",
        [selector, minimum],
    )


def test_elder_mode_shows_its_state_and_every_control_is_large(browser, server, watch):
    page = open_page(browser, watch, viewport=PHONE)
    page.goto(server.url + "quizzes/laonianren/")
    toggle = page.locator("[data-elder-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert toggle.inner_text().strip() == "长辈模式"
    # No title: Material would turn it into a tooltip that stays on the page after a tap.
    assert toggle.get_attribute("title") is None
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert toggle.inner_text().replace("\n", "").strip() == "长辈模式：开"
    assert page.locator(".md-tooltip2, .md-tooltip--active").count() == 0 or not any(
        t.is_visible() for t in page.locator(".md-tooltip2, .md-tooltip--active").all()
    )
    header = ".md-header button, .md-header label.md-header__button, .md-header a.md-header__button"
    quiz = ".fz-quiz button, .fz-quiz .fz-option__label, .fz-quiz summary, .fz-reading-tools button"
    assert controls_smaller_than(page, header, 60) == []
    assert controls_smaller_than(page, quiz, 60) == []
    # Search: the box, the close button and each result.
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").fill("安全账户")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    search = ".md-search__form label, .md-search__form button, .md-search__input, .md-search-result__link"
    assert controls_smaller_than(page, search, 60) == []
    # The state survives a new page, and turning it off says so.
    page.goto(server.url + "scams/shuadan/")
    toggle = page.locator("[data-elder-toggle]")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert "开" not in toggle.inner_text()
    page.context.close()
    watch.assert_clean()


def test_without_javascript_no_control_is_shown_that_does_nothing(browser, server, watch):
    page = open_page(browser, watch, viewport=PHONE, java_script_enabled=False)
    page.goto(server.url + "quizzes/xuesheng-rumen/")
    assert not page.locator("[data-elder-toggle]").is_visible()
    assert not page.locator("button[data-font-step]").first.is_visible()
    meta = page.locator(".fz-quiz__meta").inner_text()
    assert "立即显示" not in meta and "查看答案与解析" in meta
    # The answers are there to check by hand.
    page.locator(".fz-answer summary").first.click()
    assert page.locator(".fz-answer__key").first.is_visible()
    page.context.close()


def test_one_completion_card_in_full_view_and_forms_in_one_column(browser, server, catalog, watch):
    entry = next(p for p in catalog["pages"] if p["slug"] == "xuesheng-rumen")
    page = open_page(browser, watch, viewport=PHONE)
    page.goto(server.url + entry["url"])
    total = page.locator("[data-question]").count()
    finish_quiz(page, total)
    page.get_by_label("姓名（可不填）").fill("小明")
    page.locator("[data-quiz-card-make]").click()
    image = page.locator("[data-quiz-card-image]")
    wait_until(page, "!!document.querySelector('[data-quiz-card-image] img')")
    # One card to send: the image; the same card as text is not shown a second time.
    assert image.is_visible() and not page.locator("[data-quiz-card]").is_visible()
    assert "长按图片" in image.inner_text()
    box = image.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, "card starts under the sticky header"
    assert box["y"] < PHONE["height"]
    found = page.evaluate(LAYOUT)
    assert found["scroll"] <= found["client"] and not found["tall"], found
    # Labels sit above their fields, in one column.
    label = page.get_by_label("姓名（可不填）").evaluate(
        "i => [document.querySelector(`label[for='${i.id}']`).getBoundingClientRect().bottom,"
        " i.getBoundingClientRect().top]"
    )
    assert label[0] <= label[1] + 1
    page.context.close()
    watch.assert_clean()


# What a teacher types into the card check, and the words the answer must contain.
CARD_CHECKS = [
    ("{n}/{t}", "{code}", "✔ 相符"),
    ("{n}", "{lower}", "✔ 相符"),
    ("{wide}", "{code}", "✔ 相符"),
    ("{n}分", " {lower} ", "✔ 相符"),
    ("{m}/{t}", "{code}", "✘ 不相符"),
    ("{n}/99", "{code}", "斜线后面的数是 99"),
    ("十一", "{code}", "得分要写数字"),
    ("{n}", "AB12", "现在填了 4 位"),
    ("", "{code}", "请填写得分"),
]


def test_card_check_reads_what_a_teacher_types(browser, server, catalog, watch):
    entry = next(p for p in catalog["pages"] if p["slug"] == "xuesheng-rumen")
    page = open_page(browser, watch, viewport=PHONE)
    page.goto(server.url + "quizzes/")
    form = page.locator("[data-card-check]")
    form.locator("select").select_option(entry["quiz_id"])
    total = int(form.locator("select option:checked").get_attribute("data-total"))
    today = dt.date.today().isoformat()
    right = check_code(entry["quiz_id"], total - 1, total, today)
    values = {
        "n": str(total - 1),
        "m": str(total - 2),
        "t": str(total),
        "wide": "".join(chr(ord(c) + 0xFEE0) for c in str(total - 1)),
        "code": right,
        "lower": right.lower(),
    }
    form.get_by_label("卡片上的日期").fill(today)
    wrong = []
    for score, code, verdict in CARD_CHECKS:
        # No answer left over from the case before can pass for this one.
        form.locator("[data-card-check-result]").evaluate("e => { e.textContent = '' }")
        form.get_by_label("得分").fill(score.format(**values))
        form.get_by_label("校验码").fill(code.format(**values))
        form.get_by_role("button", name="核对").click()
        result = form.locator("[data-card-check-result]").inner_text()
        if verdict not in result:
            wrong.append(f"{score!r} {code!r}: {result}")
    assert not wrong, "\n".join(wrong)
    page.context.close()
    watch.assert_clean()


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<circle cx="5" cy="5" r="4" fill="#a61b1b"/></svg>'
)


def test_the_organisations_logo_and_colour_brand_every_page(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/assets/images").mkdir(parents=True, exist_ok=True)
    (project / "docs/assets/images/emblem.svg").write_text(LOGO, encoding="utf-8")
    edit(
        project / "mkdocs.yml",
        "    department: 德育处\n",
        '    department: 德育处\n    logo: assets/images/emblem.svg\n    color: "#a61b1b"\n',
    )
    result = build(project)
    assert result.returncode == 0, result.output
    for path in ("index.html", "scams/shuadan/index.html", "letters/jiazhang/index.html"):
        html = (result.site / path).read_text(encoding="utf-8")
        assert re.search(
            r'<img src="[./]*assets/images/emblem\.svg" alt="实验学校标志" class="fz-logo">', html
        ), path
        assert "--md-primary-fg-color:#a61b1b" in html, path
    # Posters and cards are handed out alone: each names its maker under the emblem.
    posters = result.site / "handouts/posters/index.html"
    logos = re.findall(
        r'<img src="([^"]+)" alt="" class="fz-piece__logo">', posters.read_text("utf-8")
    )
    assert logos and all((posters.parent / src).resolve().is_file() for src in logos), logos
    letter = (result.site / "letters/jiazhang/index.html").read_text(encoding="utf-8")
    assert re.search(r'class="fz-letterhead".*?emblem\.svg.*?示例市第一实验学校', letter, re.S)
    # A colour white text cannot be read on stops the build, naming the line.
    edit(project / "mkdocs.yml", 'color: "#a61b1b"', 'color: "#ffd54f"')
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert re.search(
        r"mkdocs\.yml:\d+: extra\.org\.color：写成了“#ffd54f”，白字写在这个颜色上对比度只有 1\.\d:1",
        result.output,
    ), result.output
