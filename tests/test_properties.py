"""Property tests: whatever a data file holds, loading ends in a dataset or a located DataError.

Nothing a contributor can put in a file (bytes, broken YAML, well-formed YAML of
the wrong shape, a valid report with one part swapped for junk) may escape as
another exception: a traceback in CI tells a contributor nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from testpaths import FIXTURES

from macros.claimkit.dataset import Dataset
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.yamlsource import YamlProblem, read_yaml

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2026, 11, 24)
VALID_REPORT = FIXTURES / "valid" / "reports" / "2024-01-02-example-gazette-widgets.yaml"
REPORT_NAME = "2024-09-09-example-gazette-property.yaml"

# Text that YAML 1.1 or the schema treat specially, and the field names the model knows.
TRICKY = ["no", "on", "yes", "~", "null", "1.10", "0o17", "017", "0x1F", "1:20", "2024-03-05", "2024-13-05",
          "2099-01-01", "", " ", "javascript:alert(1)", "https://example.org/x", "{{ 7*7 }}", "<script>",
          "10,000", "1e999", "nan", "-.inf", "1" * 5000, "example-wire", "evidential", "widgets-shipped",
          "2024-01-02-example-gazette-widgets#widgets", "over", "quoted", "attributed", "\u2028", "é"]
FIELDS = ["id", "outlet", "published", "headline", "language", "url", "summary", "claims", "quote", "claim",
          "status", "attribution", "source", "how", "words", "hedges", "text", "category", "quantities",
          "measure", "value", "min", "max", "qualifier", "as_printed", "stance", "relation", "verdict",
          "rating", "as_of", "evidence", "artefacts", "printed", "sources", "name", "kind", "named"]

scalars = st.one_of(
    st.sampled_from(TRICKY), st.text(max_size=30), st.integers(), st.floats(allow_nan=True),
    st.booleans(), st.none(), st.dates(),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """One copy of the valid fixture, reused by every example (each writes the same file)."""
    target = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


def load_with(data_dir: Path, content: bytes, name: str = f"reports/{REPORT_NAME}") -> Dataset | None:
    """Load the dataset with ``content`` as one file; None when the loader refused it properly."""
    path = data_dir / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        return load_dataset(data_dir, today=TODAY)
    except DataError as exc:
        assert exc.problems, "a DataError must list at least one problem"
        for problem in exc.problems:
            assert problem.file and problem.message and "Traceback" not in problem.message
        return None
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def dump(value) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode()


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_load_or_fail_cleanly(data_dir, content):
    load_with(data_dir, content)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}#&*!|>'\"\n\t?,%@`~.0123456789")), max_size=200))
def test_yaml_punctuation_soup_loads_or_fails_cleanly(data_dir, text):
    load_with(data_dir, text.encode())


@SETTINGS
@given(values)
def test_any_yaml_document_loads_or_fails_cleanly(data_dir, value):
    load_with(data_dir, dump(value))


@SETTINGS
@given(values)
def test_any_yaml_document_as_a_shared_file_loads_or_fails_cleanly(data_dir, value):
    load_with(data_dir, dump(value), name="sources.yaml")


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _paths(child, prefix + (i,))


VALID_DOC = yaml.load(VALID_REPORT.read_text(), Loader=yaml.BaseLoader)  # all scalars as text
VALID_DOC["id"] = REPORT_NAME.removesuffix(".yaml")
PATHS = [p for p in _paths(VALID_DOC) if p]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=3))
def test_a_valid_report_with_parts_swapped_for_junk_loads_or_fails_cleanly(data_dir, swaps):
    doc = copy.deepcopy(VALID_DOC)
    for path, value in swaps:
        node = doc
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier swap removed this path
    load_with(data_dir, dump(doc))


def test_the_unmodified_report_is_valid(data_dir):
    """The mutation test starts from a valid report, so its failures are the swaps' doing."""
    assert load_with(data_dir, dump(VALID_DOC)) is not None


@SETTINGS
@given(st.binary(max_size=500))
def test_reader_alone_returns_text_or_refuses(tmp_path_factory, content):
    path = tmp_path_factory.getbasetemp() / "reader.yaml"
    path.write_bytes(content)
    try:
        doc = read_yaml(path, "reader.yaml")
    except YamlProblem as exc:
        assert exc.problem.file == "reader.yaml" and exc.problem.message
        return

    def only_text(node):
        if isinstance(node, dict):
            return all(isinstance(k, str) and only_text(v) for k, v in node.items())
        if isinstance(node, list):
            return all(only_text(v) for v in node)
        return isinstance(node, str)

    assert only_text(doc.data)


# --- fast paths that must agree with the rule they speed up -------------------------------------


def test_the_quick_test_for_refused_characters_finds_exactly_what_the_rule_refuses():
    """safetext.first_forbidden_raw rules a file out by a set test before the expression: every character
    of the plane the sets cover, and every astral noncharacter with its neighbours, is judged the same."""
    import re

    from macros.claimkit import safetext

    astral = [plane * 0x10000 + low for plane in range(1, 17) for low in (0xFFFD, 0xFFFE, 0xFFFF)]
    for code in [*range(0x10000), *astral, 0x10FFFF]:
        text = f"ok {chr(code)} ok"
        quick = safetext.first_forbidden_raw(text)
        rule = safetext.FORBIDDEN_RAW.search(text)
        assert (quick and quick.start()) == (rule and rule.start()), hex(code)
    assert isinstance(safetext.first_forbidden_raw("a\x1bb"), re.Match)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\f\v\u00a0\u2003")), max_size=30))
def test_one_line_text_collapses_ascii_white_space_as_split_and_join_would(text):
    """model_values._one_line only matches runs that are not already one plain space; the result is the
    same as collapsing every run of ASCII white space, and a no-break space stays."""
    import re

    from macros.claimkit.model_values import _one_line

    assert _one_line(text) == re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")
