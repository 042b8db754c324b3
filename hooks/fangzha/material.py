"""Every patch of Material for MkDocs' internals, in one place, with the versions it was checked on.

Material builds the search this site relies on; three of its internals are adjusted, each
checked against the Material versions in :data:`CHECKED_VERSIONS` by ``tests/test_material.py``,
which fails (naming the patch) when the installed Material is not one of them or no longer has
the code a patch expects:

1. **Search worker** (:func:`fix_query_segmentation`): the query segmentation in
   ``assets/javascripts/workers/search.*.min.js`` is repaired and tuned after the build copies it.
2. **Search index** (:func:`tune_index`, :func:`patch_search`): sections are folded into their
   page, field weights are set, and each page's rank (``boost``), exclusion and aliases (as
   ``tags``, Material's boosted field) are written into ``search/search_index.json``, and into the
   offline build's ``search/search_index.js``.
3. **Lazy search** (``overrides/main.html``, the inline script at the top of ``extrahead``):
   Material's bundle starts its search worker and requests the index at start-up; the script
   holds both until the reader opens search. :data:`LAZY_SEARCH_HOOKS` lists what it hooks into
   in Material's bundle; :func:`lazy_search_problems` checks a bundle still has them.
4. **Segmentation memo** (:func:`remember_segmentation`): the search plugin's
   ``SearchIndex._segment_chinese`` is wrapped so that a text it segmented once in this process
   (with the same dictionaries) is not segmented again: `mkdocs serve` rebuilds and branded
   variants (``fangzha-variants``) index the same pages' text over and over.

Nothing else in the package knows Material's internals. When the site moves to Material's
successor, this module is the one to rewrite (README, 「关于 Material 主题停止维护」).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .search import QUERY_STOPWORDS, alias_tags

# The Material versions these patches were checked against (tests/test_material.py).
CHECKED_VERSIONS = ("9.8.2",)


def installed_version() -> str | None:
    """The installed Material's version, or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mkdocs-material")
    except PackageNotFoundError:
        return None


class PatchError(Exception):
    """Material's code is not what a patch expects: the patch must be reviewed."""


@dataclass(frozen=True)
class SearchFields:
    """What the index says about one page, besides its text."""

    boost: float
    exclude: bool
    tags: list[str] = field(default_factory=list)
    own_boost: Mapping = field(default_factory=dict)  # the page's own `search:` front matter


_DICTIONARIES: set[str] = set()


def load_dictionary(path: Path) -> None:
    """Give jieba the domain dictionary once per process (the search plugin does it too)."""
    import jieba

    if str(path) not in _DICTIONARIES:
        jieba.load_userdict(str(path))
        _DICTIONARIES.add(str(path))


_CONVERTERS: tuple | None = None
_TAGS: dict[tuple, list[str]] = {}


def traditional() -> tuple:
    """Converters to traditional characters (general and Taiwan), made once per process."""
    global _CONVERTERS
    if _CONVERTERS is None:
        import opencc

        _CONVERTERS = (opencc.OpenCC("s2t").convert, opencc.OpenCC("s2tw").convert)
    return _CONVERTERS


def alias_tags_for(page, cut: Callable[[str], Iterable[str]]) -> list[str]:
    """A page's aliases as the index segments them, with traditional forms."""
    key = (tuple(page.aliases), page.title, frozenset(_DICTIONARIES))
    if key not in _TAGS:
        _TAGS[key] = alias_tags(page.aliases, page.title, cut, traditional())
    return list(_TAGS[key])


_SEGMENTED: dict[tuple, str] = {}
_SEGMENTED_LIMIT = 20_000  # about 40 MB of text


def remember_segmentation() -> None:
    """Wrap Material's Chinese segmentation of index text with a per-process memo (patch 4).

    The key holds the dictionaries' paths, sizes and times, so a changed dictionary segments
    afresh. Raises :class:`PatchError` when Material no longer has the method.
    """
    from material.plugins.search.plugin import SearchIndex

    original = getattr(SearchIndex, "_segment_chinese", None)
    if original is None:
        raise PatchError("Material's search plugin has no _segment_chinese any more")
    if getattr(original, "fangzha_memo", False):
        return

    def segment(self, data):
        key = (_dictionary_state(self.config), data)
        found = _SEGMENTED.get(key)
        if found is None:
            if len(_SEGMENTED) > _SEGMENTED_LIMIT:
                _SEGMENTED.clear()
            found = _SEGMENTED[key] = original(self, data)
        return found

    segment.fangzha_memo = True  # type: ignore[attr-defined]
    SearchIndex._segment_chinese = segment


def _dictionary_state(config) -> tuple:
    state = []
    for name in ("jieba_dict", "jieba_dict_user"):
        path = config.get(name)
        if path:
            try:
                stat = Path(path).stat()
                state.append((path, stat.st_size, stat.st_mtime_ns))
            except OSError:
                state.append((path, None, None))
    return tuple(state)


_OFFLINE_PREFIX = "var __index = "


def patch_search(site_dir: Path, fields: Mapping[str, SearchFields], dictionary=None) -> None:
    """Patch the search worker the build copied from the theme, and tune the index it wrote."""
    workers = sorted(site_dir.glob("assets/javascripts/workers/search.*.min.js"))
    if len(workers) != 1:
        raise PatchError(f"expected one Material search worker in the site, found {len(workers)}")
    worker = workers[0]
    worker.write_text(fix_query_segmentation(worker.read_text(encoding="utf-8")), encoding="utf-8")
    index = site_dir / "search/search_index.json"
    if index.is_file():
        tuned = tune_index(json.loads(index.read_text(encoding="utf-8")), fields)
        index.write_text(
            json.dumps(tuned, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    # The offline build inlines the index into a script; tune that copy too if it exists already.
    inlined = site_dir / "search/search_index.js"
    if inlined.is_file():
        text = inlined.read_text(encoding="utf-8")
        if text.startswith(_OFFLINE_PREFIX):
            tuned = tune_index(json.loads(text[len(_OFFLINE_PREFIX) :]), fields)
            inlined.write_text(
                _OFFLINE_PREFIX + json.dumps(tuned, ensure_ascii=False), encoding="utf-8"
            )


# What the lazy-search script in overrides/main.html hooks into, in Material's bundle:
# the worker is created from a URL containing "workers/search.", the index is fetched by
# XMLHttpRequest from ".../search/search_index.json", and opening search focuses the input
# marked data-md-component=search-query or clicks a label for="__search".
LAZY_SEARCH_HOOKS = {
    "worker": "new Worker(",
    "index request": "XMLHttpRequest",
    "index file": "search_index.json",
    "search input": '"search-query"',
}


def lazy_search_problems(bundle_js: str, template: str) -> list[str]:
    """What the lazy-search script needs but Material's bundle or the template no longer has."""
    problems = [
        f"Material's bundle no longer contains {needle!r} ({what}): review the lazy-search script"
        for what, needle in LAZY_SEARCH_HOOKS.items()
        if needle not in bundle_js
    ]
    for needle in (
        "workers\\/search\\.",
        "search\\/search_index\\.json",
        "search-query",
        "__search",
    ):
        if needle not in template:
            problems.append(f"overrides/main.html: the lazy-search script lost {needle!r}")
    return problems


# -- the index Material writes -----------------------------------------------------------------

# Field weights for ranking. Material's own (tags 1,000,000, title 1,000) let one alias word
# outweigh everything else a reader wrote: 手机 in one page's alias 出借手机卡 put that page
# first for 苹果手机的反诈app来电预警怎么设置. Measured on tests/data/search_queries.yml.
FIELD_BOOSTS = {"title": 3.0, "text": 1.0, "tags": 5.0}


def tune_index(index: dict, fields: Mapping[str, SearchFields] | None = None) -> dict:
    """Fold each page's sections into the page, set :data:`FIELD_BOOSTS` and each page's fields.

    Material indexes every ``##`` section as a document of its own. A reader describes a whole
    situation (the call, the demand, the secrecy) and a scam page tells it across sections, so
    no single section held enough of the words and a page that lists everything in one
    paragraph came first. One document per page, with all its text, ranks the page that tells
    the story. Returns a new index; an index already tuned is returned unchanged.
    """
    pages: dict[str, dict] = {}
    docs = []
    for doc in index.get("docs", []):
        base, _, anchor = doc["location"].partition("#")
        if anchor and base in pages:
            page = pages[base]
            page["text"] = " ".join(
                part for part in (page["text"], doc["title"], doc["text"]) if part
            )
            continue
        doc = dict(doc)
        pages[doc["location"]] = doc
        docs.append(doc)
    if fields:
        docs = [_with_fields(doc, fields.get(doc["location"])) for doc in docs]
        docs = [doc for doc in docs if doc is not None]
    config = dict(index.get("config", {}))
    config["fields"] = {
        name: {**field, "boost": FIELD_BOOSTS.get(name, field.get("boost", 1.0))}
        for name, field in config.get("fields", {}).items()
    }
    return {**index, "config": config, "docs": docs}


def _with_fields(doc: dict, page: SearchFields | None) -> dict | None:
    """A page's document with its rank and tags, or None when the page is left out of search."""
    if page is None:
        return doc
    if page.exclude and page.own_boost.get("exclude") is not False:
        return None
    doc["boost"] = page.own_boost.get("boost", page.boost)
    if page.tags:
        doc["tags"] = list(page.tags)
    return doc


# -- Material's in-browser query segmentation ---------------------------------------------------

# Material's search worker splits a Chinese query into words its index knows, then searches
# every word with a trailing wildcard. This module repairs and tunes that step in the worker the
# build copies from the theme (checked against the versions in
# CHECKED_VERSIONS, see tests/test_material.py):
# - its loop stops one character short ("for(let o=s+1;o<t.length;o++)"), so the last word
#   of every query is cut off: 免费领皮肤 is searched as 免费 + 领, never 皮肤;
# - the words replace the Chinese run with nothing around them, so Latin letters that follow
#   stick to the last word: 国家反诈中心app becomes one term that matches nothing;
# - every word counts, so in a sentence the function words decide the ranking: 我* matches the
#   tag 我换(号了), 被* matches 被盗, and 孩子游戏充值被骗了怎么办 found 网络裸聊敲诈 first.
#   Words of :data:`QUERY_STOPWORDS` and single characters are dropped from a query that has
#   other words (a one-character query is searched as it is);
# - the words are searched exactly, not as prefixes: the index knows each of them whole, and
#   手机* would match the tag 手机口 and 视频* the tag 视频敲诈.
_SEGMENT_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
_SEGMENT_JOIN = re.compile(r'(\w)=>\[\.\.\.(\w+)\(\1,this\.index\.invertedIndex\)\]\.join\("\* "\)')
_MARK = "/*fangzha:query*/"


def query_prelude(stopwords: Iterable[str] = QUERY_STOPWORDS) -> str:
    """The JavaScript put at the top of the worker: the word filter its search calls."""
    words = json.dumps(sorted(set(stopwords)), ensure_ascii=False)
    return (
        f"{_MARK}var __fzStop=new Set({words});"
        "function __fzWords(w){var k=w.filter(function(x){return!__fzStop.has(x)}),"
        "l=k.filter(function(x){return x.length>1});return l.length?l:k.length?k:w}\n"
    )


def fix_query_segmentation(worker_js: str) -> str:
    """Repair and tune Material's query segmentation; fail if the code is not what this expects.

    A worker this function already patched (a ``--dirty`` build keeps it) is returned as is.
    """
    if worker_js.startswith(_MARK):
        return worker_js
    for pattern in (_SEGMENT_LOOP, _SEGMENT_JOIN):
        found = len(pattern.findall(worker_js))
        if found != 1:
            raise PatchError(
                f"found Material's query segmentation code {found} times in its search worker, "
                "expected once; Material has changed, review fangzha.material.fix_query_segmentation"
            )
    worker_js = _SEGMENT_LOOP.sub(
        lambda m: m.group(0).replace(f"{m.group(1)}<{m.group(3)}", f"{m.group(1)}<={m.group(3)}"),
        worker_js,
    )
    worker_js = _SEGMENT_JOIN.sub(
        lambda m: (
            f'{m.group(1)}=>" "+__fzWords([...{m.group(2)}({m.group(1)},this.index.invertedIndex)])'
            '.join(" ")+" "'
        ),
        worker_js,
    )
    return query_prelude() + worker_js
