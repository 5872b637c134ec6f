"""The data of one project as builds see it, kept between the builds of one process.

MkDocs calls into us from several places (the hook once per build, macros once per page); they all
share one :class:`Site` per data folder. Each build starts with :meth:`Site.refresh`, which reads
the *state* of the data: the digest of every file's bytes. Nothing else is read until something
needs it:

- The validated dataset is loaded only when a page must be rendered or checked (render_cache.py):
  a build whose pages are all cached never loads it.
- Validation is skipped when this exact state was validated before by this code on this date: the
  dataset is then unpickled from ``.cache/dataset/``. That is safe because validation is a
  deterministic function of (a) the bytes of every file under the data folder, (b) today's date
  (dates in the future are refused), (c) the project's code and templates and (d) the installed
  packages and Python; the cache file is named by a digest of all four, so a change to any of them
  names another file and the data is validated again. The pickle is written by this code after a
  successful validation only, read only from the project's own git-ignored ``.cache/``, and written
  atomically (a reader sees a whole file or none).
- Under `mkdocs serve`, a report file whose bytes did not change since the last load keeps its
  parsed model (loader.py ``reuse``); the checks across files run in full on every load.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import pickle
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .course_loader import read_lessons
from .dataset import Dataset
from .loader import REPORTS_DIR, ReusedDocument, display_path, load_dataset
from .reads import MISSING, Fingerprints
from .render import TEMPLATES, Renderer
from .render_cache import write_atomic

CODE_ROOT = Path(__file__).resolve().parent.parent  # macros/: the core and its adapters
FORMAT = 1


@contextmanager
def gc_paused():
    """Loading builds ~10^5 objects at once: the cyclic collector would rescan them all many times."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def file_digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def _tree_digest(root: Path, patterns: tuple[str, ...]) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for pattern in patterns for p in root.rglob(pattern) if p.is_file()):
        sha.update(f"{path.relative_to(root).as_posix()}\0{file_digest(path)}\n".encode())
    return sha.hexdigest()


@lru_cache(maxsize=1)
def _python_digest() -> str:
    """The project's Python as this process loaded it (read once: a file edited later is not running)."""
    return _tree_digest(CODE_ROOT, ("*.py",))


@lru_cache(maxsize=1)
def _environment_digest() -> str:
    """Python and every installed package with its version."""
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return hashlib.sha256("\n".join([sys.version, *dists]).encode()).hexdigest()


def code_version() -> str:
    """A digest of everything besides the data that decides what the core renders: the project's Python,
    its templates (read again every build: Jinja reloads an edited template), packages and Python."""
    parts = [str(FORMAT), _python_digest(), _tree_digest(TEMPLATES, ("*",)), _environment_digest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class DataState:
    """Every file under the data folder with the digest of its bytes, and one key for them all."""

    files: dict[str, str]  # path relative to the data folder (posix) -> digest

    @property
    def key(self) -> str:
        return hashlib.sha256(repr(sorted(self.files.items())).encode()).hexdigest()

    def changed(self, other: DataState | None) -> set[str]:
        """Files added, removed or edited since ``other``."""
        if other is None:
            return set(self.files)
        return {p for p in self.files.keys() | other.files.keys() if self.files.get(p) != other.files.get(p)}


# file -> (mtime in ns, size, inode, when it was hashed in ns, digest): `mkdocs serve` reads the state of
# a thousand files several times per build; a file whose metadata is unchanged is not hashed again
_DIGESTS: dict[str, tuple[int, int, int, int, str]] = {}
_RACY_NS = 1_000_000_000  # a file changed this close to its hashing may change again within the same mtime


def _known_digest(path: Path) -> str:
    """The file's digest, hashed again unless its mtime, size and inode are those it had when hashed
    (and it was not modified within a second before that, when a change could keep the same mtime)."""
    stat = path.stat()
    key = str(path)
    known = _DIGESTS.get(key)
    if known is not None and known[:3] == (stat.st_mtime_ns, stat.st_size, stat.st_ino) \
            and known[3] - stat.st_mtime_ns > _RACY_NS:
        return known[4]
    hashed_at = time.time_ns()
    digest = file_digest(path)
    _DIGESTS[key] = (stat.st_mtime_ns, stat.st_size, stat.st_ino, hashed_at, digest)
    return digest


def read_state(data_dir: Path) -> DataState:
    """A symbolic link is part of the state as one (the loader refuses links: a state with one must
    never match a cached dataset loaded from plain files)."""
    files = {".": "symlink"} if data_dir.is_symlink() else {}
    for path in data_dir.rglob("*"):
        if path.is_symlink():
            files[path.relative_to(data_dir).as_posix()] = "symlink"
        elif path.is_file():
            files[path.relative_to(data_dir).as_posix()] = _known_digest(path)
    return DataState(files)


class Site:
    """One data folder: its current state, its validated dataset and a renderer, loaded when needed."""

    def __init__(self, data_dir: Path, *, directory_urls: bool = True, cache_dir: Path | None = None):
        # absolute, not resolved: a data folder that is a symbolic link must reach the loader as one (refused)
        self.data_dir = Path(data_dir).absolute()
        self.directory_urls = directory_urls
        self.cache_dir = Path(cache_dir) if cache_dir else self.data_dir.parent / ".cache"
        self.slots: dict[str, list[str]] = {}  # page URL -> finished HTML of its sections (render.py)
        self.page_reads: dict[str, dict] = {}  # hand-written page -> fingerprints of what it read (sitebuild.py)
        self.build = None  # the sitebuild.Build under way, if any
        self._code: str | None = None  # code_version() the renderer was made with
        self.state: DataState | None = None
        self.previous: DataState | None = None  # the state before the last change
        self._dataset: Dataset | None = None
        self._renderer: Renderer | None = None
        self._fingerprints: Fingerprints | None = None
        self._checked = False
        self._loaded: tuple[DataState, Dataset] | None = None  # the last dataset loaded, and its state
        # A quick build under `mkdocs serve` leaves writing the dataset for later processes (0.4 s at 1,000
        # reports) to the next whole build: see save_dataset.
        self.save_dataset_later = False

    # --- the state of the data ----------------------------------------------------------------

    def refresh(self) -> DataState:
        """Read the data folder's state; forget the dataset when any file changed."""
        state = read_state(self.data_dir)
        if self.state is None or state.key != self.state.key:
            self.previous, self.state = self.state, state
            self._dataset = self._renderer = self._fingerprints = None
            self._checked = False
        return self.state

    @property
    def key(self) -> str:
        return (self.state or self.refresh()).key

    def _dataset_file(self) -> Path:
        parts = [self.key, dt.date.today().isoformat(), code_version()]
        name = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return self.cache_dir / "dataset" / f"{name}.pickle"

    def check(self) -> None:
        """Raise DataError (listing every problem) unless the data is valid."""
        if not self._checked and not self._dataset_file().exists():
            self.dataset  # noqa: B018 (validates, and keeps the result)
        self._checked = True

    # --- loaded on demand ----------------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            state = self.state or self.refresh()
            cached = self._dataset_file()
            dataset = None
            with gc_paused():
                try:
                    with open(cached, "rb") as handle:
                        dataset = pickle.load(handle)
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    dataset = None
                if not isinstance(dataset, Dataset):
                    digests = {str(self.data_dir / p): d for p, d in state.files.items() if d != "symlink"}
                    dataset = load_dataset(self.data_dir, root=self.data_dir.parent, reuse=self._reusable(),
                                           digests=digests)
                    if not self.save_dataset_later:
                        self._save(dataset)
            dataset.set_fingerprints({_report_id(p): d for p, d in state.files.items() if _report_id(p)})
            self._dataset = dataset
            self._loaded = (state, dataset)
            self._checked = True
        return self._dataset

    def save_dataset(self) -> None:
        """Write the dataset loaded for the current state, for the next process, if it is not written yet
        (a change of the data forgets the dataset: one of an older state is never written)."""
        if self._dataset is not None and not self._dataset_file().exists():
            with gc_paused():
                self._save(self._dataset)

    def _save(self, dataset: Dataset) -> None:
        cached = self._dataset_file()
        write_atomic(cached, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
        for old in cached.parent.glob("*.pickle"):
            if old != cached:
                old.unlink(missing_ok=True)

    def _reusable(self) -> dict:
        """The reports of the last dataset loaded, by file, for the loader to keep where the bytes are the same."""
        if self._loaded is None:
            return {}
        state, dataset = self._loaded
        root = self.data_dir.parent
        kept = {}
        for path, digest in state.files.items():
            report = dataset.lookup("reports", _report_id(path) or "")
            if report is not MISSING:
                full = self.data_dir / path
                kept[str(full)] = (digest, (report, ReusedDocument(full, display_path(full, root), report.id)))
        return kept

    def renew_renderer_if(self, code: str) -> None:
        """Make a new renderer when the code changed (templates are read once per renderer)."""
        if code != self._code:
            self._code = code
            self._renderer = self._fingerprints = None

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            if self._code is None:
                self._code = code_version()  # (a build started later keeps this renderer: same code)
            self._renderer = Renderer(self.dataset, directory_urls=self.directory_urls, slots=self.slots,
                                      lessons=self.lessons)
        return self._renderer

    def lessons(self) -> list:
        """The course's lessons (case pages list the lessons that draw on them), read when a page needs
        them; the course macros check them against the data (course_loader.load_course)."""
        return read_lessons(self.data_dir, root=self.data_dir.parent)

    def fingerprints(self) -> Fingerprints:
        """Fingerprints of table entries in the current data (reads.py), each computed once."""
        if self._fingerprints is None:
            renderer = self.renderer
            self._fingerprints = Fingerprints(renderer.lookup, renderer.data.fingerprint)
        return self._fingerprints


def _report_id(path: str) -> str | None:
    """The report id of a data file's path ('reports/<id>.yaml'): a report's id is its file name."""
    prefix = f"{REPORTS_DIR}/"
    if path.startswith(prefix) and path.endswith(".yaml") and "/" not in path[len(prefix):]:
        return path[len(prefix):-len(".yaml")]
    return None


_sites: dict[tuple, Site] = {}


def site_data(data_dir: Path, *, directory_urls: bool = True, cache_dir: Path | None = None) -> Site:
    """The Site of a data folder (one per process), its state read again: call once per build."""
    site = current_site_data(data_dir, directory_urls=directory_urls, cache_dir=cache_dir)
    site.refresh()
    return site


def current_site_data(data_dir: Path, *, directory_urls: bool = True, cache_dir: Path | None = None) -> Site:
    """The Site of a data folder as the current build sees it, without reading the folder again
    (checking 1,000 files on every page would make the build quadratic)."""
    key = (str(Path(data_dir).absolute()), directory_urls)
    site = _sites.get(key)
    if site is None:
        site = _sites[key] = Site(data_dir, directory_urls=directory_urls, cache_dir=cache_dir)
    return site
