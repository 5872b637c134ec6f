"""Open data published with the site: every claim as JSON and CSV, and ClaimReview JSON-LD.

Pure functions over a validated :class:`Dataset`; they return text and never
touch files or MkDocs. The build writes ``data/claims.json`` and
``data/claims.csv`` next to the pages and embeds :func:`claimreview_jsonld` in
report pages. The columns are documented in docs/contributing/data-export.md;
a test keeps :data:`CSV_COLUMNS` and that page in step.

Output is deterministic (reports by date then id, claims in file order, no
time stamps), so an unchanged dataset gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from . import analysis, licence, pages
from .dataset import Dataset
from .model import Claim, Report, Source

FORMAT_VERSION = 2  # 2: cues with kinds (was hedges), split verdicts, figure kinds, independent chains

CSV_COLUMNS = [
    "report_id",
    "case",
    "report_date",
    "date_precision",
    "outlet",
    "outlet_kind",
    "headline",
    "claim_id",
    "where",
    "quote",
    "claim",
    "status",
    "chain",
    "origin",
    "origin_kind",
    "origin_named",
    "rests_on_unnamed",
    "cues",
    "quantities",
    "verdict_event",
    "verdict_figure",
    "verdict_as_of",
    "page_url",
]

# A verdict's rating on the 1-5 scale schema.org's Rating expects (5 best: the claim holds).
RATING_SCALE = {"false": 1, "disputed": 2, "unproven": 3, "supported": 4, "confirmed": 5}
_PERSON_KINDS = {"pundit", "expert", "official"}


def claim_url(report: Report, claim: Claim, *, base_url: str = "", directory_urls: bool = True) -> str:
    """Address of a claim on the site: the report page plus ``#claim-<id>``."""
    page = pages.page_url(pages.src_uri("report", report.id), directory_urls)
    return f"{_base(base_url)}{page}#claim-{claim.id}"


def _base(base_url: str) -> str:
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


# --- JSON -------------------------------------------------------------------------


def claims_json(dataset: Dataset, *, base_url: str = "", directory_urls: bool = True) -> str:
    """Every claim, one object each, with its report, chain, hedges, figures and verdict."""
    records = [
        _claim_record(dataset, report, claim, base_url, directory_urls)
        for report in dataset.reports
        for claim in report.claims
    ]
    document = {"format": "reading-war-claims/claims", "version": FORMAT_VERSION,
                "licence": licence.export_metadata(), "claims": records}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _claim_record(dataset: Dataset, report: Report, claim: Claim, base_url: str, directory_urls: bool) -> dict:
    sources = dataset.sources
    outlet = sources[report.outlet]
    origin = analysis.origin(claim, sources)
    return {
        "report_id": report.id,
        "case": report.case,
        "report_date": report.published,
        "date_precision": report.date.precision,
        "outlet": outlet.id,
        "outlet_name": outlet.name,
        "outlet_kind": outlet.kind,
        "headline": report.headline,
        "working_title": report.working_title,
        "no_headline": report.no_headline,
        "wire": [w.source for w in report.wire],
        "language": report.language,
        "translation": report.translation,
        "report_url": report.url,
        "claim_id": claim.id,
        "where": claim.where,
        "quote": claim.quote,
        "claim": claim.claim,
        "status": claim.status,
        "chain": [
            {"source": step.source, "name": sources[step.source].name, "kind": sources[step.source].kind,
             "named": sources[step.source].named, "how": step.how, "words": step.words}
            for step in claim.attribution
        ],
        "also_attributed": [
            [{"source": step.source, "name": sources[step.source].name, "kind": sources[step.source].kind,
              "named": sources[step.source].named, "how": step.how, "words": step.words} for step in extra.chain]
            for extra in claim.also_attributed
        ],
        "origin": origin.id if origin else None,
        "origin_kind": origin.kind if origin else None,
        "origin_named": origin.named if origin else None,
        "rests_on_unnamed": analysis.rests_on_unnamed(claim, sources),
        "cues": [{"text": c.text, "category": c.category, "kind": dataset.cue_categories[c.category].kind}
                 for c in claim.cues],
        "quantities": [
            {"measure": q.measure, "unit": dataset.measures[q.measure].unit, "kind": q.kind, "value": q.value,
             "min": q.min, "max": q.max, "qualifier": q.qualifier, "as_printed": q.as_printed,
             "interpreted": q.interpreted, "by": q.by}
            for q in claim.quantities
        ],
        "stance": [{"claim": s.about, "relation": s.relation} for s in dataset.stances(report, claim)],
        "followed_up_by": [
            {"claim": f.by.key, "relation": f.stance.relation} for f in dataset.follow_ups(report, claim)
        ],
        "verdict": (
            {"event": claim.verdict.event, "about": claim.verdict.about, "figure": claim.verdict.figure,
             "overall": claim.verdict.overall, "as_of": claim.verdict.as_of,
             "explanation": claim.verdict.explanation, "evidence": list(claim.verdict.evidence)}
            if claim.verdict else None
        ),
        "page_url": claim_url(report, claim, base_url=base_url, directory_urls=directory_urls),
    }


# --- CSV --------------------------------------------------------------------------

# Spreadsheet programs run a cell that starts with one of these as a formula; data comes
# from strangers' pull requests, so such a cell gets a leading apostrophe (OWASP advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def claims_csv(dataset: Dataset, *, base_url: str = "", directory_urls: bool = True) -> str:
    """One row per claim, columns :data:`CSV_COLUMNS`, RFC 4180 quoting, UTF-8 text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for report in dataset.reports:
        for claim in report.claims:
            row = _csv_row(_claim_record(dataset, report, claim, base_url, directory_urls))
            writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def claims_csv_metadata(csv_name: str = "claims.csv") -> str:
    """W3C CSV on the Web metadata for the CSV file: its licence and columns. A CSV file has no
    place for metadata; CSVW tools find ``claims.csv-metadata.json`` next to ``claims.csv``."""
    document = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_name,
        "dc:license": {"@id": licence.CONTENT_LICENCE_URL},
        "dc:rights": licence.EXCERPTS,
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {"columns": [{"name": column, "titles": column} for column in CSV_COLUMNS]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_SAME_IN_CSV = ("report_id", "case", "report_date", "date_precision", "outlet", "outlet_kind", "claim_id", "where",
                "quote", "claim", "status", "page_url")


def _csv_row(record: dict) -> dict:
    """One CSV row: the JSON record flattened (lists joined, booleans as words, nothing as '')."""
    verdict = record["verdict"] or {}
    return {
        **{column: record[column] for column in _SAME_IN_CSV},
        "headline": record["headline"] or "",
        "chain": ">".join(step["source"] for step in record["chain"]),
        "origin": record["origin"] or "",
        "origin_kind": record["origin_kind"] or "",
        "origin_named": "" if record["origin_named"] is None else _bool(record["origin_named"]),
        "rests_on_unnamed": _bool(record["rests_on_unnamed"]),
        "cues": ";".join(f"{_escape_list(c['text'])}|{c['category']}" for c in record["cues"]),
        "quantities": ";".join(_quantity(q) for q in record["quantities"]),
        "verdict_event": verdict.get("event", ""),
        "verdict_figure": verdict.get("figure") or "",
        "verdict_as_of": verdict.get("as_of", ""),
    }


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _escape_list(text: str) -> str:
    """Cue text inside the `cues` column: backslash-escape the separators."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace("|", "\\|")


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _quantity(q: dict) -> str:
    figure = _number(q["value"]) if q["value"] is not None else f"{_number(q['min'])}-{_number(q['max'])}"
    extra = "".join(f" {flag}" for flag in (q["kind"] if q["kind"] != "total" else "",
                                            "interpreted" if q["interpreted"] else "") if flag)
    return f"{q['measure']}={figure} {q['qualifier']}{extra}"


# --- ClaimReview JSON-LD ----------------------------------------------------------


def claimreview_jsonld(
    dataset: Dataset, report: Report, page_url: str, *, site_name: str | None = None
) -> str | None:
    """schema.org ClaimReview objects for a report's claims that have a verdict, or None.

    ``page_url`` is the address of the report's "what happened next" page, where the verdicts and
    their explanations are (absolute when the site has a ``site_url``). The result is safe inside
    ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` are written as JSON escapes, so
    data can never close the script element or open a comment.
    """
    reviews = [
        _claim_review(dataset, report, claim, page_url, site_name)
        for claim in report.claims
        if claim.verdict is not None
    ]
    if not reviews:
        return None
    return script_safe_json(reviews)


def script_safe_json(value: Any) -> str:
    """JSON for a ``<script>`` element, by Jinja2's ``htmlsafe_json_dumps`` (``<``, ``>``, ``&``, ``'`` escaped);
    compact, as it is in every report page's head."""
    return str(htmlsafe_json_dumps(value, ensure_ascii=False, separators=(",", ":")))


def _claim_review(dataset: Dataset, report: Report, claim: Claim, page_url: str,
                  site_name: str | None) -> dict:
    verdict = claim.verdict
    outlet = dataset.sources[report.outlet]
    author = analysis.origin(claim, dataset.sources) or outlet  # no chain: the outlet's own voice
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": report.title,
        "datePublished": report.published,
        "publisher": {"@type": "Organization", "name": outlet.name},
    }
    if report.url:
        appearance["url"] = report.url
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#next-{claim.id}",  # the verdict and its explanation, on the "what happened next" page
        "claimReviewed": claim.claim,
        "datePublished": verdict.as_of,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[verdict.overall],  # the weaker part: a claim holds as far as its number
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": verdict_words(verdict),  # (its explanation is on the page at `url`, not repeated)
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _agent(author),
            "datePublished": report.published,
            "appearance": appearance,
        },
    }
    if site_name:
        review["author"] = {"@type": "Organization", "name": site_name}
    return review


def verdict_words(verdict) -> str:
    """'event confirmed; figure unproven' (or just 'false' for a claim without figures)."""
    if verdict.figure is None:
        return verdict.event
    return f"event {verdict.event}; figure {verdict.figure}"


def _agent(source: Source) -> dict:
    kind = "Person" if source.named and source.kind in _PERSON_KINDS else "Organization"
    return {"@type": kind, "name": source.name}
