"""Fixtures: a real strict build of the site, a real HTTP server, a real Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fangzha.export import CHROMIUM_FLAGS as EXPORT_FLAGS
from util import ROOT, build, copy_project, edit

CHROMIUM_ENV = "FANGZHA_CHROMIUM"
# The flags the export command uses: the tests drive Chromium the same way.
CHROMIUM_FLAGS = [*EXPORT_FLAGS, "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    """Start the long real-time tests first: the rest of the suite runs beside them."""
    items.sort(key=lambda item: item.get_closest_marker("soak") is None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


SITE_URL = "https://www.example-school.cn/fanzha/"


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The real site built as published under a sub-path: site_url set, so QR codes exist.

    Yields (site folder, a loopback server serving it at its root).
    """
    project = copy_project(tmp_path_factory.mktemp("published"))
    edit(
        project / "mkdocs.yml",
        "# site_url: https://www.example.cn/fanzha/",
        f"site_url: {SITE_URL}",
    )
    result = build(project)
    assert result.returncode == 0, result.output
    server = Server(result.site)
    yield result.site, server
    server.close()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline variant (mkdocs.offline.yml), built strictly once per test session."""
    project = copy_project(tmp_path_factory.mktemp("offline"))
    result = build(project, config="mkdocs.offline.yml")
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def catalog(built_site) -> dict:
    """The catalog.json the build wrote."""
    return json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class Server:
    """A static HTTP server on loopback serving one folder."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server(built_site) -> Iterator[Server]:
    """The built site served over HTTP on 127.0.0.1."""
    srv = Server(built_site)
    yield srv
    srv.close()


def chromium_path() -> str:
    """Find Chromium, or fail (never skip) saying how to get it."""
    candidate = (
        os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not candidate or not Path(candidate).exists():
        pytest.fail(
            f"Chromium not found: install it (Debian: apt install chromium fonts-noto-cjk) "
            f"or point {CHROMIUM_ENV} at a Chromium or Chrome executable.",
            pytrace=False,
        )
    return candidate


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


class Watch:
    """What a page did that a user would notice: foreign requests, errors, failed loads."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed, f"failed requests: {self.failed}"


LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


def guard(context, watch: Watch) -> None:
    """Block and record every request that leaves this machine."""

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            watch.foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)


def open_page(browser, watch: Watch, **options):
    """A new page in its own context, guarded and watched."""
    context = browser.new_context(locale="zh-CN", **options)
    guard(context, watch)
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    # net::ERR_ABORTED is the browser dropping a request because the page moved on (a
    # click navigated away while the favicon loaded); foreign requests are caught above.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if "ERR_ABORTED" in (r.failure or "")
            else watch.failed.append(f"{r.url} ({r.failure})")
        ),
    )
    page.on(
        "response",
        lambda r: watch.failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None,
    )
    return page


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is true.

    Playwright's wait_for_function evaluates strings with eval, which the site's
    Content-Security-Policy rightly forbids; page.evaluate goes through DevTools instead.
    """
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(25)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, watch):
    """A fresh guarded browser page at phone size."""
    p = open_page(browser, watch, viewport={"width": 390, "height": 844})
    yield p
    p.context.close()


__all__ = ["ROOT"]
