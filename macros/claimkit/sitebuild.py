"""One build of the site from one state of the data: what it publishes, and each page's content.

The MkDocs hook asks a :class:`Build` for the generated pages, the charts and the exports, and for
each page's content as MkDocs reaches it; the macros ask it for the listings of hand-written pages.
Everything comes from the render cache (render_cache.py) when the data it read is unchanged; what
must be rendered is rendered once and kept. When there is a lot of it (a first build), it is
rendered in a pool of worker processes while this one goes on with the rest of the build, in the
order this process asks for it: the lessons' reading times, the listings of hand-written pages, the
generated pages in MkDocs' order; then the exports and the charts, which the hook copies into the
site at the end. This process takes each result when it needs it, whichever worker finished it.

A build with the data unchanged renders nothing and does not even load the dataset. After an edit,
only the jobs that read the edited data render again.

For `mkdocs serve --dirty` the build also says which pages changed: MkDocs rebuilds a page whose
source file is newer than its output, so a generated page's *stub* (the tiny Markdown file MkDocs
reads for it) is rewritten exactly when the page's content changed (:meth:`Build.stub`), and a
hand-written page is :meth:`Build.stale` when an entry it read has changed since it was built.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import pages, reads
from .charts import ChartCache
from .course_timing import reading_target
from .errors import DataError
from .figures import FigureSpec
from .listing_macros import listings_called
from .render import CHARTS_FOLDER, EXPORTS, GeneratedOutput, Renderer, deferred, fill_slots
from .render_cache import Entry, Job, RenderCache, Rendered, pool_starts, run_all, run_recorded, write_atomic
from .site import DataState, Site, code_version


@dataclass
class Session:
    """What outlives one build in a process (`mkdocs serve` builds many): the command, whether builds
    are dirty, and what the engine adapter keeps of the last build (its layout, data state, search
    entries). Kept here because the adapter may be loaded afresh for every build.

    Under `mkdocs serve --dirty`, a build after an edit of report files only is *quick*: it renders
    again only the generated pages that read an edited report (its own page, its source's...), and
    leaves to a *catch-up* build, started when the editing pauses, everything else: the pages that show
    it through an index (a claim's follow-ups, a tracker's figures, a case's charts), the hand-written
    pages with listings, the lessons and their reading times, the export files. The
    edited page is served in about a second at 1,000 reports instead of after every listing is
    rendered again; until the catch-up build has run, those listings show the data as it was before
    the edit (a request made during the catch-up build waits for it). ``last`` keeps the data state of
    the last whole build, so the catch-up build finds every page a run of quick builds left behind."""

    command: str = "build"
    dirty: bool = False
    last: dict = field(default_factory=dict)
    quick: bool = False  # this build is quick (see above)
    catch_up_after: float = 2.0  # seconds without a new build before the catch-up build starts
    catch_up_due: bool = False  # the next build is the catch-up build: whole
    stubs: dict[Path, str] = field(default_factory=dict)  # stub file -> the content this process wrote
    _caches: dict[Path, RenderCache] = field(default_factory=dict)
    _timer: threading.Timer | None = None

    def may_be_quick(self, state: DataState) -> bool:
        """Whether the next build may be quick: a serve with --dirty after a whole build, with only
        existing report files edited since (a report added or removed changes the listings' pages).
        The adapter then checks that code, templates, configuration and hand-written pages are the same
        as at the last whole build (its layout) before building only what changed."""
        last = self.last.get("state")
        if self.catch_up_due or not (self.command == "serve" and self.dirty and last is not None):
            return False
        changed = state.changed(last)
        return bool(changed) and all(path.startswith("reports/") and path in last.files and path in state.files
                                     for path in changed)

    def edited_reports(self, state: DataState) -> frozenset[str]:
        """Ids of the reports edited since the last whole build (a report's id is its file's name)."""
        return frozenset(Path(path).stem for path in state.changed(self.last.get("state")))

    def catch_up_after_pause(self, trigger: Path) -> None:
        """After a quick build: once no build has started for ``catch_up_after`` seconds, rewrite
        ``trigger`` (a file the server watches), which starts the catch-up build."""
        self.cancel_catch_up()

        def touch() -> None:
            self.catch_up_due = True
            write_atomic(trigger, str(time.time()).encode())

        self._timer = threading.Timer(self.catch_up_after, touch)
        self._timer.daemon = True
        self._timer.start()

    def render_cache(self, folder: Path, salt: str) -> RenderCache:
        """The render cache under ``folder``: the one the last build of this process used, while no other
        process has saved one since (a quick build leaves saving to its catch-up build), else read."""
        kept = self._caches.get(folder)
        if kept is not None and kept.salt == salt and kept.still_current():
            kept.begin()
            return kept
        cache = self._caches[folder] = RenderCache(folder, salt)
        return cache

    def cancel_catch_up(self) -> None:
        """A build is starting (it is whole, or it is quick and will ask for the catch-up itself)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


SESSION = Session()


_CHART_URI = re.compile(rf"{CHARTS_FOLDER}/[^\"'\s/<>]+\.svg")


class Build:
    """What one build publishes, from ``site``'s current state (``site.refresh()`` read it)."""

    def __init__(self, site: Site, *, site_url: str = "", site_name: str = "", edited: frozenset[str] | None = None,
                 docs_dir: Path | None = None):
        self.site = site
        self.docs_dir = Path(docs_dir) if docs_dir else None  # hand-written pages: their listings and readings
        # A quick build (see Session): ``edited`` names the reports edited since the last whole build.
        self.quick = edited is not None
        self._edited_reads = {("reports", report_id) for report_id in edited or ()}
        site.build = self  # for the macros of hand-written pages (macros_adapter.py)
        site.renew_renderer_if(code_version())
        self.state = site.key
        self.site_url = site_url
        self.site_name = site_name
        salt = hashlib.sha256(repr((code_version(), site.directory_urls)).encode()).hexdigest()
        self.folder = site.cache_dir / "render"
        self.cache = SESSION.render_cache(self.folder, salt)
        self.charts_folder = site.cache_dir / "charts"
        self._entries: dict[str, Entry] = {}  # job id -> its entry, for the jobs of this build
        self._ready: dict[str, Any] = {}  # job id -> result rendered by the pool, not yet asked for
        self._pending: Iterator[Any] | None = None
        self._queued: set[str] = set()  # ids of the jobs given to the pool whose result has not come yet
        self._plan: list[pages.GeneratedPage] | None = None
        self._specs: list[FigureSpec] | None = None
        self._tracked: dict[str, set[reads.Read]] = {}
        self.rendered = 0  # jobs rendered by this build (not taken from the cache)
        self.fresh: list[tuple[Job, Any]] = []  # jobs rendered by this build and their results
        self.calls = CachedCalls(site, self)  # the course's, some rendered by the pool (see prepare)
        self._call_entries: dict[str, Entry | None] = {}  # job id -> entry of a course call the pool did

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
        if job.id in self._queued:  # (any other job renders here at once: it never waits for the pool)
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
        rendered = run_recorded(job, self.site.renderer, self.site.fingerprints())
        self.fresh.append((job, rendered.result))
        return rendered

    def _trust(self, job: Job, *, unless_edited: bool = True) -> bool:
        """In a quick build: take the job's last entry unchecked, unless it read an edited report
        (``unless_edited``). False when the job must be checked (and maybe rendered) as usual."""
        entry = self.cache.peek(job)
        if entry is None or (unless_edited and not self._edited_reads.isdisjoint(entry.reads)):
            return False
        self._entries[job.id] = entry
        return True

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
                self._queued.discard(done_job.id)
                if done_job.id in self._call_entries:  # the course's: kept in its own cache (CachedCalls)
                    self._call_entries[done_job.id], self._ready[done_job.id] = entry, result
                    continue
                self.cache.adopt(done_job, entry)
                self._entries[done_job.id] = entry
                self._ready[done_job.id] = result
                self.fresh.append((done_job, result))
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

    def _call_task(self, job: Job) -> tuple[Job, Entry | None, Any]:
        """A course call (the words of a reading): on failure (a reading of a page that is not there) the
        entry is None and the course makes the call itself, so the error reaches the lesson it is about."""
        try:
            rendered = run_recorded(job, self.site.renderer, self.site.fingerprints())
        except Exception:  # raised again where the course asks, with the lesson's context
            return job, None, None
        return job, self.calls.cache.store(rendered, self.state), rendered.result

    def pooled_call(self, job: Job) -> tuple[Entry, Any] | None:
        """The entry and result of a course call :meth:`prepare` gave the pool, waited for; None when it
        gave none or the call failed there."""
        if job.id not in self._call_entries:
            return None
        self._wait_for(job)
        entry, result = self._call_entries.pop(job.id), self._ready.pop(job.id, None)
        return None if entry is None else (entry, result)

    # --- what the build publishes --------------------------------------------------------------

    def plan(self) -> list[pages.GeneratedPage]:
        """Every generated page (a report, a source, a tracker...)."""
        if self._plan is None:
            self._plan = self._result(Job("generated_pages"))
        return self._plan

    def chart_specs(self) -> list[FigureSpec]:
        if self._specs is None:
            job = Job("chart_specs")
            if self.quick:  # the charts of the last build: charts() checks the pages rendered now use no other
                self._trust(job, unless_edited=False)
            self._specs = self._result(job)
        return self._specs

    def _page_job(self, page: pages.GeneratedPage) -> Job:
        url = pages.page_url(page.src_uri, self.site.directory_urls)
        return Job("generated", (page.kind, page.key, url), (("site_name", self.site_name), ("site_url", self.site_url)))

    def _export_job(self, name: str) -> Job:
        return Job("export_file", (name,), (("base_url", self.site_url),))

    def _reading_jobs(self) -> list[Job]:
        """The words of each page the lessons' readings link to, which the course counts as soon as this
        build starts (mkdocs-macros' on_config). Lessons that cannot be read: the course reports them."""
        try:
            lessons = self.site.lessons() if self.docs_dir else []
        except DataError:
            return []
        jobs = (reading_job(*reading_target(reading), self.docs_dir) for lesson in lessons for reading in lesson.readings)
        return list({job.id: job for job in jobs}.values())

    def _listing_jobs(self) -> list[Job]:
        """The listings the hand-written pages call, found in their Markdown (a page MkDocs then leaves out
        costs only its listings' rendering)."""
        jobs = []
        for path in sorted(self.docs_dir.rglob("*.md")) if self.docs_dir else ():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports it
            url = pages.page_url(path.relative_to(self.docs_dir).as_posix(), self.site.directory_urls)
            jobs += [Job("listing", (method, url)) for method in listings_called(text)]
        return jobs

    def prepare(self) -> None:
        """Find what must be rendered or drawn, and start on it (in a pool when there is a lot), in the
        order this process asks for it: the lessons' reading times, the listings of hand-written pages,
        the generated pages in MkDocs' order; then the exports and the charts, which are copied into the
        site last (hooks.py), while this process builds the pages' HTML. A quick build leaves the course,
        the listings and the exports to its catch-up build."""
        tasks = []
        for job in () if self.quick else self._reading_jobs():
            if self.calls.cache.valid(job, self.state, self.site.fingerprints) is None:
                tasks.append(partial(self._call_task, job))
                self._queued.add(job.id)
                self._call_entries[job.id] = None
        for job in () if self.quick else self._listing_jobs():
            if self._valid(job) is None:
                tasks.append(partial(self._page_task, job))
                self._queued.add(job.id)
        first = len(tasks)
        for page in self.plan():
            job = self._page_job(page)
            if self.quick and self._trust(job):
                continue
            if self._valid(job) is None:
                tasks.append(partial(self._page_task, job))
                self._queued.add(job.id)
        last = len(tasks)
        for name in () if self.quick else EXPORTS:
            job = self._export_job(name)
            entry = self._valid(job)
            if entry is None:
                tasks.append(partial(self._export_task, job, name))
                self._queued.add(job.id)
            elif self._export_digest(name) != entry.output:
                self._write_export(name, entry, self.cache.result(entry))
        chart_cache = ChartCache(self.charts_folder)
        tasks += [partial(self._chart_task, spec) for spec in self.chart_specs()
                  if not chart_cache.path(spec).exists()]
        if not self.quick and self.site.save_dataset_later:  # the validated dataset, for later processes
            tasks.append(self.site.save_dataset)  # (finish() writes it when no worker did)
        if pool_starts(len(tasks)):
            self.site.renderer.prepare_for_workers()  # here, once: forked workers share them
        if tasks:  # each long task goes to a worker by itself; the pages, many and short, go in chunks
            self._pending = run_all(tasks, alone=[*range(first), *range(last, len(tasks))])

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
        if self.quick and self._charts_missing(cache):  # a figure changed: its chart is drawn now
            self.quick = False
            self._entries.pop(Job("chart_specs").id, None)
            self._specs = None
            for spec in self.chart_specs():
                if not cache.path(spec).exists():
                    self._chart_task(spec)
        return [(Renderer.chart_src_uri(spec), cache.path(spec)) for spec in self.chart_specs()]

    def _charts_missing(self, cache: ChartCache) -> bool:
        """Whether a page rendered by this build shows a chart that is not drawn."""
        drawn = {Renderer.chart_src_uri(spec) for spec in self.chart_specs() if cache.path(spec).exists()}
        shown = {uri for _, result in self.fresh for uri in _CHART_URI.findall(repr(result))}
        return not shown <= drawn

    def wait(self) -> None:
        """Finish every task started by :meth:`prepare` (call before the exports and charts are copied)."""
        self._wait_for(None)

    def stub(self, page: pages.GeneratedPage) -> Path:
        """A Markdown file for MkDocs to read for a generated page, rewritten exactly when the page's
        content changed (for dirty builds, which rebuild a page whose file is newer than its output)."""
        job = self._page_job(page)
        if job.id in self._queued:
            self._wait_for(job)
        entry = self._valid(job) or self._entries[job.id]
        path = self.folder / "stubs" / page.src_uri
        content = page.stub.replace("\n---\n", f"\n# content: {entry.output}\n---\n", 1)
        if SESSION.stubs.get(path) == content and path.exists():
            return path
        try:
            same = path.read_text(encoding="utf-8") == content
        except OSError:
            same = False
        if not same:
            write_atomic(path, content.encode("utf-8"))
        SESSION.stubs[path] = content
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
        return deferred(self.site.slots, page_url, self._result(Job("listing", (method, page_url))))

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
        if self.quick:  # its catch-up build saves the index and the dataset, and prunes (the plan is the same)
            return
        self.site.save_dataset()
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


def reading_job(src: str, anchor: str | None, docs_dir: Path | None) -> Job:
    """The count of the words of a page a reading links to (course_timing.page_words)."""
    return Job("reading_words", (src, anchor, str(docs_dir) if docs_dir else None))


class CachedCalls:
    """Renderer calls kept in the render cache outside a page build: the words of the pages the lessons'
    readings link to, which mkdocs-macros counts to check the lessons before MkDocs reaches any page.
    Each call is a job like a page's (its result valid while what it read is unchanged); call
    :meth:`save` when done. With ``build``, a call it gave its pool comes from there."""

    def __init__(self, site: Site, build: Build | None = None, name: str = "calls"):
        self.site = site
        self.build = build
        salt = hashlib.sha256(repr((code_version(), name)).encode()).hexdigest()
        self.cache = RenderCache(site.cache_dir / name, salt)

    def __call__(self, job: Job) -> Any:
        pooled = self.build.pooled_call(job) if self.build is not None else None
        if pooled is not None:
            entry, result = pooled
            self.cache.adopt(job, entry)
        else:
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
        return self(reading_job(src, anchor, docs_dir))

    def save(self) -> None:
        self.cache.save()
