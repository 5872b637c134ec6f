"""Read one YAML data file into plain values plus the position of every field.

Every data file is treated as coming from a stranger's pull request, so this
reader is stricter than ``yaml.safe_load``:

* every scalar is kept as text: YAML 1.1 implicit typing (``no`` -> False,
  ``1.10`` -> 1.1, ``2024-03-05`` -> date) never changes what a contributor
  wrote; the schema decides what a field's text must look like;
* anchors, aliases and explicit tags are refused (an alias bomb cannot expand);
* duplicate keys are refused, naming both lines;
* size, nesting depth and encoding are checked before anything is built.

Positions are kept in a map from field path to (line, column), so later
checks (schema, cross references) can point at the exact spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    # Plain scalars get an implicit tag; we read them as text regardless.
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}

Path_ = tuple[Any, ...]

# libyaml's wording for the usual slips, and what to do about them.
_SYNTAX_HINTS = {
    "mapping values are not allowed":
        "; text with ': ' in it must be in quotes, or the line is indented too far",
    "cannot start any token": "; text starting with @, ` or % must be in quotes",
    "could not find expected ':'":
        "; each line of a mapping needs 'field: value' (check indentation and quotes)",
    "did not find expected key": "; this line does not fit the mapping it is in (check its indentation)",
}


@dataclass
class YamlDocument:
    """Plain values (dicts, lists, str) and where each one came from."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best position for a field path: the field itself, else its nearest parent."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.file, line, column, dotted(path), message)


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _mark(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Parse ``path``; raise :class:`YamlProblem` with a contributor-facing message."""
    name = display_name or str(path)

    def fail(message: str, line: int = 0, column: int = 0) -> YamlProblem:
        return YamlProblem(Problem(name, line, column, "", message))

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(
            f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes per data file "
            "(quote short passages, not whole articles); it passes the limit on this line",
            raw.count(b"\n", 0, MAX_FILE_BYTES) + 1,
            1,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a byte-order mark (BOM); save it as UTF-8 without BOM", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8", line, column
        ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise fail("file is empty; expected a mapping of fields", 1, 1)
    if "\t" in text:
        index = text.index("\t")
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise fail("tab character; YAML must be indented with spaces", line, column)

    try:
        _check_events(text, fail)  # before composing: libyaml's composer recurses and can crash
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark(mark) if mark else (0, 0)
        what = exc.problem or "invalid YAML"
        if "maximum nesting depth" in str(what):
            what = f"nesting is too deep (more than {MAX_DEPTH} levels)"
        context = ""
        if "another document" in what:
            what = "a second document starts here; a data file holds one document (remove this '---')"
        elif exc.context and exc.context != what:
            started = exc.context_mark.line + 1 if exc.context_mark else line
            context = f" ({exc.context}" + (f" that starts on line {started})" if started != line else ")")
        hint = next((h for problem, h in _SYNTAX_HINTS.items() if problem in what), "")
        raise fail(f"YAML syntax error: {what}{context}{hint}", line, column) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        position = getattr(exc, "position", None)
        if position is not None:
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
        else:
            line, column = 0, 0
        reason = getattr(exc, "reason", None) or "unreadable character"
        raise fail(f"YAML error: {reason}", line, column) from None
    except RecursionError:
        raise fail(f"nesting is too deep (more than {MAX_DEPTH} levels)") from None

    if node is None or (node.tag == "tag:yaml.org,2002:null" and not node.value):  # only '---' and comments
        raise fail("file is empty; expected a mapping of fields", 1, 1)
    doc = YamlDocument(file=name, data=None)
    doc.data = _convert(node, (), doc, depth=0)
    return doc


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_events(text: str, fail) -> None:
    """Refuse deep nesting and aliases from the event stream, before any node is built.

    libyaml parses iteratively, but its composer recurses: tens of thousands of
    ``[`` crash the interpreter, and an alias bomb would be composed before
    ``_convert`` could refuse it. Stopping at the first offending event keeps
    time and memory bounded by ``MAX_DEPTH``.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise fail(
                    f"nesting is too deep (more than {MAX_DEPTH} levels of lists and mappings)",
                    *_mark(event),
                )
        elif isinstance(event, _CLOSE):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise fail(
                "anchors and aliases (&name, *name) are not allowed in data files; write the value out",
                *_mark(event),
            )


def _convert(node, path: Path_, doc: YamlDocument, depth: int) -> Any:
    def fail(message: str, at=node, field: Path_ = path) -> YamlProblem:
        line, column = _mark(at)
        return YamlProblem(Problem(doc.file, line, column, dotted(field), message))

    if depth > MAX_DEPTH:
        raise fail(f"nesting is too deep (more than {MAX_DEPTH} levels)")
    if node.tag not in _DEFAULT_TAGS:
        raise fail(f"explicit YAML tag {node.tag!r} is not allowed in data files")
    doc.positions[path] = _mark(node)

    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, path + (i,), doc, depth + 1) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise fail("keys must be plain field names (no merge keys or complex keys)", key_node)
            key = key_node.value
            if key in result:
                raise fail(
                    f"duplicate key {key!r} (first on line {first_line[key]}); "
                    "each field may appear only once",
                    key_node,
                    path + (key,),
                )
            first_line[key] = key_node.start_mark.line + 1
            doc.key_positions[path + (key,)] = _mark(key_node)
            result[key] = _convert(value_node, path + (key,), doc, depth + 1)
        return result
    raise fail("unsupported YAML node")
