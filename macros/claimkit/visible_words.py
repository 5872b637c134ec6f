"""Count the words a reader sees on a page: the basis of honest reading times.

A page's HTML holds more than a reader reads: scripts, tooltips that appear only on
hover, folded sections (``<details>`` shows its ``<summary>`` until opened), hidden
elements. These are left out, so the count is what is on screen when the page opens.
Optionally only one element is counted (``id="claim-x"``), for a reading that links
straight to one claim of a long page.

The HTML is read with regular expressions, not ``html.parser``: the course counts the
words of pages a megabyte long at every cold build, and the parser's Python calls per
tag took most of that time. Both read the same tags, attributes, text and entities; the
content of ``script``, ``style`` and ``textarea`` is skipped whole, as a browser reads it.
"""

from __future__ import annotations

import re
from html import unescape

from .analysis import word_count

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NEVER_SHOWN = {"script", "style", "template", "noscript", "textarea"}
_ATTRS = r"""((?:[^>"']++|"[^"]*+"|'[^']*+')*+)"""  # (possessive: never backtracks)
# A tag; or what holds no text a reader sees: a comment, a declaration, a processing instruction, or an
# element whose content is raw text, skipped whole (a '<' in a script is not a tag).
# (An unclosed one runs to the end of the page, so that no input makes the search quadratic.)
_TOKEN = re.compile(rf"<(?:!--.*?(?:-->|\Z)|[!?][^>]*+(?:>|\Z)"
                    rf"|(script|style|textarea)\b{_ATTRS}(?:>.*?(?:</\1\s*>|\Z)|\Z)"
                    rf"|(/?)([a-zA-Z][^\s/>]*+){_ATTRS}(?:>|\Z))", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Attributes that decide what is shown: a tag without any of these words needs no closer look.
_DECISIVE = re.compile("hidden|tooltip|ck-tip|open", re.IGNORECASE)


def _attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        if name not in found:  # (the first of a repeated attribute counts, as in a browser)
            found[name] = unescape(value) if value and "&" in value else value
    return found


def visible_text(html: str, element_id: str | None = None) -> str | None:
    """The text shown when the page opens (or of one element); None when that element is not there."""
    found = element_id is None
    # one entry per open element: (tag, its content is hidden, inside the counted element, a closed <details>)
    stack: list[tuple[str, bool, bool, bool]] = []
    outside = ("", False, element_id is None, False)
    text: list[str] = []
    position = 0
    for match in _TOKEN.finditer(html):
        top = stack[-1] if stack else outside
        if top[2] and not top[1] and not top[3] and match.start() > position:
            chunk = html[position:match.start()]
            text.append(unescape(chunk) if "&" in chunk else chunk)
        position = match.end()
        raw, raw_attributes, closing, tag, rest = match.groups()
        if raw:  # never shown; only its id counts (an element to count that is a script has no words)
            if element_id is not None and element_id in raw_attributes:
                found = found or _attributes(raw_attributes).get("id") == element_id
            continue
        if tag is None:
            continue
        tag = tag.lower()
        if closing:
            while stack and stack.pop()[0] != tag:
                pass
            continue
        if tag in _VOID:
            continue
        look = rest and (_DECISIVE.search(rest) or (element_id is not None and element_id in rest))
        attributes = _attributes(rest) if look else {}
        hidden = (top[1] or tag in _NEVER_SHOWN or "hidden" in attributes
                  or attributes.get("role") == "tooltip" or "ck-tip" in (attributes.get("class") or "").split()
                  or (top[3] and tag != "summary"))  # folded away until the reader opens it
        target = element_id is not None and attributes.get("id") == element_id
        found = found or target
        if rest.endswith("/"):  # <div/>: opened and closed at once
            continue
        stack.append((tag, hidden, top[2] or target, tag == "details" and "open" not in attributes))
    top = stack[-1] if stack else outside
    if top[2] and not top[1] and not top[3] and position < len(html):
        chunk = html[position:]
        text.append(unescape(chunk) if "&" in chunk else chunk)
    return " ".join(text) if found else None


def visible_words(html: str, element_id: str | None = None) -> int | None:
    text = visible_text(html, element_id)
    return None if text is None else word_count(text)
