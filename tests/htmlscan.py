"""Read built HTML the way a browser would, for the safety and privacy tests."""

from __future__ import annotations

import base64
import hashlib
import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path

_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def effective_url(url: str) -> str:
    """What a browser's URL parser starts from: outer C0/space stripped, tabs and newlines removed."""
    return re.sub(r"[\t\n\r]", "", url.strip(_C0_OR_SPACE))


def scheme(url: str) -> str | None:
    """The scheme a browser sees (lower case), or None for a relative URL."""
    match = _SCHEME.match(effective_url(url))
    return match[1].lower() if match else None


def leaves_the_site(url: str) -> bool:
    """True for a URL naming another host: absolute with a host, or scheme-relative (//host)."""
    url = effective_url(url).replace("\\", "/")
    if url.startswith("//"):
        return True
    found = scheme(url)
    return found is not None and found not in ("data", "blob", "about", "mailto", "tel")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    in_content: bool  # inside Material's <article class="md-content__inner ...">
    in_head: bool
    text: str = ""  # the raw text of a <script> or <style>


@dataclass
class Page:
    path: Path
    elements: list[Element] = field(default_factory=list)
    title: str = ""

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def csp(self) -> dict[str, list[str]]:
        metas = [e for e in self.find("meta")
                 if e.attrs.get("http-equiv", "").lower() == "content-security-policy"]
        assert len(metas) == 1, f"{self.path}: expected one CSP meta tag, found {len(metas)}"
        policy: dict[str, list[str]] = {}
        for directive in metas[0].attrs["content"].split(";"):
            name, *values = directive.split()
            policy[name] = values
        return policy

    def inline_scripts(self) -> list[Element]:
        """Scripts a browser would run from the page text itself (not src=, not JSON data blocks)."""
        return [
            e for e in self.find("script")
            if "src" not in e.attrs and e.attrs.get("type", "text/javascript").lower()
            in ("", "text/javascript", "module", "application/javascript")
        ]


class _Parser(html.parser.HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, bool]] = []  # (tag, opens the content article)
        self.in_head = False
        self.raw: Element | None = None
        self.in_title = False

    @property
    def in_content(self) -> bool:
        return any(opens for _, opens in self.stack)

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, self.in_content, self.in_head)
        self.page.elements.append(element)
        if tag == "head":
            self.in_head = True
        if tag in ("script", "style"):
            self.raw = element
        if tag == "title":
            self.in_title = True
        if tag not in VOID:
            opens = tag == "article" and "md-content__inner" in values.get("class", "")
            self.stack.append((tag, opens))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag in ("script", "style"):
            self.raw = None
        if tag == "title":
            self.in_title = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.raw is not None:
            self.raw.text += data
        if self.in_title:
            self.page.title += data


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def parse(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def html_pages(site: Path) -> list[Page]:
    return [parse(p) for p in sorted(site.rglob("*.html"))]
