"""What the MkDocs adapter (``hooks/fangzha_mkdocs.py``) needs from MkDocs: logging and errors;
and MkDocs as the engine of ``fangzha-variants`` (:func:`render_variant`, many builds a process).

Besides ``material.py`` (Material's internals), the only module of the package that imports
MkDocs; the stages in ``pipeline.py`` never do.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import MkDocsException, PluginError

from . import pipeline
from .problems import Problem, say

# Under "mkdocs.plugins.*" so that warnings count under --strict.
log = logging.getLogger("mkdocs.plugins.fangzha")


def stop(problems: Iterable[Problem], message: str) -> None:
    """Log each problem on its own line, then stop the build with ``message`` (``Stop``'s own)."""
    for problem in problems:
        log.error(str(problem))
    raise PluginError(message)


_GENERATED = re.compile(r"'([^']+?)-(slides|worksheet|answers)\.md'")
_NOT_FOUND = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but the target"
    r"(?: '(?P<target>[^']+)')? is not found among documentation files\.(?: Did you mean '(?P<guess>[^']+)'\?)?"
)
_ANCHOR = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but "
    r"(?:the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']*)'|there is no such anchor on this page)"
)
_ABSOLUTE = re.compile(r"^Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>[^']*)'")
_UNRECOGNIZED = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains an unrecognized relative link '(?P<link>[^']*)'"
)


class _BuildMessages(logging.Filter):
    """MkDocs' own messages, adjusted for this site's authors.

    - A broken link or anchor is named in Chinese, with the file and the line of the link,
      as our own problems are (the English follows when asked for, see ``FANGZHA_MESSAGES``).
    - A warning about a page the build generated (a lesson's 上课 page, a quiz's worksheet or
      answer key) names the page the author wrote instead, once: the generated page only
      repeats what its source says.
    - ``--dirty`` is a development aid (``mkdocs serve --dirty``); MkDocs' caution about it is
      kept, as information, so that a strict site can still be previewed that way.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        self.docs = Path("docs")
        self.prefix = "docs"

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
            return True
        if record.levelno < logging.WARNING:
            return True
        message = _GENERATED.sub(lambda m: f"'{m.group(1)}.md'", message)
        rewritten = self.translate(message) or message
        if rewritten in self.seen:
            return False
        self.seen.add(rewritten)
        record.msg, record.args = rewritten, ()
        return True

    def translate(self, message: str) -> str | None:
        """MkDocs' link warnings as ``docs/page.md:line: 发现了什么 → 应当怎么写``."""
        if found := _NOT_FOUND.match(message):
            guess = found.group("guess")
            zh = (
                f"链接“{found.group('link')}”指向的页面不存在 → "
                + (f"是不是想写 {guess}？" if guess else "检查文件夹和文件名，")
                + "站内链接写成相对于本页的 .md 路径，例如 ../scams/shuadan.md"
            )
        elif found := _ANCHOR.match(message):
            target = found.group("target") or found.group("page")
            zh = (
                f"链接“{found.group('link')}”里 # 后面的小标题在 {self.prefix}/{target} 里找不到 → "
                "# 后面照抄那个小标题的文字，例如 #一句话识别，或者去掉 # 和后面的部分"
            )
        elif found := _ABSOLUTE.match(message):
            zh = (
                f"链接“{found.group('link')}”以 / 开头，放到子目录或 U 盘里就会失效 → "
                "改成相对于本页的链接，例如 ../scams/shuadan.md"
            )
        elif found := _UNRECOGNIZED.match(message):
            zh = (
                f"链接“{found.group('link')}”不是指向 .md 文件 → 站内页面写成 xxx.md，"
                "其他网站写完整的 https:// 地址"
            )
        else:
            return None
        page = found.group("page")
        line = self.line_of(page, found.group("link"))
        where = f"{self.prefix}/{page}" + (f":{line}" if line else "")
        return f"{where}: {say(zh, message)}"

    def line_of(self, page: str, link: str) -> int | None:
        """The line of a page's source where a link is written."""
        try:
            text = (self.docs / page).read_text(encoding="utf-8-sig")
        except OSError:
            return None
        for number, line in enumerate(text.splitlines(), start=1):
            if f"]({link}" in line or f'"{link}"' in line or f"<{link}>" in line:
                return number
        return None


_FILTER = _BuildMessages()
_FILTERED = ("mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.structure.files")


def tune_logging(config) -> None:
    """Set up MkDocs' logging for a build: our message filter, and warnings counted under -q.

    ``mkdocs build -q`` raises the log level to ERROR, and MkDocs 1.6 then counts no warning in
    strict mode (mkdocs/mkdocs#4126): broken links would pass. In strict mode, warnings are
    kept flowing, and printed, since each of them stops the build.
    """
    _FILTER.seen.clear()
    _FILTER.docs = Path(config.docs_dir)
    _FILTER.prefix = _docs_prefix(config)
    for name in _FILTERED:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    root = logging.getLogger("mkdocs")
    if config.strict and root.level > logging.WARNING:
        for handler in root.handlers:
            if handler.level > logging.WARNING or handler.level == logging.NOTSET:
                handler.setLevel(logging.WARNING)
        root.setLevel(logging.WARNING)


def _docs_prefix(config) -> str:
    """How problems name the docs folder: relative to mkdocs.yml, as authors see it."""
    docs = Path(config.docs_dir)
    base = Path(config.config_file_path or ".").resolve().parent
    try:
        return docs.resolve().relative_to(base).as_posix()
    except ValueError:
        return docs.as_posix()


# -- MkDocs as the engine of branded variants (fangzha.variants) -------------------------------


class EngineFailed(Exception):
    """A variant did not build: ``messages`` are what MkDocs and the stages said, one a line."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def warm_up() -> None:
    """What every build in this process shares, paid once: MkDocs, Material and the search
    plugin imported, jieba's dictionary loaded, the traditional-character converters made."""
    import jieba
    import mkdocs.commands.build  # noqa: F401
    from material.plugins.search import plugin  # noqa: F401

    from . import material

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    material.traditional()
    material.remember_segmentation()


def render_variant(
    config_file: Path,
    org: dict,
    site_url: str | None,
    site_dir: Path,
    zip_path: Path,
    files: tuple[tuple[str, Path], ...] = (),
) -> list[str]:
    """Build the site from ``config_file`` (an offline configuration) for one organisation, in
    this process: the published site in ``site_dir``, its offline zip at ``zip_path``; ``files``
    are added to the docs (path in the docs, file on disk: the organisation's own logo).

    Returns the warnings; raises :class:`EngineFailed` with MkDocs' and the stages' messages.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    pipeline.bundle_request = pipeline.Bundle(Path(zip_path), tuple(files))
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        # Nothing of the configuration's own organisation may reach a variant: not its
        # address either (QR codes would lead to another organisation's site).
        config["site_url"] = site_url or None
        config.extra["org"] = copy.deepcopy(org)
        build(config)
    except (MkDocsException, OSError) as exc:
        messages = [m for m in collect.messages if m] or [str(exc)]
        raise EngineFailed(messages) from None
    finally:
        pipeline.bundle_request = None
        logger.removeHandler(collect)
        logger.propagate = propagate
    return collect.messages
