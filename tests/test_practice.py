"""Try it first: the answer key of a quote and the one rule that scores a student's marks.

(tests/browser/test_practice.py runs practice.js, the browser's copy of the rule, on the same cases.)
"""

from __future__ import annotations

import pytest
from practice_cases import key_of

from macros.claimkit import practice


def word_index(key: practice.AnswerKey, word: str, nth: int = 1) -> int:
    hits = [i for i, w in enumerate(key.words) if key.quote[w.start:w.end] == word]
    return hits[nth - 1]


def marks(key: practice.AnswerKey, *words: str) -> set[int]:
    """Word indexes of the given words; 'said#2' is the second 'said'."""
    chosen = set()
    for word in words:
        text, _, nth = word.partition("#")
        chosen.add(word_index(key, text, int(nth or 1)))
    return chosen


def summary(key: practice.AnswerKey, result: practice.Result) -> tuple[list[str], list[str], list[str]]:
    text = lambda indexes: " ".join(key.quote[key.words[i].start:key.words[i].end] for i in indexes)  # noqa: E731
    return ([key.cues[i].text for i in result.found], [key.cues[i].text for i in result.missed],
            [text(e.words) for e in result.extra])


def test_words_are_what_a_student_can_mark():
    quote = "Korea’s 100,000 “volunteers” (1,5~8,6) pro-government 'troops' said: 1.3 million."
    found = [quote[w.start:w.end] for w in practice.words(quote)]
    assert found == ["Korea’s", "100,000", "volunteers", "1,5", "8,6", "pro-government", "troops", "said", "1.3",
                     "million"]


def test_a_cue_is_found_by_any_one_of_its_words():
    key = key_of("The army will win if Russia wins the war, he said.",
                 [{"text": "if Russia wins the war", "category": "maybe"}, {"text": "said", "category": "says"}])
    assert summary(key, practice.check(key, marks(key, "if"))) == (["if Russia wins the war"], ["said"], [])
    assert summary(key, practice.check(key, marks(key, "war", "said")))[0] == ["if Russia wins the war", "said"]
    assert summary(key, practice.check(key, set())) == ([], ["if Russia wins the war", "said"], [])


def test_nested_cues_are_found_by_their_own_words():
    key = key_of("He reportedly said it.", [{"text": "reportedly said", "category": "hearsay"},
                                            {"text": "said", "category": "says"}])
    assert [c.text for c in key.cues] == ["reportedly said", "said"]
    outer, inner = key.cues
    assert outer.words == (1, 2) and outer.own == (1,) and inner.own == (2,)
    assert summary(key, practice.check(key, marks(key, "said"))) == (["said"], ["reportedly said"], [])
    assert summary(key, practice.check(key, marks(key, "reportedly"))) == (["reportedly said"], ["said"], [])
    assert summary(key, practice.check(key, marks(key, "reportedly", "said")))[:2] == (
        ["reportedly said", "said"], [])


def test_a_cue_made_only_of_nested_cues_is_found_by_any_of_them():
    key = key_of("Analysts suggest so.", [{"text": "Analysts suggest", "category": "hearsay"},
                                          {"text": "Analysts", "category": "vague"},
                                          {"text": "suggest", "category": "maybe"}])
    outer = next(c for c in key.cues if c.text == "Analysts suggest")
    assert outer.own == outer.words == (0, 1)
    assert summary(key, practice.check(key, marks(key, "suggest")))[0] == ["Analysts suggest", "suggest"]


def test_repeated_words_are_scored_by_position():
    both = key_of("He said it, then said it again.", [{"text": "said", "category": "says"},
                                                     {"text": "said", "category": "says"}])
    assert [c.words for c in both.cues] == [(1,), (4,)]
    result = practice.check(both, marks(both, "said#2"))
    assert (result.found, result.missed, result.extra) == ((1,), (0,), ())

    second = key_of("He said it, then said it again.", [{"text": "said", "category": "says", "occurrence": 2}])
    result = practice.check(second, marks(second, "said"))  # the first "said" is not annotated
    assert (result.found, result.missed) == ((), (0,))
    assert [e.words for e in result.extra] == [(1,)]
    assert practice.check(second, marks(second, "said#2")).found == (0,)


def test_adjacent_cues_are_separate_and_one_phrase_finds_both():
    key = key_of("Analysts suggest it would most likely happen.",
                 [{"text": "Analysts", "category": "vague"}, {"text": "suggest", "category": "maybe"},
                  {"text": "would", "category": "maybe"}, {"text": "most likely", "category": "maybe"}])
    result = practice.check(key, marks(key, "Analysts", "suggest"))
    assert summary(key, result) == (["Analysts", "suggest"], ["would", "most likely"], [])
    result = practice.check(key, marks(key, "would", "most", "likely"))
    assert summary(key, result)[0] == ["would", "most likely"]
    assert practice.check(key, marks(key, "most")).found == (3,)


def test_extras_are_runs_of_marked_words_outside_every_cue():
    key = key_of("According to the New York Post, Russia may send troops.",
                 [{"text": "According to", "category": "says"}, {"text": "may", "category": "maybe"}])
    result = practice.check(key, marks(key, "According", "to", "the", "New", "York", "Post", "send", "troops"))
    assert summary(key, result) == (["According to"], ["may"], ["the New York Post", "send troops"])
    everything = practice.check(key, range(len(key.words)))
    assert summary(key, everything) == (["According to", "may"], [], ["the New York Post Russia", "send troops"])


def test_a_not_cue_marked_is_extra_with_its_reason():
    key = key_of("Over 1,000 workers, because the war is not over, a source said.",
                 [{"text": "Over", "category": "hearsay"}, {"text": "a source", "category": "vague"}],
                 not_cues=[{"text": "over", "reason": "finished, not a number"}])
    assert [(n.text, n.words) for n in key.not_cues] == [("over", (8,))]
    result = practice.check(key, marks(key, "Over", "over", "war"))
    assert [(e.words, e.not_cue) for e in result.extra] == [((5,), None), ((8,), 0)]
    assert key.not_cues[result.extra[1].not_cue].reason == "finished, not a number"


def test_scores_each_kind_on_its_own():
    key = key_of("Officials clearly said the “volunteers” could come.",
                 [{"text": "Officials", "category": "vague"}, {"text": "clearly", "category": "sure"},
                  {"text": "said", "category": "says"}, {"text": "“volunteers”", "category": "scare"},
                  {"text": "could", "category": "maybe"}])
    result = practice.check(key, marks(key, "Officials", "volunteers", "come"))
    assert result.by_kind(key) == {"attribution": (1, 2), "certainty": (0, 1), "scare-quote": (1, 1),
                                   "hedge": (0, 1)}
    assert len(result.extra) == 1


def test_marks_out_of_range_are_ignored_and_punctuation_cannot_be_a_cue():
    key = key_of("He said “—” twice.", [{"text": "said", "category": "says"}, {"text": "“—”", "category": "scare"}])
    assert [c.text for c in key.cues] == ["said"]
    result = practice.check(key, {-1, 1, 99})
    assert (result.found, result.missed, result.extra) == ((0,), (), ())


def test_the_key_for_the_browser_and_its_digest():
    key = key_of("The Peoples Republic said so.", [{"text": "said", "category": "says"}], sic=["Peoples"])
    data = key.to_json()
    assert data["words"][1] == [4, 11] and data["sic"] == [11]
    assert data["cues"] == [{"category": "says", "kind": "attribution", "at": "21-25", "text": "said", "words": [3],
                             "own": [3]}]
    assert data["digest"] == key.digest and len(key.digest) == 12
    other = key_of("The Peoples Republic said so!", [{"text": "said", "category": "says"}])
    assert other.digest != key.digest


def test_the_browser_key_counts_offsets_as_a_javascript_string_does():
    """A quote may hold characters beyond U+FFFF (a flag, an emoji, a mathematical letter), each two UTF-16
    code units in JavaScript: every offset practice.js slices the quote with must count them so."""
    quote = "🇺🇦 Officials say 𝐁akhmut fell, reportedly 👍."
    key = key_of(quote, [{"text": "reportedly", "category": "hearsay"}], sic=["fell"])
    data = key.to_json()
    units = quote.encode("utf-16-le")
    js_slice = lambda start, end: units[2 * start:2 * end].decode("utf-16-le")  # noqa: E731
    assert [js_slice(*w) for w in data["words"]] == ["Officials", "say", "𝐁akhmut", "fell", "reportedly"]
    assert [js_slice(0, offset).endswith("fell") for offset in data["sic"]] == [True]
    assert data["cues"][0]["words"] == [4]
    plain = key_of("Officials say so.", []).to_json()
    assert plain["words"] == [[0, 9], [10, 13], [14, 16]], "without such characters, offsets are unchanged"


@pytest.fixture(scope="module")
def project():
    from testpaths import PROJECT

    from macros.claimkit.loader import load_dataset

    return load_dataset(PROJECT / "data")


def test_every_project_cue_can_be_found_and_marking_it_alone_scores_full(project):
    checked = 0
    for report in project.reports:
        for claim in report.claims:
            key = practice.answer_key(claim, project.cue_categories)
            assert len(key.cues) == len(claim.cues), f"{report.id}#{claim.id}: a cue has no word to mark"
            own_words = {w for cue in key.cues for w in cue.own}
            result = practice.check(key, own_words)
            assert result.missed == () and result.extra == (), f"{report.id}#{claim.id}"
            checked += len(key.cues)
    assert checked > 50


@pytest.mark.parametrize("script", ["practice.js", "cues.js"])
def test_the_report_page_scripts_copy_text_and_never_build_html_from_strings(script):
    from testpaths import PROJECT

    code = (PROJECT / "docs" / "assets" / script).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, f"{script} uses {sink}"
    assert "textContent" in code or "createTextNode" in code
    mkdocs = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"  - assets/{script}\n" in mkdocs, f"{script} is not registered in mkdocs.yml"
