"""Turn validated data into finished, escaped HTML for pages.

One Jinja environment with autoescape on: every value from data is escaped
exactly once, and data is only ever passed *into* templates, never rendered
as one. The output is handed to Markdown as raw HTML blocks, so Markdown
syntax in data (``__init__``, ``*x*``) stays text too.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import jinja2

from . import analysis, pages
from .dataset import Dataset
from .model import Claim, Quantity, Report

TEMPLATES = Path(__file__).parent / "templates"

SOURCE_KINDS = {
    "state-media": "state media",
    "news-agency": "news agency",
    "newspaper": "newspaper",
    "tabloid": "tabloid",
    "regional-outlet": "regional outlet",
    "online-outlet": "online outlet",
    "magazine": "magazine",
    "broadcaster": "broadcaster",
    "think-tank": "think tank",
    "government": "government",
    "official": "official",
    "intelligence-agency": "intelligence agency",
    "military": "military",
    "pundit": "pundit",
    "expert": "expert",
    "unknown": "unknown kind",
}
STATUS = {
    "asserted": ("Asserted", "the report states it in its own voice"),
    "attributed": ("Attributed", "the report says someone else claims it"),
    "denied": ("Denied", "the report records a denial of it"),
    "speculated": ("Speculated", "the report presents it as a possibility, not a fact"),
}
HOW_CITED = {
    "quoted": "quoting",
    "paraphrased": "paraphrasing",
    "according-to": "according to",
    "citing": "citing",
    "unspecified": "vaguely citing",
}
QUALIFIER = {
    "exact": "",
    "about": "about ",
    "over": "over ",
    "under": "under ",
    "up-to": "up to ",
    "at-least": "at least ",
    "nearly": "nearly ",
}
RELATION = {
    "repeats": "repeats",
    "supports": "supports",
    "confirms": "confirms",
    "disputes": "disputes",
    "denies": "denies",
    "contradicts": "contradicts",
}
TRANSLATION = {"none": "original text", "human": "human translation", "machine": "machine translation"}
LANGUAGES = {"en": "English", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese",
             "ja": "Japanese", "fr": "French", "de": "German", "es": "Spanish"}


class Renderer:
    """Renders pages for one dataset. Create once per build; templates compile once."""

    def __init__(self, dataset: Dataset, *, directory_urls: bool = True):
        self.data = dataset
        self.directory_urls = directory_urls

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.globals.update(
            SOURCE_KINDS=SOURCE_KINDS, STATUS=STATUS, HOW_CITED=HOW_CITED, RELATION=RELATION,
            TRANSLATION=TRANSLATION, language=lambda code: LANGUAGES.get(code, code),
            segments=analysis.hedge_segments, quantity=describe_quantity,
        )
        return env

    # --- pages --------------------------------------------------------------

    def report_page(self, report_id: str, page_url: str) -> str:
        report = self.data.report(report_id)
        return self._render(
            "report.html",
            page_url,
            report=report,
            outlet=self.data.sources[report.outlet],
            claims=[self._claim_view(report, claim, page_url) for claim in report.claims],
            report_sources=self._sources_of(report),
        )

    def reports_index(self, page_url: str) -> str:
        rows = [(r, self.data.sources[r.outlet]) for r in reversed(self.data.reports)]
        return self._render("reports_index.html", page_url, rows=rows)

    # --- helpers ------------------------------------------------------------

    def _render(self, template: str, page_url: str, **context) -> str:
        def link(report_id: str, claim_id: str | None = None) -> str:
            target = pages.page_url(pages.report_src_uri(report_id), self.directory_urls)
            href = pages.relative_link(page_url, target)
            return f"{href}#claim-{claim_id}" if claim_id else href

        html = self.env.get_template(template).render(
            link=link, sources=self.data.sources, categories=self.data.hedge_categories,
            measures=self.data.measures, **context
        )
        return html.strip() + "\n"

    def _claim_view(self, report: Report, claim: Claim, page_url: str) -> dict:
        earlier = [(self.data.claim(s.claim), s) for s in claim.stance]
        return {
            "claim": claim,
            "chain": [(self.data.sources[step.source], step) for step in claim.attribution],
            "earlier": [(ref, s) for ref, s in earlier if ref],
            "later": self.data.follow_ups(report, claim),
        }

    def _sources_of(self, report: Report) -> list:
        seen: dict[str, object] = {report.outlet: self.data.sources[report.outlet]}
        for claim in report.claims:
            for step in claim.attribution:
                seen.setdefault(step.source, self.data.sources[step.source])
        return list(seen.values())


def describe_quantity(quantity: Quantity, unit: str) -> str:
    """'over 100,000 people', '15,000 to 86,000 soldiers per month'."""
    if quantity.value is not None:
        figure = analysis.format_number(quantity.value)
    else:
        figure = f"{analysis.format_number(quantity.min)} to {analysis.format_number(quantity.max)}"
    return f"{QUALIFIER[quantity.qualifier]}{figure} {unit}"
