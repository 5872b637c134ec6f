"""The listings a hand-written page may call as a macro, and the Renderer method giving each.

One table for the engine adapter (which registers them) and for reading time (which counts the
words they put on a page), so that a listing added for one is known to the other.
"""

import re

LISTING_MACROS = {
    "cases_list": "cases_list",
    "cases_index": "cases_index",
    "reports_index": "reports_index",
    "sources_index": "sources_index",
    "trackers_index": "trackers_index",
    "timeline": "timeline",
    "translation_artefacts": "artefacts_page",
    "data_quality": "quality_page",
    "cue_legend": "cue_legend",
    "overview_charts": "overview_charts",
}
# A macro call in a page's Markdown: its name and its one quoted argument, if any (``{{ term("hedging") }}``).
MACRO_CALL = re.compile(r"\{\{\s*([a-z_]+)\(\s*(?:\"([^\"]*)\"|'([^']*)')?\s*\)\s*\}\}")


def listings_called(markdown: str) -> list[str]:
    """The Renderer methods of the listing macros a page's Markdown calls (``{{ reports_index() }}``), each
    once: a build starts rendering them before MkDocs reaches the page (sitebuild.Build.prepare)."""
    return list(dict.fromkeys(LISTING_MACROS[name] for name, double, single in MACRO_CALL.findall(markdown)
                              if name in LISTING_MACROS and not (double or single)))
