"""One build, three engines (README 「架构」): MkDocs with the hooks, ProperDocs with the same
hooks, and a build that runs no hooks at all — ``fangzha prepare``, ``mkdocs build`` with the
``hooks:`` list removed, ``fangzha finish`` — as a generator without MkDocs' plugin API would.
They must make the same pages, the same catalog and the same quiz ids, fill in every setting,
and stop on a broken page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from util import MKDOCS, ROOT, copy_project, edit, html_pages

FANGZHA = [sys.executable, "-m", "fangzha.cli"]
PROPERDOCS = [sys.executable, "-m", "properdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def run(command, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)


def without_hooks(project: Path) -> Path:
    """CONFIG: the project's mkdocs.yml with its hooks: list removed."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    removed = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", text)
    assert removed != text
    config = project / "mkdocs.nohooks.yml"
    config.write_text(removed.replace("site_dir: site", "site_dir: site-nohooks"), encoding="utf-8")
    return config


def hooks_free_build(project: Path) -> tuple[int, str]:
    """prepare → mkdocs build -f CONFIG → finish, as README 「架构」 describes it."""
    config = without_hooks(project).name
    output = ""
    for command in (
        [*FANGZHA, "prepare", "-f", config],
        [*MKDOCS, "build", "-f", config],
        [*FANGZHA, "finish", "-f", config],
    ):
        done = run(command, project)
        output += done.stdout + done.stderr
        if done.returncode != 0:
            return done.returncode, output
    return 0, output


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_pages(site)}


def quiz_ids(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in html_pages(site):
        ids = re.findall(r'data-quiz="([^"]+)"', page.read_text(encoding="utf-8"))
        if ids:
            found[page.relative_to(site).as_posix()] = ids
    return found


@pytest.fixture(scope="module")
def three_sites(tmp_path_factory, built_site):
    project = copy_project(tmp_path_factory.mktemp("three") / "project")
    status, output = hooks_free_build(project)
    assert status == 0, output[-4000:]
    proper = run([*PROPERDOCS, "build", "-f", "mkdocs.yml", "-d", "site-properdocs"], project)
    assert proper.returncode == 0, (proper.stdout + proper.stderr)[-4000:]
    return {
        "mkdocs": built_site,
        "properdocs": project / "site-properdocs",
        "hooks-free": project / "site-nohooks",
        "project": project,
    }


def test_three_engines_make_the_same_pages_catalog_and_quiz_ids(three_sites):
    reference = three_sites["mkdocs"]
    expected_pages = pages(reference)
    expected_catalog = json.loads((reference / "catalog.json").read_text(encoding="utf-8"))
    expected_ids = quiz_ids(reference)
    assert len(expected_pages) > 100 and len(expected_ids) >= 15
    for name in ("properdocs", "hooks-free"):
        site = three_sites[name]
        assert pages(site) == expected_pages, name
        catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
        assert catalog == expected_catalog, name
        assert quiz_ids(site) == expected_ids, name


def test_the_hooks_free_build_leaves_nothing_unfilled(three_sites):
    site = three_sites["hooks-free"]
    literal = [
        p.relative_to(site).as_posix()
        for p in html_pages(site)
        if "{{" in p.read_text(encoding="utf-8")
    ]
    assert literal == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "示例市第一实验学校" in home
    # The generated pages are there and finished: a print pack filled with its pieces, a
    # worksheet with its page code, the card lists, the security policy and robots.txt.
    pack = (site / "print/parents/index.html").read_text(encoding="utf-8")
    assert "fangzha:piece" not in pack and "致家长的一封信" in pack
    worksheet = (site / "quizzes/jiazhang-worksheet/index.html").read_text(encoding="utf-8")
    assert "fz-page-qr" in worksheet and "fz-print-worksheet" in worksheet
    assert "fangzha:cards" not in (site / "scams/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in home
    assert (site / "robots.txt").is_file()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    reference = json.loads(
        (three_sites["mkdocs"] / "search/search_index.json").read_text(encoding="utf-8")
    )
    assert index["docs"] == reference["docs"]
    # And the docs folder is as the author left it: finish took the generated pages out.
    project = three_sites["project"]
    assert not list((project / "docs").rglob("*-worksheet.md"))
    assert not (project / "docs/.fangzha-generated").exists()
    assert not (project / "docs/.gitignore").exists()


def test_the_hooks_free_build_stops_on_a_broken_page_as_the_normal_build_does(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs/scams/shuadan.md", "kind: scam", "kind: scma")
    normal = run([*MKDOCS, "build", "-f", "mkdocs.yml"], project)
    status, output = hooks_free_build(project)
    assert normal.returncode != 0 and status != 0
    line = next(
        line
        for line in normal.stdout.splitlines() + normal.stderr.splitlines()
        if "shuadan.md" in line
    )
    message = line.split("docs/scams/shuadan.md", 1)[1]
    assert f"docs/scams/shuadan.md{message}" in output
    assert "Traceback" not in output
    # Nothing was written into the docs folder.
    assert not (project / "docs/.fangzha-generated").exists()


def test_a_quiz_without_an_id_is_refused_with_the_line_to_add(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs/quizzes/jiazhang.md"
    text = path.read_text(encoding="utf-8")
    assert "    id: jiazhang\n" in text
    path.write_text(text.replace("    id: jiazhang\n", "", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("/// quiz"))
    done = run([*FANGZHA, "prepare", "-f", "mkdocs.yml"], project)
    assert done.returncode == 1
    assert (
        f"docs/quizzes/jiazhang.md:{line}: 测验没有写 id → 在 /// quiz 这一行下面加一行“    id: jiazhang”"
        in done.stderr
    )


def test_the_commands_read_the_settings_as_mkdocs_does():
    from fangzha import pipeline

    offline = pipeline.raw_config(ROOT / "mkdocs.offline.yml")
    # INHERIT: the organisation comes from mkdocs.yml, the offline plugin from this file.
    assert offline.extra["org"]["name"] == "示例市第一实验学校"
    assert offline.offline and not offline.use_directory_urls
    assert offline.site_dir == ROOT / "site-offline"
    online = pipeline.raw_config(ROOT / "mkdocs.yml")
    assert not online.offline and online.use_directory_urls
    assert online.search["jieba_dict_user"] == "hooks/jieba_userdict.txt"
    assert pipeline.url_of("index.md") == "./"
    assert pipeline.url_of("scams/shuadan.md") == "scams/shuadan/"
    assert pipeline.url_of("scams/index.md", False) == "scams/index.html"
    assert pipeline.url_of("scams/shuadan.md", False) == "scams/shuadan.html"
    assert pipeline.relative_url("assets/logo.png", "") == "assets/logo.png"
    assert pipeline.relative_url("assets/logo.png", "scams/shuadan/") == "../../assets/logo.png"


def test_a_slip_in_the_settings_file_is_named_in_chinese_with_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("phone:"))
    config.write_text(text.replace("    phone: ", "    phone：", 1), encoding="utf-8")
    done = run([*FANGZHA, "prepare", "-f", str(config)], tmp_path)
    assert done.returncode == 1
    assert (
        f"mkdocs.yml:{line}: 名称后面用了中文冒号“：” → 改成英文冒号“:”，后面空一格" in done.stderr
    )
    assert "Traceback" not in done.stderr
