"""Links that leave the site: marked for print (their address is written out) and opened safely."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ANCHOR = re.compile(r"<a\b([^>]*)>")
_HREF = re.compile(r'\bhref="(https?://[^"]+)"')


def mark_external(html: str, site_url: str | None) -> str:
    """Add class ``fz-external`` and ``rel="noopener noreferrer"`` to links to other hosts."""
    own = urlsplit(site_url).netloc if site_url else ""

    def mark(match: re.Match) -> str:
        attrs = match.group(1)
        href = _HREF.search(attrs)
        if not href or (own and urlsplit(href.group(1)).netloc == own):
            return match.group(0)
        if 'class="' in attrs:
            attrs = re.sub(
                r'class="([^"]*)"', lambda m: f'class="{m.group(1)} fz-external"', attrs, count=1
            )
        else:
            attrs += ' class="fz-external"'
        if "rel=" not in attrs:
            attrs += ' rel="noopener noreferrer"'
        return f"<a{attrs}>"

    return _ANCHOR.sub(mark, html)


_TASK_BOX = re.compile(
    r'<input type="checkbox" disabled(?:="disabled")?( checked(?:="checked")?)?\s*/?>'
)


def checklist_boxes(html: str) -> str:
    """Turn a task list's disabled checkboxes into drawn boxes.

    The red-flag lists are for ticking on paper; a disabled, unlabelled form control helps
    nobody on screen and is reported by accessibility checkers.
    """
    return _TASK_BOX.sub(
        lambda m: f'<span class="fz-check" aria-hidden="true">{"☑" if m.group(1) else "☐"}</span>',
        html,
    )
