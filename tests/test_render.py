"""Rendering: data becomes escaped HTML; cues are marked; links are relative."""

from __future__ import annotations

import shutil

import pytest
from testpaths import FIXTURES

from macros.claimkit.analysis import format_number
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import Claim, CueCategory
from macros.claimkit.pages import GeneratedPage, generated_pages, page_url, relative_link
from macros.claimkit.quote_markup import quote_html
from macros.claimkit.render import Renderer

CATEGORIES = {c.id: c for c in [
    CueCategory(id="vague", kind="attribution", label="Vague source", explanation="Not named."),
    CueCategory(id="ev", kind="hedge", label="Hearsay", explanation="Passed on."),
    CueCategory(id="x", kind="hedge", label="Other <b>", explanation="x"),
]}
SLOTS = {"vague": 0, "ev": 1, "x": 2}


def _claim(quote, cues, **more):
    return Claim(id="c", quote=quote, claim="c", status="attributed", cues=cues, **more)


def test_quote_marks_each_cue_once_and_keeps_every_letter():
    quote = "Sources familiar with it said, reportedly, that sources could act."
    html = str(quote_html(_claim(quote, [{"text": "Sources familiar with", "category": "vague"},
                                         {"text": "reportedly", "category": "ev"}]), CATEGORIES, SLOTS))
    assert html.count('class="ck-cue ') == 2
    assert ('<span class="ck-cue ck-cue--s0 ck-cue--attribution" tabindex="0" data-cue="vague" '
            'aria-describedby="cue-def-vague" data-at="0-21">Sources familiar with<span class="ck-cue__tag"') in html
    import re
    assert re.sub(r'<span class="ck-cue__tag"[^>]*>[^<]*</span>|<[^>]+>', "", html) == quote


def test_a_cue_inside_another_is_nested_and_repeated_words_take_successive_occurrences():
    quote = "said it, then said familiar things"
    html = str(quote_html(_claim(quote, [{"text": "said", "category": "ev"}, {"text": "said", "category": "ev"},
                                         {"text": "said familiar", "category": "vague"}]), CATEGORIES, SLOTS))
    assert html.count('data-cue="ev"') == 2
    outer = html.index('data-cue="vague"')
    assert html.index('data-cue="ev"', outer) > outer  # the second "said" sits inside "said familiar"


def test_sic_is_marked_after_the_words_and_labels_are_escaped():
    claim = _claim("The Peoples Republic said so", [{"text": "said", "category": "x"}], sic=["Peoples"])
    html = str(quote_html(claim, CATEGORIES, SLOTS))
    assert 'Peoples <span class="ck-sic">[sic]</span> Republic' in html
    assert "Other &lt;b&gt;" in html and "Other <b>" not in html


def test_plain_quote_for_practice_has_no_marks():
    claim = _claim("It could be", [{"text": "could", "category": "ev"}])
    assert str(quote_html(claim, CATEGORIES, SLOTS, highlight=False)) == "It could be"


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


def test_report_page_shows_claim_chain_cues_and_follow_ups(renderer):
    html = renderer.full_page("report_page", "2024-01-02-example-gazette-widgets", "reports/2024-01-02-example-gazette-widgets/")
    assert "<h1>Thousands of widgets shipped</h1>" in html
    # the cue is focusable and described by its category's one definition on the page
    assert ('class="ck-cue ck-cue--s0 ck-cue--attribution" tabindex="0" data-cue="evidential" '
            'aria-describedby="cue-def-evidential" data-at="0-12">According to') in html
    assert html.count('id="cue-def-evidential"') == 1
    assert ('<span id="cue-def-evidential"><strong>Who says it</strong> (attribution cue): The writer passes on '
            'what someone else said.</span>') in html
    assert "over 10,000 widgets" in html and "printed as “over 10,000”" in html
    # the chain runs origin -> relay -> this report, each step saying how it cites the one before
    flow = html[html.index('<ol class="ck-flow">'):]
    assert flow.index("Jane Roe") < flow.index("Example Wire") < flow.index("This report")
    assert "paraphrases Jane Roe" in flow and "says “according to” Example Wire: “According to Example Wire”" in flow
    # ... and in one line in the claim itself, origin first
    assert ('<strong>Who says so:</strong> <a href="../../sources/pundit-jane-roe/">Jane Roe</a>, via '
            '<a href="../../sources/example-wire/">Example Wire</a>.') in html
    # what later reports made of the claim is a page of its own, linked from the report page
    assert '<a href="../../next/2024-01-02-example-gazette-widgets/">What happened next' in html
    assert "denies</span>" not in html
    later = renderer.full_page("next_page", "2024-01-02-example-gazette-widgets", "next/2024-01-02-example-gazette-widgets/")
    assert '<a href="../../reports/2024-03-example-wire-denial/#claim-denial">' in later and "denies</span>" in later
    assert later.count("<h1>") == 1 and "<h1>What happened next: Thousands of widgets shipped</h1>" in later
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


def test_report_pages_make_each_point_once():
    """Issue 14: the same question, the same headline-vs-body point, the same earlier claim once per page."""
    import re

    from testpaths import PROJECT

    data = load_dataset(PROJECT / "data")
    renderer = Renderer(data)
    headline_points = 0
    for report in data.reports:
        html = renderer.full_page("report_page", report.id, f"reports/{report.id}/")
        folded = re.compile(r'<details class="ck-(?:more|fold)"[^>]*>.*?</details>', re.DOTALL)
        default = folded.sub("", html)  # what a student sees before opening anything
        questions = re.findall(r"<li>(.*?)</li>", default[default.index('<div class="ck-questions"'):], re.DOTALL)
        assert questions and len(questions) == len(set(questions)), report.id
        headline = default.count("the body of the same report says")  # analysis.chain_changes words it so
        assert headline <= 1, f"{report.id}: the headline-vs-body point {headline} times"
        headline_points += headline
        earlier = html[html.index('<ul class="ck-earlier"'):] if "ck-earlier" in html else ""
        links = re.findall(r'<li><a href="([^"]+)"', earlier[:earlier.find("</ul>")])
        assert len(links) == len(set(links)), f"{report.id}: an earlier claim listed twice"
    assert headline_points >= 1
