"""Property: any data that validates also builds.

Hypothesis writes small datasets (reports with hostile text, numbers of any size, dates of any
year, ranges, stances, verdicts, events, a source and a measure with odd names) as YAML, the way
a contributor would. Whatever the validator accepts must then build: every generated page and
every listing page renders through the core Renderer, every chart spec draws to an SVG that is
well-formed XML, the exports are written and the quality checks run. A full MkDocs build per
example would be too slow, so a few generated datasets get one real build each.

What validation refuses is not checked here (tests/test_properties.py: a located DataError).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, event, example, find, given, settings, strategies as st
from sitebuild import build, copy_project
from testpaths import FIXTURES

from macros.claimkit import charts, export, pages, quality
from macros.claimkit.dataset import Dataset
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.render import Renderer

TODAY = dt.date(2026, 11, 24)
VALID = FIXTURES / "valid"
SOURCES = ["example-gazette", "example-wire", "pundit-jane-roe", "unnamed-official", "odd-source"]
MEASURES = ["widgets-shipped", "odd-measure"]
CATEGORIES = [c["id"] for c in yaml.safe_load((VALID / "cues.yaml").read_text())["categories"]]
LISTING_PAGES = ["reports_index", "sources_index", "trackers_index", "timeline", "artefacts_page", "quality_page",
                 "cue_legend", "overview_charts"]

TRICKY = ["<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "]]>", "&amp;", "a\u00a0b", "zero\u200bwidth",
          "Ünïcödé", "한국어 보도", "русский текст", "عربي", "😀", "back\\slash", "'single'", '"double"',
          "*bold* _x_", "[x](javascript:alert(1))", "# heading", "---", "| a | b |", "100%", "soft\u00adhyphen",
          "--", "<!--", "\\u0000", "&#0;", "\ufeffbom"]
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=24)
anything = st.text(min_size=1, max_size=12)  # control characters too: validation must refuse them, or build
# Most datasets are printable text (else nearly every one would be refused); some may hold anything.
phrase = st.lists(st.one_of(st.sampled_from(TRICKY), printable), min_size=1, max_size=3).map(" ".join)
any_phrase = st.lists(st.one_of(st.sampled_from(TRICKY), printable, anything), min_size=1, max_size=3).map(" ".join)


@st.composite
def partial_dates(draw, *, past: bool = False) -> str:
    # often a year at the edge of what a calendar or a chart axis can place (0000 is refused), else any year
    last = TODAY.year if past else 9999
    if draw(st.integers(0, 3)) == 2:
        year = draw(st.sampled_from([0, 1, 2, 1970, last - 1, last]))
    else:
        year = draw(st.integers(1, last))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


plain_numbers = st.one_of(st.integers(0, 10**6), st.integers(-(10**15), 10**15),
                          st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False))
wild_numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(10**300, 10**310))
numbers = st.integers(0, 9).flatmap(lambda n: wild_numbers if n == 7 else plain_numbers)


@st.composite
def claims(draw, number: int, earlier: list[str], phrase=phrase) -> dict:
    parts = draw(st.lists(phrase, min_size=1, max_size=4))
    claim: dict = {"id": f"claim-{number}", "where": draw(st.sampled_from(["headline", "subheading", "body", "caption"])),
                   "quote": " ".join(parts), "claim": draw(phrase),
                   "status": draw(st.sampled_from(["asserted", "attributed", "denied", "speculated"]))}
    quantities = []
    for _ in range(draw(st.integers(0, 3))):
        figure: dict = {"measure": draw(st.sampled_from(MEASURES)), "as_printed": draw(st.sampled_from(parts)),
                        "qualifier": draw(st.sampled_from(["exact", "about", "over", "under", "up-to", "nearly"]))}
        if draw(st.booleans()):
            figure["value"] = draw(numbers)
        else:
            low, high = sorted([draw(numbers), draw(numbers)], key=lambda n: (n != n, n))
            figure["min"], figure["max"] = low, high
        if draw(st.booleans()):
            figure["kind"] = "forecast"
            figure["by"] = draw(partial_dates())
        quantities.append(figure)
    if quantities:
        claim["quantities"] = quantities
    steps = draw(st.lists(st.sampled_from(SOURCES), max_size=3, unique=True))
    if steps:
        claim["attribution"] = [{"source": s, "how": draw(st.sampled_from(["quoted", "paraphrased", "citing"]))}
                                for s in steps]
    cues = draw(st.lists(st.sampled_from(parts), max_size=2, unique=True))
    if cues:
        claim["cues"] = [{"text": text, "category": draw(st.sampled_from(CATEGORIES))} for text in cues]
    if earlier and draw(st.booleans()):
        claim["stance"] = [{"claim": draw(st.sampled_from(earlier)),
                            "relation": draw(st.sampled_from(["repeats", "echoes", "supports", "denies"]))}]
    if earlier and draw(st.booleans()):
        verdict: dict = {"event": draw(st.sampled_from(["confirmed", "unproven", "false"])),
                         "as_of": draw(partial_dates()), "explanation": draw(phrase),
                         "evidence": draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True))}
        if quantities:
            verdict["figure"] = draw(st.sampled_from(["supported", "disputed"]))
        claim["verdict"] = verdict
    return claim


@st.composite
def datasets(draw) -> dict[str, object]:
    """File name (relative to data/) -> content, added to a copy of tests/fixtures/valid."""
    files: dict[str, object] = {}
    phrase = draw(st.sampled_from([globals()["phrase"]] * 3 + [any_phrase]))
    keys = ["2024-01-02-example-gazette-widgets#widgets", "2024-03-example-wire-denial#denial"]
    for r in range(draw(st.integers(1, 3))):
        report_id = f"2020-generated-{r}"
        report_claims = []
        for c in range(draw(st.integers(1, 4))):
            report_claims.append(draw(claims(c, keys, phrase)))
        keys = keys + [f"{report_id}#{c['id']}" for c in report_claims]
        report: dict = {"id": report_id, "case": "example-case", "outlet": draw(st.sampled_from(SOURCES)),
                        "published": draw(partial_dates(past=True)), "language": "en", "summary": draw(phrase),
                        "claims": report_claims}
        if draw(st.booleans()):
            report["headline"] = draw(phrase)
        else:
            report["working_title"], report["no_headline"] = draw(phrase), "none-printed"
        if draw(st.booleans()):
            report["url"] = "https://example.org/" + draw(st.text("abc/%?#=&", max_size=10))
        else:
            report["access_note"] = draw(phrase)
        if draw(st.booleans()):
            report["translation"], report["original_language"] = "machine", "ko"
            printed = draw(st.sampled_from([c["quote"] for c in report_claims]))
            report["artefacts"] = [{"printed": printed, "likely": draw(phrase), "kind": "number",
                                    "confidence": "low", "reasoning": draw(phrase)}]
        files[f"reports/{report_id}.yaml"] = report
    if draw(st.booleans()):
        files["events.yaml"] = {"events": [
            {"id": f"event-{i}", "date": draw(partial_dates()), "title": draw(phrase),
             "evidence": [draw(st.sampled_from(keys))]} for i in range(draw(st.integers(1, 3)))]}
    files["extra-source"] = {"id": "odd-source", "name": draw(phrase), "kind": "unknown",
                             "named": draw(st.booleans()), "description": draw(phrase)}
    files["extra-measure"] = {"id": "odd-measure", "label": draw(phrase), "unit": draw(phrase)}
    return files


def write(data_dir: Path, files: dict[str, object]) -> None:
    """A fresh copy of the valid fixture with the generated files in it (as a contributor's YAML)."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    shutil.copytree(VALID, data_dir)
    sources = yaml.safe_load((data_dir / "sources.yaml").read_text())
    sources["sources"].append(files["extra-source"])
    measures = yaml.safe_load((data_dir / "measures.yaml").read_text())
    measures["measures"].append(files["extra-measure"])
    contents = {"sources.yaml": sources, "measures.yaml": measures}
    contents |= {name: value for name, value in files.items() if name.endswith(".yaml")}
    for name, value in contents.items():
        (data_dir / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False))


def validates(data_dir: Path, *, count: bool = True) -> Dataset | None:
    try:
        data = load_dataset(data_dir, today=TODAY)
    except DataError:
        if count:
            event("refused by validation")
        return None
    if count:
        event("valid")  # (shown by --hypothesis-show-statistics: about a third of the examples)
    return data


def builds(data: Dataset) -> None:
    """Everything a build makes from the data, through the core (no MkDocs)."""
    renderer = Renderer(data)
    for page in pages.generated_pages(data):
        url = pages.page_url(page.src_uri)
        assert renderer.full_page(page.renderer_method, page.key, url)
    for method in LISTING_PAGES:
        renderer.fill_slots(f"{method}/", getattr(renderer, method)(f"{method}/"))
    for spec in renderer.chart_specs():
        ET.fromstring(charts.render_chart(spec))  # well-formed XML: a control character would break it
    export.claims_json(data)
    export.claims_csv(data)
    for report in data.reports:
        export.claimreview_jsonld(data, report, f"reports/{report.id}/", site_name="Test")
    quality.check(data)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("generated") / "data"


def edge_case(published: str, value: object, event_date: str | None = None) -> dict[str, object]:
    """A dataset the generator could make but rarely does: checked first, every run."""
    files: dict[str, object] = {
        "reports/2020-generated-0.yaml": {
            "id": "2020-generated-0", "case": "example-case", "outlet": "example-gazette", "published": published, "language": "en",
            "headline": "Edge", "access_note": "x", "summary": "s",
            "claims": [{"id": "claim-0", "quote": "12 widgets", "claim": "c", "status": "asserted",
                        "quantities": [{"measure": "widgets-shipped", "value": value, "as_printed": "12"}]}]},
        "extra-source": {"id": "odd-source", "name": "n", "kind": "unknown", "description": "d"},
        "extra-measure": {"id": "odd-measure", "label": "l", "unit": "u"}}
    if event_date:
        files["events.yaml"] = {"events": [{"id": "e", "date": event_date, "title": "t",
                                            "evidence": ["2020-generated-0#claim-0"]}]}
    return files


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@example(edge_case("0000-05", 12))  # year 0000 passed validation and crashed the chart (issue 18)
@example(edge_case("0001", 10**15, "9999-12"))  # the first year, the largest figure, the last month
@example(edge_case("2026-11", 10**400))  # a number too long for a float
@settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                HealthCheck.function_scoped_fixture])
@given(datasets())
def test_any_data_that_validates_also_builds(data_dir, files):
    write(data_dir, files)
    data = validates(data_dir)
    if data is not None:
        builds(data)


def test_the_generator_makes_valid_data(tmp_path):
    """The simplest generated dataset is valid, so the property above is not about refused data only."""
    simplest = find(datasets(), lambda _: True)
    write(tmp_path / "data", simplest)
    assert validates(tmp_path / "data", count=False) is not None


@settings(max_examples=2, deadline=None, phases=[Phase.generate], database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(datasets())
def test_generated_datasets_build_with_mkdocs(tmp_path_factory, files):
    """One real build per generated dataset (a few): MkDocs, the hook, the theme, every page."""
    project = tmp_path_factory.mktemp("built")
    write(project / "data-generated", files)
    assume(validates(project / "data-generated") is not None)
    result = build(copy_project(project / "p", data=project / "data-generated"))
    assert result.returncode == 0, result.output[-3000:]
    assert "Traceback" not in result.output
