"""Context rules: each known false alarm is dropped with a reason, and the real cue next to it is kept."""

from __future__ import annotations

import pytest

from macros.claimkit.cue_rules import is_figure, quoted_fragments, scare_quote_reason
from macros.claimkit.cues import CueDetector
from macros.claimkit.model import CueCategory


def category(id, kind, cues):
    return CueCategory(id=id, kind=kind, label=id, explanation="x", cues=cues)


@pytest.fixture(scope="module")
def detector():
    return CueDetector([
        category("approx", "hedge", ["about", "over", "some", "more than", "up to", "at least", "around", "nearly"]),
        category("maybe", "hedge", ["would", "could", "may", "might", "possible", "potential"]),
        category("cond", "hedge", ["if"]),
        category("belief", "hedge", ["believe", "appear", "supposed", "speculate"]),
        category("unsure", "hedge", ["don't know", "unclear"]),
        category("say", "attribution", ["said", "say", "told", "reported", "reporting", "added", "conclude",
                                        "noted that", "quoted"]),
        category("vague", "attribution", ["officials", "official", "source", "authorities", "state tv"]),
        category("deny", "attribution", ["deny"]),
        category("sure", "certainty", ["confirm", "determined"]),
        category("scare", "scare-quote", []),
    ])


def kept(detector, text):
    return [f.text for f in detector.find(text)]


def dropped(detector, text):
    return {f.text: reason for f, reason in detector.explain(text) if reason}


@pytest.mark.parametrize("text, cues", [
    ("Over 3,000 troops crossed, over two months", ["Over", "over"]),
    ("at around 11:50 pm, some 240 others, up to a fifth", ["around", "some", "up to"]),
    ("nearly an additional 100 square km; at least once", ["nearly", "at least"]),
    ("nearly seven-month war", ["nearly"]),
])
def test_approximators_before_a_figure_are_cues(detector, text, cues):
    assert kept(detector, text) == cues


@pytest.mark.parametrize("text, word", [
    ("Debris fell over Russia's western region", "over"),
    ("Over the last day, shells fell", "Over"),
    ("infighting over a six-year stretch", "over"),
    ("Pentagon denies claims about sending troops", "about"),
    ("more than minor setbacks", "more than"),
    ("operating in some areas close to Baghdad", "some"),
])
def test_approximators_not_before_a_figure_are_dropped(detector, text, word):
    assert word not in kept(detector, text)
    assert "not before a figure" in dropped(detector, text)[word]


def test_is_figure():
    assert is_figure(["3,000"]) and is_figure(["a", "dozen"]) and is_figure(["an", "additional", "100"])
    assert is_figure(["seven-month"]) and is_figure(["twice"])
    assert not is_figure(["a", "six-year", "stretch"]) and not is_figure(["the", "last", "day"])
    assert not is_figure([])


def test_would_in_reported_speech_is_dropped(detector):
    text = "Tehran warned the US that it would respond to any provocation."
    assert "would" not in kept(detector, text)
    assert "reported speech" in dropped(detector, text)["would"]
    assert "would" not in kept(detector, "They were told they would be treated as heroes.")


@pytest.mark.parametrize("text", [
    "If true, it would mark the first deployment.",
    "the direction Ukraine would have to attack from",
    '"Aid would narrow these opportunities," the ISW concludes.',
    "Analysts suggest that the regime would benefit.",  # present tense: no backshift
    "He said that if they came, it would be war.",  # a condition inside reported speech
])
def test_hypothetical_would_is_kept(detector, text):
    assert "would" in kept(detector, text)


def test_could_not_is_a_negated_ability(detector):
    assert "could" not in kept(detector, "He said it could not be taken at face value.")
    assert "could" in kept(detector, "a counter-offensive which could change the course of the war")


@pytest.mark.parametrize("text, reason", [
    ("I don't know if it's propaganda", "means 'whether'"),
    ("It's not clear if the soldiers were killed", "means 'whether'"),
    ("asked if he would stay", "means 'whether'"),
    ("as if nothing had happened", "comparison"),
])
def test_if_meaning_whether_is_dropped(detector, text, reason):
    assert reason in dropped(detector, text)["if"]


def test_if_as_a_condition_is_kept(detector):
    assert kept(detector, "If North Korea expresses a desire, we should let them") == ["If"]


@pytest.mark.parametrize("text, word", [
    ("SANA said on Thursday, without reporting any casualties.", "reporting"),
    ("Trump has declined to confirm or deny reports", "confirm"),
    ("Trump has declined to confirm or deny reports", "deny"),
    ("The ministry has not confirmed the figure.", "confirmed"),
    ("He didn't say when.", "say"),
])
def test_negated_reporting_verbs_and_certainty_markers_are_dropped(detector, text, word):
    assert word not in kept(detector, text)
    assert "negated" in dropped(detector, text)[word]


def test_a_negated_hedge_still_hedges(detector):
    assert kept(detector, "we may or may not be doing it") == ["may", "may"]


def test_no_injuries_reported_still_attributes(detector):
    assert kept(detector, "No injuries had been reported.") == ["reported"]


@pytest.mark.parametrize("text, word, reason", [
    ("according to official Israeli figures, officials said", "official", "adjective"),
    ("the source of the fire, a source said", "source", "where something comes from"),
    ("the confirmed cases rose, officials said", "confirmed", "adjective"),
    ("elections on 4 May and in May 2024", "May", "the month"),
    ("the might of the Russian army", "might", "noun"),
    ("Moscow no longer believes in the West", "believes", "trust"),
    ("He will appear in court", "appear", "seen somewhere"),
    ("Kyiv is determined to fight", "determined", "resolve"),
    ("They were supposed to leave", "supposed", "obligation"),
    ("Russia added 5,000 troops", "added", "adds something"),
    ("Kim concluded his six-day trip", "concluded", "ends or adds something"),
    ("it should be noted that Moscow helped", "noted that", "writer's own voice"),
    ("We don't know where to go", "don't know", "not knowing what to do"),
    ("a team is in Iraq to assess possible assistance", "possible", "options being considered"),
])
def test_words_that_share_a_cues_spelling_are_dropped(detector, text, word, reason):
    found = dropped(detector, text)
    assert reason in found[word], found


@pytest.mark.parametrize("text, word", [
    ("a Pentagon official said Monday", "official"),
    ("A senior official speculated that", "official"),
    ("May 2024 could see", "could"),
    ("Russia may send troops", "may"),
    ("Singh added.", "added"),
    ("he added that none had deployed", "added"),
    ("the ISW concludes.", "concludes"),
    ("Israeli intelligence determined the school housed a command centre", "determined"),
    ("what Russia expects from a potential counter-offensive", "potential"),
    ("I don't know if it's propaganda", "don't know"),
])
def test_the_cue_sense_is_kept(detector, text, word):
    assert word in kept(detector, text)


def test_saying_after_quoted_as_is_part_of_quoted(detector):
    text = "Lee quoted the agency as saying the troops had left"
    assert kept(detector, text) == ["quoted"]
    assert "quoted ... as saying" in dropped(detector, text)["saying"]


def test_people_who_act_are_not_sources(detector):
    text = "Ukrainian authorities ordered an evacuation. Officials said five died."
    assert kept(detector, text) == ["Officials", "said"]
    assert "nothing is attributed" in dropped(detector, text)["authorities"]


def test_a_source_after_a_headline_colon_is_cited_by_the_colon(detector):
    assert kept(detector, "Israeli air strikes target sites near Damascus: State TV") == ["State TV"]


# --- scare quotes -------------------------------------------------------------


@pytest.mark.parametrize("text, quoted", [
    ("The military said it conducted a “precise strike” at the school.", "“precise strike”"),
    ("each “martyr,” as the Palestinians call casualties", "“martyr,”"),
    ('the attack had been "thwarted" at 11:50 pm', '"thwarted"'),
    ("the U.S. estimate is \"not that high.\"", '"not that high."'),
    ("Could North Korea Send ‘Volunteers’ to Fight?", "‘Volunteers’"),
    ("to the \"Special Military Operation\" zone", '"Special Military Operation"'),
])
def test_short_quoted_fragments_are_scare_quotes(detector, text, quoted):
    assert [f.text for f in detector.find(text) if f.kind == "scare-quote"] == [quoted]


@pytest.mark.parametrize("text, reason", [
    ("“Three civilians have been killed,” the governor said.", "a sentence"),
    ("“We don’t know where to go. We are in the street,” he said.", "more than six words"),
    ("“we will respond,” he said", "direct speech"),
    ('officials, known as the "Deputies Committee," met', "a name"),
])
def test_quotations_and_names_are_not_scare_quotes(detector, text, reason):
    found = dropped(detector, text)
    assert any(reason in r for t, r in found.items() if t[0] in "“\""), found


def test_apostrophes_do_not_open_or_close_quotes():
    text = "Russia’s Channel One praised North Korea’s ‘wealth of experience’ and the soldiers’ pay"
    assert [text[s:e] for s, e in quoted_fragments(text)] == ["‘wealth of experience’"]
    assert scare_quote_reason(text, text.index("‘"), text.index("’ and") + 1) is None
