"""Every patch of Material's internals (fangzha.material) still applies to the Material installed.

When Material changes, these fail, naming the patch to review, before a reader meets a search
that finds nothing. After reviewing, add the version to ``CHECKED_VERSIONS``.
"""

from __future__ import annotations

import ast
import json
from importlib.util import find_spec
from pathlib import Path

import pytest

from fangzha import material
from fangzha.material import PatchError, SearchFields, fix_query_segmentation, tune_index
from util import ROOT

THEME = Path(find_spec("material").origin).parent / "templates"


def test_the_installed_material_is_a_version_the_patches_were_checked_against():
    version = material.installed_version()
    assert version in material.CHECKED_VERSIONS, (
        f"mkdocs-material {version} is installed; the patches in fangzha/material.py were "
        f"checked against {material.CHECKED_VERSIONS}: run tests/test_material.py and "
        "tests/test_search.py, review each patch, then add the version"
    )


def test_the_search_worker_patch_applies_to_the_installed_worker():
    workers = sorted((THEME / "assets/javascripts/workers").glob("search.*.min.js"))
    assert len(workers) == 1
    fixed = fix_query_segmentation(workers[0].read_text(encoding="utf-8"))
    assert "__fzWords(" in fixed and fix_query_segmentation(fixed) == fixed
    with pytest.raises(PatchError, match="Material has changed"):
        fix_query_segmentation(workers[0].read_text(encoding="utf-8").replace(".length;", ".size;"))


def test_the_lazy_search_script_still_hooks_into_the_installed_bundle():
    bundles = sorted((THEME / "assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    bundle = bundles[0].read_text(encoding="utf-8")
    template = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    assert material.lazy_search_problems(bundle, template) == []
    # The check itself notices a bundle that changed.
    assert material.lazy_search_problems(
        bundle.replace("new Worker(", "new SharedWorker("), template
    )


def test_the_segmentation_memo_wraps_materials_segmenter_and_gives_the_same_words(tmp_path):
    """Patch 4: Material's own segmentation, remembered; a changed dictionary segments afresh."""
    from material.plugins.search.plugin import SearchIndex

    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("刷单返利 100 n\n", encoding="utf-8")
    index = SearchIndex(jieba_dict_user=str(dictionary))
    text = "警惕刷单返利诈骗，先垫付再返利的都是骗局"
    plain = SearchIndex._segment_chinese(index, text)
    material.remember_segmentation()
    assert getattr(SearchIndex._segment_chinese, "fangzha_memo", False)
    assert index._segment_chinese(text) == plain and "\u200b" in plain
    material.remember_segmentation()  # applied once, however often it is asked
    assert index._segment_chinese(text) == plain
    dictionary.write_text("刷单返利 100 n\n垫付 100 n\n", encoding="utf-8")
    keys = [key for key in material._SEGMENTED if key[1] == text]
    index._segment_chinese(text)
    assert len([key for key in material._SEGMENTED if key[1] == text]) == len(keys) + 1


def test_the_index_patch_matches_the_entries_material_writes():
    """Material's search plugin writes location, title, text, and tags and boost from page meta."""
    source = (Path(find_spec("material").origin).parent / "plugins/search/plugin.py").read_text(
        encoding="utf-8"
    )
    tree = ast.parse(source)
    keys = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert {"location", "title", "text", "tags", "boost", "exclude"} <= keys
    index = {
        "config": {
            "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1e6}}
        },
        "docs": [
            {"location": "a/", "title": "甲", "text": "一"},
            {"location": "a/#x", "title": "小节", "text": "二"},
            {"location": "b/", "title": "乙", "text": "三"},
            {"location": "", "title": "首页", "text": "四"},
        ],
    }
    tuned = tune_index(
        index,
        {
            "a/": SearchFields(boost=3.0, exclude=False, tags=["刷单"]),
            "b/": SearchFields(boost=0.4, exclude=True),
            "": SearchFields(boost=0.7, exclude=False, own_boost={"boost": 2}),
        },
    )
    assert tuned["docs"] == [
        {"location": "a/", "title": "甲", "text": "一 小节 二", "boost": 3.0, "tags": ["刷单"]},
        {"location": "", "title": "首页", "text": "四", "boost": 2},
    ]
    assert tuned["config"]["fields"]["tags"]["boost"] == material.FIELD_BOOSTS["tags"]


def test_a_built_index_ranks_pages_by_kind_and_knows_their_aliases(built_site, catalog):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    shuadan = docs["scams/shuadan/"]
    assert shuadan["boost"] == 3.0 and shuadan["tags"]
    # Lessons and practice are not searched: a pasted message lands on the scam page.
    practice = [p["url"] for p in catalog["pages"] if p["kind"] in ("lesson", "drill", "spot")]
    assert len(practice) > 10
    assert [url for url in practice if url in docs] == []
