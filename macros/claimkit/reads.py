"""What a computation read from the data, so that its result can be kept until that data changes.

Every piece of data a page can show is an *entry of a named table*: a report by id, a source by id,
the cue lexicon, the follow-ups of a claim, the claims that cite a source, ... Reading an entry
through the dataset or the renderer *notes* ``(table, key)`` in every recording that is open; a
whole table read at once (iterating over it) notes ``(table, ALL)``. A cached result is kept with
the fingerprint of each entry it read (render_cache.py), and stays valid while every one of those
entries has the same fingerprint.

Why that is sound: a render is a deterministic function of the code and of what it read. If every
entry it read is unchanged, it reads the same things in the same order and produces the same
output. It holds only if *everything* a render can see is reached through a noted read, so:

- the dataset hands out its collections as :class:`RecordedDict` / :class:`RecordedList`, and its
  look-ups (``report()``, ``claim()``, ``follow_ups()``, ...) note what they look up;
- an index derived from the whole dataset (claims by source, figures by measure, ...) is a table of
  its own (:func:`table`): a page that reads one key depends on that key's entry (which changes when
  a claim starts or stops citing the source), not on every report;
- a value derived from some entries (the cue detector from the lexicon) remembers what it read and
  notes it again on every use (:class:`derived`), so a cached value never hides a read;
- a file read directly (the held-out cue set) is an entry of the ``files`` table (:func:`note_file`).

Fingerprints (:class:`Fingerprints`) hash a canonical form of an entry's value. A report is
represented by the hash of its content (its file's bytes when the site loaded it), so an entry that
holds reports (a claim's follow-ups) changes when any of those reports changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

ALL = "*"  # the key of a whole table read at once
FILES = "files"  # table of files read directly: key = absolute path
MISSING = object()  # what a look-up finds for a key a table does not hold

Read = tuple[str, str]
_open: list[set[Read]] = []  # the recordings open now, innermost last


def note(table: str, key: str) -> None:
    """Record that the current computation read ``table[key]`` (a no-op when nothing records)."""
    if _open:
        for reads in _open:
            reads.add((table, key))


def note_all(reads) -> None:
    """Record reads made earlier (by a cached computation) as made now."""
    if _open and reads:
        for recording in _open:
            recording.update(reads)


def note_file(path: Path | str) -> None:
    note(FILES, str(Path(path).resolve()))


def start() -> set[Read]:
    """Open a recording: every read from now until :func:`stop` is added to the set returned."""
    reads: set[Read] = set()
    _open.append(reads)
    return reads


def stop(reads: set[Read]) -> set[Read]:
    if any(r is reads for r in _open):
        _open[:] = [r for r in _open if r is not reads]
    return reads


@contextmanager
def recording() -> Iterator[set[Read]]:
    """Collect every read made inside the block; recordings nest (an outer one sees the inner reads)."""
    reads = start()
    try:
        yield reads
    finally:
        stop(reads)


@contextmanager
def paused() -> Iterator[None]:
    """Reads inside the block are not recorded (for building a table whose look-ups are recorded)."""
    saved = _open[:]
    _open.clear()
    try:
        yield
    finally:
        _open[:] = saved


# --- collections that note their reads -------------------------------------------------------


class _NotingDict(dict):
    """A dict that notes a read for each key looked up (``_entry``) and for any read of the whole
    (``_whole``: iteration, keys, values, items, len); subclasses say what each read notes."""

    __slots__ = ()

    def _entry(self, key) -> None:
        raise NotImplementedError

    def _whole(self) -> None:
        raise NotImplementedError

    def __getitem__(self, key):
        self._entry(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._entry(key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self._entry(key)
        return super().__contains__(key)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def keys(self):
        self._whole()
        return super().keys()

    def values(self):
        self._whole()
        return super().values()

    def items(self):
        self._whole()
        return super().items()

    def __len__(self) -> int:
        self._whole()
        return super().__len__()


class RecordedDict(_NotingDict):
    """A dict that notes ``(name, key)`` for each key looked up and ``(name, ALL)`` for any read of the
    whole (iteration, keys, values, items, len, comparison, copy)."""

    __slots__ = ("name",)

    def __init__(self, name: str, data: Any = ()):
        super().__init__(data)
        self.name = name

    def _entry(self, key) -> None:
        note(self.name, key)

    def _whole(self) -> None:
        note(self.name, ALL)

    def __eq__(self, other) -> bool:
        self._whole()
        return super().__eq__(other)

    __hash__ = None

    def copy(self) -> dict:
        self._whole()
        return dict.copy(self)

    def raw(self) -> dict:
        """The plain dict, without noting anything (for look-ups that note by themselves)."""
        return dict.copy(self)

    def __reduce__(self):
        return (RecordedDict, (self.name, dict.copy(self)))

    def __repr__(self) -> str:
        return f"RecordedDict({self.name!r}, {dict.__repr__(self)})"


class RecordedList(list):
    """A list whose every read notes ``(name, ALL)``: its order and each of its items are data."""

    __slots__ = ("name",)

    def __init__(self, name: str, data: Any = ()):
        super().__init__(data)
        self.name = name

    def _whole(self) -> None:
        note(self.name, ALL)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def __reversed__(self):
        self._whole()
        return super().__reversed__()

    def __getitem__(self, index):
        self._whole()
        return super().__getitem__(index)

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def __contains__(self, item) -> bool:
        self._whole()
        return super().__contains__(item)

    def __eq__(self, other) -> bool:
        self._whole()
        return super().__eq__(other)

    __hash__ = None

    def __add__(self, other):
        self._whole()
        return list(super().__iter__()) + list(other)

    def __radd__(self, other):
        self._whole()
        return list(other) + list(super().__iter__())

    def copy(self) -> list:
        self._whole()
        return list(super().__iter__())

    def index(self, *args):
        self._whole()
        return super().index(*args)

    def count(self, item) -> int:
        self._whole()
        return super().count(item)

    def raw(self) -> list:
        return list(super().__iter__())

    def __reduce__(self):
        return (RecordedList, (self.name, list(super().__iter__())))

    def __repr__(self) -> str:
        return f"RecordedList({self.name!r}, {list.__repr__(self)})"


def recorded(name: str, value: Any) -> Any:
    """``value`` as a collection that notes reads under ``name`` (dicts per key, sequences whole)."""
    if isinstance(value, dict):
        return RecordedDict(name, value)
    if isinstance(value, list | tuple):
        return RecordedList(name, value)
    raise TypeError(f"table {name!r} must be a dict or a list, not {type(value).__name__}")


class table:
    """A cached property holding an index derived from the data, handed out as a recorded collection
    named after it. It is built with recording paused: a page that looks up one key depends on that
    key's entry, not on everything the index was built from. The owner's ``lookup`` finds it by name.

    ``shared``: an owner given ``_tables_from`` (another owner of the same data) uses that one's table
    instead of building its own; a table that also depends on something else is not shared.

    ``nested``: the index maps keys (case ids) to dicts, each handed out as a recorded dict of its
    own named ``<name>/<key>``: a page depends on the inner entries it reads, not on the whole inner
    dict (the outer key's fingerprint is only whether it is there)."""

    def __init__(self, name: str, *, nested: bool = False, shared: bool = True):
        self.name = name
        self.nested = nested
        self.shared = shared  # the same for every owner of the same data (see __get__)

    def __call__(self, build: Callable[[Any], Any]) -> table:
        self.build = build
        self.__doc__ = build.__doc__
        return self

    def __set_name__(self, owner, attr: str) -> None:
        self.attr = attr
        tables = dict(getattr(owner, "_tables", {}))
        tables[self.name] = self
        owner._tables = tables

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        twin = obj.__dict__.get("_tables_from")  # an owner of the same data whose tables this one uses
        if twin is not None and self.shared:
            found = obj.__dict__[self.attr] = getattr(twin, self.attr)
            return found
        with paused():  # stored under the property's name: later reads find it without this call
            built = self.build(obj)
            if self.nested:
                built = {key: recorded(f"{self.name}/{key}", value) for key, value in built.items()}
            found = obj.__dict__[self.attr] = recorded(self.name, built)
        return found


class derived:
    """A cached property computed once, whose reads are noted again at every use: a value built from
    the lexicon (the cue detector) makes each page that uses it depend on the lexicon."""

    def __init__(self, build: Callable[[Any], Any]):
        self.build = build
        self.__doc__ = build.__doc__

    def __set_name__(self, owner, attr: str) -> None:
        self.attr = f"_derived_{attr}"  # not the property's own name, which would hide this descriptor

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        found = obj.__dict__.get(self.attr)
        if found is None:
            with recording() as reads:
                value = self.build(obj)
            found = obj.__dict__[self.attr] = (value, frozenset(reads))
        else:
            note_all(found[1])
        return found[0]


class DerivedEntries(_NotingDict):
    """A dict whose entries were each computed from noted reads (a lesson's timing, from the pages its
    readings link to): reading an entry notes what it was computed from, reading the whole notes all."""

    def __init__(self):
        super().__init__()
        self.reads: dict[Any, frozenset[Read]] = {}

    def put(self, key, value, reads: set[Read] | frozenset[Read]) -> None:
        dict.__setitem__(self, key, value)
        self.reads[key] = frozenset(reads)

    def _entry(self, key) -> None:
        note_all(self.reads.get(key, ()))

    def _whole(self) -> None:
        for found in self.reads.values():
            note_all(found)


def table_lookup(owner: Any, name: str, key: str) -> Any:
    """An entry of one of ``owner``'s derived tables (see :class:`table`), or of one inner dict of a
    nested table (name ``<table>/<outer key>``); MISSING when it has none."""
    outer, _, inner = name.partition("/")
    descriptor = getattr(type(owner), "_tables", {}).get(outer)
    if descriptor is None:
        raise KeyError(f"no table named {name!r}")
    with paused():
        found = getattr(owner, descriptor.attr).raw()
        if inner:
            if not descriptor.nested:
                raise KeyError(f"table {outer!r} is not nested")
            found = found.get(inner, MISSING)
            if found is MISSING:
                return MISSING
            found = found.raw()
        elif descriptor.nested:  # the inner dicts note their own reads: here only which keys there are
            return list(found) if key == ALL else (key in found or MISSING)
        if key == ALL:
            return found
        if isinstance(found, list):
            raise KeyError(f"table {name!r} is a list: it is read whole")
        return found.get(key, MISSING)


# --- fingerprints --------------------------------------------------------------------------------


def digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def file_fingerprint(path: str) -> str:
    try:
        return digest(Path(path).read_bytes())
    except FileNotFoundError:
        return "absent"


class Fingerprints:
    """Fingerprints of table entries for one state of the data, each computed once.

    ``lookup(table, key)`` returns the entry (MISSING when absent); ``report_fingerprint(report)`` the
    hash of a report's content, so an entry holding reports is hashed by them, not re-serialised.
    """

    def __init__(self, lookup: Callable[[str, str], Any], report_fingerprint: Callable[[Any], str]):
        self._lookup = lookup
        self._report = report_fingerprint
        self._known: dict[Read, str] = {}
        self._models: dict[int, tuple[Any, Any]] = {}  # id -> (object, canonical form); keeps objects alive

    def of(self, read: Read) -> str:
        found = self._known.get(read)
        if found is None:
            table_name, key = read
            if table_name == FILES:
                found = file_fingerprint(key)
            else:
                with paused():
                    value = self._lookup(table_name, key)
                found = "absent" if value is MISSING else digest(repr(self.canonical(value)))
            self._known[read] = found
        return found

    def all(self, reads: set[Read] | frozenset[Read]) -> dict[Read, str]:
        return {read: self.of(read) for read in reads}

    def canonical(self, value: Any) -> Any:
        """A form of ``value`` built from tuples, strings and numbers only, equal exactly when the data is."""
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, list | tuple):
            return tuple(self.canonical(v) for v in value)
        if isinstance(value, dict):
            return ("dict", tuple((self.canonical(k), self.canonical(v)) for k, v in dict.items(value)))
        if isinstance(value, set | frozenset):
            return ("set", tuple(sorted(repr(self.canonical(v)) for v in value)))
        if isinstance(value, BaseModel):
            known = self._models.get(id(value))
            if known is None:
                if type(value).__name__ == "Report":
                    form = ("Report", self._report(value))
                else:
                    form = (type(value).__name__, value.model_dump_json())
                known = self._models[id(value)] = (value, form)
            return known[1]
        if type(value).__name__ == "ClaimRef":  # a claim in its report: the report's content and the claim id
            return ("ClaimRef", self.canonical(value.report), value.claim.id)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return (type(value).__name__,
                    tuple(self.canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
                          if f.metadata.get("fingerprint", True)))
        raise TypeError(f"cannot fingerprint a {type(value).__name__}: make it a table entry or a dataclass")
