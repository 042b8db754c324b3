"""Author-facing problems: one line each, naming the file, line or field, in Chinese first.

Every message has the shape ``file:line: 发现了什么 → 应当怎么写``. Most also carry the same in
English; the environment variable ``FANGZHA_MESSAGES`` chooses what a build prints:
``zh`` (the default), ``en``, or ``both`` (Chinese, then the English in brackets).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MODES = ("zh", "en", "both")
ENV = "FANGZHA_MESSAGES"


def mode() -> str:
    """Which language the author asked for (unknown values fall back to Chinese)."""
    value = os.environ.get(ENV, "zh").strip().lower()
    return value if value in MODES else "zh"


def say(zh: str, en: str = "") -> str:
    """A message in the language asked for, from its Chinese and English forms."""
    chosen = mode()
    if chosen == "en" and en:
        return en
    if chosen == "both" and en:
        return f"{zh}（{en}）"
    return zh


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content or settings, located as precisely as we can."""

    where: str
    line: int | None
    message: str  # in Chinese: 发现了什么 → 应当怎么写
    english: str = ""  # the same in English, printed when asked for

    def text(self) -> str:
        """The message in the language asked for."""
        return say(self.message, self.english)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.where}: {self.text()}"
        return f"{self.where}:{self.line}: {self.text()}"
