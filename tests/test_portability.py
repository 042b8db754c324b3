"""Ready for life after Material (README 「关于 Material 主题停止维护」): what must hold for the
site to build on a generator that runs Python-Markdown extensions but neither MkDocs hooks nor
Material's template context."""

from __future__ import annotations

import ast
import re

import markdown
import pytest

from fangzha.blockspec import BlockError
from fangzha.library import split_front_matter
from util import ROOT, build, copy_project, html_pages

CORE = ROOT / "hooks/fangzha"
# The one core module allowed to know MkDocs: the glue the hooks use (logging, errors, state).
MKDOCS_GLUE = {"mkdocs_glue.py"}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_core_imports_neither_mkdocs_nor_material():
    found = {
        path.name: sorted(
            m for m in imported_modules(path) if m.split(".")[0] in ("mkdocs", "material")
        )
        for path in sorted(CORE.glob("*.py"))
        if path.name not in MKDOCS_GLUE
    }
    assert {name: mods for name, mods in found.items() if mods} == {}
    # And the check itself sees imports: the glue does import MkDocs.
    assert any(m.startswith("mkdocs") for m in imported_modules(CORE / "mkdocs_glue.py"))


def test_every_template_imports_the_translations_it_uses():
    """Jinja passes Material's ``lang`` down to included partials; MiniJinja does not."""
    missing = []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\blang\.t\(", text) and (
            '{% import "partials/language.html" as lang with context %}' not in text
        ):
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == []


def test_the_header_finds_search_under_either_plugin_name():
    header = (ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    assert 'config.plugins["material/search"]' in header and 'config.plugins["search"]' in header


def quiz_blocks():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^/// quiz \|.*\n((?: {4}\S.*\n)*)", text, re.M):
            yield path, text, match


def test_every_quiz_names_its_id_in_the_file():
    """Without the hooks a quiz's id would fall back to a hash of its title: saved progress and
    every completion-card code handed out would stop matching. The id is written down."""
    blocks = list(quiz_blocks())
    assert len(blocks) >= 15
    for path, _, match in blocks:
        ids = re.findall(r"^ {4}id: ([a-z0-9-]+)$", match.group(1), re.M)
        assert ids == [path.stem], path.relative_to(ROOT)


def test_a_quiz_rendered_without_hooks_keeps_the_id_its_cards_carry():
    path, text, _ = next(b for b in quiz_blocks() if b[0].parent.name == "quizzes")
    _, body, _ = split_front_matter(text)
    html = markdown.markdown(body, extensions=["fangzha.blocks", "attr_list", "md_in_html"])
    assert f'data-quiz="{path.stem}"' in html


EXTENSIONS = ["fangzha.settings_text", "fangzha.blocks", "attr_list", "md_in_html", "admonition"]
CONFIGS = {"fangzha.settings_text": {"config": str(ROOT / "mkdocs.yml")}}


def test_settings_in_page_text_are_filled_in_without_hooks():
    _, body, _ = split_front_matter((ROOT / "docs/index.md").read_text(encoding="utf-8"))
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS)
    assert "{{" not in html
    assert "示例市第一实验学校" in html and "实验学校或老师的名义" in html


def test_a_mistyped_setting_stops_the_render_with_what_to_write():
    with pytest.raises(BlockError, match=r"没有“org.nmae”这个设置（是不是想写 org.name？）"):
        markdown.markdown("主办：{{ org.nmae }}", extensions=EXTENSIONS, extension_configs=CONFIGS)


def test_a_build_without_hooks_keeps_settings_and_quiz_ids(tmp_path):
    """What a generator that runs no MkDocs hooks (Zensical) would make of the site today."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    without = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", text)
    assert without != text
    # Not strict: the pages the hooks generate (worksheets, print packs) are missing, and the
    # links to them are warnings. Making those generated without hooks is the rest of issue #18.
    without = without.replace("strict: true", "strict: false")
    config.write_text(without, encoding="utf-8")
    result = build(project, strict=False)
    assert result.returncode == 0, result.output
    literal = [
        p.relative_to(result.site).as_posix()
        for p in html_pages(result.site)
        if "{{" in p.read_text(encoding="utf-8")
    ]
    assert literal == []
    assert "示例市第一实验学校" in (result.site / "index.html").read_text(encoding="utf-8")
    for quiz in sorted((project / "docs/quizzes").glob("*.md")):
        if quiz.stem == "index":
            continue
        html = (result.site / "quizzes" / quiz.stem / "index.html").read_text(encoding="utf-8")
        assert f'data-quiz="{quiz.stem}"' in html, quiz.stem
