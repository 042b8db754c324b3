"""Hook: the big screen's lines as a plain UTF-8 text file for LED controllers, linked from its page."""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File

from fangzha.mkdocs_glue import state
from fangzha.screen import led_text, led_uri, parse_lines


def on_files(files, config):
    """Write each screen page's lines, one a line, next to it."""
    library = state(config)["library"]
    for page in library.of_kind("screen"):
        lines = []
        for block in library.blocks[page.src_uri]:
            if block.name == "screen":
                lines += parse_lines(block.body)[0]
        files.append(File.generated(config, led_uri(page.src_uri), content=led_text(lines)))
    return files


def on_page_markdown(markdown, page, config, files):
    """Link the text file below the screen."""
    lib = state(config)["library"].pages.get(page.file.src_uri)
    if lib is None or lib.kind != "screen":
        return markdown
    name = posixpath.basename(led_uri(lib.src_uri))
    return (
        markdown
        + f"\n\n## LED 屏文本\n\n银行大厅、校门口的 LED 屏一般只能导入纯文本：[下载 LED 屏文本（{name}）]({name})，"
        "UTF-8 编码，一行一条，可以直接导入 LED 控制软件。\n"
    )
