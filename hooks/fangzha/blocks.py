"""Python-Markdown extension: every ``///`` block of the site (pymdownx.blocks).

Enable it as ``fangzha.blocks`` under ``markdown_extensions``. It works without MkDocs
hooks, so it survives a move to another generator that runs Python-Markdown extensions.
Every block is a :class:`fangzha.blockspec.StrictBlock`: a wrong option stops the render
with a message instead of leaving the block as text, and a ``///`` line left over as text
(an unknown block, options YAML cannot read) stops it too.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension

from . import blockspec as spec
from . import quiz as quizzes
from . import quiz_html, receipt
from .checker import CheckerBlock
from .drill import DrillBlock
from .forms import RecordBlock, SignaturesBlock
from .screen import ScreenBlock
from .share import ShareBlock
from .slides import DeckBlock, SlideBlock
from .spot import SpotBlock


class QuizError(spec.BlockError):
    """A quiz block that cannot be rendered (the build hook reports it with file and line)."""


class QuizBlock(spec.StrictBlock):
    """
    A quiz: numbered questions with task-list options, 解析 and 参见 fields.

    Arguments (1 required):
    - The quiz title.

    Options:
    - `feedback` (each | end): feedback after each question, or after handing in (default).
    - `id` (string): a stable id for device storage and check codes (default: from the title).
    - `mode` (interactive | worksheet | answers): what to render (default interactive).
    - `size` (normal | large): large type and targets, for quizzes meant for older readers.
    - `fields` (list): the blanks at the top of the printed worksheet (default 姓名, 班级, 日期).
    - `answer_card` (true | false): a tear-off answer strip at the foot of the worksheet.

    Content:
    The questions, in the syntax described in ``fangzha.quiz``.
    """

    NAME = "quiz"
    ARGUMENT = True
    OPTIONS = {
        "feedback": ["end", spec.one_of({"each": "每题作答后反馈", "end": "交卷后统一反馈"})],
        "id": ["", spec.text(max_len=40)],
        "mode": ["interactive", spec.one_of(quiz_html.MODES)],
        "size": ["normal", spec.one_of({"normal": "普通", "large": "大字号"})],
        "fields": [", ".join(quizzes.WORKSHEET_FIELDS), spec.word_list(max_items=5, max_len=10)],
        "answer_card": [False, spec.flag],
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
            fields=tuple(quizzes.split_fields(self.options["fields"])),
            answer_card=bool(self.options["answer_card"]),
        )
        problems += quizzes.validate(quiz, "quiz")
        if problems:
            # A build with the hooks stops earlier with file and line; without them, fail loudly.
            raise QuizError(f"quiz '{self.argument}': " + "; ".join(p.message for p in problems))
        quiz_html.render(quiz, self.options["mode"], parent=block)


class ReceiptBlock(spec.StrictBlock):
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
        "fields": [", ".join(receipt.DEFAULT_FIELDS), spec.word_list(max_items=8, max_len=20)],
        "checks": ["", spec.word_list(max_items=8, max_len=40, allow_empty=True)],
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
        receipt.render(
            self.argument or "回执",
            _items(self.options["fields"]),
            _items(self.options["checks"]),
            note,
            block,
        )


def _items(value) -> list[str]:
    """A list option, whether pymdownx parsed it already or left the default string."""
    return value if isinstance(value, list) else receipt.split_list(value)


BLOCKS: dict[str, type[spec.StrictBlock]] = {
    block.NAME: block
    for block in (
        QuizBlock,
        ReceiptBlock,
        SlideBlock,
        DeckBlock,
        ScreenBlock,
        RecordBlock,
        SignaturesBlock,
        ShareBlock,
        CheckerBlock,
        DrillBlock,
        SpotBlock,
    )
}


class FangzhaBlocks(BlocksExtension):
    """Register the site's blocks and the check for blocks left as text."""

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 - Python-Markdown's name
        for block in BLOCKS.values():
            block_mgr.register(block, self.getConfigs())
        # After inline processing (priority 20), before serialising.
        md.treeprocessors.register(spec.LeftoverBlocks(md, BLOCKS), "fangzha_leftover_blocks", 1)


def makeExtension(*args, **kwargs):  # noqa: N802 - Python-Markdown's entry point
    """Return the extension."""
    return FangzhaBlocks(*args, **kwargs)
