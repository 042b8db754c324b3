"""Every mistake of the corpus stops a real build with exactly its line — and tricky text is kept.

tests/data/mistakes.yml holds the slips authors make (全角符号、GBK 编码、缩进, typos, unsafe links …),
each with the line the build must print. Cases that can share a build are applied together; each
build must print exactly the expected lines, in Chinese, and never a Python traceback.
"""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from mistakes import STAGES, batches, load

from util import build, copy_project, edit, url_to_file

CASES = load()


def test_the_corpus_names_at_least_eighty_distinct_mistakes():
    assert len(CASES) >= 80
    assert len({(c.name, c.file) for c in CASES}) == len(CASES)
    assert {c.stage for c in CASES} <= set(STAGES)
    for case in CASES:
        assert case.errors or case.warnings, case.name


BATCHES = batches(CASES)


@pytest.mark.parametrize(
    "batch", BATCHES, ids=[f"{b[0].stage}-{i}-{len(b)}" for i, b in enumerate(BATCHES)]
)
def test_each_mistake_is_named_on_its_line_and_nothing_else_is(batch, tmp_path):
    project = copy_project(tmp_path / "project")
    errors, warnings = [], []
    for case in batch:
        expected = case.expected(case.apply(project))
        errors += expected[0]
        warnings += expected[1]
    result = build(project)
    names = [case.name for case in batch]
    assert result.returncode != 0, names
    assert "Traceback" not in result.output, result.output
    printed_warnings = re.findall(r"^WARNING\s+-\s+(.*)$", result.output, re.M)
    if errors:
        assert result.errors[-1].startswith("生成已停止："), result.output
        assert sorted(result.errors[:-1]) == sorted(errors), result.output
    else:
        assert result.errors == [], result.output
    assert sorted(printed_warnings) == sorted(warnings), result.output


# -- tricky but valid: kept exactly, shown escaped ------------------------------------------

TITLE = '刷单"返利"<script>alert(1)</script> 😀𠮷'
SOURCE = '手册"<i>内部</i>" & 𠮷'
SUMMARY = '他说：“转账”，又说 "别告诉家里" <b>马上</b> & 𡃁\u200f 就完了。'


class _Text(HTMLParser):
    """Collects text and the elements a parser would create."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.current = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.current = tag

    def handle_endtag(self, tag):
        self.current = ""

    def handle_data(self, data):
        if self.current == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(path):
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    """A copy of the site with every kind of awkward but valid input in it, built."""
    project = copy_project(tmp_path_factory.mktemp("tricky") / "project")
    docs = project / "docs"
    # A page saved by Notepad with a BOM and Windows line endings, with text from every corner
    # of Unicode and the characters that break naive HTML.
    page = (
        "\ufeff---\r\n"
        "kind: guide\r\n"
        f"title: '{TITLE}'\r\n"
        f"summary: '{SUMMARY}'\r\n"
        "audiences: [residents]\r\n"
        "reviewed: 2026/11/29\r\n"
        "sources:\r\n"
        f"  - title: '{SOURCE}'\r\n"
        "    by: 公安部 & 国家反诈中心\r\n"
        "    date: 2025-06\r\n"
        "---\r\n"
        "正文有 emoji 😀、生僻字 𠮷𡃁、从右到左标记\u200f和 <尖括号> 与 & 符号。\r\n\r\n"
        '/// receipt | 回执"<script>x</script>"\r\n'
        "    fields: 姓名\r\n\r\n"
        "交回给<老师>。\r\n"
        "///\r\n"
    )
    (docs / "guides/tricky.md").write_bytes(page.encode("utf-8"))
    # A quiz whose options are indented with a tab: the quiz reads them as written.
    quiz = docs / "quizzes/shequ-youjiang.md"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("    - [x] ", "\t- [x] ", 1), encoding="utf-8")
    # The organisation's name with an ampersand and quotes.
    edit(
        project / "mkdocs.yml",
        "    name: 示例市第一实验学校",
        '    name: "示例市第一实验学校 & \\"家委会\\""',
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def test_tricky_text_is_shown_as_written_and_never_becomes_markup(tricky):
    catalog = json.loads((tricky / "catalog.json").read_text(encoding="utf-8"))
    entry = next(p for p in catalog["pages"] if p["slug"] == "tricky")
    assert entry["title"] == TITLE and entry["summary"] == SUMMARY
    assert entry["reviewed"] == "2026-11-29"
    path = url_to_file(tricky, entry["url"])
    page = parse(path)
    # No element came from the author's text.
    assert not {"b", "i"} & {tag for tag, _ in page.tags}
    assert not any("alert(1)" in script or "x</" in script for script in page.scripts)
    text = "".join(page.text)
    assert TITLE in text  # the page heading, shown exactly
    assert "正文有 emoji 😀、生僻字 𠮷𡃁、从右到左标记\u200f和 <尖括号> 与 & 符号。" in text
    assert '回执"<script>x</script>"' in text and "交回给<老师>。" in text
    # Sources, as written, at the foot of the page.
    assert f"公安部 & 国家反诈中心：《{SOURCE}》（2025-06）" in text
    metas = {
        a.get("name") or a.get("property"): a.get("content") for t, a in page.tags if t == "meta"
    }
    assert metas["description"] == SUMMARY
    assert metas["og:title"] == TITLE and metas["og:description"] == SUMMARY
    assert metas["fangzha:org"] == '示例市第一实验学校 & "家委会"'
    raw = path.read_text(encoding="utf-8")
    (title,) = re.findall(r"<title>([^<]*)</title>", raw)
    assert html.unescape(title).startswith(TITLE + " · ")
    assert "<script>alert(1)" not in raw and "<b>马上</b>" not in raw
    # The card on the guides index shows the same words.
    index = url_to_file(tricky, "guides/")
    assert TITLE in "".join(parse(index).text)


def test_a_tab_indented_quiz_option_is_read_as_an_option(tricky):
    page = (tricky / "quizzes/shequ-youjiang/index.html").read_text(encoding="utf-8")
    first = page.split('data-question="2"', 1)[0]
    assert "data-correct" in first
