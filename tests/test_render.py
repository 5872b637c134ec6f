"""Rendering: data becomes escaped HTML; hedges are marked; links are relative."""

from __future__ import annotations

import shutil

import pytest
from testpaths import FIXTURES

from macros.claimkit.analysis import Segment, format_number, hedge_segments
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import Hedge
from macros.claimkit.pages import GeneratedPage, generated_pages, page_url, relative_link
from macros.claimkit.render import Renderer


def test_hedge_segments_mark_each_cue_once_longest_first():
    quote = "Sources familiar with it said, reportedly, that sources could act."
    hedges = [Hedge(text="Sources familiar with", category="vague"), Hedge(text="reportedly", category="ev"),
              Hedge(text="familiar", category="x")]
    segments = hedge_segments(quote, hedges)
    assert "".join(s.text for s in segments) == quote
    assert [(s.text, s.hedge.category) for s in segments if s.hedge] == [
        ("Sources familiar with", "vague"), ("reportedly", "ev"),
    ]


def test_hedge_segments_without_hedges():
    assert hedge_segments("Plain.", []) == [Segment("Plain.")]


@pytest.mark.parametrize("value, text", [(12000, "12,000"), (1300000, "1.3 million"), (1500.0, "1,500"),
                                         (24000000, "24 million"), (29.9, "29.9")])
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("directory_urls, src, url", [
    (True, "reports/x.md", "reports/x/"), (True, "reports/index.md", "reports/"), (True, "index.md", ""),
    (False, "reports/x.md", "reports/x.html"), (False, "reports/index.md", "reports/index.html"),
])
def test_page_url(directory_urls, src, url):
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize("frm, to, href", [
    ("reports/a/", "reports/b/", "../b/"), ("reports/", "reports/b/", "b/"),
    ("reports/a.html", "reports/b.html", "b.html"), ("", "reports/", "reports/"),
    ("charts.html", "charts/x.svg", "charts/x.svg"), ("index.html", "reports/index.html", "reports/index.html"),
])
def test_relative_link(frm, to, href):
    assert relative_link(frm, to) == href


def test_generated_pages_hold_no_data_and_are_not_templated():
    from macros.claimkit.pages import STUB

    assert STUB == "---\nrender_macros: false\n---\n"
    page = GeneratedPage("report", "2024-01-02-x", "<b>t</b>")
    assert (page.src_uri, page.renderer_method) == ("reports/2024-01-02-x.md", "report_page")
    assert GeneratedPage("source", "jane", "Jane").src_uri == "sources/jane.md"


def test_page_plan_covers_reports_sources_and_measured_quantities(valid_data):
    plan = generated_pages(load_dataset(valid_data))
    kinds = {(p.kind, p.key) for p in plan}
    assert ("report", "2024-01-02-example-gazette-widgets") in kinds
    assert ("source", "pundit-jane-roe") in kinds
    assert ("tracker", "widgets-shipped") in kinds
    assert len([p for p in plan if p.kind == "source"]) == 4


@pytest.fixture
def renderer(valid_data) -> Renderer:
    return Renderer(load_dataset(valid_data))


def test_report_page_shows_claim_chain_hedges_and_follow_ups(renderer):
    html = renderer.full_page("report_page", "2024-01-02-example-gazette-widgets", "reports/2024-01-02-example-gazette-widgets/")
    assert "<h1>Thousands of widgets shipped</h1>" in html
    # the cue is focusable and described by a tooltip that explains it
    assert 'class="ck-hedge ck-hedge--s0" tabindex="0" aria-describedby="tip-widgets-1">According to' in html
    assert 'role="tooltip" id="tip-widgets-1">“According to”: Second-hand information.' in html
    assert "over 10,000 widgets" in html and "printed as “over 10,000”" in html
    # the chain runs origin -> relay -> this report, each step saying how it cites the one before
    flow = html[html.index('<ol class="ck-flow">'):]
    assert flow.index("Jane Roe") < flow.index("Example Wire") < flow.index("This report")
    assert "paraphrases Jane Roe" in flow and "says “according to” Example Wire: “According to Example Wire”" in flow
    assert 'href="../2024-03-example-wire-denial/#claim-denial"' in html and "denies</span>" in html
    assert "1 of 1 claims (0%)" not in html and "0 of 1 claims (0%)" in html


def test_report_page_shows_partial_date_and_translation(renderer):
    html = renderer.full_page("report_page", "2024-03-example-wire-denial", "reports/2024-03-example-wire-denial/")
    assert "March 2024 (day unknown)" in html
    assert "Korean, machine translation from Korean" in html
    assert '<td data-label="Printed">“no widgets”</td><td data-label="Likely meaning">no shipments at all</td>' in html
    assert 'href="../2024-01-02-example-gazette-widgets/#claim-widgets"' in html
    assert "1 of 1 claims (100%)" in html  # rests on an unnamed official


def test_index_lists_reports_newest_first(renderer):
    html = renderer.reports_index("reports/")
    assert html.index("2024-03-example-wire-denial/") < html.index("2024-01-02-example-gazette-widgets/")


def test_payloads_are_escaped_not_run(valid_data):
    shutil.copy(next((FIXTURES / "hostile").glob("*.yaml")), valid_data / "reports")
    renderer = Renderer(load_dataset(valid_data))
    html = renderer.full_page("report_page", "2024-02-01-example-gazette-hostile", "reports/x/")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} headline" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{% include &#39;mkdocs.yml&#39; %} __init__ *star*" in html
    # multi-line data text is folded onto one line, so it can never open a fenced block
    assert "``` --8&lt;-- &#34;mkdocs.yml&#34; &lt;/div&gt;" in html


@pytest.mark.parametrize("text, first", [
    ("Words such as could say it is possible. Not more.", "Words such as could say it is possible."),
    ("No full stop", "No full stop"),
    ("Is it? Yes.", "Is it?"),
])
def test_first_sentence(text, first):
    from macros.claimkit.render import first_sentence

    assert first_sentence(text) == first
