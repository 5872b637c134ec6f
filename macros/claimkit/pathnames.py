"""Ids that become file and page names: refused when the name is taken or unportable.

A report id is a file name (``data/reports/<id>.yaml``) and, like a source or a
measure id, the name of a generated page (``reports/<id>.md``, and ``next/<id>.md``
for what happened next; see ``pages.py``).
So an id must not be:

* ``index``: every section has a hand-written ``index.md``, and a generated
  page of that name would replace it;
* the name of another hand-written page or folder in the same section of
  ``docs/`` (checked when the docs folder is known);
* a Windows device name (``con``, ``prn``, ``aux``, ``nul``, ``com0``-``com9``,
  ``lpt0``-``lpt9``): Windows cannot check out a file of that name, with any
  extension, nor open a page saved under it.

Refusing these at validation gives a located error with the id to change,
instead of a build that fails with advice to delete a hand-written page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem
from .pages import SECTIONS

WINDOWS_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
RESERVED = frozenset(["index"])

# Where the ids of each shared data file go: (file, list field, kind of page in pages.SECTIONS).
_SHARED_IDS = (("sources.yaml", "sources", "source"), ("measures.yaml", "measures", "tracker"))


def hand_written(docs_dir: Path | None, folder: str) -> frozenset[str]:
    """Names taken by hand-written pages and folders in ``docs/<folder>/`` (without '.md')."""
    if docs_dir is None or not (docs_dir / folder).is_dir():
        return frozenset()
    return frozenset(p.name.removesuffix(".md") for p in (docs_dir / folder).iterdir()
                     if p.suffix == ".md" or p.is_dir())


def id_problem(key: str, folder: str, taken: frozenset[str] = frozenset(), what: str = "page") -> str | None:
    """Why ``key`` cannot name a file or page in ``folder``, or None."""
    if not isinstance(key, str):
        return None  # the schema reports it
    if key in WINDOWS_DEVICE_NAMES:
        return (f"id '{key}' is a device name on Windows: a {what} named '{key}' cannot be checked out or "
                "opened there; choose another id")
    if key in RESERVED:
        return (f"id '{key}' is reserved: {folder}/index.md is the section's hand-written index page; "
                "choose another id")
    if key in taken:
        return f"id '{key}' is taken by the hand-written page docs/{folder}/{key}.md; choose another id"
    return None


def id_problems(shared: dict[str, Any], reports: list[tuple[Any, Any]], *,
                docs_dir: Path | None = None) -> list[Problem]:
    """A located problem for every report, source and measure id that cannot name its page.

    ``shared``: file name -> (model, YamlDocument) or None; ``reports``: (model, YamlDocument)
    pairs. Ids are read from the documents' plain values, so this does not depend on model fields.
    """
    docs_dir = docs_dir if docs_dir is not None and docs_dir.is_dir() else None
    problems: list[Problem] = []
    report_folders = [(SECTIONS[kind][0], hand_written(docs_dir, SECTIONS[kind][0])) for kind in ("report", "next")]
    for _, doc in reports:
        for folder, taken in report_folders:  # a report's two pages
            why = id_problem(doc.data.get("id"), folder, taken, "report file and page")
            if why:
                problems.append(doc.problem(("id",), why))
                break
    for file_name, list_field, kind in _SHARED_IDS:
        parsed = shared.get(file_name)
        if not parsed:
            continue
        doc = parsed[1]
        folder = SECTIONS[kind][0]
        taken = hand_written(docs_dir, folder)
        for i, item in enumerate(doc.data.get(list_field) or []):
            why = id_problem(item.get("id") if isinstance(item, dict) else None, folder, taken)
            if why:
                problems.append(doc.problem((list_field, i, "id"), why))
    return problems
