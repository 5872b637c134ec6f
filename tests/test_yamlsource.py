"""The strict YAML reader: text stays text, and every refusal says where."""

from __future__ import annotations

import pytest

from macros.claimkit.yamlsource import MAX_FILE_BYTES, YamlProblem, read_yaml


def read(tmp_path, content: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return read_yaml(path, "x.yaml")


def refusal(tmp_path, content) -> str:
    with pytest.raises(YamlProblem) as info:
        read(tmp_path, content)
    return str(info.value)


def test_yaml_11_implicit_types_stay_text(tmp_path):
    doc = read(tmp_path, "a: no\nb: on\nc: 1.10\nd: 0o17\ne: 2024-03-05\nf: ~\ng: 017\nh: 1:20\n")
    assert doc.data == {
        "a": "no", "b": "on", "c": "1.10", "d": "0o17", "e": "2024-03-05", "f": "~", "g": "017", "h": "1:20",
    }


def test_positions_are_recorded_for_values_and_keys(tmp_path):
    doc = read(tmp_path, "top:\n  items:\n    - first\n    - name: second\n")
    assert doc.locate(("top", "items", 1, "name")) == (4, 13)
    assert doc.locate(("top", "items", 1, "name"), key=True) == (4, 7)
    assert doc.locate(("top", "missing", 3)) == (2, 3)  # falls back to the nearest known parent


def test_duplicate_key_names_both_lines(tmp_path):
    assert refusal(tmp_path, "a: 1\nb: 2\na: 3\n") == (
        "x.yaml:3:1: a: duplicate key 'a' (first on line 1); each field may appear only once"
    )


def test_alias_is_refused_at_the_alias(tmp_path):
    message = refusal(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert message.startswith("x.yaml:2:4:")
    assert "anchors and aliases" in message


def test_alias_bomb_fails_fast(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    assert "anchors and aliases" in refusal(tmp_path, "\n".join(lines) + "\n")


def test_tab_indentation_is_refused_with_position(tmp_path):
    assert refusal(tmp_path, "a:\n\tb: 1\n") == "x.yaml:2:1: tab character; YAML must be indented with spaces"


def test_byte_order_mark_is_refused(tmp_path):
    assert "byte-order mark" in refusal(tmp_path, b"\xef\xbb\xbfa: 1\n")


def test_non_utf8_bytes_name_line_and_column(tmp_path):
    assert refusal(tmp_path, b"a: 1\nb: caf\xe9\n") == (
        "x.yaml:2:7: byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    )


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path, content):
    assert "file is empty" in refusal(tmp_path, content)


def test_file_size_limit_is_stated(tmp_path):
    message = refusal(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")
    assert f"the limit is {MAX_FILE_BYTES:,} bytes" in message


def test_deep_nesting_is_refused(tmp_path):
    message = refusal(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n")
    assert "nesting is too deep" in message


def test_syntax_error_has_position(tmp_path):
    message = refusal(tmp_path, "a: [1, 2\nb: 3\n")
    assert message.startswith("x.yaml:") and "YAML syntax error" in message


def test_explicit_python_tag_is_refused(tmp_path):
    assert "explicit YAML tag" in refusal(tmp_path, "a: !!python/object/apply:os.system ['true']\n")


def test_control_character_is_refused(tmp_path):
    assert "x.yaml:1:" in refusal(tmp_path, "a: b\x07c\n")
