"""Python-Markdown extension: the ``/// quiz`` and ``/// receipt`` blocks (pymdownx.blocks).

Enable it as ``fangzha.blocks`` under ``markdown_extensions``. It works without MkDocs
hooks, so it survives a move to another generator that runs Python-Markdown extensions.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string, type_string_in

from . import quiz as quizzes
from . import quiz_html, receipt


class QuizError(ValueError):
    """A quiz block that cannot be rendered (the build hook reports it with file and line)."""


class QuizBlock(Block):
    """
    A quiz: numbered questions with task-list options, 解析 and 参见 fields.

    Arguments (1 required):
    - The quiz title.

    Options:
    - `feedback` (each | end): feedback after each question, or after handing in (default).
    - `id` (string): a stable id for device storage and check codes (default: from the title).
    - `mode` (interactive | worksheet | answers): what to render (default interactive).
    - `size` (normal | large): large type and targets, for quizzes meant for older readers.

    Content:
    The questions, in the syntax described in ``fangzha.quiz``.
    """

    NAME = "quiz"
    ARGUMENT = True
    OPTIONS = {
        "feedback": ["end", type_string_in(list(quizzes.FEEDBACK))],
        "id": ["", type_string],
        "mode": ["interactive", type_string_in(list(quiz_html.MODES))],
        "size": ["normal", type_string_in(list(quizzes.SIZES))],
    }

    def on_markdown(self) -> str:
        """Keep the body as raw text: the quiz parser reads it, not Markdown."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Create a container the quiz replaces when the block ends."""
        return etree.SubElement(parent, "div", {"class": "fz-quiz-block"})

    def on_end(self, block: etree.Element) -> None:
        """Parse the raw body and render the quiz in the requested mode."""
        text = str(block.text or "")
        block.text = None
        questions, scoring, problems = quizzes.parse_questions(text, "quiz")
        quiz = quizzes.Quiz(
            self.argument,
            questions,
            self.options["feedback"],
            self.options["id"],
            scoring,
            size=self.options["size"],
        )
        problems += quizzes.validate(quiz, "quiz")
        if problems:
            # A build with the hooks stops earlier with file and line; without them, fail loudly.
            raise QuizError(f"quiz '{self.argument}': " + "; ".join(p.message for p in problems))
        quiz_html.render(quiz, self.options["mode"], parent=block)


class ReceiptBlock(Block):
    """
    A tear-off receipt (回执), printed below a dashed cut line.

    Arguments (1 optional):
    - The receipt's title (default 回执).

    Options:
    - `fields` (list): blanks to fill in, separated by commas (default 学生姓名, 班级, 家长签名, 日期).
    - `checks` (list): tick boxes, separated by commas.

    Content:
    How to return the slip, as plain text.
    """

    NAME = "receipt"
    ARGUMENT = None
    OPTIONS = {
        "fields": [", ".join(receipt.DEFAULT_FIELDS), type_string],
        "checks": ["", type_string],
    }

    def on_markdown(self) -> str:
        """Keep the return note as plain text."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Create a container the receipt fills when the block ends."""
        return etree.SubElement(parent, "div", {"class": "fz-receipt-block"})

    def on_end(self, block: etree.Element) -> None:
        """Render the receipt."""
        note = str(block.text or "")
        block.text = None
        fields = receipt.split_list(self.options["fields"])
        if not fields:
            raise ValueError("receipt: expected at least one field to fill in")
        receipt.render(
            self.argument or "回执", fields, receipt.split_list(self.options["checks"]), note, block
        )


class QuizExtension(BlocksExtension):
    """Register the quiz and receipt blocks."""

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 - Python-Markdown's name
        block_mgr.register(QuizBlock, self.getConfigs())
        block_mgr.register(ReceiptBlock, self.getConfigs())


def makeExtension(*args, **kwargs):  # noqa: N802 - Python-Markdown's entry point
    """Return the extension."""
    return QuizExtension(*args, **kwargs)
