"""Author-facing problems: one line each, naming the file, line or field."""

from __future__ import annotations

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
