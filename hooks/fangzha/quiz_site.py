"""Site-level quiz work: validate every quiz, derive worksheet and answer-key pages, count coverage."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from . import quiz as quizzes
from .library import Library
from .problems import Problem

# Each scam type should be taught by at least this many questions across all quizzes.
MIN_QUESTIONS_PER_SCAM = 3


@dataclass
class QuizPage:
    """A quiz found on a page, with where its derived pages live."""

    src_uri: str
    quiz: quizzes.Quiz
    block: quizzes.QuizBlock

    @property
    def worksheet_uri(self) -> str:
        return derived_uri(self.src_uri, "worksheet")

    @property
    def answers_uri(self) -> str:
        return derived_uri(self.src_uri, "answers")


def derived_uri(src_uri: str, part: str) -> str:
    """``quizzes/parents.md`` → ``quizzes/parents-worksheet.md`` (same folder, so links still work)."""
    stem, ext = posixpath.splitext(src_uri)
    return f"{stem}-{part}{ext}"


def collect(
    library: Library, pages: Iterable[str], *, where: str = "docs"
) -> tuple[dict[str, list[QuizPage]], list[Problem]]:
    """Parse and validate every quiz block of every page; ``pages`` are all docs pages."""
    known = set(pages)
    known_key = hash(frozenset(known))
    found: dict[str, list[QuizPage]] = {}
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    for page in sorted(library.pages.values(), key=lambda p: p.src_uri):
        path = f"{where}/{page.src_uri}"
        blocks = list(quizzes.find_blocks(page.body, page.body_line))
        if page.kind == "quiz" and len(blocks) != 1:
            problems.append(
                Problem(
                    path,
                    None,
                    f"测验页要正好有一个 /// quiz 块，找到 {len(blocks)} 个 → "
                    "把题目写进一个 /// quiz 块，其他测验另建页面",
                    f"a quiz page has exactly one '/// quiz' block; found {len(blocks)}",
                )
            )
        for index, block in enumerate(blocks, start=1):
            quiz, found_problems = _parsed(block, path, page.src_uri, known, known_key)
            problems.extend(found_problems)
            if "id" not in block.options:
                # The id keys saved answers and every completion card's check code: it is
                # written in the page, not made up by the build, so no engine can change it.
                suggested = page.slug if len(blocks) == 1 else f"{page.slug}-{index}"
                problems.append(
                    Problem(
                        path,
                        block.line,
                        f"测验没有写 id → 在 /// quiz 这一行下面加一行“    id: {suggested}”"
                        "（前面空四格）；id 决定答题记录和结业卡校验码，写好以后不要再改",
                        f"quiz block has no id; expected a line '    id: {suggested}' under it",
                    )
                )
                continue
            id_line = next(
                (block.line + n for n, key in enumerate(block.options, 1) if key == "id"),
                block.line,
            )
            if not quizzes.ID_PATTERN.fullmatch(quiz.quiz_id):
                problems.append(
                    Problem(
                        path,
                        id_line,
                        f"测验的 id 写成了“{quiz.quiz_id}” → id 只用小写字母、数字和减号，例如 xuesheng-rumen",
                        f"quiz option id: found {quiz.quiz_id!r}, expected lowercase letters, digits and hyphens",
                    )
                )
            elif quiz.quiz_id in ids:
                # Two quizzes with one id share the reader's saved answers and their check codes.
                problems.append(
                    Problem(
                        path,
                        id_line,
                        f"测验 id“{quiz.quiz_id}”和 {ids[quiz.quiz_id]} 里的测验重复，两个测验会共用"
                        "答题记录和校验码 → 给其中一个换一个 id",
                        f"quiz id {quiz.quiz_id!r} is also used in {ids[quiz.quiz_id]}; "
                        "two quizzes would share saved answers and check codes",
                    )
                )
            ids.setdefault(quiz.quiz_id, path)
            found.setdefault(page.src_uri, []).append(QuizPage(page.src_uri, quiz, block))
    if not problems:
        for page in library.pages.values():
            if page.kind == "quiz":
                for part in ("worksheet", "answers"):
                    if derived_uri(page.src_uri, part) in known:
                        label = "练习纸" if part == "worksheet" else "答案"
                        problems.append(
                            Problem(
                                f"{where}/{derived_uri(page.src_uri, part)}",
                                None,
                                f"这个文件名留给 {where}/{page.src_uri} 自动生成的{label}页 → 给这个文件换个名字",
                                f"this name is reserved for the {part} page generated from {where}/{page.src_uri}; rename the file",
                            )
                        )
    return found, problems


_PARSED: dict[tuple, tuple] = {}


def _parsed(block, path: str, src_uri: str, known: set[str], known_key: int):
    """A quiz block parsed and checked (remembered: `mkdocs serve` reads every page after a save)."""
    key = (block.source, block.line, path, src_uri, known_key)
    if key not in _PARSED:
        if len(_PARSED) > 1024:
            _PARSED.clear()
        _PARSED[key] = quizzes.parse_block(block, path, page=src_uri, exists=known.__contains__)
    return _PARSED[key]


def derived_markdown(quiz_page: QuizPage, part: str, org_name: str) -> str:
    """The Markdown of a generated worksheet or answer-key page."""
    label = "练习纸" if part == "worksheet" else "答案与解析"
    # MkDocs themes print page titles as markup: escape the author's text.
    meta = {
        "title": html.escape(f"{quiz_page.quiz.title}（{label}）", quote=False),
        "hide": ["navigation", "toc", "footer"],
        "search": {"exclude": True},
        "fangzha_print": part,
    }
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
    return front + derived_body(quiz_page, part, org_name)


def derived_body(quiz_page: QuizPage, part: str, org_name: str) -> str:
    """The printable body of a worksheet or answer key: an intro line and the quiz block."""
    quiz, block = quiz_page.quiz, quiz_page.block
    options = "".join(
        f"    {key}: {value}\n" for key, value in block.options.items() if key != "mode"
    )
    intro = (
        f"{org_name} · 打印后分发作答，参考答案见《答案与解析》。"
        if part == "worksheet"
        else f"{org_name} · 《{quiz.title}》的参考答案与解析，供核对答案时使用。"
    )
    mode = "worksheet" if part == "worksheet" else "answers"
    return (
        f'<p class="fz-print-intro">{html.escape(intro)}</p>\n\n'
        f"/// quiz | {quiz.title}\n{options}    mode: {mode}\n\n{block.body}\n///\n"
    )


def coverage(quiz_pages: Iterable[QuizPage], library: Library) -> dict[str, int]:
    """How many questions teach each scam page (a question teaches the pages it links to)."""
    counts = {page.src_uri: 0 for page in library.of_kind("scam")}
    for qp in quiz_pages:
        for question in qp.quiz.questions:
            taught = {quizzes.resolve_link(qp.src_uri, target) for target, _ in question.links}
            for uri in taught:
                if uri in counts:
                    counts[uri] += 1
    return counts
