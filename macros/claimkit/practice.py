"""Try it first: a student marks words in a plain quote, and this is the one rule that scores the marks.

Every report page opens with its quotes shown plain and the task "mark each word or phrase that shows
doubt, and each one that says who is speaking" (docs/assets/practice.js). The answer is the claim's
annotated cues, placed by the one placement rule (spans.py). Students mark *words*: a word is the unit
they can hit with a finger, a mouse or the arrow keys, and neighbouring marked words make a phrase.

The rule (practice.js mirrors ``check``; tests/browser/test_practice.py runs both on the same cases):

- The quote is split into words (``words``). A cue covers the words it overlaps.
- A cue is **found** when the student marked at least one of its *own* words: the words of the cue
  that are not inside another cue nested in it. So in "reportedly said" (a hedge) holding "said" (an
  attribution cue), marking "said" finds the attribution cue only, marking "reportedly" finds the
  hedge. A cue whose every word is inside nested cues is found by any of its words.
  One word is enough: the cue "if Russia wins the war" is found by marking "if", as a reader would.
- Repeated words are told apart by position: each annotated occurrence is a cue of its own, and
  marking an occurrence that is not annotated is an extra mark.
- Adjacent cues ("Analysts suggest") are separate cues: one phrase over both finds both.
- An **extra** is a run of consecutive marked words that lie in no cue (so marking a whole sentence
  finds every cue but also counts every stretch between them as extra). Marking words the data lists
  as ``not_cues`` counts as extra too, and the data's reason is the explanation: "over" in "the war
  is over" is a good moment to learn why it is not an approximate number.
- Every kind of cue is practised (hedges, certainty markers, attribution cues, scare quotes) and
  each kind is scored on its own: found out of annotated. Extras cannot be given a kind (the student
  says nothing about what they meant), so they are counted once, for the whole quote.

A cue with no word in it (punctuation only) cannot be marked, so it is left out of the key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Claim, CueCategory
from .spans import place

# What to look for, for a kind of cue the lexicon gives no example words of (scare quotes are marks, not words).
KIND_HINTS = {"scare-quote": "quotation marks around a word the writer keeps at a distance, as in ‘volunteers’"}

# A word a student can mark: letters or digits, with inner apostrophes or hyphens ("Korea’s",
# "pro-government") and inner number separators ("1.3", "100,000"). Quotation marks stay outside.
WORD = re.compile(r"\w(?:[\w’'-]*\w)?(?:[.,]\d+)*")


@dataclass(frozen=True)
class Word:
    start: int
    end: int


@dataclass(frozen=True)
class KeyCue:
    """One annotated cue, as the practice scores it."""

    category: str
    kind: str
    start: int  # where the cue sits in the quote (characters): the annotated quote's data-at="start-end"
    end: int
    text: str  # the cue's words as placed in the quote
    words: tuple[int, ...]  # every word it covers
    own: tuple[int, ...]  # the words that find it (not inside a cue nested in it)


@dataclass(frozen=True)
class KeyNotCue:
    text: str
    reason: str
    words: tuple[int, ...]


@dataclass(frozen=True)
class AnswerKey:
    """What a student should mark in one quote."""

    claim: str
    quote: str
    words: tuple[Word, ...]
    cues: tuple[KeyCue, ...]  # in quote order
    not_cues: tuple[KeyNotCue, ...]
    sic: tuple[int, ...]  # where "[sic]" follows a word (character offsets)

    @property
    def digest(self) -> str:
        """Changes when the quote or its cues change, so a browser drops marks saved for an older key."""
        text = self.quote + "\0" + "\0".join(f"{c.category}:{c.words}" for c in self.cues)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def to_json(self) -> dict:
        """The key as practice.js reads it (see docs/assets/practice.js). Its offsets count UTF-16 code units,
        as a JavaScript string does: a character beyond U+FFFF (an emoji, a flag) is two of them."""
        at = _utf16_offsets(self.quote)
        return {
            "id": self.claim,
            "digest": self.digest,
            "quote": self.quote,
            "words": [[at(w.start), at(w.end)] for w in self.words],
            "sic": [at(offset) for offset in self.sic],
            "cues": [{"category": c.category, "kind": c.kind, "at": f"{c.start}-{c.end}", "text": c.text,
                      "words": list(c.words), "own": list(c.own)} for c in self.cues],
            "not_cues": [{"text": n.text, "reason": n.reason, "words": list(n.words)} for n in self.not_cues],
        }


def _utf16_offsets(text: str):
    """Offset in ``text`` (code points, as Python counts) -> the same offset in UTF-16 code units."""
    if not text or max(text) <= "\uffff":
        return lambda offset: offset
    before = [0]
    for char in text:
        before.append(before[-1] + (char > "\uffff"))
    return lambda offset: offset + before[offset]


def words(quote: str) -> tuple[Word, ...]:
    return tuple(Word(m.start(), m.end()) for m in WORD.finditer(quote))


def _covered(all_words: tuple[Word, ...], start: int, end: int) -> tuple[int, ...]:
    return tuple(i for i, w in enumerate(all_words) if w.start < end and start < w.end)


def answer_key(claim: Claim, categories: dict[str, CueCategory]) -> AnswerKey:
    """The claim's cues and not-cues as word positions, placed by the one rule in spans.py."""
    quote = claim.quote
    all_words = words(quote)
    spans, _ = place(quote, claim.cues)
    cues = []
    for span in spans:
        covered = _covered(all_words, span.start, span.end)
        if not covered:
            continue
        inside = {i for other in spans if other is not span and span.contains(other)
                  for i in _covered(all_words, other.start, other.end)}
        own = tuple(i for i in covered if i not in inside) or covered
        category = categories[span.item.category]
        cues.append(KeyCue(category.id, category.kind, span.start, span.end, quote[span.start:span.end], covered,
                           own))
    not_spans, _ = place(quote, claim.not_cues)
    not_cues = tuple(KeyNotCue(quote[s.start:s.end], s.item.reason, _covered(all_words, s.start, s.end))
                     for s in not_spans)
    sic = tuple(sorted(quote.find(w) + len(w) for w in claim.sic if w in quote))
    return AnswerKey(claim.id, quote, all_words, tuple(cues), not_cues, sic)


@dataclass(frozen=True)
class Extra:
    """A run of marked words in no cue; ``not_cue`` is the index of a not-cue it touches, if any."""

    words: tuple[int, ...]
    not_cue: int | None


@dataclass(frozen=True)
class Result:
    found: tuple[int, ...]  # indexes into key.cues
    missed: tuple[int, ...]
    extra: tuple[Extra, ...]

    def by_kind(self, key: AnswerKey) -> dict[str, tuple[int, int]]:
        """Found and annotated cues of each kind in the key, in the order of first appearance."""
        counts: dict[str, list[int]] = {}
        for i, cue in enumerate(key.cues):
            tally = counts.setdefault(cue.kind, [0, 0])
            tally[0] += i in self.found
            tally[1] += 1
        return {kind: (found, total) for kind, (found, total) in counts.items()}


def check(key: AnswerKey, marked: Iterable[int]) -> Result:
    """Score a student's marked words (word indexes) against the key. practice.js mirrors this."""
    chosen = {i for i in marked if 0 <= i < len(key.words)}
    found = tuple(i for i, cue in enumerate(key.cues) if chosen.intersection(cue.own))
    missed = tuple(i for i in range(len(key.cues)) if i not in found)
    in_cues = {w for cue in key.cues for w in cue.words}
    extra: list[Extra] = []
    run: list[int] = []
    for i in range(len(key.words) + 1):
        if i < len(key.words) and i in chosen and i not in in_cues:
            run.append(i)
            continue
        if run:
            touched = next((n for n, nc in enumerate(key.not_cues) if set(nc.words).intersection(run)), None)
            extra.append(Extra(tuple(run), touched))
            run = []
    return Result(found, missed, tuple(extra))
