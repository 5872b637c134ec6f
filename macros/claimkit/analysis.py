"""Pure functions over validated data: what a page needs to show, computed once."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Claim, Hedge, Report, Source


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


# --- per-report measures (shown "at a glance" and in charts) -----------------

_WORD = re.compile(r"[\w’'-]+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def quoted_words(report: Report) -> int:
    return sum(word_count(c.quote) for c in report.claims)


def hedge_density(report: Report) -> float:
    """Annotated hedging cues per 100 words of quoted text."""
    words = quoted_words(report)
    cues = sum(len(c.hedges) for c in report.claims)
    return 100 * cues / words if words else 0.0


def rests_on_unnamed(claim: Claim, sources: dict[str, Source]) -> bool:
    """True when any step of the claim's chain is unnamed or only vaguely cited."""
    return any(not sources[s.source].named or s.how == "unspecified" for s in claim.attribution)


def unnamed_share(report: Report, sources: dict[str, Source]) -> float:
    """Share (0-1) of the report's claims that rest on an unnamed or vague source."""
    if not report.claims:
        return 0.0
    return sum(rests_on_unnamed(c, sources) for c in report.claims) / len(report.claims)


def hedge_counts(report: Report) -> Counter[str]:
    """Annotated cues by category id."""
    return Counter(h.category for c in report.claims for h in c.hedges)


def cited_source_kinds(report: Report, sources: dict[str, Source]) -> Counter[str]:
    """How often each kind of source is cited in the report's chains (each step counts once)."""
    return Counter(sources[s.source].kind for c in report.claims for s in c.attribution)


def origin(claim: Claim, sources: dict[str, Source]) -> Source | None:
    """The last source in the chain: where the claim starts, as far as the report tells."""
    return sources[claim.attribution[-1].source] if claim.attribution else None
