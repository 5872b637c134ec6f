"""Turn validated data into finished, escaped HTML for pages.

One Jinja environment with autoescape on: every value from data is escaped
exactly once, and data is only ever passed *into* templates, never rendered
as one.

The Jinja set-up is in ``templating.py``; how finished HTML reaches the page after Markdown
(sections and slots) in ``slots.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup, escape

from . import (
    analysis,
    case_charts,
    cases,
    charts,
    cue_eval,
    export,
    figures,
    labels,
    pages,
    practice,
    quote_lang,
    quote_markup,
    reads,
)
from .cues import CueDetector, compare, marked_claim, tally
from .dataset import ClaimRef, Dataset
from .listing_macros import LISTING_MACROS
from .model import Case, Claim, Event, Report
from .slots import (
    GeneratedOutput as GeneratedOutput,
    Section,
    deferred as deferred,
    fill_slots as fill_slots,
    slotted,
)
from .templating import (
    TEMPLATES as TEMPLATES,
    first_sentence as first_sentence,
    template_environment,
)

CHARTS_FOLDER = "charts"  # SVG charts are published under this folder of the site
TIMELINE_CHARTS = ("overview-timeline", "overview-status-by-year")  # shown on the timeline page too
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)  # headings written in templates (fixed text, never data)
EXPORTS = ("claims.json", "claims.csv", "claims.csv-metadata.json")  # published under data/ (export_file)


class Renderer:
    """Renders pages for one dataset. Create once per build; templates compile once.

    Its indexes across reports are tables (reads.table): a page that looks up one key depends on that
    key's entry only. ``slots`` may be shared with whoever fills pages (site.py), so that HTML from the
    render cache and HTML rendered now go into pages the same way.
    """

    def __init__(self, dataset: Dataset, *, directory_urls: bool = True, slots: dict[str, list[str]] | None = None,
                 lessons: list | Callable[[], list] | None = None):
        self.data = dataset
        self.directory_urls = directory_urls
        self._slots: dict[str, list[str]] = {} if slots is None else slots  # page URL -> HTML of its sections
        self._lessons = lessons  # the course's lessons, or a call that loads them (see use_lessons)
        self._listings: dict[tuple[str, str], tuple[str, frozenset]] = {}  # see listing

    def lookup(self, table: str, key: str):
        """An entry of one of this renderer's tables or of the dataset's (for reads.Fingerprints)."""
        if table.partition("/")[0] in getattr(type(self), "_tables", {}):
            return reads.table_lookup(self, table, key)
        return self.data.lookup(table, key)

    @cached_property
    def env(self) -> jinja2.Environment:
        env = template_environment(auto_reload=False)
        env.filters["quoted"] = lambda text: quote_lang.mark_quotes(text, self._foreign_quotes)
        return env

    def prepare_for_workers(self) -> None:
        """Build now every index that pages share and compile every template (both are made when first
        used): workers forked after this share them instead of each making its own."""
        for descriptor in type(self)._tables.values():
            if descriptor.shared:
                getattr(self, descriptor.attr)
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)

    @reads.table("foreign_quotes")
    def _foreign_quotes(self) -> dict[str, str]:
        """Quoted text -> its language: a page notes each quoted run it looks up, not every report."""
        return quote_lang.foreign_quotes(self.data.reports)

    # --- slots: finished HTML delivered after Markdown -------------------------

    def _slotted(self, page_url: str, sections: list[Section]) -> str:
        """Markdown for a page's sections; their HTML waits in slots (a page may call several macros)."""
        return slotted(self._slots, page_url, sections)

    def _sectioned(self, page_url: str, html: str, search: str = "") -> str:
        """Slot a rendered template, keeping its fixed `## ` heading lines as Markdown headings."""
        chunks = _HEADING.split(html)
        sections = [Section(None, chunks[0].strip(), search)]
        sections += [Section(h, body.strip()) for h, body in zip(chunks[1::2], chunks[2::2], strict=False)]
        return self._slotted(page_url, sections)

    def deferred(self, page_url: str, html: str, search: str = "") -> str:
        """One block of finished HTML, delivered after Markdown (for listing macros)."""
        return deferred(self._slots, page_url, html, search)

    def fill_slots(self, page_url: str, html: str) -> str:
        """Put each section's finished HTML in place of its placeholder (once per page)."""
        return fill_slots(self._slots, page_url, html)

    def full_page(self, method: str, key: str, page_url: str) -> str:
        """A generated page's whole content as HTML, slots filled (for tests and tools)."""
        return self.fill_slots(page_url, getattr(self, method)(key, page_url))

    # --- charts ----------------------------------------------------------------

    @staticmethod
    def chart_src_uri(spec: figures.FigureSpec) -> str:
        return f"{CHARTS_FOLDER}/{charts.chart_hash(spec)}.svg"

    def figure(self, spec: figures.FigureSpec, page_url: str) -> str:
        """A chart drawn as an SVG image (see chart_specs), or its message when there is too little data."""
        src = pages.relative_link(page_url, self.chart_src_uri(spec)) if spec.has_chart else ""
        return self.env.get_template("figure.html").render(spec=spec, src=src).strip()

    def html_bars(self, spec: figures.FigureSpec) -> str:
        """A per-report chart drawn in HTML and CSS: no image per report, whatever the number of reports."""
        return self.env.get_template("figure_bars.html").render(spec=spec).strip()

    @reads.table("tracker_specs", nested=True)
    def _tracker_specs(self) -> dict[str, dict[str, figures.FigureSpec]]:
        """case id -> measure id -> the chart of that case's figures, computed once per build (the hook
        and three pages use them; see case_charts)."""
        shared = {m for m, found in self._measure_cases.items() if len(found) > 1}
        return {case_id: case_charts.tracker_figures(sub, case_id, shared) for case_id, sub in self._case_data.items()}

    @reads.table("overview_specs", nested=True)
    def _overview_specs(self) -> dict[str, dict[str, figures.FigureSpec]]:
        """case id -> overview key -> that case's chart."""
        return {case_id: case_charts.overview_figures(sub, case_id) for case_id, sub in self._case_data.items()}

    @reads.table("across_specs")
    def _across_specs(self) -> list[figures.FigureSpec]:
        return case_charts.across_cases_figures(self.data)

    def chart_specs(self) -> list[figures.FigureSpec]:
        """Every chart drawn as an SVG image (per-report bars are HTML, see html_bars())."""
        specs = [s for by_measure in self._tracker_specs.values() for s in by_measure.values()]
        specs += [s for by_key in self._overview_specs.values() for s in by_key.values()]
        return [s for s in specs + self._across_specs if s.has_chart]

    # --- indexes computed once per build ------------------------------------

    @reads.table("by_source")
    def _by_source(self):
        return analysis.claims_by_source(self.data)

    @reads.table("by_outlet")
    def _by_outlet(self):
        return analysis.reports_by_outlet(self.data)

    @reads.table("case_data")
    def _case_data(self) -> dict[str, Dataset]:
        """Each case's own reports and events, as a dataset (see cases.case_dataset)."""
        return {case_id: cases.case_dataset(self.data, case_id) for case_id in self.data.cases}

    @reads.table("case_by_source", nested=True)
    def _case_by_source(self) -> dict[str, dict]:
        return {case_id: analysis.claims_by_source(sub) for case_id, sub in self._case_data.items()}

    @reads.table("case_by_measure", nested=True)
    def _case_by_measure(self) -> dict[str, dict]:
        return {case_id: analysis.figures_by_measure(sub) for case_id, sub in self._case_data.items()}

    @reads.table("measure_cases")
    def _measure_cases(self) -> dict[str, list[str]]:
        return cases.measure_cases(self.data)

    @reads.table("source_cases")
    def _source_cases(self) -> dict[str, list[str]]:
        return cases.source_cases(self.data)

    @reads.table("lessons_by_case", shared=False)
    def _lessons_by_case(self) -> dict[str, list]:
        """case id -> the lessons drawing on it (none when the renderer was given no lessons)."""
        lessons = self._lessons() if callable(self._lessons) else self._lessons
        return cases.lessons_by_case(self.data, lessons or [])

    @reads.derived
    def _cue_slots(self) -> dict[str, int]:
        return labels.cue_slots(self.data.cue_categories)

    @reads.derived
    def detector(self) -> CueDetector:
        return CueDetector(self.data.cue_categories)

    # --- what the build publishes (each a job of the render cache) ---------------

    def generated_pages(self) -> list[pages.GeneratedPage]:
        return pages.generated_pages(self.data)

    def export_file(self, name: str, *, base_url: str = "") -> str:
        """One file of the open data published under data/ (docs/contributing/data-export.md)."""
        options = {"base_url": base_url, "directory_urls": self.directory_urls}
        if name == "claims.json":
            return export.claims_json(self.data, **options)
        if name == "claims.csv":
            return export.claims_csv(self.data, **options)
        if name == "claims.csv-metadata.json":
            return export.claims_csv_metadata()
        raise ValueError(f"no export named {name!r}")

    @cached_property
    def _without_lessons(self) -> Renderer:
        """A renderer of the same data given no lessons: the course times its readings with one. It uses
        this renderer's indexes (built once), all but the lessons'."""
        twin = Renderer(self.data, directory_urls=self.directory_urls)
        twin._tables_from = self
        twin._listings = self._listings
        twin.__dict__["env"] = self.env  # (its templates compiled once; its filter reads the shared tables)
        return twin

    def reading_words(self, src: str, anchor: str | None, docs_dir: str | None) -> int | None:
        """The visible words of a page a lesson's reading links to (course_timing.page_words), as the
        course counts them; a job of the render cache like a page."""
        from .course_timing import page_words  # (course_timing renders pages with this module)

        return page_words(self._without_lessons, Path(docs_dir) if docs_dir else None, src, anchor)

    def listing(self, method: str, page_url: str) -> str:
        """A listing macro's HTML (listing_macros.py), rendered once per page for this renderer and its twin
        without lessons: the course counts the words of a page with listings before MkDocs renders that
        page. A listing that read the lessons is not kept, as the twin has none."""
        if method not in LISTING_MACROS.values():
            raise ValueError(f"{method!r} is not a listing")
        kept = self._listings.get((method, page_url))
        if kept is not None:
            reads.note_all(kept[1])
            return kept[0]
        with reads.recording() as seen:
            html = getattr(self, method)(page_url)
        if not any(read[0] == "lessons_by_case" for read in seen):
            self._listings[method, page_url] = (html, frozenset(seen))
        return html

    # --- pages --------------------------------------------------------------

    def generated(self, kind: str, key: str, page_url: str, *, site_url: str = "", site_name: str = "") -> GeneratedOutput:
        """A whole generated page (pages.SECTIONS): Markdown, slots and head, as the render cache keeps it."""
        markdown = getattr(self, pages.SECTIONS[kind][1])(key, page_url)
        head = ""
        if kind == "next":  # schema.org ClaimReview data for the claims with a verdict, beside the verdicts
            address = urljoin(site_url, page_url) if site_url else page_url
            jsonld = export.claimreview_jsonld(self.data, self.data.report(key), address, site_name=site_name)
            if jsonld:  # already escaped for a <script> element by export.py
                head = f'<script type="application/ld+json">\n{jsonld}\n</script>\n'
        return GeneratedOutput(markdown, self._slots.pop(page_url), head)

    def report_page(self, report_id: str, page_url: str) -> str:
        """A report page, short by default: the quotes to practise on first (report_practice.html), then
        each claim with its quote, plain words and who says so, and the questions to ask once per page;
        facts, charts, trails and tables are folded one click away (report_more.html)."""
        report = self.data.report(report_id)
        sources = self.data.sources
        used = [c for c in self.data.cue_categories.values() if any(
            cue.category == c.id for cl in report.claims for cue in cl.cues)]
        views = [self._claim_view(report, claim, n) for n, claim in enumerate(report.claims, start=1)]
        context = dict(
            report=report,
            case=self.data.cases[report.case],
            outlet=sources[report.outlet],
            claims=views,
            report_sources=self._sources_of(report),
            glance={
                "claims": len(report.claims),
                "unnamed_share": analysis.unnamed_share(report, sources),
                "unnamed_count": sum(analysis.rests_on_unnamed(c, sources) for c in report.claims),
                "density": analysis.hedge_density(report, self.data.cue_categories),
                "kinds": analysis.kind_counts(report, self.data.cue_categories),
                "words": analysis.quoted_words(report),
            },
            used_categories=used,
            questions=analysis.page_questions(self.data, report),
            earlier=self._earlier(views),
            practice=self._practice_page(report),
            charts=Markup("\n".join(self.html_bars(f) for f in figures.report_figures(self.data, report))),
        )
        sections = [
            Section(None, self._render("report_head.html", page_url, **context),
                    search=self._search_title(report.title) + self._search_text(report.summary)),
            Section("Claims", self._render("report_claims.html", page_url, **context),
                    search=self._search_text(*(f"“{c.quote}” {c.claim}" for c in report.claims))),
            Section("Questions to ask", self._render("report_questions.html", page_url, **context)),
            Section("More about this report", self._render("report_more.html", page_url, **context),
                    search=self._search_text(*(a.printed for a in report.artefacts))),
        ]
        return self._slotted(page_url, sections)

    def next_page(self, report_id: str, page_url: str) -> str:
        """What later reports made of a report's claims (the trail of each) and the verdicts: the answers to
        "what happened next?", on a page of their own that the report page links to."""
        report = self.data.report(report_id)
        claims = [self._next_view(report, claim, n) for n, claim in enumerate(report.claims, start=1)]
        title = pages.next_title(report.title)
        context = dict(report=report, case=self.data.cases[report.case], outlet=self.data.sources[report.outlet],
                       claims=claims, title=title)
        return self._slotted(page_url, [
            Section(None, self._render("next_head.html", page_url, **context), search=self._search_title(title)),
            Section("What later reports said", self._render("report_next.html", page_url, **context)),
        ])

    def _next_view(self, report: Report, claim: Claim, number: int) -> dict:
        return {
            "claim": claim,
            "number": number,
            "trail": analysis.trail(self.data, report, claim),
            "evidence": self._first_per_report(claim.verdict.evidence if claim.verdict else []),
        }

    def _practice_page(self, report: Report) -> dict:
        """What the practice panel says and what practice.js needs beyond each claim's key."""
        categories = self.data.cue_categories
        examples: dict[str, list[str]] = {kind: [] for kind in labels.CUE_KINDS}
        for category in categories.values():  # one example per category, in lexicon order
            if category.cues and len(examples[category.kind]) < 2:
                examples[category.kind].append(category.cues[0])
        return {
            "minutes": max(3, -(-analysis.quoted_words(report) // 50)),  # about 50 quoted words a minute
            "examples": examples,
            "hints": practice.KIND_HINTS,
            "kinds": {kind: {"singular": labels.CUE_KINDS_SINGULAR[kind], "plural": labels.CUE_KINDS_PLURAL[kind]}
                      for kind in labels.CUE_KINDS},
            "categories": {c.id: {"label": c.label, "kind": c.kind} for c in categories.values()},
        }

    @staticmethod
    def _earlier(views: list[dict]) -> list[dict]:
        """Each earlier claim this report's claims take a stance on, once per page, with the claims that
        take it up by relation (three claims repeating one earlier claim make one entry, not three)."""
        groups: dict[str, dict] = {}
        for view in views:
            for ref, stance in view["earlier"]:
                group = groups.setdefault(ref.key, {"ref": ref, "relations": {}, "notes": []})
                numbers = group["relations"].setdefault(stance.relation, [])
                if view["number"] not in numbers:
                    numbers.append(view["number"])
                if stance.note and stance.note not in group["notes"]:
                    group["notes"].append(stance.note)
        return list(groups.values())

    @staticmethod
    def _search_title(title: str) -> str:
        """The page's <h1> as Markdown and the theme see it (else Material adds a second one)."""
        return str(Markup("<h1>{}</h1>").format(title))

    @staticmethod
    def _search_text(*paragraphs: str) -> str:
        return "".join(str(Markup("<p>{}</p>").format(escape(p))) for p in paragraphs if p)

    def source_page(self, source_id: str, page_url: str) -> str:
        """A source's page: the reports it published and the claims citing it, per case it appears in."""
        source = self.data.sources[source_id]
        groups = []
        for case_id in self._source_cases.get(source_id, []):
            published = [r for r in self._by_outlet.get(source_id, []) if r.case == case_id]
            groups.append({"case": self.data.cases[case_id], "published": list(reversed(published)),
                           "cited": self._case_by_source[case_id].get(source_id, [])})
        html = self._render(
            "source.html",
            page_url,
            source=source,
            groups=groups,
            published=any(g["published"] for g in groups),
        )
        return self._sectioned(page_url, html, self._search_title(source.name) + self._search_text(source.description))

    def tracker_page(self, measure_id: str, page_url: str) -> str:
        """A measure's figures over time, one chart and table per case that gives figures for it (a measure
        two stories share never mixes their figures)."""
        measure = self.data.measures[measure_id]
        groups = [{"case": self.data.cases[case_id], "rows": self._case_by_measure[case_id][measure_id],
                   "chart": self._tracker_specs[case_id][measure_id]}
                  for case_id in self._measure_cases.get(measure_id, [])]
        html = self._render("tracker.html", page_url, measure=measure, groups=groups,
                            count=sum(len(g["rows"]) for g in groups),
                            origin=lambda claim: analysis.origin(claim, self.data.sources))
        return self._sectioned(page_url, html,
                               self._search_title(measure.label) + self._search_text(measure.description or ""))

    def reports_index(self, page_url: str) -> str:
        """Every report, newest first, grouped by case."""
        groups = [{"case": case, "rows": [(r, self.data.sources[r.outlet]) for r in reversed(sub.reports)]}
                  for case, sub in self._cases_with_data()]
        return self._render("reports_index.html", page_url, groups=groups)

    def sources_index(self, page_url: str) -> str:
        """Every source across cases, by kind, saying which cases it appears in."""
        groups: dict[str, list] = {}
        for source in sorted(self.data.sources.values(), key=lambda s: s.name.lower()):
            groups.setdefault(source.kind, []).append(source)
        ordered = [(kind, groups[kind]) for kind in labels.SOURCE_KINDS if kind in groups]
        counts = {sid: len(refs) for sid, refs in self._by_source.items()}
        return self._render("sources_index.html", page_url, groups=ordered, counts=counts,
                            outlets={k: len(v) for k, v in self._by_outlet.items()},
                            source_cases={sid: [self.data.cases[c] for c in found]
                                          for sid, found in self._source_cases.items()},
                            all_cases=list(self.data.cases.values()))

    def trackers_index(self, page_url: str) -> str:
        """Each measure with figures, per case: a measure two cases share is listed under each, with that
        case's figures only."""
        groups = [{"case": case, "rows": self._tracker_rows(case.id)} for case, _ in self._cases_with_data()]
        return self._render("trackers_index.html", page_url, groups=groups)

    def timeline(self, page_url: str) -> str:
        """One timeline per case (its reports and events), each with its timeline charts."""
        groups = [{"case": case, "entries": self._timeline_entries(sub),
                   "charts": [spec for key, spec in self._overview_specs[case.id].items() if key in TIMELINE_CHARTS]}
                  for case, sub in self._cases_with_data()]
        return self._render("timeline.html", page_url, groups=groups, **self._timeline_helpers())

    # --- cases -------------------------------------------------------------

    def use_lessons(self, lessons: list) -> None:
        """The course's lessons (course_loader.load_course), so each case page lists those that draw on it."""
        self._lessons = lessons
        self.__dict__.pop("_lessons_by_case", None)  # built again from these lessons when next read

    def case_page(self, case_id: str, page_url: str) -> str:
        """A case study: what it is, the lessons that use it, then its reports, timeline, trackers and
        sources, each from this case only; its charts are a section of the charts page."""
        case = self.data.cases[case_id]
        sub = self._case_data[case_id]
        html = self._render(
            "case.html", page_url, case=case, reports=[(r, self.data.sources[r.outlet]) for r in sub.reports],
            others=[c for c in self.data.cases.values() if c.id != case_id],
            lessons=self._lessons_by_case.get(case_id, []), entries=self._timeline_entries(sub),
            trackers=self._tracker_rows(case_id), source_groups=self._case_sources(case_id),
            has_charts=bool(self._overview_specs[case_id]), **self._timeline_helpers(),
        )
        return self._sectioned(page_url, html, self._search_title(case.title) + self._search_text(case.summary))

    def cases_list(self, page_url: str, brief: bool = True) -> str:
        """The case studies, each with a link to its page and the first sentence of its summary (home page)."""
        items = [{"case": case, "reports": len(sub.reports), "lessons": len(self._lessons_by_case.get(case.id, []))}
                 for case, sub in self._cases_with_data()]
        return self._render("cases_list.html", page_url, items=items, brief=brief)

    def cases_index(self, page_url: str) -> str:
        """The case studies with their whole summaries (the Case studies page)."""
        return self.cases_list(page_url, brief=False)

    def _cases_with_data(self) -> list[tuple[Case, Dataset]]:
        """Each case in the order of cases.yaml, with its own reports and events."""
        return [(case, self._case_data[case.id]) for case in self.data.cases.values()]

    def _tracker_rows(self, case_id: str) -> list[tuple]:
        """(measure, number of figures, lowest, highest) for each measure the case gives figures for."""
        rows = []
        for measure in self.data.measures.values():
            found = self._case_by_measure[case_id].get(measure.id)
            if found:
                values = [v for _, q in found for v in (q.value, q.min, q.max) if v is not None]
                rows.append((measure, len(found), min(values), max(values)))
        return rows

    def _case_sources(self, case_id: str) -> list[tuple[str, list]]:
        """The sources of one case by kind, each with the number of the case's claims citing it."""
        found: dict[str, None] = {}
        for report in self._case_data[case_id].reports:
            found.update(dict.fromkeys(cases.report_source_ids(report)))
        citing = self._case_by_source[case_id]
        groups: dict[str, list] = {}
        for source in sorted((self.data.sources[s] for s in found), key=lambda s: s.name.lower()):
            groups.setdefault(source.kind, []).append((source, len(citing.get(source.id, []))))
        return [(kind, groups[kind]) for kind in labels.SOURCE_KINDS if kind in groups]

    @staticmethod
    def _timeline_entries(data: Dataset) -> list[tuple]:
        """(date, "report" or "event", item) in date order; on a day, events before the reports on them."""
        entries = [(r.date, "report", r) for r in data.reports]
        entries += [(e.when, "event", e) for e in data.events]
        entries.sort(key=lambda e: (e[0].sort_key, e[1] != "event"))
        return entries

    def _timeline_helpers(self) -> dict:
        def status_counts(report: Report) -> list[tuple[str, int]]:
            counts = Counter(c.status for c in report.claims)
            return [(status, counts[status]) for status in labels.STATUS if counts[status]]

        def reported_in(event: Event) -> list[ClaimRef]:
            """The first cited claim of each report that describes the event."""
            firsts: dict[str, ClaimRef] = {}
            for key in event.evidence:
                ref = self.data.claim(key)
                if ref:
                    firsts.setdefault(ref.report.id, ref)
            return list(firsts.values())

        return {"status_counts": status_counts, "reported_in": reported_in}

    def artefacts_page(self, page_url: str) -> str:
        reports = [r for r in self.data.reports if r.artefacts or r.translation != "none"]
        return self._render("artefacts.html", page_url, reports=reports)

    def quality_page(self, page_url: str) -> str:
        rows = []
        compared = []  # the detector runs once per quote, for the rows and the scores
        kind_of = self.detector.kind_of
        for report in self.data.reports:
            for claim in report.claims:
                marked = marked_claim(claim, kind_of)
                result = compare(self.detector, marked)
                compared.append((marked, result))
                if result.missed or result.extra:
                    rows.append((ClaimRef(report, claim), result))
        by_kind = tally(compared, (None, *labels.CUE_KINDS))
        scores_shown = [("All kinds", by_kind[None])]
        scores_shown += [(labels.CUE_KINDS_PLURAL[kind].capitalize(), by_kind[kind]) for kind in labels.CUE_KINDS]
        heldout = cue_eval.heldout_scores(self.detector)  # the detector on reports nobody tuned it to
        return self._render("quality.html", page_url, rows=rows, scores=scores_shown, heldout=heldout)

    def cue_legend(self, page_url: str) -> str:
        """Every cue category, grouped by kind, with its style and explanation (for the guide page)."""
        return self._render("cue_legend.html", page_url, used_categories=list(self.data.cue_categories.values()))

    # --- helpers ------------------------------------------------------------

    def overview_charts(self, page_url: str) -> str:
        """The charts page: each case's overview and tracker charts, then those comparing reports across cases."""
        groups = [{"case": case, "overview": list(self._overview_specs[case.id].values()),
                   "trackers": list(self._tracker_specs[case.id].values())} for case, _ in self._cases_with_data()]
        return self._render("charts_page.html", page_url, groups=groups, across=self._across_specs)

    def _render(self, template: str, page_url: str, **context) -> str:
        def link(kind: str, key: str, claim_id: str | None = None) -> str:
            target = pages.page_url(pages.src_uri(kind, key), self.directory_urls)
            href = pages.relative_link(page_url, target)
            return f"{href}#claim-{claim_id}" if claim_id else href

        def doc(path: str) -> str:
            """Link to a hand-written page, given its path under docs/."""
            return pages.relative_link(page_url, pages.page_url(path, self.directory_urls))

        def quote_html(claim, **options) -> Markup:
            return quote_markup.quote_html(claim, self.data.cue_categories, self._cue_slots, **options)

        html = self.env.get_template(template).render(
            link=link, doc=doc, sources=self.data.sources, categories=self.data.cue_categories,
            measures=self.data.measures, slot=self._cue_slots, quote_html=quote_html,
            figure=lambda spec: Markup(self.figure(spec, page_url)), **context
        )
        return html.strip() + "\n"


    def _claim_view(self, report: Report, claim: Claim, number: int) -> dict:
        sources = self.data.sources
        earlier = [(self.data.claim(s.about), s) for s in self.data.stances(report, claim)]
        return {
            "claim": claim,
            "number": number,
            "chain": [(sources[step.source], step) for step in claim.attribution],
            "more_chains": [[(sources[step.source], step) for step in extra.chain] for extra in claim.also_attributed],
            "unnamed": analysis.rests_on_unnamed(claim, sources),
            # changes that a question asks about are shown there, once (analysis.QUESTIONED_CHANGES)
            "changes": [c for c in analysis.chain_changes(self.data, report, claim)
                        if c.kind not in analysis.QUESTIONED_CHANGES],
            "earlier": [(ref, s) for ref, s in earlier if ref],
            "practice": practice.answer_key(claim, self.data.cue_categories).to_json(),
        }

    def _first_per_report(self, keys: list[str]) -> list[ClaimRef]:
        """One link per report a verdict rests on (its first claim cited), not one per claim."""
        first: dict[str, ClaimRef] = {}
        for key in keys:
            ref = self.data.claim(key)
            if ref:
                first.setdefault(ref.report.id, ref)
        return list(first.values())

    def _sources_of(self, report: Report) -> list:
        seen: dict[str, object] = {report.outlet: self.data.sources[report.outlet]}
        for wire in report.wire:
            seen.setdefault(wire.source, self.data.sources[wire.source])
        for claim in report.claims:
            for step in claim.all_steps:
                seen.setdefault(step.source, self.data.sources[step.source])
        return list(seen.values())
