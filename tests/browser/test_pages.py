"""Every page type in a real browser: privacy, keyboard, errors, layout. (Accessibility: axe-core runs on
every built page, not one per type, in test_axe_every_page.py.)"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from pagetypes import PAGE_TYPES, SCREENSHOTS


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_only_the_local_server_is_contacted_and_nothing_errs(page, site_url, kind):
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    local = urlparse(site_url).netloc
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).netloc != local]
    assert requests, "no request was recorded"
    assert not foreign, foreign
    assert not errors, errors


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_layout_screenshots(browser, site_url, kind, width):
    """Saves screenshots (screenshots/, not committed) and checks nothing overflows sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[kind])
    # charts load lazily: scroll through the page so the screenshot shows them. Scrolled from here, not
    # by a loop of page timers: Chromium throttles the timers of a page it deems hidden to one a minute.
    height = page.evaluate("document.body.scrollHeight")
    for y in range(0, min(height, 60_000), 600):
        page.evaluate("y => window.scrollTo(0, y)", y)
        page.wait_for_timeout(20)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 1, f"page is {overflow}px wider than the {width}px screen"


def _answers(page, url):
    """A report page with its annotated quotes: past "Try it first" (tests/browser/test_practice_view.py)."""
    page.goto(url)
    page.locator(".ck-practice [data-action=skip]").press("Enter")  # the mouse stays put: hover shows tips too


def test_keyboard_reaches_every_cue_and_shows_its_explanation(page, site_url):
    _answers(page, site_url + PAGE_TYPES["report"])
    cues = page.locator(".ck-quote .ck-cue")
    count = cues.count()
    assert count >= 10
    reached = set()
    for _ in range(count + 200):  # Tab through the page; every cue must take focus
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || !el.classList.contains('ck-cue')) return null;
            const definition = document.getElementById(el.getAttribute('aria-describedby'));
            const tip = el.querySelector(':scope > .ck-cue-tip');
            const outline = getComputedStyle(el).outlineStyle;
            const index = [...document.querySelectorAll('.ck-quote .ck-cue')].indexOf(el);
            return {index, definition: definition ? definition.textContent : null,
                    tip: tip && getComputedStyle(tip).display !== 'none' ? tip.textContent : null, outline};
        }""")
        if info:
            assert info["definition"], "a cue points at no definition"
            assert info["tip"] and info["definition"] in info["tip"], "the explanation is not shown while the cue has focus"
            assert info["outline"] != "none", "focus is not visible"
            reached.add(info["index"])
        if len(reached) == count:
            break
    assert len(reached) == count, f"keyboard reached {len(reached)} of {count} cues"


def test_each_definition_is_written_once_per_page(page, site_url):
    page.goto(site_url + PAGE_TYPES["report"])
    ids = page.evaluate("[...document.querySelectorAll('.ck-quote .ck-cue')].map(c => c.getAttribute('aria-describedby'))")
    assert len(ids) > len(set(ids))  # several cues share one definition
    for definition in set(ids):
        assert page.locator(f"[id='{definition}']").count() == 1


def test_hover_shows_the_cue_explanation(page, site_url):
    _answers(page, site_url + PAGE_TYPES["report"])
    cue = page.locator(".ck-quote .ck-cue").first
    assert cue.locator(".ck-cue-tip").count() == 0
    cue.hover()
    tip = cue.locator(".ck-cue-tip")
    assert tip.is_visible()
    assert ":" in tip.inner_text()
    page.mouse.move(0, 0)
    assert cue.locator(".ck-cue-tip").count() == 0


def test_search_finds_a_report(page, site_url):
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Korotchenko", delay=20)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert any("reports/2022-08-dh-thousands-of-volunteers-offered/" in (h or "") for h in links), links


def test_collapsible_legend_opens(page, site_url):
    _answers(page, site_url + PAGE_TYPES["report"])
    legend = page.locator("details.ck-legend").first
    assert legend.get_attribute("open") is None
    legend.locator("summary").click()
    assert legend.get_attribute("open") is not None
    assert legend.locator("li").first.is_visible()
