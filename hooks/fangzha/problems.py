"""Author-facing problems: one line each, naming the file, line or field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content or settings, located as precisely as we can."""

    where: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.where}: {self.message}"
        return f"{self.where}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found in one pass, so one build shows them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """Join problems into the text a build prints: one line per problem."""
    return "\n".join(str(p) for p in problems)


def raise_if_any(problems: Iterable[Problem]) -> None:
    """Raise ContentError when the list is not empty."""
    problems = list(problems)
    if problems:
        raise ContentError(problems)
