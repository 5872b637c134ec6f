"""Nothing from data runs in a reader's browser: links are http(s) only, text stays text, and a
Content-Security-Policy allows only the site's own scripts."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from htmlscan import effective_url, html_pages, parse, scheme, sha256_source
from hypothesis import given, settings, strategies as st
from markupsafe import escape
from pydantic import ValidationError
from sitebuild import build, copy_project
from testpaths import FIXTURES

from macros.claimkit import pages
from macros.claimkit.csp import inline_script_hashes
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import Source

TODAY = dt.date(2026, 11, 24)
URL_MESSAGE = "expected a web address starting with http:// or https://"

# --- links from data: http and https only ----------------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "https:javascript:alert(1)",
    "https:/javascript:alert(1)",
    "https:\\\\evil.example",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "//evil.example/x",
    "/\\evil.example",
    "http://",
    "https:// example.org",
    "https://",
    "https:///path",
    "https://example.org/\u2028javascript:alert(1)",
]


def report_with_url(url: str) -> str:
    return yaml.safe_dump({
        "id": "2024-01-05-example-gazette-link", "case": "example-case", "outlet": "example-gazette",
        "published": "2024-01-05",
        "headline": "A link", "language": "en", "summary": "A report whose link is hostile.", "url": url,
        "claims": [{"id": "one", "quote": "Widgets were shipped.", "claim": "Widgets were shipped.",
                    "status": "asserted"}],
    }, allow_unicode=True)


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=repr)
def test_links_from_data_must_be_http_or_https(valid_data, url):
    (valid_data / "reports" / "2024-01-05-example-gazette-link.yaml").write_text(report_with_url(url))
    with pytest.raises(DataError) as info:
        load_dataset(valid_data, today=TODAY)
    problems = [p for p in info.value.problems if p.file.endswith("link.yaml")]
    # (a control character or U+2028 in it is refused first, as in any field)
    assert [(p.path, URL_MESSAGE in p.message or "is not allowed in data files" in p.message)
            for p in problems] == [("url", True)], problems


def test_source_links_are_checked_too(valid_data):
    with (valid_data / "sources.yaml").open("a") as sources:
        sources.write("  - id: bad-link\n    name: Bad link\n    kind: unknown\n    description: x\n"
                      "    url: JAVASCRIPT:alert(1)\n")
    with pytest.raises(DataError) as info:
        load_dataset(valid_data, today=TODAY)
    assert any(p.path.endswith(".url") and URL_MESSAGE in p.message for p in info.value.problems)


def accepted_as_url(url: str) -> bool:
    try:
        Source.model_validate({"id": "x", "name": "X", "kind": "unknown", "description": "d", "url": url})
    except ValidationError:
        return False
    return True


url_like = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, b: a + b,
              st.sampled_from(["http://", "https://", "https:", "http:/", " https://", "javascript:",
                               "&#106;avascript:", "https://\t", "//", "HTTPS://", "https:\\\\"]),
              st.text(alphabet=st.characters(max_codepoint=0x2030), max_size=30)),
)


@settings(max_examples=300, deadline=None)
@given(url_like)
def test_any_accepted_url_is_http_or_https_to_a_browser(url):
    """What the model accepts, once escaped into href="" and read back by a browser, is http(s)."""
    if not accepted_as_url(url):
        return
    stored = url.strip()  # the model strips surrounding white space
    href = str(escape(stored))
    assert re.fullmatch(r'[^"<>]*', href), "an attribute value must not be able to close its quotes"
    assert scheme(stored) in ("http", "https"), stored
    assert effective_url(stored).split(":", 1)[1].startswith("//"), stored


# --- hostile text and links in a real build -------------------------------------

HOSTILE_SOURCE = """\
  - id: hostile-herald
    name: "<script>alert(3)</script> {{ 8*8 }} Hostile Herald"
    kind: newspaper
    description: "{% raw %}<img src=x onerror=alert(4)>{% endraw %} [x](javascript:alert(5)) __dunder__"
    url: "https://example.org/\\"onmouseover=\\"alert(6)\\"<script>alert(7)</script>"
"""
HOSTILE_MEASURE = """\
  - id: hostile-measure
    label: "<b>bold</b> {{ 9*9 }} widgets"
    unit: "<i>units</i> {{ 9*9 }}"
"""
HOSTILE_REPORT = """\
id: 2024-02-02-hostile-herald-links
case: example-case
outlet: hostile-herald
published: 2024-02-02
headline: "Links {{ 8*8 }} <svg onload=alert(8)>"
language: en
url: "https://example.org/a?b=\\"><script>alert(9)</script>"
archive_url: "https://example.org/'onfocus='alert(10)'"
summary: "javascript:alert(11) {{ self.__init__.__globals__ }}"
claims:
  - id: payload
    quote: "Over 5 <i>widgets</i> {{ 9*9 }} were shipped, reportedly."
    claim: "{{ lipsum() }} <iframe src=javascript:alert(12)>"
    status: attributed
    quantities:
      - measure: hostile-measure
        value: 5
        qualifier: over
        as_printed: Over 5
    attribution:
      - source: hostile-herald
        how: citing
    cues:
      - text: reportedly
        category: hearsay
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "p", data=FIXTURES / "valid")
    data = project / "data"
    with (data / "sources.yaml").open("a") as f:
        f.write(HOSTILE_SOURCE)
    with (data / "measures.yaml").open("a") as f:
        f.write(HOSTILE_MEASURE)
    (data / "reports" / "2024-02-02-hostile-herald-links.yaml").write_text(HOSTILE_REPORT)
    shutil.copy(next((FIXTURES / "hostile").glob("*.yaml")), data / "reports")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (project / "PWNED").exists()
    return result.site


def test_hostile_sources_measures_and_links_stay_text_everywhere(hostile_site):
    raw = {p: p.read_text() for p in hostile_site.rglob("*.html")}
    everything = "\n".join(raw.values())
    assert "{{ 8*8 }} Hostile Herald" in everything and "64 Hostile Herald" not in everything
    assert "{{ 9*9 }} widgets" in everything and "81 widgets" not in everything
    assert "{% raw %}" in everything and "Links {{ 8*8 }}" in everything
    for marker in ["<script>alert(", "<img src=x", "<svg onload", "<iframe", "<b>bold</b>", "<i>units</i>",
                   "<i>widgets</i>", "<strong>dunder</strong>"]:
        assert marker not in everything, marker
    for path, text in raw.items():
        for title in re.findall(r"<title>(.*?)</title>", text, re.DOTALL):
            assert "<" not in title, f"{path}: markup in <title>: {title}"


def test_no_event_handlers_or_script_urls_in_any_page(hostile_site):
    for page in html_pages(hostile_site):
        for element in page.elements:
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, f"{page.path}: <{element.tag} {handlers}>"
            for attr in ("href", "src", "action", "formaction", "data", "poster"):
                if attr in element.attrs:
                    found = scheme(element.attrs[attr])
                    allowed = {None, "http", "https", "mailto"}
                    if element.tag == "img":
                        allowed.add("data")
                    assert found in allowed, f"{page.path}: <{element.tag} {attr}={element.attrs[attr]!r}>"
        for script in page.inline_scripts():
            assert "alert(" not in script.text, f"{page.path}: data reached a script"


def test_hostile_link_stays_one_attribute(hostile_site):
    page = parse(hostile_site / "reports" / "2024-02-02-hostile-herald-links" / "index.html")
    hrefs = [a.attrs["href"] for a in page.find("a")
             if a.attrs.get("href", "").startswith("https://example.org/")]
    assert 'https://example.org/a?b="><script>alert(9)</script>' in hrefs
    assert "https://example.org/'onfocus='alert(10)'" in hrefs


# --- external links and the Content-Security-Policy of the real site ------------


def data_pages(site: Path):
    folders = {folder for folder, _ in pages.SECTIONS.values()}
    return [p for p in html_pages(site) if p.path.relative_to(site).parts[0] in folders]


def test_every_external_link_from_data_has_noopener_noreferrer(real_site, hostile_site):
    checked = 0
    for site in (real_site, hostile_site):
        for page in data_pages(site):
            for a in page.find("a"):
                if a.in_content and scheme(a.attrs.get("href", "")) in ("http", "https"):
                    rel = set(a.attrs.get("rel", "").split())
                    assert {"noopener", "noreferrer"} <= rel, f"{page.path}: {a.attrs}"
                    checked += 1
    assert checked >= 3, "expected external links to check (report and source URLs)"


def test_every_page_has_a_strict_content_security_policy(real_site):
    for page in html_pages(real_site):
        policy = page.csp
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
        script_src = policy["script-src"]
        assert script_src[0] == "'self'"
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s) for s in script_src[1:]), script_src
        for name, values in policy.items():
            assert not any(v in ("*", "'unsafe-inline'", "'unsafe-eval'", "http:", "https:") or "." in v
                           for v in values if not v.startswith("'sha256-")), (name, values)


def test_csp_comes_first_and_allows_exactly_what_the_page_runs(real_site):
    for page in html_pages(real_site):
        first = next(i for i, e in enumerate(page.elements) if e.tag == "meta" and e.attrs.get("http-equiv"))
        loads = [i for i, e in enumerate(page.elements) if e.tag in ("script", "style")
                 or (e.tag == "link" and "stylesheet" in e.attrs.get("rel", ""))]
        assert first < min(loads), f"{page.path}: the policy must come before any script or style"
        allowed = set(page.csp["script-src"])
        for script in page.inline_scripts():
            assert sha256_source(script.text) in allowed, f"{page.path}: script not allowed:\n{script.text}"
        for script in page.find("script"):
            assert not script.attrs.get("src", "").startswith(("http:", "https:", "//")), script.attrs
        # CSP blocks inline styles: none may be relied on.
        assert not page.find("style"), f"{page.path}: <style> would be blocked by style-src 'self'"
        assert not [e for e in page.elements if "style" in e.attrs], f"{page.path}: style= would be blocked"


def test_search_worker_and_index_come_from_the_site(real_site):
    import json

    for page in html_pages(real_site):
        config = json.loads(next(e for e in page.find("script") if e.attrs.get("id") == "__config").text)
        assert scheme(config["search"]) is None and not config["search"].startswith("//"), config["search"]
    assert (real_site / "search" / "search_index.json").exists()


def test_script_hash_filter_hashes_only_attributeless_inline_scripts():
    fragment = ('<script>a()</script>\n<script src="x.js"></script>'
                '<script id="j" type="application/json">{}</script>')
    assert inline_script_hashes(fragment) == sha256_source("a()")
    assert inline_script_hashes("<script>a()</script><script>a()</script>") == sha256_source("a()")
