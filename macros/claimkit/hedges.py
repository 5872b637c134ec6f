"""Find hedging and attribution cues in any text, from the lexicon in data/hedges.yaml.

No maintained hedge-detection package exists, so this is a plain lexicon
matcher: case-insensitive, whole words only, multi-word cues, and simple
inflections of the last word ("suggest" also finds "suggests", "suggested",
"suggesting"). It is compared with the contributors' annotations to show
what either side missed, and to measure its own precision and recall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .model import Claim, HedgeCategory

_INFLECTION = r"(?:s|es|ed|d|ing|ly)?"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    category: str


class HedgeDetector:
    def __init__(self, categories: dict[str, HedgeCategory] | list[HedgeCategory]):
        self.categories = list(categories.values()) if isinstance(categories, dict) else list(categories)

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

    def find(self, text: str) -> list[Cue]:
        found = []
        for match in self._pattern.finditer(text):
            name = match.lastgroup
            found.append(Cue(match.start(), match.end(), match.group(), self._category_of[name]))
        return found


@dataclass(frozen=True)
class Comparison:
    """Detected cues against a claim's annotations."""

    matched: list[Cue]  # detected and annotated
    missed: list[Cue]  # detected, not annotated: maybe an annotation is missing
    extra: list[tuple[int, int, str, str]]  # annotated, not detected: maybe the lexicon lacks it


def compare(detector: HedgeDetector, claim: Claim) -> Comparison:
    detected = detector.find(claim.quote)
    annotated = []
    for hedge in claim.hedges:
        start = claim.quote.find(hedge.text)
        annotated.append((start, start + len(hedge.text), hedge.text, hedge.category))
    matched, missed = [], []
    hit: set[int] = set()
    for cue in detected:
        overlap = [i for i, (s, e, _, _) in enumerate(annotated) if s < cue.end and cue.start < e]
        if overlap:
            matched.append(cue)
            hit.update(overlap)
        else:
            missed.append(cue)
    extra = [a for i, a in enumerate(annotated) if i not in hit]
    return Comparison(matched, missed, extra)


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


def score(detector: HedgeDetector, claims: list[Claim]) -> Score:
    detected = annotated = tp = found = 0
    for claim in claims:
        result = compare(detector, claim)
        detected += len(result.matched) + len(result.missed)
        annotated += len(claim.hedges)
        tp += len(result.matched)
        found += len(claim.hedges) - len(result.extra)
    return Score(detected, annotated, tp, found)
