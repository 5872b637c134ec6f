"""Every limit on what one data file may hold, in one place.

Data files come from strangers' pull requests, so anything a file can make the
build do (read, parse, compare, render) must be bounded by the file itself:
its size, its nesting, and how many items each of its lists holds. Each limit
is generous for real reports (several times the largest in data/) and is
listed in docs/contributing/checks.md; change both together.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem

# --- reading a file -------------------------------------------------------------

MAX_FILE_BYTES = 256 * 1024  # one data file; larger ones are refused before they are read
MAX_DEPTH = 32  # nested lists and mappings
MAX_KEY_CHARS = 64  # a field name longer than this is not one of ours

# --- items per list, by kind of file -------------------------------------------
# Keys are field paths with '*' for "every item"; a list not named here may hold
# DEFAULT_MAX_ITEMS. Both the old and the new name of a renamed list are kept
# (claims.*.hedges / claims.*.cues) so a rename cannot lift a limit by accident.

DEFAULT_MAX_ITEMS = 1000

MAX_ITEMS: dict[str, dict[tuple[str, ...], int]] = {
    "report": {
        ("claims",): 200,
        ("claims", "*", "quantities"): 20,
        ("claims", "*", "attribution"): 12,
        ("claims", "*", "hedges"): 40,
        ("claims", "*", "cues"): 40,
        ("claims", "*", "stance"): 50,
        ("claims", "*", "verdict", "evidence"): 50,
        ("claims", "*", "verdicts"): 20,
        ("claims", "*", "verdicts", "*", "evidence"): 50,
        ("claims", "*", "also_attributed"): 12,
        ("claims", "*", "also_attributed", "*", "chain"): 12,
        ("claims", "*", "not_cues"): 40,
        ("claims", "*", "taken_up_by"): 50,
        ("claims", "*", "sic"): 20,
        ("artefacts",): 100,
        ("wire",): 20,
    },
    "sources": {("sources",): 5000},
    "cases": {("cases",): 200},
    "measures": {("measures",): 1000},
    # The cue lexicon may be long: the detector is built for tens of thousands of cues.
    "hedges": {("categories",): 100, ("categories", "*", "cues"): 25_000},
    "events": {("events",): 5000, ("events", "*", "evidence"): 50},
    "glossary": {("terms",): 1000, ("terms", "*", "see_also"): 20},
    "lesson": {("exercises",): 100, ("quiz",): 100, ("readings",): 50},
}

# Which kind of file a model class reads (the loader knows the model, not the kind).
KIND_OF_MODEL = {
    "Report": "report",
    "SourcesFile": "sources",
    "CasesFile": "cases",
    "MeasuresFile": "measures",
    "HedgesFile": "hedges",
    "CuesFile": "hedges",
    "EventsFile": "events",
    "GlossaryFile": "glossary",
    "Lesson": "lesson",
}

NOUN = {"report": "report", "lesson": "lesson"}

# --- work done for pages ----------------------------------------------------------

MAX_CHANGES_PER_CLAIM = 12  # "the headline says X; the body says Y" and the like, per claim


def count_problems(doc, model_name: str) -> list[Problem]:
    """A problem for every list in ``doc`` that holds more items than its limit.

    Runs on the plain values read from YAML, before the schema, so a file with
    100,000 figures is refused without building 100,000 objects.
    """
    kind = KIND_OF_MODEL.get(model_name, "")
    limits = MAX_ITEMS.get(kind, {})
    where = f"one {NOUN.get(kind, 'data file')}" if kind in NOUN else "one data file"
    found: list[Problem] = []

    def walk(node: Any, path: tuple, pattern: tuple) -> None:
        # (only lists and mappings are visited: this runs over every file of every build)
        if node.__class__ is dict:
            for key, child in node.items():
                if child.__class__ is dict or child.__class__ is list:
                    walk(child, path + (key,), pattern + (key,))
            return
        limit = limits.get(pattern, DEFAULT_MAX_ITEMS)
        if len(node) > limit:
            found.append(doc.problem(path, f"holds {len(node):,} items; at most {limit:,} are allowed "
                                           f"here in {where} (limits: docs/contributing/checks.md)"))
            return  # do not walk what is already refused
        for i, child in enumerate(node):
            if child.__class__ is dict or child.__class__ is list:
                walk(child, path + (i,), pattern + ("*",))

    if doc.data.__class__ is dict or doc.data.__class__ is list:
        walk(doc.data, (), ())
    return found
