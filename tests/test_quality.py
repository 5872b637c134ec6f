"""Data-quality warnings: valid data that a reviewer should still look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.claimkit import quality
from macros.claimkit.loader import load_dataset


def findings(data: Path, level: str | None = None) -> list[quality.Finding]:
    found = quality.locate(quality.check(load_dataset(data)), data, data.parent)
    return [f for f in found if level is None or f.level == level]


def codes(found) -> list[str]:
    return [f.code for f in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


WIDGETS = "reports/2024-01-02-example-gazette-widgets.yaml"
DENIAL = "reports/2024-03-example-wire-denial.yaml"
GRADE = "    grade:\n      reliability: C\n      reason: Invented for tests.\n"


def grade_all_sources(data: Path) -> None:
    lines = (data / "sources.yaml").read_text().splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        if line.startswith("    description:"):
            out.append(GRADE)
    (data / "sources.yaml").write_text("".join(out))


def test_clean_fixture_has_no_warnings_once_sources_are_graded(valid_data):
    assert codes(findings(valid_data, "warning")) == ["ungraded-source"] * 4
    grade_all_sources(valid_data)
    assert findings(valid_data) == []


def test_ungraded_source_points_at_the_source(valid_data):
    first = findings(valid_data, "warning")[0]
    assert str(first) == (
        "data/sources.yaml:2:5: warning: sources.0: source 'example-gazette' has no grade: "
        "add grade: {reliability: A-F, reason: ...} [ungraded-source]"
    )


def test_unannotated_cue_names_the_cue_its_kind_and_the_quote_line(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "Jane Roe said over", "Jane Roe reportedly said over")
    (found,) = findings(valid_data)
    assert (found.code, found.display, found.line, found.column, found.field) == (
        "unannotated-cue", f"data/{WIDGETS}", 11, 12, "claims.0.quote")
    assert "'reportedly' (hedge: hearsay)" in found.message


def test_annotated_cue_is_not_reported(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "Jane Roe said over", "Jane Roe reportedly said over")
    edit(valid_data / WIDGETS, "      - text: over\n", "      - text: reportedly\n        category: hearsay\n"
                                                    "      - text: over\n")
    assert findings(valid_data) == []


def test_not_cues_silence_the_warning(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "Jane Roe said over", "Jane Roe reportedly said over")
    edit(valid_data / WIDGETS, "    cues:\n", "    not_cues:\n      - text: reportedly\n        reason: test\n    cues:\n")
    assert findings(valid_data) == []


def test_scare_quote_without_marks_is_flagged(valid_data):
    grade_all_sources(valid_data)
    with (valid_data / "cues.yaml").open("a") as cues:
        cues.write("  - id: scare-quotes\n    kind: scare-quote\n    label: Distancing\n    explanation: x\n")
    edit(valid_data / WIDGETS, "      - text: over\n", "      - text: widgets\n        category: scare-quotes\n"
                                                    "      - text: over\n")
    (found,) = findings(valid_data)
    assert (found.code, found.field) == ("scare-quote-marks", "claims.0.cues.1.text")
    assert "text: '\"volunteers\"'" in found.message


def _add_verdict(data, event, evidence="2024-03-example-wire-denial#denial", against=None):
    extra = f"      against: {against}\n" if against else ""
    with (data / WIDGETS).open("a") as report:
        report.write(f"    verdict:\n      event: {event}\n      figure: {event}\n      as_of: 2024-03\n"
                     f"      explanation: x\n      evidence: [\"{evidence}\"]\n{extra}")


def test_a_confirmed_verdict_against_a_denial_in_its_trail_is_flagged(valid_data):
    grade_all_sources(valid_data)
    _add_verdict(valid_data, "confirmed")
    found = [f for f in findings(valid_data) if f.code == "verdict-vs-trail"]
    assert [f.field for f in found] == ["claims.0.verdict"]
    assert ("the verdict says event confirmed; figure confirmed, but in the claim's trail "
            "2024-03-example-wire-denial#denial denies it (the verdict rests on it)") in found[0].message


def test_verdict_against_explains_the_disagreement(valid_data):
    grade_all_sources(valid_data)
    _add_verdict(valid_data, "confirmed", against="The denial came from the party concerned.")
    assert [f for f in findings(valid_data) if f.code == "verdict-vs-trail"] == []


def test_a_disputed_verdict_that_rests_on_the_denial_agrees_with_the_trail(valid_data):
    grade_all_sources(valid_data)
    _add_verdict(valid_data, "disputed")
    assert [f for f in findings(valid_data) if f.code == "verdict-vs-trail"] == []


def test_translation_without_artefacts(valid_data):
    grade_all_sources(valid_data)
    text = (valid_data / DENIAL).read_text()
    (valid_data / DENIAL).write_text(text[: text.index("artefacts:")])
    (found,) = findings(valid_data)
    assert (found.code, found.line, found.field) == ("translation-artefacts", 8, "translation")
    assert found.message.startswith("a machine translation with no artefacts recorded")


def test_placeholders_are_found_in_text_and_ids(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "headline: Thousands of widgets shipped", "headline: 'TODO: the headline'")
    edit(valid_data / "measures.yaml", "label: Widgets shipped", "label: TODO label")
    found = findings(valid_data)
    assert sorted((f.code, f.display, f.field) for f in found) == [
        ("placeholder", "data/measures.yaml", "measures.0.label"),
        ("placeholder", f"data/{WIDGETS}", "headline"),
    ]
    assert "'TODO: the headline'" in next(f.message for f in found if f.field == "headline")


def test_todo_in_lower_case_prose_is_not_a_placeholder(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "summary: An invented report about widgets.",
         "summary: Todo el mundo, a todo list and mastodons.")
    assert findings(valid_data) == []


def test_claim_linked_to_nothing_is_an_info_note(valid_data):
    grade_all_sources(valid_data)
    edit(valid_data / WIDGETS, "claims:\n", "claims:\n  - id: lonely\n    quote: Widgets exist.\n"
                                           "    claim: Widgets exist.\n    status: asserted\n")
    (found,) = findings(valid_data)
    assert (found.level, found.code, found.field, found.line) == ("info", "unlinked-claim", "claims.0", 10)
    assert "info: claims.0: claim 'lonely'" in str(found)


def test_findings_keep_file_order_and_each_file_is_read_once(valid_data, monkeypatch):
    reads = []
    real = quality.read_yaml
    monkeypatch.setattr(quality, "read_yaml", lambda path, name: reads.append(name) or real(path, name))
    found = findings(valid_data)
    assert [f.line for f in found] == sorted(f.line for f in found)
    assert reads == ["data/sources.yaml"]


def test_every_code_is_described():
    assert set(quality.CODES) == {
        "placeholder", "unannotated-cue", "verdict-vs-trail", "scare-quote-marks", "ungraded-source",
        "translation-artefacts", "unlinked-claim"}
    assert set(quality.CODES) >= quality.INFO_CODES


def test_documents_kept_by_the_loader_are_used_instead_of_reading_again(valid_data, monkeypatch):
    from macros.claimkit.yamlsource import read_yaml

    documents = {"sources.yaml": read_yaml(valid_data / "sources.yaml", "data/sources.yaml")}
    monkeypatch.setattr(quality, "read_yaml", lambda *a: pytest.fail("read the file again"))
    found = quality.locate(quality.check(load_dataset(valid_data)), valid_data, documents=documents)
    assert [(f.display, f.line) for f in found] == [("data/sources.yaml", n) for n in (2, 6, 10, 14)]
