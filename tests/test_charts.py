"""Drawing and caching charts: deterministic SVG, drawn once per content, matplotlib only when needed."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET

import pytest
from testpaths import PROJECT

from macros.claimkit import charts, figure_spec, figures
from macros.claimkit.charts import ChartCache, chart_hash
from macros.claimkit.figures import FigureSpec
from macros.claimkit.loader import load_dataset

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def specs(valid_data) -> list[FigureSpec]:
    drawn = [s for s in figures.all_figures(load_dataset(valid_data)) if s.has_chart]
    assert {s.kind for s in drawn} == {figures.BARS, figures.TIMELINE}
    return drawn


def tracker_spec() -> FigureSpec:
    """A tracker spec with a range, a log scale, approximate dates and figures sharing a date."""
    points = (
        ("2022-08-15", True, 4242.6, 2000, 9000, "unknown", "about 2,000 to 9,000", "2022-08-01", "2022-08-31"),
        ("2022-08-15", True, 100000, None, None, "pundit", "over 100,000", "2022-08-01", "2022-08-31"),
        ("2022-08-15", True, 100000, None, None, "unknown", "100,000", "2022-08-01", "2022-08-31"),
        ("2023-07-01", True, 24000000, None, None, "own-voice", "over 24 million", "2023-01-01", "2023-12-31"),
        ("2024-12-18", False, 1200000, None, None, "newspaper", "1.2 million", "2024-12-18", "2024-12-18"),
    )
    legend = tuple(dict.fromkeys((p[5], p[5]) for p in points))
    return FigureSpec(
        key="tracker-test", kind=figures.TRACKER, title="t", caption="c", alt="a", table_headers=("h",),
        table_rows=(("r",),),
        data=figure_spec._data(points=points, log=True, axis_label="people (log scale)", legend=legend,
                           any_approximate=True, point_labels=True, spans=True, y_max=None,
                           legend_title="Claim starts with"),
        size=(7.0, 4.3),
    )


def run_python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=PROJECT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(PROJECT), **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


WARM = """
import sys
from pathlib import Path
from macros.claimkit import figures
from macros.claimkit.charts import ChartCache
from macros.claimkit.loader import load_dataset
cache = ChartCache(Path({cache!r}))
specs = [s for s in figures.all_figures(load_dataset(Path({data!r}))) if s.has_chart]
for spec in specs:
    cache.svg(spec)
print(len(specs), cache.rendered_count, "matplotlib" in sys.modules)
"""


def test_same_data_gives_identical_bytes_in_two_caches_and_two_processes(specs, valid_data, tmp_path):
    first, second = ChartCache(tmp_path / "a"), ChartCache(tmp_path / "b")
    for spec in specs:
        assert first.svg(spec) == second.svg(spec)
    assert first.rendered_count == second.rendered_count == len(specs)
    # a separate process with another string-hash seed draws the same bytes
    out = run_python(WARM.format(cache=str(tmp_path / "c"), data=str(valid_data)), PYTHONHASHSEED="12345")
    assert out == f"{len(specs)} {len(specs)} True"
    for name in {first.filename(s) for s in specs}:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_svg_is_well_formed_text_without_dates_or_versions(specs, tmp_path):
    svg = ChartCache(tmp_path).svg(specs[0])
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("width") == "504pt"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Who says it (attribution cue)" in texts and "Approximate number (hedge)" in texts  # text kept as text
    assert b"font-family: 'DejaVu Sans', sans-serif" in svg
    assert b"<dc:date" not in svg and b"Matplotlib v" not in svg and b"<metadata" not in svg


def test_second_call_hits_the_cache_and_a_warm_build_never_imports_matplotlib(specs, valid_data, tmp_path):
    folder = tmp_path / "charts"
    cache = ChartCache(folder)
    first = [cache.svg(s) for s in specs]
    assert cache.rendered_count == len(specs)
    assert [cache.svg(s) for s in specs] == first and cache.rendered_count == len(specs)
    fresh = ChartCache(folder)
    assert [fresh.svg(s) for s in specs] == first and fresh.rendered_count == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{chart_hash(s)}.svg" for s in specs)
    out = run_python(WARM.format(cache=str(folder), data=str(valid_data)))
    assert out == f"{len(specs)} 0 False"


def test_changed_data_changes_the_file_name_but_words_do_not(specs, valid_data, tmp_path):
    cache = ChartCache(tmp_path / "charts")
    timeline = next(s for s in specs if s.key == "overview-timeline")
    old_name = cache.filename(timeline)
    cache.svg(timeline)
    report = valid_data / "reports" / "2024-03-example-wire-denial.yaml"
    report.write_text(report.read_text().replace("published: 2024-03", "published: 2024-04"))
    moved = figures.timeline_figure(load_dataset(valid_data))
    assert moved.options != timeline.options and cache.filename(moved) != old_name
    cache.svg(moved)
    assert cache.rendered_count == 2 and (tmp_path / "charts" / old_name).exists()
    reworded = dataclasses.replace(timeline, title="New title", caption="New caption", alt="New alt")
    assert cache.filename(reworded) == old_name


def test_code_version_and_style_are_part_of_the_hash(specs, monkeypatch):
    spec = specs[0]
    before = chart_hash(spec)
    monkeypatch.setattr(charts, "CHART_CODE_VERSION", charts.CHART_CODE_VERSION + "-next")
    assert chart_hash(spec) != before
    monkeypatch.undo()
    monkeypatch.setitem(charts.STYLE, "marker_size", charts.STYLE["marker_size"] + 1)
    assert chart_hash(spec) != before
    assert chart_hash(dataclasses.replace(spec, size=(spec.size[0], spec.size[1] + 1))) != before


def test_messages_are_not_drawn(tmp_path):
    message = FigureSpec(key="m", kind="message", title="t", caption="", alt="", table_headers=(),
                         table_rows=(), message="Too little data.")
    cache = ChartCache(tmp_path)
    with pytest.raises(ValueError, match="has a message"):
        cache.svg(message)
    assert cache.rendered_count == 0 and not list(tmp_path.iterdir())


def test_tracker_draws_ranges_log_scale_and_hollow_markers(tmp_path):
    svg = ChartCache(tmp_path).svg(tracker_spec())
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "people (log scale)" in texts
    assert "over 100,000 / 100,000" in texts  # markers hiding each other share one label
    assert "about 2,000 to 9,000" in texts and "over 24 million" in texts
    assert {"1,000", "10,000", "100,000", "1 million", "10 million"} <= set(texts)  # log ticks, read aloud
    assert "2023" in texts and "15 Oct" not in " ".join(filter(None, texts))  # month or year ticks, no days
    assert b"fill: #ffffff; stroke: #d55e00; stroke-width: 2.2" in svg  # approximate date: hollow
    assert b"fill: #0072b2; stroke: #0072b2; stroke-width: 2.2" in svg  # exact day: filled


def test_data_text_is_neither_mathematics_nor_markup(tmp_path):
    spec = FigureSpec(
        key="odd", kind=figures.BARS, title="t", caption="c", alt="a", table_headers=("h",), table_rows=(("r",),),
        data=figure_spec._data(orientation="h", labels=("costs $5 and $6", "<script>alert(1)</script>"),
                           series=(("n", "single", (1, 2)),), value_labels=("1", "2"), axis_label="x",
                           axis_max=None, integer=True),
    )
    svg = ChartCache(tmp_path).svg(spec)
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "costs $5 and $6" in texts and "<script>alert(1)</script>" in texts
    assert b"<script>" not in svg


def test_prune_removes_only_stale_files_and_writes_leave_no_temporaries(specs, tmp_path):
    folder = tmp_path / "charts"
    cache = ChartCache(folder)
    for spec in specs:
        cache.svg(spec)
    stale = folder / ("0" * 64 + ".svg")
    stale.write_text("<svg/>")
    assert cache.prune(specs) == [stale]
    assert sorted(p.name for p in folder.iterdir()) == sorted(cache.filename(s) for s in specs)


def test_every_chart_of_the_project_data_draws(tmp_path):
    """The real data: every spec either draws or says why not, and nothing is drawn twice."""
    data = load_dataset(PROJECT / "data")
    all_specs = figures.all_figures(data)
    cache = ChartCache(tmp_path)
    drawn = [s for s in all_specs if s.has_chart]
    for spec in drawn:
        assert ET.fromstring(cache.svg(spec)).tag == f"{SVG}svg"
    assert cache.rendered_count == len({chart_hash(s) for s in drawn})
    assert any(s.kind == figures.TRACKER for s in drawn)
    assert all(s.message for s in all_specs if not s.has_chart)


def test_a_label_longer_than_its_room_never_squeezes_the_plot(tmp_path):
    """A figure written out in many digits makes a point label wider than the room the x axis leaves: the
    label runs past the plot, and matplotlib never gives up the layout ("axes sizes collapsed to zero")."""
    long_label = " / ".join(["nearly 2.225073858507203e-309 to 201,886,991.041 million"] * 3)
    points = (("2026-07-01", True, 1e14, 0, 2e14, "pundit", long_label, "2026-01-01", "2026-12-31"),
              ("2026-07-01", True, 5e5, 1e-300, 1e6, "official", long_label, "2026-01-01", "2026-12-31"))
    spec = FigureSpec(
        key="long", kind=figures.TRACKER, title="t", caption="c", alt="a", table_headers=("h",), table_rows=(("r",),),
        data=figure_spec._data(points=points, log=False, axis_label="x", legend=(("pundit", "pundit"),
                                                                                 ("official", "official")),
                           any_approximate=True, point_labels=True, spans=True, y_max=None,
                           legend_title="Claim starts with"),
        size=(7.0, 4.2),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = ChartCache(tmp_path).svg(spec)
    assert long_label in [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_many_points_draw_as_unlabelled_dots(tmp_path):
    points = tuple((f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-15", True, float(i % 5) * 25, None, None, "report",
                    "", f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-01", f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-28")
                   for i in range(60))
    spec = FigureSpec(
        key="dots", kind=figures.TRACKER, title="t", caption="c", alt="a", table_headers=("h",), table_rows=(("r",),),
        data=figure_spec._data(points=points, log=False, axis_label="% of the report's claims",
                           legend=(("report", "one report"),), any_approximate=True, point_labels=False,
                           spans=False, y_max=100, legend_title=""),
    )
    texts = [t.text for t in ET.fromstring(ChartCache(tmp_path).svg(spec)).iter(f"{SVG}text")]
    assert "one report" in texts and "100" in texts and "2010" in texts
    assert "" not in texts and "Claim starts with" not in texts
