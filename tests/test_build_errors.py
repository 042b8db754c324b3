"""Broken settings and broken pages stop a real build with one line per problem, no traceback."""

import pytest

from util import ROOT, build, copy_project, edit


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def line_of(path, text):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def assert_stopped(result, expected_errors):
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert result.errors[:-1] == expected_errors, result.output
    assert result.errors[-1].startswith("Stopped:"), result.output


PHONE = "a phone number in quotes such as '0571-87654321', '13812345678', '400-123-4567' or '96110'"


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            "short_name: 实验学校",
            "short_name: [实验, 学校]",
            "short_name",
            "found a list of 2 items, expected text of at most 12 characters",
        ),
        (
            "department: 德育处",
            "departmnt: 德育处",
            "departmnt",
            "unknown key (did you mean 'department'?); expected one of: name, short_name, kind, phone, "
            "address, department, police, helplines",
        ),
        ('phone: "0000-00000000"', 'phone: "12345"0', "phone", None),
        ('phone: "0000-00000000"', 'phone: "8888"', "phone", f"found '8888', expected {PHONE}"),
        # Unquoted, YAML reads a mobile number as a number.
        (
            'phone: "0000-00000000"',
            "phone: 13812345678",
            "phone",
            f"found the number 13812345678 (not in quotes), expected {PHONE}",
        ),
        (
            "kind: school ",
            "kind: hospital ",
            "kind",
            "found 'hospital', expected one of: school, community, police, bank, company",
        ),
    ],
)
def test_broken_org_settings_fail_with_key_found_and_expected(project, old, new, key, message):
    config = project / "mkdocs.yml"
    line = line_of(config, old)
    edit(config, old, new)
    result = build(project)
    if message is None:  # a YAML syntax error: MkDocs itself refuses the file
        assert result.returncode != 0 and "Traceback" not in result.output
        return
    assert_stopped(result, [f"mkdocs.yml:{line}: extra.org.{key}: {message}"])


def test_missing_required_org_key(project):
    config = project / "mkdocs.yml"
    line = line_of(config, "  org:")
    edit(config, "    address: 示例市示例区示例路 1 号\n", "")
    assert_stopped(
        build(project),
        [f"mkdocs.yml:{line}: extra.org.address: missing; expected text of at most 80 characters"],
    )


def test_google_fonts_switched_on_is_refused(project):
    edit(project / "mkdocs.yml", "font: false", "font:\n    text: Noto Sans SC")
    assert_stopped(
        build(project),
        [
            "mkdocs.yml: theme.font: found {'text': 'Noto Sans SC'}, expected false (Google Fonts are "
            "a third-party request and are unreachable from mainland China)"
        ],
    )


def test_broken_front_matter_reports_every_page_in_one_run(project):
    docs = project / "docs"
    shuadan, gongjianfa, students = (
        docs / "scams/shuadan.md",
        docs / "scams/gongjianfa.md",
        docs / "audiences/students/index.md",
    )
    bad_yaml_line = line_of(shuadan, "summary:")
    edit(shuadan, "summary: “动动手指", "summary: [“动动手指")
    typo_line = line_of(gongjianfa, "category:")
    edit(gongjianfa, "category: 冒充公检法及政府机关", "categroy: 冒充公检法及政府机关")
    edit(students, "title: 学生防骗指南\n", "")
    result = build(project)
    assert_stopped(
        result,
        [
            "docs/audiences/students/index.md: field 'title': missing; expected text of at most 40 characters",
            "docs/scams/gongjianfa.md: field 'category': missing; expected one of: 刷单返利, 虚假网络投资理财, "
            "虚假网络贷款与虚假征信, 冒充电商物流客服, 冒充公检法及政府机关, 虚假购物服务, 冒充领导熟人, "
            "网络游戏产品虚假交易, 网络婚恋交友, 机票退改签, 其他常见类型",
            f"docs/scams/gongjianfa.md:{typo_line}: field 'categroy': unknown key (did you mean 'category'?); "
            "expected one of: kind, title, summary, order, hide, search, audiences, aliases, reviewed, min_band, bands, category, sources",
            f"docs/scams/shuadan.md:{bad_yaml_line + 1}: front matter is not valid YAML: while parsing a flow "
            "sequence: expected ',' or ']', but got ':'",
        ],
    )


def test_missing_section_and_broken_link_and_unknown_setting(project):
    docs = project / "docs"
    edit(docs / "scams/shuadan.md", "## 防骗口诀", "## 口诀")
    edit(docs / "index.md", "{{ org.name }}", "{{ org.nmae }}")
    line = line_of(docs / "index.md", "{{ org.nmae }}")
    assert_stopped(
        build(project),
        [
            f"docs/index.md:{line}: unknown setting 'org.nmae' (did you mean 'org.name'?); available: "
            "org.address, org.department, org.helplines, org.kind, org.kind_label, org.name, org.phone, "
            "org.police, org.short_name, org.tel",
            "docs/scams/shuadan.md: missing section '## 防骗口诀'; a scam page has these sections in order: "
            "一句话识别, 典型案例, 骗局套路, 识别信号, 正确做法, 如果已经被骗, 防骗口诀",
        ],
    )


def test_broken_link_fails_the_strict_build(project):
    edit(project / "docs/index.md", "(scams/index.md)", "(scams/nothing.md)")
    result = build(project)
    assert result.returncode != 0
    assert "nothing.md" in result.output and "Traceback" not in result.output


def test_a_page_without_front_matter_is_refused(project):
    (project / "docs/notes.md").write_text("# 随手记\n", encoding="utf-8")
    assert_stopped(
        build(project),
        [
            "docs/notes.md:1: no front matter; expected a block between '---' lines at the top with at "
            "least kind, title and summary"
        ],
    )


def test_project_files_are_copied_not_linked(project):
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"
    )


def test_broken_quizzes_are_reported_with_file_line_and_question_in_one_run(project):
    quizzes = project / "docs/quizzes"
    jiazhang, caiwu = quizzes / "jiazhang.md", quizzes / "caiwu.md"
    text = jiazhang.read_text(encoding="utf-8")
    first_correct = next(n for n, line in enumerate(text.splitlines(), 1) if "- [x]" in line)
    question_line = max(
        n for n, line in enumerate(text.splitlines()[:first_correct], 1) if line[:1].isdigit()
    )
    lines = text.splitlines()
    lines[first_correct - 1] = lines[first_correct - 1].replace("- [x]", "- [ ]")
    jiazhang.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad_link_line = line_of(caiwu, "(../scams/lingdao.md)")
    edit(caiwu, "(../scams/lingdao.md)", "(../scams/lingdaoo.md)")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert result.errors[:-1] == [
        f"docs/quizzes/caiwu.md:{bad_link_line}: question 1: link '../scams/lingdaoo.md' points to a page that does not exist",
        f"docs/quizzes/jiazhang.md:{question_line}: question 1 has no correct answer; mark the right option with [x]",
    ]
    assert result.errors[-1] == "Stopped: 2 problems in the quizzes, listed above."


def test_the_build_says_which_scam_types_have_too_few_questions(project):
    for quiz in (project / "docs/quizzes").glob("*.md"):
        text = quiz.read_text(encoding="utf-8")
        quiz.write_text(
            text.replace("(../scams/jipiao.md)", "(../scams/shuadan.md)"), encoding="utf-8"
        )
    result = build(project)
    assert result.returncode == 0, result.output
    assert (
        "Quiz coverage: these scam types have fewer than 3 questions: 机票退改签诈骗 (0)"
        in result.output
    )
