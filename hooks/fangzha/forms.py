"""Paper forms for a school's records: the 班会记录表 and a class signature sheet.

Both print on a sheet of their own and collect nothing on screen: the page shows what will
be printed, with a line saying so, and has no input anywhere.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from . import blockspec as spec
from .quiz import join_lines
from .quiz_html import escape_text

RECORD_FIELDS = (
    "班会主题",
    "日期",
    "班级",
    "主持教师",
    "应到人数",
    "实到人数",
    "活动过程",
    "学生发言摘要",
    "活动照片（粘贴处）",
    "评比意见",
    "记录人",
)
SIGNATURE_COLUMNS = ("序号", "姓名（签名）")
# Fields that need room to write or to paste a photo, by a word in their name.
_TALL = re.compile(r"过程|内容|摘要|发言|意见|反馈|总结|情况")
_PHOTO = re.compile(r"照片|图片")
# Short fields share a row, two to a row.
_PAIRED = 2

PRINT_NOTE = "打印后填写，留作活动记录（台账）。本站没有在线表格，不在网上收集任何信息。"


def _note(parent: etree.Element) -> None:
    hint = etree.SubElement(parent, "p", {"class": "fz-form__hint"})
    hint.text = AtomicString(PRINT_NOTE)


class RecordBlock(spec.StrictBlock):
    """
    A 班会记录表 (or any activity record) to print and keep on file.

    Arguments (1 optional):
    - The form's title (default 主题班会记录表).

    Options:
    - `fields` (list): the rows, separated by commas; rows with 过程, 摘要, 意见 … get room to
      write, rows with 照片 a box to paste a photo.

    Content:
    Nothing, or a line printed under the title.
    """

    NAME = "record"
    ARGUMENT = None
    OPTIONS = {"fields": [", ".join(RECORD_FIELDS), spec.word_list(max_items=16, max_len=20)]}

    def on_markdown(self) -> str:
        """The optional note is plain text."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A section that prints on a sheet of its own."""
        return etree.SubElement(
            parent, "section", {"class": "fz-form fz-record", "data-record": ""}
        )

    def on_end(self, block: etree.Element) -> None:
        """Lay out the fields as a table: short ones two to a row, long ones full width."""
        note = str(block.text or "").strip()
        block.text = None
        fields = self.options["fields"]
        if isinstance(fields, str):
            fields = spec.word_list()(fields)
        title = (self.argument or "主题班会记录表").strip()
        _note(block)
        heading = etree.SubElement(block, "p", {"class": "fz-form__title"})
        heading.text = AtomicString(title)
        if note:
            lead = etree.SubElement(block, "p", {"class": "fz-form__lead"})
            lead.text = escape_text(join_lines(note.splitlines()))
        table = etree.SubElement(block, "table", {"class": "fz-record__table"})
        caption = etree.SubElement(table, "caption", {"class": "fz-visually-hidden"})
        caption.text = AtomicString(title)
        body = etree.SubElement(table, "tbody")
        for group in _rows(fields):
            row = etree.SubElement(body, "tr")
            for name in group:
                label = etree.SubElement(row, "th", {"scope": "row"})
                label.text = AtomicString(name)
                cell = etree.SubElement(row, "td")
                if len(group) == 1:
                    # A row of its own spans the table: room to write, or to paste a photo.
                    cell.set("colspan", str(2 * _PAIRED - 1))
                if _PHOTO.search(name):
                    cell.set("class", "fz-record__photo")
                elif _TALL.search(name):
                    cell.set("class", "fz-record__tall")


def _rows(fields: list[str]) -> list[list[str]]:
    """Short fields two to a row; a field that needs room on a row of its own."""
    rows: list[list[str]] = []
    for name in fields:
        if _needs_room(name) or not rows or len(rows[-1]) == _PAIRED or _needs_room(rows[-1][-1]):
            rows.append([name])
        else:
            rows[-1].append(name)
    return rows


def _needs_room(name: str) -> bool:
    return bool(_TALL.search(name) or _PHOTO.search(name))


class SignaturesBlock(spec.StrictBlock):
    """
    A sign-up sheet for a 班级承诺 or a 横幅签名: a pledge, then numbered lines for names.

    Arguments (1 optional):
    - The sheet's title (default 反诈承诺签名表).

    Options:
    - `rows` (10–80): how many names (default 50), in two columns so that one A4 sheet holds them.
    - `columns` (list): the column heads (default 序号, 姓名（签名）).

    Content:
    The pledge the signers make, as plain text.
    """

    NAME = "signatures"
    ARGUMENT = None
    OPTIONS = {
        "rows": [50, spec.whole_number(10, 80)],
        "columns": [", ".join(SIGNATURE_COLUMNS), spec.word_list(max_items=4, max_len=12)],
    }

    def on_markdown(self) -> str:
        """The pledge is plain text."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A section that prints on a sheet of its own."""
        return etree.SubElement(
            parent, "section", {"class": "fz-form fz-signatures", "data-signatures": ""}
        )

    def on_end(self, block: etree.Element) -> None:
        """The pledge, a line for class and date, and a two-column table of numbered rows."""
        pledge = str(block.text or "").strip()
        block.text = None
        columns = self.options["columns"]
        if isinstance(columns, str):
            columns = spec.word_list()(columns)
        rows = int(self.options["rows"])
        title = (self.argument or "反诈承诺签名表").strip()
        _note(block)
        heading = etree.SubElement(block, "p", {"class": "fz-form__title"})
        heading.text = AtomicString(title)
        for part in re.split(r"\n\s*\n", pledge):
            if part.strip():
                para = etree.SubElement(block, "p", {"class": "fz-form__lead"})
                para.text = escape_text(join_lines(part.splitlines()))
        meta = etree.SubElement(block, "p", {"class": "fz-form__fields"})
        for label in ("班级：", "日期："):
            span = etree.SubElement(meta, "span", {"class": "fz-form__field"})
            span.text = AtomicString(label)
        table = etree.SubElement(block, "table", {"class": "fz-signatures__table"})
        caption = etree.SubElement(table, "caption", {"class": "fz-visually-hidden"})
        caption.text = AtomicString(f"{title}：{rows} 行")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for _ in range(2):
            for column in columns:
                th = etree.SubElement(head, "th", {"scope": "col"})
                th.text = AtomicString(column)
        body = etree.SubElement(table, "tbody")
        half = -(-rows // 2)
        for index in range(1, half + 1):
            tr = etree.SubElement(body, "tr")
            for number in (index, index + half):
                for position, _ in enumerate(columns):
                    td = etree.SubElement(tr, "td")
                    if position == 0 and number <= rows and columns[0] == "序号":
                        td.text = AtomicString(str(number))
