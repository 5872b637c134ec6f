"""The offline classroom bundle (`make offline`): a zip of the site that works opened from disk.

The bundle is built once per session by the real command (scripts/offline_bundle.py with
mkdocs.offline.yml) from a copy of the project, unzipped into a temporary folder, and read
by Chromium from file:// URLs: pages, links, search and quizzes, with nothing fetched from
anywhere but the unzipped files. Every link and anchor in it is checked by LinkChecker in
tests/test_site.py.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from htmlscan import html_pages, leaves_the_site, parse, sha256_source
from sitebuild import offline_bundle

# The site's own privacy checks, applied to the bundle (helpers shared with tests/test_privacy.py).
from test_privacy import KNOWN_LOADERS, fetched_urls_in_html, loadable_urls_in_js
from testpaths import PROJECT

FOLDER = "reading-war-claims"
REPORT = "reports/2022-08-dh-thousands-of-volunteers-offered.html"
REPORT_HEADLINE = "Thousands of volunteers offered to fight in Ukraine"


# bundle_zip, the zip built once per session, is in tests/conftest.py (tests/test_site.py checks its
# links and anchors with LinkChecker from file://).


@pytest.fixture(scope="session")
def bundle(bundle_zip, tmp_path_factory) -> Path:
    """The unzipped bundle, as a teacher would have it: the folder holding index.html."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(target)
    return target / FOLDER


@pytest.fixture
def offline_page(browser):
    """A fresh browser profile that records every request, console error and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    context.on("request", lambda r: page.requests.append(r.url))  # the page and its frames (search worker)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def _left_file_urls(requests: list[str]) -> list[str]:
    return [u for u in requests if urlsplit(u).scheme not in ("file", "data", "about", "blob")]


def test_the_offline_config_keeps_the_site_plugins_and_adds_offline():
    """INHERIT replaces lists whole: mkdocs.offline.yml repeats mkdocs.yml's plugins, which must not drift."""
    # BaseLoader: every value as text, and MkDocs' own tags (site_url: !ENV SITE_URL) are no error
    site = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    offline = yaml.load((PROJECT / "mkdocs.offline.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert offline["INHERIT"] == "mkdocs.yml"
    assert [p for p in offline["plugins"] if p != "offline"] == site["plugins"]
    assert "offline" in offline["plugins"]
    assert "hooks" not in offline and "use_directory_urls" not in offline  # inherited / set by the plugin


# --- the zip itself ---------------------------------------------------------------------------


def test_the_zip_holds_one_folder_with_the_whole_site(bundle_zip):
    with zipfile.ZipFile(bundle_zip) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert all(n.startswith(f"{FOLDER}/") for n in names), "everything unzips into one folder"
    for needed in ("index.html", "README.txt", REPORT, "lessons/lesson-1.html", "worksheets/lesson-1.html",
                   "teachers/lesson-1.html", "search/search_index.js", "assets/iframe-worker-shim.js",
                   "assets/quiz.js", "data/claims.csv", "present/lesson-1.html", "assets/present.js"):
        assert f"{FOLDER}/{needed}" in names, needed
    assert not [n for n in names if n.endswith(".map")], "source maps are left out"
    folders = [n for n in names if re.fullmatch(rf"{FOLDER}/reports/[^/]+/index\.html", n)]
    assert not folders, "pages are files (use_directory_urls: false), not folders"


def test_the_bundle_loads_nothing_from_another_host_and_keeps_the_policy(bundle):
    """The checks tests/test_privacy.py and tests/test_safety.py make on the site, on the bundle."""
    pages = html_pages(bundle)
    assert len(pages) > 50
    for page in pages:
        fetched = [u for u in fetched_urls_in_html(page) if leaves_the_site(u)]
        assert not fetched, f"{page.path.name} loads {fetched}"
        policy = page.csp
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
        assert policy["default-src"] == ["'self'"]
        for script in page.inline_scripts():
            assert sha256_source(script.text) in policy["script-src"], f"{page.path.name}: blocked:\n{script.text}"
    for script in bundle.rglob("*.js"):
        unknown = set(loadable_urls_in_js(script.read_text(encoding="utf-8"))) - set(KNOWN_LOADERS)
        assert not unknown, f"{script.name} could load {unknown}"
    assert "unpkg.com" not in (bundle / "index.html").read_text(encoding="utf-8")
    shim = [e.attrs["src"] for e in parse(bundle / "index.html").find("script") if "iframe-worker" in e.attrs.get("src", "")]
    assert shim == ["assets/iframe-worker-shim.js"], "the site's own search-worker shim, not the CDN's"


def test_a_failed_build_leaves_the_previous_bundle_as_it_was(bundle_zip, tmp_path):
    output = tmp_path / "bundle.zip"
    shutil.copy(bundle_zip, output)
    before = output.read_bytes()
    done = offline_bundle(tmp_path / "missing", output)  # no config there: mkdocs fails
    assert done.returncode != 0
    assert "left as it was" in done.stderr
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.zip"], "no partial files left behind"


# --- the bundle in a browser, from file:// ----------------------------------------------------


def test_pages_and_links_work_from_disk_without_the_network(offline_page, bundle):
    page = offline_page
    page.goto((bundle / "index.html").as_uri())
    assert page.title() == "Reading war claims"
    assert page.locator("h1").first.is_visible()

    # Follow links as a student would: home -> all reports -> one report -> its first source.
    page.locator(".md-content a", has_text="All reports, by case").click()
    page.wait_for_load_state()
    assert page.url == (bundle / "reports" / "index.html").as_uri()
    page.locator(".md-content a", has_text=REPORT_HEADLINE).first.click()
    page.wait_for_load_state()
    assert page.url == (bundle / REPORT).as_uri()
    assert REPORT_HEADLINE in page.locator(".md-content h1").first.inner_text()
    assert page.locator(".ck-quote .ck-cue").count() >= 10
    page.locator(".ck-practice [data-action=skip]").click()  # past "Try it first", to the annotated page
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", \
        "Material's CSS loaded"
    source = page.locator(".md-content a[href^='../sources/']").first
    source_name = source.inner_text()
    source.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and page.url.endswith(".html")
    assert source_name in page.locator(".md-content h1").first.inner_text()

    page.goto((bundle / "lessons" / "lesson-1.html").as_uri())
    assert "Who is speaking" in page.locator(".md-content h1").first.inner_text()
    page.goto((bundle / "charts.html").as_uri())
    page.evaluate("document.querySelectorAll('details.ck-fold').forEach(d => { d.open = true; })")  # trackers' charts
    images = page.locator(".md-content img")
    assert images.count() >= 5
    for i in range(images.count()):  # loading="lazy": each loads when scrolled to
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete", arg=image.element_handle(), timeout=5000)
        assert image.evaluate("img => img.naturalWidth") > 0, f"chart {image.get_attribute('src')} did not load"

    assert page.requests, "no request was recorded"
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors  # a Content-Security-Policy refusal is a console error too


def test_search_works_from_disk(offline_page, bundle):
    page = offline_page
    page.goto((bundle / "lessons" / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("thousands of volunteers offered", delay=20)  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    hits = page.locator(".md-search-result__link")
    hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    report = (bundle / REPORT).as_uri()
    assert any(h.split("?")[0].split("#")[0] == report for h in hrefs), hrefs
    page.locator(f".md-search-result__link[href^='{report}']").first.click()
    page.wait_for_load_state()
    assert REPORT_HEADLINE in page.locator(".md-content h1").first.inner_text()
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors


def test_practice_on_a_report_page_works_from_disk(offline_page, bundle):
    """Try it first, from file://: mark a word, check, and the score is kept in this browser only."""
    page = offline_page
    page.goto((bundle / REPORT).as_uri())
    claim = page.locator(".ck-claim").nth(1)  # “According to the New York Post, Russian state media revealed ...”
    claim.locator(".ck-w").first.click()
    assert claim.locator(".ck-mark-summary").inner_text() == "You have marked: “According”."
    page.locator(".ck-practice-end [data-action=check]").click()
    key = json.loads(claim.get_attribute("data-practice"))
    assert f"Your marks: 1 of {len(key['cues'])} cues found." in claim.locator(".ck-practice-result").inner_text()
    assert "Your score: 1 of" in page.locator(".ck-practice__score").inner_text()
    page.reload()
    assert "Your score: 1 of" in page.locator(".ck-practice__score").inner_text()
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors


def test_a_quiz_answer_gives_feedback_from_disk(offline_page, bundle):
    page = offline_page
    page.goto((bundle / "lessons" / "lesson-2.html").as_uri())
    question = page.locator('[data-question="perhaps"]')
    question.locator(".ck-q__option", has_text="Possibility").click()
    feedback = question.locator(".ck-q__feedback")
    assert feedback.is_visible()
    assert feedback.inner_text().startswith("Right.")
    assert "not that it happened" in feedback.inner_text()  # the explanation of why
    assert "1 right out of 1 answered" in page.locator("#quiz-lesson-2 .ck-quiz__score").inner_text()
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors


def test_the_projector_view_works_from_disk(offline_page, bundle):
    page = offline_page
    page.goto((bundle / "present" / "lesson-1.html").as_uri())
    current = "document.querySelector('.ck-slide.is-current')"
    assert page.evaluate(f"{current}.id") == "slide-1"
    assert page.locator(".ck-slide").filter(visible=True).count() == 1
    while page.evaluate(f"{current}.classList.contains('ck-slide--exercise')") is False:
        page.keyboard.press("ArrowRight")
    answer = page.locator(".ck-slide.is-current details.ck-slide__answer")
    assert answer.get_attribute("open") is None
    page.keyboard.press("a")
    assert answer.get_attribute("open") is not None
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors


def test_the_check_the_class_page_and_lateral_reading_work_from_disk(offline_page, bundle):
    """A form taken from file:// gives a code; the class page reads it; lateral reading gives feedback."""
    page = offline_page
    page.goto((bundle / "check" / "after.html").as_uri())
    questions = page.locator(".ck-cq")
    assert questions.count() >= 8
    for i in range(questions.count()):
        questions.nth(i).locator("input").first.check()
    page.get_by_role("button", name="Finish and get my code").click()
    code = page.input_value(".ck-check__code")
    assert code.startswith("RWC1 ")
    page.goto((bundle / "teachers" / "class-results.html").as_uri())
    page.locator("#class-codes").fill(code + "\n" + code[:-3])
    page.get_by_role("button", name="Show class results").click()
    assert page.locator(".ck-class__summary").inner_text().startswith("1 code counted: 0 before the lessons, 1 after.")
    assert "Line 2: the code is" in page.locator(".ck-class__problems").inner_text()
    page.goto((bundle / "lessons" / "lesson-6.html").as_uri())
    box = page.locator("#ex-pentagon-search")
    box.locator("input[type=radio]").first.check()
    box.get_by_role("button", name="Check my choice").click()
    assert box.locator(".ck-lateral__feedback").inner_text().startswith("✗ You chose")
    assert box.locator("details.ck-answer").is_visible()
    assert not _left_file_urls(page.requests), _left_file_urls(page.requests)
    assert not page.errors, page.errors
