""""Did you mean ...?" for an unknown id, fast enough for thousands of them.

``difflib.get_close_matches`` compares the word with every choice: 0.2 s per
unknown claim reference against 5,500 claim keys, so 2,000 mistyped references
took minutes to refuse. Here a word is compared (with the same difflib score
and cutoff) only with a short list of candidates, found through two indexes
built once per list of choices:

* every choice with one character deleted (a "deletion neighbourhood"): finds
  the choices one typo away from the word (a letter wrong, missing, added or two
  swapped) in a few dictionary look-ups;
* only when there is none of those: the choices that share most of the word's
  rarest three-letter pieces (at most ``POSTINGS_BUDGET`` choices looked at),
  for a near-miss with more than one typo.

Short lists (field names, choices of a setting) are compared in full, exactly
as ``difflib`` does. The work per word is bounded whatever the number of choices.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

CUTOFF = 0.6  # difflib's default: how alike a suggestion must be
SMALL = 200  # up to this many choices, compare with each (as difflib does)
RARE_GRAMS = 8  # three-letter pieces of the word used to find candidates
POSTINGS_BUDGET = 4000  # choices looked at through those pieces, per word
CANDIDATES = 12  # best-sharing choices scored with difflib, per word


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _grams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """The closest choice to a word, as difflib would choose it among the likely candidates."""

    def __init__(self, choices: Iterable[str], cutoff: float = CUTOFF):
        self.choices = list(dict.fromkeys(choices))
        self.cutoff = cutoff
        self._cache: dict[str, str | None] = {}
        self._by_deletion: dict[str, list[int]] | None = None
        self._by_gram: dict[str, list[int]] | None = None

    def _index(self) -> None:
        by_deletion: dict[str, list[int]] = {}
        by_gram: dict[str, list[int]] = {}
        for number, choice in enumerate(self.choices):
            for variant in _deletions(choice) | {choice}:
                by_deletion.setdefault(variant, []).append(number)
            for gram in _grams(choice):
                by_gram.setdefault(gram, []).append(number)
        self._by_deletion, self._by_gram = by_deletion, by_gram

    def _candidates(self, word: str) -> list[str]:
        if self._by_deletion is None:
            self._index()
        assert self._by_deletion is not None and self._by_gram is not None
        found: set[int] = set()
        for variant in _deletions(word) | {word}:
            found.update(self._by_deletion.get(variant, ()))
        if found:
            return [self.choices[number] for number in sorted(found)]
        postings = sorted((self._by_gram[g] for g in _grams(word) if g in self._by_gram), key=len)
        shared: Counter[int] = Counter()
        budget = POSTINGS_BUDGET
        for posting in postings[:RARE_GRAMS]:
            if len(posting) > budget:
                break
            budget -= len(posting)
            shared.update(posting)
        found.update(number for number, _ in shared.most_common(CANDIDATES))
        return [self.choices[number] for number in sorted(found)]

    def closest(self, word: str) -> str | None:
        """The best choice scoring at least the cutoff, or None."""
        if word in self._cache:
            return self._cache[word]
        pool = self.choices if len(self.choices) <= SMALL else self._candidates(word)
        close = difflib.get_close_matches(word, pool, n=1, cutoff=self.cutoff)
        self._cache[word] = close[0] if close else None
        return self._cache[word]


_suggesters: dict[tuple, Suggester] = {}


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The choice closest to ``word``; the index for a list of choices is built once and kept."""
    key = (cutoff, tuple(choices))
    suggester = _suggesters.get(key)
    if suggester is None:
        if len(_suggesters) >= 16:  # a few lists per run: ids of each kind, field names
            _suggesters.clear()
        suggester = _suggesters[key] = Suggester(key[1], cutoff)
    return suggester.closest(word)


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str:
    """' (did you mean 'x'?)' for a message, or '' when nothing is close."""
    close = closest(word, choices, cutoff)
    return f" (did you mean '{close}'?)" if close else ""
