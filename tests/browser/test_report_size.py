"""Report pages are short on a phone: what a student needs first, the rest folded one click away.

Issue 14's limits, measured by tests/browser/pagesize.py (run it to print the numbers): at 390 x 844 px
with folded sections closed, every report page is at most 10 screens and 1,500 visible words, as it
opens (practice), after "Skip: show the answers", and with JavaScript off. After "Check my marks" the
page also lists the student's results; its size is printed, not limited (it depends on the marks).
"""

from __future__ import annotations

import pytest
from pagesize import MAX_SCREENS, MAX_WORDS, PHONE, measure_states
from testpaths import PROJECT

REPORT_IDS = sorted(p.stem for p in (PROJECT / "data" / "reports").glob("*.yaml"))
LIMITED = ("practice", "answers", "no-js")


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_every_report_page_fits_a_phone(browser, site_url, report_id):
    sizes = measure_states(browser, site_url + f"reports/{report_id}/")
    print(f"\n{report_id}: " + "; ".join(f"{state} {size}" for state, size in sizes.items()))
    for state in LIMITED:
        size = sizes[state]
        assert size.screens <= MAX_SCREENS, f"{state}: {size.screens} screens of {PHONE['height']} px"
        assert size.words <= MAX_WORDS, f"{state}: {size.words} visible words"
    assert sizes["practice"].words < sizes["answers"].words, "practice shows less than the answers"


def test_folded_sections_are_in_the_page_closed_and_open_on_paper(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + f"reports/{REPORT_IDS[0]}/")
    folds = page.locator("details.ck-fold")
    labels = [s.strip() for s in folds.locator("summary").all_inner_texts()]
    assert labels[0].startswith("Facts:") and any(s.startswith("Earlier claims") for s in labels)
    assert any(s.startswith("Sources cited, with their grades") for s in labels)
    assert all(f.get_attribute("open") is None for f in folds.all())
    screen = page.evaluate("document.querySelector('.md-content').innerText")
    assert "Admiralty scale" not in screen and "Resting on unnamed or vague sources" not in screen
    content = page.evaluate("document.querySelector('.md-content').textContent")
    assert "Admiralty scale" in content and "Resting on unnamed or vague sources" in content, "folded, not left out"

    page.emulate_media(media="print")
    paper = page.evaluate("document.querySelector('.md-content').innerText")
    assert "Admiralty scale" in paper and "Resting on unnamed or vague sources" in paper, "print opens every fold"
    assert "Try it first" not in paper and "Check my marks" not in paper, "no practice controls on paper"
    printed_cues = page.evaluate("""[...document.querySelectorAll('.ck-quote .ck-cue')]
        .filter(c => c.getBoundingClientRect().width > 0).length""")
    assert printed_cues >= 10, "the annotated quotes print, even while practising"
    context.close()
