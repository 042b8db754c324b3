"""Helpers shared by the tests: copy the project, run real builds, read what they wrote."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    """The outcome of one ``mkdocs build`` run."""

    returncode: int
    output: str
    site: Path

    @property
    def errors(self) -> list[str]:
        """The ERROR lines MkDocs printed, without the level prefix."""
        return [m.group(1) for m in re.finditer(r"^ERROR\s+-\s+(.*)$", self.output, re.M)]


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """Copy the parts a build needs into ``target`` (which may already exist)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / part)
    return target


def build(project: Path, site: Path | None = None, *, config: str = "mkdocs.yml", strict: bool = True) -> Build:
    """Run a real ``mkdocs build`` in a subprocess and capture what it prints."""
    site = site or project / "site"
    command = [*MKDOCS, "build", "-f", str(project / config), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=300)
    return Build(done.returncode, done.stdout + done.stderr, site)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
