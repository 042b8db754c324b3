"""Python-Markdown extension ``fangzha.pages``: this site's work on each page, with or without hooks.

Enable it under ``markdown_extensions`` (after ``fangzha.blocks``). Before Markdown reads a page it
fills in card lists (``<!-- fangzha:cards … -->``), settings (``{{ org.name }}``, a letter's own
``issued`` date), a lesson's header, a script's reading time, a quiz's print links and a
handout's layout; after, it draws QR codes, marks links to other sites and checklist boxes
(:func:`fangzha.pipeline.page_markdown` and :func:`~fangzha.pipeline.page_html`).

It needs the build's state (:class:`fangzha.pipeline.Build`): the MkDocs adapter hands over the
one it read; an engine without hooks gets it here, from the configuration file, read once per
process and per version of the content. Which page is being converted is known from its text
(the engine has taken off its front matter), through the fingerprints :func:`~fangzha.pipeline.read`
records; a page it does not know only gets its settings filled in.

Option ``config`` names the configuration file; without it, the one the adapter registered, or
the one given to the engine's ``-f`` / ``--config-file``, or ``mkdocs.yml`` in the working folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import pipeline, templating
from .blockspec import BlockError


def config_file(option: str = "") -> Path:
    """The configuration file the extension reads."""
    if option:
        return Path(option).resolve()
    if pipeline.active is not None:
        return pipeline.active.settings.raw.config_file.resolve()
    args = sys.argv[1:]
    for n, arg in enumerate(args):
        if arg in ("-f", "--config-file") and n + 1 < len(args):
            return Path(args[n + 1]).resolve()
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1]).resolve()
    return Path("mkdocs.yml").resolve()


def current_build(option: str = "") -> pipeline.Build:
    """The build the adapter registered, or this process's own reading of the configuration."""
    path = config_file(option)
    active = pipeline.active
    if active is not None and active.settings.raw.config_file.resolve() == path:
        return active
    try:
        return pipeline.load(path)
    except pipeline.Stop as stop:
        raise BlockError("\n".join(str(p) for p in stop.problems) + "\n" + str(stop)) from None


END = "<!-- fangzha:page-end -->"


class PagePreprocessor(Preprocessor):
    """Identify the page, then do its Markdown work; remember the page for the postprocessor."""

    def __init__(self, md, ext: PagesExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        try:
            build = current_build(self.ext.getConfig("config"))
        except BlockError:
            if not templating.uses_settings(text):
                return lines
            raise
        uri = build.identify(text)
        self.ext.page = (build, uri)
        if uri is None:
            if not templating.uses_settings(text):
                return lines
            rendered, problems = templating.render_page(text, build.settings.context, "页面")
            if problems:
                raise BlockError("；".join(p.text() for p in problems))
            return rendered.split("\n")
        try:
            text = pipeline.page_markdown(build, uri, text)
        except pipeline.Stop as stop:
            raise BlockError("\n".join(str(p) for p in stop.problems)) from None
        # Other extensions run the postprocessors on pieces (toc on each heading): the page's
        # own HTML is the one that ends with this.
        return (text + "\n\n" + END + "\n").split("\n")


class PagePostprocessor(Postprocessor):
    """QR codes, external links and checklist boxes in the page's finished HTML."""

    def __init__(self, md, ext: PagesExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        if END not in text or self.ext.page is None:
            return text
        build, uri = self.ext.page
        self.ext.page = None
        text = re.sub(r"\s*" + re.escape(END) + r"\s*", "\n", text).rstrip("\n")
        return pipeline.page_html(build, uri, text)


class PagesExtension(Extension):
    """Register the two processors: first to read the text, last to touch the HTML."""

    def __init__(self, **kwargs):
        self.config = {"config": ["", "The site's configuration file (default: see module doc)."]}
        self.page = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.preprocessors.register(PagePreprocessor(md, self), "fangzha_pages", 40)
        # After raw HTML is put back (30) and everything else.
        md.postprocessors.register(PagePostprocessor(md, self), "fangzha_pages", 1)

    def reset(self) -> None:
        self.page = None


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's entry point
    """Return the extension."""
    return PagesExtension(**kwargs)
