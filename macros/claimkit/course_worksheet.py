"""Printable worksheets: a lesson on at most two sheets of A4 or US Letter, usable without a device.

On paper a link is useless, so every reading is printed with its full address and, where the
address is absolute (SITE_URL set), a QR code a phone can open. The sheet carries what the
exercises need: the quoted excerpts, tables of figures, empty boxes for a chain of sources,
lines to write on; the self-marking quiz stays on the lesson page, and the sheet says where. Long quotes are cut to the words around what
an item asks about, with "…" where words were left out, so an excerpt stays short and
verbatim. The layout itself is course_worksheet.html and docs/assets/print.css; the page count
is measured in tests/browser/test_worksheet_print.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import pages
from .qr import qr_svg

if TYPE_CHECKING:
    from .course_model import Reading
    from .course_render import CourseRenderer

# Words kept on each side of the words an item asks about, when a quote is cut.
EXCERPT_CONTEXT_WORDS = 6
# Empty boxes drawn for a chain of sources: as many as the chain has, and never fewer than this,
# so the number of boxes does not give the answer away for short chains.
MIN_CHAIN_BOXES = 3

_WORD = re.compile(r"\S+")


def excerpt(text: str, words: str, context: int = EXCERPT_CONTEXT_WORDS) -> Markup:
    """``text`` cut to ``context`` words either side of the first ``words`` (shown in bold), with …
    where it was cut. The whole text when it is short enough or the words are not in it."""
    at = text.find(words) if words else -1
    if at < 0:
        return escape(text)
    spans = [m.span() for m in _WORD.finditer(text)]
    first = next(i for i, (start, end) in enumerate(spans) if end > at)
    last = next(i for i, (start, end) in reversed(list(enumerate(spans))) if start < at + len(words))
    lo, hi = max(0, first - context), min(len(spans) - 1, last + context)
    start, end = spans[lo][0] if lo > 0 else 0, spans[hi][1] if hi < len(spans) - 1 else len(text)
    start, end = min(start, at), max(end, at + len(words))
    return Markup("{}{}<strong>{}</strong>{}{}").format(
        "… " if start > 0 else "", text[start:at], text[at:at + len(words)], text[at + len(words):end],
        " …" if end < len(text) else "")


def chain_boxes(links: list) -> int:
    return max(MIN_CHAIN_BOXES, len(links))


def reading_src(reading: Reading) -> tuple[str, str | None]:
    """(src_uri, anchor) of the page a reading points to."""
    if reading.report:
        return pages.src_uri("report", reading.report), f"claim-{reading.claim}" if reading.claim else None
    if reading.source:
        return pages.src_uri("source", reading.source), None
    if reading.tracker:
        return pages.src_uri("tracker", reading.tracker), None
    return reading.page, None


def worksheet(renderer: CourseRenderer, lesson_id: str, page_url: str, answers: bool = False) -> str:
    """The student worksheet of a lesson (worksheets/<lesson>.md); with ``answers``, the teacher's copy
    with each answer and rubric in place of the space to write (worksheets/answers/<lesson>.md)."""
    if not renderer.course.available:
        return renderer.unavailable("This worksheet")

    def address(src_uri: str, anchor: str | None = None) -> str:
        url = renderer.stable_url(src_uri)
        return f"{url}#{anchor}" if anchor else url

    def reading_address(reading: Reading) -> str:
        return address(*reading_src(reading))

    def qr(url: str) -> Markup | None:
        """A QR code only for an absolute address: a path from the home page opens nothing on a phone."""
        return qr_svg(url) if renderer.site_url else None

    return renderer._lesson_section(
        "course_worksheet.html", lesson_id, page_url, address=address, reading_address=reading_address, qr=qr,
        excerpt=excerpt, chain_boxes=chain_boxes, answers=answers,
    )
