"""Hook: write the message checker's index (check-index.js) from every scam page's signals."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from fangzha.checker import CHECK_PAGE, INDEX_URI, compile_index, index_script
from fangzha.mkdocs_glue import state


@event_priority(-10)  # after content.on_files (priority 0) has read and checked the pages
def on_files(files, config):
    """Add assets/javascripts/check-index.js, with each page's address as this build writes it."""
    library = state(config)["library"]

    def url_of(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        return file.url if file else src_uri

    import opencc

    traditional = (opencc.OpenCC("s2t").convert, opencc.OpenCC("s2tw").convert)
    script = index_script(compile_index(library.pages.values(), url_of, traditional))
    # Where every scam page and long searches point readers with a message to check.
    checker = files.get_file_from_path(CHECK_PAGE)
    config.extra["fangzha_check_url"] = checker.url if checker else None
    files.append(File.generated(config, INDEX_URI, content=script))
    return files
