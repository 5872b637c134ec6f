"""Read one YAML data file into plain values plus the position of every field.

Every data file is treated as coming from a stranger's pull request, so this
reader is stricter than ``yaml.safe_load``:

* every scalar is kept as text: YAML 1.1 implicit typing (``no`` -> False,
  ``1.10`` -> 1.1, ``2024-03-05`` -> date) never changes what a contributor
  wrote; the schema decides what a field's text must look like;
* anchors, aliases and explicit tags are refused (an alias bomb cannot expand);
* duplicate keys are refused, naming both lines;
* size, nesting depth and encoding are checked before anything is built;
* only a regular file inside the data folder is read, and never more than the
  size limit (``datafiles.read_bounded``: links, pipes and devices are refused
  by name);
* control characters and the like are refused however they are written, typed
  into the file or as an escape (``"\\e"``, ``"\\x01"``): see ``safetext``.

Positions are kept in a map from field path to (line, column), so later
checks (schema, cross references) can point at the exact spot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import safetext
from .datafiles import Refused, read_bounded
from .errors import Problem
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_KEY_CHARS

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "YamlDocument", "YamlProblem", "dotted", "read_yaml"]

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
    "invalid Unicode character escape code":
        "; \\uD800-\\uDFFF is half of a character (a surrogate): write the character itself",
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


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in ``text``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# One escape in a double-quoted YAML scalar (YAML 1.1 as libyaml reads it).
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
                   "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85", "L": "\u2028", "P": "\u2029"}


def _written_as(text: str, event, char: str) -> tuple[int, str]:
    """Where in the file an escape in a double-quoted scalar gives ``char``, and how it is written."""
    start, end = event.start_mark.index, event.end_mark.index
    for match in _ESCAPE.finditer(text, start, end):
        code = match.group(1)
        decoded = _SIMPLE_ESCAPES.get(code) if len(code) == 1 else chr(int(code[1:], 16))
        if decoded == char:
            return match.start(), match.group()
    return start, ""


def _refuse_character(text: str, event, char: str, *, key: bool) -> tuple[str, int, int]:
    index, written = _written_as(text, event, char) if event.style == '"' else (event.start_mark.index, "")
    how = f" written as '{written}'" if written else ""
    where = "field names" if key else "data files"
    message = f"character {safetext.describe(char)}{how} is not allowed in {where}; {safetext.why_refused(char)}"
    return (message, *_position(text, index))


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Parse ``path``; raise :class:`YamlProblem` with a contributor-facing message."""
    name = display_name or str(path)

    def fail(message: str, line: int = 0, column: int = 0) -> YamlProblem:
        return YamlProblem(Problem(name, line, column, "", message))

    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except Refused as exc:
        raise fail(exc.message, exc.line, 1 if exc.line else 0) from None
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
    unsafe = safetext.first_forbidden_raw(text)
    typed = unsafe.start() if unsafe else None
    doc = YamlDocument(file=name, data=None)
    try:
        # A typed character is refused in any case; parsing on finds the field it is in, if it can.
        doc.data = _build(text, doc, fail, typed)
    except yaml.YAMLError as exc:
        if typed is not None:  # libyaml stopped at it (or before it): say what it is
            raise _typed_problem(text, doc, typed, ()) from None
        raise _syntax_problem(exc, text, fail) from None
    if typed is not None:  # (in a comment, or between fields)
        raise _typed_problem(text, doc, typed, ())
    if doc.data is None or doc.data == "":  # only '---' and comments
        raise fail("file is empty; expected a mapping of fields", 1, 1)
    return doc


_QUOTED_START = re.compile(r"""^\s*(?:- )?(?:[\w-]+:\s+)?(["'])""")


def _quoted_start_hint(text: str, line: int, column: int) -> str:
    """The usual slip behind "did not find expected key": a value that starts with a quotation mark
    and goes on after the closing one (quote: "Volunteers" were sent). YAML reads the first quoted
    part as the whole value, then finds words where a new field should be."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1]
    match = _QUOTED_START.match(source)
    if not match:
        return ""
    mark = match.group(1)
    closing = source.find(mark, match.end())
    if closing == -1 or closing + 1 >= len(source) or not source[closing + 1:].strip():
        return ""
    return (f"; this value starts with a quotation mark ({mark}), so YAML reads it as quoted text that ends at "
            "the next quotation mark, and the words after it do not fit: put the whole value on the next "
            "line after `>-` (indented), as the other quotes do")


def _syntax_problem(exc: yaml.YAMLError, text: str, fail) -> YamlProblem:
    """libyaml's complaint, located and worded for a contributor."""
    if isinstance(exc, yaml.MarkedYAMLError):
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
        hint = _quoted_start_hint(text, line, column) or next(
            (h for problem, h in _SYNTAX_HINTS.items() if problem in what), "")
        return fail(f"YAML syntax error: {what}{context}{hint}", line, column)
    position = getattr(exc, "position", None)  # ReaderError: control characters and the like
    if position is not None:
        line, column = _position(text, position)
    else:
        line, column = 0, 0
    reason = getattr(exc, "reason", None) or "unreadable character"
    return fail(f"YAML error: {reason}", line, column)


_GOOD_KEYS: set[str] = set()  # field names already found free of refused characters
_OPEN = frozenset({yaml.SequenceStartEvent, yaml.MappingStartEvent})
_CLOSE = frozenset({yaml.SequenceEndEvent, yaml.MappingEndEvent})
_SKIP = frozenset({yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent})


class _Frame:
    """An open list or mapping while the event stream is read."""

    __slots__ = ("first_line", "key", "path", "value")

    def __init__(self, value, path: Path_):
        self.value = value
        self.path = path
        self.key = None  # mapping: the key whose value comes next
        self.first_line: dict[str, int] = {}


def _typed_problem(text: str, doc: YamlDocument, index: int, path: Path_) -> YamlProblem:
    char = text[index]
    line, column = _position(text, index)
    return YamlProblem(Problem(doc.file, line, column, dotted(path),
                               f"character {safetext.describe(char)} is not allowed in data files; "
                               f"{safetext.why_refused(char)}"))


def _build(text: str, doc: YamlDocument, fail, typed: int | None = None) -> Any:
    """Build plain values from the parser's events in one pass, with positions.

    No node tree is composed and no type is resolved (every scalar is text), so
    this is both the fast path and the safe one: libyaml's composer recurses
    (tens of thousands of ``[`` crashed the interpreter), and an alias is refused
    at its event before anything is expanded, so time and memory stay bounded.
    """
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def refuse(message: str, event, field: Path_) -> YamlProblem:
        line, column = _mark(event)
        return YamlProblem(Problem(doc.file, line, column, dotted(field), message))

    positions, key_positions = doc.positions, doc.key_positions
    forbidden, forbidden_in_keys = safetext.FORBIDDEN, safetext.FORBIDDEN_IN_KEYS
    for event in yaml.parse(text, Loader=_Loader):
        kind = event.__class__  # dispatch on the exact class: this loop runs for every event of every file
        if kind in _SKIP:
            continue
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail("YAML syntax error: a second document starts here; a data file holds one document "
                           "(remove this '---')", *_mark(event))
            continue
        if kind in _CLOSE:
            stack.pop()
            continue
        frame = stack[-1] if stack else None
        mark = event.start_mark
        if frame is not None and frame.key is None and frame.value.__class__ is dict:
            # a mapping key
            if kind is not yaml.ScalarEvent or (event.value == "<<" and event.implicit[0]):
                if kind is yaml.AliasEvent:
                    raise refuse(ALIAS_MESSAGE, event, frame.path)
                raise refuse("keys must be plain field names (no merge keys or complex keys)", event, frame.path)
            key = event.value
            if typed is not None and mark.index <= typed < event.end_mark.index:
                raise _typed_problem(text, doc, typed, frame.path)
            if key not in _GOOD_KEYS:  # the same few field names recur in every file: check each once
                bad = forbidden_in_keys.search(key)
                if bad:
                    message, line, column = _refuse_character(text, event, bad.group(), key=True)
                    raise YamlProblem(Problem(doc.file, line, column, dotted(frame.path), message))
                if len(key) > MAX_KEY_CHARS:
                    raise refuse(f"a field name {len(key):,} characters long; field names have at most "
                                 f"{MAX_KEY_CHARS} characters", event, frame.path)
                if len(_GOOD_KEYS) < 10_000:
                    _GOOD_KEYS.add(key)
            if key in frame.first_line:
                raise refuse(f"duplicate key {key!r} (first on line {frame.first_line[key]}); "
                             "each field may appear only once", event, frame.path + (key,))
            frame.first_line[key] = mark.line + 1
            frame.key = key
            key_positions[frame.path + (key,)] = (mark.line + 1, mark.column + 1)
            continue
        if frame is None:
            path: Path_ = ()
        elif frame.value.__class__ is dict:
            path = frame.path + (frame.key,)
        else:
            path = frame.path + (len(frame.value),)
        if kind is yaml.AliasEvent:
            raise refuse(ALIAS_MESSAGE, event, ())
        tag = event.tag
        if tag is not None and tag not in _DEFAULT_TAGS and tag != "!":
            raise refuse(f"explicit YAML tag {tag!r} is not allowed in data files", event, path)
        positions[path] = (mark.line + 1, mark.column + 1)
        if kind is yaml.ScalarEvent:
            value: Any = event.value
            if typed is not None and mark.index <= typed < event.end_mark.index:
                raise _typed_problem(text, doc, typed, path)
            # typed characters were found in the whole text; escapes exist only in double quotes
            if event.style == '"':
                bad = forbidden.search(value)
                if bad:
                    message, line, column = _refuse_character(text, event, bad.group(), key=False)
                    raise YamlProblem(Problem(doc.file, line, column, dotted(path), message))
        elif kind in _OPEN:
            if len(stack) >= MAX_DEPTH:
                raise fail(f"nesting is too deep (more than {MAX_DEPTH} levels of lists and mappings)",
                           *_mark(event))
            value = {} if kind is yaml.MappingStartEvent else []
        else:
            raise refuse("unsupported YAML content", event, path)
        if frame is None:
            root = value
        elif frame.value.__class__ is dict:
            frame.value[frame.key] = value
            frame.key = None
        else:
            frame.value.append(value)
        if kind in _OPEN:
            stack.append(_Frame(value, path))
    return root


ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in data files; write the value out"
