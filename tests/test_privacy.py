"""Privacy: a reader's browser requests nothing from another host.

The real project is built once per session (conftest.real_site), and every HTML,
CSS and JS file is scanned for what a browser would *fetch*: script, style,
icon and preload links, images, frames, media, CSS url() and @import, and the
URLs scripts hand to a loader. Plain <a href> links to original articles are
navigation, not requests, and are allowed.

Material's bundle does contain loaders for other hosts, each behind a
condition; KNOWN_LOADERS lists them with the check that the condition is not
met here. Any other URL that a script could load fails the test.
"""

from __future__ import annotations

import re

import yaml
from htmlscan import Page, html_pages, leaves_the_site, parse
from testpaths import PROJECT

# Link relations that only name a URL; every other <link> may be fetched (stylesheet, icon,
# preconnect, dns-prefetch, preload, prefetch, modulepreload, manifest, and next/prev in some browsers).
NOT_FETCHED_RELS = {"canonical", "alternate"}
FETCHING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "video": ["src", "poster"],
    "audio": ["src"], "track": ["src"], "iframe": ["src"], "frame": ["src"], "embed": ["src"],
    "object": ["data"], "input": ["src"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
    "feimage": ["href", "xlink:href"], "body": ["background"], "table": ["background"], "td": ["background"],
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE | re.DOTALL)
# A URL with a host at the start of a JS string literal: what fetch(), XHR, importScripts(),
# new Worker() or a <script src> loader is handed. URLs inside comments and messages are not loads.
JS_LOADABLE = re.compile(
    r"""["'`]((?:https?:)?//(?:\$\{[^}]*\}|[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})[^"'`\s]*)"""
)

KNOWN_LOADERS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "mermaid",
    "https://unpkg.com/resize-observer-polyfill": "old-browser",
    "https://api.github.com/repos/${e}/${t}": "repository",
    "https://api.github.com/users/${e}": "repository",
    "https://${e}/api/v4/projects/${encodeURIComponent(t)}": "repository",
}


def fetched_urls_in_html(page: Page) -> list[str]:
    urls: list[str] = []
    for element in page.elements:
        if element.tag == "link" and not set(element.attrs.get("rel", "").lower().split()) & NOT_FETCHED_RELS:
            urls.append(element.attrs.get("href", ""))
        for attribute in FETCHING_ATTRIBUTES.get(element.tag, []):
            value = element.attrs.get(attribute, "")
            urls += [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in attribute \
                else [value]
        if element.tag == "meta" and element.attrs.get("http-equiv", "").lower() == "refresh":
            urls.append(element.attrs.get("content", "").partition("url=")[2])
        if "style" in element.attrs:
            urls += fetched_urls_in_css(element.attrs["style"])
        if element.tag == "style":
            urls += fetched_urls_in_css(element.text)
    return [u for u in urls if u]


def fetched_urls_in_css(css: str) -> list[str]:
    return [m[2] or m[4] for m in CSS_URL.finditer(css)]


def loadable_urls_in_js(js: str) -> list[str]:
    return JS_LOADABLE.findall(js)


# --- the scanners find what they should ---------------------------------------------


def test_scanners_catch_third_party_requests(tmp_path):
    page = tmp_path / "x.html"
    page.write_text(
        '<html><head><link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="stylesheet" href="//cdn.example/x.css">'
        '<link rel="canonical" href="https://site.example/">'
        '<style>@import "https://fonts.googleapis.com/css";</style></head>'
        '<body><img srcset="a.png 1x, https://img.example/b.png 2x"><a href="https://news.example/">ok</a>'
        '<div style="background: url(https://track.example/p.gif)"></div></body></html>'
    )
    found = [u for u in fetched_urls_in_html(parse(page)) if leaves_the_site(u)]
    assert sorted(found) == sorted([
        "https://fonts.gstatic.com", "//cdn.example/x.css", "https://img.example/b.png",
        "https://fonts.googleapis.com/css", "https://track.example/p.gif",
    ])
    assert fetched_urls_in_css("a{b:url('data:image/svg+xml;x')} @import url(//x.example/y.css);") == [
        "data:image/svg+xml;x", "//x.example/y.css"]
    js = 'fetch("https://api.example/v1");/* see https://docs.example */ x=`//cdn.example/${v}.js`;"a/b"'
    assert loadable_urls_in_js(js) == ["https://api.example/v1", "//cdn.example/${v}.js"]


# --- the real site ----------------------------------------------------------------------


def test_html_pages_fetch_nothing_from_another_host(real_site):
    offending = []
    for page in html_pages(real_site):
        offending += [f"{page.path.relative_to(real_site)}: {u}" for u in fetched_urls_in_html(page)
                      if leaves_the_site(u)]
    assert not offending, "\n".join(offending)


def test_stylesheets_fetch_nothing_from_another_host(real_site):
    stylesheets = sorted(real_site.rglob("*.css"))
    assert stylesheets
    offending = [f"{p.relative_to(real_site)}: {u}" for p in stylesheets
                 for u in fetched_urls_in_css(p.read_text(encoding="utf-8")) if leaves_the_site(u)]
    assert not offending, "\n".join(offending)


def test_scripts_load_nothing_from_another_host_unless_a_feature_we_do_not_use_asks(real_site):
    scripts = sorted(real_site.rglob("*.js"))
    assert any("bundle" in p.name for p in scripts) and any("search" in p.name for p in scripts)
    found: dict[str, set[str]] = {}
    for path in scripts:
        for url in loadable_urls_in_js(path.read_text(encoding="utf-8")):
            found.setdefault(url, set()).add(str(path.relative_to(real_site)))
    unknown = {url: files for url, files in found.items() if url not in KNOWN_LOADERS}
    assert not unknown, f"scripts that could load from another host: {unknown}"

    conditions = {KNOWN_LOADERS[url] for url in found}
    everything = "\n".join(p.read_text(encoding="utf-8") for p in real_site.rglob("*.html"))
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    if "repository" in conditions:  # repository facts: only with repo_url set
        assert config.get("repo_url") in (None, "", "null", "~"), "repo_url: Material calls the GitHub API"
        assert 'data-md-component="source"' not in everything
    if "mermaid" in conditions:  # the Mermaid library: only for pages with diagrams
        assert 'class="mermaid"' not in everything
    if "old-browser" in conditions:  # a ResizeObserver polyfill: blocked by the policy in any case
        for page in html_pages(real_site):
            assert not [s for s in page.csp["script-src"] if leaves_the_site(s.strip("'"))]


def test_no_web_fonts_or_analytics_configured():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    theme = config["theme"]
    assert theme.get("font") == "false", "Material fetches Google Fonts unless font: false"
    assert "analytics" not in config.get("extra", {}) and "consent" not in config.get("extra", {})
