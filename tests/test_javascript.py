"""Our scripts are plain ES2017, so they run in WeChat's and DingTalk's in-app browsers."""

import json
import re
import subprocess

import pytest

from util import ROOT, html_pages

ACORN = ROOT / "node_modules/acorn/dist/acorn.js"
SCRIPTS = sorted((ROOT / "overrides/assets/javascripts").glob("*.js"))


def parse_es2017(source: str, name: str) -> str:
    """Parse with acorn at ecmaVersion 2017; return the error, or '' when it parses."""
    if not ACORN.exists():
        pytest.fail(
            "acorn is missing: run `npm ci` (the README's test command does)", pytrace=False
        )
    program = (
        f"const acorn = require({json.dumps(str(ACORN))});"
        "let src = ''; process.stdin.on('data', d => src += d); process.stdin.on('end', () => {"
        "try { acorn.parse(src, {ecmaVersion: 2017, sourceType: 'script'}); } catch (e) { console.log(e.message); } });"
    )
    done = subprocess.run(
        ["node", "-e", program], input=source, capture_output=True, text=True, check=True
    )
    return done.stdout.strip() and f"{name}: {done.stdout.strip()}"


def test_there_are_scripts_to_check():
    assert {p.name for p in SCRIPTS} >= {"fangzha.js", "quiz.js", "read-aloud.js"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_each_script_is_es2017(script):
    assert parse_es2017(script.read_text(encoding="utf-8"), script.name) == ""


def test_a_script_using_newer_syntax_is_caught():
    assert "Unexpected token" in parse_es2017("let a = b?.c ?? 1;", "newer.js")


def test_the_inline_head_scripts_are_es2017(built_site):
    page = (built_site / "scams/shuadan/index.html").read_text(encoding="utf-8")
    ours = [
        s
        for s in re.findall(r"<script>(.*?)</script>", page, re.S)
        if "fangzha" in s or "search_index" in s or "ResizeObserver" in s
    ]
    assert len(ours) == 3
    for number, source in enumerate(ours):
        assert parse_es2017(source, f"inline script {number}") == ""
    assert html_pages(built_site)
