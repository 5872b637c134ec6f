"""MkDocs hook: adds one generated page per report, and fails the build on bad data.

Listed under ``hooks:`` in mkdocs.yml. MkDocs imports this file by path, so
the project root is put on ``sys.path`` to import ``macros.claimkit`` under
the same name mkdocs-macros uses (one module, one data cache).

All the work is in the core (``claimkit/sitebuild.py``: the render cache, the
process pool, which pages changed); this file only hands MkDocs what the core
gives. Under `mkdocs serve --dirty` (what `make serve` runs) it also tells
MkDocs which pages to build again after an edit: a generated page's file is
rewritten when its content changed, a hand-written page whose data changed has
its output marked out of date, and the whole site is built again when the code,
the templates, the configuration, the set of pages or a data file other than a
report changed.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from markupsafe import escape
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.claimkit import pages  # noqa: E402
from macros.claimkit.csp import inline_script_hashes  # noqa: E402
from macros.claimkit.errors import DataError  # noqa: E402
from macros.claimkit.html_compact import compact_html  # noqa: E402
from macros.claimkit.site import code_version, current_site_data, site_data  # noqa: E402
from macros.claimkit.sitebuild import SESSION, Build  # noqa: E402
from macros.claimkit.templating import keep_theme_compiled  # noqa: E402

_pages: dict[str, pages.GeneratedPage] = {}  # src_uri -> generated page, for this build
_heads: dict[str, str] = {}  # page URL -> what goes into its <head> (ClaimReview data)
log = get_plugin_logger("claimkit")
# MkDocs runs this file afresh for every rebuild of `mkdocs serve` (and calls on_startup only once):
# what must outlive a build (the command, --dirty, the last build) is kept in the core's SESSION.
_build: Build | None = None
_last = SESSION.last  # the last successful build of this session: its layout, data state and search entries
_rebuilt: set[str] = set()  # URLs of the pages built in this build
_late: list[tuple[File, bool]] = []  # files made by the build's pool, copied at its end, and `dirty`


class _MadeByThePool(File):
    """An export or a chart, which the build's pool may still be making when MkDocs copies the static
    files (before it builds the pages' HTML): copied once the pool is done (on_post_build), so that the
    workers make them while this process builds the pages."""

    def copy_file(self, dirty: bool = False) -> None:
        _late.append((self, dirty))


def _data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def _site(config, *, refresh: bool = False):
    if refresh:
        return site_data(_data_dir(config), directory_urls=config.use_directory_urls)
    return current_site_data(_data_dir(config), directory_urls=config.use_directory_urls)


@contextmanager
def _data_problems():
    """Data with problems stops the build with every problem listed, never a traceback."""
    try:
        yield
    except DataError as exc:
        raise PluginError(f"The data has problems; nothing was built.\n{exc.report()}") from None


@event_priority(100)  # before mkdocs-macros loads the course (course_macros.py: not for a quick build)
def on_config(config):
    SESSION.cancel_catch_up()
    site = _site(config, refresh=True)
    SESSION.quick = SESSION.may_be_quick(site.state) if SESSION.dirty else False
    if not config.site_url:  # a log line, not a warning: --strict would fail every local build
        log.info("SITE_URL is not set: sitemap.xml, canonical links, ClaimReview data and the addresses in "
                 "teacher guides are relative to the home page. For a published site: SITE_URL=https://... make build")
    if not SESSION.quick:
        _start_early(site, config)


# Plugins whose on_config, run after this hook's, leaves alone what the pages are rendered with (the
# directory URLs, site_url, site_name). Another (material/offline turns directory URLs off) may change it.
_SETTLES_NOTHING = {"search", "material/search", "macros"}


def _start_early(site, config) -> None:
    """A whole build starts rendering as soon as the data is valid: the pool's workers count the words of
    the lessons' readings, then render the listings and the generated pages, while this process loads and
    checks the course (mkdocs-macros' on_config), which would otherwise leave the other cores idle.
    on_files takes the build over, or starts again if the configuration changed meanwhile; with a plugin
    that may change it, the build starts there. Data with problems starts nothing: on_pre_build reports
    them."""
    global _build
    if any(name not in _SETTLES_NOTHING and getattr(plugin, "__file__", None) != __file__
           for name, plugin in config.plugins.items()):
        return
    site.save_dataset_later = True  # a worker of the build's pool writes it (Build.prepare)
    try:
        site.check()
    except DataError:
        return
    _build = _new_build(site, config)
    _build.plan()
    _build.prepare()


def _new_build(site, config) -> Build:
    return Build(site, site_url=config.site_url or "", site_name=config.site_name,
                 edited=SESSION.edited_reports(site.state) if SESSION.quick else None, docs_dir=Path(config.docs_dir))


class _DirtyBuildsAreWhole(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links out of date (a warning fails the
    strict build). Here it cannot: everything is built again when anything but a report changed."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    SESSION.command, SESSION.dirty = command, dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildsAreWhole())


def on_pre_build(config):
    """Check the data before MkDocs empties the site folder, so bad data never wipes the last good site."""
    site = _site(config, refresh=True)
    site.save_dataset_later = SESSION.quick  # (its catch-up build writes it)
    try:
        site.check()
    except DataError as exc:
        raise PluginError(f"The data has problems; nothing was built.\n{exc.report()}") from None


def on_files(files, config):
    global _build
    site = _site(config)
    _pages.clear()
    _heads.clear()
    _rebuilt.clear()
    with _data_problems():
        if not _started_for(site, config):
            if _build is not None:
                _build.abort()
            _build = _new_build(site, config)
            _build.plan()
            _build.prepare()  # starts rendering what the cache lacks; pages are taken as MkDocs reaches them
        build = _build
        plan = build.plan()
    written = [f.src_uri for f in files.documentation_pages()]
    for page in plan:
        if files.get_file_from_path(page.src_uri):
            # (the validator refuses such ids when it knows docs/; this is the last line of defence)
            raise PluginError(f"the {page.kind} id '{page.key}' would make the page {page.src_uri}, but "
                              f"docs/{page.src_uri} is a hand-written page: give the {page.kind} another id")
        if SESSION.dirty:
            with _data_problems():
                stub = build.stub(page)
            files.append(File.generated(config, page.src_uri, abs_src_path=str(stub)))
        else:
            files.append(File.generated(config, page.src_uri, content=page.stub))
        _pages[page.src_uri] = page
    # The data itself, published with the site (columns: docs/contributing/data-export.md), and the
    # charts, drawn only when their data changed; both kept under .cache/ and copied from there.
    _late.clear()
    for src_uri, path in build.exports() + build.charts():
        files.append(_MadeByThePool.generated(config, src_uri, abs_src_path=str(path)))
    if SESSION.dirty:
        _plan_dirty_build(build, files, config, written)
    return files


def _started_for(site, config) -> bool:
    """Whether the build started by on_config is the one to make: same data, same settings."""
    return (_build is not None and not SESSION.quick and _build.site is site and _build.state == site.key
            and (_build.site_url, _build.site_name) == (config.site_url or "", config.site_name))


def _plan_dirty_build(build: Build, files, config, written: list[str]) -> None:
    """Under --dirty: build everything again when more than reports changed, else mark the hand-written
    pages whose data changed as out of date (generated pages took care of themselves: see Build.stub);
    a quick build leaves them to its catch-up build (see sitebuild.Session)."""
    site = build.site
    root = Path(config.config_file_path).resolve().parent
    # A hand-written page's title is in every page's navigation: any change under docs/ builds all again.
    layout = (code_version(), (root / "mkdocs.yml").read_bytes(), sorted(written), sorted(_pages),
              *(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in (root / folder).rglob("*")
                       if p.is_file()) for folder in ("overrides", config.docs_dir)))
    changed = site.state.changed(_last.get("state"))
    only_reports = all(path.startswith("reports/") for path in changed)
    if layout != _last.get("layout") or not only_reports:
        if _last:
            log.info("Code, templates, configuration, pages or shared data changed: building every page again")
        SESSION.quick = False
        utils.clean_directory(config.site_dir)
        _last.pop("search", None)
    elif changed and not SESSION.quick:
        for src_uri in build.stale(written):
            dest = files.get_file_from_path(src_uri).abs_dest_path
            if os.path.exists(dest):
                os.utime(dest, (0, 0))  # older than its source: MkDocs builds it again
    _last["pending"] = (layout, site.state)
    # Material's search plugin merges the last index with this build's pages, assuming a single page
    # was rebuilt; we merge ourselves (on_post_build), so it starts from nothing.
    search = config.plugins.get("material/search")
    if search is not None:
        search.search_index_prev = None


def on_pre_page(page, config, files):
    """Under --dirty, record what a hand-written page reads as its macros render (see Build.stale)."""
    if SESSION.dirty and _build is not None and page.file.src_uri not in _pages:
        _build.track(page.file.src_uri)
    return page


@event_priority(-100)  # after mkdocs-macros has rendered the page, so the title is never templated
def on_page_markdown(markdown, page, config, files):
    """A generated page's content, from the render cache or rendered from its validated id."""
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        if _build is not None:
            _build.tracked(page.file.src_uri)
        return markdown
    # Material writes page.title into HTML unescaped: escape data here.
    page.title = str(escape(generated.title))
    with _data_problems():  # (lesson files with problems: case pages list the lessons)
        output = _build.page(generated)
    if output.head:
        _heads[page.url] = output.head
    return output.markdown


def on_post_page(output, page, config):
    """Put the finished HTML of each page's data sections in place (see render.fill_slots), and
    schema.org ClaimReview data on report pages whose claims have a verdict; leave out the
    indentation of the HTML source (html_compact.py)."""
    _rebuilt.add(page.url)
    output = _build.fill(page.url, output) if _build is not None else output
    head = _heads.pop(page.url, "")
    if head:
        output = output.replace("</head>", f"{head}</head>", 1)
    return compact_html(output)


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    global _build
    if _build is not None:
        _build.wait()
        for file, dirty in _late:
            File.copy_file(file, dirty)
        _late.clear()
        _build.finish()
        log.info(_build.summary())
        _build.site.build = None
        _build = None
    gc.unfreeze()
    if SESSION.dirty:
        _merge_search_index(config)
        pending = _last.pop("pending")
        if SESSION.quick:  # the last whole build stays the reference of the catch-up build
            SESSION.catch_up_after_pause(_catch_up_trigger(config))
            log.info(f"quick build: {len(_rebuilt)} pages built; listings, lessons and exports follow in "
                     f"{SESSION.catch_up_after:g} s unless you edit again")
        else:
            _last["layout"], _last["state"] = pending
            SESSION.catch_up_due = False
            log.info(f"dirty build: {len(_rebuilt)} pages built")


def _merge_search_index(config) -> None:
    """Under --dirty, the search index of this build holds only the pages built again: add the others'
    entries from the last build."""
    search = config.plugins.get("material/search")
    if search is None:
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    built = list(search.search_index.entries)
    entries = [e for e in _last.get("search", []) if e["location"].split("#", 1)[0] not in _rebuilt] + built
    if "search" in _last:
        index = json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = entries
        utils.write_file(json.dumps(index, separators=(",", ":"), default=str).encode("utf-8"), str(path))
    _last["search"] = entries


def on_shutdown():
    SESSION.cancel_catch_up()


def on_build_error(error):
    global _build
    if _build is not None:
        _build.abort()
        _build.site.build = None
        _build = None
    gc.unfreeze()


def _catch_up_trigger(config) -> Path:
    return _site(config).cache_dir / "serve" / "catch-up"


def on_serve(server, config, builder):
    """Rebuild when data or the Python behind the pages changes, not only docs/; and when a quick build
    asks for its catch-up build (sitebuild.Session)."""
    trigger = _catch_up_trigger(config)
    trigger.parent.mkdir(parents=True, exist_ok=True)
    server.watch(str(trigger.parent))
    server.watch(str(_data_dir(config)))
    server.watch(str(Path(__file__).resolve().parent))
    return server


def on_env(env, config, files):
    """Helpers for the Content-Security-Policy in overrides/main.html; the theme compiled once per process."""
    keep_theme_compiled(env)
    env.filters["csp_script_hashes"] = inline_script_hashes
    # mkdocs serve injects an inline live-reload script that changes on every request: no hash can allow it.
    env.globals["csp_live_reload"] = SESSION.command == "serve"
    return env
