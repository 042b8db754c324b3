"""主题班会 plans (``kind: lesson``): their shape, their timing, and their 上课 (slides) page.

A lesson page has the sections of :data:`fangzha.model.LESSON_SECTIONS`. Under 教学过程, each
step is a ``###`` heading that ends with its time — ``### 三、讨论（8 分钟）`` — and the steps
add up to the lesson's ``duration``. Slides are ``/// slide`` blocks inside the plan; a
``/// record`` block is the 班会记录表 the school keeps on file.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping

from .blockspec import FoundBlock
from .model import BANDS, LESSON_BANDS, ContentPage
from .problems import Problem
from .slides import deck_markdown, limit_problem, raw_items

_STEP_TIME = re.compile(r"[（(]\s*(\d+)\s*分钟\s*[）)]\s*$")
MIN_STEPS = 3
MIN_SLIDES = 3
PROCESS = "教学过程"


def slides_uri(src_uri: str) -> str:
    """``lessons/chuzhong.md`` → ``lessons/chuzhong-slides.md`` (same folder, so links work)."""
    stem, ext = posixpath.splitext(src_uri)
    return f"{stem}-slides{ext}"


def subtitle(page: ContentPage) -> str:
    """主题班会 · 小学 1–3 年级 (or 家长会)."""
    band = page.meta["band"]
    if band in BANDS:
        return f"主题班会 · {BANDS[band]}"
    return LESSON_BANDS[band]


def steps(page: ContentPage) -> list[tuple[int, str, int | None]]:
    """(line, heading, minutes or None) of each ``###`` step under 教学过程."""
    out, inside = [], False
    for line, level, text in page.headings:
        if level == 2:
            inside = text == PROCESS
            continue
        if inside and level == 3:
            found = _STEP_TIME.search(text)
            out.append((line, text, int(found.group(1)) if found else None))
    return out


def problems(page: ContentPage, blocks: list[FoundBlock], where: str) -> list[Problem]:
    """Check a lesson's timed steps, slides, quiz and record sheet."""
    found: list[Problem] = []
    minutes = page.meta["duration"] // 60
    timed = steps(page)
    section_line = next((ln for ln, lvl, t in page.headings if lvl == 2 and t == PROCESS), None)
    if section_line is not None and len(timed) < MIN_STEPS:
        found.append(
            Problem(
                where,
                section_line,
                f"“## {PROCESS}”下面只有 {len(timed)} 个步骤 → 每一步写成三级标题并写明用时，"
                "例如“### 一、导入（5 分钟）”，至少写 3 步",
            )
        )
    for line, text, step_minutes in timed:
        if step_minutes is None:
            found.append(
                Problem(
                    where,
                    line,
                    f"步骤“{text}”没有写用时 → 在标题末尾写上用时，例如“（5 分钟）”",
                )
            )
    total = sum(m for _, _, m in timed if m is not None)
    if timed and all(m is not None for _, _, m in timed) and total != minutes:
        found.append(
            Problem(
                where,
                section_line,
                f"各步骤用时加起来是 {total} 分钟，和 duration 写的 {minutes} 分钟对不上 → "
                "调整步骤用时，或改 duration",
            )
        )
    slides = [b for b in blocks if b.name == "slide"]
    if len(slides) < MIN_SLIDES:
        found.append(
            Problem(
                where,
                None,
                f"这节课只有 {len(slides)} 张幻灯片 → 用 /// slide 至少写 {MIN_SLIDES} 张，"
                "上课时投影（见 README 「写一节带幻灯片的班会课」）",
            )
        )
    for slide in slides:
        layout = str(slide.options.get("layout", "normal"))
        problem = limit_problem(
            layout, (slide.argument or "").strip(), slide.body, raw_items(slide.body)
        )
        if problem:
            found.append(Problem(where, slide.line, problem))
    records = [b for b in blocks if b.name == "record"]
    if len(records) != 1:
        found.append(
            Problem(
                where,
                None,
                f"班会课要有一张记录表，找到 {len(records)} 张 → 在“## 班会记录表”下写一个 "
                "/// record 块（见 README）",
            )
        )
    if page.meta["band"] in BANDS and not any(b.name == "quiz" for b in blocks):
        found.append(
            Problem(
                where,
                None,
                "学生的班会课要有一个课堂小测验 → 在教学过程里写一个 /// quiz 块（3 到 5 题）",
            )
        )
    return found


def deck_page_markdown(page: ContentPage, body: str, org_name: str) -> str:
    """The generated 上课 page of a lesson: front matter and the deck of its (filled-in) body."""
    import yaml

    meta = {
        # The theme prints a page's title as markup.
        "title": html.escape(f"{page.title}（上课）", quote=False),
        "template": "fz-slides.html",
        "search": {"exclude": True},
        "fangzha_print": "slides",
    }
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
    return front + deck_markdown(
        title=page.title,
        subtitle=subtitle(page),
        org=org_name,
        plan_file=posixpath.basename(page.src_uri),
        body=body,
    )


def plan_header(page: ContentPage) -> str:
    """The buttons above a lesson plan: project the slides, print the plan."""
    slides = posixpath.basename(slides_uri(page.src_uri))
    minutes = page.meta["duration"] // 60
    return (
        f'<p class="fz-lesson-meta">{subtitle(page)} · {minutes} 分钟</p>\n\n'
        f"[上课：全屏放映幻灯片]({slides}){{ .md-button .md-button--primary .fz-lesson-start }}\n\n"
    )


def catalog_fields(page: ContentPage, url_of: Mapping[str, str] | None = None) -> dict:
    """What ``catalog.json`` says about a lesson."""
    fields = {"band": page.meta["band"], "minutes": page.meta["duration"] // 60}
    if url_of is not None:
        fields["slides_url"] = url_of[slides_uri(page.src_uri)]
    return fields
