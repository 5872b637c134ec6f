"""Quotes and cues for testing the practice scoring rule, shared by tests/test_practice.py (Python) and
tests/browser/test_practice_view.py (practice.js, the browser's copy of the rule, on the same cases)."""

from __future__ import annotations

from macros.claimkit import practice
from macros.claimkit.model import Claim, CueCategory

CATEGORIES = {c.id: c for c in [
    CueCategory(id="says", kind="attribution", label="Who says it", explanation="Someone else speaks."),
    CueCategory(id="vague", kind="attribution", label="Vague source", explanation="Not named."),
    CueCategory(id="hearsay", kind="hedge", label="Hearsay", explanation="Passed on."),
    CueCategory(id="maybe", kind="hedge", label="Possibility", explanation="Possible, not done."),
    CueCategory(id="sure", kind="certainty", label="Certainty", explanation="Settled."),
    CueCategory(id="scare", kind="scare-quote", label="Scare quotes", explanation="Distance."),
]}


def key_of(quote: str, cues: list[dict], **more) -> practice.AnswerKey:
    claim = Claim(id="c", quote=quote, claim="c", status="attributed", cues=cues, **more)
    return practice.answer_key(claim, CATEGORIES)


# Repeated, nested, adjacent cues, not-cues and a cue without words: every way marks can meet cues.
SYNTHETIC = [
    ("The army will win if Russia wins the war, he said.",
     [{"text": "if Russia wins the war", "category": "maybe"}, {"text": "said", "category": "says"}], {}),
    ("He reportedly said it.", [{"text": "reportedly said", "category": "hearsay"},
                                {"text": "said", "category": "says"}], {}),
    ("Analysts suggest so.", [{"text": "Analysts suggest", "category": "hearsay"},
                              {"text": "Analysts", "category": "vague"}, {"text": "suggest", "category": "maybe"}], {}),
    ("He said it, then said it again.", [{"text": "said", "category": "says"}, {"text": "said", "category": "says"}],
     {}),
    ("He said it, then said it again.", [{"text": "said", "category": "says", "occurrence": 2}], {}),
    ("Analysts suggest it would most likely happen.",
     [{"text": "Analysts", "category": "vague"}, {"text": "suggest", "category": "maybe"},
      {"text": "would", "category": "maybe"}, {"text": "most likely", "category": "maybe"}], {}),
    ("According to the New York Post, Russia may send troops.",
     [{"text": "According to", "category": "says"}, {"text": "may", "category": "maybe"}], {}),
    ("Over 1,000 workers, because the war is not over, a source said.",
     [{"text": "Over", "category": "hearsay"}, {"text": "a source", "category": "vague"}],
     {"not_cues": [{"text": "over", "reason": "finished, not a number"}]}),
    ("Officials clearly said the “volunteers” could come.",
     [{"text": "Officials", "category": "vague"}, {"text": "clearly", "category": "sure"},
      {"text": "said", "category": "says"}, {"text": "“volunteers”", "category": "scare"},
      {"text": "could", "category": "maybe"}], {}),
    ("He said “—” twice.", [{"text": "said", "category": "says"}, {"text": "“—”", "category": "scare"}], {}),
    ("Nothing to see here.", [], {}),
]
