"""Rendered results kept between builds, each valid while the data it read is unchanged.

A *job* is one call of a Renderer method with plain arguments (a report page, the reports index,
claims.json, the list of charts...). Running it under a recording (reads.py) gives its result and
the set of table entries it read; the cache keeps the result with the fingerprint of each of those
entries. A later build reuses the result when

- the code is the same (``salt``: the project's Python and templates, the installed packages, the
  build's options; another salt starts an empty cache), and
- the data is byte for byte the same as when the entry was last checked (``state``), or every
  entry it read still has the same fingerprint. Files read directly (reads.FILES) are checked
  every time, since they live outside the data folder.

Results are pickled into ``out/<digest>.pickle`` (content-addressed, so two builds at once can only
ever see whole files), and an index maps each job to its entry. A job missing from the index, or
whose result file has gone, is simply rendered again.

Jobs that miss are rendered in a process pool when there are many of them (:func:`run_all`): the
workers are forked from the build, so they share its dataset without copying it.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import reads

FORMAT = 1
POOL_THRESHOLD = 24  # fewer misses than this render in the build process (a pool costs ~0.1 s to start)
CHUNK = 8  # jobs per task sent to a worker


@dataclass(frozen=True)
class Job:
    """A Renderer method and its arguments: plain, picklable values (ids, URLs, options)."""

    method: str
    args: tuple = ()
    options: tuple[tuple[str, Any], ...] = ()  # keyword arguments as (name, value) pairs

    @property
    def id(self) -> str:
        return repr((self.method, self.args, self.options))

    def run(self, renderer: Any) -> Any:
        return getattr(renderer, self.method)(*self.args, **dict(self.options))


@dataclass
class Entry:
    state: str  # the data state the entry was last found valid in
    reads: dict[reads.Read, str]  # each entry read -> its fingerprint then
    output: str  # digest of the pickled result (its file name)


@dataclass
class Rendered:
    """A job run now: its result, what it read and the fingerprints of that."""

    job: Job
    result: Any
    reads: dict[reads.Read, str] = field(default_factory=dict)


def run_recorded(job: Job, renderer: Any, fingerprints: reads.Fingerprints) -> Rendered:
    with reads.recording() as seen:
        result = job.run(renderer)
    return Rendered(job, result, fingerprints.all(seen))


class RenderCache:
    """Job results under ``folder``, valid for one ``salt`` (see the module docstring)."""

    def __init__(self, folder: Path, salt: str):
        self.folder = Path(folder)
        self.salt = salt
        self._entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._changed = False
        self.hits = self.misses = 0
        try:
            with open(self.folder / "index.pickle", "rb") as handle:
                saved = pickle.load(handle)
            if saved.get("format") == FORMAT and saved.get("salt") == salt:
                self._entries = saved["entries"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
            pass  # no cache, an unreadable one, or one from other code: start empty
        self._signature = self._index_signature()

    def _index_signature(self) -> tuple[int, int, int] | None:
        try:
            stat = (self.folder / "index.pickle").stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def still_current(self) -> bool:
        """Whether the index on disk is still the one this object read or wrote last (no other process
        saved one since), so that this object may serve the next build of the same process."""
        return self._index_signature() == self._signature

    def begin(self) -> None:
        """Start counting the jobs of a new build (an entry no build uses is dropped when saving)."""
        self._used = set()
        self.hits = self.misses = 0

    def valid(self, job: Job, state: str, fingerprints: Callable[[], reads.Fingerprints]) -> Entry | None:
        """The job's entry when its result can be reused in data ``state``; None when it must be rendered.

        ``fingerprints`` is called only when the data differs from the entry's (so a warm build, with the
        data unchanged, never needs the dataset)."""
        entry = self._stored(job)
        self._used.add(job.id)
        if entry is None:
            self.misses += 1
            return None
        files = {r: fp for r, fp in entry.reads.items() if r[0] == reads.FILES}
        if any(reads.file_fingerprint(r[1]) != fp for r, fp in files.items()):
            self.misses += 1
            return None
        if entry.state != state:
            prints = fingerprints()
            if any(prints.of(read) != fp for read, fp in entry.reads.items()):
                self.misses += 1
                return None
            entry.state = state  # checked against this data: the next build with it needs no check
            self._changed = True
        self.hits += 1
        return entry

    def peek(self, job: Job) -> Entry | None:
        """The job's entry as it was last kept, unchecked (for a quick build: see sitebuild.Session)."""
        entry = self._stored(job)
        if entry is not None:
            self._used.add(job.id)
        return entry

    def _stored(self, job: Job) -> Entry | None:
        """The job's entry in the index, when its result file is still there."""
        entry = self._entries.get(job.id)
        if entry is None or not (self.folder / "out" / f"{entry.output}.pickle").exists():
            return None
        return entry

    def result(self, entry: Entry) -> Any:
        with open(self.folder / "out" / f"{entry.output}.pickle", "rb") as handle:
            return pickle.load(handle)

    def store(self, rendered: Rendered, state: str) -> Entry:
        blob = pickle.dumps(rendered.result, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(blob).hexdigest()
        _write_once(self.folder / "out" / f"{digest}.pickle", blob)
        entry = self._entries[rendered.job.id] = Entry(state, rendered.reads, digest)
        self._used.add(rendered.job.id)
        self._changed = True
        return entry

    def adopt(self, job: Job, entry: Entry) -> None:
        """An entry stored by a worker process (its result file is written): keep it in the index."""
        self._entries[job.id] = entry
        self._used.add(job.id)
        self._changed = True

    def save(self) -> None:
        """Write the index (entries of the jobs this build used) and delete results no entry names."""
        if set(self._entries) - self._used:
            self._entries = {k: e for k, e in self._entries.items() if k in self._used}
            self._changed = True
        if not self._changed:
            return
        blob = pickle.dumps({"format": FORMAT, "salt": self.salt, "entries": self._entries},
                            protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.folder / "index.pickle", blob)
        self._signature = self._index_signature()
        self._changed = False
        wanted = {f"{e.output}.pickle" for e in self._entries.values()}
        for path in (self.folder / "out").glob("*.pickle"):
            if path.name not in wanted:
                path.unlink(missing_ok=True)


def write_atomic(path: Path, blob: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, path)  # a reader sees the whole file or none
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_once(path: Path, blob: bytes) -> None:
    if not path.exists():  # content-addressed: an existing file already holds these bytes
        write_atomic(path, blob)


# --- running many tasks ----------------------------------------------------------------------

_worker: dict[str, Any] = {}  # set in the build process just before forking the workers


def _run_chunk(indexes: list[int]) -> list[Any]:
    tasks = _worker["tasks"]
    return [tasks[i]() for i in indexes]


def workers_available() -> int:
    """Processes to work in: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_all(tasks: list[Callable[[], Any]], *, alone: Collection[int] = (), workers: int | None = None) -> Iterator[Any]:
    """Run ``tasks`` (calls without arguments), yielding each result as soon as it is ready: in a pool of
    forked processes, started now, when there are many tasks and more than one core (results come in the
    order they finish, so one long task holds up no other); else here, in order, one by one as results
    are asked for. Forked workers share the build's data without copying it. Tasks start in order; those
    whose indexes are in ``alone`` are long ones, each sent to a worker by itself."""
    workers = workers_available() if workers is None else workers
    if not pool_starts(len(tasks), workers):
        return (task() for task in tasks)
    return _Pool(tasks, alone, workers)


def pool_starts(tasks: int, workers: int | None = None) -> bool:
    """Whether :func:`run_all` runs this many tasks in a pool of forked workers (else here, one by one)."""
    workers = workers_available() if workers is None else workers
    # Forking copies only the calling thread: with other threads running (the server of `mkdocs serve`)
    # a lock one of them holds could stay locked in a worker, so then run here (an edit renders few).
    return (tasks >= POOL_THRESHOLD and workers >= 2 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def chunked(count: int, alone: Collection[int] = (), size: int = CHUNK) -> list[list[int]]:
    """The indexes of ``count`` tasks in the chunks sent to workers: each task of ``alone`` by itself, the
    others in runs of up to ``size`` (one message to a worker and back for several short tasks)."""
    alone = set(alone)
    chunks: list[list[int]] = []
    for i in range(count):
        if i in alone or not chunks or len(chunks[-1]) == size or chunks[-1][-1] in alone:
            chunks.append([i])
        else:
            chunks[-1].append(i)
    return chunks


class _Pool:
    """Tasks run by forked workers, handed back as each chunk of them is done."""

    def __init__(self, tasks: list[Callable[[], Any]], alone: Collection[int], workers: int):
        _worker["tasks"] = tasks
        # What the workers only read is frozen, so that their collector does not touch (and so copy)
        # the memory they share with this process; the build unfreezes when it ends.
        gc.freeze()
        chunks = chunked(len(tasks), alone)
        self.pool = multiprocessing.get_context("fork").Pool(min(workers, len(chunks)))
        self._chunks = self.pool.imap_unordered(_run_chunk, chunks)
        self._done: list[Any] = []

    def __iter__(self) -> _Pool:
        return self

    def __next__(self) -> Any:
        if not self._done:
            if self.pool is None:
                raise StopIteration
            try:
                self._done = list(reversed(next(self._chunks)))
            except StopIteration:
                self.close()
                raise
        return self._done.pop()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            _worker.clear()
