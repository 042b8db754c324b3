"""How a real build reports, beyond the corpus of mistakes (tests/test_mistakes.py).

The quiet and dirty modes of MkDocs, the coverage report, English on request, and a stale offline
zip: each checked in a real build of a copy of the project.
"""

import os
import re
import subprocess
import sys
import zipfile

import pytest

from util import ROOT, build, copy_project, edit


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def run(project, *args, env=None):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


def test_project_files_are_copied_not_linked(project):
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"
    )


def test_quiet_mode_still_fails_a_strict_build_on_a_broken_link(project):
    # MkDocs 1.6 stops counting warnings under -q (mkdocs/mkdocs#4126): broken links would pass.
    edit(project / "docs/index.md", "(scams/index.md)", "(scams/nothing.md)")
    code, output = run(project, "build", "-q", "-d", "site")
    assert code != 0, output
    assert "docs/index.md:" in output and "链接“scams/nothing.md”指向的页面不存在" in output
    assert "Traceback" not in output


def test_a_dirty_build_after_editing_a_letter_updates_the_letter_and_its_packs(project):
    assert run(project, "build", "-d", "site")[0] == 0
    letter = project / "docs/letters/jiazhang.md"
    edit(letter, "请于收到本信后三日内", "请于收到本信后两日内")
    code, output = run(project, "build", "--dirty", "-d", "site")
    assert code == 0, output
    assert "Traceback" not in output
    site = project / "site"
    assert "两日内" in (site / "letters/jiazhang/index.html").read_text(encoding="utf-8")
    assert "两日内" in (site / "print/parents/index.html").read_text(encoding="utf-8")
    # Unchanged pages keep one policy each, not one per build.
    page = (site / "scams/shuadan/index.html").read_text(encoding="utf-8")
    assert page.count("Content-Security-Policy") == 1


def test_messages_in_english_on_request(project):
    edit(
        project / "docs/scams/gongjianfa.md",
        "category: 冒充公检法及政府机关",
        "categroy: 冒充公检法及政府机关",
    )
    result = build(project, env={"FANGZHA_MESSAGES": "en"})
    assert result.returncode != 0
    assert any(
        e.startswith("docs/scams/gongjianfa.md:") and "field 'categroy': unknown key" in e
        for e in result.errors
    ), result.output
    assert result.errors[-1] == "Stopped: 2 problems in the pages under docs/, listed above."


def test_the_build_says_which_scam_types_have_too_few_questions(project):
    for quiz in [
        *(project / "docs/quizzes").glob("*.md"),
        *(project / "docs/lessons").glob("*.md"),
    ]:
        text = quiz.read_text(encoding="utf-8")
        quiz.write_text(
            text.replace("(../scams/jipiao.md)", "(../scams/shuadan.md)"), encoding="utf-8"
        )
    result = build(project)
    assert result.returncode == 0, result.output
    assert re.search(
        r"测验覆盖：这些诈骗类型被考到的题目少于 3 道：.*机票退改签诈骗 \(0\)", result.output
    )


def test_a_stale_offline_zip_is_not_offered(project):
    assert build(project, config="mkdocs.offline.yml").returncode == 0
    zip_path = project / "site-offline.zip"
    assert zip_path.is_file()
    fresh = build(project, project / "fresh")
    assert fresh.returncode == 0
    assert (project / "fresh/download/fangzha-offline.zip").is_file()
    assert "下载离线版" in (project / "fresh/index.html").read_text(encoding="utf-8")
    # The content changes after the zip was made: the zip no longer matches and is not offered.
    edit(project / "docs/letters/jiazhang.md", "三日内", "两日内")
    stale = build(project, project / "stale")
    assert stale.returncode == 0, stale.output
    assert "离线版压缩包 site-offline.zip 不是用现在的内容生成的，这次不提供下载" in stale.output
    assert not (project / "stale/download").exists()
    assert "下载离线版" not in (project / "stale/index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(zip_path) as archive:
        assert "fangzha-offline/.fangzha-source" in archive.namelist()
