"""What the schema can now say, and what it refuses: split verdicts, cue placement, not-cues,
independent chains, stances recorded on the earlier claim, headline status, figure kinds."""

from __future__ import annotations

import re

import pytest
from testpaths import PROJECT

from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.spans import nest, place

WIDGETS = "2024-01-02-example-gazette-widgets"
DENIAL = "2024-03-example-wire-denial"


def _report(data, report_id=WIDGETS):
    return data / "reports" / f"{report_id}.yaml"


def _edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _problems(data) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(data)
    return [str(p) for p in info.value.problems]


def _one(data, words: str, field: str) -> str:
    problems = [p for p in _problems(data) if words in p]
    assert problems, _problems(data)
    where = rf":\d+:\d+: {re.escape(field)}: " if field else r"\.yaml:\d+:\d+: [a-z]"
    assert re.search(where, problems[0]), problems[0]
    return problems[0]


# --- placing annotations in a quote -------------------------------------------------------


class Note:
    def __init__(self, text, occurrence=None):
        self.text, self.occurrence = text, occurrence


def test_repeated_words_take_successive_occurrences():
    spans, wrong = place("said a, said b", [Note("said"), Note("said")])
    assert [(s.start, s.end) for s in spans] == [(0, 4), (8, 12)] and wrong == []


def test_an_explicit_occurrence_wins_and_a_missing_one_is_explained():
    spans, _ = place("said a, said b", [Note("said", 2)])
    assert [(s.start, s.end) for s in spans] == [(8, 12)]
    _, wrong = place("said a", [Note("said", 2)])
    assert wrong[0].message == "occurrence 2 of 'said' does not exist: the quote has it once"


def test_more_annotations_than_occurrences_is_an_error():
    _, wrong = place("said a", [Note("said"), Note("said")], "cue")
    assert wrong[0].message == "'said' is annotated twice but the quote has it once"


def test_a_cue_may_nest_in_another_but_not_cross_its_edge():
    spans, wrong = place("sources familiar with it", [Note("sources familiar with"), Note("familiar")])
    assert wrong == [] and [(s.start, s.end) for s in spans] == [(0, 21), (8, 16)]
    tree = nest("sources familiar with it", spans)
    assert [n.text for n in tree] == ["sources familiar with", " it"]
    assert [c.text for c in tree[0].children] == ["sources ", "familiar", " with"]
    _, wrong = place("abc def ghi", [Note("abc def", 1), Note("def ghi", 1)])
    assert "crosses the edge of another annotated span" in wrong[0].message


def test_adjacent_cues_do_not_overlap():
    spans, wrong = place("could possibly", [Note("could"), Note("possibly")])
    assert wrong == [] and [(s.start, s.end) for s in spans] == [(0, 5), (6, 14)]


# --- the loader's rules ---------------------------------------------------------------------


def test_a_cue_annotated_more_often_than_it_occurs_is_located(valid_data):
    _edit(_report(valid_data), "      - text: over\n", "      - text: over\n        category: approximation\n"
                                                      "      - text: over\n")
    _one(valid_data, "'over' is annotated twice but the quote has it once", "claims.0.cues.2.text")


def test_the_same_words_as_cue_and_not_cue_is_a_contradiction(valid_data):
    _edit(_report(valid_data), "    cues:\n", "    not_cues:\n      - text: over\n        reason: x\n    cues:\n")
    _one(valid_data, "'over' is annotated both as a cue and as not a cue here", "claims.0.not_cues.0.text")


def test_sic_words_must_be_in_the_quote(valid_data):
    _edit(_report(valid_data), "    cues:\n", "    sic:\n      - Exmaple\n    cues:\n")
    _one(valid_data, "[sic] words 'Exmaple' does not appear in the claim's quote", "claims.0.sic.0")


def test_a_verdict_on_a_claim_with_figures_needs_both_parts(valid_data):
    with _report(valid_data).open("a") as f:
        f.write("    verdict:\n      event: confirmed\n      as_of: 2024-03\n      explanation: x\n")
    _one(valid_data, "this claim has figures: its verdict needs `figure:`", "claims.0")


def test_a_verdict_without_figures_may_not_rate_one(valid_data):
    _edit(_report(valid_data, DENIAL), "\nartefacts:", "\n    verdict:\n      event: confirmed\n      figure: unproven\n"
                                                    "      as_of: 2024-03\n      explanation: x\nartefacts:")
    _one(valid_data, "verdict.figure rates the claim's figures, but this claim has none", "claims.0")


def test_two_different_figures_for_one_measure_and_month_cannot_both_be_confirmed(rich_data):
    relay = _report(rich_data, "2024-04-example-courier-relay")
    _edit(relay, "      event: unproven\n      figure: unproven\n", "      event: confirmed\n      figure: confirmed\n")
    _edit(relay, "  - id: headline\n", "  - id: headline\n    verdict:\n      event: confirmed\n"
                                       "      figure: confirmed\n      as_of: 2024-04\n      explanation: x\n")
    message = _one(rich_data, "has a different confirmed figure for 'widgets-shipped' in the same month",
                   "claims.1.verdict.figure")
    assert "2024-04-example-courier-relay#headline" in message


def test_the_project_data_never_confirms_two_figures_for_one_month():
    data = load_dataset(PROJECT / "data")
    confirmed = {}
    for report in data.reports:
        for claim in report.claims:
            if claim.verdict and claim.verdict.figure == "confirmed":
                for q in claim.quantities:
                    key = (q.measure, report.date.year, report.date.month)
                    assert confirmed.setdefault(key, (q.value, q.min, q.max)) == (q.value, q.min, q.max)
    zelensky = data.claim("2024-10-secret-weapon-of-russia#zelensky-two-brigades").claim.verdict
    nis = data.claim("2024-10-secret-weapon-of-russia#nis-1500").claim.verdict
    assert (zelensky.event, zelensky.figure, nis.event, nis.figure) == ("confirmed", "unproven", "confirmed", "unproven")


def test_a_stance_recorded_in_both_files_is_refused(rich_data):
    # the relay already repeats widgets#widgets in its own file
    _edit(_report(rich_data), "  - id: widgets\n", "  - id: widgets\n    taken_up_by:\n"
                                                   "      - claim: 2024-04-example-courier-relay#relay\n"
                                                   "        relation: repeats\n")
    _one(rich_data, "already records its stance on this claim in its own file", "claims.0.taken_up_by.0.claim")


def test_also_attributed_needs_a_first_chain(valid_data):
    _edit(_report(valid_data, DENIAL), "    attribution:\n", "    also_attributed:\n      - chain:\n"
                                                               "          - source: example-wire\n"
                                                               "            how: citing\n    attribution:\n")
    assert load_dataset(valid_data).claim(f"{DENIAL}#denial").claim.chains[1][0].source == "example-wire"
    text = _report(valid_data, DENIAL).read_text()
    _report(valid_data, DENIAL).write_text(re.sub(r"    attribution:\n(      .*\n)+", "", text, count=1))
    _one(valid_data, "give the first chain under attribution", "claims.0.also_attributed")


def test_a_report_without_headline_says_why(valid_data):
    _edit(_report(valid_data), "headline: Thousands of widgets shipped\n", "working_title: Widgets report\n")
    _one(valid_data, "without a headline, say why in no_headline", "")
    _edit(_report(valid_data), "working_title: Widgets report\n",
          "working_title: Widgets report\nno_headline: not-captured\n")
    report = load_dataset(valid_data).report(WIDGETS)
    assert report.title == "Widgets report (headline not captured)"


def test_wire_credit_names_a_known_source(valid_data):
    _edit(_report(valid_data), "language: en\n", "language: en\nwire:\n  - source: reuters\n    credit: Reuters\n")
    _one(valid_data, "unknown source 'reuters'", "wire.0.source")


def test_figure_kinds_and_interpreted_figures(valid_data):
    _edit(_report(valid_data), "        as_printed: over 10,000\n",
          "        as_printed: over 10,000\n        interpreted: true\n")
    _one(valid_data, "an interpreted figure needs a note", "claims.0.quantities.0")
    _edit(_report(valid_data), "        interpreted: true\n", "        by: \"2024-12\"\n")
    _one(valid_data, "by is for a target or forecast", "claims.0.quantities.0")


def test_a_new_measure_is_not_pushed_towards_a_merely_similar_one(valid_data):
    _edit(_report(valid_data), "measure: widgets-shipped", "measure: widgets-ordered")
    message = _one(valid_data, "unknown measure 'widgets-ordered'", "claims.0.quantities.0.measure")
    assert "did you mean" not in message
    assert "add one there (id, label, unit)" in message
