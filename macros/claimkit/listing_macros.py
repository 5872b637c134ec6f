"""The listings a hand-written page may call as a macro, and the Renderer method giving each.

One table for the engine adapter (which registers them) and for reading time (which counts the
words they put on a page), so that a listing added for one is known to the other.
"""

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
