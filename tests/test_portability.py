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
from util import ROOT

CORE = ROOT / "hooks/fangzha"
# The core modules allowed to know MkDocs or Material: the glue the MkDocs adapter uses (logging,
# errors) and the one module of Material patches.
MKDOCS_GLUE = {"mkdocs_glue.py", "material.py"}


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


EXTENSIONS = ["fangzha.pages", "fangzha.blocks", "attr_list", "md_in_html", "admonition"]
CONFIGS = {"fangzha.pages": {"config": str(ROOT / "mkdocs.yml")}}


def test_settings_in_page_text_are_filled_in_without_hooks():
    _, body, _ = split_front_matter((ROOT / "docs/index.md").read_text(encoding="utf-8"))
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS)
    assert "{{" not in html
    assert "示例市第一实验学校" in html and "实验学校或老师的名义" in html


def test_a_mistyped_setting_stops_the_render_with_what_to_write():
    with pytest.raises(BlockError, match=r"没有“org.nmae”这个设置（是不是想写 org.name？）"):
        markdown.markdown("主办：{{ org.nmae }}", extensions=EXTENSIONS, extension_configs=CONFIGS)
