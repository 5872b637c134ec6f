"""Where each generated page lives, and links between pages.

One place decides the site's URL layout, so the MkDocs hook (which creates
the pages) and the renderer (which links them) can never disagree.
"""

from __future__ import annotations

import posixpath

REPORTS_SECTION = "reports"


def report_src_uri(report_id: str) -> str:
    return f"{REPORTS_SECTION}/{report_id}.md"


def report_stub(report_id: str) -> str:
    """The whole Markdown source of a generated report page: one macro call with a validated id.

    No data text ever enters page source, so nothing from data is run as a template.
    """
    return f'{{{{ report_page("{report_id}") }}}}\n'


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, relative to the site root."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else f"{folder}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_link(from_url: str, to_url: str) -> str:
    """Link from one page URL to another, as a relative href that also works from file://."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return target
