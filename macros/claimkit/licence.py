"""The terms of reuse, in one place for the data export (the footer, README and LICENSE files say
the same; tests/test_licence.py keeps them in step).

Code is MIT; the site's own text and data are CC BY 4.0; the news excerpts quoted in the data are
not the project's to license: they belong to their publishers and are quoted for criticism and
teaching, which is why quotes stay short.
"""

from __future__ import annotations

CODE_LICENCE = "MIT"
CONTENT_LICENCE = "CC-BY-4.0"  # SPDX identifier
CONTENT_LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
EXCERPTS = ("Quoted news excerpts belong to their publishers and are quoted for criticism and teaching; "
            "they are not covered by the licence.")


def export_metadata() -> dict:
    """The licence block of the JSON export (and, as Dublin Core terms, of the CSV's metadata file)."""
    return {
        "licence": CONTENT_LICENCE,
        "licence_name": CONTENT_LICENCE_NAME,
        "licence_url": CONTENT_LICENCE_URL,
        "excerpts": EXCERPTS,
        "code_licence": CODE_LICENCE,
    }
