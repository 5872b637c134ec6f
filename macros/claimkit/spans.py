"""Where annotated words sit in a quote: one rule for validation, highlighting, scoring and practice.

A cue is annotated by its exact words, and optionally by which occurrence of
them is meant. Words that occur more than once ("said ... said") may be
annotated once per occurrence. The rule, in order:

1. an explicit ``occurrence: n`` takes the n-th occurrence of the words;
2. otherwise, longest words first, each annotation takes the first occurrence
   that overlaps no span already taken (so "sources familiar with" and a
   separately annotated "with" never claim the same letters);
3. if every occurrence overlaps, it may nest inside (or around) a taken span,
   but never take the same span twice, nor cross another span's edge.

What cannot be placed is reported with the reason, for the loader's messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Annotated(Protocol):
    text: str
    occurrence: int | None


T = TypeVar("T", bound=Annotated)


@dataclass(frozen=True)
class Span(Generic[T]):
    start: int
    end: int
    item: T  # the annotation (a Cue, a NotCue...)
    index: int  # its position in the list it came from

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def nests_with(self, other: Span) -> bool:
        """Either inside the other, or around it, or apart: never crossing its edge."""
        return not self.overlaps(other) or self.contains(other) or other.contains(self)


@dataclass(frozen=True)
class Misplaced:
    """An annotation that cannot be placed in its quote, and why (for a validation message)."""

    index: int
    message: str


def occurrences(quote: str, words: str) -> list[int]:
    """Start of every occurrence of ``words`` in ``quote`` (overlapping ones too)."""
    found = []
    start = quote.find(words)
    while start != -1 and words:
        found.append(start)
        start = quote.find(words, start + 1)
    return found


def place(quote: str, items: list[T], noun: str = "") -> tuple[list[Span[T]], list[Misplaced]]:
    """Spans for every annotation that fits the quote, in quote order, and the ones that do not
    (``noun`` names the annotations in messages: "cue 'over' does not appear ...")."""
    what = f"{noun} " if noun else ""
    taken: list[Span[T]] = []
    wrong: list[Misplaced] = []
    found = {item.text: occurrences(quote, item.text) for item in items}

    def same_span_taken(start: int, end: int) -> bool:
        return any(s.start == start and s.end == end for s in taken)

    for i, item in enumerate(items):
        if item.occurrence is None:
            continue
        starts = found[item.text]
        if not starts:
            continue  # reported below, once, as "does not appear"
        if item.occurrence > len(starts):
            wrong.append(Misplaced(i, f"occurrence {item.occurrence} of {item.text!r} does not exist: the quote "
                                      f"has it {_times(len(starts))}"))
            continue
        start = starts[item.occurrence - 1]
        span = Span(start, start + len(item.text), item, i)
        if same_span_taken(span.start, span.end):
            wrong.append(Misplaced(i, f"occurrence {item.occurrence} of {item.text!r} is annotated twice"))
        elif not all(span.nests_with(s) for s in taken):
            wrong.append(Misplaced(i, f"{item.text!r} crosses the edge of another annotated span; "
                                      "annotations may nest but not cross"))
        else:
            taken.append(span)

    implicit = sorted((i for i, item in enumerate(items) if item.occurrence is None),
                      key=lambda i: (-len(items[i].text), i))
    for i in implicit:
        item = items[i]
        starts = found[item.text]
        if not starts:
            wrong.append(Misplaced(i, f"{what}{item.text!r} does not appear in the claim's quote (copy it exactly)"))
            continue
        spans = [Span(s, s + len(item.text), item, i) for s in starts]
        free = next((s for s in spans if not any(s.overlaps(t) for t in taken)), None)
        nested = next((s for s in spans if not same_span_taken(s.start, s.end)
                       and all(s.nests_with(t) for t in taken)), None)
        chosen = free or nested
        if chosen is None:
            same = sum(1 for j in implicit if items[j].text == item.text)
            if same > len(starts):
                wrong.append(Misplaced(i, f"{item.text!r} is annotated {_times(same)} but the quote has it "
                                          f"{_times(len(starts))}"))
            else:
                wrong.append(Misplaced(i, f"{item.text!r} overlaps another annotated span at every occurrence; "
                                          "give `occurrence:` to say which one is meant"))
            continue
        taken.append(chosen)
    for i, item in enumerate(items):
        if item.occurrence is not None and not found[item.text]:
            wrong.append(Misplaced(i, f"{what}{item.text!r} does not appear in the claim's quote (copy it exactly)"))
    return sorted(taken, key=lambda s: (s.start, -s.end)), sorted(wrong, key=lambda m: m.index)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


@dataclass(frozen=True)
class Node(Generic[T]):
    """A run of quote text: plain (``span`` None) or annotated, holding the runs nested inside it."""

    text: str
    span: Span[T] | None = None
    children: tuple[Node[T], ...] = ()


def nest(quote: str, spans: list[Span[T]], start: int = 0, end: int | None = None) -> list[Node[T]]:
    """The quote as a tree of plain and annotated runs, for highlighting (spans must nest, as place() makes them)."""
    end = len(quote) if end is None else end
    nodes: list[Node[T]] = []
    position = start
    remaining = [s for s in spans if start <= s.start and s.end <= end]
    while remaining:
        outer = remaining[0]  # spans are sorted by start, longest first: the first is outermost
        if outer.start > position:
            nodes.append(Node(quote[position:outer.start]))
        inner = [s for s in remaining[1:] if outer.contains(s)]
        nodes.append(Node(quote[outer.start:outer.end], outer, tuple(nest(quote, inner, outer.start, outer.end))
                          if inner else ()))
        position = outer.end
        remaining = [s for s in remaining[1:] if s.start >= outer.end]
    if position < end:
        nodes.append(Node(quote[position:end]))
    return nodes
