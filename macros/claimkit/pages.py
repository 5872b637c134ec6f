"""Where each generated page lives, and links between pages.

One place decides the site's URL layout, so the MkDocs hook (which creates
the pages) and the renderer (which links them) can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset

# kind of generated page -> (folder, Renderer method that renders it)
SECTIONS = {
    "report": ("reports", "report_page"),
    "source": ("sources", "source_page"),
    "tracker": ("trackers", "tracker_page"),
    "case": ("cases", "case_page"),
    # what later reports made of a report's claims, and their verdicts: a page of its own, one click
    # from the report, so that the report page stays short and the answers come after the reading
    "next": ("next", "next_page"),
}
# The whole source of every generated page. Nothing from the data is in it, and mkdocs-macros is
# told not to render it: the hook renders the page from the validated id (no Jinja pass per page).
STUB = "---\nrender_macros: false\n---\n"
# A "what happened next" page shows other reports' claims, each searchable on its own page: it stays
# out of the search index, as it was when it was part of the report page.
UNSEARCHED_STUB = "---\nrender_macros: false\nsearch:\n  exclude: true\n---\n"


@dataclass(frozen=True)
class GeneratedPage:
    kind: str
    key: str  # a validated slug id: the only data that enters page source
    title: str  # plain text; the hook escapes it before the theme sees it

    @property
    def src_uri(self) -> str:
        return src_uri(self.kind, self.key)

    @property
    def renderer_method(self) -> str:
        return SECTIONS[self.kind][1]

    @property
    def stub(self) -> str:
        return UNSEARCHED_STUB if self.kind == "next" else STUB


def next_title(report_title: str) -> str:
    """The title of a report's "what happened next" page: its tab, its heading and its <h1> for the theme."""
    return f"What happened next: {report_title}"


def src_uri(kind: str, key: str) -> str:
    return f"{SECTIONS[kind][0]}/{key}.md"


def generated_pages(data: Dataset) -> list[GeneratedPage]:
    """Every page made from data: one per case, two per report (the report, what happened next), one per
    source, and one per measure with figures."""
    plan = [GeneratedPage("case", c.id, c.title) for c in data.cases.values()]
    plan += [GeneratedPage("report", r.id, r.title) for r in data.reports]
    plan += [GeneratedPage("next", r.id, next_title(r.title)) for r in data.reports]
    plan += [GeneratedPage("source", s.id, s.name) for s in data.sources.values()]
    measured = {q.measure for r in data.reports for c in r.claims for q in c.quantities}
    plan += [GeneratedPage("tracker", m.id, m.label) for m in data.measures.values() if m.id in measured]
    return plan


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, relative to the site root."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else f"{folder}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_link(from_url: str, to_url: str) -> str:
    """Link from one page URL to another, as a relative href that also works from file://.

    Site URLs are clean relative paths ("reports/x/", "charts.html", "charts/a.svg"), so this
    works on path segments (posixpath.relpath took a tenth of a 1,000-report build). A page in
    the root folder ("charts.html", "") has no folder segments.
    """
    from_parts = from_url.split("/")[:-1]  # the folders the page is in
    to_parts = to_url.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    target = "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
    return target or "./"
