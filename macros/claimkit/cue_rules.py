"""Context rules: when words of the cue lexicon are not a cue in their sentence, and scare quotes.

A lexicon matcher flags every "would", "over" and "May". The annotation
guidelines (docs/contributing/cue-annotation.md, "Not cues") name the
classes of false alarm; each rule here recognises one class from the words
around a find, with a reason a contributor can read. They are deliberately
shallow (a few words either side, no parser): a rule that cannot tell leaves
the find alone, and a contributor lists it under the claim's ``not_cues``.

Rules are keyed by the lexicon entry that matched (``"over"``, not the text
``"Over"``), or by category for the reporting verbs. Scare quotes are found
here too, by their shape: a short quoted fragment that is not a sentence of
direct speech and not a name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import NamedTuple

# Words, with an abbreviation ("U.S.") or a figure ("3,000", "11:50", "40%") as one token, and each
# other mark on its own.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d(?:[\d,.:]*\d)?%?|[^\W\d_](?:[\w'’-]*\w)?|[^\w\s]")
_SENTENCE_END = {".", "!", "?", ";"}
_QUOTE_MARKS = set("\"“”‘’«»„")

NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "dozen", "dozens", "half", "third", "quarter", "fifth", "tenth",
    "once", "twice", "double", "triple",
}
# After "a"/"an", only these make a figure: "over a dozen", "up to a fifth", not "over a six-year stretch".
_MULTIPLIERS = {"dozen", "hundred", "thousand", "million", "billion", "half", "third", "quarter", "fifth",
                "tenth", "score"}
_BEFORE_FIGURE = {"additional", "further", "estimated", "total", "reported", "mere", "whopping"}

APPROXIMATORS = {"about", "over", "some", "more than", "up to", "at least", "around", "nearly", "almost",
                 "as many as", "close to", "less than", "fewer than", "under", "just over", "just under",
                 "approaching", "upwards of", "in excess of"}

# Past-tense speech and thought reports that shift a reported "will" to "would".
_REPORTED = {"said", "told", "warned", "announced", "stated", "added", "claimed", "insisted", "promised",
             "vowed", "pledged", "reported", "wrote", "explained", "argued", "noted", "threatened", "declared",
             "assured", "agreed", "replied", "answered", "asked", "confirmed", "denied", "indicated", "signaled",
             "signalled", "hinted", "decided", "whether", "predicted", "expected", "believed", "thought",
             "hoped", "feared", "knew", "estimated", "suggested", "speculated", "acknowledged", "admitted"}
# Words after which "if" means "whether".
_IF_MEANS_WHETHER = {"know", "knows", "knew", "known", "clear", "unclear", "sure", "unsure", "ask", "asks",
                     "asked", "asking", "wonder", "wonders", "wondered", "wondering", "see", "determine",
                     "decide", "check", "checked", "checking", "doubt", "tell", "establish", "confirm",
                     "verify", "uncertain"}
_NEGATIONS = {"not", "never", "without", "declined", "refused", "nor", "cannot", "neither"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "that"}
# What may follow "official" or "source" when it names a person who speaks.
_SOURCE_FOLLOWERS = {"said", "says", "say", "told", "tells", "who", "familiar", "close", "with", "speaking",
                     "in", "at", "from", "for", "on", "to", "and", "or", "but", "added", "stated", "warned",
                     "quoted", "cited", "has", "had", "was", "is", "claimed", "confirmed", "denied", "insisted",
                     "explained", "noted", "described", "suggested", "reported", "briefed", "involved", "also"}
_DELIBERATION = ("assess", "discuss", "consider", "weigh", "explor", "stud", "examin", "review", "evaluat",
                 "mull", "prepar", "plan", "debat", "draw up", "drew up", "map")
_TIME_WORDS = {"on", "in", "at", "this", "last", "earlier", "later", "yesterday", "today", "tonight", "monday",
               "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "that", "when", "after",
               "before", "while"}
_MONTH_CONTEXT = {"in", "on", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "of",
                  "through", "from", "to", "between", "and", "or", "during", "before", "after", "this"}
_MIGHT_NOUN = {"the", "its", "their", "his", "her", "our", "military", "economic", "naval", "air", "nuclear",
               "industrial", "full", "all", "russia's", "china's"}
_WH = {"where", "what", "how", "who", "whom", "which", "when", "whether"}


class Token(NamedTuple):
    start: int
    end: int
    text: str
    word: str  # lower case, straight apostrophe


class Sentence:
    """The words around a find, with the lookups the rules share."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.start(), m.end(), m.group(), m.group().lower().replace("’", "'"))
                for m in _TOKEN.finditer(self.text)]

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def index(self, position: int) -> int:
        """The first token that starts at or after ``position``."""
        return bisect.bisect_left(self._starts, position)

    def after(self, end: int, count: int = 3) -> list[str]:
        i = self.index(end)
        return [t.word for t in self.tokens[i:i + count]]

    def before(self, start: int, count: int = 3, *, stop_at: set[str] | None = None) -> list[str]:
        """Up to ``count`` words before ``start``, nearest first, stopping at any word in ``stop_at``."""
        i = self.index(start)
        words = []
        for token in reversed(self.tokens[max(0, i - count):i]):
            if stop_at is not None and token.word in stop_at:
                break
            words.append(token.word)
        return words

    def clause_before(self, start: int) -> list[str]:
        """Words back to the start of the sentence or an opening quotation mark, nearest first."""
        i = self.index(start)
        words = []
        for token in reversed(self.tokens[:i]):
            if token.word in _SENTENCE_END or token.text in _QUOTE_MARKS:
                break
            words.append(token.word)
        return words


def is_figure(words: list[str]) -> bool:
    """Do these words (after an approximator) start a figure: "3,000", "seven", "a dozen", "an additional 100"?"""
    i = 0
    article = False
    if i < len(words) and words[i] in ("a", "an"):
        article, i = True, i + 1
    while i < len(words) and words[i] in _BEFORE_FIGURE:
        i += 1
    if i >= len(words):
        return False
    word = words[i]
    if word[0].isdigit():
        return True
    head = word.split("-")[0]
    if article and i == 1:
        return head in _MULTIPLIERS
    return head in NUMBER_WORDS


# A rule gets the find's lexicon entry, its span, and its sentence; it returns why the find is not a
# cue there, or None.
Rule = Callable[[str, int, int, Sentence], "str | None"]


def _needs_figure(cue: str, start: int, end: int, s: Sentence) -> str | None:
    if is_figure(s.after(end, 4)):
        return None
    return f"'{cue}' is not before a figure here (a preposition or a plain word, not an approximation)"


def _reported_would(cue: str, start: int, end: int, s: Sentence) -> str | None:
    clause = s.clause_before(start)
    if "if" in clause or "unless" in clause:
        return None  # a condition: the hypothetical "would" is a hedge
    reporting = next((w for w in clause if w in _REPORTED), None)
    if reporting:
        return f"reported speech: 'would' is a reported 'will' after '{reporting}'"
    return None


def _negated_could(cue: str, start: int, end: int, s: Sentence) -> str | None:
    if s.after(end, 1) == ["not"]:
        return "'could not': a negated ability, not a possibility"
    return None


def _if_whether(cue: str, start: int, end: int, s: Sentence) -> str | None:
    before = s.before(start, 2)
    if before[:1] == ["as"]:
        return "'as if': a comparison, not a condition"
    if before and before[0] in _IF_MEANS_WHETHER:
        return f"'if' means 'whether' after '{before[0]}'"
    return None


def _negated(cue: str, start: int, end: int, s: Sentence) -> str | None:
    for word in s.before(start, 4, stop_at={",", ".", ";", ":"}):
        if word in _NEGATIONS or word.endswith("n't"):
            return f"negated ('{word}'): nothing is said, reported or confirmed"
    return None


def _source_noun(cue: str, start: int, end: int, s: Sentence) -> str | None:
    following = s.after(end, 1)
    if not following or not following[0][0].isalpha():
        return None
    if cue == "official" and following[0] not in _SOURCE_FOLLOWERS and not following[0].endswith("ed"):
        return f"'official {following[0]}': an adjective, not a person who speaks"
    if cue in ("source", "sources") and following[0] == "of":
        return "'source of': where something comes from, not a person who speaks"
    return None


def _adjective_after_determiner(cue: str, start: int, end: int, s: Sentence) -> str | None:
    before, after = s.before(start, 1), s.after(end, 1)
    if before and before[0] in _DETERMINERS and after and after[0][0].isalpha():
        return f"'{before[0]} {s.text[start:end]} {after[0]}': an adjective in a name for something, not a verb"
    return None


def _month(cue: str, start: int, end: int, s: Sentence) -> str | None:
    if s.text[start:end] != "May":
        return None
    after, before = s.after(end, 1), s.before(start, 1)
    if (after and after[0][0].isdigit()) or (before and (before[0] in _MONTH_CONTEXT or before[0][0].isdigit())):
        return "'May' the month"
    return None


def _might_noun(cue: str, start: int, end: int, s: Sentence) -> str | None:
    before, after = s.before(start, 1), s.after(end, 1)
    if (before and before[0] in _MIGHT_NOUN) or after == ["of"]:
        return "'might' the noun (strength), not a possibility"
    return None


def _followed_by(words: set[str], reason: str) -> Rule:
    def rule(cue: str, start: int, end: int, s: Sentence) -> str | None:
        after = s.after(end, 1)
        return reason if after and after[0] in words else None
    return rule


def _added_something(cue: str, start: int, end: int, s: Sentence) -> str | None:
    after = s.after(end, 1)
    if after and (after[0][0].isalnum()) and after[0] not in _TIME_WORDS:
        return f"'{s.text[start:end]} {after[0]}': adds something, not words"
    return None


def _ends_or_adds(cue: str, start: int, end: int, s: Sentence) -> str | None:
    after = s.after(end, 1)
    if after and (after[0] in _DETERMINERS or after[0][0].isdigit()):
        return f"'{s.text[start:end]} {after[0]} ...': ends or adds something, not words"
    return None


def _impersonal(cue: str, start: int, end: int, s: Sentence) -> str | None:
    if s.before(start, 1) in (["be"], ["been"]):
        return "'it should be noted': the writer's own voice, no one is quoted"
    return None


def _quoted_as_saying(cue: str, start: int, end: int, s: Sentence) -> str | None:
    if s.text[start:end].lower() != "saying":
        return None
    clause = s.clause_before(start)
    if clause[:1] == ["as"] and any(w in ("quoted", "cited", "quoting", "citing") for w in clause[:12]):
        return "part of 'quoted ... as saying': the cue is 'quoted'"
    return None


def _knowing_how(cue: str, start: int, end: int, s: Sentence) -> str | None:
    after = s.after(end, 2)
    if len(after) == 2 and after[0] in _WH and after[1] == "to":
        return f"'{s.text[start:end]} {after[0]} to': not knowing what to do, not doubt about a claim"
    return None


def _options_under_discussion(cue: str, start: int, end: int, s: Sentence) -> str | None:
    for word in s.before(start, 3, stop_at={",", ".", ";"}):
        if word.startswith(_DELIBERATION):
            return f"'{s.text[start:end]}' names options being considered ('{word}'), it does not hedge a claim"
    return None


BY_CUE: dict[str, list[Rule]] = {
    **{cue: [_needs_figure] for cue in APPROXIMATORS},
    "would": [_reported_would],
    "could": [_negated_could],
    "if": [_if_whether],
    "official": [_source_noun],
    "source": [_source_noun],
    "sources": [_source_noun],
    "confirm": [_adjective_after_determiner],
    "disputed": [_adjective_after_determiner],
    "may": [_month],
    "might": [_might_noun],
    "believe": [_followed_by({"in"}, "'believe in': trust, not a hedge")],
    "appear": [_followed_by({"in", "on", "at", "before", "alongside", "with", "live"},
                            "'appear in/on/at': to be seen somewhere, not a hedge")],
    "determined": [_followed_by({"to", "by"}, "'determined to/by': resolve or cause, not certainty")],
    "supposed": [_followed_by({"to"}, "'supposed to': an obligation, not a doubt")],
    "added": [_added_something],
    "conclude": [_ends_or_adds],
    "noted that": [_impersonal],
    "adding": [_added_something],
    "say": [_quoted_as_saying],
    "don't know": [_knowing_how],
    "do not know": [_knowing_how],
    "possible": [_options_under_discussion],
    "potential": [_options_under_discussion],
}
# Reporting verbs and certainty markers are cancelled by a negation before them ("did not confirm",
# "declined to deny", "without reporting"); hedges are not ("may not" still hedges).
NEGATABLE_KINDS = {"attribution", "certainty"}


def why_not(cue: str, kind: str, start: int, end: int, sentence: Sentence) -> str | None:
    """The reason the find is not a cue in its sentence, or None if it is one."""
    for rule in BY_CUE.get(cue, ()):
        reason = rule(cue, start, end, sentence)
        if reason:
            return reason
    if kind in NEGATABLE_KINDS:
        return _negated(cue, start, end, sentence)
    return None


# --- sources that speak, and people who act --------------------------------------

# Nouns for people or bodies that are a vague source when they are cited ("officials said") and
# actors in the story otherwise ("authorities ordered an evacuation"). PARC's attribution relation
# needs a cue: without one in the sentence, the noun is not a source.
SOURCE_NOUNS = {"officials", "official", "authorities", "analysts", "experts", "observers", "witnesses",
                "eyewitnesses", "insiders", "diplomats", "sources", "source", "rights group", "state media",
                "state tv", "state television"}
# Hedges whose subject is the (unnamed) source: "officials believe", "analysts suggest".
EVIDENTIAL = {"believe", "suggest", "expected", "estimated", "speculate", "imply", "assess that",
              "assesses that", "assessed that", "reportedly", "allegedly", "it is believed", "seem", "appear",
              "believed to be", "believed to have", "thought to be", "thought to have", "said to be",
              "said to have", "reported to be", "reported to have"}


def sentence_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Where each sentence of a text starts and ends (at . ! ? ; tokens, so "U.S." does not end one)."""
    spans, start = [], 0
    for token in sentence.tokens:
        if token.text in _SENTENCE_END:
            spans.append((start, token.end))
            start = token.end
    return spans + [(start, len(sentence.text))]


def uncited_sources(sentence: Sentence, finds: list) -> dict[int, str]:
    """Index -> reason, for each source noun among ``finds`` (Found objects the rules kept) whose sentence
    has no attribution cue: a noun in a headline after a colon ("...: State TV") is cited by the colon."""
    text = sentence.text
    reasons: dict[int, str] = {}
    if not any(f.cue in SOURCE_NOUNS for f in finds):
        return reasons
    for begin, end in sentence_spans(sentence):
        inside = [(i, f) for i, f in enumerate(finds) if begin <= f.start < end]
        cited = any((f.kind == "attribution" and f.cue and f.cue not in SOURCE_NOUNS) or f.cue in EVIDENTIAL
                    for _, f in inside)
        if cited:
            continue
        for i, f in inside:
            if f.cue in SOURCE_NOUNS:
                after_colon = text[:f.start].rstrip().endswith(":") and not text[f.end:].strip(" .")
                if not after_colon:
                    reasons[i] = f"'{f.text}' act in this sentence, nothing is attributed to them (no 'said', 'according to' ...)"
    return reasons


# --- scare quotes ----------------------------------------------------------------

MAX_SCARE_WORDS = 6
_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“"}
_NAMING = ("known as", "named", "titled", "entitled", "called", "nicknamed", "codenamed", "code-named")
_SPEECH_AFTER = re.compile(
    r"\s*(?:(?:(?i:he|she|they|it|we|i)|[A-Z][\w.'’-]*)\s+){0,3}"
    r"(?i:said|says|told|tells|added|asked|wrote|writes|stated|warned|explained|insisted|replied|continued|"
    r"concluded|noted)\b")


_OPENING = re.compile("[" + re.escape("".join(_PAIRS)) + "]")


def quoted_fragments(text: str) -> Iterator[tuple[int, int]]:
    """Spans (marks included) of text between matching quotation marks. A mark between two letters is
    an apostrophe, and a straight quote opens only after a space or the start."""
    position = 0
    while True:
        found = _OPENING.search(text, position)
        if found is None:
            return
        i = found.start()
        close = _PAIRS[text[i]]
        if (i > 0 and text[i - 1].isalnum()) or i + 1 >= len(text) or text[i + 1].isspace():
            position = i + 1
            continue
        j = text.find(close, i + 1)
        while j != -1 and j + 1 < len(text) and text[j + 1].isalnum() and text[j - 1].isalnum():
            j = text.find(close, j + 1)  # an apostrophe inside a word
        if j == -1:
            position = i + 1
            continue
        yield i, j + 1
        position = j + 1


def scare_quote_reason(text: str, start: int, end: int) -> str | None:
    """Why a quoted fragment is not a scare quote (too long, a sentence of speech, a name), or None."""
    inner = text[start + 1:end - 1].strip()
    words = inner.split()
    if not words or len(words) > MAX_SCARE_WORDS:
        return "a quotation, not a scare quote (more than six words)" if words else "empty"
    letters = [w.strip(".,;:!?") for w in words]
    title_case = all(w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3 for w in letters)
    if inner[0].isupper() and len(words) >= 3 and not title_case:
        return "a sentence in quotation marks, not a scare quote"
    if _SPEECH_AFTER.match(text, end) and inner[-1] in ",.!?":
        return "direct speech, not a scare quote"
    before = re.sub(r"\s+(?:the|a|an)$", "", text[:start].rstrip().lower())
    if before.endswith(_NAMING) and not before.endswith("so-called"):
        return "a name in quotation marks, not a scare quote"
    return None


def scare_quotes(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in quoted_fragments(text) if scare_quote_reason(text, s, e) is None]
