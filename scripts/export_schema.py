"""Write the JSON Schema files in schema/ from the pydantic models.

Editors (VS Code's YAML extension and others) read these through the
`# yaml-language-server: $schema=...` comment at the top of each data file,
to autocomplete fields and underline mistakes. The models are the single
source; a test fails if the committed files are out of date.

Usage: python -m scripts.export_schema [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.claimkit.course_model import GlossaryFile, Lesson
from macros.claimkit.cue_eval import CueEvalFile
from macros.claimkit.lateral import LateralSet
from macros.claimkit.model import CasesFile, CuesFile, EventsFile, MeasuresFile, Report, SourcesFile
from macros.claimkit.prepost import CheckForm

SCHEMA_DIR = Path("schema")
SCHEMAS = {
    "report.schema.json": (Report, "A news report and its claims (data/reports/*.yaml)"),
    "sources.schema.json": (SourcesFile, "Outlets, people, agencies and governments (data/sources.yaml)"),
    "measures.schema.json": (MeasuresFile, "Quantities that figures are given for (data/measures.yaml)"),
    "cases.schema.json": (CasesFile, "The case studies the reports belong to (data/cases.yaml)"),
    "cues.schema.json": (CuesFile, "The cue lexicon: hedges, certainty markers, attribution cues, scare quotes (data/cues.yaml)"),
    "events.schema.json": (EventsFile, "Events for the timeline (data/events.yaml)"),
    "lesson.schema.json": (Lesson, "A lesson: objectives, readings, exercises, quiz, teacher notes (data/lessons/*.yaml)"),
    "glossary.schema.json": (GlossaryFile, "Words used in the lessons (data/glossary.yaml)"),
    "cue-eval.schema.json": (CueEvalFile, "A held-out cue evaluation set: passages with cues marked by kind (tests/cue-eval/*.yaml)"),
    "lateral.schema.json": (LateralSet, "A lateral-reading search about one source (data/lateral/*.yaml)"),
    "check.schema.json": (CheckForm, "One form of the pre/post check (data/checks/*.yaml)"),
}


def _draft7(node):
    """pydantic writes 2020-12 `$defs`; VS Code's YAML server reads draft-07 `definitions`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            key = "definitions" if key == "$defs" else key
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft7(value)
        return out
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    return node


def build_schemas() -> dict[str, str]:
    texts = {}
    for name, (model, title) in SCHEMAS.items():
        schema = _draft7(model.model_json_schema())
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", **schema, "title": title}
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return texts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    texts = build_schemas()
    if "--check" in args:
        stale = [n for n, t in texts.items() if not (SCHEMA_DIR / n).exists() or (SCHEMA_DIR / n).read_text() != t]
        for name in stale:
            print(f"schema/{name} is out of date: run `make schema`", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in texts.items():
        (SCHEMA_DIR / name).write_text(text)
        print(f"wrote schema/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
