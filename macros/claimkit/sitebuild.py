"""One build of the site from one state of the data: what it publishes, and each page's content.

The MkDocs hook asks a :class:`Build` for the generated pages, the charts and the exports, and for
each page's content as MkDocs reaches it; the macros ask it for the listings of hand-written pages.
Everything comes from the render cache (render_cache.py) when the data it read is unchanged; what
must be rendered is rendered once and kept. When there is a lot of it (a first build), it is
rendered in a pool of worker processes while this one goes on with the rest of the build: the
exports and the charts first (the longest tasks), then the generated pages in the order MkDocs
asks for them.

A build with the data unchanged renders nothing and does not even load the dataset. After an edit,
only the jobs that read the edited data render again.

For `mkdocs serve --dirty` the build also says which pages changed: MkDocs rebuilds a page whose
source file is newer than its output, so a generated page's *stub* (the tiny Markdown file MkDocs
reads for it) is rewritten exactly when the page's content changed (:meth:`Build.stub`), and a
hand-written page is :meth:`Build.stale` when an entry it read has changed since it was built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import pages, reads
from .charts import ChartCache
from .figures import FigureSpec
from .render import EXPORTS, GeneratedOutput, Renderer, deferred, fill_slots
from .render_cache import Entry, Job, RenderCache, Rendered, run_all, run_recorded, write_atomic
from .site import Site, code_version


@dataclass
class Session:
    """What outlives one build in a process (`mkdocs serve` builds many): the command, whether builds
    are dirty, and what the engine adapter keeps of the last build (its layout, data state, search
    entries). Kept here because the adapter may be loaded afresh for every build."""

    command: str = "build"
    dirty: bool = False
    last: dict = field(default_factory=dict)


SESSION = Session()


class Build:
    """What one build publishes, from ``site``'s current state (``site.refresh()`` read it)."""

    def __init__(self, site: Site, *, site_url: str = "", site_name: str = ""):
        self.site = site
        site.build = self  # for the macros of hand-written pages (macros_adapter.py)
        site.renew_renderer_if(code_version())
        self.state = site.key
        self.site_url = site_url
        self.site_name = site_name
        salt = hashlib.sha256(repr((code_version(), site.directory_urls)).encode()).hexdigest()
        self.folder = site.cache_dir / "render"
        self.cache = RenderCache(self.folder, salt)
        self.charts_folder = site.cache_dir / "charts"
        self._entries: dict[str, Entry] = {}  # job id -> its entry, for the jobs of this build
        self._ready: dict[str, Any] = {}  # job id -> result rendered by the pool, not yet asked for
        self._pending: Iterator[Any] | None = None
        self._plan: list[pages.GeneratedPage] | None = None
        self._specs: list[FigureSpec] | None = None
        self._tracked: dict[str, set[reads.Read]] = {}
        self.rendered = 0  # jobs rendered by this build (not taken from the cache)

    # --- jobs ----------------------------------------------------------------------------------

    def _valid(self, job: Job) -> Entry | None:
        """The job's valid cache entry, or None (the dataset is loaded only to check changed data)."""
        entry = self._entries.get(job.id) or self.cache.valid(job, self.state, self.site.fingerprints)
        if entry is not None:
            self._entries[job.id] = entry
        return entry

    def _result(self, job: Job) -> Any:
        """The job's result: from the pool, from the cache, or rendered here and now. Its reads are noted
        as made now, so that a recording around this call (a page being tracked) sees them all."""
        if job.id not in self._ready:
            self._wait_for(job)
        if job.id in self._ready:
            result = self._ready.pop(job.id)
        else:
            entry = self._valid(job)
            result = None
            if entry is not None:
                try:
                    result = self.cache.result(entry)
                except (OSError, EOFError):  # removed meanwhile (another build pruned it): render it again
                    entry = None
            if entry is None:
                rendered = self._render(job)
                entry, result = self._keep(rendered), rendered.result
        reads.note_all(self._entries[job.id].reads.keys())
        return result

    def _render(self, job: Job) -> Rendered:
        self.rendered += 1
        return run_recorded(job, self.site.renderer, self.site.fingerprints())

    def _keep(self, rendered: Rendered) -> Entry:
        entry = self._entries[rendered.job.id] = self.cache.store(rendered, self.state)
        return entry

    def _wait_for(self, job: Job | None) -> None:
        """Take results from the pool until ``job``'s (None: all of them)."""
        while self._pending is not None and (job is None or job.id not in self._ready):
            try:
                done = next(self._pending)
            except StopIteration:
                self._pending = None
                break
            if done is not None:  # (job, entry, result) from a worker; charts give None
                done_job, entry, result = done
                self.cache.adopt(done_job, entry)
                self._entries[done_job.id] = entry
                self._ready[done_job.id] = result
                self.rendered += 1

    # --- tasks run by the pool (in a worker: they store their result themselves) -------------------

    def _page_task(self, job: Job) -> tuple[Job, Entry, Any]:
        rendered = run_recorded(job, self.site.renderer, self.site.fingerprints())  # counted by _wait_for
        return job, self.cache.store(rendered, self.state), rendered.result

    def _export_task(self, job: Job, name: str) -> tuple[Job, Entry, None]:
        rendered = run_recorded(job, self.site.renderer, self.site.fingerprints())  # counted by _wait_for
        entry = self.cache.store(rendered, self.state)
        self._write_export(name, entry, rendered.result)
        return job, entry, None

    def _chart_task(self, spec: FigureSpec) -> None:
        ChartCache(self.charts_folder).svg(spec)

    # --- what the build publishes --------------------------------------------------------------

    def plan(self) -> list[pages.GeneratedPage]:
        """Every generated page (a report, a source, a tracker...)."""
        if self._plan is None:
            self._plan = self._result(Job("generated_pages"))
        return self._plan

    def chart_specs(self) -> list[FigureSpec]:
        if self._specs is None:
            self._specs = self._result(Job("chart_specs"))
        return self._specs

    def _page_job(self, page: pages.GeneratedPage) -> Job:
        url = pages.page_url(page.src_uri, self.site.directory_urls)
        return Job("generated", (page.kind, page.key, url), (("site_name", self.site_name), ("site_url", self.site_url)))

    def _export_job(self, name: str) -> Job:
        return Job("export_file", (name,), (("base_url", self.site_url),))

    def prepare(self) -> None:
        """Find what must be rendered or drawn, and start on it (in a pool when there is a lot)."""
        tasks = []
        for name in EXPORTS:
            job = self._export_job(name)
            entry = self._valid(job)
            if entry is None:
                tasks.append(partial(self._export_task, job, name))
            elif self._export_digest(name) != entry.output:
                self._write_export(name, entry, self.cache.result(entry))
        chart_cache = ChartCache(self.charts_folder)
        tasks += [partial(self._chart_task, spec) for spec in self.chart_specs()
                  if not chart_cache.path(spec).exists()]
        long_ones = len(tasks)
        for page in self.plan():
            job = self._page_job(page)
            if self._valid(job) is None:
                tasks.append(partial(self._page_task, job))
        if tasks:
            self._pending = run_all(tasks, alone=long_ones)

    def exports(self) -> list[tuple[str, Path]]:
        """(site path, file under .cache/) of each file of the open data; written by :meth:`wait`."""
        return [(f"data/{name}", self.folder / "files" / name) for name in EXPORTS]

    def _export_digest(self, name: str) -> str | None:
        try:
            return (self.folder / "files" / f"{name}.digest").read_text(encoding="utf-8")
        except OSError:
            return None

    def _write_export(self, name: str, entry: Entry, text: str) -> None:
        """Kept under one name, rewritten only when its content changed (a dirty build copies a newer file)."""
        write_atomic(self.folder / "files" / name, text.encode("utf-8"))
        write_atomic(self.folder / "files" / f"{name}.digest", entry.output.encode("utf-8"))

    def charts(self) -> list[tuple[str, Path]]:
        """(site path, cached SVG file) of every chart; those not drawn yet are drawn by :meth:`wait`."""
        cache = ChartCache(self.charts_folder)
        return [(Renderer.chart_src_uri(spec), cache.path(spec)) for spec in self.chart_specs()]

    def wait(self) -> None:
        """Finish every task started by :meth:`prepare` (call before the exports and charts are copied)."""
        self._wait_for(None)

    def stub(self, page: pages.GeneratedPage) -> Path:
        """A Markdown file for MkDocs to read for a generated page, rewritten exactly when the page's
        content changed (for dirty builds, which rebuild a page whose file is newer than its output)."""
        job = self._page_job(page)
        if job.id not in self._entries:
            self._wait_for(job)
        entry = self._valid(job) or self._entries[job.id]
        path = self.folder / "stubs" / page.src_uri
        content = pages.STUB.replace("\n---\n", f"\n# content: {entry.output}\n---\n", 1)
        try:
            same = path.read_text(encoding="utf-8") == content
        except OSError:
            same = False
        if not same:
            write_atomic(path, content.encode("utf-8"))
        return path

    def page(self, page: pages.GeneratedPage) -> GeneratedOutput:
        """A generated page's content; its slots wait for :meth:`fill`."""
        url = pages.page_url(page.src_uri, self.site.directory_urls)
        output: GeneratedOutput = self._result(self._page_job(page))
        self.site.slots[url] = list(output.slots)
        return output

    def listing(self, method: str, page_url: str) -> str:
        """A listing macro on a hand-written page (reports_index, quality_page...): Markdown holding a slot
        for its finished HTML."""
        return deferred(self.site.slots, page_url, self._result(Job(method, (page_url,))))

    def fill(self, page_url: str, html: str) -> str:
        """Put the finished HTML of a page's slots in place (see render.fill_slots)."""
        return fill_slots(self.site.slots, page_url, html)

    # --- hand-written pages under `mkdocs serve --dirty` ----------------------------------------

    def track(self, src_uri: str) -> None:
        """Start recording what a hand-written page reads while it is rendered (its macros, cached or not)."""
        self._tracked[src_uri] = reads.start()

    def tracked(self, src_uri: str) -> None:
        """Stop recording the page, and remember the fingerprints of what it read (see :meth:`stale`)."""
        seen = self._tracked.pop(src_uri, None)
        if seen is not None:
            reads.stop(seen)
            self.site.page_reads[src_uri] = self.site.fingerprints().all(seen) if seen else {}

    def stale(self, src_uris: list[str]) -> set[str]:
        """Hand-written pages built before whose data changed since: they must be built again."""
        found = set()
        for src_uri in src_uris:
            recorded = self.site.page_reads.get(src_uri)
            if recorded and any(self.site.fingerprints().of(r) != fp for r, fp in recorded.items()):
                found.add(src_uri)
        return found

    # --- the end -------------------------------------------------------------------------------

    def summary(self) -> str:
        """How much this build rendered, for the build's log (and the tests of the cache)."""
        return f"render cache: {self.rendered} of {len(self._entries)} pages, listings and files rendered, the rest reused"

    def finish(self) -> None:
        """Keep what was rendered, forget what no page uses any more."""
        self.wait()
        self.cache.save()
        if self._plan is not None:
            wanted = {self.folder / "stubs" / p.src_uri for p in self._plan}
            for path in (self.folder / "stubs").rglob("*.md"):
                if path not in wanted:
                    path.unlink(missing_ok=True)
        ChartCache(self.charts_folder).prune(self.chart_specs())

    def abort(self) -> None:
        """Stop the pool (a failed build)."""
        if self._pending is not None and hasattr(self._pending, "close"):
            self._pending.close()
        self._pending = None


class CachedCalls:
    """Renderer calls kept in the render cache outside a page build: the words of the pages the lessons'
    readings link to, which mkdocs-macros counts to check the lessons before MkDocs reaches any page.
    Each call is a job like a page's (its result valid while what it read is unchanged); call
    :meth:`save` when done."""

    def __init__(self, site: Site, name: str = "calls"):
        self.site = site
        salt = hashlib.sha256(repr((code_version(), name)).encode()).hexdigest()
        self.cache = RenderCache(site.cache_dir / name, salt)

    def __call__(self, job: Job) -> Any:
        state = self.site.key
        entry = self.cache.valid(job, state, self.site.fingerprints)
        result = None
        if entry is not None:
            try:
                result = self.cache.result(entry)
            except (OSError, EOFError):
                entry = None
        if entry is None:
            rendered = run_recorded(job, self.site.renderer, self.site.fingerprints())
            entry, result = self.cache.store(rendered, state), rendered.result
        reads.note_all(entry.reads.keys())
        return result

    def reading_words(self, src: str, anchor: str | None, docs_dir: Path | None) -> int | None:
        return self(Job("reading_words", (src, anchor, str(docs_dir) if docs_dir else None)))

    def save(self) -> None:
        self.cache.save()
