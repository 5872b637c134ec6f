"""A quote as escaped HTML: its cues highlighted (nested where one sits inside another) and [sic] marked.

One function for every page that shows a quote (report pages, lessons,
worksheets), so a cue looks and reads the same everywhere. Each highlighted
cue carries a visible tag (symbol and a one- or two-word tag, so colour is never the only
signal) and points, with ``aria-describedby``, at its category's one
definition on the page (``cue-def-<category>``, written by the legend), so the
explanation is not repeated at every cue. ``data-at`` gives the cue's place in the quote (start-end,
in characters), so the practice view can match a student's marks to it (see practice.py).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import labels
from .model import Claim, CueCategory
from .spans import Node, nest, place


def definition_id(category_id: str) -> str:
    return f"cue-def-{category_id}"


def quote_html(claim: Claim, categories: dict[str, CueCategory], slots: dict[str, int], *,
               highlight: bool = True, mark: str | None = None) -> Markup:
    """The claim's quote, without its quotation marks; ``highlight=False`` shows it plain (for practice),
    ``mark`` underlines the first occurrence of some words instead (a question's focus)."""
    sic_ends = {claim.quote.find(w) + len(w) for w in claim.sic if w in claim.quote}
    if not highlight:
        spans = []
    else:
        spans, _ = place(claim.quote, claim.cues)
    nodes = nest(claim.quote, spans)
    html = Markup("").join(_node(n, 0, categories, slots, sic_ends) for n in nodes)
    if mark and mark in claim.quote:
        return _mark_first(claim, mark, sic_ends)
    return html


def _text(text: str, start: int, sic_ends: set[int]) -> Markup:
    """Plain text, with [sic] after any word that ends inside it."""
    out = Markup("")
    position = 0
    for end in sorted(e - start for e in sic_ends if start < e <= start + len(text)):
        out += escape(text[position:end]) + Markup(' <span class="ck-sic">[sic]</span>')
        position = end
    return out + escape(text[position:])


def _node(node: Node, start: int, categories, slots, sic_ends) -> Markup:
    begin = node.span.start if node.span else start
    if node.span is None:
        return _text(node.text, begin, sic_ends)
    cue = node.span.item
    category = categories[cue.category]
    slot = slots[category.id]
    if node.children:
        inner = Markup("")
        position = node.span.start
        for child in node.children:
            inner += _node(child, position, categories, slots, sic_ends)
            position += len(child.text)
    else:
        inner = _text(node.text, begin, sic_ends)
    symbol = labels.CUE_SYMBOLS[slot]
    return Markup(
        '<span class="ck-cue ck-cue--s{slot} ck-cue--{kind}" tabindex="0" data-cue="{cid}" '
        'aria-describedby="{defid}" data-at="{start}-{end}">{inner}<span class="ck-cue__tag" data-search-exclude '
        'aria-hidden="true">{symbol} {label}</span></span>'
    ).format(slot=slot, kind=category.kind, cid=category.id, defid=definition_id(category.id), inner=inner,
             symbol=symbol, label=category.short, start=node.span.start, end=node.span.end)


def _mark_first(claim: Claim, words: str, sic_ends: set[int]) -> Markup:
    start = claim.quote.find(words)
    end = start + len(words)
    return (_text(claim.quote[:start], 0, sic_ends) + Markup('<mark class="ck-mark">')
            + _text(words, start, sic_ends) + Markup("</mark>") + _text(claim.quote[end:], end, sic_ends))
