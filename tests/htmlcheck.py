"""The Nu HTML Checker over a built site, separating our markup's errors from the theme's.

Errors inherited from Material that cannot be fixed by overriding a partial are listed here
with the reason; anything else counts as ours.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

THEME_ERRORS = {
    r"^Attribute “autocomplete” is only allowed when the input type is": (
        'Material\'s base.html puts autocomplete="off" on its hidden drawer and search '
        "checkboxes (to stop browsers restoring their state); base.html is not a partial, and "
        "copying the whole file to drop one attribute would make theme updates unsafe."
    ),
}


def check_site(site: Path, jar: Path) -> dict:
    """Run vnu over every HTML page; return {'pages', 'own': [...], 'theme': {reason: count}}."""
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    own, theme = [], {}
    for message in messages:
        if message.get("type") != "error":
            continue
        reason = next(
            (
                why
                for pattern, why in THEME_ERRORS.items()
                if re.search(pattern, message["message"])
            ),
            None,
        )
        if reason:
            theme[reason] = theme.get(reason, 0) + 1
        else:
            where = message.get("url", "").split(str(site), 1)[-1]
            own.append(f"{where}:{message.get('lastLine')}: {message['message']}")
    pages = sum(1 for _ in site.rglob("*.html"))
    return {"pages": pages, "own": own, "theme": theme}
