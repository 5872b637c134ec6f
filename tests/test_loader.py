"""Loading and validating data: valid data becomes typed objects, every mistake is located."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from testpaths import FIXTURES, PROJECT

from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import PartialDate


def test_valid_fixture_loads_into_typed_objects(valid_data):
    data = load_dataset(valid_data)
    assert [r.id for r in data.reports] == ["2024-01-02-example-gazette-widgets", "2024-03-example-wire-denial"]
    first, second = data.reports
    quantity = first.claims[0].quantities[0]
    assert (quantity.value, quantity.qualifier, type(quantity.value)) == (10000, "over", int)
    assert second.date == PartialDate(2024, 3) and second.date.precision == "month"
    follow = data.follow_ups(first, first.claims[0])
    assert [(f.by.report.id, f.stance.relation) for f in follow] == [("2024-03-example-wire-denial", "denies")]


def test_project_data_is_valid():
    data = load_dataset(PROJECT / "data")
    assert len(data.reports) >= 5


INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+) ([^:]*): (.+)$")


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_each_defect_is_reported_with_file_line_and_field(valid_data, case):
    shutil.copy(case, valid_data / "reports" / case.name)
    expectations = [EXPECT.match(line) for line in case.read_text().splitlines() if line.startswith("# expect")]
    assert expectations and all(expectations), f"{case.name} needs '# expect: LINE PATH: MESSAGE' lines"
    with pytest.raises(DataError) as info:
        load_dataset(valid_data, today=dt.date(2026, 11, 24))
    found = [p for p in info.value.problems if p.file.endswith(case.name)]
    for match in expectations:
        line, path, fragment = int(match[1]), match[2], match[3]
        assert any(p.line == line and p.path == path and fragment in p.message for p in found), (
            f"expected line {line} {path}: {fragment!r}; got:\n" + "\n".join(map(str, found))
        )


def test_all_problems_are_reported_in_one_run(valid_data):
    for case in INVALID:
        shutil.copy(case, valid_data / "reports" / case.name)
    with pytest.raises(DataError) as info:
        load_dataset(valid_data)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {case.name for case in INVALID}
    report = info.value.report()
    assert report.splitlines()[0] == f"{len(info.value.problems)} data problems found:"
    assert re.search(r"reports/bad-status\.yaml:14:13: claims\.0\.status: expected one of", report)


def test_same_id_in_two_files(valid_data):
    source = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    copy = valid_data / "reports" / "copy.yaml"
    copy.write_text(source.read_text())
    with pytest.raises(DataError) as info:
        load_dataset(valid_data)
    messages = [str(p) for p in info.value.problems]
    assert any("copy.yaml:1:5: id: id '2024-01-02-example-gazette-widgets' is already used by" in m
               for m in messages), messages


def test_unknown_cue_category_and_measure_suggest_the_id(valid_data):
    path = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    text = path.read_text().replace("category: evidential", "category: evidentail")
    path.write_text(text.replace("measure: widgets-shipped", "measure: widget-shipped"))
    with pytest.raises(DataError) as info:
        load_dataset(valid_data)
    messages = "\n".join(map(str, info.value.problems))
    assert "unknown cue category 'evidentail' (did you mean 'evidential'?)" in messages
    assert "unknown measure 'widget-shipped' (did you mean 'widgets-shipped'?)" in messages


def test_missing_shared_file(valid_data):
    (valid_data / "measures.yaml").unlink()
    with pytest.raises(DataError) as info:
        load_dataset(valid_data)
    assert any(p.file.endswith("measures.yaml") and "missing" in p.message for p in info.value.problems)


@pytest.mark.parametrize(
    "text, expected",
    [("2024", PartialDate(2024)), ("2024-02", PartialDate(2024, 2)), ("2024-02-29", PartialDate(2024, 2, 29))],
)
def test_partial_dates(text, expected):
    assert PartialDate.parse(text) == expected
    assert expected.iso() == text


@pytest.mark.parametrize("text", ["2023-02-29", "2024-00", "2024-1", "24-01-01"])
def test_impossible_partial_dates(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_report_with_the_same_bytes_is_reused_and_only_an_edited_one_is_placed_again(valid_data, monkeypatch):
    """Under `make serve` an edit re-reads one file: the other reports are reused with the checks that read
    nothing but the report itself (where its cues sit in its quotes); every check across files runs."""
    from macros.claimkit import loader

    placed: list[str] = []
    place = loader.place
    monkeypatch.setattr(loader, "place", lambda quote, *args: placed.append(quote) or place(quote, *args))
    paths = sorted((valid_data / "reports").glob("*.yaml"))
    digests = {str(p): f"{p.name}-1" for p in paths}
    reuse: dict = {}
    first = load_dataset(valid_data, reuse=reuse, digests=digests)
    assert placed and set(reuse) == set(digests)

    placed.clear()
    again = load_dataset(valid_data, reuse=reuse, digests=digests)
    assert placed == [] and [r is s for r, s in zip(again.reports, first.reports, strict=True)] == [True, True]

    edited, other = paths
    edited.write_text(edited.read_text(encoding="utf-8").replace("- text: According to", "- text: Accordingly"),
                      encoding="utf-8")
    digests[str(edited)] = f"{edited.name}-2"
    sources = valid_data / "sources.yaml"  # the reused report's outlet is no longer a source
    sources.write_text(sources.read_text(encoding="utf-8").replace("id: example-wire", "id: example-wires"),
                       encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(valid_data, reuse=reuse, digests=digests)
    assert set(placed) == {c.quote for c in first.reports[0].claims}  # the edited report alone
    assert any(p.file.endswith(edited.name) and "Accordingly" in p.message for p in info.value.problems)
    assert any(p.file.endswith(other.name) and "example-wire" in p.message for p in info.value.problems)
