"""The cue detector: lexicon matching, kinds, not-cues, and agreement with real seed annotations."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from testpaths import PROJECT

from macros.claimkit.cues import CueDetector, compare, score
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import Claim, CueCategory


@pytest.fixture(scope="module")
def project():
    return load_dataset(PROJECT / "data")


@pytest.fixture
def detector():
    return CueDetector([
        CueCategory(id="vague", kind="attribution", label="Vague", explanation="x",
                    cues=["sources familiar with", "sources"]),
        CueCategory(id="belief", kind="hedge", label="Belief", explanation="x", cues=["suggest"]),
        CueCategory(id="approx", kind="hedge", label="Approx", explanation="x", cues=["over"]),
        CueCategory(id="sure", kind="certainty", label="Sure", explanation="x", cues=["confirmed"]),
    ])


def found(detector, text):
    """What the lexicon matches, before the context rules (tests/test_cue_rules.py tests those)."""
    return [(c.text, c.category) for c in detector.matches(text)]


def test_multi_word_cue_wins_over_its_first_word(detector):
    assert found(detector, "Sources familiar with the plan said") == [("Sources familiar with", "vague")]


def test_inflections_and_case(detector):
    assert found(detector, "Analysts SUGGESTED it; it suggests more") == [("SUGGESTED", "belief"), ("suggests", "belief")]


def test_whole_words_only(detector):
    assert found(detector, "overall, the takeover was over") == [("over", "approx")]


@pytest.mark.parametrize("gap", ["\n", "   ", "  ", "\u00a0", "\t "])
def test_multi_word_cue_across_a_line_break_or_uneven_spaces(detector, gap):
    text = f"Then sources{gap}familiar with it"
    assert found(detector, text) == [(f"sources{gap}familiar with", "vague")]


# Real quotes from the case study, with the cues a reader should see in each.
SEED_QUOTES = [
    ("An unnamed officer from the General Staff", ["unnamed"]),
    ("sources familiar with North Korean affairs have stated", ["sources familiar with", "stated"]),
    ("North Korea has reportedly been exporting ammunition to Russia", ["reportedly"]),
    ("Analysts suggest that the North Korean regime would benefit greatly", ["Analysts", "suggest", "would"]),
    ("North Korea has offered to send over 100,000 volunteers", ["over"]),
    ("Thousands of volunteers offered to fight in Ukraine; Russian media reports", ["Thousands", "media reports"]),
]


@pytest.mark.parametrize("quote, cues", SEED_QUOTES)
def test_seed_quotes(project, quote, cues):
    detector = CueDetector(project.cue_categories)
    assert [c.text for c in detector.find(quote)] == cues


def test_detector_agrees_with_most_seed_annotations(project):
    detector = CueDetector(project.cue_categories)
    result = score(detector, [c for r in project.reports for c in r.claims])
    assert result.annotated > 50
    assert result.precision >= 0.75 and result.recall >= 0.75, result


def test_compare_lists_missed_and_extra(detector):
    claim = Claim(id="x", quote="Sources suggest over 5 were seen, perhaps", claim="x", status="attributed",
                  cues=[{"text": "perhaps", "category": "belief"}, {"text": "Sources", "category": "vague"},
                        {"text": "suggest", "category": "belief"}])
    result = compare(detector, claim)
    assert [c.text for c in result.matched] == ["Sources", "suggest"]
    assert [c.text for c in result.missed] == ["over"]
    assert [a.text for a in result.extra] == ["perhaps"]


def test_each_find_carries_its_kind(detector):
    assert [(c.text, c.kind) for c in detector.find("Sources suggest it was confirmed: over 5 and over 6")] == [
        ("Sources", "attribution"), ("suggest", "hedge"), ("confirmed", "certainty"), ("over", "hedge"),
        ("over", "hedge")]


def test_not_cues_are_silenced_not_missed(detector):
    quote = "The score was over 9 to 1; over 5 died"
    claim = Claim(id="x", quote=quote, claim="x", status="attributed",
                  cues=[{"text": "over", "category": "approx", "occurrence": 2}],
                  not_cues=[{"text": "over", "occurrence": 1, "reason": "a score, not a blurred count"}])
    result = compare(detector, claim)
    second = quote.index("over", quote.index("over") + 1)
    assert [(c.start, c.text) for c in result.matched] == [(second, "over")]
    assert [(c.start, c.text) for c in result.silenced] == [(quote.index("over"), "over")]
    assert result.missed == [] and result.extra == []


def test_a_repeated_cue_annotated_twice_counts_both_occurrences(detector):
    claim = Claim(id="x", quote="over 5, then over 6", claim="x", status="attributed",
                  cues=[{"text": "over", "category": "approx"}, {"text": "over", "category": "approx"}])
    result = compare(detector, claim)
    assert len(result.matched) == 2 and result.extra == [] and result.missed == []
    assert score(detector, [claim]).recall == 1.0


def test_score_per_kind_counts_only_that_kind(detector):
    claim = Claim(id="x", quote="Sources confirmed over 5", claim="x", status="attributed",
                  cues=[{"text": "Sources", "category": "vague"}, {"text": "over", "category": "approx"}])
    hedges = score(detector, [claim], "hedge")
    certainty = score(detector, [claim], "certainty")
    assert (hedges.detected, hedges.annotated, hedges.true_positives) == (1, 1, 1)
    assert (certainty.detected, certainty.annotated, certainty.true_positives) == (1, 0, 0)
    assert certainty.precision == 0.0


# --- the automaton finds what a plain, slow matcher finds ----------------------------------


def reference_find(categories: list[CueCategory], text: str) -> list[tuple[int, int, str]]:
    """Every cue tried at every position with a regular expression; the leftmost, then longest, wins."""
    plain = text.replace("\u2019", "'").replace("\u2018", "'")
    candidates = []
    for category in categories:
        for cue in category.cues:
            words = [re.escape(w) for w in cue.replace("\u2019", "'").split()]
            body = r"\s+".join(words)
            if cue[-1].isalpha():
                last = cue[-1].lower()
                stem = r"\s+".join(words[:-1] + [re.escape(cue.split()[-1][:-1])])
                other = [stem + "ing"] if last == "e" and len(cue) > 2 else []
                if last == "y" and len(cue) > 2 and cue[-2].isalpha() and cue[-2].lower() not in "aeiou":
                    other.append(stem + "(?:ies|ied)")
                body = "(?:" + "|".join([body + "(?:s|es|ed|d|ing)?"] + other) + ")"
            pattern = re.compile(r"(?<![\w-])(" + body + r")(?![\w-])", re.IGNORECASE)
            for start in range(len(plain)):
                match = pattern.match(plain, start)
                if match:
                    candidates.append((start, match.end(1), category.id))
    chosen, reached = [], 0
    for start, end, _category in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= reached:
            chosen.append((start, end))
            reached = end
    return chosen


WORD = st.text(alphabet="abcey'\u2019", min_size=1, max_size=4).filter(lambda w: w[0].isalpha())
CUE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
TEXT = st.text(alphabet="abcdeinsyAB -'\u2019\n.", max_size=40)


@settings(max_examples=200, deadline=None)
@given(cues=st.lists(CUE, min_size=1, max_size=6, unique=True), text=TEXT)
def test_the_automaton_finds_what_a_plain_matcher_finds(cues, text):
    categories = [CueCategory(id=f"c{i}", kind="hedge", label="C", explanation="x", cues=cues[i::2])
                  for i in range(2) if cues[i::2]]
    detector = CueDetector(categories)
    assert [(c.start, c.end) for c in detector.matches(text)] == reference_find(categories, text)


def test_a_20000_cue_lexicon_finds_each_of_its_words():
    words = [f"w{i:05d}x" for i in range(20_000)]
    detector = CueDetector([CueCategory(id="big", kind="hedge", label="Big", explanation="x", cues=words)])
    text = " ".join(words[::997]) + " w99999x"
    assert [c.text for c in detector.find(text)] == words[::997]


def test_apostrophes_and_white_space_do_not_hide_a_cue():
    detector = CueDetector([CueCategory(id="u", kind="hedge", label="U", explanation="x",
                                        cues=["it's not clear", "no way to confirm"])])
    assert [c.text for c in detector.find("It’s not clear; there is no way\nto  confirm it")] == [
        "It’s not clear", "no way\nto  confirm"]


# --- the lexicon cites its sources ------------------------------------------------------


def test_every_category_of_the_project_lexicon_cites_a_published_source(project):
    lexicon = yaml.safe_load((PROJECT / "data" / "cues.yaml").read_text())
    known = {ref["id"] for ref in lexicon["references"]}
    for category in lexicon["categories"]:
        assert category.get("references"), category["id"]
        assert set(category["references"]) <= known


def test_an_unknown_reference_is_a_located_error(valid_data):
    path = valid_data / "cues.yaml"
    text = path.read_text().replace("categories:\n", "references:\n  - id: hyland-2005\n    title: Metadiscourse\n"
                                    "categories:\n", 1)
    text = text.replace("    cues: [according to]\n", "    cues: [according to]\n    references: [hyland-2005, hyland]\n", 1)
    path.write_text(text)
    with pytest.raises(DataError) as info:
        load_dataset(valid_data)
    assert [str(p) for p in info.value.problems] == [
        "data/cues.yaml:10:31: categories.0.references.1: unknown reference 'hyland': list it under `references:` at "
        "the top of the file"]
