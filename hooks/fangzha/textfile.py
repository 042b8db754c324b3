"""Reading an author's text file as Windows tools save it.

Notepad saves "ANSI" (GBK on a Chinese Windows) or "Unicode" (UTF-16) when asked; WPS and Word
export GBK; a UTF-8 BOM and Windows line endings are common. A BOM and CRLF are accepted; the
rest is named, with how to save the file as UTF-8 in Notepad and WPS.
"""

from __future__ import annotations

import codecs

from .problems import Problem

SAVE_AS_UTF8 = (
    "请另存为 UTF-8：用记事本打开，点“文件 → 另存为”，把下方的“编码”改成“UTF-8”再保存；"
    "WPS 里点“文件 → 另存为”，文件类型选“纯文本”，编码选“UTF-8”"
)
SAVE_AS_UTF8_EN = "save it as UTF-8 (Notepad: File → Save As, Encoding: UTF-8)"


def decode(raw: bytes, where: str) -> tuple[str | None, Problem | None]:
    """The file's text with Unix line endings, or the problem naming its encoding."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        return None, Problem(
            where,
            None,
            "这个文件是“Unicode”（UTF-16）编码，网站读不了 → " + SAVE_AS_UTF8,
            "the file is UTF-16 ('Unicode' in Notepad); " + SAVE_AS_UTF8_EN,
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, Problem(
                where,
                line,
                "这一行有读不出的字节，文件不是 UTF-8 编码 → " + SAVE_AS_UTF8,
                "this line has bytes that are not UTF-8; " + SAVE_AS_UTF8_EN,
            )
        return None, Problem(
            where,
            line,
            "这个文件是 GBK 编码（记事本里叫“ANSI”），从这一行起的中文会变成乱码 → " + SAVE_AS_UTF8,
            "the file is GBK ('ANSI' in Notepad); " + SAVE_AS_UTF8_EN,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of Latin text and newlines is zero."""
    head = raw[:400]
    return len(head) >= 4 and head.count(b"\x00") >= len(head) // 4
