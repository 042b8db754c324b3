"""The authoring loop: `mkdocs serve` shows an edited page, quiz and letter without a restart."""

import os
import socket
import subprocess
import sys
import time

import pytest

from conftest import Watch, open_page, wait_until
from util import copy_project, edit

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """A copy of the project under `mkdocs serve`, and its address."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read())
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("mkdocs serve did not start")
    yield project, url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def reload_until(page, url, text, timeout=120):
    """Reload until the page shows ``text``: the server rebuilds after each save."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.goto(url)
        if text in page.locator("article").inner_text():
            return
        page.wait_for_timeout(1000)
    raise AssertionError(f"{url} never showed {text!r}")


def test_edits_to_a_page_a_quiz_and_a_letter_are_served_without_a_restart(browser, served):
    project, url = served
    watch = Watch()
    page = open_page(browser, watch, viewport={"width": 1024, "height": 800})
    docs = project / "docs"

    # The open page reloads itself after the save, as it does for an author at her desk.
    page.goto(url + "scams/shuadan/")
    edit(
        docs / "scams/shuadan.md",
        "## 一句话识别\n",
        "## 一句话识别\n\n新加的一句提醒：刷单都是骗局。\n",
    )
    # While the page reloads there is a moment with no article yet: that is "not yet", not an error.
    page.wait_for_function(
        "(document.querySelector('article')?.innerText || '').includes('新加的一句提醒：刷单都是骗局。')",
        timeout=180_000,
    )

    edit(docs / "quizzes/jiazhang.md", "跟着扫码交\n", "跟着扫码交钱，省得麻烦\n")
    reload_until(page, url + "quizzes/jiazhang/", "跟着扫码交钱，省得麻烦")
    wait_until(page, "!!document.querySelector('[data-quiz-mounted]')")

    edit(docs / "letters/jiazhang.md", "请于收到本信后三日内", "请于收到本信后两日内")
    reload_until(page, url + "letters/jiazhang/", "两日内")
    # The print pack that carries the letter follows it.
    reload_until(page, url + "print/parents/", "两日内")

    # Pages that list another page follow its new title, though their own text did not change
    # (the rebuild reuses what did not change; a title is what other pages depend on).
    edit(docs / "scams/shuadan.md", "title: 刷单返利诈骗\n", "title: 刷单返利类诈骗\n")
    reload_until(page, url + "scams/", "刷单返利类诈骗")
    page.context.close()
    watch.assert_clean()
