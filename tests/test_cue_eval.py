"""The held-out cue evaluation set: the committed file is sound, its split is the one fixed before use,
and a broken file is refused with every problem located."""

from __future__ import annotations

import textwrap
from collections import Counter

import pytest
from testpaths import PROJECT

from macros.claimkit.cue_eval import HELDOUT, load_cue_eval, split_rule, split_scores
from macros.claimkit.cues import CueDetector, compare
from macros.claimkit.errors import DataError
from macros.claimkit.model import CueCategory

SET_DIR = PROJECT / "tests" / "cue-eval"


@pytest.fixture(scope="module")
def heldout():
    return load_cue_eval(HELDOUT, root=PROJECT)


def test_the_project_set_is_the_committed_file():
    assert HELDOUT == SET_DIR / "heldout.yaml"


def test_the_set_is_big_enough_for_the_issue(heldout):
    reports = heldout.reports
    assert len(reports) >= 15 and len(heldout.passages()) >= 40
    for split in ("dev", "test"):
        kinds = Counter(c.kind for ref in heldout.passages(split) for c in ref.passage.cues)
        assert kinds["hedge"] >= 20 and kinds["attribution"] >= 20, (split, kinds)


def test_the_split_is_the_one_recorded_before_use(heldout):
    recorded = dict(line.split() for line in (SET_DIR / "split-assignment.txt").read_text().splitlines()
                    if line.strip() and not line.startswith("#"))
    assert {r.id: r.split for r in heldout.reports} == recorded
    assert split_rule(list(recorded)) == recorded


def test_every_cue_is_placed_the_right_number_of_times(heldout):
    for ref in heldout.passages():
        marked = ref.marked()
        assert len(marked.annotations) == len(ref.passage.cues), ref.key
        for note in marked.annotations:
            assert ref.passage.text[note.start:note.end] == note.text


def test_not_cues_of_the_set_do_not_silence_the_detector():
    from macros.claimkit.cue_eval import EvalReport, PassageRef
    report = EvalReport.model_validate({
        "id": "x-2024-01-01-y", "outlet": "X", "url": "https://example.org/a", "published": "2024-01-01",
        "split": "dev", "passages": [{"id": "p1", "text": "He said rain was possible.",
                                       "cues": [{"text": "said", "kind": "attribution"}],
                                       "not_cues": [{"text": "possible", "reason": "a test"}]}]})
    detector = CueDetector([CueCategory(id="p", kind="hedge", label="P", explanation="x", cues=["possible"]),
                            CueCategory(id="a", kind="attribution", label="A", explanation="x", cues=["said"])])
    result = compare(detector, PassageRef(report, report.passages[0]).marked())
    assert [c.text for c in result.missed] == ["possible"] and result.silenced == []


def test_scores_per_half_count_only_that_half(heldout):
    detector = CueDetector([CueCategory(id="a", kind="attribution", label="A", explanation="x", cues=["said"])])
    scores = split_scores(detector, heldout)
    for split in ("dev", "test"):
        annotated = sum(1 for ref in heldout.passages(split) for c in ref.passage.cues if c.kind == "attribution")
        assert scores[split]["attribution"].annotated == annotated
        assert scores[split]["hedge"].detected == 0


def write(tmp_path, text):
    path = tmp_path / "set.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def problems(path, tmp_path):
    with pytest.raises(DataError) as info:
        load_cue_eval(path, root=tmp_path)
    return [str(p) for p in info.value.problems]


def test_a_broken_set_lists_every_problem_at_its_place(tmp_path):
    path = write(tmp_path, """\
        reports:
          - id: a-2024-01-01-one
            outlet: A
            url: https://example.org/a
            published: "2024-01-01"
            split: test
            passages:
              - id: p1
                text: The governor said over 5 were killed, officials said.
                cues:
                  - {text: over, kind: hedge}
                  - {text: said, kind: attribution, occurrence: 3}
                  - {text: reportedly, kind: hedge}
                not_cues:
                  - {text: said, reason: x, occurrence: 1}
              - id: p1
                text: Nothing here.
                cues: []
        """)
    found = problems(path, tmp_path)
    assert any(p.startswith("set.yaml:6:") and "gives dev, the file says test" in p for p in found), found
    assert any(":11:" in p and "'over' occurs 2 times in the passage but only 1 as whole words" in p
               for p in found), found
    assert any(":12:" in p and "occurrence 3 of 'said' does not exist" in p for p in found), found
    assert any(":13:" in p and "'reportedly' does not appear" in p for p in found), found
    assert any(":16:" in p and "passage id 'p1' is used twice" in p for p in found), found


def test_a_cue_also_marked_not_a_cue_is_refused(tmp_path):
    path = write(tmp_path, """\
        reports:
          - id: a-2024-01-01-one
            outlet: A
            url: https://example.org/a
            published: "2024-01-01"
            split: dev
            passages:
              - id: p1
                text: They said so.
                cues: [{text: said, kind: attribution}]
                not_cues: [{text: said, reason: x}]
        """)
    assert problems(path, tmp_path) == [
        "set.yaml:11:27: reports.0.passages.0.not_cues.0.text: 'said' is marked both as a cue and as not a cue"]


def test_cues_are_required_even_when_there_are_none(tmp_path):
    path = write(tmp_path, """\
        reports:
          - id: a-2024-01-01-one
            outlet: A
            url: https://example.org/a
            published: "2024-01-01"
            split: dev
            passages:
              - id: p1
                text: Nothing here.
        """)
    assert problems(path, tmp_path) == ["set.yaml:8:9: reports.0.passages.0.cues: missing required field 'cues'"]


def test_a_wrong_kind_names_the_four_kinds(tmp_path):
    path = write(tmp_path, """\
        reports:
          - id: a-2024-01-01-one
            outlet: A
            url: https://example.org/a
            published: "2024-01-01"
            split: dev
            passages:
              - id: p1
                text: Officials said so.
                cues: [{text: Officials, kind: vague}]
        """)
    assert problems(path, tmp_path) == [
        "set.yaml:10:40: reports.0.passages.0.cues.0.kind: expected one of: hedge, certainty, attribution, "
        "scare-quote; got 'vague'"]


# --- the data-quality page shows the held-out figures -------------------------------------


def test_the_quality_page_shows_both_halves_and_the_seed_figures(heldout):
    from macros.claimkit.loader import load_dataset
    from macros.claimkit.render import Renderer

    data = load_dataset(PROJECT / "data")
    renderer = Renderer(data)
    html = renderer.fill_slots("quality/", renderer.quality_page("quality/"))
    scores = split_scores(renderer.detector, heldout)
    assert 'id="held-out"' in html and 'id="seed-reports"' in html
    assert html.index('id="held-out"') < html.index('id="seed-reports"')
    hedges_test = scores["test"]["hedge"]
    assert (f"({hedges_test.true_positives} of {hedges_test.detected} found were marked; "
            f"{hedges_test.found_annotations} of {hedges_test.annotated} marked were found)") in html
    assert f"{scores['dev']['attribution'].precision:.2f}" in html


def test_without_the_set_the_page_says_so(monkeypatch, tmp_path):
    import macros.claimkit.cue_eval as cue_eval
    from macros.claimkit.loader import load_dataset
    from macros.claimkit.render import Renderer

    monkeypatch.setattr(cue_eval, "HELDOUT", tmp_path / "missing.yaml")
    renderer = Renderer(load_dataset(PROJECT / "data"))
    html = renderer.fill_slots("quality/", renderer.quality_page("quality/"))
    assert "is not part of this copy of the site" in html and 'id="seed-reports"' in html


def test_editors_schema_accepts_the_committed_set():
    import json

    import jsonschema
    import yaml

    schema = json.loads((PROJECT / "schema" / "cue-eval.schema.json").read_text())
    assert HELDOUT.read_text().startswith("# yaml-language-server: $schema=../../schema/cue-eval.schema.json")
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(yaml.safe_load(HELDOUT.read_text())))
    assert errors == []
