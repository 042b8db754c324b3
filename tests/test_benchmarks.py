"""The README's benchmark command works: one quick round of every measurement.

Budgets are not enforced here: a quick round on a machine busy with the rest of the suite
says nothing about them (the full runner enforces them; see README, 「性能与预算」).
"""

import subprocess
import sys

from util import ROOT


def _status() -> str:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--ignored"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout if done.returncode == 0 else ""


def test_the_benchmark_runner_measures_everything_in_a_quick_round():
    assert ".venv/bin/python tests/benchmarks/run.py --update-readme" in (
        ROOT / "README.md"
    ).read_text(encoding="utf-8")
    before = {line for line in _status().splitlines() if "benchmarks" in line}
    done = subprocess.run(
        [sys.executable, "tests/benchmarks/run.py", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for row in (
        "| clean build |",
        "| rebuild after editing one page",
        "| branded variants (`fangzha-variants`",
        "| growth of build time |",
        "| first visit, scam page",
        "| search index |",
        "Budgets:",
    ):
        assert row in done.stdout, row
    after = {line for line in _status().splitlines() if "benchmarks" in line}
    assert after <= before, f"the quick round wrote into the checkout: {sorted(after - before)}"
