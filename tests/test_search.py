"""Search that understands how people describe what happened to them, run in Chromium."""

import os
import re
import subprocess
import sys

import jieba
import pytest
import yaml

from conftest import Watch, open_page, wait_until
from fangzha.material import PatchError
from fangzha.search import ZWSP, alias_tags, read_dictionary
from util import ROOT, build, copy_project, edit

QUERIES = yaml.safe_load((ROOT / "tests/data/search_queries.yml").read_text(encoding="utf-8"))
DICTIONARY = ROOT / "hooks/jieba_userdict.txt"


def test_the_query_set_is_large_enough_and_points_at_real_pages(built_site):
    assert len(QUERIES) >= 140
    for item in QUERIES:
        assert (built_site / item["page"] / "index.html").is_file(), item


def test_every_dictionary_word_changes_segmentation():
    words, problems = read_dictionary(
        DICTIONARY.read_text(encoding="utf-8"), "hooks/jieba_userdict.txt"
    )
    assert problems == [] and len(words) >= 30
    plain = jieba.Tokenizer()
    domain = jieba.Tokenizer()
    domain.load_userdict(str(DICTIONARY))
    for word in words:
        assert plain.lcut(word) != [word], f"{word}: jieba already keeps it whole; remove it"
        assert domain.lcut(word) == [word], f"{word}: the dictionary does not keep it whole"
    for word in ("刷单返利", "杀猪盘", "安全账户", "校园贷", "屏幕共享", "征信修复", "百万保障"):
        assert word in words


def test_dictionary_mistakes_are_named_with_line():
    _, problems = read_dictionary("杀猪盘\n安全 账户 x 1\n杀猪盘\n", "d.txt")
    assert [str(p) for p in problems] == [
        "d.txt:2: 这一行“安全 账户 x 1”读不懂 → 一行写一个词，后面可以空一格写词频和词性，例如“杀猪盘 5 n”",
        "d.txt:3: “杀猪盘”和第 1 行重复 → 删掉这一行",
    ]


def test_alias_tags_are_segmented_and_come_in_traditional_too():
    cut = lambda text: {"网恋被骗": ["网恋", "被", "骗"], "杀猪盘": ["杀猪盘"]}.get(text, [text])  # noqa: E731
    tags = alias_tags(
        ["网恋被骗"], "杀猪盘", cut, [lambda s: s.replace("恋", "戀").replace("猪", "豬")]
    )
    assert tags == ["网恋", "网戀", "杀豬盘"]


def build_output(project):
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    return result.errors


def test_a_broken_dictionary_path_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(
        project / "mkdocs.yml",
        "jieba_dict_user: hooks/jieba_userdict.txt",
        "jieba_dict_user: hooks/missing.txt",
    )
    assert build_output(project)[0] == (
        "mkdocs.yml: plugins.search.jieba_dict_user：找不到文件“hooks/missing.txt” → "
        "写词典文件相对于 mkdocs.yml 的路径，例如 hooks/jieba_userdict.txt"
    )


def test_building_from_another_directory_still_finds_the_dictionary(tmp_path):
    project = copy_project(tmp_path / "p")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(tmp_path / "s"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_jieba_the_build_stops_instead_of_degrading_search(tmp_path):
    project = copy_project(tmp_path / "p")
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "jieba.py").write_text("raise ImportError('jieba is not installed')\n")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(blocker), "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0 and "Traceback" not in done.stdout + done.stderr
    assert (
        "mkdocs.yml: plugins.search：没有安装 Python 包 jieba，中文搜索会悄悄失效 → 运行 pip install -e . 安装"
    ) in done.stdout + done.stderr


def test_lang_zh_is_refused_with_the_reason(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(project / "mkdocs.yml", "  - search:\n", "  - search:\n      lang: zh\n")
    assert build_output(project)[0].startswith(
        "mkdocs.yml: plugins.search.lang：写了 zh → 删掉这一项"
    )


# -- in the browser -------------------------------------------------------------------------


def top_pages(page, query, n=3):
    """Type a query into the real search box; return the first n distinct result pages."""
    box = page.locator("input[data-md-component=search-query]")
    box.fill("")
    box.press("End")
    wait_until(
        page, "document.querySelector('.md-search-result__meta').textContent.includes('键入')"
    )
    box.fill(query)
    box.press("End")
    wait_until(
        page, "!document.querySelector('.md-search-result__meta').textContent.includes('键入')"
    )
    page.wait_for_timeout(50)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "els => els.map(e => e.getAttribute('href'))",
    )
    pages = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].split("127.0.0.1")[-1]
        path = path[path.index("/") + 1 :] if "/" in path else path
        if path not in pages:
            pages.append(path)
    return pages[:n]


@pytest.mark.browser
def test_the_right_page_comes_first_for_keywords_and_whole_sentences(page, server, watch):
    page.goto(server.url)
    page.locator("label[for=__search]").first.click()
    first, misses = 0, []
    for item in QUERIES:
        found = top_pages(page, item["query"])
        first += found[:1] == [item["page"]]
        if item["page"] not in found:
            misses.append(f"{item['query']} → {found} (want {item['page']})")
    top1, recall = first / len(QUERIES), 1 - len(misses) / len(QUERIES)
    print(
        f"top-1 = {top1:.3f}, recall@3 = {recall:.3f} on {len(QUERIES)} queries; misses: {misses}"
    )
    assert top1 >= 0.85
    assert recall >= 0.97, "\n".join(misses)
    watch.assert_clean()


def results(page):
    """The result pages listed now, in order."""
    return [
        href.split("127.0.0.1")[-1].split("/", 1)[-1].split("?")[0].split("#")[0]
        for href in page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            "els => els.map(e => e.getAttribute('href'))",
        )
    ]


@pytest.mark.browser
def test_pasted_and_dictated_text_searches_without_a_key_press(page, server, watch):
    page.goto(server.url + "scams/")
    page.locator("label[for=__search]").first.click()
    box = page.locator("input[data-md-component=search-query]")
    # The long-press 粘贴 menu: the text arrives at once, with an input event and no key.
    box.fill("有人让我屏幕共享")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    assert results(page)[0] == "scams/pingmu/"
    # A voice keyboard inserts its words the same way.
    box.fill("")
    page.keyboard.insert_text("孩子游戏充值被骗了怎么办")
    wait_until(
        page,
        "(document.querySelector('.md-search-result__item a') || {}).href"
        " && document.querySelector('.md-search-result__item a').href.includes('/scams/pifu/')",
    )
    # Matches are marked; nothing says what did not match.
    assert page.locator(".md-search-result__item mark").count() > 0
    assert page.locator(".md-search-result__terms").evaluate_all(
        "els => els.every(e => getComputedStyle(e).display === 'none')"
    )
    watch.assert_clean()


@pytest.mark.browser
def test_a_search_link_opens_with_its_results(page, server, watch):
    page.goto(server.url + "?q=" + "客服说要双倍退款")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    assert results(page)[0] == "scams/kefu/"
    watch.assert_clean()


@pytest.mark.browser
def test_a_scam_page_ranks_above_the_quiz_that_mentions_it_and_matches_are_marked(page, server):
    page.goto(server.url)
    page.locator("label[for=__search]").first.click()
    found = top_pages(page, "刷单返利", n=10)
    assert found[0] == "scams/shuadan/"
    quizzes = [p for p in found if p.startswith("quizzes/")]
    assert all(found.index(q) > 0 for q in quizzes)
    assert page.locator(".md-search-result__item mark").first.inner_text() in ("刷单返利", "刷单")


@pytest.mark.browser
def test_search_works_offline_from_file_urls(browser, offline_site):
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 390, "height": 844})
    page.goto((offline_site / "index.html").as_uri())
    page.locator("label[for=__search]").first.click()
    for item in QUERIES[:20]:
        found = [p.replace(".html", "/") for p in top_pages(page, str(item["query"]))]
        found = [f.split("site/")[-1] if "site/" in f else f for f in found]
        assert any(
            f.endswith(item["page"]) or f.endswith(item["page"].rstrip("/") + "/") for f in found
        ), (item, found)
    assert page.locator(".md-search-result .md-tags").first.is_hidden()
    page.context.close()
    watch.assert_clean()


def test_offline_config_searches_like_the_online_one():
    online = yaml.safe_load(
        re.sub(r"!!python\S+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    offline = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8"))

    def search_of(cfg):
        return next(p["search"] for p in cfg["plugins"] if isinstance(p, dict) and "search" in p)

    assert search_of(offline) == search_of(online)
    assert "offline" in offline["plugins"]


def test_fix_query_segmentation_patches_exactly_once():
    from fangzha.material import fix_query_segmentation

    worker = 'e=e.replace(r,s=>[...fe(s,this.index.invertedIndex)].join("* "));function fe(t,e){for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)}'
    fixed = fix_query_segmentation(worker)
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in fixed
    assert 's=>" "+__fzWords([...fe(s,this.index.invertedIndex)]).join(" ")+" "' in fixed
    assert fix_query_segmentation(fixed) == fixed
    with pytest.raises(PatchError, match="Material has changed"):
        fix_query_segmentation(worker.replace("o<t.length", "o<n"))


def test_the_query_filter_drops_filler_but_never_the_whole_query():
    from fangzha.material import query_prelude

    script = query_prelude() + (
        "console.log(JSON.stringify([__fzWords(['孩子','游戏','充值','被','骗','了','怎么办']),"
        "__fzWords(['骗']), __fzWords(['是不是'])]))"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == '[["孩子","游戏","充值"],["骗"],["是不是"]]'


def test_the_built_worker_and_index_carry_the_tuning(built_site):
    import json

    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(
        encoding="utf-8"
    )
    assert "o<=t.length" in worker and '" "+__fzWords([...fe(' in worker
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    # One document per page: a scam page's sections are folded into it.
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("scams/shuadan/#")]
    shuadan = next(d for d in index["docs"] if d["location"] == "scams/shuadan/")
    assert "如果已经被骗" in shuadan["text"].replace(ZWSP, "")
    # The short version for chat groups repeats the page and is left out.
    assert "复制文字" not in shuadan["text"] and "微信群" not in shuadan["text"].replace(ZWSP, "")
    assert index["config"]["fields"]["tags"]["boost"] < 100


@pytest.mark.browser
def test_the_search_index_loads_only_when_the_reader_opens_search(page, server, watch):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server.url + "scams/shuadan/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "search_index.json" in u or "/workers/search." in u]
    top = top_pages  # the real search box, as a reader uses it
    page.locator("label[for=__search]").first.click()
    assert top(page, "杀猪盘")[0] == "scams/hunlian/"
    assert [u for u in requested if "search_index.json" in u]
    watch.assert_clean()
