"""The JSON Schema files editors use are generated from the model and kept current."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError
from testpaths import FIXTURES, PROJECT

from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.yamlsource import YamlProblem, read_yaml
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
    shared = [data / f"{name.split('.')[0]}.yaml" for name in SCHEMAS if name != "report.schema.json"]
    assert {"sources.yaml", "measures.yaml", "cues.yaml"} <= {p.name for p in shared if p.exists()}
    for path in [p for p in shared if p.exists()]:
        assert path.read_text().startswith(f"# yaml-language-server: $schema=../schema/{path.stem}.schema.json")
    for path in (data / "reports").glob("*.yaml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/report.schema.json"), path


# --- The editor's schema and the validator agree ------------------------------------
#
# An editor (VS Code's YAML extension) reads a data file as YAML 1.2 with types and checks
# it against schema/*.schema.json (draft-07). The validator reads every value as text and
# checks it against the pydantic model, then applies rules that need more than one field
# or file. These tests load each file both ways and compare the verdicts.


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as editors read it: true/false only, decimal ints, no dates."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    base = 8 if text.startswith("0o") else 16 if text.startswith("0x") else 10
    return int(text[2:] if base != 10 else text, base)  # YAML 1.2: "017" is 17, not octal 15


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _schema_for(path: Path) -> tuple[str, type]:
    """Shared files by name (sources.yaml ...); any other file is a report."""
    name = f"{path.stem}.schema.json"
    if path.parent.name == "reports" or name not in SCHEMAS:
        name = "report.schema.json"
    return name, SCHEMAS[name][0]


_SCHEMA_CACHE: dict[str, jsonschema.Draft7Validator] = {}


def schema_errors(path: Path) -> list[str]:
    """What an editor would underline: the file read as YAML 1.2, checked with the draft-07 schema."""
    name, _ = _schema_for(path)
    if name not in _SCHEMA_CACHE:
        schema = json.loads((PROJECT / "schema" / name).read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        _SCHEMA_CACHE[name] = jsonschema.Draft7Validator(schema)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in _SCHEMA_CACHE[name].iter_errors(data)]


def model_errors(path: Path) -> list[str]:
    """What the validator says about the file on its own: strict reader plus pydantic model."""
    _, model = _schema_for(path)
    try:
        model.model_validate(read_yaml(path).data)
    except YamlProblem as exc:
        return [str(exc)]
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


def loader_errors(valid_copy: Path, case: Path) -> list[str]:
    """Every rule, cross-file ones included: the case added to a copy of the valid fixture data."""
    shutil.copy(case, valid_copy / "reports" / case.name)
    try:
        load_dataset(valid_copy, today=dt.date(2026, 11, 24))
    except DataError as exc:
        return [str(p) for p in exc.problems if p.file.endswith(case.name)]
    finally:
        (valid_copy / "reports" / case.name).unlink()
    return []


def _data_files(root: Path) -> list[Path]:
    files = [root / f"{Path(n).stem.split('.')[0]}.yaml" for n in SCHEMAS if n != "report.schema.json"]
    return [f for f in files if f.exists()] + sorted((root / "reports").glob("*.yaml"))


VALID_FILES = _data_files(PROJECT / "data") + _data_files(FIXTURES / "valid")


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_valid_files_pass_both_schema_and_model(path):
    assert schema_errors(path) == [], f"the editor's schema refuses {path}"
    assert model_errors(path) == [], f"the model refuses {path}"


# Invalid fixtures the JSON Schema cannot refuse, and why. Each is refused by the validator.
SCHEMA_CANNOT_EXPRESS = {
    # The strict reader refuses these before any schema sees the data; a YAML 1.2 reader
    # resolves the alias and keeps the last of two equal keys.
    "alias-used": "reader",
    "duplicate-key": "reader",
    # The pattern YYYY-MM-DD cannot know that month 13 or 30 February do not exist.
    "impossible-date": "model",
    # "headline or working_title" is a rule in a Python validator, not in the exported schema
    # (JSON Schema could say it with anyOf/required; see the note in docs/contributing/checks.md).
    "missing-headline": "model",
    # Rules over the whole dataset or more than one field: ids must exist in other files,
    # quoted words must occur in the quote, the id must equal the file name, a date must
    # not be after today, a chain must not cite one source twice.
    "unknown-source": "cross-file",
    "stance-unknown-claim": "cross-file",
    "cue-not-in-quote": "cross-file",
    "id-mismatch": "cross-file",
    "future-date": "cross-file",
    "chain-cycle": "cross-file",
}
INVALID_FILES = sorted((FIXTURES / "invalid").glob("*.yaml"))


def test_schema_model_and_loader_agree_on_every_invalid_fixture(valid_data):
    table = {}
    for case in INVALID_FILES:
        table[case.stem] = (bool(schema_errors(case)), bool(model_errors(case)), bool(loader_errors(valid_data, case)))
    assert all(loader for _, _, loader in table.values()), f"an invalid fixture passes the validator: {table}"
    schema_misses = {name for name, (schema, _, _) in table.items() if not schema}
    assert schema_misses == set(SCHEMA_CANNOT_EXPRESS), (
        "update SCHEMA_CANNOT_EXPRESS (and docs/contributing/checks.md): "
        f"the schema now misses {sorted(schema_misses)}"
    )
    # Where the schema and the single-file model differ, it is for a documented reason.
    for name, (schema, model, _) in table.items():
        if SCHEMA_CANNOT_EXPRESS.get(name) == "cross-file":
            assert not schema and not model, f"{name}: a cross-file rule should be invisible to one file's model"
        elif name in SCHEMA_CANNOT_EXPRESS:
            assert not schema and model, name
        else:
            assert schema and model, f"{name}: schema and model should both refuse it"


# Known differences on hand-written values, for the contributor docs (docs/contributing/checks.md):
# each row is (what a contributor might write, does the editor's schema accept it, does the validator).
REPORT = """\
id: {id}
case: example-case
outlet: example-gazette
published: "2024-01-05"
headline: A report
language: en
access_note: Invented for tests.
summary: A summary.
claims:
  - id: one
    quote: Over 10,000 widgets were shipped.
    claim: Widgets were shipped.
    status: asserted
"""
DIFFERENCES = [
    # A bare year is a number in YAML 1.2; the validator reads text. Quote dates.
    ("bare-year", REPORT.replace('published: "2024-01-05"', "published: 2024"), False, True),
    # A quoted figure is text to an editor; the validator converts "10000" to a number.
    ("quoted-number", REPORT + "    quantities:\n      - measure: widgets-shipped\n        value: \"10000\"\n"
     "        as_printed: 10,000\n", False, True),
    # Rules written in Python validators are not in the exported schema.
    ("no-url-no-access-note", REPORT.replace("access_note: Invented for tests.\n", ""), True, False),
    ("value-and-range", REPORT + "    quantities:\n      - measure: widgets-shipped\n        value: 10000\n"
     "        min: 1\n        max: 2\n        as_printed: 10,000\n", True, False),
    # An unquoted date is text to both (YAML 1.2 has no date type).
    ("unquoted-date", REPORT.replace('published: "2024-01-05"', "published: 2024-01-05"), True, True),
]


@pytest.mark.parametrize("name, text, schema_ok, validator_ok", DIFFERENCES, ids=[d[0] for d in DIFFERENCES])
def test_documented_differences_between_editor_and_validator(valid_data, name, text, schema_ok, validator_ok):
    path = valid_data / "reports" / f"{name}.yaml"
    path.write_text(text.format(id=name))
    assert (not schema_errors(path)) is schema_ok, schema_errors(path)
    try:
        load_dataset(valid_data, today=dt.date(2026, 11, 24))
        loaded = True
    except DataError:
        loaded = False
    assert loaded is validator_ok


def test_named_no_is_refused_by_editor_and_yamllint_rule():
    """`named: no` is false to YAML 1.1, text to the loader and YAML 1.2: the schema refuses it."""
    sources = {"sources": [{"id": "x", "name": "X", "kind": "unknown", "named": "no", "description": "An x."}]}
    schema = json.loads((PROJECT / "schema" / "sources.schema.json").read_text())
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(sources))
    assert errors and "is not of type 'boolean'" in errors[0].message
    config = yaml.safe_load((PROJECT / ".yamllint.yaml").read_text())
    assert config["rules"]["truthy"]["allowed-values"] == ["true", "false"]
    assert config["rules"]["truthy"]["level"] == "error"


def test_yaml12_view_reads_types_as_an_editor_does():
    data = yaml.load("a: no\nb: 017\nc: 2024-01-05\nd: 2024\ne: true\nf: 1.5\ng: ~\n", Loader=Yaml12Loader)
    assert data == {"a": "no", "b": 17, "c": "2024-01-05", "d": 2024, "e": True, "f": 1.5, "g": None}
