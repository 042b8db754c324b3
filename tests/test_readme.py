"""The README's commands are the ones CI runs, and the preview command really serves the site."""

import re
import socket
import subprocess
import sys
import time
import urllib.request

from util import ROOT, copy_project

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(marker):
    match = re.search(re.escape(marker) + r"\n```bash\n(.*?)\n```", README, re.S)
    assert match, f"README has no bash block after {marker}"
    return match.group(1)


def test_ci_runs_the_readme_build_and_test_commands():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "readme_block build" in ci and "readme_block test" in ci
    assert block_after("<!-- ci:build -->") == (
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/mkdocs build"
    )
    assert block_after("<!-- ci:test -->").endswith("npm ci --omit=optional && .venv/bin/pytest")


def test_english_section_shows_the_same_commands():
    english = README[README.index("## English") :]
    assert block_after("<!-- ci:build -->") in english
    assert block_after("<!-- ci:test -->") in english


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_previews_the_site(tmp_path):
    assert ".venv/bin/mkdocs serve" in README
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/scams/shuadan/", timeout=2
                ) as r:
                    html = r.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "mkdocs serve did not answer in 60 s"
                time.sleep(0.5)
        assert "<h1>刷单返利诈骗</h1>" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_screenshot_the_readme_shows_is_in_the_repository_and_small():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert len(images) >= 10
    for image in images:
        path = ROOT / image
        assert path.is_file(), f"README shows {image}, which is missing"
        assert path.stat().st_size < 250 * 1024, f"{image} is {path.stat().st_size // 1024} KB"
