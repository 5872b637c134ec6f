"""Find cue words in any text, from the lexicon in data/cues.yaml, and compare with annotations.

No maintained hedge-detection package exists, so this is a plain lexicon
matcher: case-insensitive, whole words only, multi-word cues, and simple
inflections of the last word ("suggest" also finds "suggests", "suggested",
"suggesting"). Each find carries its category and the category's kind
(hedge, certainty, attribution, scare quote), so agreement can be scored per
kind. It is compared with the contributors' annotations to show what either
side missed; words a claim lists under ``not_cues`` are never counted as missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .model import Claim, CueCategory
from .spans import place

_INFLECTION = r"(?:s|es|ed|d|ing|ly)?"
KINDS = ("hedge", "certainty", "attribution", "scare-quote")


@dataclass(frozen=True)
class Found:
    """A cue the detector found: where, the words, and the category (and kind) they belong to."""

    start: int
    end: int
    text: str
    category: str
    kind: str


class CueDetector:
    def __init__(self, categories: dict[str, CueCategory] | list[CueCategory]):
        self.categories = list(categories.values()) if isinstance(categories, dict) else list(categories)
        self.kind_of = {c.id: c.kind for c in self.categories}

    @cached_property
    def _pattern(self) -> re.Pattern:
        alternatives = []
        seen: set[str] = set()
        # Longest cue first, so "sources familiar with" wins over "sources".
        cues = sorted(
            ((cue.lower(), c.id) for c in self.categories for cue in c.cues), key=lambda t: -len(t[0])
        )
        self._category_of: dict[str, str] = {}
        for i, (cue, category) in enumerate(cues):
            if cue in seen:
                continue
            seen.add(cue)
            words = [re.escape(w) for w in cue.split()]
            body = r"\s+".join(words)
            if words[-1][-1:].isalpha():
                body += _INFLECTION
            name = f"c{i}"
            self._category_of[name] = category
            alternatives.append(f"(?P<{name}>{body})")
        if not alternatives:
            return re.compile(r"(?!x)x")
        # A lookahead on the possible first letters lets the engine skip most positions at once.
        first = "".join(sorted({re.escape(cue[0]) for cue, _ in cues}))
        return re.compile(r"(?<![\w-])(?=[" + first + r"])(?:" + "|".join(alternatives) + r")(?![\w-])",
                          re.IGNORECASE)

    def find(self, text: str) -> list[Found]:
        found = []
        for match in self._pattern.finditer(text):
            category = self._category_of[match.lastgroup]
            found.append(Found(match.start(), match.end(), match.group(), category, self.kind_of[category]))
        return found


@dataclass(frozen=True)
class Annotation:
    """A cue as marked by hand, placed in its text (``category`` is None where only the kind is marked)."""

    start: int
    end: int
    text: str
    category: str | None
    kind: str


@dataclass(frozen=True)
class Marked:
    """A text and the cues marked in it by hand: what the detector is compared with.

    ``not_cues`` are spans the data marks "not a cue here": a detection there is silenced, counted
    neither right nor wrong. Claims carry them for the contributors' warnings; a held-out set leaves
    them out, so that the detector's false alarms there count against it.
    """

    text: str
    annotations: tuple[Annotation, ...]
    not_cues: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Comparison:
    """Detected cues against a text's annotations."""

    matched: list[Found]  # detected and annotated
    missed: list[Found]  # detected, not annotated and not marked "not a cue here": maybe an annotation is missing
    extra: list[Annotation]  # annotated, not detected: maybe the lexicon lacks it
    silenced: list[Found] = field(default_factory=list)  # detected, but the data says it is not a cue here


def annotations(claim: Claim, kind_of: dict[str, str]) -> list[Annotation]:
    spans, _ = place(claim.quote, claim.cues)
    return [Annotation(s.start, s.end, s.item.text, s.item.category, kind_of.get(s.item.category, "hedge"))
            for s in spans]


def marked_claim(claim: Claim, kind_of: dict[str, str]) -> Marked:
    not_cues, _ = place(claim.quote, claim.not_cues)
    return Marked(claim.quote, tuple(annotations(claim, kind_of)), tuple((n.start, n.end) for n in not_cues))


def _marked(detector: CueDetector, item: Claim | Marked) -> Marked:
    return item if isinstance(item, Marked) else marked_claim(item, detector.kind_of)


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def compare(detector: CueDetector, item: Claim | Marked) -> Comparison:
    marked = _marked(detector, item)
    annotated = marked.annotations
    matched, missed, silenced = [], [], []
    hit: set[int] = set()
    for cue in detector.find(marked.text):
        overlap = [i for i, a in enumerate(annotated) if _overlaps(a, cue)]
        if overlap:
            matched.append(cue)
            hit.update(overlap)
        elif any(start < cue.end and cue.start < end for start, end in marked.not_cues):
            silenced.append(cue)
        else:
            missed.append(cue)
    extra = [a for i, a in enumerate(annotated) if i not in hit]
    return Comparison(matched, missed, extra, silenced)


@dataclass(frozen=True)
class Score:
    detected: int
    annotated: int
    true_positives: int  # detected cues that overlap an annotation
    found_annotations: int  # annotations overlapped by a detected cue

    @property
    def precision(self) -> float:
        return self.true_positives / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.found_annotations / self.annotated if self.annotated else 1.0


def score(detector: CueDetector, items: Iterable[Claim | Marked], kind: str | None = None) -> Score:
    """Agreement over many texts, for every kind or for one: a detection counts for a kind when
    the detector's category is of that kind, an annotation when its marked kind is."""
    detected = annotated = tp = found = 0
    for item in items:
        marked = _marked(detector, item)
        result = compare(detector, marked)
        mine = [c for c in result.matched + result.missed if kind is None or c.kind == kind]
        marks = [a for a in marked.annotations if kind is None or a.kind == kind]
        detected += len(mine)
        annotated += len(marks)
        tp += sum(1 for c in mine if any(_overlaps(a, c) for a in marks))
        found += sum(1 for a in marks if any(_overlaps(a, c) for c in mine))
    return Score(detected, annotated, tp, found)
