"""Read every Markdown page, validate its front matter, and collect all problems.

MkDocs silently treats malformed front matter as page text, so the site reads
the sources itself before MkDocs does and stops the build on any mistake.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import (
    bands,
    checker,
    drill,
    lessons,
    readability,
    safety,
    screen,
    share,
    spot,
    templating,
    yamlfile,
)
from . import schema as s
from .blocks import BLOCKS
from .blockspec import FoundBlock, scan_blocks
from .markers import Marker, find_markers
from .model import KINDS, ContentPage
from .problems import Problem
from .textfile import decode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass
class Library:
    """Every page of the site, keyed by its path under ``docs/``."""

    pages: dict[str, ContentPage] = field(default_factory=dict)
    markers: dict[str, list[Marker]] = field(default_factory=dict)
    # Every ``///`` block of each page, as written, with its line.
    blocks: dict[str, list[FoundBlock]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[ContentPage]:
        """Pages of one kind in reading order."""
        return sorted((p for p in self.pages.values() if p.kind == kind), key=sort_key)

    def listed(self) -> list[ContentPage]:
        """Pages that belong in the catalog and in card lists."""
        return sorted((p for p in self.pages.values() if KINDS[p.kind].listed), key=sort_key)

    def audience_page(self, audience: str) -> ContentPage | None:
        """The landing page for one audience, if the site has one."""
        for page in self.pages.values():
            if (
                page.kind == "audience"
                and page.meta["audience"] == audience
                and not page.meta.get("band")
            ):
                return page
        return None

    def band_page(self, band: str) -> ContentPage | None:
        """The students' page for one age band, if the site has one."""
        for page in self.pages.values():
            if page.kind == "audience" and page.meta.get("band") == band:
                return page
        return None


def sort_key(page: ContentPage) -> tuple:
    """Order pages by their ``order`` field, then by file path."""
    return (page.meta.get("order", 500), page.src_uri)


def slug_for(src_uri: str) -> str:
    """The page's short name: the file stem, or the folder for an ``index.md``."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem in ("index", "README"):
        return posixpath.basename(posixpath.dirname(src_uri))
    return stem


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, 1-based line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    yaml_text = match.group(1) or ""
    body = text[match.end() :]
    return yaml_text, body, text[: match.end()].count("\n") + 1


def scan_headings(body: str, first_line: int) -> list[tuple[int, int, str]]:
    """List (line, level, text) of Markdown ATX headings outside code fences."""
    out, fence = [], None
    for offset, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if opened:
            mark = opened.group(1)[0]
            if fence is None:
                fence = mark
            elif fence == mark:
                fence = None
            continue
        if fence is None:
            heading = _HEADING.match(line)
            if heading:
                title = re.sub(r"\s*\{[^}]*\}$", "", heading.group(2)).strip()
                out.append((first_line + offset, len(heading.group(1)), title))
    return out


def parse_page(src_uri: str, text: str, where: str) -> tuple[ContentPage | None, list[Problem]]:
    """Parse and validate one page source; ``where`` is how problems name the file."""
    yaml_text, body, body_line = split_front_matter(text)
    if yaml_text is None:
        if text.lstrip("\ufeff").startswith(("---", "－－－", "——")):
            return None, [
                Problem(
                    where,
                    1,
                    "页面信息以“---”开头，却没有结束的“---”行 → 在页面信息最后另起一行写 ---"
                    "（三个英文减号，不要用中文破折号）",
                    "front matter starts with '---' but has no closing '---' line",
                )
            ]
        return None, [
            Problem(
                where,
                1,
                "文件开头没有页面信息 → 第一行写 ---，接着写 kind、title、summary 等，再写一行 --- "
                "（见 README「添加页面」）",
                "no front matter; expected a block between '---' lines at the top "
                "with at least kind, title and summary",
            )
        ]
    data, key_lines, error = yamlfile.load_with_lines(yaml_text, offset=1)
    if error:
        line = error.line + 1 if error.line is not None else 1
        return None, [Problem(where, line, f"页面信息：{error.zh}", f"front matter: {error.en}")]
    if not isinstance(data, dict):
        found = s.describe(data)
        return None, [
            Problem(
                where,
                2,
                f"页面信息写成了{found.zh} → 应当写几行“名称: 值”",
                f"front matter: found {found.en}, expected 'key: value' lines",
            )
        ]
    # Keys only: a missing field has no line of its own, and the file is short.
    lines = {path: line + 1 for path, line in key_lines.items() if path}

    kind_name = data.get("kind")
    if kind_name not in KINDS:
        kinds = "、".join(f"{k}（{v.label}）" for k, v in KINDS.items())
        if kind_name is None:
            found = s.Msg("缺少 kind", "no kind field")
        else:
            shown = s.describe(kind_name)
            found = s.Msg(f"kind 写成了{shown.zh}", f"kind {shown.en}")
        return None, [
            Problem(
                where,
                lines.get(("kind",), 2),
                f"{found.zh} → kind 是页面类型，应当写其中之一：{kinds}",
                f"field 'kind': found {found.en}, expected one of: {', '.join(KINDS)}",
            )
        ]
    kind = KINDS[kind_name]
    clean, issues = s.validate(data, s.Schema(kind.fields))
    problems = [
        Problem(where, yamlfile.line_of(lines, issue.path), *issue.at(s.dotted(issue.path)))
        for issue in issues
    ]
    slug = slug_for(src_uri)
    if src_uri != "index.md" and not _SLUG.fullmatch(slug):
        problems.append(
            Problem(
                where,
                None,
                f"文件名“{slug}”不能直接当网址 → 文件名只用小写字母、数字和减号，例如 shuadan-fanli.md",
                f"file name {slug!r} is not a short web address; expected lowercase "
                "letters, digits and hyphens, such as 'shuadan-fanli.md'",
            )
        )
    if problems:
        return None, problems
    page = ContentPage(
        src_uri=src_uri,
        kind=kind_name,
        slug=slug,
        meta=clean,
        body=body,
        body_line=body_line,
        headings=scan_headings(body, body_line),
    )
    problems.extend(check_sections(page, where))
    problems.extend(bands.field_problems(page, where, lines))
    problems.extend(checker.signal_problems(page, where, lines))
    return page, problems


def check_sections(page: ContentPage, where: str) -> list[Problem]:
    """Check that a page has its kind's required level-2 sections, in order, and no title in its text."""
    problems = [
        Problem(
            where,
            line,
            f"正文里写了一级标题“# {text}” → 页面标题由 title 决定，正文的小标题从 ## 开始",
            f"heading '# {text}': the page title comes from the 'title' "
            "field; start sections at '##'",
        )
        for line, level, text in page.headings
        if level == 1
    ]
    required = KINDS[page.kind].sections
    if not required:
        return problems
    present = [(line, text) for line, level, text in page.headings if level == 2]
    titles = [text for _, text in present]
    label = KINDS[page.kind].label
    order = "、".join(f"## {n}" for n in required)
    missing = []
    for name in required:
        if name not in titles:
            near = difflib.get_close_matches(name, titles, n=1, cutoff=0.4)
            missing.append(
                Problem(
                    where,
                    next((ln for ln, t in present if near and t == near[0]), None),
                    f"缺少小标题“## {name}”"
                    + (f"（是不是写成了“## {near[0]}”？）" if near else "")
                    + f" → {label}页面依次有这些小标题：{order}",
                    f"missing section '## {name}'; a {page.kind} page has these "
                    f"sections in order: {', '.join(required)}",
                )
            )
    problems.extend(missing)
    if not missing:
        positions = [(titles.index(name), name) for name in required]
        for (a, first), (b, second) in zip(positions, positions[1:], strict=False):
            if a > b:
                line = present[b][0]
                problems.append(
                    Problem(
                        where,
                        line,
                        f"小标题“## {second}”写在了“## {first}”前面 → 按这个顺序排：{order}",
                        f"section '## {second}' comes before '## {first}'; "
                        f"expected this order: {', '.join(required)}",
                    )
                )
    return problems


def load_library(
    sources: Iterable[tuple[str, str]],
    *,
    context: Mapping[str, Any],
    where: str = "docs",
) -> tuple[Library, list[Problem]]:
    """Parse every (src_uri, text) pair; validate pages, markers and settings references."""
    library = Library()
    problems: list[Problem] = []
    sources = list(sources)
    for src_uri, text in sources:
        path = f"{where}/{src_uri}"
        control = yamlfile.control_character(text)
        if control:
            problems.append(Problem(path, control[0], yamlfile.CONTROL_ZH, yamlfile.CONTROL_EN))
            continue
        page, markers, found, page_problems = _read_page(src_uri, text, path, context)
        problems.extend(page_problems)
        if page is None:
            continue
        library.pages[src_uri] = page
        library.markers[src_uri] = markers
        library.blocks[src_uri] = found
    problems.extend(_check_site(library, where))
    read = {uri for uri, _ in sources}
    problems.extend(drill.site_problems(library.pages, library.blocks, where, read))
    problems.extend(bands.site_problems(library.pages, where))
    return library, sorted(problems, key=lambda p: (p.where, p.line or 0))


# A page's own reading and checks depend only on its text, its name and the settings: `mkdocs
# serve` rebuilds after every save, and reads again only the pages that changed.
_PAGES: dict[tuple[str, str, str, str], tuple] = {}


def _read_page(
    src_uri: str, text: str, path: str, context: Mapping[str, Any]
) -> tuple[ContentPage | None, list[Marker], list[FoundBlock], list[Problem]]:
    """Parse one page and run the checks that need only the page itself."""
    # A page that refers to no setting reads the same for every organisation (branded variants).
    settings = (
        json.dumps(context, sort_keys=True, default=str) if templating.uses_settings(text) else ""
    )
    key = (src_uri, text, path, settings)
    if key in _PAGES:
        return _PAGES[key]
    problems: list[Problem] = []
    page, found = parse_page(src_uri, text, path)
    problems.extend(found)
    if page is None:
        result = (None, [], [], problems)
    else:
        if templating.uses_settings(page.body):
            # Filled in once now, so that a mistake shows with every other one, at its line.
            problems.extend(templating.render_page(page.body, context, path, page.body_line)[1])
        markers, marker_problems = find_markers(page.body, path, page.body_line)
        problems.extend(marker_problems)
        blocks, block_problems = scan_blocks(page.body, BLOCKS, path, page.body_line)
        problems.extend(block_problems)
        problems.extend(safety.problems(page.body, page.body_line, blocks, path))
        problems.extend(readability.elderly_problems(page, blocks, path))
        if not block_problems:
            problems.extend(_check_blocks(page, blocks, path))
        result = (page, markers, blocks, problems)
    if len(_PAGES) > 4096:
        _PAGES.clear()
    _PAGES[key] = result
    return result


def read_sources(
    docs_dir: str | Path, src_uris: Iterable[str], where: str = "docs"
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Read Markdown sources as UTF-8; name files saved as GBK or UTF-16 instead of failing."""
    root = Path(docs_dir)
    sources, problems = [], []
    for uri in sorted(src_uris):
        text, problem = decode((root / uri).read_bytes(), f"{where}/{uri}")
        if problem:
            problems.append(problem)
        else:
            sources.append((uri, text))
    return sources, problems


def _check_blocks(page: ContentPage, found: list[FoundBlock], where: str) -> list[Problem]:
    """What a page's kind asks of its blocks: a lesson's slides and record, a screen's lines."""
    problems = []
    if page.kind == "lesson":
        problems.extend(lessons.problems(page, found, where))
    screens = [b for b in found if b.name == "screen"]
    if page.kind == "screen" and len(screens) != 1:
        problems.append(
            Problem(
                where,
                None,
                f"大屏页要有一个 /// screen 块，找到 {len(screens)} 个 → 把要滚动播放的标语写在一个 /// screen 块里",
                f"a screen page has one /// screen block; found {len(screens)}",
            )
        )
    for block in screens:
        problems.extend(screen.block_problems(block, where))
    shares = [b for b in found if b.name == "share"]
    if page.kind == "scam" and len(shares) != 1:
        problems.append(
            Problem(
                where,
                shares[1].line if len(shares) > 1 else None,
                f"诈骗类型页要有一个 /// share 块（转发到微信群的短版），找到 {len(shares)} 个 → "
                "在页面最后写一个，见 README「转发到微信群的短版」",
                f"a scam page has one /// share block (the short version for chat groups); "
                f"found {len(shares)}",
            )
        )
    for block in shares:
        problems.extend(share.block_problems(block, where))
    for block in found:
        if block.name == "drill":
            problems.extend(drill.block_problems(block, where))
        elif block.name == "spot":
            problems.extend(spot.block_problems(block, where))
    return problems


def _check_site(library: Library, where: str) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    slugs: dict[str, str] = {}  # kind/slug -> src_uri
    for page in sorted(library.pages.values(), key=lambda p: p.src_uri):
        if KINDS[page.kind].listed:
            # catalog.json and the PDF export name a page by kind and slug.
            key = f"{page.kind}/{page.slug}"
            if key in slugs:
                problems.append(
                    Problem(
                        f"{where}/{page.src_uri}",
                        None,
                        f"文件名“{page.slug}”和同类页面 {where}/{slugs[key]} 重复，catalog.json "
                        "和导出的 PDF 会分不清 → 换一个文件名",
                        f"file name {page.slug!r} is also used by {where}/{slugs[key]}, a page "
                        "of the same kind; rename one",
                    )
                )
            slugs.setdefault(key, page.src_uri)
        if page.kind == "audience" and not page.meta.get("band"):
            audience = page.meta["audience"]
            if audience in seen:
                problems.append(
                    Problem(
                        f"{where}/{page.src_uri}",
                        None,
                        f"人群“{audience}”已经有一个导览页（{where}/{seen[audience]}） → 每个人群只写一页",
                        f"audience '{audience}' already has a page ({where}/{seen[audience]}); "
                        "expected one page per audience",
                    )
                )
            seen[audience] = page.src_uri
    titles: dict[tuple[str, str], str] = {}
    for page in sorted(library.pages.values(), key=lambda p: p.src_uri):
        key = (page.kind, page.title)
        if key in titles:
            problems.append(
                Problem(
                    f"{where}/{page.src_uri}",
                    None,
                    f"标题“{page.title}”和 {where}/{titles[key]} 重复 → 同一类页面的标题要各不相同",
                    f"title '{page.title}' is already used by {where}/{titles[key]}; "
                    "expected a distinct title for each page of a kind",
                )
            )
        titles.setdefault(key, page.src_uri)
    if "index.md" in library.pages and library.pages["index.md"].kind != "home":
        problems.append(
            Problem(
                f"{where}/index.md",
                None,
                "首页的 kind 不是 home → 首页（docs/index.md）写 kind: home",
                "expected kind 'home' for the home page",
            )
        )
    return problems
