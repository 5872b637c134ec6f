"""How a generated page reaches the engine: section headings for Markdown, finished HTML after it.

A generated page is handed to MkDocs in two parts. Markdown gets only the
section headings (fixed text, for the table of contents) and, for each
section, a small placeholder holding plain searchable text. The finished
HTML of each section waits in a slot and replaces its placeholder in the
final page (``fill_slots``, called from the hook's ``on_post_page``). So data
never passes through Markdown, and neither Markdown nor the search indexer
re-parses hundreds of tags per page: at 1,000 reports that re-parsing was
most of the build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SLOT = re.compile(r'<div class="ck-slot" data-ck-slot="(\d+)">(?:(?!</div>).)*</div>', re.DOTALL)


@dataclass(frozen=True)
class Section:
    """One part of a generated page."""

    heading: str | None  # fixed text from code, never data: it becomes Markdown
    html: str  # the finished HTML, filled in after Markdown
    search: str = ""  # escaped plain HTML (no <div>) that Markdown and the search index see instead


@dataclass
class GeneratedOutput:
    """What a generated page needs from us: its Markdown (headings and slot placeholders), the finished
    HTML of its slots, and what goes into its <head> (ClaimReview data, already escaped)."""

    markdown: str
    slots: list[str]
    head: str = ""


def slotted(slots_by_page: dict[str, list[str]], page_url: str, sections: list[Section]) -> str:
    """Markdown for a page's sections; their HTML waits in ``slots_by_page`` for :func:`fill_slots`."""
    parts: list[str] = []
    slots = slots_by_page.setdefault(page_url, [])
    for section in sections:
        if section.heading:
            parts.append(f"## {section.heading}")
        if "<div" in section.search or "</div" in section.search:
            raise ValueError("search text must not contain <div>")
        parts.append(f'<div class="ck-slot" data-ck-slot="{len(slots)}">{section.search}</div>')
        slots.append(section.html)
    return "\n\n".join(parts) + "\n"


def deferred(slots_by_page: dict[str, list[str]], page_url: str, html: str, search: str = "") -> str:
    """One block of finished HTML, delivered after Markdown (for listing macros)."""
    return slotted(slots_by_page, page_url, [Section(None, html, search)])


def fill_slots(slots_by_page: dict[str, list[str]], page_url: str, html: str) -> str:
    """Put each of a page's slots (its sections' finished HTML) in place of its placeholder, once."""
    slots = slots_by_page.pop(page_url, None)
    if slots is None:
        return html
    found = [int(m[1]) for m in _SLOT.finditer(html)]
    if found != list(range(len(slots))):
        raise RuntimeError(f"page {page_url!r}: expected {len(slots)} content slots, found {found}")
    return _SLOT.sub(lambda m: slots[int(m[1])], html)
