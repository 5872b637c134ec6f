"""The render cache never serves a stale page: builds that reuse it equal builds from nothing.

Each test builds a copy of the project, changes one data file, builds again with the cache of the
first build, and builds the changed project a second time from nothing (no .cache/). The cached
build must equal the build from nothing file for file; every page showing the changed data must have
changed, and a page that changed without showing it must link to one that does (it shows something
of that page, such as its reading time).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from sitebuild import PROJECT as PROJECT_ROOT, build, copy_project
from test_serve import MkDocsServe

from scripts.bench import serve_args

REPORT = "2022-08-dh-thousands-of-volunteers-offered"
CACHE_LINE = re.compile(r"render cache: (\d+) of (\d+) ")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _pages(files: dict[str, bytes]) -> dict[str, str]:
    """Site URL ('reports/x/') -> HTML of each page."""
    return {name.removesuffix("index.html"): body.decode("utf-8") for name, body in files.items()
            if name.endswith(".html")}


def _built(project: Path, name: str) -> tuple[dict[str, bytes], tuple[int, int]]:
    """Build the project; its files and (jobs rendered, jobs in all) from the hook's log line."""
    result = build(project, project / name)
    assert result.returncode == 0, result.output
    found = CACHE_LINE.search(result.output)
    assert found, result.output
    return _files(project / name), (int(found[1]), int(found[2]))


def _from_nothing(project: Path, target: Path) -> dict[str, bytes]:
    """The same project built in another folder with no cache."""
    def built_here(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n == ".cache" or n.startswith("site-")] if Path(folder) == project else []

    shutil.copytree(project, target, ignore=built_here)
    files, (rendered, total) = _built(target, "site")
    assert rendered == total
    return files


def _links(url: str, html: str) -> set[str]:
    return {urljoin("/" + url, href).lstrip("/").split("#")[0] for href in re.findall(r'href="([^"]+)"', html)
            if not href.startswith(("http:", "https:", "mailto:"))}


def _check_change(before: dict[str, bytes], cached: dict[str, bytes], fresh: dict[str, bytes], marker: str) -> set[str]:
    """The checks every edit gets; returns the URLs of the pages that changed."""
    stale = sorted(name for name in fresh.keys() | cached.keys() if fresh.get(name) != cached.get(name))
    assert not stale, f"the cached build differs from a build from nothing in {stale}"
    old, new = _pages(before), _pages(cached)
    changed = {url for url in new if new[url] != old.get(url)}
    showing = {url for url, html in new.items() if marker in html}
    assert showing, f"no page shows {marker!r}: the edit did not reach the site"
    assert showing <= changed
    for url in changed - showing:
        assert _links(url, new[url]) & showing, f"{url} changed, but neither shows {marker!r} nor links to a page that does"
    return changed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_one_report_changed_changes_exactly_the_pages_that_show_it(project, tmp_path):
    before, (rendered, total) = _built(project, "site-1")
    assert rendered == total  # nothing cached yet
    warm, (rendered, _) = _built(project, "site-2")
    assert rendered == 0, "a build with the data unchanged rendered again"
    assert warm == before

    path = project / "data" / "reports" / f"{REPORT}.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "Zebra marker headline about volunteers"
    edited = re.sub(r"^headline: .*$", f"headline: {marker}", text, count=1, flags=re.MULTILINE)
    assert edited != text
    path.write_text(edited, encoding="utf-8")

    cached, (rendered, total) = _built(project, "site-3")
    changed = _check_change(before, cached, _from_nothing(project, tmp_path / "fresh"), marker)
    assert f"reports/{REPORT}/" in changed
    assert rendered < total / 2, f"one report changed, yet {rendered} of {total} were rendered again"
    # other reports' pages did not change
    others = {url for url in _pages(cached) if url.startswith("reports/2") and REPORT not in url}
    assert others and not (others & changed)


def test_changed_shared_data_changes_the_pages_that_read_it(project, tmp_path):
    before, _ = _built(project, "site-1")

    # a source's name: its page, the pages of the reports citing it, the indexes...
    sources = project / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    marker = "Zebra Coast Daily"
    edited = text.replace("    name: East Coast Daily\n", f"    name: {marker}\n", 1)
    assert edited != text
    sources.write_text(edited, encoding="utf-8")
    cached, _ = _built(project, "site-2")
    changed = _check_change(before, cached, _from_nothing(project, tmp_path / "fresh-1"), marker)
    assert "sources/east-coast-daily/" in changed
    assert f"reports/{REPORT}/" in changed  # its outlet

    # a cue category's explanation (the lexicon): every page that defines the category
    cues = project / "data" / "cues.yaml"
    text = cues.read_text(encoding="utf-8")
    marker = "Zebra lexicon marker"
    edited = text.replace("The report leans on someone it does not name", f"{marker}: the report leans on someone it does not name", 1)
    assert edited != text
    cues.write_text(edited, encoding="utf-8")
    again, _ = _built(project, "site-3")
    changed = _check_change(cached, again, _from_nothing(project, tmp_path / "fresh-2"), marker)
    assert "guide/hedging/" in changed


_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def test_a_setting_changed_by_a_later_plugin_reaches_every_generated_page(project):
    """A whole build starts rendering in the hook's on_config (hooks.py, _start_early), before the plugins
    configured after it: what one of them changes (here site_url) must still reach every generated page."""
    (project / "later.py").write_text("def on_config(config):\n    config.site_url = 'https://later.example/'\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - macros/hooks.py\n" in config
    (project / "mkdocs.yml").write_text(config.replace("\n  - macros/hooks.py\n", "\n  - macros/hooks.py\n  - later.py\n"),
                                        encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = (project / "site" / "next" / REPORT / "index.html").read_text(encoding="utf-8")
    assert f'"url":"https://later.example/next/{REPORT}/#next-' in page


def _served_html(body: str) -> str:
    """A page as built: without the live-reload script `mkdocs serve` puts just before </body>, and
    without the content security policy (under serve it allows that script: see hooks.py)."""
    end = body.rindex("</body>")
    start = body.rfind("<script>", 0, end)
    assert body[start:end].endswith("</script>"), "no live-reload script before </body>"
    return _CSP.sub("", body[:start] + body[end:], count=1)


def test_make_serve_after_an_edit_serves_what_a_full_build_makes(project, tmp_path):
    """`make serve` (with the Makefile's own arguments: --dirty) rebuilds only what changed: first the
    pages that read the edited report (a quick build, which serves the edited page at once), then, when
    the editing pauses, everything else that shows it (the catch-up build). Every page it then serves
    must be the page a full build of the edited data makes."""
    args = serve_args(PROJECT_ROOT)
    path = project / "data" / "reports" / f"{REPORT}.yaml"
    marker = "Zebra marker headline about volunteers"
    with MkDocsServe(project, args) as server:
        server.wait_for("Serving on")
        server.wait_for("Documentation built")
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^headline: .*$", f"headline: {marker}", text, count=1, flags=re.MULTILINE),
                        encoding="utf-8")
        server.wait_for("quick build:")
        status, page = server.get(f"reports/{REPORT}/")
        assert status == 200 and marker in page  # (served after the quick build, or after the catch-up)
        server.wait_for("dirty build:", 2)  # the first build, then the catch-up build
        fresh = build(project, tmp_path / "fresh", site_url=f"http://127.0.0.1:{server.port}/")
        assert fresh.returncode == 0, fresh.output
        built = _files(fresh.site)
        stale = []
        for name, body in sorted(built.items()):
            if not name.endswith(".html") or name == "404.html":
                continue
            status, served = server.get(name.removesuffix("index.html"))
            assert status == 200, name
            if _served_html(served) != _CSP.sub("", body.decode("utf-8"), count=1):
                stale.append(name)
        status, index = server.get("search/search_index.json")
    assert not stale, f"make serve served pages that differ from a full build: {stale}"
    assert marker in _pages(built)[f"reports/{REPORT}/"]
    served_docs = sorted(json.dumps(d, sort_keys=True) for d in json.loads(index)["docs"])
    built_docs = sorted(json.dumps(d, sort_keys=True) for d in json.loads(built["search/search_index.json"])["docs"])
    assert served_docs == built_docs
    assert "building every page again" not in server.output  # only a report changed: a dirty build
    first = server.output.index("dirty build:")  # the whole first build, the quick one, then the catch-up
    assert first < server.output.index("quick build:") < server.output.index("dirty build:", first + 1)
    rendered, total = (int(n) for n in CACHE_LINE.findall(server.output)[-1])
    assert rendered < total / 2
