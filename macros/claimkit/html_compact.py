"""Leave out the indentation of the HTML source: the same page, about a tenth lighter.

Most of a page's whitespace is the theme's templates indenting their own markup (the navigation
alone). A browser shows any run of spaces and line breaks in running text as one space, so a line
break followed by indentation can become a bare line break: the page looks, reads and is announced
the same. Left exactly as written: elements that show their whitespace (``pre``, ``textarea``) and the
contents of ``script`` and ``style`` (the Content-Security-Policy lists the hash of each inline script).
Only spaces, tabs and line breaks go; a no-break space is content and stays.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact_html(html: str) -> str:
    """``html`` with every line break's following spaces, tabs and blank lines left out."""
    parts: list[str] = []
    at = 0
    for kept in _KEPT.finditer(html):
        parts.append(_INDENT.sub("\n", html[at:kept.start()]))
        parts.append(kept.group(0))
        at = kept.end()
    parts.append(_INDENT.sub("\n", html[at:]))
    return "".join(parts)
