"""The hedge detector: lexicon matching, and agreement with real seed annotations."""

from __future__ import annotations

import pytest
from testpaths import PROJECT

from macros.claimkit.hedges import HedgeDetector, compare, score
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import HedgeCategory


@pytest.fixture(scope="module")
def project():
    return load_dataset(PROJECT / "data")


@pytest.fixture
def detector():
    return HedgeDetector([
        HedgeCategory(id="vague", label="Vague", explanation="x", cues=["sources familiar with", "sources"]),
        HedgeCategory(id="belief", label="Belief", explanation="x", cues=["suggest"]),
        HedgeCategory(id="approx", label="Approx", explanation="x", cues=["over"]),
    ])


def found(detector, text):
    return [(c.text, c.category) for c in detector.find(text)]


def test_multi_word_cue_wins_over_its_first_word(detector):
    assert found(detector, "Sources familiar with the plan said") == [("Sources familiar with", "vague")]


def test_inflections_and_case(detector):
    assert found(detector, "Analysts SUGGESTED it; it suggests more") == [("SUGGESTED", "belief"), ("suggests", "belief")]


def test_whole_words_only(detector):
    assert found(detector, "overall, the takeover was over") == [("over", "approx")]


def test_multi_word_cue_across_a_line_break(detector):
    assert found(detector, "sources\nfamiliar   with") == [("sources\nfamiliar   with", "vague")]


# Real quotes from the case study, with the cues a reader should see in each.
SEED_QUOTES = [
    ("An unnamed officer from the General Staff", ["unnamed"]),
    ("sources familiar with North Korean affairs have stated", ["sources familiar with"]),
    ("North Korea has reportedly been exporting ammunition to Russia", ["reportedly"]),
    ("Analysts suggest that the North Korean regime would benefit greatly", ["Analysts", "suggest", "would"]),
    ("North Korea has offered to send over 100,000 volunteers", ["over"]),
    ("Thousands of volunteers offered to fight in Ukraine; Russian media reports", ["Thousands", "media reports"]),
]


@pytest.mark.parametrize("quote, cues", SEED_QUOTES)
def test_seed_quotes(project, quote, cues):
    detector = HedgeDetector(project.hedge_categories)
    assert [c.text for c in detector.find(quote)] == cues


def test_detector_agrees_with_most_seed_annotations(project):
    detector = HedgeDetector(project.hedge_categories)
    result = score(detector, [c for r in project.reports for c in r.claims])
    assert result.annotated > 50
    assert result.precision >= 0.75 and result.recall >= 0.75, result


def test_compare_lists_missed_and_extra(detector):
    from macros.claimkit.model import Claim

    claim = Claim(id="x", quote="Sources say over 5 were seen, perhaps", claim="x", status="attributed",
                  hedges=[{"text": "perhaps", "category": "belief"}, {"text": "Sources", "category": "vague"}])
    result = compare(detector, claim)
    assert [c.text for c in result.matched] == ["Sources"]
    assert [c.text for c in result.missed] == ["over"]
    assert [a[2] for a in result.extra] == ["perhaps"]
