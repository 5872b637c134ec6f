"""The data of one build, loaded once and shared by the hook and the macros.

MkDocs calls into us from two places: the hook adds pages (once per build)
and the macros render them (once per page). The hook calls ``site_data``,
which reloads only when a data file changed (names, sizes, modification
times), so a live-reload picks up an edit and an unchanged rebuild never
parses twice. Macros call ``current_site_data``, which returns that build's
data without touching the disk: checking 1,000 files on every page would make
the build quadratic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset
from .loader import load_dataset
from .render import Renderer


@dataclass(frozen=True)
class SiteData:
    dataset: Dataset
    renderer: Renderer


_cache: dict[tuple, SiteData] = {}
_current: dict[tuple, SiteData] = {}


def _fingerprint(data_dir: Path) -> tuple:
    entries = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def site_data(data_dir: Path, *, directory_urls: bool = True) -> SiteData:
    """Validated data and a renderer for it; raises DataError listing every problem."""
    # absolute, not resolved: a data folder that is a symbolic link must reach the loader as one (refused)
    data_dir = Path(data_dir).absolute()
    key = (str(data_dir), directory_urls, _fingerprint(data_dir))
    if key not in _cache:
        _cache.clear()
        dataset = load_dataset(data_dir, root=data_dir.parent)
        _cache[key] = SiteData(dataset, Renderer(dataset, directory_urls=directory_urls))
    _current[(str(data_dir), directory_urls)] = _cache[key]
    return _cache[key]


def current_site_data(data_dir: Path, *, directory_urls: bool = True) -> SiteData:
    """The data the current build loaded (loading it if no build has yet)."""
    data_dir = Path(data_dir).absolute()
    found = _current.get((str(data_dir), directory_urls))
    return found if found is not None else site_data(data_dir, directory_urls=directory_urls)
