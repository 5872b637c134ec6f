"""MkDocs hook: adds one generated page per report, and fails the build on bad data.

Listed under ``hooks:`` in mkdocs.yml. MkDocs imports this file by path, so
the project root is put on ``sys.path`` to import ``macros.claimkit`` under
the same name mkdocs-macros uses (one module, one data cache).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.claimkit import export, pages  # noqa: E402
from macros.claimkit.charts import ChartCache  # noqa: E402
from macros.claimkit.course_loader import load_course  # noqa: E402
from macros.claimkit.csp import inline_script_hashes  # noqa: E402
from macros.claimkit.errors import DataError  # noqa: E402
from macros.claimkit.site import current_site_data, site_data  # noqa: E402

_pages: dict[str, pages.GeneratedPage] = {}  # src_uri -> generated page, for this build
_report_ids: dict[str, str] = {}  # src_uri -> report id, for the ClaimReview data of report pages
log = get_plugin_logger("claimkit")
_command = "build"  # "serve" under mkdocs serve (MkDocs keeps this module for the whole session)


def _data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def _site_data(config):
    try:
        return site_data(_data_dir(config), directory_urls=config.use_directory_urls)
    except DataError as exc:
        raise PluginError(f"The data has problems; nothing was built.\n{exc.report()}") from None


def _lessons(config, data) -> list:
    """The course's lessons, checked against this build's data (mkdocs-macros checks them first and
    reports their problems; this only fails if the lesson files changed in between)."""
    try:
        return load_course(_data_dir(config), data.dataset).lessons
    except DataError as exc:
        raise PluginError(f"The lesson data has problems; nothing was built.\n{exc.report()}") from None


def on_config(config):
    if not config.site_url:  # a log line, not a warning: --strict would fail every local build
        log.info("SITE_URL is not set: sitemap.xml, canonical links, ClaimReview data and the addresses in "
                 "teacher guides are relative to the home page. For a published site: SITE_URL=https://... make build")


def on_startup(command, dirty):
    global _command
    _command = command


def on_pre_build(config):
    """Check the data before MkDocs empties the site folder, so bad data never wipes the last good site."""
    _site_data(config)


def on_files(files, config):
    data = _site_data(config)
    # The dataset and page objects live for the whole build; the cyclic garbage collector would
    # rescan them on every collection, which grows faster than the site. Freeze what exists now
    # (on_post_build unfreezes, so a long `mkdocs serve` session can still free old builds).
    gc.collect()
    gc.freeze()
    _pages.clear()
    _report_ids.clear()
    data.renderer.use_lessons(_lessons(config, data))  # case pages list the lessons that draw on them
    for page in pages.generated_pages(data.dataset):
        if files.get_file_from_path(page.src_uri):
            # (the validator refuses such ids when it knows docs/; this is the last line of defence)
            raise PluginError(f"the {page.kind} id '{page.key}' would make the page {page.src_uri}, but "
                              f"docs/{page.src_uri} is a hand-written page: give the {page.kind} another id")
        files.append(File.generated(config, page.src_uri, content=pages.STUB))
        _pages[page.src_uri] = page
        if page.kind == "report":
            _report_ids[page.src_uri] = page.key
    # The data itself, published with the site (columns: docs/contributing/data-export.md).
    options = {"base_url": config.site_url or "", "directory_urls": config.use_directory_urls}
    files.append(File.generated(config, "data/claims.json", content=export.claims_json(data.dataset, **options)))
    files.append(File.generated(config, "data/claims.csv", content=export.claims_csv(data.dataset, **options)))
    files.append(File.generated(config, "data/claims.csv-metadata.json", content=export.claims_csv_metadata()))
    # Charts: drawn only when their data changed (cache keyed by content), then published as files.
    cache = ChartCache(Path(config.config_file_path).resolve().parent / ".cache" / "charts")
    specs = data.renderer.chart_specs()
    for spec in specs:
        cache.svg(spec)
        files.append(File.generated(config, data.renderer.chart_src_uri(spec), abs_src_path=str(cache.path(spec))))
    cache.prune(specs)
    return files


@event_priority(-100)  # after mkdocs-macros has rendered the page, so the title is never templated
def on_page_markdown(markdown, page, config, files):
    """A generated page's content, rendered from its validated id (after mkdocs-macros, which skips it)."""
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    # Material writes page.title into HTML unescaped: escape data here.
    page.title = str(escape(generated.title))
    renderer = current_site_data(_data_dir(config), directory_urls=config.use_directory_urls).renderer
    return getattr(renderer, generated.renderer_method)(generated.key, page.url)


def on_post_page(output, page, config):
    """Put the finished HTML of each page's data sections in place (see render.Renderer.fill_slots),
    and schema.org ClaimReview data on report pages whose claims have a verdict."""
    data = current_site_data(_data_dir(config), directory_urls=config.use_directory_urls)
    output = data.renderer.fill_slots(page.url, output)
    report_id = _report_ids.get(page.file.src_uri)
    if report_id:
        address = urljoin(config.site_url, page.url) if config.site_url else page.url
        jsonld = export.claimreview_jsonld(data.dataset, data.dataset.report(report_id), address,
                                           site_name=config.site_name)
        if jsonld:  # already escaped for a <script> element by export.py
            output = output.replace("</head>", f'<script type="application/ld+json">\n{jsonld}\n</script>\n</head>', 1)
    return output


def on_post_build(config):
    gc.unfreeze()


def on_serve(server, config, builder):
    """Rebuild when data or the Python behind the pages changes, not only docs/."""
    server.watch(str(_data_dir(config)))
    server.watch(str(Path(__file__).resolve().parent))
    return server


def on_env(env, config, files):
    """Helpers for the Content-Security-Policy in overrides/main.html."""
    env.filters["csp_script_hashes"] = inline_script_hashes
    # mkdocs serve injects an inline live-reload script that changes on every request: no hash can allow it.
    env.globals["csp_live_reload"] = _command == "serve"
    return env
