"""Content-Security-Policy support for the theme (see overrides/main.html).

The policy lets a page run scripts from the site itself and, by hash, only the
small inline scripts Material writes into every page. Their text depends on
the page (the base script embeds the page's relative base URL), so the theme
renders the same partials once more and hashes the result with this filter.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Material's inline scripts carry no attributes; JSON data blocks and src= scripts do.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(html: str) -> str:
    """CSP source expressions ``'sha256-…'`` for every attribute-less inline script in ``html``."""
    tokens: list[str] = []
    for body in _INLINE_SCRIPT.findall(str(html)):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in tokens:
            tokens.append(token)
    return " ".join(tokens)
