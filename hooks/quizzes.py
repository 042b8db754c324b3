"""Hook: validate every quiz, add its worksheet and answer-key pages, and report coverage."""

from __future__ import annotations

from mkdocs.structure.files import File

from fangzha.drill import card_entries
from fangzha.mkdocs_glue import docs_prefix, drop_pages, log, state, stop_on
from fangzha.problems import say
from fangzha.quiz_site import MIN_QUESTIONS_PER_SCAM, collect, coverage, derived_markdown


def on_files(files, config):
    """Check all quizzes in one pass, then generate the derived printable pages."""
    site = state(config)
    library = site["library"]
    pages = [f.src_uri for f in files.documentation_pages()]
    found, problems = collect(library, pages, where=docs_prefix(config))
    stop_on(problems, "测验", "the quizzes")
    site["quizzes"] = found
    # (id, title, questions) of each quiz page, for the completion-card check form.
    site["quiz_list"] = [
        (
            found[page.src_uri][0].quiz.quiz_id,
            page.title,
            len(found[page.src_uri][0].quiz.questions),
        )
        for page in library.of_kind("quiz")
    ] + card_entries(library)
    site["derived"] = {}
    for src_uri, quiz_pages in found.items():
        if library.pages[src_uri].kind != "quiz":
            continue
        quiz_page = quiz_pages[0]
        for part, uri in (
            ("worksheet", quiz_page.worksheet_uri),
            ("answers", quiz_page.answers_uri),
        ):
            content = derived_markdown(quiz_page, part, config.extra["org"]["name"])
            files.append(File.generated(config, uri, content=content))
            site["derived"][uri] = (src_uri, part)
    _report_coverage(site, library)
    return files


def on_nav(nav, config, files):
    """Keep the generated printable pages out of the navigation (quiz pages link to them)."""
    drop_pages(nav, set(state(config)["derived"]))
    return nav


def on_page_markdown(markdown, page, config, files):
    """Give each quiz block its stable id (from the page name) and link its printable pages."""
    site = state(config)
    quiz_pages = site["quizzes"].get(page.file.src_uri)
    if not quiz_pages:
        return markdown
    for quiz_page in quiz_pages:
        block = quiz_page.block
        header = block.source.split("\n", 1)[0]
        if f"    id: {quiz_page.quiz.quiz_id}\n" not in markdown:
            markdown = markdown.replace(
                header + "\n", f"{header}\n    id: {quiz_page.quiz.quiz_id}\n", 1
            )
    if site["library"].pages[page.file.src_uri].kind == "quiz":
        quiz_page = quiz_pages[0]
        worksheet = quiz_page.worksheet_uri.rsplit("/", 1)[-1]
        answers = quiz_page.answers_uri.rsplit("/", 1)[-1]
        markdown += (
            '\n\n<div class="fz-print-links" markdown>\n\n'
            "## 打印\n\n"
            f"- [打印练习纸（不含答案）]({worksheet})\n"
            f"- [答案与解析]({answers})\n\n"
            "</div>\n"
        )
    return markdown


def _report_coverage(site, library) -> None:
    counts = coverage([qp for pages in site["quizzes"].values() for qp in pages], library)
    short = {uri: n for uri, n in counts.items() if n < MIN_QUESTIONS_PER_SCAM}
    site["coverage"] = counts
    if short and site["quizzes"]:
        listing = ", ".join(f"{library.pages[uri].title} ({n})" for uri, n in sorted(short.items()))
        log.info(
            say(
                f"测验覆盖：这些诈骗类型被考到的题目少于 {MIN_QUESTIONS_PER_SCAM} 道：{listing}",
                f"Quiz coverage: these scam types have fewer than {MIN_QUESTIONS_PER_SCAM} questions: {listing}",
            )
        )
