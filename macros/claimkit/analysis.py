"""Pure functions over validated data: what a page needs to show, computed once."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Hedge


@dataclass(frozen=True)
class Segment:
    """A run of quote text, with the hedge it belongs to (or None)."""

    text: str
    hedge: Hedge | None = None


def hedge_segments(quote: str, hedges: list[Hedge]) -> list[Segment]:
    """Split a quote into plain and hedged runs, each annotated cue marked once.

    Cues are placed at their first free occurrence, longest first, so that
    "sources familiar with" wins over a separately annotated "with".
    """
    taken: list[tuple[int, int, Hedge]] = []
    for hedge in sorted(hedges, key=lambda h: -len(h.text)):
        start = quote.find(hedge.text)
        while start != -1:
            end = start + len(hedge.text)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, hedge))
                break
            start = quote.find(hedge.text, start + 1)
    segments: list[Segment] = []
    position = 0
    for start, end, hedge in sorted(taken, key=lambda t: t[0]):
        if start > position:
            segments.append(Segment(quote[position:start]))
        segments.append(Segment(quote[start:end], hedge))
        position = end
    if position < len(quote):
        segments.append(Segment(quote[position:]))
    return segments


def format_number(value: int | float) -> str:
    """12000 -> '12,000'; 1300000 -> '1.3 million' (as a student would say it)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if abs(value) >= 1_000_000:
        millions = value / 1_000_000
        text = f"{millions:,.3f}".rstrip("0").rstrip(".")
        return f"{text} million"
    if isinstance(value, float):
        return f"{value:,}"
    return f"{value:,}"
