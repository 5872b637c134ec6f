"""Open data: claims as JSON and CSV, and ClaimReview JSON-LD for report pages."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from testpaths import PROJECT

from macros.claimkit import export
from macros.claimkit.loader import load_dataset

NYP = "2022-08-dh-thousands-of-volunteers-offered"
WIDGETS = "2024-01-02-example-gazette-widgets"


@pytest.fixture(scope="module")
def project():
    return load_dataset(PROJECT / "data")


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def add_verdict(data_dir, claim_text=None):
    path = data_dir / "reports" / f"{WIDGETS}.yaml"
    text = path.read_text()
    if claim_text:
        text = text.replace("claim: More than 10,000 widgets were shipped.", f"claim: {claim_text}")
    text += ("    verdict:\n      event: disputed\n      figure: disputed\n      as_of: 2024-03\n"
             "      explanation: An official denied it.\n"
             "      evidence: [\"2024-03-example-wire-denial#denial\"]\n")
    path.write_text(text)
    return load_dataset(data_dir)


# --- CSV ---------------------------------------------------------------------------


def test_csv_has_the_documented_columns_and_one_row_per_claim(project):
    text = export.claims_csv(project)
    assert text.splitlines()[0] == ",".join(export.CSV_COLUMNS)
    parsed = rows(text)
    assert len(parsed) == sum(len(r.claims) for r in project.reports)
    assert [(r["report_id"], r["claim_id"]) for r in parsed] == [
        (report.id, claim.id) for report in project.reports for claim in report.claims]


def test_csv_records_the_chain_origin_cues_figures_and_url(project):
    row = next(r for r in rows(export.claims_csv(project)) if (r["report_id"], r["claim_id"]) == (NYP, "nyp-over-100000"))
    assert row["chain"] == "new-york-post>channel-one-russia>igor-korotchenko"
    assert (row["origin"], row["origin_kind"], row["origin_named"]) == ("igor-korotchenko", "pundit", "true")
    assert (row["report_date"], row["date_precision"], row["outlet"]) == ("2022-08-12", "day", "east-coast-daily")
    assert "According to|attribution" in row["cues"].split(";")
    assert "nk-volunteers-offered=100000 over" in row["quantities"].split(";")
    assert row["quote"].startswith("According to the New York Post, Russian state media revealed")
    assert row["page_url"] == f"reports/{NYP}/#claim-nyp-over-100000"
    headline = next(r for r in rows(export.claims_csv(project)) if r["claim_id"] == "headline-thousands")
    assert headline["quantities"] == "nk-volunteers-offered=2000-9000 about interpreted"
    assert headline["rests_on_unnamed"] == "true"


def test_csv_verdict_columns_base_url_and_no_chain(valid_data):
    data = add_verdict(valid_data)
    parsed = rows(export.claims_csv(data, base_url="https://example.org/site", directory_urls=False))
    widgets, denial = sorted(parsed, key=lambda r: r["report_id"])
    assert (widgets["verdict_event"], widgets["verdict_figure"], widgets["verdict_as_of"]) == (
        "disputed", "disputed", "2024-03")
    assert widgets["page_url"] == f"https://example.org/site/reports/{WIDGETS}.html#claim-widgets"
    assert (denial["verdict_event"], denial["chain"], denial["origin_named"]) == ("", "unnamed-official", "false")


def test_split_verdicts_are_exported_apart(project):
    parsed = rows(export.claims_csv(project))
    zelensky = next(r for r in parsed if r["claim_id"] == "zelensky-two-brigades")
    assert (zelensky["verdict_event"], zelensky["verdict_figure"]) == ("confirmed", "unproven")
    denial = next(r for r in parsed if r["claim_id"] == "north-korea-groundless")
    assert (denial["verdict_event"], denial["verdict_figure"]) == ("false", "")


def test_csv_escapes_separators_and_spreadsheet_formulas(valid_data):
    path = valid_data / "reports" / f"{WIDGETS}.yaml"
    text = path.read_text().replace(
        "quote: According to Example Wire", 'quote: "=HYPERLINK(1); a|b, According to Example Wire')
    path.write_text(text.replace("      - text: over\n", "      - text: \"; a|b\"\n        category: vague-source\n"
                                                         "      - text: over\n").replace('.\n    claim:', '."\n    claim:', 1))
    row = next(r for r in rows(export.claims_csv(load_dataset(valid_data))) if r["report_id"] == WIDGETS)
    assert row["quote"].startswith("'=HYPERLINK(1); a|b, According")
    assert row["cues"] == "According to|evidential;\\; a\\|b|vague-source;over|approximation"


def test_csv_is_deterministic(project):
    assert export.claims_csv(project) == export.claims_csv(project)


# --- JSON --------------------------------------------------------------------------


def test_json_shape_and_content(project):
    document = json.loads(export.claims_json(project))
    assert (document["format"], document["version"]) == ("reading-war-claims/claims", 2)
    claims = document["claims"]
    assert len(claims) == sum(len(r.claims) for r in project.reports)
    nyp = next(c for c in claims if (c["report_id"], c["claim_id"]) == (NYP, "nyp-over-100000"))
    assert [(s["source"], s["how"]) for s in nyp["chain"]] == [
        ("new-york-post", "according-to"), ("channel-one-russia", "citing"), ("igor-korotchenko", "quoted")]
    assert nyp["chain"][0]["name"] == "New York Post" and nyp["chain"][0]["named"] is True
    assert {"measure": "nk-volunteers-offered", "unit": "people", "kind": "total", "value": 100000, "min": None,
            "max": None, "qualifier": "over", "as_printed": "over 100,000", "interpreted": False,
            "by": None} in nyp["quantities"]
    assert {"text": "revealed", "category": "attribution", "kind": "attribution"} in nyp["cues"]
    assert {"claim": "2023-korean-column-volunteer-army#korotchenko-offer", "relation": "repeats"} in \
        nyp["followed_up_by"]
    # The CSV's columns, with the verdict as one object instead of two columns.
    assert set(export.CSV_COLUMNS) - {"verdict_event", "verdict_figure", "verdict_as_of"} | {"verdict"} <= set(nyp)


def test_json_verdict(valid_data):
    claims = json.loads(export.claims_json(add_verdict(valid_data)))["claims"]
    widgets = next(c for c in claims if c["report_id"] == WIDGETS)
    assert widgets["verdict"] == {"event": "disputed", "about": None, "figure": "disputed", "overall": "disputed",
                                  "as_of": "2024-03", "explanation": "An official denied it.",
                                  "evidence": ["2024-03-example-wire-denial#denial"]}
    assert next(c for c in claims if c["report_id"] != WIDGETS)["verdict"] is None


# --- ClaimReview JSON-LD -----------------------------------------------------------


def test_no_verdict_no_claimreview(valid_data):
    data = load_dataset(valid_data)
    assert export.claimreview_jsonld(data, data.report(WIDGETS), "https://example.org/r/") is None


def test_claimreview_for_each_claim_with_a_verdict(valid_data):
    data = add_verdict(valid_data)
    text = export.claimreview_jsonld(data, data.report(WIDGETS), "https://example.org/next/w/",
                                     site_name="Reading war claims")
    (review,) = json.loads(text)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == "https://example.org/next/w/#next-widgets"  # where the verdict is explained
    assert review["claimReviewed"] == "More than 10,000 widgets were shipped."
    assert review["datePublished"] == "2024-03"
    assert review["author"] == {"@type": "Organization", "name": "Reading war claims"}
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "event disputed; figure disputed"}
    assert "An official denied it." not in text  # the verdict's explanation is on the page at `url`, once
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Jane Roe"}  # the chain's origin, a named pundit
    assert item["appearance"]["headline"] == "Thousands of widgets shipped"
    assert "url" not in item["appearance"]  # the fixture report has no URL; the denial has one


def test_claimreview_appearance_points_at_the_report_url(project):
    with_url = [r for r in project.reports if r.url and any(c.verdict for c in r.claims)]
    for report in with_url:
        for review in json.loads(export.claimreview_jsonld(project, report, "https://x.test/")):
            assert review["itemReviewed"]["appearance"]["url"] == report.url
    verdicts = [c.verdict.overall for r in project.reports for c in r.claims if c.verdict]
    assert verdicts, "the project data has verdicts to publish"
    assert all(export.RATING_SCALE[v] in range(1, 6) for v in verdicts)


def test_claimreview_rates_a_claim_by_its_weaker_part(project):
    report = project.report("2024-10-secret-weapon-of-russia")
    reviews = {r["url"].rsplit("#next-", 1)[1]: r for r in json.loads(export.claimreview_jsonld(project, report, "x/"))}
    rating = reviews["zelensky-two-brigades"]["reviewRating"]
    assert (rating["ratingValue"], rating["alternateName"]) == (3, "event confirmed; figure unproven")
    assert reviews["north-korea-groundless"]["reviewRating"]["alternateName"] == "false"


def test_rating_scale_orders_the_verdicts():
    assert sorted(export.RATING_SCALE, key=export.RATING_SCALE.get) == [
        "false", "disputed", "unproven", "supported", "confirmed"]


def test_claimreview_is_safe_inside_a_script_element(valid_data):
    hostile = "Widgets </script><script>alert(1)</script> <!-- & done"
    data = add_verdict(valid_data, claim_text=f"'{hostile}'")
    text = export.claimreview_jsonld(data, data.report(WIDGETS), "https://example.org/?a=1&b=<2>")
    assert not re.search(r"[<>&]", text)
    assert "\\u003c/script\\u003e" in text and "\\u0026" in text
    (review,) = json.loads(text)
    assert review["claimReviewed"] == hostile
    assert review["url"] == "https://example.org/?a=1&b=<2>#next-widgets"


# --- documentation -----------------------------------------------------------------


def test_every_csv_column_is_documented():
    page = (PROJECT / "docs" / "contributing" / "data-export.md").read_text()
    documented = re.findall(r"^\| `(\w+)` \|", page, re.MULTILINE)
    assert documented[: len(export.CSV_COLUMNS)] == export.CSV_COLUMNS
