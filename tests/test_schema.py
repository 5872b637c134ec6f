"""The JSON Schema files editors use are generated from the model and kept current."""

from __future__ import annotations

import json

from conftest import PROJECT
from scripts.export_schema import SCHEMAS, build_schemas


def test_committed_schemas_match_the_model():
    for name, text in build_schemas().items():
        assert (PROJECT / "schema" / name).read_text() == text, f"schema/{name} is stale: run `make schema`"


def test_schemas_are_draft7_for_editors():
    for name in SCHEMAS:
        schema = json.loads((PROJECT / "schema" / name).read_text())
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)


def test_every_data_file_points_editors_at_its_schema():
    data = PROJECT / "data"
    for path in [data / "sources.yaml", data / "measures.yaml", data / "hedges.yaml"]:
        assert path.read_text().startswith(f"# yaml-language-server: $schema=../schema/{path.stem}.schema.json")
    for path in (data / "reports").glob("*.yaml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/report.schema.json"), path
