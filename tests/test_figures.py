"""Figure specs: what each chart shows, its words and its table, without drawing anything."""

from __future__ import annotations

import datetime as dt
import re

import jinja2
import pytest

from macros.claimkit import figures
from macros.claimkit.dataset import Dataset
from macros.claimkit.figures import FigureSpec, placement, tracker_figure
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import CueCategory, Measure, PartialDate, Report, Source
from macros.claimkit.render import template_environment

# --- a tiny dataset built in code ----------------------------------------------------------------

SOURCES = {
    s.id: s for s in [
        Source(id="gazette", name="Gazette", kind="newspaper", description="An invented paper."),
        Source(id="wire", name="Wire", kind="news-agency", description="An invented agency."),
        Source(id="nis", name="Spy Agency", kind="intelligence-agency", description="An invented agency."),
        Source(id="anon", name="Unnamed official", kind="official", named=False, description="Not named."),
        Source(id="chief", name="The Chief", kind="official", description="An invented leader."),
    ]
}
MEASURES = {"troops": Measure(id="troops", label="Troops sent", unit="soldiers")}
CATEGORIES = {
    c.id: c for c in [
        CueCategory(id="evidential", kind="hedge", label="Second-hand information", explanation="Passed on."),
        CueCategory(id="vague-source", kind="attribution", label="Vague or unnamed source", explanation="Not named."),
    ]
}


def claim(cid: str, *, value=None, low=None, high=None, via=(), status="attributed", hedges=(),
          qualifier="exact", **figure) -> dict:
    data = {"id": cid, "quote": f"Quote {cid} says reportedly an official said it.", "claim": f"Claim {cid}.",
            "status": status,
            "attribution": [{"source": s, "how": "paraphrased"} for s in via],
            "cues": [{"text": text, "category": cat} for text, cat in hedges]}
    if value is not None or low is not None:
        quantity = {"measure": "troops", "qualifier": qualifier, "as_printed": "as printed", **figure}
        quantity.update({"value": value} if value is not None else {"min": low, "max": high})
        data["quantities"] = [quantity]
    return data


def report(rid: str, published: str, *claims: dict, outlet: str = "gazette") -> Report:
    return Report.model_validate({
        "id": rid, "case": "example-case", "outlet": outlet, "published": published, "headline": f"Headline of {rid}",
        "language": "en", "access_note": "Invented for tests.", "summary": "An invented report.",
        "claims": list(claims),
    })


def dataset(*reports: Report) -> Dataset:
    return Dataset(list(reports), SOURCES, MEASURES, CATEGORIES)


def numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


# --- per report -------------------------------------------------------------------------------


@pytest.fixture
def valid(valid_data) -> Dataset:
    return load_dataset(valid_data)


def test_cue_chart_alt_states_the_counts_by_kind_and_table_has_the_same_numbers(valid):
    spec = figures.cues_figure(valid, valid.report("2024-01-02-example-gazette-widgets"))
    assert spec.has_chart and spec.kind == figures.BARS
    assert spec.alt == ("This report's quotes hold 1 hedge and 1 attribution cue. By category, the most common is "
                        "Who says it (attribution cue): 1, then Approximate number (hedge): 1.")
    (_, _, counts), = spec.options["series"]
    assert spec.options["labels"] == ("Who says it (attribution cue)", "Approximate number (hedge)")
    assert [int(row[1]) for row in spec.table_rows[:-1]] == list(counts) == [1, 1]
    assert spec.table_rows[-1] == ("Total", "2")


def test_sources_chart_splits_named_and_unnamed(valid):
    spec = figures.sources_figure(valid, valid.report("2024-01-02-example-gazette-widgets"))
    assert spec.has_chart
    named, unnamed = spec.options["series"]
    assert (named[1], unnamed[1]) == ("named", "unnamed")
    assert spec.options["labels"] == ("news agency", "pundit")
    assert named[2] == (1, 1) and unnamed[2] == (0, 0)
    assert spec.table_rows == (("news agency", "1", "0", "1"), ("pundit", "1", "0", "1"), ("Total", "2", "0", "2"))
    assert "cite sources 2 times" in spec.alt and "0 of the 2 citations are of unnamed" in spec.alt


def test_sources_chart_split_adds_up_to_each_bar_with_independent_chains():
    both = claim("both", via=["wire"])  # "the Wire and an unnamed official say ...": two chains
    both["also_attributed"] = [{"chain": [{"source": "anon", "how": "paraphrased"}]}]
    data = dataset(report("r-two-chains", "2024-05-01", both, claim("b", via=["chief"])))
    spec = figures.sources_figure(data, data.reports[0])
    named, unnamed = (dict(zip(spec.options["labels"], series[2], strict=True)) for series in spec.options["series"])
    assert named == {"official": 1, "news agency": 1} and unnamed == {"official": 1, "news agency": 0}
    assert spec.table_rows[0] == ("official", "1", "1", "2")  # named + unnamed = the bar's value
    assert spec.options["value_labels"] == ("2", "1")


def test_no_cues_gives_a_message_not_a_chart():
    data = dataset(report("r-plain", "2024-05-01", claim("a", via=["wire"]), claim("b", via=["nis"])))
    spec = figures.cues_figure(data, data.reports[0])
    assert not spec.has_chart and spec.data == () and "No cues" in spec.message


def test_one_kind_of_source_or_none_gives_a_message():
    data = dataset(report("r-one", "2024-05-01", claim("a", via=["anon"]), claim("b", via=["anon"])),
                   report("r-none", "2024-06-01", claim("c", status="asserted")))
    one, none = (figures.sources_figure(data, r) for r in data.reports)
    assert one.message == "The report cites only one kind of source: official (2 citations, all unnamed)."
    assert "own voice" in none.message


# --- claim tracker ----------------------------------------------------------------------------


def test_tracker_alt_states_the_change_and_table_matches_the_points():
    data = dataset(
        report("r-early", "2024-10-03", claim("low", value=1500, via=["nis"])),
        report("r-late", "2024-11-20", claim("high", value=12000, via=["chief", "anon"])),
    )
    spec = tracker_figure(data, "troops")
    assert spec.has_chart and spec.kind == figures.TRACKER
    assert spec.alt.startswith("Troops sent: figures rose from 1,500 soldiers (3 Oct 2024, Spy Agency) to "
                               "12,000 soldiers (20 Nov 2024, Unnamed official, via The Chief).")
    points = spec.options["points"]
    assert [p[2] for p in points] == [1500, 12000]
    assert [numbers(row[3]) for row in spec.table_rows] == [[1500], [12000]]
    assert [p[5] for p in points] == ["intelligence-agency", "official"]  # marked by the origin's kind
    assert spec.options["legend"] == (("intelligence-agency", "intelligence agency"), ("official", "official"))
    assert spec.options["log"] is False and spec.options["axis_label"] == "soldiers"


def test_tracker_falling_figures_say_so():
    data = dataset(report("r-a", "2023-01-01", claim("a", value=900, via=["wire"])),
                   report("r-b", "2024-01-01", claim("b", value=100, via=["wire"])))
    assert "figures fell from 900 soldiers" in tracker_figure(data, "troops").alt


def test_tracker_ranges_become_error_bars():
    data = dataset(report("r-a", "2024-01-05", claim("a", low=15000, high=86000, via=["anon"], qualifier="about")),
                   report("r-b", "2024-02-05", claim("b", value=20000, via=["wire"])))
    spec = tracker_figure(data, "troops")
    ranged, single = spec.options["points"]
    assert (ranged[3], ranged[4], ranged[2]) == (15000, 86000, (15000 + 86000) / 2)
    assert (single[3], single[4]) == (None, None)
    assert spec.table_rows[0][3] == "about 15,000 to 86,000 (range)"
    assert "a range of about 15,000 to 86,000 soldiers" in spec.alt
    assert "A vertical bar is a range" in spec.caption


def test_tracker_uses_a_log_scale_when_figures_span_orders_of_magnitude():
    data = dataset(report("r-a", "2022-08", claim("a", value=1_300_000, via=["gazette"])),
                   report("r-b", "2023", claim("b", value=24_000_000, status="asserted")),
                   report("r-c", "2024-10", claim("c", value=1_200_000, status="asserted")))
    spec = tracker_figure(data, "troops")
    assert spec.options["log"] is True and spec.options["axis_label"] == "soldiers (log scale)"
    assert "logarithmic" in spec.caption
    assert "the highest was 24 million soldiers (2023, Gazette, own voice)" in spec.alt
    assert "about 20 times the smallest" in spec.alt
    assert [p[5] for p in spec.options["points"]] == ["newspaper", "own-voice", "own-voice"]


def test_tracker_of_figures_too_far_apart_for_a_ratio_still_builds():
    """Found by the property test: 1e-200 and 1e200 are valid figures, and their ratio overflows."""
    data = dataset(report("r-a", "2023-01-01", claim("a", value=1e-200, via=["wire"])),
                   report("r-b", "2024-01-01", claim("b", value=1e200, via=["wire"])))
    spec = tracker_figure(data, "troops")
    assert spec.options["log"] is True and "figures rose from" in spec.alt
    assert "times the smallest" not in spec.alt


def test_tracker_places_partial_dates_mid_period_and_marks_them_approximate():
    data = dataset(report("r-month", "2024-10", claim("a", value=1500, via=["nis"])),
                   report("r-year", "2023", claim("b", value=3000, via=["nis"])),
                   report("r-day", "2024-12-18", claim("c", value=3000, via=["nis"])))
    spec = tracker_figure(data, "troops")
    by_date = {p[0]: p for p in spec.options["points"]}
    assert by_date["2023-07-01"][1] is True and by_date["2023-07-01"][7:] == ("2023-01-01", "2023-12-31")
    assert by_date["2024-10-15"][1] is True and by_date["2024-10-15"][7:] == ("2024-10-01", "2024-10-31")
    assert by_date["2024-12-18"][1] is False and spec.options["any_approximate"] is True
    notes = {row[0]: row[6] for row in spec.table_rows}
    assert notes == {"2023": "month and day unknown: placed mid-year", "2024-10": "day unknown: placed mid-month",
                     "2024-12-18": "exact day"}
    assert "Hollow marker" in spec.caption.replace("hollow marker", "Hollow marker")


@pytest.mark.parametrize("text, expected", [
    ("2024-02-29", (dt.date(2024, 2, 29), False)),
    ("2024-02", (dt.date(2024, 2, 15), True)),
    ("2024", (dt.date(2024, 7, 1), True)),
])
def test_placement(text, expected):
    assert placement(PartialDate.parse(text)) == expected


def test_tracker_with_one_claim_gives_a_message(valid):
    spec = tracker_figure(valid, "widgets-shipped")
    assert not spec.has_chart
    assert spec.message.startswith("Only one claim gives a figure for this so far: over 10,000 widgets (2 Jan 2024")


def test_two_figures_in_one_claim_are_still_one_claim():
    two = claim("a", value=5, via=["anon"])
    two["quantities"].append({"measure": "troops", "value": 40, "as_printed": "40"})
    spec = tracker_figure(dataset(report("r-a", "2024-12-18", two)), "troops")
    assert not spec.has_chart and "5 soldiers and 40 soldiers" in spec.message


def test_same_date_figures_are_described_as_a_range():
    data = dataset(report("r-a", "2024-10", claim("a", value=3000, via=["nis"]), claim("b", value=12000, via=["chief"]),
                          claim("c", value=1500, via=["nis"])))
    spec = tracker_figure(data, "troops")
    assert spec.alt == ("Troops sent: 3 figures, all from Oct 2024, ranging from 1,500 soldiers (Spy Agency) to "
                        "12,000 soldiers (The Chief).")


# --- across reports ---------------------------------------------------------------------------


def test_overview_from_a_single_report_gives_messages_not_charts():
    data = dataset(report("r-only", "2024-05", claim("a", via=["wire"], hedges=[("reportedly", "evidential")])))
    specs = figures.overview_figures(data)
    assert [s.key for s in specs if s.has_chart] == []
    assert all(s.message for s in specs)
    timeline = next(s for s in specs if s.key == "overview-timeline")
    assert timeline.message == "Only one report so far: Gazette (May 2024), with 1 claim (1 attributed)."


def test_density_and_unnamed_share_tables_match_the_chart(valid):
    density = figures.hedge_density_figure(valid)
    (_, _, values), = density.options["series"]
    assert [float(row[5]) for row in density.table_rows] == [round(v, 1) for v in values]
    assert f"ranges from {min(values):.1f} hedges per 100 quoted words in Example" in density.alt
    assert f"to {max(values):.1f} in Example" in density.alt
    share = figures.unnamed_share_figure(valid)
    assert [row[3:] for row in share.table_rows] == [("0", "1", "0%"), ("1", "1", "100%")]
    assert share.options["series"][0][2] == (0.0, 100.0) and share.options["axis_max"] == 100
    assert "highest in Example Wire (Mar 2024): 1 of 1 claims (100%)" in share.alt


def test_timeline_rows_and_statuses(valid):
    spec = figures.timeline_figure(valid)
    rows = spec.options["rows"]
    assert [r[1:5] for r in rows] == [("2024-01-02", "2024-01-02", "2024-01-02", False),
                                     ("2024-03-15", "2024-03-01", "2024-03-31", True)]
    assert [r[5] for r in rows] == [(0, 1, 0, 0), (0, 0, 0, 1)]  # asserted, attributed, speculated, denied
    assert spec.table_rows[1][3:] == ("day unknown: placed mid-month", "0", "0", "0", "1", "1")
    assert spec.alt.startswith("2 reports from 2 Jan 2024 to Mar 2024. 1 of them has an exact publication day")


def test_many_reports_become_dots_over_time_and_the_timeline_shows_the_latest():
    reports = [report(f"r-{i:02d}", f"20{10 + i // 12:02d}-{i % 12 + 1:02d}", claim("a", via=["anon"] if i % 2 else []))
               for i in range(figures.MAX_ROWS + 4)]
    data = dataset(*reports)
    share = figures.unnamed_share_figure(data)
    assert share.kind == figures.TRACKER and share.options["point_labels"] is False
    assert [p[2] for p in share.options["points"]] == [0.0, 100.0] * ((figures.MAX_ROWS + 4) // 2)
    assert len(share.table_rows) == figures.MAX_ROWS + 4 and "one dot per report" in share.caption
    timeline = figures.timeline_figure(data)
    assert len(timeline.options["rows"]) == figures.MAX_ROWS and len(timeline.table_rows) == figures.MAX_ROWS + 4
    assert timeline.options["rows"][-1][1] == placement(reports[-1].date)[0].isoformat()
    assert f"latest {figures.MAX_ROWS} of {figures.MAX_ROWS + 4} reports" in timeline.caption


def test_status_by_year_counts_claims_per_year():
    data = dataset(report("r-a", "2023", claim("a", status="asserted"), claim("b", via=["wire"])),
                   report("r-b", "2024-02", claim("c", status="denied", via=["anon"]), claim("d", status="speculated")))
    spec = figures.status_by_year_figure(data)
    assert spec.options["labels"] == ("2023", "2024")
    assert {s[1]: s[2] for s in spec.options["series"]} == {
        "asserted": (1, 0), "attributed": (1, 0), "speculated": (0, 1), "denied": (0, 1)}
    assert spec.alt.endswith("2023: 2 claims (1 asserted, 1 attributed); 2024: 2 claims (1 speculated, 1 denied).")
    assert spec.table_rows == (("2023", "1", "1", "1", "0", "0", "2"), ("2024", "1", "0", "0", "1", "1", "2"))
    single_year = dataset(report("r-a", "2023", claim("a", status="asserted")), report("r-b", "2023-05", claim("b")))
    assert figures.status_by_year_figure(single_year).message


def test_origins_separate_own_voice_named_and_unnamed():
    data = dataset(report("r-a", "2024-01-01", claim("a", status="asserted"), claim("b", via=["wire", "anon"]),
                          claim("c", via=["anon"]), claim("d", via=["chief"])))
    spec = figures.origins_figure(data)
    assert spec.options["labels"] == ("official", "own voice (no source)")
    assert {s[1]: s[2] for s in spec.options["series"]} == {"own-voice": (0, 1), "named": (1, 0), "unnamed": (2, 0)}
    assert spec.table_rows[-1] == ("Total", "1", "2", "4")


# --- every spec -------------------------------------------------------------------------------


def test_all_specs_are_hashable_with_unique_keys_and_plain_data(valid):
    specs = figures.all_figures(valid)
    assert len({s.key for s in specs}) == len(specs)
    for spec in specs:
        hash(spec)
        assert re.fullmatch(r"[a-z0-9-]+", spec.key)
        if spec.has_chart:
            assert spec.alt and spec.caption and spec.table_rows and not spec.alt.lower().startswith("a chart")
            assert all(len(row) == len(spec.table_headers) for row in spec.table_rows)


# --- the HTML partial ------------------------------------------------------------------------


@pytest.fixture
def template() -> jinja2.Template:
    return template_environment().get_template("figure.html")  # the one way templates are set up


def test_figure_partial_has_image_caption_and_table_in_one_block(template, valid):
    spec = figures.cues_figure(valid, valid.report("2024-01-02-example-gazette-widgets"))
    html = template.render(spec=spec, src="../../charts/abc.svg")
    assert html.startswith('<div class="ck-figure" id="fig-report-2024-01-02-example-gazette-widgets-cues">\n<figure>')
    assert '<img src="../../charts/abc.svg" alt="This report&#39;s quotes hold 1 hedge and 1 attribution cue.' in html
    assert 'width="672" height="' in html and 'loading="lazy"' in html
    assert "<figcaption><strong>Cues by category.</strong>" in html
    # the table follows the figure: a <figcaption> must be a figure's first or last child
    assert "</figcaption>\n</figure>\n<details class=\"ck-figure__data\">\n<summary>Data table: Cues by category</summary>" in html
    assert html.strip().endswith("</details>\n</div>")
    assert '<tr><th scope="row">Who says it (attribution cue)</th><td>1</td></tr>' in html
    assert "\n\n" not in html.strip()


def test_figure_partial_escapes_data_and_shows_messages(template):
    hostile = FigureSpec(key="k", kind=figures.BARS, title="<script>x</script>", caption="{{ 7*7 }}",
                         alt='"><img src=x onerror=alert(1)>', table_headers=("<b>h</b>",),
                         table_rows=(("<i>c</i>",),))
    html = template.render(spec=hostile, src="a.svg")
    assert "<script>" not in html and "<img src=x" not in html and "<b>h" not in html and "<i>c" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "{{ 7*7 }}" in html
    message = FigureSpec(key="m", kind="message", title="Hedging", caption="", alt="", table_headers=(),
                         table_rows=(), message="No <hedges>.")
    assert template.render(spec=message, src="").strip() == (
        '<p class="ck-figure-message" id="fig-m"><strong>Hedging:</strong> No &lt;hedges&gt;.</p>')


def test_interpreted_figures_and_increments_are_listed_not_plotted():
    data = dataset(
        report("r-a", "2024-05-01", claim("a", value=1000, via=["nis"])),
        report("r-b", "2024-06-01", claim("b", value=3000, via=["chief"])),
        report("r-c", "2024-07-01", claim("c", low=2000, high=9000, via=["wire"], interpreted=True,
                                          note="'Thousands' read as 2,000 to 9,000.")),
        report("r-d", "2024-08-01", claim("d", value=1500, via=["nis"], kind="increment")),
    )
    spec = figures.tracker_figure(data, "troops")
    plotted = [point[6] for point in spec.options["points"]]
    assert plotted == ["1,000", "3,000"]
    assert "Not plotted, and listed in the table: 2,000 to 9,000 soldiers (1 Jul 2024, our reading of words, not a " \
           "printed number) and 1,500 soldiers (1 Aug 2024, an increase, not a total)." in spec.alt
    listed = [row[3] for row in spec.table_rows]
    assert "2,000 to 9,000 (not plotted: our reading of words, not a printed number)" in listed
    assert "1,500 (not plotted: an increase, not a total)" in listed
