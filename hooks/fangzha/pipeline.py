"""The build, as named stages over one typed state: read → generate → render → finish.

Every way of building the site runs these stages in this order; only *render* belongs to the
engine (MkDocs today):

1. :func:`configure` checks the settings (``extra.org``, the theme's font, search, privacy);
2. :func:`read` reads and validates every page, quiz, marker and lesson, and stops with every
   problem at once;
3. :func:`generate` returns the pages and files the build adds to the author's: worksheets and
   answer keys, lessons' 上课 pages, print packs, LED text, the checker's index;
4. the engine renders all pages; on each page, :func:`page_markdown` (before Markdown) and
   :func:`page_html` (after) do this site's page-level work, called by the ``fangzha.pages``
   Markdown extension, with or without hooks;
5. :func:`finish` works on the written site: print packs filled from their rendered pieces,
   ``catalog.json``, the search index and worker, ``robots.txt``, the CSP, the offline zip.

Two adapters call the stages: ``hooks/fangzha_mkdocs.py`` (MkDocs events) and ``fangzha
prepare`` / ``fangzha finish`` (``fangzha.cli``, for an engine that runs no hooks). Nothing
here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import lessons, material, navigation, templating, yamlfile
from .cards import replace_markers
from .checker import CHECK_PAGE, INDEX_URI, compile_index, index_script
from .drill import card_entries, catalog_fields
from .library import Library, load_library, read_sources, split_front_matter
from .links import checklist_boxes, mark_external
from .model import BANDS, ContentPage
from .org import parse_org
from .print_pack import (
    PACK_AUDIENCES,
    PACK_DIR,
    PIECE_FORMATS,
    Piece,
    band_pieces,
    built_piece,
    fill_pack,
    index_markdown,
    mark_piece,
    pack_markdown,
    pack_uri,
    pieces_for,
    prepare_handout,
)
from .problems import Problem, say
from .publish import (
    OFFLINE_README,
    add_csp_meta,
    content_security_policy,
    inline_script_hashes,
    parse_analytics,
    remove_element,
    robots_txt,
    source_fingerprint,
    zip_fingerprint,
    zip_site,
)
from .qr import absolute_url, qr_svg, readable, short_path, site_label, site_path
from .quiz_site import MIN_QUESTIONS_PER_SCAM, QuizPage, collect, coverage, derived_markdown
from .readability import stale_pages
from .screen import led_text, led_uri, parse_lines
from .scripts import clock, page_reading_time, summary_markdown
from .search import KIND_BOOST, UNINDEXED_KINDS, read_dictionary
from .textfile import decode

DEFAULT_ZIP = "site-offline.zip"
DOWNLOAD_PATH = "download/fangzha-offline.zip"


class Stop(Exception):
    """The build cannot go on: ``problems`` say where and what to write instead."""

    def __init__(self, problems: Iterable[Problem], what: str, what_en: str = "") -> None:
        self.problems = list(problems)
        self.what = what
        self.what_en = what_en or what
        n = len(self.problems)
        super().__init__(
            say(
                f"生成已停止：{what}里有 {n} 个问题，已在上面逐条列出。",
                f"Stopped: {n} problem{'s' if n != 1 else ''} in {self.what_en}, listed above.",
            )
        )


def stop_on(problems: Iterable[Problem], what: str, what_en: str = "") -> None:
    """Raise :class:`Stop` if there are problems."""
    problems = list(problems)
    if problems:
        raise Stop(problems, what, what_en)


# The build an adapter is running in this process, for the fangzha.pages extension (one at a time).
active: Build | None = None


def register(build: Build | None) -> None:
    """Hand the build over to the Markdown extension (None when it is done)."""
    global active
    active = build


# -- settings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundle:
    """An offline build that is also the published site (a branded variant, ``fangzha-variants``):
    :func:`finish` zips it for USB sticks first, then gives the published copy its CSP and a
    link to download that zip. One render serves both: addresses end in .html, which any static
    server and object storage serve without a per-folder index setting."""

    zip_path: Path
    # Files the variant adds to the docs (its own logo): path in the docs → file on disk.
    files: tuple[tuple[str, Path], ...] = ()


# Set by fangzha.variants around one engine run; the adapter copies it into RawConfig.
bundle_request: Bundle | None = None


@dataclass(frozen=True)
class RawConfig:
    """What the stages read from the configuration, however the engine loaded it."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_name: str
    site_url: str | None
    use_directory_urls: bool
    site_description: str
    extra: Mapping[str, Any]
    font: Any  # theme.font: must be false
    search: Mapping[str, Any] | None  # the search plugin's options; None when it is off
    offline: bool  # Material's offline plugin is on
    theme_dir: Path | None  # theme.custom_dir
    strict: bool = True
    bundle: Bundle | None = None  # offline builds only


@dataclass
class Settings:
    """The checked settings every later stage uses."""

    raw: RawConfig
    org: dict
    context: dict  # what page text may refer to ({{ org.name }} …)
    analytics: dict | None
    dictionary: Path | None  # the jieba user dictionary, resolved
    docs_prefix: str  # how problems name the docs folder (docs, or site/docs …)
    today: dt.date

    @property
    def where(self) -> str:
        return self.raw.config_file.name

    @property
    def project(self) -> Path:
        return self.raw.config_file.resolve().parent

    @property
    def zip_path(self) -> Path:
        return self.project / self.raw.extra.get("offline_zip", DEFAULT_ZIP)

    def fingerprint(self) -> str:
        """The fingerprint of the sources this build reads (the offline zip carries it)."""
        return source_fingerprint(self.project, self.raw.docs_dir, self.raw.theme_dir)


def configure(raw: RawConfig, today: dt.date | None = None) -> Settings:
    """Check the settings; stop with every problem in them at once."""
    today = today or dt.date.today()
    where = raw.config_file.name
    org, problems = parse_org(
        raw.extra.get("org"),
        where=where,
        lines=_org_lines(raw.config_file),
        docs_dir=raw.docs_dir,
        added=dict(raw.bundle.files) if raw.bundle else None,
    )
    problems = _duplicates(raw.config_file, where) + problems
    if raw.font is not False:
        problems.append(
            Problem(
                where,
                None,
                "theme.font：设置了网络字体 → 写成 font: false（否则每个页面都会从谷歌加载字体，"
                "这是第三方请求，在中国大陆也打不开）",
                f"theme.font: found {raw.font!r}, expected false (Google Fonts are "
                "a third-party request and are unreachable from mainland China)",
            )
        )
    try:
        import jieba  # noqa: F401
    except ImportError:
        problems.append(
            Problem(
                where,
                None,
                "plugins.search：没有安装 Python 包 jieba，中文搜索会悄悄失效 → 运行 pip install -e . 安装",
                "plugins.search: the Python package 'jieba' is not installed, so "
                "Chinese search would silently degrade; expected it installed (pip install -e .)",
            )
        )
    dictionary, found = _search_problems(raw, where)
    problems += found
    stop_on(problems, f"{where} 的设置", f"{where} settings")

    problems = []
    if raw.extra.get("analytics"):
        problems.append(
            Problem(
                where,
                None,
                "extra.analytics：设置了第三方统计服务 → 删掉它：本站不从其他网站加载任何东西；"
                "要统计访问，请用本单位自己服务器上的统计（见 README 中的 extra.selfhosted_analytics）",
                "extra.analytics: found an analytics service, expected it left out: this "
                "site loads nothing from other hosts; see extra.selfhosted_analytics in the README",
            )
        )
    analytics, found = parse_analytics(raw.extra.get("selfhosted_analytics"), where=where)
    stop_on(problems + found, f"{where} 的隐私设置", f"{where} privacy settings")
    return Settings(
        raw=raw,
        org=org,
        context=templating.site_context(org, raw.site_name, raw.site_url, today),
        analytics=analytics,
        dictionary=dictionary,
        docs_prefix=_docs_prefix(raw),
        today=today,
    )


def _docs_prefix(raw: RawConfig) -> str:
    docs = raw.docs_dir
    try:
        return docs.resolve().relative_to(raw.config_file.resolve().parent).as_posix()
    except ValueError:
        return docs.as_posix()


def _duplicates(config_path: Path, where: str) -> list[Problem]:
    """Keys written twice in mkdocs.yml: YAML quietly keeps the second (a phone number, say)."""
    try:
        text = config_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [
        Problem(
            where,
            found.again,
            f"“{'.'.join(map(str, found.path))}”写了两次（第 {found.first} 行和这一行），"
            "只有后写的会生效 → 删掉其中一行",
            f"{'.'.join(map(str, found.path))!r} is written twice (lines {found.first} and "
            f"{found.again}); only the last would count: delete one",
        )
        for found in yamlfile.duplicate_keys(text)
    ]


def _org_lines(config_path: Path) -> dict[tuple, int]:
    """Line numbers of keys under ``extra.org`` in the config file, if it has them there."""
    try:
        text = config_path.read_text(encoding="utf-8")
    except OSError:
        return {}
    prefix = ("extra", "org")
    return {
        path[len(prefix) :]: line
        for path, line in yamlfile.key_lines(text).items()
        if path[: len(prefix)] == prefix
    }


def _search_problems(raw: RawConfig, where: str) -> tuple[Path | None, list[Problem]]:
    """Catch the search settings that silently break Chinese search."""
    options = raw.search
    if options is None:
        return None, [
            Problem(
                where,
                None,
                "plugins：没有开启搜索 → 在 plugins 下面写“- search”（见 mkdocs.yml 里的例子）",
                "plugins: search is not enabled; expected '- search' under plugins",
            )
        ]
    problems = []
    if "zh" in (options.get("lang") or []):
        problems.append(
            Problem(
                where,
                None,
                "plugins.search.lang：写了 zh → 删掉这一项：浏览器里的 lunr 中文插件什么也搜不到，"
                "中文已经在生成时由 jieba 分词",
                "plugins.search.lang: found 'zh', expected it left out: lunr's zh "
                "plugin needs Node's jieba and finds nothing in a browser; jieba already "
                "segments Chinese at build time",
            )
        )
    separator = options.get("separator") or ""
    if "\\u200b" not in separator and "\u200b" not in separator:
        problems.append(
            Problem(
                where,
                None,
                f"plugins.search.separator：写成了 {options.get('separator')!r} → 里面要有 \\u200b"
                "（jieba 分出的词用它隔开），照 mkdocs.yml 原来的写法改回去",
                f"plugins.search.separator: found {options.get('separator')!r}, "
                "expected a pattern that includes \\u200b (jieba's word boundary)",
            )
        )
    name = options.get("jieba_dict_user")
    if not name:
        problems.append(
            Problem(
                where,
                None,
                "plugins.search.jieba_dict_user：缺少这一项 → 写 jieba_dict_user: hooks/jieba_userdict.txt",
                "plugins.search.jieba_dict_user: missing; expected the domain dictionary, hooks/jieba_userdict.txt",
            )
        )
        return None, problems
    path = Path(name)
    if not path.is_absolute():
        path = raw.config_file.resolve().parent / path
    if not path.is_file():
        problems.append(
            Problem(
                where,
                None,
                f"plugins.search.jieba_dict_user：找不到文件“{name}” → 写词典文件相对于 {where} 的路径，"
                "例如 hooks/jieba_userdict.txt",
                f"plugins.search.jieba_dict_user: found '{name}', which does not exist; expected the path of the domain dictionary, relative to {where}",
            )
        )
        return None, problems
    problems += read_dictionary(path.read_text(encoding="utf-8"), str(name))[1]
    return path, problems


# -- the build state ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """A page or file the build adds: its path in the docs, its content, where it comes from."""

    uri: str
    content: str
    source: str | None = None  # the author's page it is made from
    part: str = ""  # worksheet | answers | slides | pack | packs | led | check-index


@dataclass
class Build:
    """Everything the stages after :func:`read` know about this build."""

    settings: Settings
    library: Library
    pages: list[str]  # the author's Markdown pages, as paths inside the docs folder
    quizzes: dict[str, list[QuizPage]]
    quiz_list: list[tuple]  # (id, title, score, unit) for the completion-card check
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    generated: dict[str, Generated] = field(default_factory=dict)
    packs: dict[str, str] = field(default_factory=dict)  # group → pack page
    pack_pieces: dict[str, dict[str, Piece]] = field(default_factory=dict)  # pack page → pieces
    fingerprints: dict[str, str] = field(default_factory=dict)  # page body → page (see pages.py)
    pieces: dict[str, str] = field(default_factory=dict)  # pack pieces as this run rendered them
    _urls: tuple | None = field(default=None, repr=False)
    _signature: str | None = field(default=None, repr=False)
    _offline_zip: tuple[Path | None] | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return self.settings.docs_prefix

    def url(self, uri: str) -> str:
        """The site-relative address a docs file is written to (as MkDocs computes it)."""
        return url_of(uri, self.settings.raw.use_directory_urls)

    def page_url(self, uri: str) -> str:
        """A page's address as templates and the search index know it: the home page's is ''."""
        url = self.url(uri)
        return "" if url == "./" else url

    def urls(self) -> dict[str, str]:
        """Every page's and text file's address, authored or generated."""
        key = (len(self.pages), len(self.generated))
        if self._urls is None or self._urls[0] != key:
            uris = list(self.pages) + [
                g.uri for g in self.generated.values() if g.uri.endswith((".md", ".txt"))
            ]
            self._urls = (key, {uri: self.url(uri) for uri in uris})
        return self._urls[1]

    def signature(self) -> str:
        """What every page's own work depends on besides its text: the settings, every page's
        title, kind and fields, the generated pages and the addresses (see :func:`_cached`)."""
        if self._signature is None:
            import hashlib

            parts = (
                json.dumps(self.settings.context, sort_keys=True, default=str),
                repr(self.settings.raw),
                repr(
                    sorted(
                        (uri, p.kind, p.title, repr(p.meta))
                        for uri, p in self.library.pages.items()
                    )
                ),
                repr(self.quiz_list),
                repr(sorted((u, g.part, g.source) for u, g in self.generated.items())),
                repr(sorted(self.urls().items())),
                repr(sorted((u, sorted(p)) for u, p in self.pack_pieces.items())),
            )
            self._signature = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()
        return self._signature

    def identify(self, text: str) -> str | None:
        """Which page (authored or generated) a text is, by its fingerprint."""
        return self.fingerprints.get(fingerprint(text))


def url_of(uri: str, use_directory_urls: bool = True) -> str:
    """``scams/shuadan.md`` → ``scams/shuadan/``; ``index.md`` → ``./`` (MkDocs' own rule)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    directory, name = posixpath.split(stem)
    if name in ("index", "README"):
        dest = posixpath.join(directory, "index.html")
    elif use_directory_urls:
        dest = posixpath.join(stem, "index.html")
    else:
        dest = stem + ".html"
    if use_directory_urls and posixpath.basename(dest) == "index.html":
        return (posixpath.dirname(dest) or ".") + "/"
    return dest


def built_path(site_dir: Path, url: str) -> Path:
    """The file a page's URL was written to."""
    if url in ("./", ""):
        return site_dir / "index.html"
    return site_dir / (url + "index.html" if url.endswith("/") else url)


def read(settings: Settings, pages: Iterable[str]) -> Build:
    """Read and validate every page, marker, quiz and lesson; stop with every problem at once.

    ``pages`` are the Markdown files of the docs folder, generated ones left out.
    """
    pages = sorted(pages)
    where = settings.docs_prefix
    sources, unreadable = read_sources(settings.raw.docs_dir, pages, where)
    library, problems = load_library(sources, context=settings.context, where=where)
    problems = unreadable + problems
    # Render every page's markers now, so empty lists are reported with the rest; but
    # not when pages were refused, since their absence would empty lists spuriously.
    if not problems:
        for src_uri, markers in library.markers.items():
            problems += replace_markers("", library, markers, src_uri, f"{where}/{src_uri}")[1]
    stop_on(problems, "docs/ 下的页面", "the pages under docs/")

    found, problems = collect(library, pages, where=where)
    stop_on(problems, "测验", "the quizzes")
    quiz_list = [
        (
            found[page.src_uri][0].quiz.quiz_id,
            page.title,
            len(found[page.src_uri][0].quiz.questions),
        )
        for page in library.of_kind("quiz")
    ] + card_entries(library)
    build = Build(settings, library, pages, found, quiz_list)
    build.fingerprints = {
        fingerprint(page.body): src_uri for src_uri, page in library.pages.items()
    }
    build.warnings += [
        str(stale) for stale in stale_pages(library.pages.values(), settings.today, where)
    ]
    build.warnings += _long_scripts(build)
    build.info += _coverage(build)
    return build


def fingerprint(body: str) -> str:
    """What identifies a page's text once the engine has taken its front matter off."""
    import hashlib

    text = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _long_scripts(build: Build) -> list[str]:
    """Scripts that run past their planned length (a warning: it fails a strict build)."""
    found = []
    for page in build.library.of_kind("script"):
        time = page_reading_time(page, build.settings.context)
        planned = page.meta["duration"]
        if time.seconds > planned:
            found.append(
                f"{build.where}/{page.src_uri}: 朗读时长{time.text()}（{time.units} 字，"
                f"按每分钟 {time.rate} 字计），超过了 duration 写的 {clock(planned)} → "
                "删减一些文字，或把 duration 改长"
            )
    return found


def _coverage(build: Build) -> list[str]:
    quiz_pages = [qp for pages in build.quizzes.values() for qp in pages]
    counts = coverage(quiz_pages, build.library)
    short = {uri: n for uri, n in counts.items() if n < MIN_QUESTIONS_PER_SCAM}
    if not (short and build.quizzes):
        return []
    listing = ", ".join(
        f"{build.library.pages[uri].title} ({n})" for uri, n in sorted(short.items())
    )
    return [
        say(
            f"测验覆盖：这些诈骗类型被考到的题目少于 {MIN_QUESTIONS_PER_SCAM} 道：{listing}",
            f"Quiz coverage: these scam types have fewer than {MIN_QUESTIONS_PER_SCAM} questions: {listing}",
        )
    ]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !!python tags (the slugify function) and !ENV: the stages need neither."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def raw_config_data(config_file: Path) -> dict:
    """A configuration file's settings as YAML reads them; a mistake stops with its line."""
    config_file = Path(config_file).resolve()
    try:
        raw_bytes = config_file.read_bytes()
    except OSError:
        raise Stop(
            [
                Problem(
                    str(config_file),
                    None,
                    "找不到这个设置文件 → 在网站文件夹里运行，或用 -f 写出 mkdocs.yml 的位置",
                )
            ],
            "设置文件",
            "the configuration file",
        ) from None
    text, problem = decode(raw_bytes, config_file.name)
    stop_on([problem] if problem else [], "设置文件", "the configuration file")
    try:
        data = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        # The same words as for a page's front matter: the line, and the slip in a teacher's terms.
        found = yamlfile.explain(exc, text)
        raise Stop(
            [Problem(config_file.name, found.line, found.zh, found.en)],
            "设置文件",
            "the configuration file",
        ) from None
    return data if isinstance(data, dict) else {}


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def raw_config(config_file: Path) -> RawConfig:
    """The configuration file as the stages read it, without an engine (see :class:`RawConfig`)."""
    config_file = Path(config_file).resolve()
    data = raw_config_data(config_file)
    base = config_file.parent
    if isinstance(data, dict) and data.get("INHERIT"):
        # As MkDocs does: the parent's settings, with this file's merged over them.
        parent = raw_config_data(base / data["INHERIT"])
        data = _merged(parent, {k: v for k, v in data.items() if k != "INHERIT"})
    theme = data.get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    plugins: dict[str, Any] = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, str):
            plugins[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                plugins[name] = options or {}
    search = plugins.get("search", plugins.get("material/search"))
    offline = plugins.get("offline", plugins.get("material/offline"))
    custom = theme.get("custom_dir")
    offline_on = offline is not None and offline.get("enabled", True) is not False
    return RawConfig(
        config_file=config_file,
        docs_dir=(base / data.get("docs_dir", "docs")).resolve(),
        site_dir=(base / data.get("site_dir", "site")).resolve(),
        site_name=data.get("site_name") or "",
        site_url=data.get("site_url") or None,
        site_description=data.get("site_description") or "",
        # Material's offline plugin turns directory URLs off (pages open from file://).
        use_directory_urls=data.get("use_directory_urls", True) is not False and not offline_on,
        extra=data.get("extra") or {},
        font=theme.get("font", None),
        search=None if search is None or search.get("enabled") is False else search,
        offline=offline_on,
        theme_dir=(base / custom).resolve() if custom else None,
        strict=bool(data.get("strict", False)),
    )


def docs_pages(docs_dir: Path) -> list[str]:
    """The author's Markdown pages: generated ones and hidden files left out (as MkDocs does)."""
    generated = set(read_manifest(docs_dir))
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        if uri in generated or any(part.startswith(".") for part in uri.split("/")):
            continue
        if uri.startswith("templates/"):
            continue
        found.append(uri)
    return found


_LOADED: dict[Path, tuple[str, Build]] = {}


def load(config_file: Path) -> Build:
    """Configure, read and generate, without an engine; cached per version of the sources."""
    config_file = Path(config_file).resolve()
    raw = raw_config(config_file)
    key = source_fingerprint(config_file.parent, raw.docs_dir, raw.theme_dir)
    cached = _LOADED.get(config_file)
    if cached and cached[0] == key:
        return cached[1]
    build = read(configure(raw), docs_pages(raw.docs_dir))
    generate(build)
    _LOADED[config_file] = (key, build)
    return build


# -- generated files in the docs folder (engines that cannot take files from us) --------------

MANIFEST = ".fangzha-generated"
_MANIFEST_HEAD = "# fangzha prepare: generated files, removed by fangzha clean (do not edit)"
_GITIGNORE_HEAD = "# fangzha prepare: generated files are not sources (fangzha clean removes them)"


def read_manifest(docs_dir: Path) -> list[str]:
    """The files an earlier ``fangzha prepare`` wrote into the docs folder."""
    try:
        text = (Path(docs_dir) / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def write_generated(build: Build) -> list[str]:
    """Write the generated files into the docs folder, listed in a manifest and kept out of git."""
    docs = build.settings.raw.docs_dir
    clean(docs)
    authored = set(build.pages)
    for uri, page in sorted(build.generated.items()):
        if uri in authored or (docs / uri).exists():
            raise Stop(
                [
                    Problem(
                        f"{build.where}/{uri}",
                        None,
                        "这个文件名留给生成的页面 → 给这个文件换个名字",
                        "this name is taken by a generated page; rename the file",
                    )
                ],
                "生成的页面",
                "the generated pages",
            )
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    uris = sorted(build.generated)
    (docs / MANIFEST).write_text(_MANIFEST_HEAD + "\n" + "\n".join(uris) + "\n", encoding="utf-8")
    ignore = docs / ".gitignore"
    if not ignore.exists() or ignore.read_text(encoding="utf-8").startswith(_GITIGNORE_HEAD):
        lines = [_GITIGNORE_HEAD, "/.gitignore", f"/{MANIFEST}"] + [f"/{uri}" for uri in uris]
        ignore.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return uris


def clean(docs_dir: Path) -> list[str]:
    """Remove what an earlier ``fangzha prepare`` wrote into the docs folder."""
    docs_dir = Path(docs_dir)
    removed = []
    for uri in read_manifest(docs_dir):
        path = docs_dir / uri
        if path.is_file():
            path.unlink()
            removed.append(uri)
            parent = path.parent
            while parent != docs_dir and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    for name in (MANIFEST, ".gitignore"):
        path = docs_dir / name
        if path.is_file() and (
            name == MANIFEST or path.read_text(encoding="utf-8").startswith(_GITIGNORE_HEAD)
        ):
            path.unlink()
    return removed


# -- generate ----------------------------------------------------------------------------------


def generate(build: Build) -> dict[str, Generated]:
    """The pages and files this build adds to the author's, by their path in the docs folder."""
    generated: list[Generated] = []
    org = build.settings.org
    library = build.library
    problems = []
    for src_uri, quiz_pages in build.quizzes.items():
        if library.pages[src_uri].kind != "quiz":
            continue
        quiz_page = quiz_pages[0]
        for part, uri in (
            ("worksheet", quiz_page.worksheet_uri),
            ("answers", quiz_page.answers_uri),
        ):
            generated.append(
                Generated(uri, derived_markdown(quiz_page, part, org["name"]), src_uri, part)
            )
    authored = set(build.pages)
    for page in library.of_kind("lesson"):
        where = f"{build.where}/{page.src_uri}"
        uri = lessons.slides_uri(page.src_uri)
        if uri in authored:
            problems.append(
                Problem(
                    f"{build.where}/{uri}",
                    None,
                    f"这个文件名留给 {where} 的上课幻灯片页 → 给这个文件换个名字",
                )
            )
            continue
        body, found = page.body, []
        if templating.uses_settings(body):
            body, found = templating.render_page(
                body, build.settings.context, where, page.body_line
            )
        problems += found
        generated.append(
            Generated(
                uri, lessons.deck_page_markdown(page, body, org["name"]), page.src_uri, "slides"
            )
        )
    stop_on(problems, "班会课", "the lessons")

    for page in library.of_kind("screen"):
        lines = []
        for block in library.blocks[page.src_uri]:
            if block.name == "screen":
                lines += parse_lines(block.body)[0]
        generated.append(Generated(led_uri(page.src_uri), led_text(lines), page.src_uri, "led"))

    worksheets = {
        src_uri: quiz_pages[0].worksheet_uri
        for src_uri, quiz_pages in build.quizzes.items()
        if library.pages[src_uri].kind == "quiz"
    }
    groups = [(band, band_pieces(band, library, worksheets)) for band in BANDS]
    audiences = [a for a in PACK_AUDIENCES if any(a in p.audiences for p in library.pages.values())]
    groups += [(a, pieces_for(a, library, worksheets)) for a in audiences]
    counts = {}
    for group, pieces in groups:
        if not pieces:
            continue
        uri = pack_uri(group)
        generated.append(Generated(uri, pack_markdown(group, pieces, org), None, "pack"))
        counts[group] = len(pieces)
        build.packs[group] = uri
        build.pack_pieces[uri] = {piece.source: piece for piece in pieces}
    if counts:
        generated.append(Generated(f"{PACK_DIR}/index.md", index_markdown(counts), None, "packs"))

    build.generated = {g.uri: g for g in generated}
    urls = build.urls()
    script = _check_index(library, urls)
    build.generated[INDEX_URI] = Generated(INDEX_URI, script, None, "check-index")
    for uri, page in build.generated.items():
        if uri.endswith(".md"):
            build.fingerprints.setdefault(fingerprint(split_front_matter(page.content)[1]), uri)
    return build.generated


_CHECK_INDEX: dict[tuple, str] = {}


def _check_index(library: Library, urls: Mapping[str, str]) -> str:
    """The checker's index, compiled again only when a scam page or an address changed."""
    scams = sorted(
        (uri, page.title, repr(page.meta.get("signals")), page.body, urls.get(uri, uri))
        for uri, page in library.pages.items()
        if page.kind == "scam"
    )
    key = tuple(scams)
    if key not in _CHECK_INDEX:
        _CHECK_INDEX.clear()
        _CHECK_INDEX[key] = index_script(
            compile_index(
                library.pages.values(), lambda uri: urls.get(uri, uri), material.traditional()
            )
        )
    return _CHECK_INDEX[key]


def check_url(build: Build) -> str | None:
    """The address of the message checker's page, if the site has one."""
    return build.url(CHECK_PAGE) if CHECK_PAGE in build.pages else None


def offline_download(build: Build) -> Path | None:
    """The offline zip to offer for download, when one was built from the current content.

    Decided once per build (fingerprinting the sources reads every file): the adapter asks
    when it sets up the footer, :func:`finish` when it copies the zip.
    """
    if build._offline_zip is None:
        build._offline_zip = (_offline_zip(build),)
    return build._offline_zip[0]


def _offline_zip(build: Build) -> Path | None:
    zip_path = build.settings.zip_path
    if build.settings.raw.offline or not zip_path.is_file():
        return None
    if zip_fingerprint(zip_path) == build.settings.fingerprint():
        return zip_path
    build.info.append(
        say(
            f"离线版压缩包 {zip_path.name} 不是用现在的内容生成的，这次不提供下载 → "
            "先运行 mkdocs build -f mkdocs.offline.yml，再生成网站",
            f"{zip_path.name} was not built from the current content, so the site does "
            "not offer it; build it again with mkdocs build -f mkdocs.offline.yml first",
        )
    )
    return None


# -- render: each page's own work (called by the fangzha.pages Markdown extension) ------------


# `mkdocs serve` builds the whole site again after every save: a page whose text and whose
# site (every page's title, kind and fields, the addresses, the settings) are what they were
# comes out as it did. Keyed by the build's signature, so nothing stale is ever reused.
_PAGE_CACHE: dict[tuple, str] = {}


def _cached(kind: str, build: Build, uri: str, text: str, make: Callable[[], str]) -> str:
    key = (kind, build.signature(), uri, text)
    if key not in _PAGE_CACHE:
        if len(_PAGE_CACHE) > 2048:
            _PAGE_CACHE.clear()
        _PAGE_CACHE[key] = make()
    return _PAGE_CACHE[key]


def page_markdown(build: Build, src_uri: str, markdown: str) -> str:
    """A page's Markdown as the site shows it: card lists, settings, headers, print links.

    Raises :class:`Stop` with the page's problems.
    """
    return _cached(
        "markdown", build, src_uri, markdown, lambda: _page_markdown(build, src_uri, markdown)
    )


def _page_markdown(build: Build, src_uri: str, markdown: str) -> str:
    library = build.library
    lib = library.pages.get(src_uri)
    if lib is None:
        return markdown
    where = f"{build.where}/{src_uri}"
    here = build.page_url(src_uri)
    markdown, problems = replace_markers(
        markdown,
        library,
        library.markers.get(src_uri, []),
        src_uri,
        where,
        build.quiz_list,
        link=lambda target: relative_url(build.page_url(target), here),
    )
    if templating.uses_settings(markdown):
        context = dict(build.settings.context)
        if lib.meta.get("issued"):
            context["issued"] = templating.chinese_date(lib.meta["issued"])
        markdown, found = templating.render_page(markdown, context, where, lib.body_line)
        problems += found
    stop_on(problems, where, where)
    if lib.kind == "quiz" and src_uri in build.quizzes:
        quiz_page = build.quizzes[src_uri][0]
        worksheet = posixpath.basename(quiz_page.worksheet_uri)
        answers = posixpath.basename(quiz_page.answers_uri)
        markdown += (
            '\n\n<div class="fz-print-links" markdown>\n\n'
            "## 打印\n\n"
            f"- [打印练习纸（不含答案）]({worksheet})\n"
            f"- [答案与解析]({answers})\n\n"
            "</div>\n"
        )
    elif lib.kind == "lesson":
        markdown = lessons.plan_header(lib) + markdown
    elif lib.kind == "script":
        time = page_reading_time(lib, build.settings.context)
        markdown = summary_markdown(time, lib.meta["duration"], lib.meta["script_type"]) + markdown
    elif lib.kind == "screen":
        name = posixpath.basename(led_uri(src_uri))
        markdown += (
            f"\n\n## LED 屏文本\n\n银行大厅、校门口的 LED 屏一般只能导入纯文本：[下载 LED 屏文本（{name}）]({name})，"
            "UTF-8 编码，一行一条，可以直接导入 LED 控制软件。\n"
        )
    elif lib.kind == "handout":
        org = build.settings.org
        marks = print_marks(build)
        # Raw HTML is not rewritten by the engine: the emblem's address is made relative here.
        logo = relative_url(org["logo"], build.page_url(src_uri)) if org.get("logo") else ""
        markdown = prepare_handout(
            markdown,
            lib.meta["format"],
            head=marks.piece_head(org, logo),
            foot=marks.piece_foot(org),
        )
    return markdown


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative; MkDocs' own rule)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname

    def parts(path: str) -> list[str]:
        out: list[str] = []
        for part in path.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if out:
                    out.pop()
            else:
                out.append(part)
        return out

    other_parts, dest_parts = parts(other), parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


_MARKS: dict[Path, Any] = {}


def print_marks(build: Build):
    """The macros that draw codes, addresses and the organisation's lines on paper."""
    theme = build.settings.raw.theme_dir or Path("overrides")
    if theme not in _MARKS:
        import jinja2

        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)), autoescape=False)
        _MARKS[theme] = env.get_template("partials/fz-page-qr.html").module
    return _MARKS[theme]


_QR_LINK = re.compile(r'<a\b(?=[^>]*\bclass="[^"]*\bfz-qr\b)([^>]*)>(.*?)</a>', re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')


def page_html(build: Build, uri: str, html: str) -> str:
    """A page's rendered content with QR codes, marked external links and checklist boxes.

    ``uri`` is the page's path in the docs folder, authored or generated.
    """
    html = _cached("html", build, uri, html, lambda: _page_html(build, uri, html))
    if any(uri in pieces for pieces in build.pack_pieces.values()):
        build.pieces[uri] = html
        html = mark_piece(html)
    return html


def _page_html(build: Build, uri: str, html: str) -> str:
    settings = build.settings
    html = checklist_boxes(mark_external(html, settings.raw.site_url))
    site_url = settings.raw.site_url or ""
    page_url = build.page_url(uri)
    marks = print_marks(build)
    label = site_label(settings.org["short_name"], settings.raw.site_name)
    urls = build.urls()

    def link_qr(match):
        attrs, text = match.group(1), match.group(2)
        href = _HREF.search(attrs)
        href = href.group(1) if href else ""
        topic = _linked_title(build, urls, site_path(page_url, href)) or re.sub(
            r"<[^>]+>", "", text
        )
        # A link to another website has its own address, with or without a site_url.
        target = href if urlsplit(href).scheme in ("http", "https") else None
        target = target or absolute_url(site_url, page_url, href)
        if not target:
            return marks.link_code(match.group(0), "", short_path(page_url, href), topic, label)
        svg = qr_svg(target, label=f"二维码：{topic}")
        return marks.link_code(match.group(0), svg, readable(target), topic, label)

    html = _QR_LINK.sub(link_qr, html)
    html = _page_qr(build, uri, html, urls)
    derived = build.generated.get(uri)
    return _own_styles(html, page_url, pack=derived is not None and derived.part == "pack")


# Styles only the pages that use them need, by what the page contains: quiz.css for quizzes,
# worksheets, the completion card (quizzes and practice) and the teacher's card check; the
# practice players' own. A print pack gets quiz.css for the worksheets it is filled with.
PAGE_STYLES = {
    "assets/stylesheets/quiz.css": (
        "data-quiz=",
        'class="fz-card-check',
        "data-drill=",
        "data-spot=",
    ),
    "assets/stylesheets/drill.css": ("data-drill=",),
    "assets/stylesheets/spot.css": ("data-spot=",),
}


def _own_styles(html: str, page_url: str, pack: bool = False) -> str:
    """Link the stylesheets a page's content needs (a stylesheet link is allowed in the body;
    it loads before the page is printed or played)."""
    links = "".join(
        f'<link rel="stylesheet" href="{relative_url(sheet, page_url)}">'
        for sheet, markers in PAGE_STYLES.items()
        if any(marker in html for marker in markers) or (pack and sheet.endswith("quiz.css"))
    )
    return links + html


def _linked_title(build: Build, urls: Mapping[str, str], path: str) -> str | None:
    for src_uri, url in urls.items():
        if url == path:
            page = build.library.pages.get(src_uri)
            return page.title if page else None
    return None


def _page_qr(build: Build, uri: str, html: str, urls: Mapping[str, str]) -> str:
    """Add the printed QR code back to the live page (a worksheet's leads to its quiz).

    Without a site_url the page's path inside the site takes the code's place. Either way the
    page ends with who made it and whom to call.
    """
    settings = build.settings
    site_url = settings.raw.site_url or ""
    page_url = build.page_url(uri)
    derived = build.generated.get(uri)
    quiz = derived is not None and derived.part == "worksheet"
    if quiz:
        page_url = urls[derived.source]
    lib = build.library.pages.get(uri)
    has_own_codes = (
        lib is not None and lib.kind == "handout" and lib.meta["format"] in PIECE_FORMATS
    )
    if (derived is not None and derived.part in ("pack", "slides")) or has_own_codes:
        return html
    org = settings.org
    marks = print_marks(build)
    target = absolute_url(site_url, page_url)
    form = lib is not None and lib.kind == "handout" and lib.meta["format"] == "sheet"
    if form or 'class="fz-qr' in html:
        # A form fills its sheet, and a page with codes to the pages it is about needs no
        # second one to itself: only who made it and whom to call, so the sheet stays one.
        block = marks.page_qr("", "", org, "")
    elif target:
        label = "扫码在手机上答题" if quiz else "扫码在手机上阅读本页"
        block = marks.page_qr(
            qr_svg(target, label="本页网址的二维码"), readable(target), org, label
        )
    else:
        website = site_label(org["short_name"], settings.raw.site_name)
        label = f"在手机上{'答题' if quiz else '阅读本页'}：打开{website}"
        block = marks.page_qr("", "网址：" + short_path(page_url), org, label)
    marker = '<div class="fz-receipt-block">'
    if marker in html:
        return html.replace(marker, block + marker, 1)
    return html + block


def page_classes(build: Build, uri: str) -> str:
    """The classes that choose a page's print layout (by its kind, a handout's format)."""
    lib = build.library.pages.get(uri)
    if lib is not None:
        classes = [f"fz-kind-{lib.kind}"]
        if lib.kind == "handout":
            classes.append(f"fz-handout fz-handout--{lib.meta['format']}")
        return " ".join(classes)
    derived = build.generated.get(uri)
    printed = {
        "worksheet": "worksheet",
        "answers": "answers",
        "pack": "pack",
        "slides": "slides",
        "packs": "index",
    }
    if derived is not None and derived.part in printed:
        return f"fz-print-{printed[derived.part]}"
    return ""


def title(build: Build, uri: str) -> str | None:
    """A page's title as the theme prints it (escaped, so 《》 and <> show as written)."""
    lib = build.library.pages.get(uri)
    return htmllib.escape(lib.title, quote=False) if lib else None


def description(build: Build, uri: str) -> str | None:
    lib = build.library.pages.get(uri)
    return htmllib.escape(lib.summary, quote=True) if lib else None


# -- navigation (for engines that hand it over) -------------------------------------------------


def order_navigation(build: Build, items: list, make_link: Callable[[str, str], object]) -> list:
    """Sort by each page's ``order``; label the home page; worksheets, answer keys and 上课 pages
    are left out (the pages they belong to link them)."""
    hidden = {
        uri for uri, g in build.generated.items() if g.part in ("worksheet", "answers", "slides")
    }

    def prune(items):
        kept = [i for i in items if not (i.is_page and i.file.src_uri in hidden)]
        for item in kept:
            if item.is_section:
                item.children = prune(item.children)
                if any(
                    c.is_page and c.file.src_uri == f"{PACK_DIR}/index.md" for c in item.children
                ):
                    item.title = "打印材料"
        return kept

    items = prune(items)
    navigation.order(items, build.library)
    return navigation.label_home(items, build.library, make_link)


# -- finish ------------------------------------------------------------------------------------


def finish(build: Build, *, serving: bool = False, engine_context: bool = False) -> None:
    """Work on the written site: packs, catalog, search, robots.txt, CSP and the offline zip.

    Pieces of print packs rendered in this process are taken from :attr:`Build.pieces`; the
    others from their written pages (a ``--dirty`` build, or ``fangzha finish`` after an engine
    ran in another process). ``engine_context``: the engine gave the templates each page's
    print classes and description already (the MkDocs adapter does).
    """
    settings = build.settings
    site_dir = settings.raw.site_dir
    urls = build.urls()
    _fill_packs(build, site_dir, urls, dict(build.pieces))
    _write_catalog(build, site_dir, urls)
    material.patch_search(site_dir, search_fields(build, urls), settings.dictionary)
    if not engine_context:
        _page_heads(build, site_dir, urls)
    (site_dir / "robots.txt").write_text(robots_txt(settings.raw.site_url), encoding="utf-8")
    bundle = settings.raw.bundle if settings.raw.offline else None
    readme = OFFLINE_README.format(org=settings.org["name"], date=settings.today.isoformat())
    if bundle:
        zip_site(site_dir, bundle.zip_path, readme, rewrite=without_download_link)
    elif settings.raw.offline:
        target = settings.zip_path
        count = zip_site(site_dir, target, readme, settings.fingerprint())
        build.info.append(
            say(
                f"离线版压缩包：{target}（{count} 个文件）。再生成网站时，页脚会提供它的下载链接。",
                f"Offline package: {target} ({count} files). The online build links it for download.",
            )
        )
        return
    # `mkdocs serve` injects its own inline reload script into every page, with a fresh
    # epoch each time, so no hash can allow it: the preview goes without the CSP meta and
    # reloads itself after each save. Built sites always carry it.
    analytics = settings.analytics
    for page in [] if serving else site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = content_security_policy(
            inline_script_hashes(text), analytics["origin"] if analytics else None
        )
        page.write_text(add_csp_meta(text, policy), encoding="utf-8")
    zip_path = bundle.zip_path if bundle else offline_download(build)
    if zip_path:
        target = site_dir / DOWNLOAD_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        # A variant's zip was made for this site alone: it moves in; a project's is copied.
        (shutil.move if bundle else shutil.copy2)(zip_path, target)


def without_download_link(html: str) -> str:
    """A page as the offline zip carries it: no footer link to download the zip it is in."""
    return remove_element(html, '<p class="fz-footer__offline">', "</p>")


def offers_download(build: Build) -> bool:
    """Whether the pages link the offline zip in their footer."""
    return bool(build.settings.raw.bundle) or offline_download(build) is not None


def _fill_packs(build: Build, site_dir: Path, urls: Mapping[str, str], rendered: dict) -> None:
    problems = []
    for uri, pieces in build.pack_pieces.items():
        for source in pieces:
            if source in rendered:
                continue
            path = built_path(site_dir, urls[source])
            content = built_piece(path.read_text(encoding="utf-8")) if path.is_file() else None
            if content is None:
                problems.append(
                    Problem(
                        source,
                        None,
                        "用 --dirty 生成时，找不到这一页上次生成的内容，打印包没法补全 → "
                        "去掉 --dirty，完整生成一次",
                        "a --dirty build found no earlier output of this page to fill the "
                        "print packs; build once without --dirty",
                    )
                )
            else:
                rendered[source] = content
        if problems:
            continue
        path = built_path(site_dir, urls[uri])
        path.write_text(
            fill_pack(path.read_text(encoding="utf-8"), pieces, rendered, urls, urls[uri]),
            encoding="utf-8",
        )
    stop_on(problems, "打印包", "the print packs")


def _write_catalog(build: Build, site_dir: Path, urls: Mapping[str, str]) -> None:
    from .catalog import build_catalog, dump

    settings = build.settings
    catalog = build_catalog(
        build.library,
        org=settings.org,
        site_name=settings.raw.site_name,
        site_url=settings.raw.site_url,
        url_of=lambda src_uri: urls[src_uri],
        extra=lambda page: (
            _quiz_fields(build, page, urls)
            | _print_fields(page, urls)
            | _school_fields(build, page, urls)
            | catalog_fields(page, build.library.blocks.get(page.src_uri, []))
        ),
    )
    catalog["print_packs"] = {group: urls[uri] for group, uri in build.packs.items()}
    (site_dir / "catalog.json").write_text(dump(catalog), encoding="utf-8")


def _quiz_fields(build: Build, page: ContentPage, urls) -> dict:
    if page.kind != "quiz":
        return {}
    quiz_page = build.quizzes[page.src_uri][0]
    return {
        "questions": len(quiz_page.quiz.questions),
        "quiz_id": quiz_page.quiz.quiz_id,
        "worksheet_url": urls[quiz_page.worksheet_uri],
        "answers_url": urls[quiz_page.answers_uri],
    }


def _print_fields(page: ContentPage, urls) -> dict:
    """Letters, handouts, lessons, scripts, drills (a role-play script) and 真还是假 rounds (a
    worksheet with its answer key) print as themselves: say so for export scripts."""
    if page.kind in ("letter", "handout", "lesson", "script", "drill", "spot"):
        return {"print_url": urls[page.src_uri]}
    return {}


def _school_fields(build: Build, page: ContentPage, urls) -> dict:
    if page.kind == "lesson":
        return lessons.catalog_fields(page, urls)
    if page.kind == "script":
        time = page_reading_time(page, build.settings.context)
        return {
            "script_type": page.meta["script_type"],
            "seconds": time.seconds,
            "planned_seconds": page.meta["duration"],
            "characters": time.units,
        }
    if page.kind == "screen":
        blocks = [b for b in build.library.blocks[page.src_uri] if b.name == "screen"]
        lines = parse_lines(blocks[0].body)[0] if blocks else []
        return {
            "interval": int(blocks[0].options.get("interval", 8)) if blocks else 8,
            "lines": len(lines),
            "led_url": urls.get(led_uri(page.src_uri)),
        }
    return {}


def search_fields(build: Build, urls: Mapping[str, str]) -> dict[str, material.SearchFields]:
    """Each page's rank, whether it is searched at all, and its aliases as search tags."""
    import jieba

    if build.settings.dictionary is not None:
        material.load_dictionary(build.settings.dictionary)
    fields = {}
    for src_uri, page in build.library.pages.items():
        fields[build.page_url(src_uri)] = material.SearchFields(
            boost=KIND_BOOST[page.kind],
            exclude=page.kind in UNINDEXED_KINDS,
            tags=material.alias_tags_for(page, jieba.cut),
            own_boost=_own_search(page),
        )
    return fields


def unsearched(build: Build, uri: str) -> bool:
    """Pages left out of search: lessons, scripts and practice (a pasted message must land on
    the scam page), unless the page's own front matter says ``search: {exclude: false}``."""
    page = build.library.pages.get(uri)
    return (
        page is not None
        and page.kind in UNINDEXED_KINDS
        and _own_search(page).get("exclude") is not False
    )


def _own_search(page: ContentPage) -> dict:
    search = page.meta.get("search")
    return dict(search) if isinstance(search, dict) else {}


_FZ_PAGE = re.compile(r'<div class="fz-page ([^"]*)">')


def _page_heads(build: Build, site_dir: Path, urls: Mapping[str, str]) -> None:
    """What the engine's page context would have said, for pages rendered without the hooks:
    the print-layout classes and the page's own description (for search engines and shares)."""
    generic = htmllib.escape(build.settings.raw.site_description, quote=True)
    for uri, url in urls.items():
        path = built_path(site_dir, url)
        if not uri.endswith(".md") or not path.is_file():
            continue
        text = original = path.read_text(encoding="utf-8")
        classes = page_classes(build, uri)
        match = _FZ_PAGE.search(text)
        if classes and match and not match.group(1).strip():
            text = text[: match.start()] + f'<div class="fz-page {classes}">' + text[match.end() :]
        summary = description(build, uri)
        if summary and generic:
            for attribute in ('name="description"', 'property="og:description"'):
                text = text.replace(
                    f'<meta {attribute} content="{generic}">',
                    f'<meta {attribute} content="{summary}">',
                )
        if text != original:
            path.write_text(text, encoding="utf-8")
