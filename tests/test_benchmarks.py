"""The README's benchmark command works: one quick round of every measurement."""

import subprocess
import sys

from util import ROOT


def test_the_benchmark_runner_measures_everything_in_a_quick_round():
    assert ".venv/bin/python tests/benchmarks/run.py --update-readme" in (
        ROOT / "README.md"
    ).read_text(encoding="utf-8")
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
        "| growth of build time |",
        "| first visit, scam page",
        "| search index |",
        "Budgets:",
    ):
        assert row in done.stdout, row
