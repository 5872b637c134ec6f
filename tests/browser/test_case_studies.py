"""Case studies in a real browser: a reader moves between the cases, and the new pages pass axe on a
phone and a desktop screen. The tests name no case: they follow whatever cases the data lists."""

from __future__ import annotations

import pytest
from testpaths import PROJECT

from macros.claimkit.loader import load_dataset

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def test_a_reader_moves_from_home_to_a_case_to_a_report_and_back(page, site_url, dataset):
    for case in dataset.cases.values():
        page.goto(site_url)
        page.get_by_role("link", name=case.title, exact=True).first.click()
        page.wait_for_url(f"{site_url}cases/{case.id}/")
        assert page.locator("h1").inner_text() == case.title
        # the case's reports, in the order they were published, and only those
        links = page.locator(".ck-case-reports a")
        expected = [r.title for r in dataset.reports_of(case.id)]
        assert links.all_inner_texts() == expected
        links.first.click()
        first = dataset.reports_of(case.id)[0]
        page.wait_for_url(f"{site_url}reports/{first.id}/")
        line = page.locator(".ck-case-line a")
        assert line.inner_text() == case.short and line.get_attribute("title") == case.title
        line.click()
        page.wait_for_url(f"{site_url}cases/{case.id}/")
        # and on to the other cases from there
        others = [c for c in dataset.cases.values() if c.id != case.id]
        for other in others:
            assert page.get_by_role("link", name=other.title, exact=True).count() == 1


def test_the_reports_index_jumps_to_each_case(page, site_url, dataset):
    page.goto(site_url + "reports/")
    jump = page.get_by_role("navigation", name="Cases on this page")
    for case in dataset.cases.values():
        jump.get_by_role("link", name=case.short, exact=True).click()
        heading = page.locator(f"#case-{case.id}")
        assert heading.inner_text() == case.title
        assert heading.is_visible()
        rows = page.locator(f"section[aria-labelledby='case-{case.id}'] td[data-label='Headline'] a")
        assert sorted(rows.all_inner_texts()) == sorted(r.title for r in dataset.reports_of(case.id))


def test_a_right_to_left_quote_reads_right_to_left(page, site_url, dataset):
    """A report in a right-to-left language: its quotes carry lang and dir, and lay out from the right."""
    rtl = [r for r in dataset.reports if r.language in {"he", "ar", "fa", "ur", "yi"}]
    if not rtl:
        pytest.skip("the project data has no report in a right-to-left language")
    report = rtl[0]
    page.goto(f"{site_url}reports/{report.id}/")
    page.locator(".ck-practice [data-action=skip]").press("Enter")
    quote = page.locator(".ck-claim .ck-quote").first
    assert quote.get_attribute("lang") == report.language and quote.get_attribute("dir") == "rtl"
    assert quote.evaluate("q => getComputedStyle(q).direction") == "rtl"
    box = quote.bounding_box()
    # the quote's first letter (after the opening quotation mark) stands at the right of its box
    first = quote.locator("p").evaluate("""p => { const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const node = walk.nextNode(); const r = document.createRange(); r.setStart(node, 1); r.setEnd(node, 2);
        return r.getBoundingClientRect().left; }""")
    assert first > box["x"] + box["width"] / 2, "the quote does not start on the right"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("where", ["", "cases/", "case", "reports/", "trackers/", "timeline/", "sources/", "charts/"])
def test_case_pages_have_no_serious_accessibility_violations(browser, site_url, dataset, where, width):
    from axe_playwright_python.sync_playwright import Axe

    urls = [f"cases/{c}/" for c in dataset.cases] if where == "case" else [where]
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    for url in urls:
        page.goto(site_url + url)
        page.evaluate("document.querySelectorAll('details.ck-fold').forEach(d => { d.open = true; })")  # folds too
        results = Axe().run(page)
        found += [f"{url}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                  for v in results.response["violations"] if v["impact"] in SERIOUS]
    context.close()
    assert not found, "\n".join(found)
