"""The school kit in a real strict build: catalog entries, band pages and packs, the LED file, errors."""

import html as htmllib
import re

import pytest

from fangzha.bands import unsuitable_words
from fangzha.model import BANDS, LESSON_BANDS, SCRIPT_TYPES
from util import build, copy_project, edit, url_to_file


def entries(catalog, kind):
    return [p for p in catalog["pages"] if p["kind"] == kind]


def text_of(path):
    return path.read_text(encoding="utf-8")


def visible_text(html):
    """The words of a page a reader sees: no tags, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def test_catalog_lists_six_lessons_for_every_band_with_slides_that_exist(built_site, catalog):
    lessons = entries(catalog, "lesson")
    assert len(lessons) >= 6
    assert {lesson["band"] for lesson in lessons} == set(LESSON_BANDS)
    for lesson in lessons:
        assert lesson["minutes"] == (15 if lesson["band"] == "parents" else 40), lesson["slug"]
        slides = url_to_file(built_site, lesson["slides_url"])
        assert slides.is_file(), lesson["slides_url"]
        deck = text_of(slides)
        assert deck.count("data-slide") >= 5, lesson["slug"]
        assert "fz-slide--cover" in deck and "示例市第一实验学校" in deck


def test_scripts_say_their_type_and_reading_time_and_fit_their_planned_length(built_site, catalog):
    scripts = entries(catalog, "script")
    assert {s["script_type"] for s in scripts} == set(SCRIPT_TYPES)
    assert sum(s["script_type"] == "broadcast" for s in scripts) >= 5
    assert sum(s["script_type"] == "speech" for s in scripts) >= 3
    for script in scripts:
        assert 0 < script["seconds"] <= script["planned_seconds"], script["slug"]
        page = text_of(url_to_file(built_site, script["url"]))
        assert f'data-reading-seconds="{script["seconds"]}"' in page
        assert "朗读时长约" in page and "按每分钟" in page


def test_the_big_screen_is_listed_and_its_led_file_has_one_line_per_slogan(built_site, catalog):
    (screen,) = entries(catalog, "screen")
    page = text_of(url_to_file(built_site, screen["url"]))
    lines = [
        htmllib.unescape(t) for t in re.findall(r"<li data-screen-line=\"\">([^<]+)</li>", page)
    ]
    assert len(lines) == screen["lines"] >= 10
    raw = (built_site / screen["led_url"]).read_bytes()
    assert raw.decode("utf-8").split("\r\n") == [*lines, ""]
    assert "\ufeff" not in raw.decode("utf-8")
    assert 'href="../dapin.txt"' in page or 'href="dapin.txt"' in page


def test_the_students_page_asks_for_the_grade_and_each_band_has_a_page_and_a_pack(
    built_site, catalog
):
    students = text_of(url_to_file(built_site, catalog["audiences"]["students"]["url"]))
    for band, info in catalog["bands"].items():
        assert info["url"] and url_to_file(built_site, info["url"]).is_file(), band
        assert info["entry"] in students
        pack = catalog["print_packs"][band]
        assert url_to_file(built_site, pack).is_file()
    assert "students" not in catalog["print_packs"]


def test_primary_pages_and_packs_list_nothing_for_older_students(built_site, catalog):
    by_url = {p["url"]: p for p in catalog["pages"]}
    for band in ("primary_lower", "primary_upper"):
        for url in (catalog["bands"][band]["url"], catalog["print_packs"][band]):
            html = text_of(url_to_file(built_site, url))
            assert unsuitable_words(visible_text(html).split("本站不收取任何费用")[0]) == [], url
            for link in re.findall(r'href="([^"#?]+)"', html):
                target = re.sub(r"^(\.\./)+", "", link)
                entry = by_url.get(target)
                if entry and entry.get("min_band"):
                    assert list(BANDS).index(band) >= list(BANDS).index(entry["min_band"]), (
                        url,
                        link,
                    )


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def line_of(path, text):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_a_primary_lesson_linking_a_page_unsuitable_for_primary_stops_the_build(project):
    lesson = project / "docs/lessons/banhui-xiaoxue-4-6.md"
    edit(
        lesson,
        "- **联系家长**：",
        "- **延伸阅读**：[网络裸聊敲诈](../scams/luoliao.md)\n- **联系家长**：",
    )
    line = line_of(lesson, "../scams/luoliao.md")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert result.errors[:-1] == [
        f"docs/lessons/banhui-xiaoxue-4-6.md:{line}: 这一页适合小学 4–6 年级，却链接了 docs/scams/luoliao.md"
        "（min_band: senior，不适合高中/中职以下的学生） → 删掉这个链接、换成适合这个学段的页面，或从 bands 里去掉较小的学段",
        f"docs/lessons/banhui-xiaoxue-4-6.md:{line}: 这一页适合小学（bands 含 primary_upper），却出现了“裸聊”"
        "（色情和性） → 小学材料不讲色情、贷款、赌博和刑罚：删掉这句，或从 bands 里去掉小学的学段",
    ]
    assert result.errors[-1] == "生成已停止：docs/ 下的页面里有 2 个问题，已在上面逐条列出。"


def test_a_script_longer_than_planned_fails_the_strict_build_with_its_reading_time(project):
    script = project / "docs/scripts/guoqixia-xiaoxue.md"
    edit(script, "duration: 4分钟", "duration: 1分钟")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    warning = re.search(
        r"^WARNING\s+-\s+(docs/scripts/guoqixia-xiaoxue\.md: .*)$", result.output, re.M
    )
    assert warning, result.output
    assert re.fullmatch(
        r"docs/scripts/guoqixia-xiaoxue\.md: 朗读时长约 \d 分( \d+ 秒)?（\d+ 字，按每分钟 220 字计），"
        r"超过了 duration 写的 1 分钟 → 删减一些文字，或把 duration 改长",
        warning.group(1),
    ), warning.group(1)


def test_a_led_line_too_long_and_a_typo_in_a_receipt_option_stop_the_build(project):
    screen = project / "docs/handouts/dapin.md"
    edit(screen, "max_chars: 18", "max_chars: 10")
    letter = project / "docs/letters/jiazhang.md"
    edit(letter, "    checks: 已阅读本信", "    chekcs: 已阅读本信")
    option = line_of(letter, "chekcs")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert (
        f"docs/letters/jiazhang.md:{option}: /// receipt 没有“chekcs”这个选项（是不是想写 checks？） → 可用的选项：fields、checks"
        in result.errors
    )
    long_line = line_of(screen, "不轻信、不透露、不转账、要及时报案")
    assert (
        f"docs/handouts/dapin.md:{long_line}: “不轻信、不透露、不转账、要及时报案”有 17 个字，超过了 max_chars 设定的 10 个字 → "
        "缩短这一条，或把 max_chars 调大"
    ) in result.errors
