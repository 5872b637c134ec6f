"""Find cue words in any text, from the lexicon in data/cues.yaml, and compare with annotations.

No maintained hedge-detection package exists, so this is a lexicon matcher:
case-insensitive, whole words only, multi-word cues (any white space between
the words), typographic and straight apostrophes alike, and simple
inflections of the last word ("suggest" also finds "suggests", "suggested",
"suggesting"). Every cue and inflection goes into one Aho-Corasick automaton
(pyahocorasick), so a text is scanned once whatever the size of the lexicon:
a regular expression that tries every cue at every character took minutes
for a 20,000-cue lexicon (scripts/bench_cues.py measures it). Of the words
found, the leftmost longest win.

Each find carries its category and the category's kind (hedge, certainty,
attribution, scare quote), so agreement can be scored per kind. It is
compared with the contributors' annotations to show what either side missed;
words a claim lists under ``not_cues`` are never counted as missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import ahocorasick

from . import cue_rules
from .model import Claim, CueCategory
from .spans import place

INFLECTIONS = ("s", "es", "ed", "d", "ing")
KINDS = ("hedge", "certainty", "attribution", "scare-quote")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")
_UNEVEN_SPACE = re.compile(r"[^\S ]| {2}")  # white space other than one plain space (\s is str.isspace)


def _is_word(char: str) -> bool:
    """A letter, digit, underscore or hyphen: a cue may not start or end next to one."""
    return char.isalnum() or char in "_-"


def normalize(text: str) -> str:
    """Lower case and straight apostrophes, one character for one, so positions stay those of the text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower to two ("İ"): keep those as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_APOSTROPHES)


def cue_key(cue: str) -> str:
    """A lexicon entry as the detector keys it: lower case, straight apostrophes, single spaces."""
    return " ".join(normalize(cue).split())


def forms(key: str) -> list[str]:
    """A cue and the inflections of its last word: +s, +es, +ed, +d, +ing; "state" -> "stating";
    "deny" -> "denies", "denied". Irregular forms (said, told) are listed in the lexicon."""
    if not key[-1].isalpha():
        return [key]
    found = [key] + [key + ending for ending in INFLECTIONS]
    if key.endswith("e") and len(key) > 2:
        found.append(key[:-1] + "ing")
    if key.endswith("y") and len(key) > 2 and key[-2].isalpha() and key[-2] not in "aeiou":
        found += [key[:-1] + "ies", key[:-1] + "ied"]
    return found


@dataclass(frozen=True)
class Found:
    """A cue the detector found: where, the words, and the category (and kind) they belong to."""

    start: int
    end: int
    text: str
    category: str
    kind: str
    cue: str = ""  # the lexicon entry it matched (lower case), or "" when a rule found it


class CueDetector:
    def __init__(self, categories: dict[str, CueCategory] | list[CueCategory]):
        self.categories = list(categories.values()) if isinstance(categories, dict) else list(categories)
        self.kind_of = {c.id: c.kind for c in self.categories}

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton | None:
        """Every cue and its inflections, with the category it belongs to. For the same words, a cue as
        listed wins over an inflection of another, then the longer cue, then the first listed."""
        # words -> (as listed?, length of the cue, category, cue)
        entries: dict[str, tuple[bool, int, str, str]] = {}
        for category in self.categories:
            for cue in category.cues:
                key = cue_key(cue)
                if not key:
                    continue
                for form in forms(key):
                    mine = (form == key, len(key), category.id, key)
                    held = entries.get(form)
                    if held is None or mine[:2] > held[:2]:
                        entries[form] = mine
        if not entries:
            return None
        automaton = ahocorasick.Automaton()
        for form, (_, _, category, key) in entries.items():
            automaton.add_word(form, (len(form), category, key))
        automaton.make_automaton()
        return automaton

    @cached_property
    def _scare_category(self) -> str | None:
        return next((c.id for c in self.categories if c.kind == "scare-quote"), None)

    def find(self, text: str) -> list[Found]:
        """The cues in a text: lexicon finds that the context rules keep, and scare quotes."""
        return [found for found, reason in self.explain(text) if reason is None]

    def explain(self, text: str) -> list[tuple[Found, str | None]]:
        """Every lexicon find and scare quote, each with the reason it is not a cue here (None: it is)."""
        sentence = cue_rules.Sentence(text)
        result = [(f, cue_rules.why_not(f.cue, f.kind, f.start, f.end, sentence)) for f in self.matches(text)]
        kept = [i for i, (_, reason) in enumerate(result) if reason is None]
        for j, reason in cue_rules.uncited_sources(sentence, [result[i][0] for i in kept]).items():
            result[kept[j]] = (result[kept[j]][0], reason)
        if self._scare_category:
            kind = self.kind_of[self._scare_category]
            for start, end in cue_rules.quoted_fragments(text):
                found = Found(start, end, text[start:end], self._scare_category, kind)
                result.append((found, cue_rules.scare_quote_reason(text, start, end)))
        return sorted(result, key=lambda pair: (pair[0].start, -pair[0].end))

    def matches(self, text: str) -> list[Found]:
        """Every lexicon entry in a text, whole words, the leftmost longest winning."""
        automaton = self._automaton
        if automaton is None or not text:
            return []
        plain = normalize(text)
        # Multi-word cues are keyed with one space between words: match on the text with each run of
        # white space made one space, and map positions back.
        if _UNEVEN_SPACE.search(plain):
            parts, origin, position = [], [], 0
            for gap in _SPACES.finditer(plain):
                parts.append(plain[position:gap.start()] + " ")
                origin.extend(range(position, gap.start() + 1))
                position = gap.end()
            parts.append(plain[position:])
            origin.extend(range(position, len(plain) + 1))
            plain = "".join(parts)
        else:
            origin = None
        candidates = []
        for last, (length, category, key) in automaton.iter(plain):
            start, end = last - length + 1, last + 1
            if (start > 0 and _is_word(plain[start - 1])) or (end < len(plain) and _is_word(plain[end])):
                continue
            candidates.append((start, -end, category, key))
        found, reached = [], 0
        for start, negative_end, category, key in sorted(candidates):  # leftmost, then longest
            if start < reached:
                continue
            end = -negative_end
            reached = end
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            found.append(Found(start, end, text[start:end], category, self.kind_of[category], key))
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
    return scores(detector, items, (kind,))[kind]


def scores(detector: CueDetector, items: Iterable[Claim | Marked],
           kinds: Iterable[str | None] = (None, *KINDS)) -> dict[str | None, Score]:
    """:func:`score` for several kinds at once, running the detector over each text once."""
    marked = [_marked(detector, item) for item in items]
    return tally(((m, compare(detector, m)) for m in marked), kinds)


def tally(compared: Iterable[tuple[Marked, Comparison]], kinds: Iterable[str | None] = (None, *KINDS)
          ) -> dict[str | None, Score]:
    """Scores from texts already compared (a caller that shows the comparisons runs the detector once)."""
    kinds = tuple(kinds)
    counts = {kind: [0, 0, 0, 0] for kind in kinds}  # detected, annotated, true positives, found
    for marked, result in compared:
        for kind in kinds:
            mine = [c for c in result.matched + result.missed if kind is None or c.kind == kind]
            marks = [a for a in marked.annotations if kind is None or a.kind == kind]
            tally = counts[kind]
            tally[0] += len(mine)
            tally[1] += len(marks)
            tally[2] += sum(1 for c in mine if any(_overlaps(a, c) for a in marks))
            tally[3] += sum(1 for a in marks if any(_overlaps(a, c) for c in mine))
    return {kind: Score(*tally) for kind, tally in counts.items()}
