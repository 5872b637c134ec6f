"""Count the words a reader sees on a page: the basis of honest reading times.

A page's HTML holds more than a reader reads: scripts, tooltips that appear only on
hover, folded sections (``<details>`` shows its ``<summary>`` until opened), hidden
elements. These are left out, so the count is what is on screen when the page opens.
Optionally only one element is counted (``id="claim-x"``), for a reading that links
straight to one claim of a long page.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .analysis import word_count

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NEVER_SHOWN = {"script", "style", "template", "noscript", "textarea"}


class _VisibleText(HTMLParser):
    def __init__(self, element_id: str | None):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.found = element_id is None
        # one entry per open element: (tag, its content is hidden, inside the counted element, a closed <details>)
        self.stack: list[tuple[str, bool, bool, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        parent = self.stack[-1] if self.stack else ("", False, self.element_id is None, False)
        hidden = (parent[1] or tag in _NEVER_SHOWN or "hidden" in attributes
                  or attributes.get("role") == "tooltip" or "ck-tip" in (attributes.get("class") or "").split()
                  or (parent[3] and tag != "summary"))  # folded away until the reader opens it
        target = attributes.get("id") == self.element_id if self.element_id is not None else False
        self.found = self.found or target
        self.stack.append((tag, hidden, parent[2] or target, tag == "details" and "open" not in attributes))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        top = self.stack[-1] if self.stack else ("", False, self.element_id is None, False)
        if top[2] and not top[1] and not top[3]:
            self.text.append(data)

    def text_of(self, html: str) -> str:
        self.feed(html)
        self.close()
        return " ".join(self.text)


def visible_text(html: str, element_id: str | None = None) -> str | None:
    """The text shown when the page opens (or of one element); None when that element is not there."""
    parser = _VisibleText(element_id)
    text = parser.text_of(html)
    return text if parser.found else None


def visible_words(html: str, element_id: str | None = None) -> int | None:
    text = visible_text(html, element_id)
    return None if text is None else word_count(text)
