"""The corpus of authors' mistakes (tests/data/mistakes.yml) and how to apply it to a project.

Each case is one slip a class teacher, a grid worker or a bank clerk makes: what they did to
which file, and the one line the build must answer with. Cases of the same stage of the build
that touch different places are applied together and built once, so that a hundred cases cost a
dozen builds; the build must list exactly the expected lines, and never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from util import ROOT

CORPUS = ROOT / "tests/data/mistakes.yml"
VALID = ROOT / "tests/data/tricky_valid.yml"
# How far a build gets: problems of a later stage only show once earlier ones are fixed.
STAGES = ("config", "privacy", "pages", "quizzes", "render", "warnings")


@dataclass
class Case:
    """One mistake: the edit, and what the build says about it."""

    name: str
    stage: str
    file: str
    replace: tuple[str, str] | list | None = None  # (old, new), or a list of such pairs
    write: str | None = None
    encoding: str = "utf-8"
    at: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    alone: bool = False

    def apply(self, project: Path) -> dict[str, int]:
        """Make the mistake in a copy of the project; return the placeholders for the messages."""
        path = project / self.file
        if self.write is not None:
            text = self.write
        else:
            text = path.read_text(encoding="utf-8")
            for old, new in self.pairs():
                assert old in text, f"{self.name}: {old!r} not in {self.file}"
                text = text.replace(old, new, 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode(self.encoding) if self.encoding != "raw" else text.encode("latin-1")
        path.write_bytes(data)
        needle = self.at or (self.pairs()[0][1] if self.replace else None)
        places = {}
        if needle is not None:
            first = needle.split("\n", 1)[0]
            for number, line in enumerate(text.split("\n"), start=1):
                if first in line:
                    places["line"] = number
                    break
            else:
                raise AssertionError(f"{self.name}: {first!r} not found after the edit")
        return places

    def expected(self, places: dict[str, int]) -> tuple[list[str], list[str]]:
        def fill(message: str) -> str:
            return re.sub(
                r"\{line([+-]\d+)?\}",
                lambda m: str(places["line"] + int(m.group(1) or 0)),
                message,
            )

        return [fill(e) for e in self.errors], [fill(w) for w in self.warnings]

    def pairs(self) -> list[tuple[str, str]]:
        """The (old, new) replacements, in order."""
        if self.replace and isinstance(self.replace[0], list | tuple):
            return [tuple(pair) for pair in self.replace]
        return [tuple(self.replace)] if self.replace else []

    def line_count_kept(self) -> bool:
        pairs = self.pairs()
        return bool(pairs) and all(old.count("\n") == new.count("\n") for old, new in pairs)


def load(path: Path = CORPUS) -> list[Case]:
    """Read the corpus."""
    cases = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        for key in ("errors", "warnings"):
            if isinstance(raw.get(key), str):
                raw[key] = [raw[key]]
        cases.append(Case(**raw))
    return cases


def batches(cases: list[Case]) -> list[list[Case]]:
    """Group cases that can be built together: same stage, no two editing one place."""
    out: list[list[Case]] = []
    for stage in STAGES:
        open_batches: list[list[Case]] = []
        for case in (c for c in cases if c.stage == stage):
            # A page whose settings cannot be filled in stops the build on its own.
            alone = case.alone or stage == "render"
            for batch in open_batches:
                if alone or any(other.alone for other in batch):
                    continue
                same_file = [other for other in batch if other.file == case.file]
                # Only mkdocs.yml takes several slips at once: a broken page hides the rest.
                if not same_file or (
                    case.file == "mkdocs.yml"
                    and case.line_count_kept()
                    and all(
                        other.line_count_kept() and other.pairs()[0][0] != case.pairs()[0][0]
                        for other in same_file
                    )
                ):
                    batch.append(case)
                    break
            else:
                open_batches.append([case])
                case.alone = alone
        out.extend(open_batches)
    return out
