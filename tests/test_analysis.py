"""What a report page teaches: changes along a chain, what happened next, questions to ask."""

from __future__ import annotations

import pytest

from macros.claimkit import analysis
from macros.claimkit.loader import load_dataset
from macros.claimkit.render import Renderer


@pytest.fixture
def data(rich_data):
    return load_dataset(rich_data)


def claim_of(data, report_id, claim_id):
    report = data.report(report_id)
    return report, report.claim(claim_id)


def test_number_drift_and_dropped_hedge_along_a_repeat(data):
    report, claim = claim_of(data, "2024-04-example-courier-relay", "relay")
    changes = {(c.kind, c.text) for c in analysis.chain_changes(data, report, claim)}
    assert ("number", "Example Gazette (2024-01-02) printed “over 10,000”; this report prints “20,000”.") in changes
    dropped = [t for k, t in changes if k == "hedge-dropped"]
    # "over" is a hedge and it is gone; "According to" is an attribution cue: relays change those by nature
    assert [t for t in dropped if "“over”" in t] and not [t for t in dropped if "According to" in t]


def test_headline_body_mismatch_in_one_report(data):
    report, claim = claim_of(data, "2024-04-example-courier-relay", "headline")
    changes = analysis.chain_changes(data, report, claim)
    assert [(c.kind, c.text) for c in changes] == [
        ("headline", "The headline says “Dozens”; the body of the same report says “20,000”.")
    ]


def test_trail_follows_stances_transitively_in_date_order(data):
    report, claim = claim_of(data, "2024-01-02-example-gazette-widgets", "widgets")
    steps = [(s.ref.key, s.relation, s.depth) for s in analysis.trail(data, report, claim)]
    assert steps == [
        ("2024-03-example-wire-denial#denial", "denies", 1),
        ("2024-04-example-courier-relay#relay", "repeats", 1),
        ("2024-04-example-courier-relay#headline", "contradicts", 2),
    ]


def test_questions_follow_the_data(data):
    report, claim = claim_of(data, "2024-03-example-wire-denial", "denial")
    asked = analysis.questions(data, report, claim)
    assert asked[0].startswith("The only source given is not named: Unnamed official.")
    assert any(q.startswith("Who denies it") for q in asked)
    report, claim = claim_of(data, "2024-04-example-courier-relay", "relay")
    asked = analysis.questions(data, report, claim)
    assert any(q.startswith("The claim starts with a commentator: Jane Roe.") for q in asked)
    assert any("The figure changed as the claim travelled" in q for q in asked)


def test_running_text_uses_short_names_and_a_question_shared_by_claims_is_asked_once(rich_data):
    sources = rich_data / "sources.yaml"
    sources.write_text(sources.read_text().replace("    name: Jane Roe\n", "    name: Jane Roe\n    short_name: Roe\n"))
    data = load_dataset(rich_data)
    report, claim = claim_of(data, "2024-04-example-courier-relay", "relay")
    asked = analysis.questions(data, report, claim)
    assert "The claim starts with a commentator: Roe." in asked[0]
    assert not any("Find where it starts" in q for q in asked)  # the commentator's question says it already
    assert not any("Jane Roe" in q for q in asked)
    page = analysis.page_questions(data, report)
    texts = [q.before for q in page]
    assert len(texts) == len(set(texts))
    assert sum(len(q.claims) for q in page) == sum(len(analysis.questions(data, report, c)) for c in report.claims)
    assert all(q.claims == sorted(set(q.claims)) for q in page)


def test_one_question_names_each_of_its_subjects_with_their_claims(data):
    """Two claims resting on two different unnamed sources: one question, naming both."""
    report = data.report("2024-03-example-wire-denial")
    claim = report.claims[0]
    twin = claim.model_copy(update={"id": "twin"})
    other = data.sources["unnamed-official"].model_copy(update={"id": "other-official", "name": "Other official"})
    data.sources["other-official"] = other
    twin = twin.model_copy(update={"attribution": [
        step.model_copy(update={"source": "other-official"}) for step in claim.attribution]})
    report = report.model_copy(update={"claims": [claim, twin, claim.model_copy(update={"id": "again"})]})
    unnamed = [q for q in analysis.page_questions(data, report) if q.before.startswith("The only source")]
    assert len(unnamed) == 1
    assert unnamed[0].subjects == [("Unnamed official", [1, 3]), ("Other official", [2])]
    assert unnamed[0].claims == [1, 2, 3]


def test_a_headline_figure_against_several_body_figures_is_one_point(rich_data):
    path = rich_data / "reports" / "2024-04-example-courier-relay.yaml"
    text = path.read_text()
    body = text[text.index("  - id: relay"):]
    second = (body.replace("id: relay", "id: relay-again").replace("value: 20000", "value: 30000")
              .replace("as_printed: 20,000", "as_printed: 30,000").replace("said 20,000", "said 30,000"))
    second = second[:second.index("    stance:")]
    path.write_text(text + second)
    data = load_dataset(rich_data)
    report, claim = claim_of(data, "2024-04-example-courier-relay", "headline")
    assert [(c.kind, c.text) for c in analysis.chain_changes(data, report, claim)] == [
        ("headline", "The headline says “Dozens”; the body of the same report says “20,000” and “30,000”.")]


def test_glance_measures(data):
    widgets = data.report("2024-01-02-example-gazette-widgets")
    assert analysis.quoted_words(widgets) == 12
    assert analysis.hedge_density(widgets, data.cue_categories) == pytest.approx(100 * 1 / 12)  # "over" only
    assert dict(analysis.kind_counts(widgets, data.cue_categories)) == {"attribution": 1, "hedge": 1}
    assert analysis.unnamed_share(widgets, data.sources) == 0.0
    assert analysis.unnamed_share(data.report("2024-03-example-wire-denial"), data.sources) == 1.0
    assert dict(analysis.cited_source_kinds(widgets, data.sources)) == {"news-agency": 1, "pundit": 1}


def test_indexes_across_reports(data):
    by_source = analysis.claims_by_source(data)
    assert [(ref.key, pos) for ref, pos in by_source["pundit-jane-roe"]] == [
        ("2024-01-02-example-gazette-widgets#widgets", 2), ("2024-04-example-courier-relay#relay", 2),
    ]
    figures = analysis.figures_by_measure(data)["widgets-shipped"]
    assert [q.as_printed for _, q in figures] == ["over 10,000", "Dozens", "20,000"]


def test_every_section_is_rendered_for_the_synthetic_report(data):
    renderer = Renderer(data)
    html = renderer.full_page("report_page", "2024-04-example-courier-relay", "reports/2024-04-example-courier-relay/")
    for section in ["## Claims", "## Questions to ask", "## More about this report"]:
        assert f"\n{section}\n" in html
    # a change that a question asks about is in the questions, once, not again beside its claim
    assert "<strong>Number changed:</strong>" not in html and "<strong>Headline vs body:</strong>" not in html
    assert html.count("The figure changed as the claim travelled") == 1
    assert html.count("The headline says “Dozens”") == 1
    assert "<strong>Hedge dropped:</strong>" not in html
    assert "Verdict as of 2024-04" not in html and "(as of 2024-04)" in html and "Unproven" in html  # the line
    next_page = renderer.full_page("next_page", "2024-04-example-courier-relay", "next/2024-04-example-courier-relay/")
    assert "## What later reports said" in next_page
    assert "Verdict as of 2024-04" in next_page and "Unproven" in next_page  # the verdict, explained
    assert '<a href="../../next/2024-04-example-courier-relay/#next-' in html  # its "Why" link
    assert 'title="not usually reliable">D</span>' in html
    assert '<a href="#claim-relay">Claim 2 of this report</a>' in html  # the earlier claims it takes up
    source = renderer.full_page("source_page", "pundit-jane-roe", "sources/pundit-jane-roe/")
    assert "step 2 of 2, via Example Wire (origin)" in source
    tracker = renderer.full_page("tracker_page", "widgets-shipped", "trackers/widgets-shipped/")
    table = tracker[tracker.rindex('<div class="ck-index">'):]
    assert table.index("over 10,000") < table.index("Dozens") < table.index("20,000")
    assert 'class="ck-figure" id="fig-tracker-widgets-shipped"' in tracker
    timeline = renderer.timeline("timeline/")
    timeline = timeline[timeline.index('<ol class="ck-trail">'):]  # the list, after the charts
    assert "Official denies widget shipments" in timeline
    assert timeline.index("Official denies") < timeline.index("Official denies widget figure")


def test_a_stance_recorded_on_the_earlier_claim_counts_like_one_in_the_later_file(rich_data):
    """taken_up_by: a later report confirms an earlier one without its own file changing."""
    path = rich_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    text = path.read_text()
    assert "  - id: widgets\n" in text
    path.write_text(text.replace("  - id: widgets\n", "  - id: widgets\n    taken_up_by:\n"
                                 "      - claim: 2024-04-example-courier-relay#headline\n"
                                 "        relation: disputes\n        note: Dozens, not thousands.\n", 1))
    data = load_dataset(rich_data)
    report, claim = claim_of(data, "2024-01-02-example-gazette-widgets", "widgets")
    follow = [(f.by.key, f.stance.relation) for f in data.follow_ups(report, claim)]
    assert ("2024-04-example-courier-relay#headline", "disputes") in follow
    later_report, later = claim_of(data, "2024-04-example-courier-relay", "headline")
    assert ("2024-01-02-example-gazette-widgets#widgets", "disputes") in [
        (s.about, s.relation) for s in data.stances(later_report, later)]


def test_partial_dates_sort_after_the_known_days_of_their_month():
    from macros.claimkit.model import PartialDate

    dates = ["2024-10", "2024-10-31", "2024-10-01", "2024", "2024-12-31", "2025-01"]
    assert sorted(dates, key=lambda d: PartialDate.parse(d).sort_key) == [
        "2024-10-01", "2024-10-31", "2024-10", "2024-12-31", "2024", "2025-01"]


@pytest.mark.parametrize(("unit", "value", "said"), [
    ("people", 1, "person"), ("people", 2, "people"), ("soldiers per month", 1, "soldier per month"),
    ("casualties", 1, "casualty"), ("percent", 1, "percent"), ("hits", 1.0, "hit"), ("people", None, "people"),
])
def test_a_figure_of_one_takes_the_singular(unit, value, said):
    assert analysis.unit_for(unit, value) == said
