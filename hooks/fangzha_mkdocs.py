"""The MkDocs adapter: MkDocs' events call the build's stages (fangzha.pipeline), in this order.

- ``on_config``: :func:`~fangzha.pipeline.configure` (the settings);
- ``on_files``: :func:`~fangzha.pipeline.read` (every page), then
  :func:`~fangzha.pipeline.generate`, whose pages MkDocs renders with the author's; the build is
  handed to the ``fangzha.pages`` Markdown extension, which does each page's own work;
- ``on_nav``: the pages' ``order``, the generated pages left out;
- ``on_post_build``: :func:`~fangzha.pipeline.finish` (packs, catalog, search, CSP, zip).

Nothing else is done here: an engine without hooks runs the same stages with ``fangzha prepare``
and ``fangzha finish`` (README, 「架构」).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link

from fangzha import material, navigation, pipeline
from fangzha.mkdocs_glue import log, stop, tune_logging
from fangzha.problems import say


@dataclass
class _Run:
    """This adapter's state for one build."""

    serving: bool = False
    settings: pipeline.Settings | None = None
    build: pipeline.Build | None = None


_run = _Run()


def _stages(call, *args, **kwargs):
    """Run a stage; a :class:`~fangzha.pipeline.Stop` becomes MkDocs' error, one line a problem."""
    try:
        return call(*args, **kwargs)
    except pipeline.Stop as found:
        stop(found.problems, str(found))


def on_startup(command, dirty):
    """Remember whether this process is `mkdocs serve` (its pages go without the CSP)."""
    _run.serving = command == "serve"


@event_priority(100)  # before the search plugin reads its dictionary
def on_config(config):
    """Check the settings; point search at the dictionary and the page extension at the config."""
    tune_logging(config)
    material.remember_segmentation()
    search = config.plugins.get("material/search") or config.plugins.get("search")
    offline = config.plugins.get("material/offline")
    custom = config.theme.custom_dir
    raw = pipeline.RawConfig(
        config_file=Path(config.config_file_path or "mkdocs.yml").resolve(),
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        site_name=config.site_name,
        site_url=config.site_url,
        use_directory_urls=config.use_directory_urls,
        site_description=config.site_description or "",
        extra=config.extra,
        font=config.theme.get("font"),
        search=dict(search.config) if search else None,
        offline=bool(offline and offline.config.enabled),
        theme_dir=Path(custom) if custom else None,
        strict=config.strict,
        bundle=pipeline.bundle_request if offline and offline.config.enabled else None,
    )
    settings = _stages(pipeline.configure, raw)
    _run.settings, _run.build = settings, None
    if search and settings.dictionary:
        # The search plugin opens the path relative to the working directory: give it the full path.
        search.config.jieba_dict_user = str(settings.dictionary)
    config.extra["org"] = settings.org
    config.extra["fangzha_analytics"] = settings.analytics
    if "fangzha.pages" in config.mdx_configs or "fangzha.pages" in config.markdown_extensions:
        config.mdx_configs.setdefault("fangzha.pages", {})["config"] = str(raw.config_file)
    if not config.site_url:
        log.info(
            say(
                "mkdocs.yml 里没有设置 site_url，打印出来的页面上没有指向网页的二维码 → "
                "把 site_url 设成网站发布后的网址（见 README「部署」）",
                "site_url is not set in mkdocs.yml: printed pages will have no QR code back to the "
                "live page. Set it to the address where the site is published.",
            )
        )
    return config


def on_files(files, config):
    """Read and check every page, then add the generated pages and files."""
    generated_before = set(pipeline.read_manifest(Path(config.docs_dir)))
    for uri in generated_before:
        # Left by `fangzha prepare`: this build generates its own.
        found = files.get_file_from_path(uri)
        if found is not None:
            files.remove(found)
    pages = [f.src_uri for f in files.documentation_pages() if f.abs_src_path]
    # Material's offline plugin turns directory URLs off in its own on_config, after ours.
    _run.settings.raw = replace(_run.settings.raw, use_directory_urls=config.use_directory_urls)
    bundle = _run.settings.raw.bundle
    for uri, path in bundle.files if bundle else ():
        # A variant's own files (its logo), from next to the list of organisations.
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    build = _stages(pipeline.read, _run.settings, pages)
    for uri, page in _stages(pipeline.generate, build).items():
        files.append(File.generated(config, uri, content=page.content))
    config.extra["fangzha_check_url"] = pipeline.check_url(build)
    if pipeline.offers_download(build):
        config.extra["fangzha_offline_download"] = pipeline.DOWNLOAD_PATH
    for warning in build.warnings:
        log.warning(warning)
    for info in build.info:
        log.info(info)
    _run.build = build
    pipeline.register(build)
    return files


@event_priority(-100)
def on_nav(nav, config, files):
    """Sort by each page's ``order``; 上一页/下一页 follow the sidebar, home and printables left out."""
    build = _run.build
    nav.items = pipeline.order_navigation(build, nav.items, Link)
    nav.pages = navigation.sidebar_pages(nav.items)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    navigation.link_reading_order(nav.items, pages, build.library)
    return nav


def on_page_markdown(markdown, page, config, files):
    """Titles as the author wrote them (the theme prints them unescaped), and a description.

    Pages left out of search are said so now, so that the search plugin does not segment their
    text only for ``finish`` to drop it.
    """
    uri = page.file.src_uri
    title = pipeline.title(_run.build, uri)
    if title is not None:
        page.title = page.meta["title"] = title
        page.meta.setdefault("description", pipeline.description(_run.build, uri))
    if pipeline.unsearched(_run.build, uri):
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return markdown


def on_page_context(context, page, config, nav):
    """Tell the template which print layout a page uses."""
    context["fangzha_classes"] = pipeline.page_classes(_run.build, page.file.src_uri)
    return context


@event_priority(-200)  # after search (0) wrote its index and offline (-100) inlined it
def on_post_build(config):
    """Finish the written site."""
    build = _run.build
    told = len(build.info)
    _stages(pipeline.finish, build, serving=_run.serving, engine_context=True)
    for info in build.info[told:]:
        log.info(info)
    pipeline.register(None)


def on_build_error(error):
    pipeline.register(None)
