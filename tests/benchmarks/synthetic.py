"""Synthetic sites for benchmarks: the real project plus N generated scam pages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/

from util import ROOT, copy_project  # noqa: E402

__all__ = ["ROOT", "add_scam_pages", "copy_project", "plain_material_config"]

TEMPLATE = ROOT / "docs/scams/shuadan.md"


def add_scam_pages(project: Path, count: int) -> None:
    """Add ``count`` scam pages made from a real one, each with its own title and words."""
    template = TEMPLATE.read_text(encoding="utf-8")
    folder = project / "docs/scams"
    for n in range(1, count + 1):
        text = re.sub(r"^title: .*$", f"title: 合成诈骗类型第{n}号", template, count=1, flags=re.M)
        text = re.sub(r"^order: .*$", f"order: {900 + n % 99}", text, count=1, flags=re.M)
        # Vary the body a little so the search index grows as a real site's would.
        text = text.replace("小雨", f"小雨{n}号").replace("200 元", f"{200 + n} 元")
        (folder / f"synthetic-{n:04d}.md").write_text(text, encoding="utf-8")


def plain_material_config(project: Path) -> Path:
    """A stock mkdocs.yml over the same Markdown: Material, search, fonts off, nothing else."""
    config = project / "mkdocs.plain.yml"
    config.write_text(
        "site_name: 防诈课堂\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search\n",
        encoding="utf-8",
    )
    return config
